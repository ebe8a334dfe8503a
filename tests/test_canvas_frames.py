"""Issue 14: what one edit costs on the canvas (the items Qt looks at, the area it repaints),
and scripted mouse drags that move their card at every zoom."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.model.document import Document
from app.widgets.canvas import items as canvas_items
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from benchmarks.generate import generate_map


def _view(scene: MapScene, w: int = 800, h: int = 600) -> MapView:
    view = MapView(scene)
    view.resize(w, h)
    view.show()
    QApplication.processEvents()
    return view


def test_a_repaint_looks_only_at_the_cards_of_the_cells_it_meets(qapp, monkeypatch):
    asked: set[str] = set()
    bounding = canvas_items.CardItem.boundingRect

    def counting(self):
        asked.add(self.ident)
        return bounding(self)

    monkeypatch.setattr(canvas_items.CardItem, "boundingRect", counting)
    scene = MapScene(Document(generate_map(600, seed=4)))
    view = _view(scene)
    try:
        view.zoom_actual()
        card = scene.card_item(scene.doc.map.cards[0].id)
        view.centerOn(card)
        view.viewport().repaint()
        asked.clear()
        view.viewport().repaint()
        assert card.ident in asked  # the cards in sight are drawn
        cell_of = {cid: it.parentItem() for cid, it in scene.card_items.items()}
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        for cid in asked:  # ... and no card of a cell out of sight is even looked at
            assert cell_of[cid].sceneBoundingRect().intersects(seen), cid
        assert len(asked) < len(scene.card_items) / 3
    finally:
        view.close()
