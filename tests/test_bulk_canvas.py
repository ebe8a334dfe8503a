"""Bulk edits on the canvas (issue 14): a 50-card move, a paste, a stage deleted, their undo and
redo. Zoomed out (most of a batch's links in sight) the links are drawn with the edit, else
after the frame; no link is routed twice for one edit; whatever the zoom, and with slices of
waiting links routed between edits, the items end exactly where a fresh layout puts them."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.model import commands as cmd
from app.model.document import Document
from app.model.layout import MapLayout
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from benchmarks.generate import generate_map, with_cyclic_links
from tests.test_canvas import check_matches_layout


class _Paints(QObject):
    def __init__(self):
        super().__init__()
        self.n = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        self.n += event.type() == QEvent.Type.Paint
        return False


def _view(scene: MapScene) -> MapView:
    view = MapView(scene)
    view.resize(800, 600)
    view.show()
    QApplication.processEvents()
    return view


def _idle(scene: MapScene) -> None:
    deadline = time.monotonic() + 10.0  # (waiting links start after a paint, or 50 ms at most)
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if not scene.links_pending and not scene.late.timer.isActive():
            break
    QApplication.processEvents()


def _bulk_move(doc: Document, rng: random.Random, n: int = 30) -> cmd.Command:
    """``n`` cards of one lane to the top of one cell of it: the cell (and so the lane) grows and
    every lane below moves with its links."""
    lane = rng.choice(doc.map.lanes).id
    pool = [c.id for c in doc.map.cards if c.lane_id == lane]
    stage = rng.choice(doc.map.stages).id
    return cmd.MoveCards(rng.sample(pool, min(n, len(pool))), stage, lane, 0)


def _grid_in_sight(view: MapView, scene: MapScene) -> bool:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    g = scene.layout.grid
    return seen.left() <= g.x and seen.top() <= g.y and seen.right() >= g.right and seen.bottom() >= g.bottom


def test_zoomed_out_to_the_whole_map_a_bulk_move_draws_every_link_with_the_edit(qapp):
    scene = MapScene(Document(with_cyclic_links(generate_map(1500, seed=4), 1)))
    view = _view(scene)
    paints = _Paints()
    try:
        view.fit_map()
        _idle(scene)
        assert _grid_in_sight(view, scene)
        command = _bulk_move(scene.doc, random.Random(3))
        moved_before = set(scene.link_items)
        cmd.run(scene.doc, command)
        assert scene.links_pending == 0  # nothing waits: every link is in sight
        assert len(scene.touched) > 100 and moved_before
        check_matches_layout(scene)  # right after the command, before any frame
        view.viewport().installEventFilter(paints)
        _idle(scene)
        # one repaint for the edit (a second when the taller map changes the view's scroll bars)
        assert 1 <= paints.n <= 2
        cmd.run(scene.doc, command, undo=True)
        assert scene.links_pending == 0
        check_matches_layout(scene)
    finally:
        view.close()


def test_at_100_percent_a_bulk_move_shows_the_cards_first_and_its_links_after_the_frame(qapp):
    """Most of the batch's links out of sight: they all wait, so the frame that shows the cards
    comes before any routing or label placing (the links' repaint after it is small here)."""
    scene = MapScene(Document(with_cyclic_links(generate_map(1500, seed=4), 1)))
    view = _view(scene)
    try:
        view.zoom_actual()
        rng = random.Random(5)
        command = _bulk_move(scene.doc, rng)
        view.centerOn(scene.card_item(command.card_ids[0]))
        _idle(scene)
        old = {lid: item.geo for lid, item in scene.link_items.items()}
        cmd.run(scene.doc, command)
        waiting = list(scene.late.pending)
        near, far = scene.late.in_sight_first(waiting, split=True)
        assert len(waiting) > 24 and 4 * len(far) > len(waiting)  # most out of sight: all wait
        assert waiting == near + far  # in sight first, without sorting again
        assert {lid: item.geo for lid, item in scene.link_items.items()} == old  # nothing drawn yet
        _idle(scene)
        check_matches_layout(scene)
    finally:
        view.close()


def test_no_link_is_routed_twice_for_one_bulk_edit(qapp, monkeypatch):
    scene = MapScene(Document(with_cyclic_links(generate_map(1500, seed=6), 1)))
    view = _view(scene)
    asked: Counter = Counter()
    link = MapLayout.link

    def counting(self, link_id):
        asked[link_id] += 1
        return link(self, link_id)

    try:
        rng = random.Random(8)
        for zoom in ("fit", 1.0, 0.25):
            view.fit_map() if zoom == "fit" else view.set_zoom(zoom)
            _idle(scene)
            command = _bulk_move(scene.doc, rng)
            monkeypatch.setattr(MapLayout, "link", counting)
            asked.clear()
            cmd.run(scene.doc, command)
            _idle(scene)
            monkeypatch.setattr(MapLayout, "link", link)
            assert asked and max(asked.values()) == 1, [k for k, v in asked.items() if v > 1][:5]
        check_matches_layout(scene)
    finally:
        view.close()


@pytest.mark.parametrize("zoom", ["fit", 1.0, 0.2])
def test_bulk_edits_with_slices_between_end_as_a_fresh_layout(qapp, zoom):
    """Moves of many cards, pastes, stage deletes and their undo, some slices of the waiting
    links routed between them (not always all): every item as a fresh layout puts it."""
    from app.model.schema import new_id

    scene = MapScene(Document(with_cyclic_links(generate_map(800, seed=11), 1)))
    view = _view(scene)
    try:
        view.fit_map() if zoom == "fit" else view.set_zoom(zoom)
        rng = random.Random(hash(str(zoom)) % 1000)
        doc = scene.doc
        done: list[cmd.Command] = []
        for _ in range(14):
            kind = rng.random()
            if kind < 0.45 or len(doc.map.stages) < 3:
                step = _bulk_move(doc, rng, rng.randint(5, 40))
            elif kind < 0.7:
                src = rng.sample(doc.map.cards, 30)
                copies = [c.model_copy(update={"id": new_id("card")}) for c in src]
                lane = rng.choice(doc.map.lanes).id
                step = cmd.InsertCards(copies, rng.choice(doc.map.stages).id, lane, rng.randint(0, 3))
            elif kind < 0.85:
                step = cmd.remove_stage(doc, rng.choice(doc.map.stages).id)
            else:
                step = None
            if step is None and done:
                cmd.run(doc, done.pop(), undo=True)
            elif step is not None:
                view.centerOn(rng.uniform(0, 1500), rng.uniform(0, 8000))
                cmd.run(doc, step)
                done.append(step)
            for _ in range(rng.randint(0, 2)):
                if scene.links_pending:
                    scene.late._slice()
        _idle(scene)
        assert scene.links_pending == 0
        check_matches_layout(scene)
    finally:
        view.close()


def test_after_stage_edits_every_item_stands_where_a_fresh_layout_puts_it(qapp):
    """Stages deleted, added, widened and moved (the layout then names only the links of the
    stages that moved): the scene's links, cards and cells equal a fresh layout's each time."""
    from tests.test_bulk_edits import _stage_edit
    from tests.test_link_routing import labelled

    scene = MapScene(Document(labelled(with_cyclic_links(generate_map(500, seed=2), 1), every=3)))
    view = _view(scene)
    try:
        view.set_zoom(0.3)
        rng = random.Random(4)
        done = []
        for step in range(10):
            if done and rng.random() < 0.25:
                cmd.run(scene.doc, done.pop(), undo=True)
            else:
                done.append(_stage_edit(scene.doc, rng, step))
                cmd.run(scene.doc, done[-1])
            scene.settle_links()
            check_matches_layout(scene)
    finally:
        view.close()


def test_the_bulk_bench_times_each_edit_at_both_zooms_with_its_first_frame(qapp, tmp_path):
    """``python -m benchmarks.bench_frames --bulk``: every bulk edit has a wall time, a CPU time
    and a first frame no later than the end of its clock, with the whole map and at 100 %."""
    from app.io.mapsave import save_map
    from benchmarks import bench_frames

    path = tmp_path / "small.journey.json"
    save_map(generate_map(300), path, backup=False)
    for fit, at in ((True, ""), (False, " @100%")):
        res = bench_frames.measure_bulk(path, fit)
        for edit in ("move 50: push", "move 50: undo", "move 50: redo", "paste 100", "paste 100: undo",
                     "delete stage", "delete stage: undo"):  # fmt: skip
            assert res[edit + at] > 0 and res[f"{edit} cpu{at}"] > 0
            assert 0 < res[f"{edit} first frame{at}"] <= res[edit + at]
