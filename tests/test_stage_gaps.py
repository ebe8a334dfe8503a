"""The Flows dock's stages no link reaches (app.model.flows.stage_gaps, counted from the links
without a graph) are the ones ``journeymap analyze`` reports (app.model.analysis.stage_gaps)."""

from __future__ import annotations

import random

from app.model import analysis, flows
from app.model.schema import Link
from benchmarks.generate import generate_map


def test_stage_gaps_from_the_links_are_the_graphs():
    rng = random.Random(4)
    for n, n_links in ((60, 0), (60, 1), (60, 3), (200, 8), (400, 40)):
        m = generate_map(n, seed=n + n_links)
        links = [Link(id=f"x{i}", source_id=m.cards[rng.randrange(n)].id, target_id=m.cards[rng.randrange(n)].id)
                 for i in range(n_links)]  # fmt: skip
        if n_links == 1:  # a card linked to itself reaches its stage
            links.append(Link(id="self", source_id="c-0", target_id="c-0"))
        m = m.model_copy(update={"links": links})
        assert flows.stage_gaps(m) == analysis.stage_gaps(m)
    assert len(flows.stage_gaps(generate_map(60, seed=60).model_copy(update={"links": []}))) == 7
