"""Undoable edits. Each command has ``apply(doc)``, ``revert(doc)``, a short ``label`` and an
optional ``merge_key``: two consecutive commands with the same key merge into one undo step
(typing in a field, nudging with the keyboard). ``revert`` after ``apply`` restores the map
exactly (the same JSON). Commands touch only the Document; renderers follow its events.

Commands are all-or-nothing: each runs its primitives inside ``doc.batch()``, a transaction
(see :mod:`app.model.document`), so a command that fails part-way (a value the schema refuses:
:class:`~app.model.document.EditRefused`, an element that is gone) leaves the map as it was and
its listeners without an event. :func:`run` applies any command that way.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from typing import Any

from .document import CardPosition, Document
from .events import Entity
from .schema import Card, EmotionCurve, EmotionPoint, Lane, Link, Persona, Stage, StageMetric


class Command(ABC):
    label = "Edit"
    merge_key: str | None = None

    @abstractmethod
    def apply(self, doc: Document) -> None: ...

    @abstractmethod
    def revert(self, doc: Document) -> None: ...

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already applied, same merge key) into self. True when merged."""
        return False


def run(doc: Document, command: Command, undo: bool = False) -> None:
    """Apply (or, with ``undo``, revert) ``command`` as one transaction: all of it or nothing,
    even for a command that changes the document outside a batch of its own."""
    with doc.batch():
        if undo:
            command.revert(doc)
        else:
            command.apply(doc)


class Macro(Command):
    """Several commands as one undo step."""

    def __init__(self, label: str, commands: list[Command]):
        self.label = label
        self.commands = list(commands)

    def apply(self, doc: Document) -> None:
        with doc.batch():
            for c in self.commands:
                c.apply(doc)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            for c in reversed(self.commands):
                c.revert(doc)


class Edit(Command):
    """Set fields of one element (card, stage, lane, persona, curve, point, link, metric, map)."""

    def __init__(self, entity: Entity, ident: str, fields: dict[str, Any], label: str = "", merge: bool = False,
                 merge_key: str | None = None):
        self.entity = entity
        self.ident = ident
        self.fields = copy.deepcopy(fields)
        self.old: dict[str, Any] = {}
        self.label = label or f"Edit {entity.value}"
        if merge:
            self.merge_key = f"edit:{entity.value}:{ident}:{','.join(sorted(fields))}"
        if merge_key is not None:  # e.g. typing_key(): merges into the command that made the card
            self.merge_key = merge_key

    def apply(self, doc: Document) -> None:
        with doc.batch():
            self.old = doc.update(self.entity, self.ident, copy.deepcopy(self.fields))

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.update(self.entity, self.ident, copy.deepcopy(self.old))

    def merge(self, other: Command) -> bool:
        if not isinstance(other, Edit) or other.merge_key != self.merge_key or self.merge_key is None:
            return False
        self.fields = other.fields
        return True


class Insert(Command):
    """Add one element at an index (default: the end). For points, ``parent`` is the curve id."""

    def __init__(self, entity: Entity, obj: Any, index: int | None = None, parent: str = "", label: str = ""):
        self.entity = entity
        self.obj = obj.model_copy(deep=True)
        self.index = index
        self.parent = parent
        self.label = label or f"Add {entity.value}"

    def apply(self, doc: Document) -> None:
        with doc.batch():
            doc.insert(self.entity, self.obj.model_copy(deep=True), self.index, self.parent)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.remove(self.entity, self.obj.id)


class Remove(Command):
    """Remove one element, remembering where it was."""

    def __init__(self, entity: Entity, ident: str, label: str = ""):
        self.entity = entity
        self.ident = ident
        self.label = label or f"Delete {entity.value}"
        self._saved: tuple[Any, int, str] | None = None

    def apply(self, doc: Document) -> None:
        parent = doc.point_curve(self.ident).id if self.entity is Entity.POINT else ""
        with doc.batch():
            obj, index = doc.remove(self.entity, self.ident)
        self._saved = (obj, index, parent)

    def revert(self, doc: Document) -> None:
        obj, index, parent = self._saved
        with doc.batch():
            doc.insert(self.entity, obj, index, parent)


class RemoveAll(Command):
    """Remove several elements of one kind (cards, links) as one primitive: what a
    :class:`Remove` of each in turn does, in one pass over the map's list (see
    :meth:`Document.remove_all`)."""

    def __init__(self, entity: Entity, idents: list[str], label: str = ""):
        self.entity = entity
        self.idents = list(dict.fromkeys(idents))
        self.label = label or f"Delete {len(self.idents)} {entity.value}s"
        self._saved: list[tuple[Any, int]] = []

    def apply(self, doc: Document) -> None:
        with doc.batch():
            self._saved = doc.remove_all(self.entity, self.idents)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.insert_all(self.entity, self._saved)


class Reorder(Command):
    """Move a stage, lane, persona or curve to a new index in its list."""

    def __init__(self, entity: Entity, ident: str, index: int, label: str = ""):
        self.entity = entity
        self.ident = ident
        self.index = index
        self.old = 0
        self.label = label or f"Move {entity.value}"

    def apply(self, doc: Document) -> None:
        with doc.batch():
            self.old = doc.move_in_list(self.entity, self.ident, self.index)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.move_in_list(self.entity, self.ident, self.old)


ORDER_STEP = 1024  # the gap left between cards' orders, so that a drop rarely renumbers a cell


def slot_orders(stack: list[int], index: int, k: int) -> tuple[list[int], list[int] | None]:
    """Orders for ``k`` cards put at ``index`` of a cell whose cards have the orders ``stack``
    (ascending). They go between their neighbours (the first card of a cell at ORDER_STEP, so
    there is room above it too); only when the neighbours leave no room is the cell renumbered,
    and the second value gives the stack's new orders (else None)."""
    lo = stack[index - 1] if index > 0 else 0
    hi = stack[index] if index < len(stack) else None
    if hi is None:
        return [lo + ORDER_STEP * (j + 1) for j in range(k)], None
    if hi - lo > k:
        step = (hi - lo) // (k + 1)
        return [lo + step * (j + 1) for j in range(k)], None
    renumbered = [(n + 1 + (k if n >= index else 0)) * ORDER_STEP for n in range(len(stack))]
    return [(index + j + 1) * ORDER_STEP for j in range(k)], renumbered


class MoveCards(Command):
    """Move cards (kept in their current relative order) into a cell at an index of its stack.

    Orders are sort keys with gaps: the moved cards take free orders between their new
    neighbours, so a move changes only the moved cards (O(1) in the size of the cells). Only
    when the neighbours leave no room is the target cell renumbered with ``ORDER_STEP`` gaps.
    """

    def __init__(self, card_ids: list[str], stage_id: str, lane_id: str, index: int | None = None, label: str = ""):
        self.card_ids = list(card_ids)
        self.stage_id = stage_id
        self.lane_id = lane_id
        self.index = index
        self.label = label or ("Move card" if len(card_ids) == 1 else f"Move {len(card_ids)} cards")
        self._old: list[CardPosition] = []

    def apply(self, doc: Document) -> None:
        moving_ids = set(self.card_ids)
        moving = [doc.card(i) for i in self.card_ids]
        moving.sort(key=lambda c: (c.stage_id != self.stage_id, c.order, c.id))
        stack = [c for c in doc.cell_cards(self.stage_id, self.lane_id) if c.id not in moving_ids]
        index = len(stack) if self.index is None else max(0, min(self.index, len(stack)))
        orders, renumbered = slot_orders([c.order for c in stack], index, len(moving))
        new = [(c.id, self.stage_id, self.lane_id, o) for c, o in zip(moving, orders, strict=True)]
        if renumbered is not None:
            new += [(c.id, self.stage_id, self.lane_id, o) for c, o in zip(stack, renumbered, strict=True)]
        self._old = doc.card_positions([p[0] for p in new])
        with doc.batch():
            doc.set_card_positions(new)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.set_card_positions(self._old)


def typing_key(card_id: str) -> str:
    """The merge key that makes "add a card" and typing its first text ONE undo step: an
    :class:`InsertCards` of that one card made with ``typing=True`` absorbs the next
    :class:`Edit` of the card that carries this key."""
    return f"new-card:{card_id}"


class InsertCards(Command):
    """Add new cards to one cell at an index of its stack, with orders chosen as
    :class:`MoveCards` chooses them (between the neighbours; the cell is renumbered only when
    they leave no room). Unlike an Insert followed by a MoveCards, its undo never moves a card
    it then removes (one batch: renumbered cards move, new ones go). Used by paste, duplicate
    and "add card here"."""

    def __init__(self, cards: list[Card], stage_id: str, lane_id: str, index: int | None = None, label: str = "",
                 typing: bool = False):
        self.cards = [c.model_copy(deep=True) for c in cards]
        for c in self.cards:
            c.stage_id, c.lane_id = stage_id, lane_id
        self.stage_id, self.lane_id, self.index = stage_id, lane_id, index
        n = len(self.cards)
        self.label = label or ("Add card" if n == 1 else f"Add {n} cards")
        self._old: list[CardPosition] = []
        if typing and n == 1:
            self.merge_key = typing_key(self.cards[0].id)

    def merge(self, other: Command) -> bool:
        """Absorb the first Edit of the new card (see :func:`typing_key`): undo then removes
        the card with its text, redo adds it back with the text."""
        if not (isinstance(other, Edit) and self.merge_key is not None and other.merge_key == self.merge_key):
            return False
        self.cards[0] = self.cards[0].model_copy(update=copy.deepcopy(other.fields))
        self.merge_key = None  # only the first text: later edits are steps of their own
        return True

    def apply(self, doc: Document) -> None:
        stack = doc.cell_cards(self.stage_id, self.lane_id)
        index = len(stack) if self.index is None else max(0, min(self.index, len(stack)))
        orders, renumbered = slot_orders([c.order for c in stack], index, len(self.cards))
        renumber = [(c.id, self.stage_id, self.lane_id, o) for c, o in zip(stack, renumbered or (), strict=False)]
        self._old = doc.card_positions([p[0] for p in renumber])
        with doc.batch():
            if renumber:
                doc.set_card_positions(renumber)
            for card, order in zip(self.cards, orders, strict=True):
                new = card.model_copy(deep=True)
                new.order = order
                doc.insert(Entity.CARD, new)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            doc.remove_all(Entity.CARD, [card.id for card in reversed(self.cards)])
            if self._old:
                doc.set_card_positions(self._old)


# ------------------------------------------------------------------ composites
def remove_cards(doc: Document, card_ids: list[str], label: str = "") -> Macro:
    """Delete cards with the links that touch them and the curve anchors that point at them."""
    ids = set(card_ids)
    links = [lk.id for lk in doc.links_of(ids)]
    parts: list[Command] = [RemoveAll(Entity.LINK, links)] if links else []
    for curve in doc.map.curves:
        for p in curve.points:
            if p.card_id in ids:
                parts.append(Edit(Entity.POINT, p.id, {"card_id": None}))
    parts.append(RemoveAll(Entity.CARD, card_ids))
    return Macro(label or ("Delete card" if len(ids) == 1 else f"Delete {len(ids)} cards"), parts)


def remove_stage(doc: Document, stage_id: str) -> Macro:
    """Delete a stage with its cards, its curve points and its metrics (one undo step)."""
    m = doc.map
    cards = [c.id for c in m.cards if c.stage_id == stage_id]
    parts: list[Command] = [remove_cards(doc, cards)] if cards else []
    parts += [Remove(Entity.POINT, p.id) for cv in m.curves for p in cv.points if p.stage_id == stage_id]
    parts += [Remove(Entity.METRIC, mt.id) for mt in m.metrics if mt.stage_id == stage_id]
    parts.append(Remove(Entity.STAGE, stage_id))
    return Macro(f"Delete stage “{doc.get(Entity.STAGE, stage_id).name}”", parts)


def remove_lane(doc: Document, lane_id: str) -> Macro:
    """Delete a lane with its cards (one undo step)."""
    cards = [c.id for c in doc.map.cards if c.lane_id == lane_id]
    parts: list[Command] = [remove_cards(doc, cards)] if cards else []
    parts.append(Remove(Entity.LANE, lane_id))
    return Macro(f"Delete lane “{doc.get(Entity.LANE, lane_id).name}”", parts)


def remove_persona(doc: Document, persona_id: str) -> Macro:
    """Delete a persona; cards forget it and its curves stay, no longer tied to a persona."""
    parts: list[Command] = []
    for c in doc.map.cards:
        if persona_id in c.persona_ids:
            parts.append(Edit(Entity.CARD, c.id, {"persona_ids": [p for p in c.persona_ids if p != persona_id]}))
    for cv in doc.map.curves:
        if cv.persona_id == persona_id:
            parts.append(Edit(Entity.CURVE, cv.id, {"persona_id": None}))
    parts.append(Remove(Entity.PERSONA, persona_id))
    return Macro(f"Delete persona “{doc.get(Entity.PERSONA, persona_id).name}”", parts)


def add_card(card: Card) -> Command:
    return Insert(Entity.CARD, card, label="Add card")


def add_stage(stage: Stage, index: int | None = None) -> Command:
    return Insert(Entity.STAGE, stage, index, label="Add stage")


def add_lane(lane: Lane, index: int | None = None) -> Command:
    return Insert(Entity.LANE, lane, index, label="Add lane")


def add_persona(persona: Persona) -> Command:
    return Insert(Entity.PERSONA, persona, label="Add persona")


def add_curve(curve: EmotionCurve) -> Command:
    return Insert(Entity.CURVE, curve, label="Add curve")


def add_point(curve_id: str, point: EmotionPoint, index: int | None = None) -> Command:
    return Insert(Entity.POINT, point, index, parent=curve_id, label="Add curve point")


def add_link(link: Link) -> Command:
    return Insert(Entity.LINK, link, label="Add link")


def add_metric(metric: StageMetric) -> Command:
    return Insert(Entity.METRIC, metric, label="Add metric")
