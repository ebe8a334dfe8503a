"""User text is never rich text in Qt (issue 8, item 5), through the real main window: every text
field of the map holds markup, and every label, button, action, list item, scene item and tooltip
that shows it must show the characters themselves: no bold, no image loaded from a file, no
30,000 px window, ``&amp;`` as typed and ``&`` not eaten as a mnemonic."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPointF, Qt
from PySide6.QtGui import QAction, QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QTabBar,
    QToolTip,
    QWidget,
)

from app.io.mapsave import save_map
from app.model.events import Entity
from app.model.schema import Card, EmotionCurve, EmotionPoint, Lane, Link, Map, Persona, Stage, StageMetric
from app.widgets.plaintext import literal, no_mnemonic, plain_label
from tests.main_window_support import Windows
from tests.model_factory import small_map

MARK = "zzbold"
# the image would be 4,000 px square if rendered (today's code: the legend grows the window)
HOSTILE = (
    f'&amp;&lt;<b>{MARK}</b><img src="/nonexistent/jms-plain-text.png" width=4000 height=4000>'
    '<a href="https://example.invalid/">zzlink</a>'
)
SHOWN = f"&amp;&lt;<b>{MARK}</b><img src="  # what every display of HOSTILE shows (some cut it short)
FILE_NAME = f"a & <b>{MARK}<b> map.journey.json"  # the map's file name (no slash: "</b>" would be a folder)
SANE_PX = 3000

TEXT_FIELDS = {
    Map: ("title", "goal"),
    Persona: ("name", "role", "family", "goals", "interests", "habits", "needs", "frustrations", "quote",
              "segment", "region"),
    Stage: ("name", "description"),
    Lane: ("name",),
    Card: ("title", "body", "channel", "owner", "notes"),
    EmotionCurve: ("name",),
    EmotionPoint: ("quote",),
    Link: ("label",),
    StageMetric: ("name", "unit"),
}  # fmt: skip


def hostile_map() -> Map:
    m = small_map()
    curves = m.curves
    objs = [m, *m.personas, *m.stages, *m.lanes, *m.cards, *curves, *(p for c in curves for p in c.points),
            *m.links, *m.metrics]  # fmt: skip
    for obj in objs:
        for name in TEXT_FIELDS[type(obj)]:
            setattr(obj, name, HOSTILE)
    for card in m.cards:
        card.tags = [HOSTILE, "plain tag"]
    return Map.model_validate(m.model_dump())  # still a valid map


# ---------------------------------------------------------------- what the user sees
def html_shown(text: str) -> str:
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def guessed(text: str) -> str:
    """What a place that guesses the format (tooltips, message boxes) shows for ``text``."""
    return html_shown(text) if QtGuiNamespace.mightBeRichText(text) else text


def mnemonic_shown(text: str) -> str:
    """What a button, action or menu entry shows: ``&&`` is ``&``, ``&x`` is an underlined x."""
    return re.sub(r"&(.)", r"\1", text)


def label_shown(label: QLabel) -> str:
    fmt, text = label.textFormat(), label.text()
    if fmt == Qt.TextFormat.MarkdownText:
        doc = QTextDocument()
        doc.setMarkdown(text)
        return doc.toPlainText()
    if fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)):
        return html_shown(text)
    return mnemonic_shown(text) if label.buddy() is not None else text


def model_tips(view: QAbstractItemView) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    out = []
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            # hasIndex, not columnCount: a QListWidget's model (a QAbstractListModel) keeps columnCount private
            for col in range(64):
                if not model.hasIndex(row, col, parent):
                    break
                index = model.index(row, col, parent)
                for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole):
                    tip = model.data(index, role)
                    if isinstance(tip, str):
                        out.append((f"{type(view).__name__} row {row} {role.name}", guessed(tip)))
                if col == 0 and model.rowCount(index) > 0:  # hasChildren is private in list models too
                    pending.append(index)
    return out


def shown_texts(window) -> list[tuple[str, str]]:
    """(where, what the user sees) for every text of the window that Qt could render as markup."""
    out: list[tuple[str, str]] = []
    for w in [window, *window.findChildren(QWidget)]:
        name = f"{type(w).__name__} {w.objectName()!r}"
        for kind, tip in (("tooltip", w.toolTip()), ("what's this", w.whatsThis())):
            if tip:
                out.append((f"{name} {kind}", guessed(tip)))
        if isinstance(w, QLabel):
            out.append((name, label_shown(w)))
        elif isinstance(w, QAbstractButton):
            out.append((name, mnemonic_shown(w.text())))
        elif isinstance(w, QAbstractItemView):
            out.extend(model_tips(w))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                out.append((f"{name} tab {i}", mnemonic_shown(w.tabText(i))))
                out.append((f"{name} tab {i} tooltip", guessed(w.tabToolTip(i))))
    for act in window.findChildren(QAction):
        out.append((f"action {act.text()!r}", mnemonic_shown(act.text())))
        out.append((f"action {act.text()!r} tooltip", guessed(act.toolTip())))
    for item in window.scene.items():
        if item.toolTip():
            out.append((f"scene item {type(item).__name__}", guessed(item.toolTip())))
    return out


def check(texts: list[tuple[str, str]]) -> list[str]:
    """The places showing map text; fails on any that shows it as markup."""
    bad = [(where, shown) for where, shown in texts if MARK in shown and SHOWN not in shown and FILE_NAME not in shown]
    assert not bad, bad
    return [where for where, shown in texts if MARK in shown]


def quote_tooltip(window) -> str:
    """Hover the first curve point: the curve tool shows its quote as a tooltip."""
    item = next(iter(window.scene.curve_items.values()))
    cp = item.geo.points[0]
    vp = window.view.viewport()
    p = window.view.mapFromScene(QPointF(cp.x, cp.y))
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, p, vp.mapToGlobal(p)))
    assert QToolTip.isVisible()
    text = QToolTip.text()
    QToolTip.hideText()
    return text


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / FILE_NAME
    save_map(hostile_map(), path, backup=False)
    w = Windows(qtbot, tmp_path).make(path=path)
    qtbot.wait(50)
    return w


# ---------------------------------------------------------------- tests
def test_every_display_of_map_text_in_the_window_is_plain(window):
    m = window.session.doc.map
    places = set()
    selections = [
        [],
        [(Entity.CARD, m.cards[0].id)],
        [(Entity.STAGE, m.stages[0].id)],
        [(Entity.LANE, m.lanes[0].id)],
        [(Entity.PERSONA, m.personas[0].id)],
        [(Entity.CURVE, m.curves[0].id)],
        [(Entity.POINT, m.curves[0].points[0].id)],
        [(Entity.LINK, m.links[0].id)],
        [(Entity.METRIC, m.metrics[0].id)],
        [(Entity.CARD, c.id) for c in m.cards[:3]],
    ]
    for chosen in selections:
        window.selection.set(chosen)
        QApplication.processEvents()
        places.update(check(shown_texts(window)))
    # the places known to show map text are among those checked (the walk is not empty)
    legend_labels = {f"QLabel {''!r}"} & places
    assert legend_labels, sorted(places)
    assert any(p.startswith("QListWidget row") and "ToolTipRole" in p for p in places), sorted(places)
    assert any(p.startswith("action '&1 ") for p in places), sorted(places)  # File > Open Recent
    for _row, _check, label in window.legend.rows.values():
        assert label_shown(label).startswith(SHOWN)
    outline = window.docks.outline
    stages = outline.findChildren(QAbstractItemView)
    assert any(SHOWN in tip for view in stages for _w, tip in model_tips(view))
    personas = window.docks.personas.list
    assert guessed(personas.item(0).toolTip()).startswith(SHOWN)


def test_the_quote_tooltip_on_the_canvas_is_plain(window):
    assert guessed(quote_tooltip(window)) == HOSTILE


def test_markup_in_map_text_does_not_grow_the_window_or_the_docks(window):
    QApplication.processEvents()
    assert window.width() < SANE_PX and window.height() < SANE_PX, window.size()
    for name, dock in window.docks.docks.items():
        for size in (dock.minimumSizeHint(), dock.sizeHint()):
            assert size.width() < SANE_PX and size.height() < SANE_PX, (name, size)


def test_a_file_name_with_an_ampersand_shows_in_the_recent_menu_as_typed(window):
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert entries and mnemonic_shown(entries[0].text()) == f"1 {FILE_NAME}"
    assert guessed(entries[0].toolTip()) == entries[0].data()


# ---------------------------------------------------------------- the helpers themselves
@pytest.mark.parametrize(
    "text",
    [HOSTILE, "plain words", "a & b", "&lt;not a tag&gt;", "<b>x</b>\nsecond  line", "  <i>lead</i>", ""],
)
def test_literal_shows_every_text_character_for_character(text):
    assert guessed(literal(text)) == text


def test_plain_label_and_no_mnemonic(qtbot):
    label = plain_label(HOSTILE)
    qtbot.addWidget(label)
    assert label_shown(label) == HOSTILE and label.sizeHint().width() < SANE_PX
    assert mnemonic_shown(no_mnemonic("Tom & Jerry && co")) == "Tom & Jerry && co"


# ---------------------------------------------------------------- dialogs outside the main window
def test_an_export_error_naming_a_folder_with_markup_shows_it_as_typed(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.widgets.export.dialog import ExportDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    target = tmp_path / FILE_NAME / "m.pdf"  # the folder does not exist: the error names it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(small_map(), None, "export", settings=settings)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    assert dialog.last_result is None and len(shown) == 1
    assert str(target.parent) in guessed(shown[0])
    assert str(target.parent) in label_shown(dialog.message)


def test_template_descriptions_show_as_typed_in_the_template_chooser(qtbot, monkeypatch, tmp_path):
    from app.io import templates
    from app.widgets.files.template_chooser import TemplateChooser

    info = templates.TemplateInfo("hostile", HOSTILE, HOSTILE, tmp_path / "hostile.journey.json")
    monkeypatch.setattr(templates, "template_info", lambda: [info])
    chooser = TemplateChooser(use_canvas=False)
    qtbot.addWidget(chooser)
    item = chooser.list.item(1)
    assert item.text() == HOSTILE and guessed(item.toolTip()) == HOSTILE
    chooser.list.setCurrentRow(1)
    assert label_shown(chooser.heading) == HOSTILE and label_shown(chooser.description) == HOSTILE
