"""The difference between two maps, element by element (by id), in the terms a facilitator reads.

:func:`diff_maps` compares an old and a new :class:`Map` and returns a :class:`MapDiff`: a list of
:class:`Change`, one per element that changed, in reading order (the map's own fields, personas,
stages, lanes, cards, curves with their points, links, stage metrics). Each change names the
element's kind (``entity``), what happened to it (``action``), its id, a name a reader knows it
by (a card's title, a stage's name) and the fields that changed, each with its old and new value.

What counts as a change:

* ``added`` / ``removed``: an id in only one of the maps.
* ``moved`` (cards): the card is in another cell (stage and lane); its ``before`` and ``after``
  places name both cells and its position in each.
* ``reordered``: stages, lanes, personas and curves whose place in their list changed, and cards
  whose place among the other cards of their cell changed. Only the elements that really moved
  are reported: the others form the longest run that kept its order, so moving one stage to the
  front reports that one stage, not every stage it passed; a card inserted above others does not
  make them "reordered".
* ``renamed`` (personas, stages, lanes, curves, metrics): the name changed (other changed fields
  are listed too); ``edited``: any other field changed. A moved or reordered element lists its
  edits in the same change.

Not changes (sort keys and bookkeeping): a card's ``order`` number (only the position it gives
the card in its cell counts), the order of elements in the file's lists (cards, links, metrics,
a curve's points: they are drawn by their own positions), and the map's ``modified`` time stamp.
Fields this build does not know (kept from newer files) are compared like the others.

Pure Python, no Qt. Two 10,000-card maps with 570 changes are compared in about 0.1 s of CPU:
elements are matched with dictionaries and compared whole (their field dictionaries) before any
field is looked at, and each map's cells are stacked once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from pydantic import BaseModel

from .ordering import longest_increasing
from .schema import Card, EmotionCurve, Map

ENTITIES = ("map", "persona", "stage", "lane", "card", "curve", "point", "link", "metric")
ACTIONS = ("added", "removed", "moved", "reordered", "renamed", "edited")

#: Fields that are not compared: sort keys, bookkeeping, and lists diffed element by element.
IGNORED = {
    "map": {"modified", "personas", "stages", "lanes", "cards", "curves", "links", "metrics"},
    "card": {"stage_id", "lane_id", "order"},
    "curve": {"points"},
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any  # the JSON value (``None`` when the field is absent: an unknown field added)
    new: Any


@dataclass(frozen=True)
class Place:
    """Where an element sits: a card's cell and its 1-based position in the cell; a stage's,
    lane's, persona's or curve's 1-based position in its list."""

    position: int
    stage_id: str = ""
    lane_id: str = ""


@dataclass(frozen=True)
class Change:
    entity: str  # one of ENTITIES
    action: str  # one of ACTIONS
    id: str
    name: str  # what a reader calls it (in the new map if it is there, else the old)
    fields: tuple[FieldChange, ...] = ()
    before: Place | None = None
    after: Place | None = None
    parent: str = ""  # a point's curve id


@dataclass
class MapDiff:
    old: Map
    new: Map
    changes: list[Change] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, dict[str, int]]:
        """{entity: {action: n}}, entities and actions in their reading order."""
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            per = out.setdefault(c.entity, {})
            per[c.action] = per.get(c.action, 0) + 1
        return {e: {a: out[e][a] for a in ACTIONS if a in out[e]} for e in ENTITIES if e in out}


# ------------------------------------------------------------------------------------ helpers


def _values(obj: BaseModel) -> dict[str, Any]:
    """The element's field values and unknown fields, without a copy when there are none."""
    extra = obj.__pydantic_extra__
    return {**obj.__dict__, **extra} if extra else obj.__dict__


def _plain(value: Any) -> Any:
    """A JSON value: enums by value, models and lists of them as dicts."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):  # a StrEnum
        return value.value
    return value


def _field_changes(entity: str, old: BaseModel, new: BaseModel) -> tuple[FieldChange, ...]:
    a, b = _values(old), _values(new)
    if a == b:
        return ()
    skip = IGNORED.get(entity, ())
    out = []
    for key in (*a, *(k for k in b if k not in a)):
        if key in skip:
            continue
        va, vb = a.get(key), b.get(key)
        if va != vb:
            if entity == "persona" and key == "photo":
                va, vb = photo_summary(va), photo_summary(vb)
            out.append(FieldChange(key, _plain(va), _plain(vb)))
    return tuple(out)


def photo_summary(photo: str) -> str:
    """A persona photo as a reader is told of it (not its base64): "JPEG, 312 KB" or ""."""
    if not photo:
        return ""
    kind = "PNG" if photo.startswith("iVBOR") else "JPEG"
    return f"{kind}, {max(1, round(len(photo) * 3 / 4 / 1024))} KB"


def _moved_in_order(old_ids: Sequence[str], new_ids: Sequence[str]) -> set[str]:
    """Of the ids in both sequences, those that left the longest run kept in order."""
    old_pos = {ident: i for i, ident in enumerate(old_ids)}
    common = [ident for ident in new_ids if ident in old_pos]
    order = [old_pos[ident] for ident in common]
    if all(x < y for x, y in zip(order, order[1:], strict=False)):
        return set()
    kept = longest_increasing(order)
    return {ident for i, ident in enumerate(common) if i not in kept}


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


Cell = tuple[str, str]
_STACK_KEY = attrgetter("order", "id")


def cell_stacks(m: Map) -> dict[Cell, list[Card]]:
    """Each cell's cards in stacking order (by ``order``, then id)."""
    cells: dict[Cell, list[Card]] = {}
    for c in m.cards:
        cells.setdefault((c.stage_id, c.lane_id), []).append(c)
    for cards in cells.values():
        cards.sort(key=_STACK_KEY)
    return cells


def card_places(m: Map) -> dict[str, Place]:
    """Every card's cell and 1-based position in it (cards stack by ``order``, then id)."""
    return {c.id: Place(i, *cell) for cell, cards in cell_stacks(m).items() for i, c in enumerate(cards, 1)}


def curve_name(curve: EmotionCurve, m: Map) -> str:
    """A curve's name, or its persona's name and perspective ("Ana, customer")."""
    if curve.name:
        return curve.name
    persona = next((p.name for p in m.personas if p.id == curve.persona_id), "") if curve.persona_id else ""
    return f"{persona or 'no persona'}, {curve.perspective.value.replace('_', '-')}"


def card_title(card: Card | None) -> str:
    if card is None:
        return "?"
    return card.title or (card.body.splitlines()[0][:40] if card.body.strip() else f"untitled card {card.id}")


# ------------------------------------------------------------------------------------ the diff


def diff_maps(old: Map, new: Map) -> MapDiff:
    """What changed from ``old`` to ``new`` (see the module docstring)."""
    diff = MapDiff(old, new)
    out = diff.changes
    fields = _field_changes("map", old, new)
    if fields:
        out.append(Change("map", "edited", new.id, new.title, fields))
    for entity, attr in (("persona", "personas"), ("stage", "stages"), ("lane", "lanes")):
        out.extend(_ordered_list(entity, getattr(old, attr), getattr(new, attr), lambda e: e.name))
    out.extend(_cards(old, new))
    out.extend(_curves(old, new))
    cards_old, cards_new = _by_id(old.cards), _by_id(new.cards)

    def link_name(lk: Any) -> str:
        where = cards_new if lk.source_id in cards_new and lk.target_id in cards_new else cards_old
        return f"{card_title(where.get(lk.source_id))} -> {card_title(where.get(lk.target_id))}"

    out.extend(_unordered_list("link", old.links, new.links, link_name))
    stages = {s.id: s.name for s in old.stages} | {s.id: s.name for s in new.stages}
    out.extend(
        _unordered_list(
            "metric", old.metrics, new.metrics, lambda mt: f"{mt.name} ({stages.get(mt.stage_id, '?')})"
        )
    )
    return diff


def _edit_action(entity: str, fields: tuple[FieldChange, ...]) -> str:
    renamable = entity in ("persona", "stage", "lane", "curve", "metric")
    return "renamed" if renamable and any(f.field == "name" for f in fields) else "edited"


def _ordered_list(entity: str, old: list[Any], new: list[Any], name: Any) -> list[Change]:
    """Personas, stages, lanes, curves: the list order is what the reader sees."""
    a, b = _by_id(old), _by_id(new)
    old_pos = {e.id: i for i, e in enumerate(old, 1)}
    moved = _moved_in_order([e.id for e in old], [e.id for e in new])
    out = [
        Change(entity, "removed", e.id, name(e), before=Place(old_pos[e.id])) for e in old if e.id not in b
    ]
    for i, e in enumerate(new, 1):
        was = a.get(e.id)
        if was is None:
            out.append(Change(entity, "added", e.id, name(e), after=Place(i)))
            continue
        fields = _field_changes(entity, was, e)
        if e.id in moved:
            out.append(Change(entity, "reordered", e.id, name(e), fields, Place(old_pos[e.id]), Place(i)))
        elif fields:
            out.append(
                Change(
                    entity,
                    _edit_action(entity, fields),
                    e.id,
                    name(e),
                    fields,
                    Place(old_pos[e.id]),
                    Place(i),
                )
            )
    return out


def _unordered_list(entity: str, old: list[Any], new: list[Any], name: Any, parent: str = "") -> list[Change]:
    """Links, metrics, a curve's points: their place in the list means nothing."""
    a, b = _by_id(old), _by_id(new)
    out = [Change(entity, "removed", e.id, name(e), parent=parent) for e in old if e.id not in b]
    for e in new:
        was = a.get(e.id)
        if was is None:
            out.append(Change(entity, "added", e.id, name(e), parent=parent))
        elif not _same(was, e):
            fields = _field_changes(entity, was, e)
            if fields:
                out.append(Change(entity, _edit_action(entity, fields), e.id, name(e), fields, parent=parent))
    return out


def _same(x: BaseModel, y: BaseModel) -> bool:
    return x.__dict__ == y.__dict__ and x.__pydantic_extra__ == y.__pydantic_extra__


def _cards(old: Map, new: Map) -> list[Change]:
    a, b = _by_id(old.cards), _by_id(new.cards)
    stacks_old, stacks_new = cell_stacks(old), cell_stacks(new)
    pos_old = {c.id: i for cards in stacks_old.values() for i, c in enumerate(cards, 1)}
    pos_new = {c.id: i for cards in stacks_new.values() for i, c in enumerate(cards, 1)}
    reordered = _reordered_in_cells(stacks_new, a, pos_old)
    new_stages, new_lanes = {s.id for s in new.stages}, {ln.id for ln in new.lanes}
    stage_rank = {s.id: i for i, s in enumerate(new.stages)}
    stage_rank |= {s.id: len(new.stages) + i for i, s in enumerate(old.stages) if s.id not in new_stages}
    lane_rank = {ln.id: i for i, ln in enumerate(new.lanes)}
    lane_rank |= {ln.id: len(new.lanes) + i for i, ln in enumerate(old.lanes) if ln.id not in new_lanes}
    out: list[tuple[tuple[int, int, int, int], Change]] = []

    def place(c: Card, positions: dict[str, int]) -> Place:
        return Place(positions[c.id], c.stage_id, c.lane_id)

    def key(p: Place, tie: int) -> tuple[int, int, int, int]:
        return (stage_rank.get(p.stage_id, 1 << 30), lane_rank.get(p.lane_id, 1 << 30), p.position, tie)

    for c in old.cards:
        if c.id not in b:
            p = place(c, pos_old)
            out.append((key(p, 0), Change("card", "removed", c.id, card_title(c), before=p)))
    for c in new.cards:
        was = a.get(c.id)
        if was is None:
            p = place(c, pos_new)
            out.append((key(p, 1), Change("card", "added", c.id, card_title(c), after=p)))
            continue
        if c.id not in reordered and _same(was, c):
            continue
        fields = _field_changes("card", was, c)
        if was.stage_id != c.stage_id or was.lane_id != c.lane_id:
            action = "moved"
        elif c.id in reordered:
            action = "reordered"
        elif fields:
            action = "edited"
        else:
            continue  # only its order number changed
        p = place(c, pos_new)
        out.append((key(p, 1), Change("card", action, c.id, card_title(c), fields, place(was, pos_old), p)))
    out.sort(key=itemgetter(0))
    return [c for _, c in out]


def _reordered_in_cells(
    stacks_new: dict[Cell, list[Card]], a: dict[str, Card], pos_old: dict[str, int]
) -> set[str]:
    """Cards that stayed in their cell but changed place among the cell's other staying cards."""
    out: set[str] = set()
    for (stage_id, lane_id), cards in stacks_new.items():
        stayed = [
            c
            for c in cards
            if (w := a.get(c.id)) is not None and w.stage_id == stage_id and w.lane_id == lane_id
        ]
        order = [pos_old[c.id] for c in stayed]
        if all(x < y for x, y in zip(order, order[1:], strict=False)):
            continue
        kept = longest_increasing(order)
        out.update(c.id for i, c in enumerate(stayed) if i not in kept)
    return out


def _curves(old: Map, new: Map) -> list[Change]:
    new_ids = {cv.id for cv in new.curves}
    out = _ordered_list(
        "curve", old.curves, new.curves, lambda cv: curve_name(cv, new if cv.id in new_ids else old)
    )
    a = _by_id(old.curves)
    stages = {s.id: s.name for s in old.stages} | {s.id: s.name for s in new.stages}
    by_curve: dict[str, list[Change]] = {}
    for curve in new.curves:
        was = a.get(curve.id)
        if was is None or was.points == curve.points:
            continue
        cname = curve_name(curve, new)
        by_curve[curve.id] = _unordered_list(
            "point",
            was.points,
            curve.points,
            lambda pt, n=cname: f"{n} at {stages.get(pt.stage_id, '?')}",
            parent=curve.id,
        )
    # _ordered_list gives the removed curves first, then the others in the new map's order:
    # each curve's point changes go right after the curve's own change (or where it would be)
    merged = [c for c in out if c.action == "removed"]
    own = {c.id: c for c in out if c.action != "removed"}
    for curve in new.curves:
        if curve.id in own:
            merged.append(own[curve.id])
        merged.extend(by_curve.get(curve.id, ()))
    return merged
