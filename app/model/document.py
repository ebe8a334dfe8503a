"""The Document owns one Map and is its only mutation API.

Every mutation emits fine-grained :class:`~app.model.events.Change` events. Changes made inside
``with doc.batch():`` (as every command does) reach listeners as one list. Each primitive costs
O(what it touches): a card move updates two cell lists, never the whole map.

Primitives take and return whole values so that commands can revert them exactly: removing an
element returns it with its list index, adding takes an index.

The map guards itself (see :mod:`app.model.integrity`): each primitive checks its change
against the schema's field rules and the references between elements BEFORE it changes
anything, and refuses a bad one with :class:`EditRefused` naming the element and the field. An
element still named by others (a stage with cards, a card with links) cannot be removed; ids
are unique across the whole map. So the map always saves as a file that loads again.

A batch is a transaction: when an exception leaves ``batch()``, every primitive applied inside
it is undone, in reverse order, and its changes are dropped from the pending notification. A
command that fails part-way therefore leaves the map, the indexes and the listeners exactly as
before: listeners get NO event for a rolled-back batch (they never saw the changes, and the map
is what they last saw), and an enclosing batch goes on with what it had done before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .events import Cell, Change, Entity, Op
from .integrity import (
    NOUNS,
    REFERENCE_FIELDS,
    EditRefused,
    checked_element,
    checked_fields,
    checked_value,
    references,
    refuse,
)
from .schema import MAX_CARDS, Card, EmotionCurve, EmotionPoint, Lane, Link, Map, Persona, Stage, StageMetric

Listener = Callable[[list[Change]], None]
CardPosition = tuple[str, str, str, int]  # (card_id, stage_id, lane_id, order)
Ref = tuple[Entity, str]

#: element kind -> the Map field listing them (also the room document's root names: app.room.ydoc)
LISTS: dict[Entity, str] = {
    Entity.PERSONA: "personas",
    Entity.STAGE: "stages",
    Entity.LANE: "lanes",
    Entity.CARD: "cards",
    Entity.CURVE: "curves",
    Entity.LINK: "links",
    Entity.METRIC: "metrics",
}
_REORDERABLE = (Entity.PERSONA, Entity.STAGE, Entity.LANE, Entity.CURVE)


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
        self._log: list[Callable[[], None]] = []  # inverses of the primitives of the open batch
        self._reindex()

    # ----------------------------------------------------------------- indexes
    def _reindex(self) -> None:
        m = self.map
        self._by_id: dict[Entity, dict[str, Any]] = {e: {} for e in LISTS}
        for entity, name in LISTS.items():
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
        self._uses: dict[Ref, int] = {}  # how many references name each element
        uses = self._uses
        for c in m.cards:  # the bulk of a map, counted without the generic walk
            for ref in ((Entity.STAGE, c.stage_id), (Entity.LANE, c.lane_id)):
                uses[ref] = uses.get(ref, 0) + 1
            for pid in c.persona_ids:
                uses[(Entity.PERSONA, pid)] = uses.get((Entity.PERSONA, pid), 0) + 1
        for entity in (Entity.CURVE, Entity.LINK, Entity.METRIC):
            for item in getattr(m, LISTS[entity]):
                self._count(entity, item, 1)

    def _count(self, entity: Entity, obj: Any, step: int) -> None:
        uses = self._uses
        for _field, target, ident in references(entity, obj):
            n = uses.get((target, ident), 0) + step
            if n:
                uses[(target, ident)] = n
            else:
                del uses[(target, ident)]

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
        return _index_of(getattr(self.map, LISTS[entity]), self._by_id[entity][ident])

    def uses_of(self, entity: Entity, ident: str) -> int:
        """How many references (cards' stages and personas, links' ends, ...) name this element."""
        return self._uses.get((entity, ident), 0)

    def id_owner(self, ident: str) -> Entity | None:
        """The kind of element that has this id, if any (ids are unique across the map)."""
        if ident in self._points:
            return Entity.POINT
        for entity, table in self._by_id.items():
            if ident in table:
                return entity
        return None

    # ---------------------------------------------------------------- events
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the changes made inside into one notification; all or nothing (see the
        module docstring): an exception undoes what the batch did and is raised again."""
        if self._depth == 0:
            self._pending = []
        mark = (len(self._log), len(self._pending))
        self._depth += 1
        try:
            yield
        except BaseException:
            self._roll_back(*mark)
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                pending, self._pending = self._pending, None
                self._log.clear()
                if pending:
                    for listener in list(self._listeners):
                        listener(pending)

    def _roll_back(self, log_mark: int, pending_mark: int) -> None:
        log = self._log
        while len(log) > log_mark:
            log.pop()()
        del self._pending[pending_mark:]

    def _done(self, inverse: Callable[[], None], change: Change) -> None:
        """A primitive has changed the map: remember how to undo it (inside a batch), then emit."""
        if self._depth:
            self._log.append(inverse)
        self._emit(change)

    def _emit(self, change: Change) -> None:
        if self._pending is not None:
            self._pending.append(change)
        else:
            for listener in list(self._listeners):
                listener([change])

    # ---------------------------------------------------------------- checks
    def _element(self, entity: Entity, ident: str) -> Any:
        obj = self.find(entity, ident)
        if obj is None:
            raise refuse(entity, ident, "", "no such element (it was deleted)")
        return obj

    def _check_references(self, entity: Entity, ident: str, obj: Any, only: set[str] | None = None) -> None:
        for field, target, value in references(entity, obj):
            if only is not None and field.split("[", 1)[0] not in only:
                continue
            if self.find(target, value) is None:
                raise refuse(entity, ident, field, f"unknown {target.value} '{value}'")

    def _check_new_id(self, entity: Entity, ident: str, taken: set[str] = frozenset()) -> None:
        owner = self.id_owner(ident)
        if owner is not None or ident in taken:
            what = NOUNS.get(owner, owner.value) if owner is not None else "curve point"
            raise refuse(entity, ident, "id", f"duplicate id '{ident}' (already used by a {what})")

    # ------------------------------------------------------- generic updates
    def update(self, entity: Entity, ident: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Set fields on one element; returns the previous values (for revert).
        Refused (EditRefused, nothing changed) when a value breaks the schema or names an
        element that does not exist."""
        obj = self._element(entity, ident)
        values = checked_fields(entity, ident, obj, fields)
        refs = REFERENCE_FIELDS.get(entity, frozenset()) & values.keys()
        if refs:
            probe = obj.model_copy(update=values)
            self._check_references(entity, ident, probe, refs)
        old = {name: getattr(obj, name) for name in values}
        self._set_fields(entity, obj, values, bool(refs))
        cells: tuple[Cell, ...] = ()
        parent = ""
        if entity is Entity.CARD:
            cells = ((obj.stage_id, obj.lane_id),)
        elif entity is Entity.POINT:
            parent = self._points[ident][0].id
        self._done(
            lambda: self._set_fields(entity, obj, old, bool(refs)),
            Change(entity, Op.UPDATE, ident, frozenset(values), cells, parent),
        )
        return old

    def _set_fields(self, entity: Entity, obj: Any, values: dict[str, Any], refs: bool) -> None:
        if refs:
            self._count(entity, obj, -1)
        for name, value in values.items():
            setattr(obj, name, value)
        if refs:
            self._count(entity, obj, 1)

    # ------------------------------------------------------ list membership
    def insert(self, entity: Entity, obj: Any, index: int | None = None, parent: str = "") -> None:
        """Add an element (for POINT, to the curve ``parent``) at ``index`` (default: the end).
        The map holds a validated copy of ``obj``; refused when it breaks the schema, names an
        element that does not exist or reuses an id."""
        if entity is Entity.MAP:
            raise refuse(entity, "", "", "the map is not an element of a list")
        if entity is Entity.POINT:
            curve = self._by_id[Entity.CURVE].get(parent)
            if curve is None:
                raise refuse(entity, getattr(obj, "id", "?"), "", f"unknown curve '{parent}'")
            items = curve.points
        else:
            curve = None
            items = getattr(self.map, LISTS[entity])
        new = checked_element(entity, obj)
        if entity is Entity.CARD and len(items) >= MAX_CARDS:
            raise refuse(entity, new.id, "", f"a map holds at most {MAX_CARDS} cards")
        self._check_new_id(entity, new.id)
        if entity is Entity.CURVE:
            taken: set[str] = {new.id}
            for p in new.points:
                self._check_new_id(Entity.POINT, p.id, taken)
                taken.add(p.id)
        self._check_references(entity, new.id, new)
        at = len(items) if index is None else index
        self._attach(entity, new, at, curve)
        cells = ((new.stage_id, new.lane_id),) if entity is Entity.CARD else ()
        self._done(lambda: self._detach(entity, new), Change(entity, Op.ADD, new.id, cells=cells, parent=parent))

    def remove(self, entity: Entity, ident: str) -> tuple[Any, int]:
        """Remove one element; returns it and its former index (for revert). Refused while other
        elements still name it (remove those first: see the commands' macros)."""
        obj = self._element(entity, ident)
        if entity is Entity.MAP:
            raise refuse(entity, "", "", "the map cannot be removed")
        uses = self._uses.get((entity, ident), 0)
        if uses:
            raise refuse(entity, ident, "", f"still used by {uses} reference{'s' if uses > 1 else ''}; remove those first")
        parent = self._points[ident][0].id if entity is Entity.POINT else ""
        curve, index = self._detach(entity, obj)
        cells = ((obj.stage_id, obj.lane_id),) if entity is Entity.CARD else ()
        self._done(
            lambda: self._attach(entity, obj, index, curve),
            Change(entity, Op.REMOVE, ident, cells=cells, parent=parent),
        )
        return obj, index

    def remove_all(self, entity: Entity, idents: list[str]) -> list[tuple[Any, int]]:
        """Remove several elements of one kind (not curve points) at once: what ``remove`` of
        each in turn does, the same events in the same order, in one pass over the list (a
        stage of 1,500 cards removed one by one searched the 10,000 cards 1,500 times).
        Returns the elements with their indexes in the list as it was, ascending: what
        :meth:`insert_all` puts back. Refused (nothing removed) as ``remove`` refuses."""
        if entity in (Entity.MAP, Entity.POINT):
            raise refuse(entity, "", "", "only elements of the map's lists are removed together")
        objs = []
        seen: set[str] = set()
        for ident in idents:
            obj = self._element(entity, ident) if ident not in seen else None
            if obj is None:
                raise refuse(entity, ident, "", "no such element (it was deleted)")
            uses = self._uses.get((entity, ident), 0)
            if uses:
                raise refuse(entity, ident, "", f"still used by {uses} reference{'s' if uses > 1 else ''}; remove those first")
            seen.add(ident)
            objs.append(obj)
        if not objs:
            return []
        removed = self._detach_all(entity, objs)
        for obj in objs:
            cells = ((obj.stage_id, obj.lane_id),) if entity is Entity.CARD else ()
            self._emit(Change(entity, Op.REMOVE, obj.id, cells=cells))
        if self._depth:
            self._log.append(lambda: self._attach_all(entity, removed))
        return removed

    def insert_all(self, entity: Entity, placed: list[tuple[Any, int]]) -> None:
        """Put back elements of one kind at their indexes (ascending, as :meth:`remove_all`
        gives them), each checked as :meth:`insert` checks it; the events are those of
        ``insert`` of each in turn. Refused (nothing added) as ``insert`` refuses."""
        if entity in (Entity.MAP, Entity.POINT, Entity.CURVE):
            raise refuse(entity, "", "", "only cards, links, stages, lanes, personas and metrics are inserted together")
        items = getattr(self.map, LISTS[entity])
        if entity is Entity.CARD and len(items) + len(placed) > MAX_CARDS:
            raise refuse(entity, placed[0][0].id, "", f"a map holds at most {MAX_CARDS} cards")
        checked: list[tuple[Any, int]] = []
        taken: set[str] = set()
        last = -1
        for obj, index in placed:
            new = checked_element(entity, obj)
            self._check_new_id(entity, new.id, taken)
            taken.add(new.id)
            if index <= last or index > len(items) + len(checked):
                raise refuse(entity, new.id, "", f"index {index} out of order")
            last = index
            checked.append((new, index))
        for new, _ in checked:  # references between the new elements themselves count too
            for field, target, value in references(entity, new):
                if self.find(target, value) is None and not (target is entity and value in taken):
                    raise refuse(entity, new.id, field, f"unknown {target.value} '{value}'")
        if not checked:
            return
        self._attach_all(entity, checked)
        for new, _ in checked:
            cells = ((new.stage_id, new.lane_id),) if entity is Entity.CARD else ()
            self._emit(Change(entity, Op.ADD, new.id, cells=cells))
        if self._depth:
            self._log.append(lambda: self._detach_all(entity, [new for new, _ in checked]))

    def _attach_all(self, entity: Entity, placed: list[tuple[Any, int]]) -> None:
        """Put checked elements back at their indexes (ascending) in one pass (cannot fail)."""
        items = getattr(self.map, LISTS[entity])
        merged: list = []
        rest = iter(items)
        for obj, index in placed:
            while len(merged) < index:
                merged.append(next(rest))
            merged.append(obj)
        merged.extend(rest)
        items[:] = merged
        table = self._by_id[entity]
        cells: set[Cell] = set()
        for obj, _ in placed:
            table[obj.id] = obj
            if entity is Entity.CARD:
                cell = (obj.stage_id, obj.lane_id)
                self._cells.setdefault(cell, []).append(obj)
                cells.add(cell)
            self._count(entity, obj, 1)
        for cell in cells:
            self._cells[cell].sort(key=_stack_key)

    def _detach_all(self, entity: Entity, objs: list) -> list[tuple[Any, int]]:
        """Take elements out of their list and the indexes in one pass; returns them with their
        indexes in the list as it was, ascending (cannot fail)."""
        items = getattr(self.map, LISTS[entity])
        gone = {id(o) for o in objs}
        removed = [(x, i) for i, x in enumerate(items) if id(x) in gone]
        items[:] = [x for x in items if id(x) not in gone]
        table = self._by_id[entity]
        cells: set[Cell] = set()
        for obj in objs:
            del table[obj.id]
            if entity is Entity.CARD:
                cells.add((obj.stage_id, obj.lane_id))
            self._count(entity, obj, -1)
        for cell in cells:
            stack = [c for c in self._cells[cell] if id(c) not in gone]
            if stack:
                self._cells[cell] = stack
            else:
                del self._cells[cell]
        return removed

    def _attach(self, entity: Entity, obj: Any, index: int, curve: EmotionCurve | None) -> None:
        """Put a checked element into its list and the indexes (cannot fail)."""
        if entity is Entity.POINT:
            curve.points.insert(index, obj)
            self._points[obj.id] = (curve, obj)
        else:
            getattr(self.map, LISTS[entity]).insert(index, obj)
            self._by_id[entity][obj.id] = obj
        if entity is Entity.CURVE:
            for p in obj.points:
                self._points[p.id] = (obj, p)
        if entity is Entity.CARD:
            stack = self._cells.setdefault((obj.stage_id, obj.lane_id), [])
            stack.append(obj)
            stack.sort(key=_stack_key)
        self._count(entity, obj, 1)

    def _detach(self, entity: Entity, obj: Any) -> tuple[EmotionCurve | None, int]:
        """Take an element out of its list and the indexes; returns (its curve, its index)."""
        curve = None
        if entity is Entity.POINT:
            curve = self._points.pop(obj.id)[0]
            index = _index_of(curve.points, obj)
            del curve.points[index]
        else:
            items = getattr(self.map, LISTS[entity])
            index = _index_of(items, obj)
            del items[index]
            del self._by_id[entity][obj.id]
        if entity is Entity.CURVE:
            for p in obj.points:
                self._points.pop(p.id, None)
        if entity is Entity.CARD:
            cell = (obj.stage_id, obj.lane_id)
            stack = self._cells[cell]
            del stack[_index_of(stack, obj)]
            if not stack:
                del self._cells[cell]
        self._count(entity, obj, -1)
        return curve, index

    def move_in_list(self, entity: Entity, ident: str, index: int) -> int:
        """Move a stage, lane, persona or curve to ``index`` in its list; returns the old index."""
        if entity not in _REORDERABLE:
            raise refuse(entity, ident, "", "only stages, lanes, personas and curves are reordered")
        obj = self._element(entity, ident)
        items = getattr(self.map, LISTS[entity])
        old = _index_of(items, obj)
        self._place(items, obj, index)
        self._done(lambda: self._place(items, obj, old), Change(entity, Op.REORDER, ident))
        return old

    @staticmethod
    def _place(items: list, obj: Any, index: int) -> None:
        del items[_index_of(items, obj)]
        items.insert(index, obj)

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
        in place are skipped (no event). Refused (nothing moves) when a card, stage or lane
        does not exist or an order breaks the schema."""
        cards = self._by_id[Entity.CARD]
        stages, lanes = self._by_id[Entity.STAGE], self._by_id[Entity.LANE]
        checked: list[CardPosition] = []
        for card_id, stage_id, lane_id, order in positions:
            card = cards.get(card_id)
            if card is None:
                raise refuse(Entity.CARD, card_id, "", "no such element (it was deleted)")
            if stage_id not in stages:
                raise refuse(Entity.CARD, card_id, "stage_id", f"unknown stage '{stage_id}'")
            if lane_id not in lanes:
                raise refuse(Entity.CARD, card_id, "lane_id", f"unknown lane '{lane_id}'")
            if type(order) is not int or order < 0:
                order = checked_value(Entity.CARD, card_id, "order", order)
            if (card.stage_id, card.lane_id, card.order) != (stage_id, lane_id, order):
                checked.append((card_id, stage_id, lane_id, order))
        if not checked:
            return
        old = [(i, cards[i].stage_id, cards[i].lane_id, cards[i].order) for i, *_ in checked]
        moved = self._position(checked)
        if self._depth:
            self._log.append(lambda: self._position(old))
        for card_id, *_ in checked:
            self._emit(Change(Entity.CARD, Op.MOVE, card_id, cells=moved))

    def _position(self, positions: list[CardPosition]) -> tuple[Cell, ...]:
        """Move checked cards; returns the cells touched (cannot fail)."""
        cards = self._by_id[Entity.CARD]
        uses = self._uses
        touched: set[Cell] = set()
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
                for ref in ((Entity.STAGE, old[0]), (Entity.LANE, old[1])):
                    uses[ref] -= 1
                    if not uses[ref]:
                        del uses[ref]
                for ref in ((Entity.STAGE, stage_id), (Entity.LANE, lane_id)):
                    uses[ref] = uses.get(ref, 0) + 1
                card.stage_id, card.lane_id = stage_id, lane_id
                touched.add(old)
            card.order = order
            touched.add(new)
        for cell in touched:
            if cell in self._cells:
                self._cells[cell].sort(key=_stack_key)
        return tuple(sorted(touched))

    def replace_map_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        return self.update(Entity.MAP, "", fields)


def _stack_key(card: Card) -> tuple[int, str]:
    return (card.order, card.id)


__all__ = [
    "Document",
    "CardPosition",
    "EditRefused",
    "Card",
    "Stage",
    "Lane",
    "Persona",
    "EmotionCurve",
    "EmotionPoint",
    "Link",
    "StageMetric",
]
