"""Plain geometry values the layout hands to renderers (points, 1/72 in; y grows downwards).

Named tuples: immutable, and cheap to make by the hundred thousand."""

from __future__ import annotations

from typing import NamedTuple

Point = tuple[float, float]


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: Rect, eps: float = 1e-6) -> bool:
        return (
            other.x >= self.x - eps
            and other.y >= self.y - eps
            and other.right <= self.right + eps
            and other.bottom <= self.bottom + eps
        )

    def intersects(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def translated(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


class Run(NamedTuple):
    """Characters drawn by one font face, ``dx`` points from the start of their line."""

    text: str
    face: str  # a key of app.model.fonts (e.g. "vera", "wqy")
    dx: float


class TextLine(NamedTuple):
    """One line of text: baseline at (x, y) relative to its box's top-left corner."""

    x: float
    y: float
    size: float
    bold: bool
    role: str  # "title", "body", "meta", "header", "label", ...
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class CardText(NamedTuple):
    """A card's text broken into lines for one card width, and the height it needs."""

    width: float
    height: float
    lines: tuple[TextLine, ...]


class Shape(NamedTuple):
    """One filled shape of a mark, relative to the same corner as its mark. ``part`` names its
    look, which the renderers apply: "star", "warning" (the triangle), "exclamation" (the bar
    and the dot inside it), "dot" (of votes), "box" (round a rating), "gap-box" (round a rating
    of a card whose ratings differ) and "gap" (the gap badge). ``form`` is "polygon"
    (``points``), "circle" (centre ``points[0]``, ``radius``) or "rect" (``rect``, corners of
    ``radius``)."""

    part: str
    form: str
    points: tuple[Point, ...]
    rect: Rect | None
    radius: float


class Mark(NamedTuple):
    """A marker in a card's footer strip: ``kind`` is "truth" (moment of truth, a star),
    "pain" (pain point, a warning triangle), "rating-customer" / "rating-internal" (text
    "C 4/2": importance/performance), "gap" (internal and customer ratings 2 or more points
    apart, in the perspective both: app.model.perspective), or "votes" (a dot and the count).
    Its ``shapes`` and its ``line`` (the text, or None) are drawn as they are: renderers only
    choose colours."""

    kind: str
    rect: Rect  # relative to the card's top-left corner
    text: str
    shapes: tuple[Shape, ...]
    line: TextLine | None


class ScaleGeometry(NamedTuple):
    """The emotion scale on the map: the dashed neutral line (value 0) across the feelings lane,
    right of the labels, and the labels "+3" .. "-3" (baselines on the map). The canvas draws
    it cell by cell (under the cards): a cell's piece is the part of the line in it, whose
    dashes go on from ``dash_at`` points along the whole line, and the labels in it."""

    start: Point
    end: Point
    labels: tuple[TextLine, ...]
    dash_at: float = 0.0


class VisibilityGeometry(NamedTuple):
    """The line of visibility across the map and its label (baseline on the map)."""

    start: Point
    end: Point
    label: TextLine


class CardGeometry(NamedTuple):
    id: str
    stage_id: str
    lane_id: str
    rect: Rect  # on the map
    local: Rect  # relative to its cell's top-left corner
    lines: tuple[TextLine, ...]  # relative to the card's top-left corner


class BoxGeometry(NamedTuple):
    """A header (stage, lane, title) or label: its rectangle and its lines relative to it."""

    id: str
    rect: Rect
    lines: tuple[TextLine, ...]


class CurvePoint(NamedTuple):
    id: str
    x: float
    y: float
    value: float
    shape: str  # "up", "down", "circle": the sign of the value, readable without colour


class CurveGeometry(NamedTuple):
    id: str
    colour: str
    dash: tuple[float, ...]
    band: Rect  # the feelings lane area the scale spans
    points: tuple[CurvePoint, ...]
    # a smooth path through the points: start point, then cubic segments (c1, c2, end)
    start: Point | None
    segments: tuple[tuple[Point, Point, Point], ...]


class LinkLabel(NamedTuple):
    """A link's label box (``number`` 0) or, where the label found no free place, a numbered
    marker whose label is in the map's key; ``line`` is its text (the label, or the number)."""

    rect: Rect
    line: TextLine
    number: int


class LinkGeometry(NamedTuple):
    """A link's route: axis-parallel runs through the gutters joined by rounded corners. Each
    segment is a line to a point ``(end,)`` or a cubic ``(c1, c2, end)``; ``points`` is the
    route's polyline (the corners unrounded)."""

    id: str
    start: Point
    segments: tuple[tuple[Point, ...], ...]
    arrow: tuple[Point, Point, Point]  # tip, then the two back corners
    points: tuple[Point, ...]
    label: LinkLabel | None
