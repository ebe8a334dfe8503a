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
        self.sheet_ids: dict[str, str] = {}  # new persona id -> the id the sheet gave it

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
        stage = self._find(self.stage_ids, self.stage_names, where["stage_id"], where["stage"])
        if stage is None:
            stage = self._make(Stage, "stage", where["stage_id"], where["stage"], names, {})
            new.append((where["stage_id"], stage))
        lane = self._find(self.lane_ids, self.lane_names, where["lane_id"], where["lane"])
        if lane is None:
            kind = lane_type or lane_type_named(where["lane"] or where["lane_id"]) or LaneType.TEXT
            lane = self._make(Lane, "lane", where["lane_id"], where["lane"], names, {"type": kind})
            new.append((where["lane_id"], lane))
        return Resolved(stage, lane, new)

    @staticmethod
    def _find(by_id: dict, by_name: dict, ident: str, name: str):
        if ident and ident in by_id:
            return by_id[ident]
        return by_name.get(name_key(name)) if name else None

    def _make(self, cls: type, what: str, ident: str, name: str, names: dict[str, str], extra: dict):
        try:
            made = cls.model_validate({"id": self.fresh_id(what, ident), "name": name or ident, **extra})
        except ValidationError as err:
            column = names.get(what) or names.get(f"{what}_id")
            raise RowError(column, error_message(err.errors(include_url=False)[0])) from None
        self.used.add(made.id)  # taken at once: a row's card or lane never gets the same id
        return made

    def personas(self, persona_names: list[str], ids: list[str], names: dict[str, str]) -> list[Persona]:
        """The personas a row names (by id and name in pairs when the counts agree)."""
        pairs = list(zip(ids, persona_names, strict=True)) if len(ids) == len(persona_names) else (
            [(i, "") for i in ids] if ids else [("", n) for n in persona_names])
        found: list[Persona] = []
        made: dict[str, Persona] = {}
        for ident, name in pairs:
            persona = self._find(self.persona_ids, self.persona_names, ident, name)
            if persona is None:
                persona = made.get(name_key(name or ident))
            if persona is None:
                persona = self._make(Persona, "persona", ident, name, {"persona": names.get("personas", ""),
                                                                     "persona_id": names.get("persona_ids", "")}, {})
                made[name_key(name or ident)] = persona
                self.sheet_ids[persona.id] = ident
            if all(p.id != persona.id for p in found):
                found.append(persona)
        return found

    def commit(self, resolved: Resolved, personas: list[Persona] = ()) -> None:
        """Add the new stage, lane and personas of a row that is going in."""
        for sheet_id, element in resolved.new:
            ids, by_name, items = ((self.stage_ids, self.stage_names, self.new_stages) if isinstance(element, Stage)
                                   else (self.lane_ids, self.lane_names, self.new_lanes))
            items.append(element)
            ids[element.id] = element
            if sheet_id:
                ids.setdefault(sheet_id, element)
            by_name.setdefault(name_key(element.name), element)
        for persona in personas:
            if persona.id in self.persona_ids:
                continue
            sheet_id = self.sheet_ids.pop(persona.id, "")
            self.new_personas.append(persona)
            self.persona_ids[persona.id] = persona
            if sheet_id:
                self.persona_ids.setdefault(sheet_id, persona)
            self.persona_names.setdefault(name_key(persona.name), persona)

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
