"""The priority list: the gap ranking of ``journeymap analyze`` as rows a table can sort and
filter (by stage, owner and persona). Pure Python.

The rows are the cards :func:`app.model.analysis.moments_of_truth_ranking` ranks (rated, a
moment of truth, or voted for), with the same score and the same gap: customer importance minus
customer performance (a card rated by customers only for importance has no gap: 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import priority
from .matrix import card_label
from .schema import Card, Map


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


def centralities(m: Map) -> dict[str, float]:
    """Each node's degree centrality in :func:`~.analysis.touchpoint_graph` (what
    ``networkx.degree_centrality`` gives: its distinct links in and out over the nodes but one),
    counted without building the graph; ``{}`` for a graph of fewer than two nodes."""
    nodes = dict.fromkeys(c.id for c in m.cards)
    edges = dict.fromkeys((lk.source_id, lk.target_id) for lk in m.links)  # a DiGraph keeps one of each
    degree = dict.fromkeys(nodes, 0)
    for source, target in edges:
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1
    if len(degree) <= 1:
        return {}
    s = 1.0 / (len(degree) - 1.0)
    return {n: d * s for n, d in degree.items()}


def _order(r: PriorityRow) -> tuple:
    return (-r.score, r.stage_index, r.card_id)


def _row(c: Card, stages: dict[str, tuple[int, str]], centrality: dict[str, float]) -> PriorityRow | None:
    if not (c.moment_of_truth or c.importance_customer or c.importance_internal or c.votes):
        return None
    imp = c.importance_customer or 0
    perf = c.performance_customer or imp
    index, name = stages.get(c.stage_id, (len(stages), ""))
    return PriorityRow(
        c.id, card_label(c), c.stage_id, name, index, c.owner, tuple(c.persona_ids), imp - perf,
        c.importance_customer, c.performance_customer, c.moment_of_truth, c.votes,
        round(priority(c, centrality.get(c.id, 0.0)), 2),
    )  # fmt: skip


class PriorityRanking:
    """The rows of a map, kept to rank a few cards again after an edit of their fields: the
    links and the stages (what the centrality and the stage columns come from) must be the
    same as when the ranking was made; a card added or removed changes every centrality."""

    def __init__(self, m: Map):
        self.centrality = centralities(m)
        self.stages = {s.id: (i, s.name) for i, s in enumerate(m.stages)}
        self.rows = [r for c in m.cards if (r := _row(c, self.stages, self.centrality)) is not None]
        self.rows.sort(key=_order)

    def rerank(self, m: Map, card_ids: set[str]) -> None:
        """Rank the cards ``card_ids`` of ``m`` again (their fields changed, nothing else did)."""
        kept = [r for r in self.rows if r.card_id not in card_ids]
        cards = {c.id: c for c in m.cards} if len(card_ids) > 8 else None
        for ident in card_ids:
            card = cards.get(ident) if cards is not None else next((c for c in m.cards if c.id == ident), None)
            row = _row(card, self.stages, self.centrality) if card is not None else None
            if row is not None:
                kept.append(row)
        kept.sort(key=_order)
        self.rows = kept


def priority_rows(m: Map) -> list[PriorityRow]:
    """Every ranked card, highest score first (ties by stage, then card id), as ``analyze`` ranks them."""
    return PriorityRanking(m).rows


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
