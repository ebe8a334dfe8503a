"""Helpers the Mermaid and JSON Canvas readers share: reading a data file's text (size-bounded,
one-line errors), the new map a file becomes (the lanes of the default template), and adding
stages, lanes, personas and cards to a map by name.

A :class:`MapBuilder` works on a copy of the map it is given (``into`` is never changed) and
finds existing stages, lanes and personas by name before adding new ones, as the readers'
``into`` contract asks (see :mod:`app.io.formats`)."""

from __future__ import annotations

import secrets
from pathlib import Path

from app.io.formats.errors import FormatError
from app.io.oserrors import plain_os_error
from app.io.templates import load_template
from app.model.commands import ORDER_STEP
from app.model.schema import (
    LANE_TYPE_LABELS,
    MAX_SHORT_TEXT,
    Card,
    CardKind,
    EmotionCurve,
    Lane,
    LaneType,
    Map,
    Persona,
    Perspective,
    Stage,
    illegal_character_message,
)

MAX_DATA_BYTES = 64 * 1024 * 1024  # a 100,000-card file with long texts stays well below
NEW_MAP_TEMPLATE = "b2b"  # the template `journeymap new` uses by default: its lanes, no stages


def read_text(path: Path) -> str:
    """The file's text (UTF-8, a byte-order mark allowed); FormatError naming the file, and the
    line for a byte that is not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise FormatError(path, "", f"the file is too large ({size / 2**20:.1f} MB; at most "
                              f"{MAX_DATA_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as err:
        raise FormatError(path, "", plain_os_error(err)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise FormatError(path, f"line {line}", f"not valid UTF-8 text (byte 0x{data[err.start]:02X})") from None


def text_problem(text: str, what: str, limit: int = MAX_SHORT_TEXT) -> str | None:
    """Why ``text`` cannot be a map's ``what`` (too long, a control character), or None."""
    if len(text) > limit:
        return f"{what} is {len(text)} characters long; at most {limit} are allowed"
    problem = illegal_character_message(text)
    return f"{what}: {problem}" if problem else None


def title_from_name(path: Path) -> str:
    """A map title from a file's name (``checkout.flow.mmd`` -> ``checkout``), "" when the name
    cannot be a title (too long, a control character)."""
    stem = path.name.split(".")[0]
    return "" if text_problem(stem, "title") else stem


def new_map(title: str) -> Map:
    """An empty map: the default template's typed lanes, no stages, the given title."""
    m = load_template(NEW_MAP_TEMPLATE)
    m.stages, m.cards, m.curves, m.links, m.metrics, m.personas = [], [], [], [], [], []
    m.title = title or "Untitled journey"  # checked by the caller (text_problem)
    m.goal = ""
    return m


def first_lane(m: Map, lane_type: LaneType) -> Lane | None:
    """The first visible lane of ``lane_type``, else the first hidden one, else None."""
    of_type = [lane for lane in m.lanes if lane.type is lane_type]
    return next((lane for lane in of_type if not lane.hidden), of_type[0] if of_type else None)


class MapBuilder:
    """Adds to a copy of ``base`` (``self.map``), matching stages, lanes and personas by name."""

    def __init__(self, base: Map):
        self.map = base.model_copy(deep=True)
        m = self.map
        self._stages = {s.name: s for s in reversed(m.stages)}  # the first of a name wins
        self._lanes = {lane.name: lane for lane in reversed(m.lanes)}
        self._personas = {p.name: p for p in reversed(m.personas)}
        self.taken = {x.id for group in (m.stages, m.lanes, m.cards, m.links, m.personas, m.curves, m.metrics) for x in group}
        self.taken |= {p.id for curve in m.curves for p in curve.points}
        self._serial = secrets.randbits(32)
        self._next_order: dict[tuple[str, str], int] = {}
        for c in m.cards:
            cell = (c.stage_id, c.lane_id)
            self._next_order[cell] = max(self._next_order.get(cell, 0), c.order + ORDER_STEP)

    def new_id(self, prefix: str) -> str:
        """A fresh id like the model's ``new_id`` (``card-3f9a1c2b``): a random start, then
        counted on (one system call per import, not per element), never one the map holds."""
        while True:
            self._serial = (self._serial + 1) & 0xFFFFFFFF
            ident = f"{prefix}-{self._serial:08x}"
            if ident not in self.taken:
                self.taken.add(ident)
                return ident

    def stage(self, name: str) -> Stage:
        stage = self._stages.get(name)
        if stage is None:
            stage = Stage(id=self.new_id("stage"), name=name)
            self.map.stages.append(stage)
            self._stages[name] = stage
        return stage

    def lane(self, name: str, lane_type: LaneType = LaneType.TEXT) -> Lane:
        lane = self._lanes.get(name)
        if lane is None:
            lane = Lane(id=self.new_id("lane"), name=name, type=lane_type)
            self.map.lanes.append(lane)
            self._lanes[name] = lane
        return lane

    def lane_of_type(self, lane_type: LaneType) -> Lane:
        """The map's first lane of ``lane_type`` (see :func:`first_lane`); a new one (named for the
        type, on top) if none."""
        found = first_lane(self.map, lane_type)
        if found is None:
            found = Lane(id=self.new_id("lane"), name=LANE_TYPE_LABELS[lane_type], type=lane_type)
            self.map.lanes.insert(0, found)
            self._lanes.setdefault(found.name, found)
        return found

    def persona(self, name: str) -> Persona:
        persona = self._personas.get(name)
        if persona is None:
            persona = Persona(id=self.new_id("persona"), name=name)
            self.map.personas.append(persona)
            self._personas[name] = persona
        return persona

    def customer_curve(self, persona: Persona | None, name: str) -> EmotionCurve:
        """The persona's first customer-reported curve (or the first with no persona); a new one
        named ``name`` if it has none."""
        pid = persona.id if persona is not None else None
        for curve in self.map.curves:
            if curve.persona_id == pid and curve.perspective is Perspective.CUSTOMER:
                return curve
        curve = EmotionCurve(id=self.new_id("curve"), persona_id=pid, perspective=Perspective.CUSTOMER, name=name)
        self.map.curves.append(curve)
        return curve

    def card(self, stage: Stage, lane: Lane, title: str, kind: CardKind, card_id: str = "", **fields: object) -> Card:
        """A new card at the end of its cell (``card_id``: the id it keeps, already checked free)."""
        cell = (stage.id, lane.id)
        order = self._next_order.get(cell, ORDER_STEP)
        self._next_order[cell] = order + ORDER_STEP
        card = Card(id=card_id or self.new_id("card"), stage_id=stage.id, lane_id=lane.id, order=order, title=title, kind=kind,
                    **fields)  # fmt: skip
        self.map.cards.append(card)
        return card
