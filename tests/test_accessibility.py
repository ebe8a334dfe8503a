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
from tests.main_window_support import Windows

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


def unnamed(window) -> list[str]:
    """The window's controls a screen reader could not name: no name at all, or only symbols
    ("▲", "✕", "+", "3")."""
    bad = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or w.window() is not window:
            continue  # popups (a combo's list) belong to their own window
        if isinstance(w.parentWidget(), QAbstractSpinBox):
            continue  # the spin box's own line edit: the spin box is the control
        name = name_of(w)
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
