"""A big map opened in the editor shows before its card items are made
(app/widgets/canvas/late_cards.py): zoomed out to the whole map, its cells draw their cards
from the layout, and the items are made after the first frame, or at once when anything needs
them (the mouse in the view, an edit, the keyboard, a theme). The first frame is the picture
the cards' items draw, and nothing ever sees a card without its item."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model.events import Entity
from app.widgets.canvas.items import CardItem
from app.widgets.canvas.late_cards import CARDS_LATER_AT
from app.widgets.canvas.theme import DARK
from benchmarks.generate import generate_map
from tests.main_window_support import Windows
from tests.test_canvas_repaint import _full_repaint, _idle, _on_screen

N = CARDS_LATER_AT + 500


def _opened(qtbot, tmp_path, n=N, seed=8, links=True):
    """A shown main window that has just opened a generated map of ``n`` cards from its file
    (no event has run since the open)."""
    path = tmp_path / "big.journey.json"
    m = generate_map(n, seed=seed)
    save_map(m if links else m.model_copy(update={"links": []}), path, backup=False)
    window = Windows(qtbot, tmp_path).make()
    assert window.session.open(path)
    return window


def _made(window) -> dict:
    return window.scene._card_items  # (not card_items: that would make them)


def _wait_made(window) -> None:
    deadline = time.monotonic() + 20.0
    while window.scene.late_cards and time.monotonic() < deadline:
        QApplication.processEvents()
    assert not window.scene.late_cards


def _picture(window):
    return window.view.viewport().grab().toImage()


def _items_follow_layout(window, by_cell: bool = True) -> None:
    """Every card has its item, in its cell where the layout puts it (drawn by its cell
    zoomed out), and no cell waits."""
    scene, lay = window.scene, window.scene.layout
    cards = window.session.doc.map.cards
    assert len(_made(window)) == len(cards)
    for card in cards:
        item = _made(window)[card.id]
        geo = lay.card(card.id)
        assert item.parentItem() is scene.cell_items[(geo.stage_id, geo.lane_id)]
        assert (item.pos().x(), item.pos().y()) == (geo.local.x, geo.local.y)
        assert item.card is card and item._by_cell is by_cell
    assert not any(cell.waiting for cell in scene.cell_items.values())


def test_the_first_frame_comes_before_the_card_items_and_is_their_picture(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    scene = window.scene
    assert scene.cards_as_blocks and scene.late_cards
    assert len(_made(window)) == 0  # no card item yet: the cells draw them
    first = _picture(window)
    _wait_made(window)  # made in slices by the event loop
    _items_follow_layout(window)
    assert _picture(window) == first  # the cells drew what the cards' items draw
    # the blocks the cells kept from the first frame are those their cards' items give
    for cell in scene.cell_items.values():
        if cell._blocks is not None:
            kept, fresh = cell._blocks, cell._make_blocks()
            assert [(c.rgba(), r) for c, _t, _b, r in kept[0] + kept[1]] == [
                (c.rgba(), r) for c, _t, _b, r in fresh[0] + fresh[1]
            ]


def test_a_small_map_makes_its_card_items_at_once(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path, n=CARDS_LATER_AT - 1)
    assert not window.scene.late_cards
    assert len(_made(window)) == CARDS_LATER_AT - 1


def test_a_press_on_a_card_before_its_item_is_made_selects_it(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    view, scene = window.view, window.scene
    lay = scene.layout
    card = max(window.session.doc.map.cards, key=lambda c: lay.card_rect(c.id).h)  # the easiest to hit
    r = lay.card_rect(card.id)
    at = view.mapFromScene(r.x + r.w / 2, r.y + r.h / 2)
    assert scene.late_cards and card.id not in _made(window)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert not scene.late_cards  # the press made every card before the view looked under it
    assert [it.ident for it in scene.selectedItems() if isinstance(it, CardItem)] == [card.id]
    _items_follow_layout(window)


def test_edits_before_the_card_items_are_made(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    doc, scene = window.session.doc, window.scene
    moved, gone = doc.map.cards[5], doc.map.cards[9]
    target = next(s.id for s in doc.map.stages if s.id != moved.stage_id)
    window.session.push(cmd.MoveCards([moved.id], target, moved.lane_id, 0))
    assert not scene.late_cards
    assert len(scene.touched) < len(doc.map.cards) / 4  # the edit's items, not the ones just made
    assert ("card", moved.id) in scene.touched
    _items_follow_layout(window)
    window.session.undo_stack.undo()
    window.session.push(cmd.remove_cards(doc, [gone.id]))
    assert gone.id not in _made(window)
    _items_follow_layout(window)


def test_cards_shifted_by_an_edit_before_their_items_were_made_leave_no_trace(qtbot, tmp_path):
    """The first cards of a cell deleted after the first frame: the cards below move up within
    the cell (its height kept by a taller cell of its lane) and are made where they are now;
    the window then shows what a full repaint shows. (The scene draws every cell that waited
    again, whole; at this zoom Qt also gathers the edit's many small repaints into one.) No
    links and no curve point on those cards: their repaints would cover the whole map."""
    window = _opened(qtbot, tmp_path, links=False)
    doc, lay, view = window.session.doc, window.scene.layout, window.view
    view.viewport().repaint()  # the first frame on screen, drawn from the waiting cells
    def filled(cell) -> float:  # how far down its cards reach
        return max((lay.card_rect(cid).bottom for cid in lay.cell_cards(cell)), default=0.0)

    tallest = {lid: max(filled((s, lid)) for s in lay.stage_ids) for lid in lay.lane_ids}
    anchors = {p.card_id for curve in doc.map.curves for p in curve.points}  # (a curve repaints all of it)
    cell = next(
        (s, lid) for lid in lay.lane_ids for s in lay.stage_ids
        if len(lay.cell_cards((s, lid))) > 9 and filled((s, lid)) < tallest[lid] - 60
        and not anchors.intersection(lay.cell_cards((s, lid))[:6])
    )  # fmt: skip
    window.session.push(cmd.remove_cards(doc, lay.cell_cards(cell)[:6]))  # (more than the repaints' pad)
    canvas = SimpleNamespace(view=view, scene=window.scene)
    _idle(canvas)
    assert _on_screen(canvas) == _full_repaint(canvas)
    _items_follow_layout(window)


def test_a_card_deleted_before_its_item_was_made_gets_none(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    doc = window.session.doc
    gone = doc.map.cards[0]
    window.session.push(cmd.remove_cards(doc, [gone.id]))
    assert gone.id not in window.scene.card_items
    _items_follow_layout(window)


def test_an_edit_of_no_card_makes_the_cards_too(qtbot, tmp_path):
    """After any edit, every card has its item (a batch's items follow it from one state)."""
    window = _opened(qtbot, tmp_path)
    stage = window.session.doc.map.stages[0]
    window.session.push(cmd.Edit(Entity.STAGE, stage.id, {"name": "Renamed"}))
    assert not window.scene.late_cards
    _items_follow_layout(window)


def test_a_theme_before_the_card_items_are_made(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    _picture(window)  # the first frame, in the light theme: the cells keep its blocks
    window.view.set_theme(DARK)
    assert window.scene.late_cards  # a theme needs no card item
    dark_first = _picture(window)
    _wait_made(window)
    for cell in window.scene.cell_items.values():
        cell._blocks = None  # drawn from the cards' items, in the theme they take from the scene
    assert _picture(window) == dark_first


def test_zooming_in_before_the_card_items_are_made(qtbot, tmp_path):
    window = _opened(qtbot, tmp_path)
    window.view.zoom_actual()  # (View > Actual Size: the cards show their text, each drawn by its item)
    assert not window.scene.late_cards and not window.scene.cards_as_blocks
    _items_follow_layout(window, by_cell=False)
