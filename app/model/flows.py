"""The touchpoint graph as flows: hand-offs, stages no link reaches, orphans, the longest flow and
the path between two cards. Pure Python (networkx); the Flows dock and ``journeymap analyze``
both read it, so the editor and the terminal say the same.

Each result names cards *and* the links between them, so that a renderer can highlight both.

* **Hand-offs**: links where the customer's case changes hands (see
  :func:`app.model.analysis.handoffs`: the two cards have different owners, or the link is
  marked as a hand-off).
* **Stages no link reaches**: what :func:`app.model.analysis.stage_gaps` finds, without building
  the graph (:func:`stage_gaps`).
* **Orphans**: touchpoint and process cards (:data:`FLOW_KINDS`) that no link enters or leaves.
  Actions, thoughts, pains, opportunities and notes describe a stage and are not expected to be
  linked, so they are never orphans.
* **Longest flow**: the longest simple path over flow and hand-off links (dependencies are not
  steps of the journey). A longest simple path is only well defined (and cheap) in a DAG, so
  cycles are broken first: a depth-first search from the cards where flows start (no incoming
  link), in map order, leaves out the links that lead back to a card still on its path (the
  links that close a cycle); they are reported as ``left_out``. Between flows of the same length
  the map's card order decides (the same map always gives the same flow).
* **Path**: the shortest chain of links (any kind) from one card to another, following the links'
  direction; when there is none, the shortest chain ignoring direction (``directed`` False).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .analysis import Handoff, handoffs, networkx
from .schema import CardKind, LinkKind, Map

if TYPE_CHECKING:
    import networkx as nx

FLOW_KINDS = frozenset({CardKind.TOUCHPOINT, CardKind.PROCESS})

__all__ = ["FLOW_KINDS", "CardNotFound", "Flow", "Handoff", "find_path", "handoffs", "longest_flow", "orphans",
           "resolve_card", "stage_gaps"]  # fmt: skip


@dataclass(frozen=True)
class Flow:
    """A chain of cards and the links that join them (``links[i]`` joins ``cards[i]`` and
    ``cards[i + 1]``)."""

    cards: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    directed: bool = True  # False: a path found only by going against some links
    left_out: tuple[str, ...] = field(default=())  # links left out to break cycles (longest flow)

    def __bool__(self) -> bool:
        return bool(self.cards)


def stage_gaps(m: Map) -> list[str]:
    """Ids of the stages no link enters or leaves (none of their cards is an end of a link), in
    map order: :func:`app.model.analysis.stage_gaps` from the links alone (the Flows dock
    computes it after every edit; building the networkx graph for it cost ~0.1 s at 5,000 cards)."""
    linked = {i for lk in m.links for i in (lk.source_id, lk.target_id)}
    reached = {c.stage_id for c in m.cards if c.id in linked}
    return [s.id for s in m.stages if s.id not in reached]


def orphans(m: Map) -> list[str]:
    """Ids of the touchpoint and process cards no link touches, in map order."""
    linked = {i for lk in m.links for i in (lk.source_id, lk.target_id)}
    return [c.id for c in m.cards if c.kind in FLOW_KINDS and c.id not in linked]


def _link_graph(m: Map, kinds: frozenset[LinkKind] | None = None) -> nx.DiGraph:
    """The linked cards as nodes, links as edges carrying their id (cards without a link of these
    kinds are left out). Two links between the same cards in the same direction are one edge
    (the first)."""
    nx = networkx()
    cards = {c.id for c in m.cards}
    g = nx.DiGraph()
    for lk in m.links:
        if (kinds is None or lk.kind in kinds) and lk.source_id in cards and lk.target_id in cards:
            if not g.has_edge(lk.source_id, lk.target_id):
                g.add_edge(lk.source_id, lk.target_id, id=lk.id)
    return g


def _cycle_closers(g: nx.DiGraph, rank: dict[str, int]) -> list[tuple[str, str]]:
    """The back edges of a depth-first search started at the cards without incoming links (then
    any card left), in map order: removing them leaves a DAG. Iterative, so a long chain of
    links never reaches Python's recursion limit."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    back: list[tuple[str, str]] = []
    starts = sorted(g.nodes, key=lambda n: (g.in_degree(n) > 0, rank[n]))
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(sorted(g.successors(start), key=rank.__getitem__)))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(g.successors(child), key=rank.__getitem__))))
    return back


def longest_flow(m: Map) -> Flow:
    """The longest chain of flow and hand-off links (see the module docstring for cycles)."""
    nx = networkx()
    g = _link_graph(m, frozenset({LinkKind.FLOW, LinkKind.HANDOFF}))
    if g.number_of_edges() == 0:
        return Flow()
    rank = {c.id: i for i, c in enumerate(m.cards) if c.id in g}
    back = _cycle_closers(g, rank)
    left_out = tuple(g.edges[u, v]["id"] for u, v in back)
    g.remove_edges_from(back)
    order = list(nx.lexicographical_topological_sort(g, key=rank.__getitem__))
    cards = nx.dag_longest_path(g, topo_order=order)
    return Flow(tuple(cards), _links_along(g, cards), True, left_out)


def _links_along(g: nx.DiGraph, cards: list[str]) -> tuple[str, ...]:
    out = []
    for a, b in zip(cards, cards[1:], strict=False):
        edge = g.get_edge_data(a, b) or g.get_edge_data(b, a)
        out.append(edge["id"])
    return tuple(out)


def find_path(m: Map, source: str, target: str) -> Flow:
    """The shortest chain of links from card ``source`` to card ``target`` (see the module
    docstring); an empty Flow when they are not connected. Unknown ids: KeyError."""
    nx = networkx()
    cards = {c.id for c in m.cards}
    for ident in (source, target):
        if ident not in cards:
            raise KeyError(ident)
    if source == target:
        return Flow((source,))
    g = _link_graph(m)
    if source not in g or target not in g:
        return Flow()
    for graph, directed in ((g, True), (g.to_undirected(as_view=True), False)):
        try:
            cards = nx.shortest_path(graph, source, target)
        except nx.NetworkXNoPath:
            continue
        return Flow(tuple(cards), _links_along(g, cards), directed)
    return Flow()


class CardNotFound(LookupError):
    """A card named on the command line that is not in the map (or names several)."""


def resolve_card(m: Map, name: str) -> str:
    """The id of the card ``name`` names: its id, or else its exact title. Raises
    :class:`CardNotFound` with a one-line message when none does, or several cards share the title."""
    if any(c.id == name for c in m.cards):
        return name
    titled = [c.id for c in m.cards if c.title == name]
    if len(titled) == 1:
        return titled[0]
    if titled:
        shown = ", ".join(titled[:5]) + (", …" if len(titled) > 5 else "")
        raise CardNotFound(f"{len(titled)} cards are titled {name!r}: give one of their ids ({shown})")
    raise CardNotFound(f"no card has the id or the title {name!r}")
