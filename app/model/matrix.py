"""The importance-versus-performance matrix: touchpoints placed by importance (x) and performance
(y) in four quadrants, computed once here so that the editor's chart, its PNG/SVG pictures and
the PDF page draw the same placement. Pure Python (points, y growing down).

Quadrants: ratings are whole numbers 1..5, and a rating of 3 or more counts as high (the
quadrant lines lie at :data:`CROSS` = 2.5, between 2 and 3, so no point sits on a line):

* **concentrate here**: important (>= 3) and performing badly (<= 2): fix these first;
* **keep up the good work**: important and performing well;
* **low priority**: unimportant and performing badly;
* **possible overkill**: unimportant but performing well (effort that could go elsewhere).

A view shows the customer-reported ratings, the internal team's assumed ones, or both, with an
arrow per touchpoint from where the team puts it to where customers put it. Touchpoints are
numbered 1.. in map order (stage, lane, card order) over every card rated in either view, so a
card keeps its number whichever view is shown; the key beside the chart names them. Cards that
share a rating pair are spread round the pair's place (a sunflower pattern), never stacked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from . import fonts
from .geometry import Rect, TextLine
from .palette import INK, MUTED, blend
from .schema import RATING_MAX, RATING_MIN, Card, Map
from .textlayout import text_line

CROSS = 2.5  # the quadrant lines: ratings above are high, below are low


class Quadrant(StrEnum):
    CONCENTRATE = "concentrate"  # high importance, low performance
    KEEP_UP = "keep_up"  # high importance, high performance
    LOW_PRIORITY = "low_priority"  # low importance, low performance
    OVERKILL = "overkill"  # low importance, high performance


class View(StrEnum):
    CUSTOMER = "customer"
    INTERNAL = "internal"
    BOTH = "both"


QUADRANT_LABEL: dict[Quadrant, str] = {
    Quadrant.CONCENTRATE: "Concentrate here",
    Quadrant.KEEP_UP: "Keep up the good work",
    Quadrant.LOW_PRIORITY: "Low priority",
    Quadrant.OVERKILL: "Possible overkill",
}
QUADRANT_FILL: dict[Quadrant, str] = {
    Quadrant.CONCENTRATE: blend("#D55E00", "#FFFFFF", 0.16),
    Quadrant.KEEP_UP: blend("#009E73", "#FFFFFF", 0.14),
    Quadrant.LOW_PRIORITY: "#F2F2F2",
    Quadrant.OVERKILL: blend("#56B4E9", "#FFFFFF", 0.18),
}
VIEW_TITLE: dict[View, str] = {
    View.CUSTOMER: "Importance versus performance: customer view",
    View.INTERNAL: "Importance versus performance: internal view",
    View.BOTH: "Importance versus performance: internal (dashed) to customer",
}
CUSTOMER_COLOUR = "#0072B2"
INTERNAL_COLOUR = "#5A5A5A"
ARROW_COLOUR = MUTED
INTERNAL_DASH = (2.5, 1.5)

TITLE_SIZE, LABEL_SIZE, TICK_SIZE, KEY_SIZE, KEY_LEAD, NUMBER_SIZE = 12.0, 8.5, 8.0, 8.5, 11.5, 7.0
MARKER_R = 7.0
PAD = 10.0
BAND = 16.0  # inside each plot edge: room for the quadrant names
KEY_MIN_CHART_W = 480.0  # narrower charts leave the key out (the points' tooltips name them)


def quadrant(importance: float, performance: float, cross: float = CROSS) -> Quadrant:
    """The quadrant of a rating pair (see the module notes)."""
    high_imp, high_perf = importance > cross, performance > cross
    if high_imp:
        return Quadrant.KEEP_UP if high_perf else Quadrant.CONCENTRATE
    return Quadrant.OVERKILL if high_perf else Quadrant.LOW_PRIORITY


@dataclass(frozen=True)
class Rated:
    """One card rated in one perspective ("customer" or "internal")."""

    card_id: str
    number: int
    title: str
    perspective: str
    importance: int
    performance: int
    quadrant: Quadrant


def card_label(card: Card) -> str:
    """The card's title, else its body's first line (map text: shown as plain text)."""
    if card.title.strip():
        return " ".join(card.title.split())
    first = card.body.strip().splitlines()[0] if card.body.strip() else ""
    return " ".join(first.split())


def _ratings(card: Card, perspective: str) -> tuple[int | None, int | None]:
    if perspective == "customer":
        return card.importance_customer, card.performance_customer
    return card.importance_internal, card.performance_internal


def map_order(m: Map) -> list[Card]:
    """Cards in reading order: stage, lane, then their order in the cell."""
    stage_at = {s.id: i for i, s in enumerate(m.stages)}
    lane_at = {ln.id: i for i, ln in enumerate(m.lanes)}
    far = len(m.stages) + len(m.lanes) + 1
    return sorted(
        m.cards, key=lambda c: (stage_at.get(c.stage_id, far), lane_at.get(c.lane_id, far), c.order)
    )


def numbered(m: Map) -> list[tuple[int, Card]]:
    """Every card rated (importance and performance) in either perspective, numbered from 1."""
    rated = [c for c in map_order(m) if any(None not in _ratings(c, p) for p in ("customer", "internal"))]
    return list(enumerate(rated, 1))


def rated_points(m: Map, view: View | str = View.CUSTOMER, cross: float = CROSS) -> list[Rated]:
    """The rated cards of ``view`` (both perspectives for BOTH: internal before customer)."""
    view = View(view)
    perspectives = ("internal", "customer") if view is View.BOTH else (view.value,)
    out = []
    for number, card in numbered(m):
        for p in perspectives:
            imp, perf = _ratings(card, p)
            if imp is not None and perf is not None:
                out.append(Rated(card.id, number, card_label(card), p, imp, perf, quadrant(imp, perf, cross)))
    return out


# ------------------------------------------------------------------ chart geometry
@dataclass(frozen=True)
class Marker:
    card_id: str
    number: int
    perspective: str  # "customer" (filled) or "internal" (white, dashed outline)
    quadrant: Quadrant
    x: float
    y: float
    r: float
    label: TextLine  # the number, centred on (x, y)
    title: str  # the card's label, for a tooltip


@dataclass(frozen=True)
class Arrow:
    """From a card's internal marker to its customer marker (edge to edge), with its head."""

    card_id: str
    x1: float
    y1: float
    x2: float
    y2: float
    head: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class QuadrantBox:
    quadrant: Quadrant
    rect: Rect
    fill: str
    label: TextLine


@dataclass(frozen=True)
class MatrixChart:
    width: float
    height: float
    view: View
    plot: Rect
    boxes: tuple[QuadrantBox, ...]
    cross: tuple[float, float]  # the quadrant lines: x of the vertical, y of the horizontal
    ticks: tuple[tuple[float, float, float, float], ...]  # short tick lines (x1, y1, x2, y2)
    lines: tuple[TextLine, ...]  # title, tick labels, x-axis title, key (absolute positions)
    y_title: TextLine  # drawn turned 90 degrees, reading upwards from its (x, y)
    markers: tuple[Marker, ...]
    arrows: tuple[Arrow, ...]
    key: tuple[tuple[str, Rect], ...] = field(default=())  # card id and its key row
    empty: bool = False  # no touchpoint is rated in this view

    def marker_at(self, x: float, y: float, slop: float = 2.0) -> Marker | None:
        """The topmost marker under (x, y) (the last drawn wins), or None."""
        for mk in reversed(self.markers):
            if (mk.x - x) ** 2 + (mk.y - y) ** 2 <= (mk.r + slop) ** 2:
                return mk
        return None

    def card_at(self, x: float, y: float) -> str | None:
        """The card of the marker or key row under (x, y), or None."""
        mk = self.marker_at(x, y)
        if mk is not None:
            return mk.card_id
        for card_id, r in self.key:
            if r.x <= x <= r.right and r.y <= y <= r.bottom:
                return card_id
        return None


@dataclass(frozen=True)
class ChartText:
    """The chart's own words (the editor passes translations; the PDF stays English)."""

    title: dict[View, str] = field(default_factory=lambda: dict(VIEW_TITLE))
    quadrants: dict[Quadrant, str] = field(default_factory=lambda: dict(QUADRANT_LABEL))
    importance: str = "Importance"
    performance: str = "Performance"
    none_rated: str = "No touchpoint is rated in this view"
    more: str = "+{n} more"


def _centred(
    text: str, cx: float, baseline: float, size: float, bold: bool = False, role: str = "label"
) -> TextLine:
    w = fonts.chain(bold).width(text, size)
    return text_line(text, cx - w / 2, baseline, size, bold, role)


def _spread(n: int, r: float) -> list[tuple[float, float]]:
    """Offsets for ``n`` markers of radius ``r`` sharing one place (a sunflower: no overlaps)."""
    if n == 1:
        return [(0.0, 0.0)]
    c = 1.25 * r
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (c * math.sqrt(k + 0.5) * math.cos(k * golden), c * math.sqrt(k + 0.5) * math.sin(k * golden))
        for k in range(n)
    ]


def _arrow(a: Marker, b: Marker) -> Arrow | None:
    dx, dy = b.x - a.x, b.y - a.y
    d = math.hypot(dx, dy)
    if d <= a.r + b.r + 2:
        return None  # the markers touch: the team and the customers agree
    ux, uy = dx / d, dy / d
    x1, y1 = a.x + ux * a.r, a.y + uy * a.r
    x2, y2 = b.x - ux * (b.r + 1), b.y - uy * (b.r + 1)
    size = 5.0
    bx, by = x2 - ux * size, y2 - uy * size
    head = (
        (x2, y2),
        (bx - uy * size * 0.5, by + ux * size * 0.5),
        (bx + uy * size * 0.5, by - ux * size * 0.5),
    )
    return Arrow(a.card_id, x1, y1, bx, by, head)


def matrix_chart(
    m: Map,
    view: View | str = View.CUSTOMER,
    width: float = 720.0,
    height: float = 480.0,
    *,
    key: bool = True,
    text: ChartText | None = None,
    cross: float = CROSS,
) -> MatrixChart:
    """The chart of ``m`` in a ``width`` x ``height`` point box (see the module notes). ``key``:
    the numbered list of touchpoints at the right, when the chart is wide enough for it."""
    view = View(view)
    text = text or ChartText()
    points = rated_points(m, view, cross)
    lines: list[TextLine] = []
    title = fonts.ellipsize(text.title[view], width - 2 * PAD, TITLE_SIZE, True)
    lines.append(text_line(title, PAD, PAD + TITLE_SIZE, TITLE_SIZE, True, "title"))

    key_w = min(260.0, width * 0.36) if key and width >= KEY_MIN_CHART_W else 0.0
    left = PAD + TICK_SIZE + 4 + 14
    top = PAD + TITLE_SIZE + 12
    right = width - PAD - (key_w + 12 if key_w else 0)
    bottom = height - PAD - LABEL_SIZE - 4 - TICK_SIZE - 6
    pw, ph = max(right - left, 40.0), max(bottom - top, 40.0)
    plot = Rect(left, top, pw, ph)
    lo, hi = RATING_MIN - 0.5, RATING_MAX + 0.5
    inner_w, inner_h = pw - 2 * BAND, ph - 2 * BAND

    def px(v: float) -> float:
        return left + BAND + (v - lo) / (hi - lo) * inner_w

    def py(v: float) -> float:
        return top + ph - BAND - (v - lo) / (hi - lo) * inner_h

    cx, cy = px(cross), py(cross)
    boxes = []
    for q, (x0, y0, x1, y1, at_top) in {
        Quadrant.OVERKILL: (left, top, cx, cy, True),
        Quadrant.KEEP_UP: (cx, top, left + pw, cy, True),
        Quadrant.LOW_PRIORITY: (left, cy, cx, top + ph, False),
        Quadrant.CONCENTRATE: (cx, cy, left + pw, top + ph, False),
    }.items():
        name = fonts.ellipsize(text.quadrants[q], max(x1 - x0 - 8, 10.0), LABEL_SIZE, True)
        baseline = y0 + LABEL_SIZE + 3 if at_top else y1 - 5
        boxes.append(QuadrantBox(q, Rect(x0, y0, x1 - x0, y1 - y0), QUADRANT_FILL[q],
                                 _centred(name, (x0 + x1) / 2, baseline, LABEL_SIZE, True, "quadrant")))  # fmt: skip

    ticks = []
    for v in range(RATING_MIN, RATING_MAX + 1):
        x, y = px(v), py(v)
        ticks += [(x, top + ph, x, top + ph + 3), (left - 3, y, left, y)]
        lines.append(_centred(str(v), x, top + ph + 3 + TICK_SIZE, TICK_SIZE, role="tick"))
        w = fonts.chain(False).width(str(v), TICK_SIZE)
        lines.append(text_line(str(v), left - 5 - w, y + TICK_SIZE * 0.35, TICK_SIZE, False, "tick"))
    lines.append(_centred(text.importance, left + pw / 2, height - PAD, LABEL_SIZE, True, "axis"))
    y_w = fonts.chain(True).width(text.performance, LABEL_SIZE)
    y_title = text_line(text.performance, PAD + LABEL_SIZE, top + ph / 2 + y_w / 2, LABEL_SIZE, True, "axis")

    groups: dict[tuple[int, int], list[Rated]] = {}
    for p in points:
        groups.setdefault((p.importance, p.performance), []).append(p)
    placed: dict[tuple[str, str], Marker] = {}
    for (imp, perf), members in groups.items():
        for p, (dx, dy) in zip(members, _spread(len(members), MARKER_R), strict=True):
            x, y = px(imp) + dx, py(perf) + dy
            label = _centred(str(p.number), x, y + NUMBER_SIZE * 0.36, NUMBER_SIZE, True, p.perspective)
            placed[(p.card_id, p.perspective)] = Marker(p.card_id, p.number, p.perspective, p.quadrant, x, y,
                                                        MARKER_R, label, p.title)  # fmt: skip
    # drawn internal first, then customer: a customer marker is on top (and wins a click)
    markers = sorted(placed.values(), key=lambda mk: (mk.perspective != "internal", mk.number))
    arrows = []
    if view is View.BOTH:
        for (card_id, p), a in placed.items():
            b = placed.get((card_id, "customer")) if p == "internal" else None
            arrow = _arrow(a, b) if b is not None else None
            if arrow is not None:
                arrows.append(arrow)
    if not points:
        lines.append(_centred(fonts.ellipsize(text.none_rated, pw - 8, LABEL_SIZE), left + pw / 2, top + ph / 2,
                              LABEL_SIZE, role="note"))  # fmt: skip

    key_rows = _key(m, points, width - PAD - key_w, top, key_w, top + ph, text, lines) if key_w else ()
    return MatrixChart(width, height, view, plot, tuple(boxes), (cx, cy), tuple(ticks), tuple(lines), y_title,
                       tuple(markers), tuple(arrows), key_rows, not points)  # fmt: skip


def _key(m: Map, points: list[Rated], x: float, top: float, w: float, bottom: float, text: ChartText,
         lines: list[TextLine]) -> tuple[tuple[str, Rect], ...]:  # fmt: skip
    """The numbered touchpoints of the view in a column; as many rows as fit, then "+n more"."""
    seen: dict[int, Rated] = {}
    for p in points:
        seen.setdefault(p.number, p)
    entries = sorted(seen.values(), key=lambda p: p.number)
    fit = max(int((bottom - top) // KEY_LEAD), 0)
    shown = entries if len(entries) <= fit else entries[: max(fit - 1, 0)]
    rows = []
    num_w = fonts.chain(True).width(str(max((p.number for p in entries), default=0)), KEY_SIZE) + 6
    for i, p in enumerate(shown):
        y = top + i * KEY_LEAD
        baseline = y + KEY_SIZE + 1
        lines.append(text_line(str(p.number), x, baseline, KEY_SIZE, True, "key-number"))
        title = fonts.ellipsize(p.title, max(w - num_w, 10.0), KEY_SIZE)
        lines.append(text_line(title, x + num_w, baseline, KEY_SIZE, False, "key"))
        rows.append((p.card_id, Rect(x, y, w, KEY_LEAD)))
    if len(shown) < len(entries):
        more = text.more.format(n=len(entries) - len(shown))
        lines.append(
            text_line(more, x + num_w, top + len(shown) * KEY_LEAD + KEY_SIZE + 1, KEY_SIZE, False, "note")
        )
    return tuple(rows)


TEXT_COLOURS = {
    "tick": MUTED,
    "note": MUTED,
    "key-number": CUSTOMER_COLOUR,
    "customer": "#FFFFFF",
    "internal": INK,
}
