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
* persona photos are PNG or JPEG images that decode completely (a truncated or corrupt image
  is refused), at most ``MAX_PHOTO_BYTES`` of image data and at most ``MAX_PHOTO_PIXELS``
  (4,096 x 4,096) pixels, read from the image header before anything is decoded, so a small
  file that would decode to gigabytes (a decompression bomb) is refused cheaply;
* text (every string field, ids included) holds only characters XML 1.0 can hold: no C0 control
  characters other than tab, newline and carriage return, no U+FFFE/U+FFFF and no lone
  surrogates (``TEXT_PATTERN``), so every export (SVG, PDF) can write it;
* numbers are finite: infinity and NaN are refused however they are written;
* at most ``MAX_CARDS`` cards in one map;
* an open dot vote (``Map.vote``, see :class:`Vote`) gives each voter 1..``MAX_VOTE_BUDGET``
  dots, names each voter once and holds no voter with more dots than the budget.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import secrets
import warnings
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 2

EMOTION_MIN = -3.0
EMOTION_MAX = 3.0
RATING_MIN = 1
RATING_MAX = 5
MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 10_000
MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PHOTO_PIXELS = 4096 * 4096  # decoded pixels (16.7 megapixels), checked from the header
MAX_CARDS = 100_000
MAX_VOTE_BUDGET = 99  # dots per voter in one dot vote
MAX_VOTERS = 500

#: Text XML 1.0 can hold, for pydantic's (Rust) regex: no C0 control characters but tab, newline
#: and carriage return, no U+FFFE/U+FFFF. (Lone surrogates are refused by pydantic itself.)
#: One compiled pattern per field, run natively: a 100,000-card map is checked in milliseconds.
TEXT_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x{FFFE}\x{FFFF}]*$"
#: The same characters for Python's re: finds the one to name in an error message.
ILLEGAL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Text = Annotated[str, Field(pattern=TEXT_PATTERN)]
ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT, pattern=TEXT_PATTERN)]
LongText = Annotated[str, Field(max_length=MAX_LONG_TEXT, pattern=TEXT_PATTERN)]
Rating = Annotated[int, Field(ge=RATING_MIN, le=RATING_MAX)]
Colour = Annotated[str, Field(pattern=r"^(#[0-9a-fA-F]{6})?$")]
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=TEXT_PATTERN)]


def illegal_character_message(text: str) -> str | None:
    """Why ``text`` breaks ``TEXT_PATTERN`` ("control character U+0001 is not allowed"), or None."""
    found = ILLEGAL_CHARACTER.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if code < 0x20:
        return f"control character U+{code:04X} is not allowed"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} is not allowed (not a character)"
    return f"non-character U+{code:04X} is not allowed"


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


#: The kind of a new card by its lane's type: the editor's "add card here", quick capture, a
#: phone's note, and a card imported without a kind (CSV, JSON Canvas); other lanes: a note.
LANE_KIND: dict[LaneType, CardKind] = {
    LaneType.ACTIONS: CardKind.ACTION,
    LaneType.THOUGHTS: CardKind.THOUGHT,
    LaneType.TOUCHPOINTS: CardKind.TOUCHPOINT,
    LaneType.CHANNELS: CardKind.TOUCHPOINT,
    LaneType.ON_STAGE: CardKind.PROCESS,
    LaneType.BACKSTAGE: CardKind.PROCESS,
    LaneType.SUPPORT: CardKind.PROCESS,
    LaneType.PAIN_POINTS: CardKind.PAIN,
    LaneType.OPPORTUNITIES: CardKind.OPPORTUNITY,
}


class Perspective(StrEnum):
    CUSTOMER = "customer"  # customer-reported
    INTERNAL = "internal"  # internal assumption
    TO_BE = "to_be"  # the target experience


class LinkKind(StrEnum):
    FLOW = "flow"
    HANDOFF = "handoff"
    DEPENDENCY = "dependency"


class _Base(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=False, populate_by_name=True, allow_inf_nan=False)


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
    photo: str = ""  # base64 PNG or JPEG: see photo_problem()
    segment: ShortText = ""
    region: ShortText = ""
    colour: Colour = ""

    @field_validator("photo")
    @classmethod
    def _photo_is_png_or_jpeg(cls, value: str) -> str:
        problem = photo_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


@lru_cache(maxsize=8)  # an edit re-validates a persona: its photo is decoded once, not per keystroke
def photo_problem(value: str) -> str | None:
    """Why ``value`` (base64) is not a photo a map may hold, or None: see the module docstring."""
    if not value:
        return None
    if len(value) > (MAX_PHOTO_BYTES * 4) // 3 + 8:
        return f"photo is larger than {_megabytes(MAX_PHOTO_BYTES)}"
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return "photo is not valid base64"
    if len(raw) > MAX_PHOTO_BYTES:
        return f"photo is larger than {_megabytes(MAX_PHOTO_BYTES)}"
    return image_problem(raw)


def image_problem(raw: bytes, max_pixels: int = MAX_PHOTO_PIXELS) -> str | None:
    """Why the image file ``raw`` is not a PNG or JPEG photo that decodes within ``max_pixels``.

    The size comes from the header (Pillow's ``Image.open`` reads nothing more) and is checked
    before any pixel is decoded; then the image is decoded for real, so that a truncated or
    corrupt file is refused here rather than failing in an export. JPEGs decode at 1/8 scale
    (libjpeg's DCT scaling still reads every byte of the image)."""
    if not (raw.startswith(b"\x89PNG\r\n\x1a\n") or raw.startswith(b"\xff\xd8\xff")):
        return "photo is not a PNG or JPEG image"
    from PIL import Image  # Pillow: imported only when a map has a photo

    limit = f"at most {_pixels(max_pixels)} are allowed"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw), formats=("PNG", "JPEG"))
    except Image.DecompressionBombError:
        return f"photo has too many pixels to decode safely; {limit}"
    except Exception as err:  # noqa: BLE001 - Pillow raises many kinds for a broken header
        return f"photo cannot be read: {_reason(err)}"
    with image:
        width, height = image.size
        if width * height > max_pixels:
            return f"photo is {width} x {height} pixels; {limit}"
        try:
            image.draft(image.mode, (1, 1))  # JPEG only; a no-op for PNG
            image.load()
        except Exception as err:  # noqa: BLE001 - truncated, corrupt, unsupported: all unreadable
            return f"photo cannot be decoded: {_reason(err)}"
    return None


def _pixels(n: int) -> str:
    side = int(n**0.5)
    return f"{side} x {side} pixels" if side * side == n else f"{n / 1e6:.1f} megapixels"


def _reason(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 120 else text[:119] + "…"


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


class Ballot(_Base):
    """One voter's dots in an open vote: one card id per dot, in the order cast (a card may
    take several dots of one voter)."""

    model_config = ConfigDict(revalidate_instances="always")
    voter: Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TEXT, pattern=TEXT_PATTERN)]
    card_ids: Annotated[list[Id], Field(max_length=MAX_VOTE_BUDGET)] = Field(default_factory=list)

    @field_validator("voter")
    @classmethod
    def _voter_has_a_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a voter needs a name")
        return value


class Vote(_Base):
    """A dot vote in progress (``Map.vote``; None when no vote is open). It lives in the map so
    that autosave and crash recovery keep every dot cast, and each dot is one undo step.

    ``lane_id`` limits the vote to one lane's cards (None: all cards); ``hidden`` keeps the
    counts out of sight until the vote closes. Closing writes each card's total into its
    ``votes`` and removes the vote (:mod:`app.model.voting`). The ids a vote names are not
    references the map guards: a card deleted during the vote keeps its dots in the ballots (an
    undo of the delete brings both back) and they still count against the voter's budget; dots on
    cards that no longer exist, or outside the vote's lane, are not counted.

    No schema version bump: a file without ``vote`` loads as ever (None), and an older editor
    keeps ``vote`` as an unknown field, so a file with an open vote survives it unchanged."""

    model_config = ConfigDict(revalidate_instances="always")
    lane_id: Id | None = None
    budget: Annotated[int, Field(ge=1, le=MAX_VOTE_BUDGET)] = 3
    hidden: bool = False
    ballots: Annotated[list[Ballot], Field(max_length=MAX_VOTERS)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ballots_fit(self) -> Vote:
        seen: set[str] = set()
        for ballot in self.ballots:
            key = ballot.voter.strip().casefold()
            if key in seen:
                raise ValueError(f"voter '{ballot.voter}' is named twice")
            seen.add(key)
            if len(ballot.card_ids) > self.budget:
                raise ValueError(
                    f"voter '{ballot.voter}' has {len(ballot.card_ids)} dots; the budget is {self.budget}"
                )
        return self


class Map(_Base):
    id: Id = Field(default_factory=lambda: new_id("map"))
    title: ShortText = "Untitled journey"
    goal: LongText = ""
    journey_type: JourneyType = JourneyType.PURCHASE
    created: Text = Field(default_factory=now_iso)
    modified: Text = Field(default_factory=now_iso)
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    lanes: list[Lane] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    curves: list[EmotionCurve] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    metrics: list[StageMetric] = Field(default_factory=list)
    # the dot vote in progress, if any; left out of files while there is none (they stay as they were)
    vote: Vote | None = Field(default=None, exclude_if=lambda value: value is None)
