"""The priority list: the gap ranking of ``journeymap analyze`` as rows a table can sort and
filter (by stage, owner and persona). Pure Python.

The rows are the cards :func:`app.model.analysis.moments_of_truth_ranking` ranks (rated, a
moment of truth, or voted for), with the same score and the same gap: customer importance minus
customer performance (a card rated by customers only for importance has no gap: 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .analysis import priority, touchpoint_graph
from .matrix import card_label
from .schema import Map


@dataclass(frozen=True)
class PriorityRow:
    card_id: str
    title: str
    stage_id: str
    stage: str
    stage_index: int
    owner: str
    persona_ids: tuple[str, ...]
    gap: int  # importance minus performance (customer-reported)
    importance: int | None
    performance: int | None
    moment_of_truth: bool
    votes: int
    score: float


def priority_rows(m: Map) -> list[PriorityRow]:
    """Every ranked card, highest score first (ties by stage, then card id), as ``analyze`` ranks them."""
    g = touchpoint_graph(m)
    centrality = nx.degree_centrality(g) if g.number_of_nodes() > 1 else {}
    stages = {s.id: (i, s.name) for i, s in enumerate(m.stages)}
    rows = []
    for c in m.cards:
        if not (c.moment_of_truth or c.importance_customer or c.importance_internal or c.votes):
            continue
        imp = c.importance_customer or 0
        perf = c.performance_customer or imp
        index, name = stages.get(c.stage_id, (len(stages), ""))
        rows.append(
            PriorityRow(
                c.id, card_label(c), c.stage_id, name, index, c.owner, tuple(c.persona_ids), imp - perf,
                c.importance_customer, c.performance_customer, c.moment_of_truth, c.votes,
                round(priority(c, centrality.get(c.id, 0.0)), 2),
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (-r.score, r.stage_index, r.card_id))
    return rows


def filter_rows(
    rows: list[PriorityRow], *, stage: str | None = None, owner: str | None = None, persona: str | None = None
) -> list[PriorityRow]:
    """The rows of one stage id, one owner (exactly; "" for cards without an owner) and one
    persona id; None leaves that filter off."""
    return [
        r
        for r in rows
        if (stage is None or r.stage_id == stage)
        and (owner is None or r.owner == owner)
        and (persona is None or persona in r.persona_ids)
    ]


def owners(m: Map) -> list[str]:
    """The owners named on ranked cards, sorted (case-insensitively)."""
    return sorted({r.owner for r in priority_rows(m) if r.owner}, key=str.casefold)
