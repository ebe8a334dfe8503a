"""Where an imported row goes: the stages, lanes and personas a CSV sheet names, matched in the
map being added to or made in the order they first appear, and fresh ids and orders for its
cards (used by :mod:`csv_import`).

Matching: by id first (an id the sheet gave, or the map's own), then by name (case-insensitive,
runs of white space as one space). A new element keeps the sheet's id when that id is free in the
whole map, else gets a fresh one; the sheet's id then still finds it in later rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from app.model.commands import ORDER_STEP
from app.model.schema import (
    ILLEGAL_CHARACTER,
    LANE_TYPE_LABELS,
    Card,
    Lane,
    LaneType,
    Map,
    Persona,
    Stage,
    new_id,
)
from app.model.validation import error_message


class RowError(Exception):
    """A bad row: ``column`` is the header cell naming the column (``"#6"``: the 6th, unnamed)."""

    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def name_key(name: str) -> str:
    """A name compared: case-insensitive, white space collapsed, ``_`` and ``-`` as spaces."""
    return " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()


LANE_TYPES: dict[str, LaneType] = {name_key(t.value): t for t in LaneType}
LANE_TYPES |= {name_key(label): t for t, label in LANE_TYPE_LABELS.items()}


def lane_type_named(name: str) -> LaneType | None:
    return LANE_TYPES.get(name_key(name))


@dataclass
class Resolved:
    """A row's stage and lane (either may be new: made, not yet added)."""

    stage: Stage
    lane: Lane
    new: list[tuple[str, Stage | Lane]] = field(default_factory=list)  # (sheet id, element)
    claims: list[tuple[str, Stage | Lane]] = field(default_factory=list)  # (sheet id, element found)


def _usable_id(ident: str) -> bool:
    return 0 < len(ident) <= 64 and ILLEGAL_CHARACTER.search(ident) is None


class Places:
    def __init__(self, base: Map):
        self.used: set[str] = set()
        for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics"):
            self.used.update(item.id for item in getattr(base, name))
        self.used.update(p.id for curve in base.curves for p in curve.points)
        self.stage_ids: dict[str, Stage] = {s.id: s for s in base.stages}
        self.stage_names: dict[str, Stage] = {}
        for s in reversed(base.stages):
            self.stage_names[name_key(s.name)] = s
        self.lane_ids: dict[str, Lane] = {lane.id: lane for lane in base.lanes}
        self.lane_names: dict[str, Lane] = {}
        for lane in reversed(base.lanes):
            self.lane_names[name_key(lane.name)] = lane
        self.persona_ids: dict[str, Persona] = {p.id: p for p in base.personas}
        self.persona_names: dict[str, Persona] = {}
        for p in reversed(base.personas):
            self.persona_names[name_key(p.name)] = p
        self.new_stages: list[Stage] = []
        self.new_lanes: list[Lane] = []
        self.new_personas: list[Persona] = []
        self.base_top: dict[tuple[str, str], int] = {}
        for c in base.cards:
            cell = (c.stage_id, c.lane_id)
            self.base_top[cell] = max(self.base_top.get(cell, c.order), c.order)
        self.last_order: dict[tuple[str, str], int] = {}
        self.claimed_by: dict[str, str] = {}  # element id -> the sheet's id that names it

    # ------------------------------------------------------------------ ids
    def fresh_id(self, prefix: str, wanted: str = "") -> str:
        if wanted and wanted not in self.used and _usable_id(wanted):
            return wanted
        while True:
            ident = new_id(prefix)
            if ident not in self.used:
                return ident

    def claim(self, ident: str) -> None:
        self.used.add(ident)

    def card_id(self, wanted: str) -> str:
        return self.fresh_id("card", wanted)

    # -------------------------------------------------------------- places
    def resolve(self, where: dict[str, str], names: dict[str, str]) -> Resolved:
        """The stage and lane a row names (new ones made but not added: see :meth:`commit`)."""
        lane_type: LaneType | None = None
        if where["lane_type"]:
            lane_type = lane_type_named(where["lane_type"])
            if lane_type is None:
                raise RowError(names.get("lane_type"), f"unknown lane type '{where['lane_type'][:60]}' "
                               f"(one of {', '.join(t.value for t in LaneType)})")
        new: list[tuple[str, Stage | Lane]] = []
        claims: list[tuple[str, Stage | Lane]] = []
        stage = self._find(self.stage_ids, self.stage_names, where["stage_id"], where["stage"])
        if stage is None:
            stage = self._make(Stage, "stage", where["stage_id"], where["stage"], names, {})
            new.append((where["stage_id"], stage))
        elif where["stage_id"]:
            claims.append((where["stage_id"], stage))
        lane = self._find(self.lane_ids, self.lane_names, where["lane_id"], where["lane"])
        if lane is None:
            kind = lane_type or lane_type_named(where["lane"] or where["lane_id"]) or LaneType.TEXT
            lane = self._make(Lane, "lane", where["lane_id"], where["lane"], names, {"type": kind})
            new.append((where["lane_id"], lane))
        elif where["lane_id"]:
            claims.append((where["lane_id"], lane))
        return Resolved(stage, lane, new, claims)

    def _find(self, by_id: dict, by_name: dict, ident: str, name: str):
        """By the sheet's id, else by name; not by name an element the sheet already names by
        another id (two stages of one name in an export stay two)."""
        if ident and ident in by_id:
            return by_id[ident]
        found = by_name.get(name_key(name)) if name else None
        if found is not None and ident and self.claimed_by.get(found.id, ident) != ident:
            return None
        return found

    def _make(self, cls: type, what: str, ident: str, name: str, names: dict[str, str], extra: dict):
        try:
            made = cls.model_validate({"id": self.fresh_id(what, ident), "name": name or ident, **extra})
        except ValidationError as err:
            column = names.get(what) or names.get(f"{what}_id")
            raise RowError(column, error_message(err.errors(include_url=False)[0])) from None
        self.used.add(made.id)  # taken at once: a row's card or lane never gets the same id
        return made

    def personas(self, persona_names: list[str], ids: list[str], names: dict[str, str]) -> list[tuple[str, Persona]]:
        """The personas a row names, each with the sheet's id for it (by id and name in pairs
        when the counts agree); new ones made but not added (see :meth:`commit`)."""
        pairs = list(zip(ids, persona_names, strict=True)) if len(ids) == len(persona_names) else (
            [(i, "") for i in ids] if ids else [("", n) for n in persona_names])
        found: list[tuple[str, Persona]] = []
        made: dict[str, Persona] = {}
        for ident, name in pairs:
            persona = self._find(self.persona_ids, self.persona_names, ident, name)
            key = f"id:{ident}" if ident else f"name:{name_key(name)}"  # two ids of one name stay two
            if persona is None:
                persona = made.get(key)
            if persona is None:
                persona = self._make(Persona, "persona", ident, name, {"persona": names.get("personas", ""),
                                                                     "persona_id": names.get("persona_ids", "")}, {})
                made[key] = persona
            if all(p.id != persona.id for _, p in found):
                found.append((ident, persona))
        return found

    def commit(self, resolved: Resolved, personas: list[tuple[str, Persona]] = ()) -> None:
        """Add the new stage, lane and personas of a row that is going in, and remember which
        of the sheet's ids names which element."""
        for sheet_id, element in resolved.new:
            ids, by_name, items = ((self.stage_ids, self.stage_names, self.new_stages) if isinstance(element, Stage)
                                   else (self.lane_ids, self.lane_names, self.new_lanes))
            items.append(element)
            ids[element.id] = element
            by_name.setdefault(name_key(element.name), element)
            self._claim(ids, sheet_id, element)
        for sheet_id, element in resolved.claims:
            self._claim(self.stage_ids if isinstance(element, Stage) else self.lane_ids, sheet_id, element)
        for sheet_id, persona in personas:
            if persona.id not in self.persona_ids:
                self.new_personas.append(persona)
                self.persona_ids[persona.id] = persona
                self.persona_names.setdefault(name_key(persona.name), persona)
            self._claim(self.persona_ids, sheet_id, persona)

    def _claim(self, ids: dict, sheet_id: str, element) -> None:
        if sheet_id:
            ids.setdefault(sheet_id, element)
            self.claimed_by.setdefault(element.id, sheet_id)

    # --------------------------------------------------------------- orders
    def card_order(self, card: Card, given: bool) -> int:
        """The order of a new card in its cell: after the cards the map had there; the sheet's
        order kept (shifted past them) when given, else after the last card put there."""
        cell = (card.stage_id, card.lane_id)
        top = self.base_top.get(cell)
        if given:
            order = card.order + (top + ORDER_STEP if top is not None else 0)
        else:
            last = max(self.last_order.get(cell, -1), -1 if top is None else top)
            order = last + ORDER_STEP if last >= 0 else ORDER_STEP
        self.last_order[cell] = max(self.last_order.get(cell, order), order)
        return order
