"""The priority ranking kept between edits (app.model.priorities): the centrality counted without
networkx is networkx's, and ranking a few edited cards again gives the rows a whole ranking of
the edited map gives."""

from __future__ import annotations

import random

import networkx as nx

from app.model.analysis import touchpoint_graph
from app.model.priorities import PriorityRanking, centralities, priority_rows
from app.model.schema import Link
from benchmarks.generate import generate_map


def _with_odd_links(m):
    """Repeated links, a self loop and a link to a card that does not exist (a DiGraph keeps
    one edge of each pair and makes a node of the missing end)."""
    extra = [
        Link(id="dup-1", source_id="c-1", target_id="c-2"),
        Link(id="dup-2", source_id="c-1", target_id="c-2"),
        Link(id="self", source_id="c-3", target_id="c-3"),
        Link(id="gone", source_id="c-4", target_id="no-such-card"),
    ]
    return m.model_copy(update={"links": [*m.links, *extra]})


def test_centralities_are_networkx_degree_centrality():
    for m in (generate_map(400, seed=5), _with_odd_links(generate_map(120, seed=6))):
        expected = nx.degree_centrality(touchpoint_graph(m))
        assert centralities(m) == expected  # the same floats, not just close
    one = generate_map(1).model_copy(update={"links": []})
    assert centralities(one) == {}


def test_reranking_edited_cards_gives_the_whole_ranking():
    rng = random.Random(11)
    m = _with_odd_links(generate_map(300, seed=7))
    ranking = PriorityRanking(m)
    assert ranking.rows == priority_rows(m)
    for _ in range(30):
        cards = list(m.cards)
        edited = set()
        for _ in range(rng.randint(1, 12)):  # above and below the lookup-by-dict threshold
            i = rng.randrange(len(cards))
            c = cards[i]
            update = rng.choice([
                {"votes": rng.randint(0, 9)},
                {"importance_customer": rng.choice([None, 1, 3, 5]), "performance_customer": rng.choice([None, 2, 4])},
                {"moment_of_truth": not c.moment_of_truth},
                {"owner": rng.choice(["", "Sales", "IT"]), "title": f"t {rng.random():.3f}"},
                {"stage_id": m.stages[rng.randrange(len(m.stages))].id},
                {"importance_customer": None, "importance_internal": None, "votes": 0, "moment_of_truth": False},
            ])  # fmt: skip
            cards[i] = c.model_copy(update=update)
            edited.add(c.id)
        m = m.model_copy(update={"cards": cards})
        ranking.rerank(m, edited)
        assert ranking.rows == priority_rows(m)
    # a card that left the ranking (nothing rated, voted or marked) is gone from the rows
    assert all(r.card_id in {c.id for c in m.cards} for r in ranking.rows)
