"""Quick capture (issue 11, item 4): typing on a selected cell starts a card; Enter chains the
next card below it, Tab / Shift+Tab the next / previous cell; Esc leaves no empty card; each
captured card is one undo step. Keys go where a keyboard sends them: to the focused widget."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.model.events import Entity
from app.model.textlayout import CARD_GAP
from tests.card_support import LEFT, card_point, cell_point, make_canvas, stack

K = Qt.Key


def type_keys(qtbot, text: str) -> None:
    """Type ``text`` as a keyboard does: each key to the widget that has the focus then."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def press(qtbot, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def settle(qtbot, c) -> None:
    """Wait until the work after the frames is done: the room refilled and the view scrolled
    ahead (ScrollAhead), every link routed."""
    ahead = c.actions.editor.ahead
    qtbot.waitUntil(lambda: not ahead.waiting and c.scene.links_pending == 0, timeout=5000)


def _until_ahead_done(c) -> None:
    """Run the event loop a pass at a time until the work planned after the frame ran (at most
    2 s), and no further: a wait that sleeps between its checks let the slices after it run too."""
    deadline = time.monotonic() + 2.0
    while c.actions.editor.ahead.waiting and time.monotonic() < deadline:
        QApplication.processEvents()
    assert not c.actions.editor.ahead.waiting


def _cell_rect(c, cell):
    from PySide6.QtCore import QRectF

    r = c.scene.layout.cell_rect(*cell)
    return QRectF(r.x, r.y, r.w, r.h)


def select_cell(qtbot, c, cell) -> None:
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, cell))  # an empty spot
    assert c.actions.cell == cell and c.selection.items() == [] and QApplication.focusWidget() is c.view


def test_typing_on_a_selected_empty_cell_starts_a_card_with_the_text(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s1", "l-on"))
    assert stack(c, "s1", "l-on") == []
    type_keys(qtbot, "Greets the customer")
    ed = c.actions.editor
    assert ed.active and ed.frame.isVisible() and QApplication.focusWidget() is ed.title
    assert ed.title.text() == "Greets the customer"  # the first key is in it, no Enter needed
    assert "Tab" in ed.hint.text()
    # the editor lies in the cell, where the card will be
    cell = c.view.mapFromScene(_cell_rect(c, ("s1", "l-on")))
    assert cell.boundingRect().contains(ed.frame.geometry().topLeft())
    press(qtbot, K.Key_Return)
    (new,) = stack(c, "s1", "l-on")
    assert c.doc.card(new).title == "Greets the customer" and c.stack.count() == 1
    assert c.scene.card_item(new).text().startswith("Greets the customer")


def test_esc_commits_nothing_and_leaves_no_card(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    select_cell(qtbot, c, ("s1", "l-on"))
    type_keys(qtbot, "Never mind")
    ed = c.actions.editor
    press(qtbot, K.Key_Escape)
    assert stack(c, "s1", "l-on") == [] and c.stack.count() == 0 and not c.stack.canRedo()
    assert c.doc.map.model_dump_json() == before
    assert not ed.active and not ed.frame.isVisible() and QApplication.focusWidget() is c.view
    assert c.actions.cell == ("s1", "l-on")  # typing again starts there
    type_keys(qtbot, "Again")
    press(qtbot, K.Key_Return)
    assert [c.doc.card(i).title for i in stack(c, "s1", "l-on")] == ["Again"]


def test_enter_commits_and_chains_the_next_card_below(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s1", "l-on"))
    for note in ("First note", "Second note", "Third note"):
        type_keys(qtbot, note)
        press(qtbot, K.Key_Return)
    ed = c.actions.editor
    ids = stack(c, "s1", "l-on")
    assert [c.doc.card(i).title for i in ids] == ["First note", "Second note", "Third note"]
    assert ed.active and ed.title.text() == "" and QApplication.focusWidget() is ed.title
    assert c.scene.card_item(ids[1]).text().startswith("Second note")  # the canvas shows it
    below = c.view.mapFromScene(c.scene.card_item(ids[-1]).sceneBoundingRect()).boundingRect().bottom()
    assert ed.frame.geometry().top() >= below  # the next card is typed below the last one
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
    type_keys(qtbot, "And after")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Escape)
    ids = stack(c, "s2", "l-back")
    assert [c.doc.card(i).title for i in ids[1:3]] == ["Between", "And after"]
    assert ids[0] == "c-s2-l-back-0" and ids[3] == "c-s2-l-back-1"


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
    assert ed.active and ed.pending[1] == first and ed.title.text() == ""
    assert c.doc.card(stack(c, last_stage, "l-act")[-1]).title == "End of the actions"
    type_keys(qtbot, "Next")
    press(qtbot, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert c.doc.card(stack(c, *first)[-1]).title == "Next"
    assert ed.pending[1] == (last_stage, "l-act")  # back in the previous cell
    # Tab with nothing typed moves on and leaves nothing behind
    before = stack(c, last_stage, "l-act")
    press(qtbot, K.Key_Tab)
    assert stack(c, last_stage, "l-act") == before and ed.pending[1] == first
    press(qtbot, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert ed.pending[1] == (lay.stage_ids[-2], "l-act")  # stage order, backwards
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
    assert not c.stack.canRedo()  # the abandoned empty card left no step to redo
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
    ed = c.actions.editor  # the frame kept for a next card is hidden, its hint the editor's own again
    assert not ed.frame.isVisible() and ed.hint.text() == "Enter: done · Ctrl+Enter in the body · Esc: cancel"
    qtbot.keyClick(c.view, K.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy, not a card
    qtbot.keyClick(c.view, K.Key_Space)  # Space pans
    assert not c.actions.editor.active and len(stack(c, "s0", "l-on")) == 1


def test_clicking_away_keeps_what_is_typed_and_leaves_no_empty_card(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s0", "l-on"))
    type_keys(qtbot, "Kept")
    press(qtbot, K.Key_Return)
    c.view.setFocus()  # what a click on the canvas does first
    assert not c.actions.editor.active
    assert [c.doc.card(i).title for i in stack(c, "s0", "l-on")] == ["Kept"] and c.stack.count() == 1
    select_cell(qtbot, c, ("s1", "l-on"))
    type_keys(qtbot, "Typed, then a click")
    c.view.setFocus()
    assert [c.doc.card(i).title for i in stack(c, "s1", "l-on")] == ["Typed, then a click"]
    assert c.stack.count() == 2


def test_a_title_the_model_refuses_stays_in_the_editor(qtbot):
    from app.model.schema import MAX_SHORT_TEXT as TITLE_MAX

    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s0", "l-on"))
    type_keys(qtbot, "x")
    c.actions.editor.title.setText("x" * (TITLE_MAX + 1))
    press(qtbot, K.Key_Return)
    ed = c.actions.editor
    assert ed.active and len(ed.title.text()) == TITLE_MAX + 1  # nothing cut, nothing added
    assert stack(c, "s0", "l-on") == [] and c.stack.count() == 0
    press(qtbot, K.Key_Escape)
    assert not ed.active and stack(c, "s0", "l-on") == []


def test_at_a_thousand_cards_the_card_is_drawn_first_and_its_links_follow(qtbot):
    """A cell that sets its lane's height keeps room at its end for the next notes: a note is
    typed into it (the lanes below stay, the card is in the scene at once), and when little
    room is left it reaches further after the note's frame, which moves every lane below with
    its links (routed after that, in slices). Then all match a fresh layout, key of link
    markers and scene rectangle included."""
    from benchmarks.bench_capture import pick_cells
    from benchmarks.generate import generate_map
    from tests.test_canvas import check_matches_layout

    c = make_canvas(qtbot, generate_map(1000), size=(1200, 800))
    lay = c.scene.layout
    cell = pick_cells(lay)["sets lane height"]
    c.actions.select_cell(cell)
    c.view.setFocus()
    type_keys(qtbot, "Waits for the engineer")
    settle(qtbot, c)
    grew = []
    for i in range(12):
        lane_top = lay.lane_header(lay.lane_ids[-1]).rect.y
        press(qtbot, K.Key_Return)
        new = stack(c, *cell)[-1]
        assert c.doc.card(new).title == ("Waits for the engineer" if i == 0 else f"Note {i}")
        assert c.scene.card_item(new) is not None
        assert lay.lane_header(lay.lane_ids[-1]).rect.y == lane_top  # typed into the room
        _until_ahead_done(c)  # (after the frame)
        if lay.lane_header(lay.lane_ids[-1]).rect.y > lane_top:  # the room reached further
            grew.append(i)
            assert c.scene.links_pending > 24  # the links of the lanes below wait
        settle(qtbot, c)
        check_matches_layout(c.scene)
        type_keys(qtbot, f"Note {i + 1}")
    assert grew and grew[0] > 0 and len(grew) < 6, grew  # once every few notes
    assert c.scene.key_item.box == lay.link_key()
    assert c.scene.sceneRect().bottom() >= lay.bounds.bottom
    # settle_links does the rest at once (what a test or an export that needs them all asks)
    press(qtbot, K.Key_Return)
    assert c.scene.links_pending > 0
    c.scene.settle_links()
    assert c.scene.links_pending == 0
    check_matches_layout(c.scene)


def test_labels_near_a_typed_card_are_placed_after_its_frame(qtbot):
    """A typed note that moves no link still has the labels that looked at its cell placed
    again; quick capture leaves that to after the frame that shows the card (with the links'
    slices: a few ms a note at 5,000 cards), and then every link is where a fresh layout puts
    it, labels, key of markers and scene rectangle included."""
    from benchmarks.generate import generate_map
    from tests.test_canvas import check_matches_layout

    c = make_canvas(qtbot, generate_map(1000, seed=2), size=(1200, 800))
    lay = c.scene.layout
    lay.link_key()  # every label placed once, as a view's first frame does
    deps = lay.labels.cell_deps
    cell = next(cell for cell in lay.cells() if deps.get(cell) and not any(
        lk.source_id in lay.cell_cards(cell) or lk.target_id in lay.cell_cards(cell) for lk in c.doc.map.links))
    c.actions.select_cell(cell)
    c.view.setFocus()
    QApplication.processEvents()
    type_keys(qtbot, "Near some labels")
    placed = []
    real = lay.labels.place_all
    lay.labels.place_all = lambda *a, **k: placed.append(1) or real(*a, **k)
    press(qtbot, K.Key_Return)  # (the event only: no frame yet)
    new = stack(c, *cell)[-1]
    assert c.doc.card(new).title == "Near some labels" and c.scene.card_item(new) is not None
    assert placed == [] and lay.labels_stale and c.scene.links_pending > 0  # they wait for the frame
    settle(qtbot, c)
    assert placed and not lay.labels_stale
    check_matches_layout(c.scene)
    assert c.scene.key_item.box == lay.link_key()
    assert c.scene.sceneRect().bottom() >= lay.bounds.bottom


def _covered(c) -> list[str]:
    """The cards the editor's frame lies over (in the viewport)."""
    frame = c.actions.editor.frame.geometry()
    return [
        cid for cid, item in c.scene.card_items.items()
        if c.view.mapFromScene(item.sceneBoundingRect()).boundingRect().intersects(frame)
    ]  # fmt: skip


def test_the_editor_has_room_in_the_map_and_covers_no_card(qtbot):
    """The frame of the card being typed is taller than a card (title, body, hint): the layout
    keeps room for it where the card goes, so the cards and lanes below move down instead of
    lying under it, and get their places back when capturing stops."""
    from tests.test_canvas import check_matches_layout

    c = make_canvas(qtbot)
    lay = c.scene.layout
    cell = ("s1", "l-touch")  # its two cards set the lane's height
    below = lay.lane_rect("l-on").y
    select_cell(qtbot, c, cell)
    type_keys(qtbot, "First note")
    ed = c.actions.editor
    frame = ed.frame.geometry()
    assert _covered(c) == []
    assert lay.room is not None and lay.room[0] == cell
    assert c.view.mapFromScene(0, lay.lane_rect("l-on").y).y() >= frame.bottom()  # the lane below moved
    assert lay.lane_rect("l-on").y > below
    settle(qtbot, c)  # (their links follow after the frame)
    check_matches_layout(c.scene)  # (a fresh layout given the same room)
    press(qtbot, K.Key_Return)
    type_keys(qtbot, "Second note")
    first, = [i for i in stack(c, *cell) if c.doc.card(i).title == "First note"]
    assert stack(c, *cell)[-1] == first  # the typed card went above the room
    assert _covered(c) == [] and c.view.mapFromScene(lay.card_rect(first).x, lay.card_rect(first).y).y() < ed.frame.y()
    settle(qtbot, c)  # (routed after the frame)
    check_matches_layout(c.scene)
    press(qtbot, K.Key_Escape)
    assert lay.room is None and not ed.frame.isVisible()
    settle(qtbot, c)
    check_matches_layout(c.scene)  # every lane where a fresh layout (no room) puts it
    assert lay.lane_rect("l-on").y == pytest.approx(below + lay.card_rect(first).h + CARD_GAP)


def test_tab_takes_the_room_to_the_next_cell_and_a_click_away_frees_it(qtbot):
    from tests.test_canvas import check_matches_layout

    c = make_canvas(qtbot)
    lay = c.scene.layout
    select_cell(qtbot, c, ("s0", "l-back"))
    type_keys(qtbot, "In stage 0")
    press(qtbot, K.Key_Tab)
    assert _covered(c) == [] and lay.room[0] == ("s1", "l-back")
    settle(qtbot, c)
    check_matches_layout(c.scene)
    type_keys(qtbot, "In stage 1")
    settle(qtbot, c)  # (the view scrolls ahead of the card: the cell clicked next back in sight)
    c.view.ensureVisible(_cell_rect(c, ("s0", "l-act")))
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, ("s0", "l-act")))  # the focus leaves: commit
    assert not c.actions.editor.active and lay.room is None
    assert [c.doc.card(i).title for i in stack(c, "s1", "l-back")][-1] == "In stage 1"
    settle(qtbot, c)
    check_matches_layout(c.scene)


def test_the_room_follows_the_zoom(qtbot):
    c = make_canvas(qtbot)
    select_cell(qtbot, c, ("s1", "l-touch"))
    type_keys(qtbot, "Zoomed")
    h = c.scene.layout.room_rect().h
    c.view.set_zoom(0.5)
    assert c.scene.layout.room_rect().h == pytest.approx(2 * h)  # the frame keeps its pixels
    assert _covered(c) == []


def _tallest_and_shortest(c, lane_index: int = 1):
    """Of a lane with cards: the cell that sets its height and its shortest cell with cards."""
    lay = c.scene.layout
    lane = lay.lane_ids[lane_index]
    cells = [(s, lane) for s in lay.stage_ids if lay.cell_cards((s, lane))]

    def bottom(cell):
        return max(lay.card_rect(i).bottom for i in lay.cell_cards(cell))

    return max(cells, key=bottom), min(cells, key=bottom)


def _room_below(c) -> float:
    """Pixels of the view below the frame of the card being typed."""
    return c.view.viewport().height() - c.actions.editor.frame.geometry().bottom()


def _start_at_the_end(qtbot, c, cell, room: int = 100) -> None:
    """Start a card at the end of ``cell``, then scroll the view so that ``room`` pixels lie
    below its frame."""
    from benchmarks.bench_frames import PaintCounter, idle

    lay = c.scene.layout
    last = lay.card_rect(lay.cell_cards(cell)[-1])
    vp = c.view.viewport()
    c.actions.select_cell(cell)
    c.view.centerOn(last.x + last.w / 2, last.bottom)
    c.view.setFocus()
    type_keys(qtbot, "a")
    idle(SimpleNamespace(scene=c.scene), PaintCounter(vp))
    bar = c.view.verticalScrollBar()
    bar.setValue(bar.value() - (int(_room_below(c)) - room))
    idle(SimpleNamespace(scene=c.scene), PaintCounter(vp))


def test_notes_near_the_bottom_scroll_the_view_ahead_after_their_frame(qtbot):
    """A card typed near the bottom of the view: the view keeps it in sight in the note's own
    frame without scrolling, then scrolls on after the frame so that about a third of the view
    lies free below it; the notes that follow are typed without the view moving."""
    from app.widgets.canvas.scroll_ahead import AHEAD
    from benchmarks.generate import generate_map

    c = make_canvas(qtbot, generate_map(1500, seed=3), size=(900, 700))
    _tallest, short = _tallest_and_shortest(c)
    _start_at_the_end(qtbot, c, short)
    bar = c.view.verticalScrollBar()
    vp_h = c.view.viewport().height()
    assert _room_below(c) == 100  # (the test starts near the bottom)
    at = bar.value()
    press(qtbot, K.Key_Return)
    assert bar.value() == at  # the new card shows: nothing scrolls in the note's frame
    qtbot.waitUntil(lambda: bar.value() > at, timeout=2000)  # after it, the view scrolls ahead
    qtbot.waitUntil(lambda: not c.actions.editor.ahead.waiting, timeout=2000)
    assert _room_below(c) >= AHEAD * vp_h - 50
    ahead = bar.value()
    type_keys(qtbot, "b")
    press(qtbot, K.Key_Return)
    type_keys(qtbot, "c")
    QApplication.processEvents()
    assert bar.value() == ahead  # the next note had room: no scroll at all


def test_the_view_scrolls_ahead_no_further_than_the_cell_and_not_for_a_card_gone(qtbot):
    """In a cell that sets its lane's height, the lanes below move whenever the lane grows: the
    view scrolls ahead no further than the cell's bottom (at most the editor's margin of them
    shows). And a card left with Esc before its frame is painted is not scrolled to."""
    from benchmarks.generate import generate_map

    c = make_canvas(qtbot, generate_map(1500, seed=3), size=(900, 700))
    tallest, short = _tallest_and_shortest(c)
    lay = c.scene.layout
    _start_at_the_end(qtbot, c, tallest)

    def cell_bottom() -> int:  # in the viewport
        cell = lay.cell_rect(*tallest)
        return c.view.mapFromScene(0, cell.y + cell.h).y()

    lanes_moved = 0
    for ch in "bcdefghijk":
        below = lay.lane_rect(lay.lane_ids[2]).y
        press(qtbot, K.Key_Return)
        type_keys(qtbot, ch)
        qtbot.waitUntil(lambda: not c.actions.editor.ahead.waiting, timeout=2000)
        lanes_moved += lay.lane_rect(lay.lane_ids[2]).y != below
        assert cell_bottom() >= c.view.viewport().height() - 40 - 2, ch  # at most the margin shows
    assert 1 <= lanes_moved <= 5  # the lane grew (not with every note)
    c.actions.editor.cancel()
    _start_at_the_end(qtbot, c, short)
    bar = c.view.verticalScrollBar()
    at = bar.value()
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Escape)  # before the frame: the card is gone
    assert c.actions.editor.ahead.waiting
    qtbot.waitUntil(lambda: not c.actions.editor.ahead.waiting, timeout=2000)
    assert bar.value() == at


def test_zoomed_out_the_room_kept_at_the_end_of_a_cell_is_a_few_notes(qtbot):
    """The room kept at the end of a cell for the next notes follows the scroll-ahead's room
    (a share of the view) at 100 %, but zoomed out that share is thousands of points: the room
    is then a few notes' worth, not a band of empty cell across the lanes below."""
    from app.model.textlayout import CELL_PAD
    from app.widgets.canvas.inline_editor import NEW_CARD_H, ROOM_NOTES
    from benchmarks.generate import generate_map

    c = make_canvas(qtbot, generate_map(300, seed=3), size=(900, 700))
    tallest, _short = _tallest_and_shortest(c)
    lay = c.scene.layout
    c.view.set_zoom(0.2)
    c.actions.select_cell(tallest)
    c.view.setFocus()
    type_keys(qtbot, "a")
    settle(qtbot, c)
    cell = lay.cell_rect(*tallest)
    last = lay.card_rect(lay.cell_cards(tallest)[-1])
    height = c.actions.editor._room_height()
    room = cell.y + cell.h - CELL_PAD - (last.y + last.h + CARD_GAP)
    assert lay.room_reach > 0 and room > height  # room for the next notes
    assert room <= height + CARD_GAP + ROOM_NOTES * (NEW_CARD_H + CARD_GAP) + 1
