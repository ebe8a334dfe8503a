"""Dragging cards with the mouse: one MoveCards per drag, the drop index, Esc, the highlight,
multi-selection and the rubber band (real mouse events on the view's viewport)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.io.jsonfile import dumps_map
from app.model.events import Entity
from tests.card_support import CTRL, LEFT, card_point, cell_point, drag, make_canvas, press_drag, stack


def test_drag_a_card_to_another_cell_is_one_undo_step(qtbot, tmp_path):
    c = make_canvas(qtbot)
    before = dumps_map(c.doc.map)
    start = card_point(c, "c-s0-l-act-0")
    end = cell_point(c, ("s1", "l-act"))  # below the two cards of s1: the end of the stack
    drag(qtbot, c, start, end)
    card = c.doc.card("c-s0-l-act-0")
    assert (card.stage_id, card.lane_id) == ("s1", "l-act")
    assert stack(c, "s1", "l-act") == ["c-s1-l-act-0", "c-s1-l-act-1", "c-s0-l-act-0"]
    assert c.stack.count() == 1 and c.stack.undoText() == "Move card"
    after = dumps_map(c.doc.map)
    assert after != before and '"stage_id": "s1"' in after.split('"id": "c-s0-l-act-0"')[1][:120]
    # the item follows the document: it sits in the new cell where the layout puts it
    item = c.scene.card_item("c-s0-l-act-0")
    assert item.parentItem() is c.scene.cell_items[("s1", "l-act")]
    geo = c.scene.layout.card("c-s0-l-act-0")
    assert (item.pos().x(), item.pos().y()) == (geo.local.x, geo.local.y)
    c.stack.undo()
    assert dumps_map(c.doc.map) == before
    assert c.doc.map.model_dump_json() == c.doc.map.model_dump_json()
    item = c.scene.card_item("c-s0-l-act-0")
    assert item.parentItem() is c.scene.cell_items[("s0", "l-act")]
    geo = c.scene.layout.card("c-s0-l-act-0")
    assert (item.pos().x(), item.pos().y()) == (geo.local.x, geo.local.y)


def test_undo_restores_orders_exactly(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    drag(qtbot, c, card_point(c, "c-s2-l-touch-1"), card_point(c, "c-s1-l-touch-0", dy=-8))
    assert stack(c, "s1", "l-touch")[0] == "c-s2-l-touch-1"
    c.stack.undo()
    assert c.doc.map.model_dump_json() == before
    c.stack.redo()
    assert stack(c, "s1", "l-touch") == ["c-s2-l-touch-1", "c-s1-l-touch-0", "c-s1-l-touch-1"]


def test_drop_above_the_first_card_lands_at_index_0(qtbot):
    c = make_canvas(qtbot)
    first = c.scene.layout.card_rect("c-s1-l-act-0")
    drag(qtbot, c, card_point(c, "c-s0-l-act-1"), c.view.mapFromScene(first.x + 20, first.y + 3))
    assert stack(c, "s1", "l-act") == ["c-s0-l-act-1", "c-s1-l-act-0", "c-s1-l-act-1"]


def test_drop_between_two_cards_of_the_same_cell_reorders(qtbot):
    c = make_canvas(qtbot)
    second = c.scene.layout.card_rect("c-s0-l-act-1")
    drag(qtbot, c, card_point(c, "c-s0-l-act-0"), c.view.mapFromScene(second.x + 20, second.y + second.h - 3))
    assert stack(c, "s0", "l-act") == ["c-s0-l-act-1", "c-s0-l-act-0"]
    assert c.stack.count() == 1


def test_esc_cancels_the_drag_and_puts_the_card_back(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    item = c.scene.card_item("c-s0-l-act-0")
    parent, pos = item.parentItem(), item.pos()
    start = card_point(c, "c-s0-l-act-0")
    press_drag(qtbot, c, start, cell_point(c, ("s2", "l-back")))
    assert item.parentItem() is not parent  # lifted off its cell while dragged
    qtbot.keyClick(c.view, Qt.Key.Key_Escape)
    assert item.parentItem() is parent and item.pos() == pos and item.zValue() == 0
    qtbot.mouseRelease(c.view.viewport(), LEFT, pos=cell_point(c, ("s2", "l-back")))
    assert c.stack.count() == 0 and c.doc.map.model_dump_json() == before
    assert all(cell.mark != "target" for cell in c.scene.cell_items.values())


def test_a_drag_that_ends_where_it_started_pushes_nothing(qtbot):
    c = make_canvas(qtbot)
    start = card_point(c, "c-s1-l-act-0")
    vp = c.view.viewport()
    qtbot.mousePress(vp, LEFT, pos=start)
    qtbot.mouseMove(vp, start + QPoint(60, 40))
    qtbot.mouseMove(vp, start + QPoint(5, 2))
    qtbot.mouseRelease(vp, LEFT, pos=start + QPoint(5, 2))
    assert c.stack.count() == 0
    item = c.scene.card_item("c-s1-l-act-0")
    assert item.parentItem() is c.scene.cell_items[("s1", "l-act")]
    geo = c.scene.layout.card("c-s1-l-act-0")
    assert (item.pos().x(), item.pos().y()) == (geo.local.x, geo.local.y)


def test_the_target_cell_is_highlighted_during_the_drag_only(qtbot):
    c = make_canvas(qtbot)
    target = c.scene.cell_items[("s1", "l-back")]
    start = card_point(c, "c-s0-l-act-0")
    end = cell_point(c, ("s1", "l-back"))
    assert target.mark == ""
    press_drag(qtbot, c, start, end)
    assert target.mark == "target"
    assert [cell for cell, it in c.scene.cell_items.items() if it.mark == "target"] == [("s1", "l-back")]
    qtbot.mouseRelease(c.view.viewport(), LEFT, pos=end)
    assert target.mark == ""
    assert c.doc.card("c-s0-l-act-0").lane_id == "l-back"


def test_only_the_dragged_item_moves_during_the_drag(qtbot):
    c = make_canvas(qtbot)
    others = {cid: (it.parentItem(), it.pos()) for cid, it in c.scene.card_items.items() if cid != "c-s0-l-act-0"}
    layout = c.scene.layout
    press_drag(qtbot, c, card_point(c, "c-s0-l-act-0"), cell_point(c, ("s2", "l-touch")))
    assert c.scene.layout is layout and c.stack.count() == 0
    assert c.doc.card("c-s0-l-act-0").stage_id == "s0"  # the model is untouched until release
    assert all((it.parentItem(), it.pos()) == others[cid] for cid, it in c.scene.card_items.items() if cid in others)
    qtbot.keyClick(c.view, Qt.Key.Key_Escape)


def test_click_selects_and_ctrl_click_toggles(qtbot):
    c = make_canvas(qtbot)
    vp = c.view.viewport()
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s0-l-act-0"))
    assert c.selection.ids(Entity.CARD) == ["c-s0-l-act-0"]
    assert c.scene.card_item("c-s0-l-act-0").isSelected()
    qtbot.mouseClick(vp, LEFT, CTRL, card_point(c, "c-s1-l-touch-1"))
    assert c.selection.ids(Entity.CARD) == ["c-s0-l-act-0", "c-s1-l-touch-1"]
    assert {it.data(0) for it in c.scene.selectedItems()} == {"c-s0-l-act-0", "c-s1-l-touch-1"}
    qtbot.mouseClick(vp, LEFT, CTRL, card_point(c, "c-s0-l-act-0"))
    assert c.selection.ids(Entity.CARD) == ["c-s1-l-touch-1"]
    assert not c.scene.card_item("c-s0-l-act-0").isSelected()
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s2-l-act-0"))
    assert c.selection.ids(Entity.CARD) == ["c-s2-l-act-0"]
    assert [it.data(0) for it in c.scene.selectedItems()] == ["c-s2-l-act-0"]
    # a click on an empty spot of a cell clears the cards and selects that cell
    qtbot.mouseClick(vp, LEFT, pos=cell_point(c, ("s1", "l-on")))
    assert c.selection.ids(Entity.CARD) == [] and c.scene.selectedItems() == []
    assert c.actions.cell == ("s1", "l-on") and c.scene.cell_items[("s1", "l-on")].mark == "selected"


def test_the_shared_selection_selects_the_items(qtbot):
    c = make_canvas(qtbot)
    c.selection.set([(Entity.CARD, "c-s1-l-back-0"), (Entity.STAGE, "s1")])
    assert [it.data(0) for it in c.scene.selectedItems()] == ["c-s1-l-back-0"]
    c.selection.set([(Entity.STAGE, "s1")])
    assert c.scene.selectedItems() == []


def test_dragging_a_selected_card_moves_all_selected_cards(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    vp = c.view.viewport()
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s0-l-act-0"))
    qtbot.mouseClick(vp, LEFT, CTRL, card_point(c, "c-s1-l-touch-1"))
    drag(qtbot, c, card_point(c, "c-s1-l-touch-1"), cell_point(c, ("s2", "l-back")))
    assert stack(c, "s2", "l-back") == ["c-s2-l-back-0", "c-s2-l-back-1", "c-s0-l-act-0", "c-s1-l-touch-1"]
    assert c.stack.count() == 1 and c.stack.undoText() == "Move 2 cards"
    assert set(c.selection.ids(Entity.CARD)) == {"c-s0-l-act-0", "c-s1-l-touch-1"}
    c.stack.undo()
    assert c.doc.map.model_dump_json() == before


def test_a_click_on_one_of_several_selected_cards_selects_it_alone(qtbot):
    c = make_canvas(qtbot)
    vp = c.view.viewport()
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s0-l-act-0"))
    qtbot.mouseClick(vp, LEFT, CTRL, card_point(c, "c-s0-l-act-1"))
    qtbot.mouseClick(vp, LEFT, pos=card_point(c, "c-s0-l-act-0"))
    assert c.selection.ids(Entity.CARD) == ["c-s0-l-act-0"]


def test_rubber_band_selects_the_cards_it_touches(qtbot):
    c = make_canvas(qtbot)
    lay = c.scene.layout
    cell = lay.cell_rect("s0", "l-act")
    a = lay.card_rect("c-s0-l-act-0")
    b = lay.card_rect("c-s1-l-act-1")
    # from an empty spot in the padding left of the first card to the middle of a card of s1
    start = c.view.mapFromScene(cell.x + 3, a.y + 5)
    end = c.view.mapFromScene(b.x + 20, b.y + b.h / 2)
    drag(qtbot, c, start, end, steps=8)
    assert set(c.selection.ids(Entity.CARD)) == {"c-s0-l-act-0", "c-s0-l-act-1", "c-s1-l-act-0", "c-s1-l-act-1"}
    assert c.stack.count() == 0
    assert all(c.scene.card_item(i).isSelected() for i in c.selection.ids(Entity.CARD))


def _differing_pixels(a, b) -> int:
    a, b = a.toImage(), b.toImage()
    assert a.size() == b.size()
    return sum(
        a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height(), 3) for x in range(0, a.width(), 3)
    )


def test_the_frame_during_a_drag_looks_like_normal_painting(qtbot):
    c = make_canvas(qtbot)
    start = card_point(c, "c-s0-l-act-0")
    end = cell_point(c, ("s1", "l-on"), 30)
    press_drag(qtbot, c, start, end)
    gesture = c.view.interaction.gesture
    frame = gesture.frame
    assert frame is not None and frame.active  # frames are composed from the snapshot
    frozen = c.view.viewport().grab()
    frame.release()  # the same state painted by the scene, item by item
    normal = c.view.viewport().grab()
    sampled = (frozen.width() // 3 + 1) * (frozen.height() // 3 + 1)
    assert _differing_pixels(frozen, normal) < sampled * 0.01
    qtbot.mouseRelease(c.view.viewport(), LEFT, pos=end)
    assert gesture.frame is None and c.doc.card("c-s0-l-act-0").lane_id == "l-on"


def test_scrolling_during_a_drag_falls_back_to_normal_painting(qtbot):
    c = make_canvas(qtbot, size=(500, 400))
    start = card_point(c, "c-s0-l-act-0")
    press_drag(qtbot, c, start, start + QPoint(40, 30))
    frame = c.view.interaction.gesture.frame
    c.view.verticalScrollBar().setValue(c.view.verticalScrollBar().value() + 50)
    c.view.viewport().repaint()
    assert not frame.active
    qtbot.keyClick(c.view, Qt.Key.Key_Escape)
    assert c.stack.count() == 0


def test_the_drag_snapshot_is_the_screen_without_the_dragged_cards(qtbot):
    """The frozen frame's snapshot is taken from the pixels the window shows (its backing
    store) with the dragged cards' places drawn again: the same pixels as a render of the
    whole viewport without them (what it was before: ~25-50 ms at 10,000 cards)."""
    from PySide6.QtWidgets import QApplication

    from app.widgets.canvas.card_tool import FrozenFrame

    c = make_canvas(qtbot)
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, "c-s1-l-touch-0"))  # selected
    for _ in range(3):
        QApplication.processEvents()  # (painted: the card selected)
    items = [c.scene.card_item(i) for i in ("c-s1-l-touch-0", "c-s0-l-act-1")]
    frame = FrozenFrame(c.view, items)
    try:
        fresh = {}
        for it in items:
            fresh[it] = it.opacity()
            it.setOpacity(0.0)
        rendered = c.view.viewport().grab()
        for it, o in fresh.items():
            it.setOpacity(o)
        assert frame._on_screen(items) is not None  # (offscreen: one image)
        assert frame.snapshot.toImage() == rendered.toImage()
        # the cards are not in it: their places differ from the screen's
        store = c.view.viewport().grab().toImage()
        r = c.view.mapFromScene(items[0].sceneBoundingRect().center())
        assert frame.snapshot.toImage().pixel(r) != store.pixel(r)
    finally:
        frame.release()
