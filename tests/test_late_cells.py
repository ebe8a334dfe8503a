"""Cells that wait for the frame (app/widgets/canvas/late_links.py): a batch that moves many
cells (a note that makes its lane taller moves every cell below) moves those no view shows
after the frame; anything that looks at one (a repaint or press of a view that now shows it,
the scene's card_item and cell_item) moves it first, and after the frame every item stands
where the layout puts it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from benchmarks.bench_capture import pick_cells
from benchmarks.generate import generate_map
from tests.card_support import make_canvas
from tests.test_canvas import check_matches_layout
from tests.test_canvas_repaint import _full_repaint, _idle, _on_screen
from tests.test_quick_capture import press, type_keys

K = Qt.Key


def _at_layout(c, cell) -> bool:
    item, r = c.scene.cell_items[cell], c.scene.layout.cell_rect(*cell)
    return (item.pos().x(), item.pos().y(), item.rect.height()) == pytest.approx((r.x, r.y, r.h))


def _note_growing_its_lane(qtbot, c) -> None:
    """Type a note into the cell that sets its lane's height and press Enter (no frame yet)."""
    cell = pick_cells(c.scene.layout)["sets lane height"]
    c.actions.select_cell(cell)
    c.view.setFocus()
    _idle(c)
    type_keys(qtbot, "Waits for the engineer")
    press(qtbot, K.Key_Return)


@pytest.fixture
def canvas(qtbot):
    return make_canvas(qtbot, generate_map(1000), size=(1200, 800))


def test_cells_out_of_sight_move_after_the_frame(qtbot, canvas):
    c = canvas
    _note_growing_its_lane(qtbot, c)
    waiting = set(c.scene.late.cells)
    assert len(waiting) >= 5  # (the cells below the lane, out of the view)
    sight = c.view.mapToScene(c.view.viewport().rect()).boundingRect()
    for cell in waiting:
        r = c.scene.layout.cell_rect(*cell)
        assert not sight.intersects(QRectF(r.x, r.y, r.w, r.h)), cell
        assert not _at_layout(c, cell), cell  # (not moved yet)
    moved_now = [cell for cell in c.scene.layout.cells() if cell not in waiting and cell[1] in c.scene.layout.lane_ids]
    assert all(_at_layout(c, cell) for cell in moved_now)
    _idle(c)
    assert not c.scene.late.cells and c.scene.links_pending == 0
    check_matches_layout(c.scene)


def test_a_waiting_cell_a_view_scrolls_to_is_moved_before_it_is_painted(qtbot, canvas):
    c = canvas
    _note_growing_its_lane(qtbot, c)
    cell = max(c.scene.late.cells, key=lambda cl: c.scene.layout.cell_rect(*cl).y)
    r = c.scene.layout.cell_rect(*cell)
    c.view.centerOn(QPointF(r.x + r.w / 2, r.y + min(r.h / 2, 200)))
    c.view.viewport().repaint()  # the frame that shows it
    assert cell not in c.scene.late.cells and _at_layout(c, cell)
    _idle(c)
    assert _on_screen(c) == _full_repaint(c)


def test_card_item_and_cell_item_move_a_waiting_cell_first(qtbot, canvas):
    c = canvas
    _note_growing_its_lane(qtbot, c)
    lay = c.scene.layout
    with_cards = [cell for cell in c.scene.late.cells if lay.cell_cards(cell)]
    first, second = with_cards[:2]
    card = lay.cell_cards(first)[0]
    item = c.scene.card_item(card)
    assert first not in c.scene.late.cells
    r = lay.card_rect(card)
    assert (item.scenePos().x(), item.scenePos().y()) == pytest.approx((r.x, r.y))
    assert c.scene.cell_item(second) is c.scene.cell_items[second] and _at_layout(c, second)
    assert second not in c.scene.late.cells
