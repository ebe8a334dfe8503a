"""A drag costs what it moves: during a card drag in a big map no map item is painted again
(frames are the snapshot plus the dragged card), the layout is not asked anything and the
scene changes nothing until the release, which is one command."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.model.events import Entity
from app.model.layout import MapLayout
from app.widgets.canvas import items as items_module
from app.widgets.canvas.card_tool import FrozenFrame
from app.widgets.canvas.cell_item import CellItem
from app.widgets.canvas.link_item import LinkItem
from benchmarks.generate import generate_map
from tests.card_support import LEFT, make_canvas, press_drag


def test_dragging_one_card_in_a_2000_card_map_paints_no_map_item(qtbot, monkeypatch):
    painted: list[str] = []
    asked: list[str] = []
    counting = [False]
    # patched before any item paints (the bindings remember which methods are overridden)
    for cls in (items_module.CardItem, CellItem, LinkItem, items_module.CurveItem):
        original = cls.paint

        def paint(self, *args, _o=original, _n=cls.__name__):
            if counting[0]:
                painted.append(_n)
            return _o(self, *args)

        monkeypatch.setattr(cls, "paint", paint)
    for name in ("update", "card", "drop_index", "cell_cards", "cell_rect"):
        original = getattr(MapLayout, name)

        def ask(self, *args, _o=original, _n=name, **kwargs):
            if counting[0]:
                asked.append(_n)
            return _o(self, *args, **kwargs)

        monkeypatch.setattr(MapLayout, name, ask)
    c = make_canvas(qtbot, generate_map(2000), size=(1200, 800))
    lay = c.scene.layout
    cell = (lay.stage_ids[1], lay.lane_ids[3])
    card_id = lay.cell_cards(cell)[3]
    item = c.scene.card_item(card_id)
    c.view.centerOn(item)
    vp = c.view.viewport()
    vp.repaint()
    start = c.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mousePress(vp, LEFT, pos=start)
    qtbot.mouseMove(vp, start + QPoint(20, 20))  # the drag starts: lifted, snapshot taken
    assert c.view.interaction.gesture.frame is not None
    touched = set(c.scene.touched)
    counting[0] = True
    for k in range(1, 40):
        qtbot.mouseMove(vp, start + QPoint(20 + 9 * k, 20 + 5 * k))
        vp.repaint()
    counting[0] = False
    assert painted == []
    assert set(asked) <= {"cell_rect"}  # only to outline a new target cell
    assert c.scene.touched == touched and c.stack.count() == 0
    drop = start + QPoint(20 + 9 * 39, 20 + 5 * 39)
    qtbot.mouseRelease(vp, LEFT, pos=drop)
    assert c.stack.count() == 1 and c.view.interaction.gesture is None
    counting[0] = True
    vp.repaint()
    assert {"CardItem", "CellItem"} <= set(painted)  # the counting sees normal painting


def test_a_big_selection_drags_with_normal_painting(qtbot, monkeypatch):
    monkeypatch.setattr(FrozenFrame, "MAX_ITEMS", 4)
    c = make_canvas(qtbot)
    c.actions.select_all()
    assert len(c.selection.ids(Entity.CARD)) == 18
    start = c.view.mapFromScene(c.scene.card_item("c-s0-l-act-0").sceneBoundingRect().center())
    press_drag(qtbot, c, start, start + QPoint(30, 200))
    gesture = c.view.interaction.gesture
    assert gesture.started and gesture.frame is None
    qtbot.keyClick(c.view, Qt.Key.Key_Escape)
    assert c.stack.count() == 0 and len(c.selection.ids(Entity.CARD)) == 18
