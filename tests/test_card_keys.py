"""Keyboard and in-place editing on the canvas: double-click / F2 edit, Enter adds, arrows
select, Ctrl+arrows move, Delete removes; a palette kind dropped on the canvas adds a card."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.model.events import Entity
from app.model.schema import CardKind
from app.widgets.docks.card_kinds import kind_mime_data
from tests.card_support import LEFT, card_point, cell_point, make_canvas, stack

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier



def test_double_click_edits_title_in_place_one_undo_step(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseDClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s1-l-act-0"))
    ed = c.actions.editor
    assert ed.active and ed.card_id == "c-s1-l-act-0" and ed.frame.isVisible()
    assert ed.title.text() == "Card 0 in Stage 1"
    assert QApplication.focusWidget() is ed.title
    ed.title.selectAll()
    qtbot.keyClicks(ed.title, "Order arrives")
    qtbot.keyClick(ed.title, K.Key_Tab)
    assert QApplication.focusWidget() is ed.body
    ed.body.selectAll()
    qtbot.keyClicks(ed.body, "Two days late")
    qtbot.keyClick(ed.body, K.Key_Return, CTRL)
    card = c.doc.card("c-s1-l-act-0")
    assert (card.title, card.body) == ("Order arrives", "Two days late")
    assert not ed.active and not ed.frame.isVisible()
    assert c.stack.count() == 1
    c.stack.undo()
    card = c.doc.card("c-s1-l-act-0")
    assert card.title == "Card 0 in Stage 1" and card.body.startswith("Some words")
    # the canvas shows the text
    assert c.scene.card_item("c-s1-l-act-0").text().startswith("Card 0 in Stage 1")


def test_f2_then_enter_commits_the_title_and_esc_cancels(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-touch-1"))
    qtbot.keyClick(c.view, K.Key_F2)
    ed = c.actions.editor
    assert ed.card_id == "c-s0-l-touch-1"
    ed.title.clear()
    qtbot.keyClicks(ed.title, "Call centre")
    qtbot.keyClick(ed.title, K.Key_Return)
    assert c.doc.card("c-s0-l-touch-1").title == "Call centre" and c.stack.count() == 1
    assert c.scene.card_item("c-s0-l-touch-1").text().startswith("Call centre")
    assert QApplication.focusWidget() is c.view
    qtbot.keyClick(c.view, K.Key_F2)
    qtbot.keyClicks(ed.title, "never")
    qtbot.keyClick(ed.title, K.Key_Escape)
    assert not ed.active and c.doc.card("c-s0-l-touch-1").title == "Call centre" and c.stack.count() == 1


def test_unchanged_text_pushes_nothing_and_clicking_away_commits(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseDClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-0"))
    qtbot.keyClick(c.actions.editor.title, K.Key_Return)
    assert c.stack.count() == 0
    qtbot.mouseDClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-0"))
    c.actions.editor.title.setText("Changed")
    c.view.setFocus()  # what a click on the canvas does first
    assert not c.actions.editor.active
    assert c.doc.card("c-s0-l-act-0").title == "Changed" and c.stack.count() == 1


def test_enter_on_a_selected_cell_creates_a_card_and_edits_it(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, ("s1", "l-on"), 30))
    assert c.actions.cell == ("s1", "l-on")
    qtbot.keyClick(c.view, K.Key_Return)
    new = stack(c, "s1", "l-on")
    assert len(new) == 1 and c.stack.count() == 1
    assert c.doc.card(new[0]).kind is CardKind.PROCESS  # the on-stage lane's kind
    assert c.selection.ids(Entity.CARD) == new
    ed = c.actions.editor
    assert ed.card_id == new[0]
    qtbot.keyClicks(ed.title, "Greets the customer")
    qtbot.keyClick(ed.title, K.Key_Return)
    # adding the card and typing its title are ONE undo step
    assert c.doc.card(new[0]).title == "Greets the customer" and c.stack.count() == 1
    c.stack.undo()
    assert stack(c, "s1", "l-on") == []


def test_enter_on_a_selected_card_adds_one_after_it(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s2-l-back-0"))
    qtbot.keyClick(c.view, K.Key_Enter)
    ids = stack(c, "s2", "l-back")
    assert len(ids) == 3 and ids[0] == "c-s2-l-back-0" and ids[2] == "c-s2-l-back-1"
    assert c.actions.editor.card_id == ids[1]
    qtbot.keyClick(c.actions.editor.title, K.Key_Escape)
    assert c.stack.count() == 1  # orders 0 and 1 leave no room: the cell was renumbered
    c.stack.undo()
    assert c.doc.map.model_dump_json() == before
    c.stack.redo()
    assert stack(c, "s2", "l-back")[::2] == ["c-s2-l-back-0", "c-s2-l-back-1"]


def test_arrow_keys_move_the_selection(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s1-l-act-0"))
    cur = lambda: c.selection.ids(Entity.CARD)  # noqa: E731
    qtbot.keyClick(c.view, K.Key_Down)
    assert cur() == ["c-s1-l-act-1"]
    qtbot.keyClick(c.view, K.Key_Up)
    assert cur() == ["c-s1-l-act-0"]
    qtbot.keyClick(c.view, K.Key_Right)
    assert cur() == ["c-s2-l-act-0"]  # the nearest card of the next stage
    qtbot.keyClick(c.view, K.Key_Right)
    assert cur() == ["c-s2-l-act-0"]  # no stage further right: stays
    qtbot.keyClick(c.view, K.Key_Left)
    qtbot.keyClick(c.view, K.Key_Down)
    qtbot.keyClick(c.view, K.Key_Down)  # off the stack: into the (empty) feelings cell below
    assert cur() == [] and c.actions.cell == ("s1", "l-feel")
    assert c.scene.cell_items[("s1", "l-feel")].mark == "selected"
    qtbot.keyClick(c.view, K.Key_Down)
    assert cur() == ["c-s1-l-touch-0"]
    qtbot.keyClick(c.view, K.Key_Up)
    assert cur() == [] and c.actions.cell == ("s1", "l-feel")
    qtbot.keyClick(c.view, K.Key_Up)
    assert cur() == ["c-s1-l-act-1"]  # the last card of the cell above
    assert c.stack.count() == 0


def test_ctrl_arrows_move_the_selected_cards_one_step_per_press(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-1"))
    qtbot.keyClick(c.view, K.Key_Right, CTRL)
    assert stack(c, "s1", "l-act") == ["c-s1-l-act-0", "c-s0-l-act-1", "c-s1-l-act-1"]  # same place in the stack
    qtbot.keyClick(c.view, K.Key_Down, CTRL)
    assert c.doc.card("c-s0-l-act-1").lane_id == "l-feel"
    qtbot.keyClick(c.view, K.Key_Down, CTRL)
    assert stack(c, "s1", "l-touch")[0] == "c-s0-l-act-1"  # to the top of the lane below
    qtbot.keyClick(c.view, K.Key_Left, CTRL)
    assert stack(c, "s0", "l-touch")[0] == "c-s0-l-act-1"
    qtbot.keyClick(c.view, K.Key_Left, CTRL)  # no stage to the left: nothing
    assert c.stack.count() == 4
    assert c.selection.ids(Entity.CARD) == ["c-s0-l-act-1"]
    assert c.scene.card_item("c-s0-l-act-1").isSelected()
    for _ in range(4):
        c.stack.undo()
    assert c.doc.map.model_dump_json() == before


def test_delete_removes_the_selected_cards_with_their_links(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    vp = c.view.viewport()
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s0-l-act-0"))  # source of link lk1
    qtbot.mouseClick(vp, LEFT, Qt.KeyboardModifier.ControlModifier, card_point(c, "c-s1-l-touch-0"))
    qtbot.keyClick(c.view, K.Key_Delete)
    assert c.doc.find(Entity.CARD, "c-s0-l-act-0") is None and c.doc.find(Entity.CARD, "c-s1-l-touch-0") is None
    assert c.doc.find(Entity.LINK, "lk1") is None and c.scene.card_item("c-s0-l-act-0") is None
    assert c.stack.count() == 1
    assert c.selection.ids(Entity.CARD) == ["c-s1-l-touch-1"]  # the card that took its place
    c.stack.undo()
    assert c.doc.map.model_dump_json() == before
    assert c.scene.card_item("c-s0-l-act-0") is not None


def _send_drag(c, mime: QMimeData, pos: QPoint):
    vp = c.view.viewport()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, enter)
    move = QDragMoveEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, move)
    return enter, move


def test_a_palette_kind_dropped_on_a_cell_adds_a_card_there(qtbot):
    c = make_canvas(qtbot)
    mime = kind_mime_data(CardKind.PAIN)
    first = c.scene.layout.card_rect("c-s2-l-touch-0")
    pos = c.view.mapFromScene(QPointF(first.x + 30, first.y + 4))  # above the first card's middle
    enter, move = _send_drag(c, mime, pos)
    assert enter.isAccepted() and move.isAccepted()
    assert c.scene.cell_items[("s2", "l-touch")].mark == "target"
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(c.view.viewport(), drop)
    assert drop.isAccepted()
    ids = stack(c, "s2", "l-touch")
    assert len(ids) == 3 and ids[1:] == ["c-s2-l-touch-0", "c-s2-l-touch-1"]
    new = c.doc.card(ids[0])
    assert new.kind is CardKind.PAIN and c.stack.count() == 1
    assert c.selection.ids(Entity.CARD) == [new.id] and c.actions.editor.card_id == new.id
    assert c.scene.cell_items[("s2", "l-touch")].mark == ""


def test_other_drags_are_refused_and_leaving_clears_the_highlight(qtbot):
    c = make_canvas(qtbot)
    text = QMimeData()
    text.setText("hello")
    _, move = _send_drag(c, text, cell_point(c, ("s0", "l-on"), 30))
    assert not move.isAccepted() and c.scene.cell_items[("s0", "l-on")].mark == ""
    _send_drag(c, kind_mime_data("note"), cell_point(c, ("s0", "l-on"), 30))
    assert c.scene.cell_items[("s0", "l-on")].mark == "target"
    from PySide6.QtGui import QDragLeaveEvent

    QApplication.sendEvent(c.view.viewport(), QDragLeaveEvent())
    assert c.scene.cell_items[("s0", "l-on")].mark == "" and c.stack.count() == 0


def test_add_card_of_kind_goes_to_the_selected_cell(qtbot):
    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, ("s0", "l-on"), 30))
    assert c.actions.add_card_of_kind("opportunity")
    (new,) = stack(c, "s0", "l-on")
    assert c.doc.card(new).kind is CardKind.OPPORTUNITY


def test_enabled_state_follows_the_selection(qtbot):
    c = make_canvas(qtbot)
    seen = []
    c.actions.canEditChanged.connect(seen.append)
    assert not c.actions.can_edit() and c.actions.can_add()
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-0"))
    assert c.actions.can_edit() and seen == [True]
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, ("s0", "l-on"), 30))
    assert not c.actions.can_edit() and seen == [True, False]


def test_with_window_shortcuts_on_the_view_typing_in_the_editor_stays_in_the_editor(qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    c = make_canvas(qtbot)
    fired = []
    for key, slot in (("Return", c.actions.new_card), ("Del", c.actions.delete_selected), ("F2", c.actions.edit_selected)):
        act = QAction(key, c.view)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda *_a, k=key, s=slot: (fired.append(k), s()))
        c.view.addAction(act)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-0"))
    qtbot.keyClick(c.view, K.Key_F2)
    ed = c.actions.editor
    assert fired == ["F2"] and ed.active
    qtbot.keyClick(ed.title, K.Key_End)
    qtbot.keyClick(ed.title, K.Key_Backspace)
    qtbot.keyClick(ed.title, K.Key_Home)
    qtbot.keyClick(ed.title, K.Key_Delete)  # deletes a character, not the card
    assert ed.title.text() == "ard 0 in Stage "
    qtbot.keyClick(ed.title, K.Key_Return)
    assert not ed.active and c.doc.card("c-s0-l-act-0").title == "ard 0 in Stage "
    assert c.stack.count() == 1 and len(stack(c, "s0", "l-act")) == 2  # no new card
    qtbot.keyClick(c.view, K.Key_Delete)
    assert c.doc.find(Entity.CARD, "c-s0-l-act-0") is None and c.stack.count() == 2


def test_select_all_and_shift_click(qtbot):
    c = make_canvas(qtbot)
    qtbot.keyClick(c.view, K.Key_A, CTRL)
    assert len(c.selection.ids(Entity.CARD)) == 18 and len(c.scene.selectedItems()) == 18
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s0-l-act-0"))
    qtbot.mouseClick(c.view.viewport(), LEFT, Qt.KeyboardModifier.ShiftModifier, card_point(c, "c-s2-l-back-1"))
    assert c.selection.ids(Entity.CARD) == ["c-s0-l-act-0", "c-s2-l-back-1"]
