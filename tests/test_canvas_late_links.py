"""The order the scene routes waiting links in (app/widgets/canvas/late_links.py): the links
near what a view shows first, exactly as a run-by-run and card-by-card look would put them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.model.document import Document
from app.model.events import Entity
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from benchmarks.generate import generate_map, with_cyclic_links


def _in_sight_by_every_run(scene, sight, lid) -> bool:
    """The plain definition: a run of the link's drawn route, or one of its cards, meets a
    view's sight (each looked at one by one)."""

    def seen(x0, y0, x1, y1):
        return any(x0 <= r and x1 >= lf and y0 <= b and y1 >= t for lf, t, r, b in sight)

    item = scene.link_items.get(lid)
    if item is None:
        return True
    pts = item.geo.points
    if any(
        seen(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        for a, b in zip(pts, pts[1:], strict=False)
    ):
        return True
    link = scene.doc.find(Entity.LINK, lid)
    for cid in (link.source_id, link.target_id):
        cr = scene.layout.card_rect(cid)
        if cr is not None and seen(cr.x, cr.y, cr.x + cr.w, cr.y + cr.h):
            return True
    return False


def test_links_in_sight_come_first_as_a_run_by_run_look_finds_them(qapp):
    scene = MapScene(Document(with_cyclic_links(generate_map(600, seed=5), 1)))
    view = MapView(scene)
    view.resize(800, 600)
    view.show()
    QApplication.processEvents()
    try:
        view.zoom_actual()
        ids = list(scene.link_items)
        for cell in (scene.layout.cells()[7], scene.layout.cells()[-3]):
            view.centerOn(scene.cell_items[cell])
            QApplication.processEvents()
            sight = scene.late._sight()
            expect = [lid for lid in ids if _in_sight_by_every_run(scene, sight, lid)]
            rest = [lid for lid in ids if lid not in set(expect)]
            assert expect and rest  # both kinds are there: the order says something
            assert scene.late.in_sight_first(ids) == expect + rest
    finally:
        view.close()
