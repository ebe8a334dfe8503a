"""The layout kept current edit by edit equals a fresh one, routes and labels to the last bit,
after random edits of the kinds that shift lanes (quick capture into the tallest cell, drops,
cards that grow, lane heights on and off the binary grid, deletes) on generated maps with links
across the whole map (benchmarks/generate.py ``with_cyclic_links``)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.layout import build_layout
from app.model.schema import Card, LaneType
from benchmarks.generate import generate_map, with_cyclic_links
from tests.test_layout import apply, snapshot
from tests.test_link_routing import labelled


def _edit(doc, rng: random.Random, step: int, off_grid: bool):
    m = doc.map
    card = rng.choice(m.cards)
    plain = [lane.id for lane in m.lanes if lane.type is not LaneType.FEELINGS]
    kind = rng.randrange(6)
    if kind == 0:  # quick capture: a card at the end of a cell (its lane may grow)
        stage, lane = rng.choice(m.stages).id, rng.choice(plain)
        order = max((c.order for c in doc.cell_cards(stage, lane)), default=0) + 1
        words = " ".join(["note"] * rng.randint(1, 30))
        return cmd.add_card(Card(id=f"new-{step}", stage_id=stage, lane_id=lane, title=words, order=order))
    if kind == 1:  # a drop into a cell of another column, maybe another lane
        stage = rng.choice(m.stages).id
        lane = card.lane_id if rng.random() < 0.5 else rng.choice(plain)
        return cmd.MoveCards([card.id], stage, lane, rng.randint(0, len(doc.cell_cards(stage, lane))))
    if kind == 2:  # a card grows or shrinks
        return cmd.Edit(Entity.CARD, card.id, {"body": " ".join(["word"] * rng.randint(0, 60))})
    if kind == 3:  # a lane's own height
        h = rng.choice((60.0, 137.5, 400.0)) + (0.3 if off_grid else 0.0)
        return cmd.Edit(Entity.LANE, rng.choice(plain), {"height": h})
    if kind == 4 and len(m.cards) > 20:
        return cmd.remove_cards(doc, [card.id])
    return cmd.MoveCards([card.id], card.stage_id, card.lane_id, rng.randint(0, 3))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), off_grid=st.booleans())
def test_kept_routes_and_labels_equal_a_fresh_layout_after_every_edit(seed, off_grid):
    rng = random.Random(seed)
    m = labelled(with_cyclic_links(generate_map(rng.choice((120, 300)), seed=seed % 7 + 1), 2), every=3)
    if off_grid:
        for lane in m.lanes:
            lane.height += 0.3
    doc = Document(m)
    layout = build_layout(m)
    snapshot(layout)  # every route and label asked for once
    for step in range(10):
        apply(doc, layout, _edit(doc, rng, step, off_grid))
        layout.take_label_changes()
        assert snapshot(layout) == snapshot(build_layout(doc.map)), step
