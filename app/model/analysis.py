"""Touchpoint graph analysis with networkx: paths, hand-offs, gaps, and which touchpoints matter most.

The graph's nodes are cards, its edges the map's links (with their kind and label). Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .schema import Card, LinkKind, Map

if TYPE_CHECKING:
    import networkx as nx


def networkx():
    """The networkx module, imported when graph analysis is first asked for: the editor opens
    a map without it (~20 MB; issue 14's peak memory)."""
    import networkx

    return networkx


def touchpoint_graph(m: Map) -> nx.DiGraph:
    """Cards as nodes (with stage, lane, owner), links as edges (with kind and label)."""
    nx = networkx()
    g = nx.DiGraph()
    for c in m.cards:
        g.add_node(c.id, stage=c.stage_id, lane=c.lane_id, owner=c.owner, title=c.title)
    for lk in m.links:
        g.add_edge(lk.source_id, lk.target_id, id=lk.id, kind=lk.kind.value, label=lk.label)
    return g


@dataclass(frozen=True)
class Handoff:
    link_id: str
    source: str
    target: str
    from_owner: str
    to_owner: str


def handoffs(m: Map) -> list[Handoff]:
    """Links marked as hand-offs, and flows that cross from one owner to another: where the
    customer's case changes hands inside the company (and things get dropped)."""
    cards = {c.id: c for c in m.cards}
    out = []
    for lk in m.links:
        a, b = cards.get(lk.source_id), cards.get(lk.target_id)
        if a is None or b is None:
            continue
        crosses = a.owner and b.owner and a.owner != b.owner
        if lk.kind is LinkKind.HANDOFF or crosses:
            out.append(Handoff(lk.id, a.id, b.id, a.owner, b.owner))
    return out


def stage_gaps(m: Map) -> list[str]:
    """Ids of stages that no link enters or leaves: the journey's flow breaks there."""
    g = touchpoint_graph(m)
    linked = {g.nodes[n]["stage"] for n in g.nodes if g.degree(n) > 0}
    return [s.id for s in m.stages if s.id not in linked]


def longest_flow(m: Map) -> list[str]:
    """The longest chain of linked cards (card ids), following flow and hand-off links; cycles
    are broken by ignoring the edges that close them."""
    nx = networkx()
    g = touchpoint_graph(m)
    flow = nx.DiGraph((u, v) for u, v, k in g.edges(data="kind") if k != LinkKind.DEPENDENCY.value)
    if flow.number_of_edges() == 0:
        return []
    if not nx.is_directed_acyclic_graph(flow):
        flow = nx.DiGraph(nx.dfs_edges(flow))  # a spanning forest: acyclic
    return nx.dag_longest_path(flow)


@dataclass(frozen=True)
class Priority:
    card_id: str
    title: str
    score: float
    gap: int  # customer importance minus customer performance


def priority(card: Card, centrality: float = 0.0) -> float:
    """How much a touchpoint deserves attention: important to customers and performing badly,
    a moment of truth, voted for, and central to the flow."""
    imp = card.importance_customer or card.importance_internal or 0
    perf = card.performance_customer or card.performance_internal or imp
    score = imp * max(0, imp - perf + 1)
    if card.moment_of_truth:
        score *= 1.5
    return score + card.votes * 0.5 + centrality * 10


def moments_of_truth_ranking(m: Map, limit: int = 10) -> list[Priority]:
    """Cards ranked by :func:`priority` (moments of truth and rated touchpoints first)."""
    nx = networkx()
    g = touchpoint_graph(m)
    centrality = nx.degree_centrality(g) if g.number_of_nodes() > 1 else {}
    ranked = []
    for c in m.cards:
        if not (c.moment_of_truth or c.importance_customer or c.importance_internal or c.votes):
            continue
        imp = c.importance_customer or 0
        perf = c.performance_customer or imp
        ranked.append(Priority(c.id, c.title, round(priority(c, centrality.get(c.id, 0.0)), 2), imp - perf))
    ranked.sort(key=lambda p: (-p.score, p.card_id))
    return ranked[:limit]
