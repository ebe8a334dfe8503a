"""Issue 9: friction a new user met in the first five minutes, each through real events."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from app.model.commands import Edit, Insert
from app.model.events import Entity
from tests.test_main_window_support import Windows


def toolbar_geometry(window) -> dict[str, tuple[int, int, int, int]]:
    bar = window.findChild(QToolBar, "mainToolbar")
    out = {}
    for act in bar.actions():
        button = bar.widgetForAction(act)
        if isinstance(button, QToolButton):
            g = button.geometry()
            out[act.iconText()] = (g.x(), g.y(), g.width(), g.height())
    return out


def test_undo_and_redo_keep_their_toolbar_buttons_still(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(path=Windows(qtbot, tmp_path).copy_example())
    before = toolbar_geometry(window)
    assert "Undo" in before and "Redo" in before
    label = "Rename the map to something long enough to push every other button away"
    window.session.push(Edit(Entity.MAP, "", {"title": "Another title"}, label=label))
    qtbot.wait(20)
    assert toolbar_geometry(window) == before
    undo = window.actions_by_name["undo"]
    assert undo.text() == f"&Undo {label}"  # the Edit menu says what will be undone
    assert label in undo.toolTip()  # and so does the button's tooltip
    undo.trigger()
    qtbot.wait(20)
    assert toolbar_geometry(window) == before
    assert label in window.actions_by_name["redo"].toolTip()


def test_the_status_bar_counts_in_words(qtbot, tmp_path):
    from app.model.schema import Card, Lane, LaneType, Map, Stage

    m = Map(stages=[Stage(id="s", name="Buy")], lanes=[Lane(id="l", name="Do", type=LaneType.ACTIONS)],
            cards=[Card(id="c", stage_id="s", lane_id="l", title="Pay")])  # fmt: skip
    window = Windows(qtbot, tmp_path).make(m)
    assert window.counts_label.text() == "1 stage · 1 lane · 1 card · 0 links"
    window.session.push(Insert(Entity.CARD, Card(id="c2", stage_id="s", lane_id="l", title="Wait", order=2)))
    assert window.counts_label.text() == "1 stage · 1 lane · 2 cards · 0 links"


def card_window(qtbot, tmp_path):
    windows = Windows(qtbot, tmp_path)
    window = windows.make(path=windows.copy_example())
    return window


def test_adding_a_card_and_typing_its_title_is_one_undo_step(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    stack = window.session.undo_stack
    cards_before, steps_before = len(doc.map.cards), stack.count()
    cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))  # a cell of a plain lane
    window.card_actions.cell = cell
    window.view.viewport().setFocus()
    window.actions_by_name["new_card"].trigger()
    editor = window.card_actions.editor
    assert editor.active and editor.hint.isVisible() and "Ctrl+Enter" in editor.hint.text()
    QTest.keyClicks(editor.title, "Call the helpdesk")
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.active
    assert len(doc.map.cards) == cards_before + 1
    assert stack.count() == steps_before + 1  # one step: "Add card" with its text
    card = doc.get(Entity.CARD, window.selected_card_ids()[0])
    assert card.title == "Call the helpdesk"
    stack.undo()
    assert len(doc.map.cards) == cards_before
    stack.redo()
    assert doc.get(Entity.CARD, card.id).title == "Call the helpdesk"
    # a later edit of the same card is a step of its own
    window.card_actions.edit_card(card.id)
    QTest.keyClicks(editor.title, "!")
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert stack.count() == steps_before + 2


def test_a_card_from_the_pain_point_palette_is_marked_as_a_pain_point(qtbot, tmp_path):
    from app.model.schema import CardKind

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    window.card_actions.cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))
    window.docks.palette.kindActivated.emit(CardKind.PAIN.value)
    card = doc.get(Entity.CARD, window.selected_card_ids()[0])
    assert card.kind is CardKind.PAIN and card.pain_point
