"""The Document owns one Map and is its only mutation API.

Every mutation emits fine-grained :class:`~app.model.events.Change` events. Changes made inside
``with doc.batch():`` (as every command does) reach listeners as one list. Each primitive costs
O(what it touches): a card move updates two cell lists, never the whole map.

Primitives take and return whole values so that commands can revert them exactly: removing an
element returns it with its list index, adding takes an index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .events import Cell, Change, Entity, Op
from .schema import Card, EmotionCurve, EmotionPoint, Lane, Link, Map, Persona, Stage, StageMetric

Listener = Callable[[list[Change]], None]
CardPosition = tuple[str, str, str, int]  # (card_id, stage_id, lane_id, order)

_LISTS: dict[Entity, str] = {
    Entity.PERSONA: "personas",
    Entity.STAGE: "stages",
    Entity.LANE: "lanes",
    Entity.CARD: "cards",
    Entity.CURVE: "curves",
    Entity.LINK: "links",
    Entity.METRIC: "metrics",
}


def _index_of(items: list, obj: object) -> int:
    for i, item in enumerate(items):
        if item is obj:
            return i
    raise ValueError("element is not in its list")


class Document:
    def __init__(self, m: Map):
        self.map = m
        self._listeners: list[Listener] = []
        self._pending: list[Change] | None = None
        self._depth = 0
        self._reindex()

    # ----------------------------------------------------------------- indexes
    def _reindex(self) -> None:
        m = self.map
        self._by_id: dict[Entity, dict[str, Any]] = {e: {} for e in _LISTS}
        for entity, name in _LISTS.items():
            table = self._by_id[entity]
            for item in getattr(m, name):
                table[item.id] = item
        self._points: dict[str, tuple[EmotionCurve, EmotionPoint]] = {}
        for curve in m.curves:
            for p in curve.points:
                self._points[p.id] = (curve, p)
        self._cells: dict[Cell, list[Card]] = {}
        for c in m.cards:
            self._cells.setdefault((c.stage_id, c.lane_id), []).append(c)
        for cards in self._cells.values():
            cards.sort(key=_stack_key)

    # ---------------------------------------------------------------- queries
    def get(self, entity: Entity, ident: str) -> Any:
        if entity is Entity.MAP:
            return self.map
        if entity is Entity.POINT:
            return self._points[ident][1]
        return self._by_id[entity][ident]

    def find(self, entity: Entity, ident: str) -> Any | None:
        try:
            return self.get(entity, ident)
        except KeyError:
            return None

    def card(self, ident: str) -> Card:
        return self._by_id[Entity.CARD][ident]

    def cell_cards(self, stage_id: str, lane_id: str) -> list[Card]:
        """The cards of one cell, in stacking order (a copy)."""
        return list(self._cells.get((stage_id, lane_id), ()))

    def point_curve(self, point_id: str) -> EmotionCurve:
        return self._points[point_id][0]

    def links_of(self, card_ids: set[str]) -> list[Link]:
        return [lk for lk in self.map.links if lk.source_id in card_ids or lk.target_id in card_ids]

    def index_of(self, entity: Entity, ident: str) -> int:
        if entity is Entity.POINT:
            curve, point = self._points[ident]
            return _index_of(curve.points, point)
        return _index_of(getattr(self.map, _LISTS[entity]), self._by_id[entity][ident])

    # ---------------------------------------------------------------- events
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the changes made inside into one notification."""
        if self._depth == 0:
            self._pending = []
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                pending, self._pending = self._pending, None
                if pending:
                    for listener in list(self._listeners):
                        listener(pending)

    def _emit(self, change: Change) -> None:
        if self._pending is not None:
            self._pending.append(change)
        else:
            for listener in list(self._listeners):
                listener([change])

    # ------------------------------------------------------- generic updates
    def update(self, entity: Entity, ident: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Set fields on one element; returns the previous values (for revert)."""
        obj = self.get(entity, ident)
        old = {name: getattr(obj, name) for name in fields}
        if entity is Entity.CARD and ({"stage_id", "lane_id", "order"} & fields.keys()):
            raise ValueError("use set_card_positions to move cards")
        for name, value in fields.items():
            setattr(obj, name, value)
        cells: tuple[Cell, ...] = ()
        parent = ""
        if entity is Entity.CARD:
            cells = ((obj.stage_id, obj.lane_id),)
        elif entity is Entity.POINT:
            parent = self._points[ident][0].id
        self._emit(Change(entity, Op.UPDATE, ident, frozenset(fields), cells, parent))
        return old

    # ------------------------------------------------------ list membership
    def insert(self, entity: Entity, obj: Any, index: int | None = None, parent: str = "") -> None:
        """Add an element (for POINT, to the curve ``parent``) at ``index`` (default: the end)."""
        if entity is Entity.POINT:
            curve = self._by_id[Entity.CURVE][parent]
            items = curve.points
        else:
            items = getattr(self.map, _LISTS[entity])
        if self.find(entity, obj.id) is not None:
            raise ValueError(f"duplicate id '{obj.id}'")
        items.insert(len(items) if index is None else index, obj)
        cells: tuple[Cell, ...] = ()
        if entity is Entity.POINT:
            self._points[obj.id] = (curve, obj)
        else:
            self._by_id[entity][obj.id] = obj
        if entity is Entity.CURVE:
            for p in obj.points:
                self._points[p.id] = (obj, p)
        if entity is Entity.CARD:
            cell = (obj.stage_id, obj.lane_id)
            stack = self._cells.setdefault(cell, [])
            stack.append(obj)
            stack.sort(key=_stack_key)
            cells = (cell,)
        self._emit(Change(entity, Op.ADD, obj.id, cells=cells, parent=parent))

    def remove(self, entity: Entity, ident: str) -> tuple[Any, int]:
        """Remove one element; returns it and its former index (for revert)."""
        parent = ""
        cells: tuple[Cell, ...] = ()
        if entity is Entity.POINT:
            curve, obj = self._points.pop(ident)
            index = _index_of(curve.points, obj)
            del curve.points[index]
            parent = curve.id
        else:
            obj = self._by_id[entity][ident]
            items = getattr(self.map, _LISTS[entity])
            index = _index_of(items, obj)
            del items[index]
            del self._by_id[entity][ident]
        if entity is Entity.CURVE:
            for p in obj.points:
                self._points.pop(p.id, None)
        if entity is Entity.CARD:
            cell = (obj.stage_id, obj.lane_id)
            stack = self._cells[cell]
            del stack[_index_of(stack, obj)]
            if not stack:
                del self._cells[cell]
            cells = (cell,)
        self._emit(Change(entity, Op.REMOVE, ident, cells=cells, parent=parent))
        return obj, index

    def move_in_list(self, entity: Entity, ident: str, index: int) -> int:
        """Move a stage, lane, persona or curve to ``index`` in its list; returns the old index."""
        items = getattr(self.map, _LISTS[entity])
        obj = self._by_id[entity][ident]
        old = _index_of(items, obj)
        del items[old]
        items.insert(index, obj)
        self._emit(Change(entity, Op.REORDER, ident))
        return old

    # ------------------------------------------------------------ card cells
    def card_positions(self, card_ids: list[str] | set[str]) -> list[CardPosition]:
        cards = self._by_id[Entity.CARD]
        return [(i, cards[i].stage_id, cards[i].lane_id, cards[i].order) for i in card_ids]

    def cell_positions(self, cells: set[Cell]) -> list[CardPosition]:
        """The positions of every card in these cells (what a move may renumber)."""
        out = []
        for cell in cells:
            out.extend((c.id, c.stage_id, c.lane_id, c.order) for c in self._cells.get(cell, ()))
        return out

    def set_card_positions(self, positions: list[CardPosition]) -> None:
        """Put cards into cells at orders. Only the cells involved are touched; cards already
        in place are skipped (no event)."""
        cards = self._by_id[Entity.CARD]
        touched: set[Cell] = set()
        positions = [p for p in positions if (cards[p[0]].stage_id, cards[p[0]].lane_id, cards[p[0]].order) != p[1:]]
        for card_id, stage_id, lane_id, order in positions:
            card = cards[card_id]
            old = (card.stage_id, card.lane_id)
            new = (stage_id, lane_id)
            if old != new:
                stack = self._cells[old]
                del stack[_index_of(stack, card)]
                if not stack:
                    del self._cells[old]
                self._cells.setdefault(new, []).append(card)
                card.stage_id, card.lane_id = stage_id, lane_id
                touched.add(old)
            card.order = order
            touched.add(new)
        for cell in touched:
            if cell in self._cells:
                self._cells[cell].sort(key=_stack_key)
        moved = tuple(sorted(touched))
        for card_id, *_ in positions:
            self._emit(Change(Entity.CARD, Op.MOVE, card_id, cells=moved))

    def replace_map_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        return self.update(Entity.MAP, "", fields)


def _stack_key(card: Card) -> tuple[int, str]:
    return (card.order, card.id)


__all__ = [
    "Document",
    "CardPosition",
    "Card",
    "Stage",
    "Lane",
    "Persona",
    "EmotionCurve",
    "EmotionPoint",
    "Link",
    "StageMetric",
]
