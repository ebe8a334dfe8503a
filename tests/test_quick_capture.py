"""Quick capture (issue 11, item 4): typing on a selected cell starts a card; Enter chains the
next card below it, Tab / Shift+Tab the next / previous cell; Esc leaves no empty card; each
captured card is one undo step. Keys go where a keyboard sends them: to the focused widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.model.events import Entity
from tests.card_support import LEFT, card_point, cell_point, make_canvas, stack

K = Qt.Key


def type_keys(qtbot, text: str) -> None:
    """Type ``text`` as a keyboard does: each key to the widget that has the focus then."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def press(qtbot, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def select_cell(qtbot, c, cell) -> None:
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, cell))  # an empty spot
    assert c.actions.cell == cell and c.selection.items() == [] and QApplication.focusWidget() is c.view


def test_typing_on_a_selected_empty_cell_starts_a_card_with_the_text(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s1", "l-on"))
    assert stack(c, "s1", "l-on") == []
    type_keys(qtbot, "Greets the customer")
    ed = c.actions.editor
    (new,) = stack(c, "s1", "l-on")
    assert ed.active and ed.card_id == new and QApplication.focusWidget() is ed.title
    assert ed.title.text() == "Greets the customer"  # the first key is in it, no Enter needed
    assert "Tab" in ed.hint.text()
    press(qtbot, K.Key_Escape)
    assert stack(c, "s1", "l-on") == [] and c.stack.count() == 0  # Esc: nothing committed, no card left
    assert not ed.active and QApplication.focusWidget() is c.view


def test_enter_commits_and_chains_the_next_card_below(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s1", "l-on"))
    for note in ("First note", "Second note", "Third note"):
        type_keys(qtbot, note)
        press(qtbot, K.Key_Return)
    ed = c.actions.editor
    ids = stack(c, "s1", "l-on")
    assert [c.doc.card(i).title for i in ids] == ["First note", "Second note", "Third note", ""]
    assert ed.active and ed.card_id == ids[-1] and QApplication.focusWidget() is ed.title
    assert c.scene.card_item(ids[1]).text().startswith("Second note")  # the canvas shows it
    press(qtbot, K.Key_Escape)
    assert [c.doc.card(i).title for i in stack(c, "s1", "l-on")] == [
        "First note",
        "Second note",
        "Third note",
    ]
    assert c.selection.ids(Entity.CARD) == [ids[2]]  # typing again goes on after the last note
    assert c.stack.count() == 3


def test_typing_on_a_selected_card_starts_one_after_it(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s2-l-back-0"))
    type_keys(qtbot, "Between")
    press(qtbot, K.Key_Enter)
    ids = stack(c, "s2", "l-back")
    assert ids[0] == "c-s2-l-back-0" and c.doc.card(ids[1]).title == "Between" and ids[3] == "c-s2-l-back-1"
    assert c.actions.editor.card_id == ids[2]  # the next one below it


def test_tab_and_shift_tab_move_to_the_next_and_previous_cell(qtbot):
    c = make_canvas(qtbot)
    lay = c.scene.layout
    last_stage = lay.stage_ids[-1]
    select_cell(qtbot, c, (last_stage, "l-act"))
    type_keys(qtbot, "End of the actions")
    press(qtbot, K.Key_Tab)
    # past the last stage: the first stage of the next lane (the feelings lane is passed over)
    next_lane = lay.lane_ids[lay.lane_ids.index("l-act") + 1]
    if lay.lanes_by_id[next_lane].type.value == "feelings":
        next_lane = lay.lane_ids[lay.lane_ids.index(next_lane) + 1]
    first = (lay.stage_ids[0], next_lane)
    ed = c.actions.editor
    assert ed.active and ed.card_id == stack(c, *first)[-1] and ed.title.text() == ""
    assert c.doc.card(stack(c, last_stage, "l-act")[-1]).title == "End of the actions"
    type_keys(qtbot, "Next")
    press(qtbot, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert c.doc.card(stack(c, *first)[-1]).title == "Next"
    assert ed.card_id == stack(c, last_stage, "l-act")[-1]  # back in the previous cell, at its end
    # Tab on a card with nothing typed moves on and leaves nothing behind
    before = stack(c, last_stage, "l-act")[:-1]
    press(qtbot, K.Key_Tab)
    assert stack(c, last_stage, "l-act") == before and ed.card_id == stack(c, *first)[-1]
    press(qtbot, K.Key_Escape)
    assert c.doc.card(stack(c, *first)[-1]).title == "Next"
    assert c.stack.count() == 2


def test_each_captured_card_is_one_undo_step(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s0", "l-on"))
    for note in ("One", "Two", "Three"):
        type_keys(qtbot, note)
        press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Escape)
    titles = lambda: [c.doc.card(i).title for i in stack(c, "s0", "l-on")]  # noqa: E731
    assert titles() == ["One", "Two", "Three"] and c.stack.count() == 3
    assert not c.stack.canRedo()  # the discarded empty card left no step to redo
    c.stack.undo()
    assert titles() == ["One", "Two"]
    c.stack.undo()
    assert titles() == ["One"]
    c.stack.redo()
    assert titles() == ["One", "Two"]


def test_enter_on_an_empty_captured_card_ends_and_keys_with_ctrl_do_not_start(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s0", "l-on"))
    type_keys(qtbot, "Only")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Return)  # nothing typed: capturing ends, no empty card
    assert [c.doc.card(i).title for i in stack(c, "s0", "l-on")] == ["Only"]
    assert not c.actions.editor.active and c.stack.count() == 1
    qtbot.keyClick(c.view, K.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy, not a card
    qtbot.keyClick(c.view, K.Key_Space)  # Space pans
    assert not c.actions.editor.active and len(stack(c, "s0", "l-on")) == 1


def test_clicking_away_from_an_empty_captured_card_leaves_nothing(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s0", "l-on"))
    type_keys(qtbot, "Kept")
    press(qtbot, K.Key_Return)
    c.view.setFocus()  # what a click on the canvas does first
    assert not c.actions.editor.active
    assert [c.doc.card(i).title for i in stack(c, "s0", "l-on")] == ["Kept"] and c.stack.count() == 1
