"""The journey map domain model (pydantic v2). Pure Python: never imports Qt.

Ids are stable strings chosen at creation (see :func:`new_id`). Unknown fields are kept
(``extra="allow"``) so that files written by newer minor releases or other tools survive a
load/save round trip.

Documented limits (enforced by validation, reported with a JSON path):

* emotion values lie on the fixed scale ``EMOTION_MIN..EMOTION_MAX`` (-3 very negative ..
  0 neutral .. +3 very positive); the editor snaps to whole steps;
* ratings are whole numbers 1..5 (or unset);
* titles and names at most ``MAX_SHORT_TEXT`` characters, bodies, notes and other long text at
  most ``MAX_LONG_TEXT``;
* persona photos are PNG or JPEG, at most ``MAX_PHOTO_BYTES`` once decoded;
* at most ``MAX_CARDS`` cards in one map.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 2

EMOTION_MIN = -3.0
EMOTION_MAX = 3.0
RATING_MIN = 1
RATING_MAX = 5
MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 10_000
MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_CARDS = 100_000

ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT)]
LongText = Annotated[str, Field(max_length=MAX_LONG_TEXT)]
Rating = Annotated[int, Field(ge=RATING_MIN, le=RATING_MAX)]
Colour = Annotated[str, Field(pattern=r"^(#[0-9a-fA-F]{6})?$")]
Id = Annotated[str, Field(min_length=1, max_length=64)]


def new_id(prefix: str) -> str:
    """A fresh stable id such as ``card-3f9a1c2b``."""
    return f"{prefix}-{secrets.token_hex(4)}"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class JourneyType(StrEnum):
    PURCHASE = "purchase"
    USE = "use"
    SUPPORT = "support"
    RENEWAL = "renewal"
    CUSTOM = "custom"


class LaneType(StrEnum):
    ACTIONS = "actions"
    THOUGHTS = "thoughts"
    FEELINGS = "feelings"
    TOUCHPOINTS = "touchpoints"
    CHANNELS = "channels"
    ON_STAGE = "on_stage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    OWNERS = "owners"
    METRICS = "metrics"
    TEXT = "text"


LANE_TYPE_LABELS: dict[LaneType, str] = {
    LaneType.ACTIONS: "Customer actions",
    LaneType.THOUGHTS: "Thoughts",
    LaneType.FEELINGS: "Feelings",
    LaneType.TOUCHPOINTS: "Touchpoints",
    LaneType.CHANNELS: "Channels",
    LaneType.ON_STAGE: "On-stage actions",
    LaneType.BACKSTAGE: "Behind the scenes",
    LaneType.SUPPORT: "Support processes",
    LaneType.PAIN_POINTS: "Pain points",
    LaneType.OPPORTUNITIES: "Opportunities",
    LaneType.OWNERS: "Owners",
    LaneType.METRICS: "Metrics",
    LaneType.TEXT: "Notes",
}


class CardKind(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION = "action"
    THOUGHT = "thought"
    PAIN = "pain"
    OPPORTUNITY = "opportunity"
    PROCESS = "process"
    NOTE = "note"


class Perspective(StrEnum):
    CUSTOMER = "customer"  # customer-reported
    INTERNAL = "internal"  # internal assumption
    TO_BE = "to_be"  # the target experience


class LinkKind(StrEnum):
    FLOW = "flow"
    HANDOFF = "handoff"
    DEPENDENCY = "dependency"


class _Base(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=False, populate_by_name=True)


class Persona(_Base):
    id: Id
    name: ShortText
    age: Annotated[int, Field(ge=0, le=150)] | None = None
    role: ShortText = ""
    family: ShortText = ""
    goals: LongText = ""
    interests: LongText = ""
    habits: LongText = ""
    tech_familiarity: Annotated[int, Field(ge=RATING_MIN, le=RATING_MAX)] | None = None
    needs: LongText = ""
    frustrations: LongText = ""
    quote: LongText = ""
    photo: str = ""  # base64 PNG or JPEG, at most MAX_PHOTO_BYTES decoded
    segment: ShortText = ""
    region: ShortText = ""
    colour: Colour = ""

    @field_validator("photo")
    @classmethod
    def _photo_is_png_or_jpeg(cls, value: str) -> str:
        if not value:
            return value
        if len(value) > (MAX_PHOTO_BYTES * 4) // 3 + 8:
            raise ValueError(f"photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("photo is not valid base64") from None
        if len(raw) > MAX_PHOTO_BYTES:
            raise ValueError(f"photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
        if not (raw.startswith(b"\x89PNG\r\n\x1a\n") or raw.startswith(b"\xff\xd8\xff")):
            raise ValueError("photo is not a PNG or JPEG image")
        return value


class Stage(_Base):
    id: Id
    name: ShortText
    description: LongText = ""
    width: Annotated[float, Field(ge=60, le=5000)] = 220.0
    colour: Colour = ""


class Lane(_Base):
    id: Id
    name: ShortText
    type: LaneType = LaneType.TEXT
    height: Annotated[float, Field(ge=24, le=5000)] = 110.0  # minimum; grows to fit its cards
    hidden: bool = False
    colour: Colour = ""


class Card(_Base):
    id: Id
    stage_id: Id
    lane_id: Id
    order: Annotated[int, Field(ge=0)] = 0
    title: ShortText = ""
    body: LongText = ""
    kind: CardKind = CardKind.TOUCHPOINT
    channel: ShortText = ""
    owner: ShortText = ""
    persona_ids: list[Id] = Field(default_factory=list)
    moment_of_truth: bool = False
    pain_point: bool = False
    importance_internal: Rating | None = None
    performance_internal: Rating | None = None
    importance_customer: Rating | None = None
    performance_customer: Rating | None = None
    tags: list[ShortText] = Field(default_factory=list)
    colour: Colour = ""
    votes: Annotated[int, Field(ge=0, le=10_000)] = 0
    notes: LongText = ""


class EmotionPoint(_Base):
    id: Id
    stage_id: Id
    x: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5  # relative position inside the stage column
    value: Annotated[float, Field(ge=EMOTION_MIN, le=EMOTION_MAX)] = 0.0
    quote: LongText = ""
    card_id: Id | None = None  # optional anchor to a card


class EmotionCurve(_Base):
    id: Id
    persona_id: Id | None = None
    perspective: Perspective = Perspective.CUSTOMER
    name: ShortText = ""
    colour: Colour = ""
    visible: bool = True
    points: list[EmotionPoint] = Field(default_factory=list)


class Link(_Base):
    id: Id
    source_id: Id
    target_id: Id
    kind: LinkKind = LinkKind.FLOW
    label: ShortText = ""


class StageMetric(_Base):
    id: Id
    stage_id: Id
    name: ShortText
    value: float | None = None
    target: float | None = None
    unit: ShortText = ""


class Map(_Base):
    id: Id = Field(default_factory=lambda: new_id("map"))
    title: ShortText = "Untitled journey"
    goal: LongText = ""
    journey_type: JourneyType = JourneyType.PURCHASE
    created: str = Field(default_factory=now_iso)
    modified: str = Field(default_factory=now_iso)
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    lanes: list[Lane] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    curves: list[EmotionCurve] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    metrics: list[StageMetric] = Field(default_factory=list)
