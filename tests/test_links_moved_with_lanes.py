"""A lane that grows moves every lane below it, with their links. A link whose cards and lanes
only moved down is not placed again: the layout puts its label where it was, moved (and still
equals a fresh layout to the last bit), and the canvas moves what it draws of the link."""

from __future__ import annotations

import pytest

from app.model import commands as cmd
from app.model.document import Document
from app.model.layout import build_layout
from app.model.linklabels import LinkLabels
from app.model.schema import Card
from benchmarks.generate import generate_map, with_local_links
from tests.test_layout import apply, snapshot


def _map():
    return with_local_links(generate_map(400, seed=3), 150)


def _tall_card(doc, layout) -> cmd.Command:
    """A card with a long body at the end of the first lane's tallest cell: the lane grows."""
    lane = layout.lane_ids[0]

    def bottom(stage: str) -> float:
        ids = layout.cell_cards((stage, lane))
        return layout.card_rect(ids[-1]).bottom if ids else 0.0

    stage = max(layout.stage_ids, key=bottom)
    last = max((c.order for c in doc.cell_cards(stage, lane)), default=0)
    body = " ".join(["word"] * 120)
    return cmd.add_card(Card(id="tall", stage_id=stage, lane_id=lane, title="Tall", body=body, order=last + 1))


def _below(layout, doc) -> list[str]:
    """The labelled links with both cards below the first lane."""
    first = layout.lane_ids[0]
    return [
        lk.id
        for lk in doc.map.links
        if lk.label and first not in (doc.card(lk.source_id).lane_id, doc.card(lk.target_id).lane_id)
    ]


def test_labels_of_links_below_a_lane_that_grows_are_moved_not_placed_again(monkeypatch):
    m = _map()
    doc = Document(m)
    layout = build_layout(m)
    snapshot(layout)  # every route and label placed
    before = {lid: layout.link(lid).label for lid in _below(layout, doc)}
    placed = []
    place = LinkLabels._place

    def counting(self, link_id, *args):
        if self is layout.labels:
            placed.append(link_id)
        return place(self, link_id, *args)

    monkeypatch.setattr(LinkLabels, "_place", counting)
    lane_top = layout.lane_rect(layout.lane_ids[1]).y
    apply(doc, layout, _tall_card(doc, layout))
    layout.take_label_changes()
    assert layout.lane_rect(layout.lane_ids[1]).y > lane_top  # the lanes below moved
    after = snapshot(layout)
    moved = [lid for lid, label in before.items() if after["links"][lid].label != label]
    assert len(moved) >= 20
    # most of them were put where they were, moved down, not placed again (all were before)
    assert len(set(placed) & set(moved)) <= len(moved) // 4, (len(placed), len(moved))
    assert after == snapshot(build_layout(doc.map))


def test_the_canvas_moves_what_it_draws_of_links_that_moved_with_their_lanes(qapp, monkeypatch):
    from app.widgets.canvas import link_item
    from app.widgets.canvas.link_item import link_drawing
    from app.widgets.canvas.scene import MapScene

    doc = Document(_map())
    scene = MapScene(doc)
    moved = []
    move = link_item._moved
    monkeypatch.setattr(link_item, "_moved", lambda *a: moved.append(a[1].id) or move(*a))
    _tall_card(doc, scene.layout).apply(doc)
    scene.settle_links()
    assert len(moved) >= 20
    fresh = build_layout(doc.map)
    for lk in doc.map.links:
        item = scene.link_items[lk.id]
        assert item.geo == fresh.link(lk.id)
        want = link_drawing(item.geo, lk)  # made from the route, as a new item would
        path = item.path
        assert path.elementCount() == want.path.elementCount()
        for i in range(path.elementCount()):
            a, b = path.elementAt(i), want.path.elementAt(i)
            assert (a.type, round(a.x, 6), round(a.y, 6)) == (b.type, round(b.x, 6), round(b.y, 6)), lk.id
        assert [round(v, 6) for v in item.box] == [
            round(v, 6) for v in (want.bounds.left(), want.bounds.top(), want.bounds.right(), want.bounds.bottom())
        ]
        assert [tuple(round(v, 6) for v in r) for r in item._runs] == [
            tuple(round(v, 6) for v in r) for r in want.runs
        ]
        if want.label_box is not None:
            assert item.label_box.getRect() == pytest.approx(want.label_box.getRect(), abs=1e-6)
