"""Screen readers (issue 9, item 9): every control of the real window has a name a screen reader
can say, and the map's cards are in the accessibility tree (the current card announced)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

from app.model.commands import Edit
from app.model.events import Entity
from app.model.schema import LaneType
from app.widgets.canvas.accessibility import CardAccessible
from app.widgets.export.dialog import ExportDialog
from tests.main_window_support import Windows, press

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QSlider,
            QPlainTextEdit, QTextEdit)


@pytest.fixture
def window(qtbot, tmp_path):
    windows = Windows(qtbot, tmp_path)
    w = windows.make(path=windows.copy_example())
    w.view.setFocus()
    return w


def name_of(widget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def names_of(widget) -> list[str]:
    """What a screen reader can call ``widget``: its accessible name and the labels that label
    it. A combo box's name on Linux is its current value, so there only an explicit name or a
    label counts."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return []
    labels = [r[0].text(QAccessible.Text.Name) for r in iface.relations(QAccessible.RelationFlag.Label)]
    own = widget.accessibleName() if isinstance(widget, QComboBox) else iface.text(QAccessible.Text.Name)
    return [n.strip() for n in [own, *labels] if n and n.strip()]


def unnamed(window) -> list[str]:
    """The window's controls a screen reader could not name: no name at all, or only symbols
    ("▲", "✕", "+", "3")."""
    bad = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or w.window() is not window:
            continue  # popups (a combo's list) belong to their own window
        if isinstance(w.parentWidget(), QAbstractSpinBox):
            continue  # the spin box's own line edit: the spin box is the control
        name = " ".join(names_of(w))
        if not any(ch.isalpha() for ch in name):
            bad.append(f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}: {name!r}")
    return bad


def test_every_control_of_the_window_has_a_name_in_every_inspector_form(window, qtbot):
    doc = window.session.doc
    m = doc.map
    window.find_bar.open()
    feelings = next(lane for lane in m.lanes if lane.type is LaneType.FEELINGS)
    states = [
        [],
        [(Entity.CARD, m.cards[0].id)],
        [(Entity.CARD, m.cards[0].id), (Entity.CARD, m.cards[1].id)],
        [(Entity.STAGE, m.stages[0].id)],
        [(Entity.LANE, feelings.id)],
        [(Entity.LINK, m.links[0].id)],
        [(Entity.CURVE, m.curves[0].id)],
        [(Entity.POINT, m.curves[0].points[0].id)],
        [(Entity.PERSONA, m.personas[0].id)],
    ]
    seen = set()
    for state in states:
        window.selection.set(state)
        qtbot.wait(1)
        problems = unnamed(window)
        assert not problems, (state, problems)
        seen |= {type(w).__name__ for w in window.findChildren(QWidget) if isinstance(w, CONTROLS)}
    # the walk reached the kinds of control the item names
    assert {"QToolButton", "QLineEdit", "QComboBox", "QSpinBox", "QCheckBox", "QRadioButton", "QListWidget"} <= seen


def test_symbol_buttons_say_what_they_do(window):
    fb = window.find_bar
    names = {b.text(): name_of(b) for b in fb.findChildren(QAbstractButton) if b.text()}
    assert names == {"▲": "Previous match", "▼": "Next match", "✕": "Close the find bar"}
    outline = window.docks.outline
    buttons = {name_of(b) for b in outline.findChildren(QAbstractButton)}
    assert {"Add stage", "Insert stage before", "Insert stage after", "Move lane up", "Delete lane"} <= buttons


def test_every_control_of_the_export_dialog_and_the_welcome_page_has_a_name(window, tmp_path, qtbot):
    dialog = ExportDialog(window.session.doc, window)
    qtbot.addWidget(dialog)
    assert not unnamed(dialog)
    # a spin box beside a radio button is not named after its group box ("Tiled print")
    assert name_of(dialog.grid_cols) == "Sheets across" and name_of(dialog.dpi) == "Resolution (dpi)"
    assert dialog.paper.lineEdit().accessibleName() == "Paper"
    welcome = Windows(qtbot, tmp_path / "w").make(welcome=True)
    assert welcome.welcome is not None and not unnamed(welcome)


def test_legend_rows_name_their_curve(window):
    legend = window.legend
    m = window.session.doc.map
    curve = m.curves[0]
    radio, check, label = legend.rows[curve.id]
    title = label.text()
    assert name_of(radio) == f"Active curve: {title}"
    assert name_of(check) == f"Show curve: {title}"
    iface = QAccessible.queryAccessibleInterface(radio)
    assert iface.text(QAccessible.Text.Description) == "New curve points go to this curve"


def test_inspector_fields_are_named_after_their_labels(window, qtbot):
    card = window.session.doc.map.cards[0]
    window.selection.set([(Entity.CARD, card.id)])
    form = window.docks.inspector.form
    title = form.fields["title"]
    assert name_of(title.edit) == "Title"
    rating = form.fields["importance_customer"]
    label = next(s.label for s in form.specs if s.name == "importance_customer")
    assert name_of(rating.buttons[2]) == f"{label}: 3 of 5"
    assert name_of(rating.clear_button) == f"Clear {label}"


# ---------------------------------------------------------------------- the cards
def test_the_map_view_lists_its_cards_with_title_cell_kind_and_marks(window):
    doc = window.session.doc
    view = window.view
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface.text(QAccessible.Text.Name) == "Journey map"
    cards = [iface.child(i) for i in range(iface.childCount())]
    cards = [c for c in cards if isinstance(c, CardAccessible)]
    assert len(cards) == len(doc.map.cards)
    # reading order: stage by stage
    stage_index = {s.id: i for i, s in enumerate(doc.map.stages)}
    stages = [stage_index[doc.card(c.card_id).stage_id] for c in cards]
    assert stages == sorted(stages)
    pain = next(c for c in doc.map.cards if c.pain_point and c.title)
    child = next(c for c in cards if c.card_id == pain.id)
    assert child.role() == QAccessible.Role.ListItem
    assert child.text(QAccessible.Text.Name) == " ".join(pain.title.split())
    desc = child.text(QAccessible.Text.Description)
    stage = doc.find(Entity.STAGE, pain.stage_id).name
    lane = doc.find(Entity.LANE, pain.lane_id).name
    assert desc.startswith(f"{stage} / {lane}, ") and "pain point" in desc
    assert iface.indexOfChild(child) >= 0 and iface.child(iface.indexOfChild(child)).card_id == pain.id
    assert child.parent().object() is view


def test_the_current_card_is_announced_when_arrow_keys_move(window, qtbot):
    doc = window.session.doc
    view = window.view
    first = doc.map.cards[0]
    window.selection.set([(Entity.CARD, first.id)])
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface.text(QAccessible.Text.Description).startswith(f"Card: {' '.join(first.title.split())}, ")
    assert iface.focusChild().card_id == first.id
    assert iface.focusChild().state().focused
    qtbot.keyClick(view, Qt.Key.Key_Down)
    now = window.card_actions.current_card()
    assert now != first.id
    card = doc.card(now)
    stage = doc.find(Entity.STAGE, card.stage_id).name
    assert iface.text(QAccessible.Text.Description).startswith(f"Card: {' '.join(card.title.split()) or 'Untitled card'}, {stage} / ")
    assert iface.focusChild().card_id == now
    # a renamed card reads its new title
    window.context.push(Edit(Entity.CARD, now, {"title": "Call the hotline"}))
    assert iface.text(QAccessible.Text.Description).startswith("Card: Call the hotline, ")
    assert iface.focusChild().text(QAccessible.Text.Name) == "Call the hotline"


def test_a_card_in_an_open_vote_reads_its_live_dot_count(window):
    from app.model.voting import cast_dot, close_vote, open_vote

    doc = window.session.doc
    card = doc.map.cards[0]
    iface = QAccessible.queryAccessibleInterface(window.view)
    window.selection.set([(Entity.CARD, card.id)])
    window.context.push(open_vote(doc, ["Ana", "Ben"], 3))
    assert "0 dots in the open vote" in iface.text(QAccessible.Text.Description)
    window.context.push(cast_dot(doc, "Ana", card.id))
    assert "1 dot in the open vote" in iface.text(QAccessible.Text.Description)
    window.context.push(cast_dot(doc, "Ben", card.id))
    assert "2 dots in the open vote" in iface.text(QAccessible.Text.Description)
    window.context.push(close_vote(doc))
    description = iface.text(QAccessible.Text.Description)
    assert "open vote" not in description and f"{card.votes} votes" in description


# ---------------------------------------------------------------------- keyboard paths
def test_link_from_the_keyboard_pick_source_then_target(window, qtbot):
    doc = window.session.doc
    view = window.view
    first = doc.map.cards[0]
    window.selection.set([(Entity.CARD, first.id)])
    links, undo = len(doc.map.links), window.session.undo_stack
    steps = undo.count()
    press(qtbot, view, "Ctrl+L")
    assert window.keyboard_link.source == first.id
    assert "arrow keys" in window.statusBar().currentMessage()
    cards = len(doc.map.cards)
    qtbot.keyClicks(view, "ab")  # typing while choosing the target starts no card
    assert len(doc.map.cards) == cards and not window.card_actions.editor.active
    assert window.keyboard_link.source == first.id
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the nearest card of the next stage
    target = window.card_actions.current_card()
    assert target not in (None, first.id)
    n_cards = len(doc.map.cards)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # links; does not add a card
    assert len(doc.map.cards) == n_cards
    assert len(doc.map.links) == links + 1
    link = doc.map.links[-1]
    assert (link.source_id, link.target_id) == (first.id, target)
    assert undo.count() == steps + 1 and undo.undoText() == "Add link"
    assert window.selection.ids(Entity.LINK) == [link.id]
    assert window.keyboard_link.source is None
    assert "Linked" in window.statusBar().currentMessage()
    # Esc cancels, and a later Return adds a card as usual
    window.selection.set([(Entity.CARD, first.id)])
    press(qtbot, view, "Ctrl+L")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.keyboard_link.source is None and len(doc.map.links) == links + 1
    assert "cancelled" in window.statusBar().currentMessage()


def test_link_from_the_keyboard_needs_another_card(window, qtbot):
    doc = window.session.doc
    first = doc.map.cards[0]
    window.selection.set([(Entity.CARD, first.id)])
    links = len(doc.map.links)
    press(qtbot, window.view, "Ctrl+L")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # still on the source: no self-link
    assert len(doc.map.links) == links and window.keyboard_link.source == first.id
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    window.selection.clear()
    press(qtbot, window.view, "Ctrl+L")  # no current card: nothing to start from
    assert window.keyboard_link.source is None
    assert "Select the card" in window.statusBar().currentMessage()


def test_curve_point_added_and_moved_with_keys_each_one_undo_step(window, qtbot):
    doc = window.session.doc
    view = window.view
    m = doc.map
    undo = window.session.undo_stack
    curve = m.curves[0]
    window.curve_tool.active.set(curve.id)
    stage = m.stages[3]
    card = next(c for c in m.cards if c.stage_id == stage.id)
    window.selection.set([(Entity.CARD, card.id)])
    n = len(curve.points)
    steps = undo.count()
    press(qtbot, view, "Ctrl+Shift+P")
    curve = doc.find(Entity.CURVE, curve.id)
    assert len(curve.points) == n + 1 and undo.count() == steps + 1
    (pid,) = window.selection.ids(Entity.POINT)
    point = doc.find(Entity.POINT, pid)
    assert (point.stage_id, point.value) == (stage.id, 0.0)
    x0 = point.x

    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert doc.find(Entity.POINT, pid).value == pytest.approx(1.9)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)  # along the journey, into the next stage
    point = doc.find(Entity.POINT, pid)
    assert point.stage_id == m.stages[4].id and point.x == pytest.approx(x0 + 0.75 - 1.0)
    assert window.selection.ids(Entity.POINT) == [pid]  # the arrows did not move to a card
    assert undo.count() == steps + 2  # add, then all the nudges as one step
    undo.undo()
    point = doc.find(Entity.POINT, pid)
    assert (point.stage_id, point.x, point.value) == (stage.id, x0, 0.0)
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert doc.find(Entity.POINT, pid).value == -3.0  # the scale's end
