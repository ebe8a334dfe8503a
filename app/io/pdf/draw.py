"""Draw a map's layout with :class:`~app.io.pdf.ops.Ops`: headers, cells, cards and their
markers, the emotion scale and curves, links and the line of visibility.

Every rectangle, line break and curve point comes from :mod:`app.model.layout` (the canvas
draws from the same numbers); this module only chooses strokes and fills. Coordinates are map
points with y down; the caller sets the transform.
"""

# ruff: noqa: UP031  - PDF operators are written with %-templates: the fastest formatting in CPython

from __future__ import annotations

from app.model import layout as L
from app.model.geometry import CurveGeometry, Mark, Rect
from app.model.layout import MapLayout, card_marks
from app.model.palette import (
    GRID,
    HEADER_FILL,
    INK,
    KIND_FILL,
    KIND_STRIPE,
    LANE_FILL,
    MUTED,
    PAIN_MARK,
    TRUTH_MARK,
)
from app.model.schema import EMOTION_MAX, EMOTION_MIN, Card, LinkKind

from .ops import Ops, make_line, text_width

TEXT_COLOUR = {"meta": MUTED, "metric": MUTED, "label": MUTED, "map-goal": MUTED}
LINK_COLOUR = "#404040"
LINK_DASH: dict[LinkKind, tuple[float, ...]] = {
    LinkKind.FLOW: (),
    LinkKind.HANDOFF: (5.0, 2.5),
    LinkKind.DEPENDENCY: (1.2, 2.0),
}
LINK_LABEL = {LinkKind.FLOW: "Flow", LinkKind.HANDOFF: "Hand-off", LinkKind.DEPENDENCY: "Dependency"}
VISIBILITY_COLOUR = "#0072B2"
VISIBILITY_DASH = (8.0, 4.0)
VOTE_COLOUR = "#0072B2"
MARKER_R = 4.5  # half the size of an emotion curve marker


def _lines_by_colour(ops: Ops, x: float, y: float, lines, default: str = INK) -> None:
    """Text lines of one box, grouped by colour, one text object per colour."""
    groups: dict[str, list] = {}
    for line in lines:
        groups.setdefault(TEXT_COLOUR.get(line.role, default), []).append(line)
    for colour, group in groups.items():
        ops.fill(colour)
        ops.lines_text(x, y, group)


# ---------------------------------------------------------------- the frame
def draw_frame(ops: Ops, layout: MapLayout) -> None:
    """Title band, stage and lane headers, cell fills and the grid."""
    m = layout.map
    b = layout.bounds
    ops.fill("#FFFFFF")
    ops.rect(b.x, b.y, b.w, b.h)
    title = layout.title_box()
    _lines_by_colour(ops, title.rect.x, title.rect.y, title.lines)

    stages = {s.id: s for s in m.stages}
    ops.fill(HEADER_FILL)
    ops.rect(*layout.corner_rect())
    headers = [layout.stage_header(sid) for sid in layout.stage_ids]
    for h in headers:
        ops.fill(stages[h.id].colour or HEADER_FILL)
        ops.rect(*h.rect)
    lane_headers = [layout.lane_header(lid) for lid in layout.lane_ids]
    for h in lane_headers:
        lane = layout.lanes_by_id[h.id]
        ops.fill(HEADER_FILL)
        ops.rect(*h.rect)
        fill = lane.colour or LANE_FILL[lane.type]
        if fill.upper() != "#FFFFFF":
            r = layout.lane_rect(h.id)
            ops.fill(fill)
            ops.rect(L.LABEL_W, r.y, r.w - L.LABEL_W, r.h)
    _emotion_scale(ops, layout)

    # the grid: lane and stage borders as one path
    top = L.TITLE_H
    bottom = b.bottom
    segs = [(0.0, top, b.right, top), (0.0, top + L.HEADER_H, b.right, top + L.HEADER_H)]
    for lid in layout.lane_ids:
        r = layout.lane_rect(lid)
        segs.append((0.0, r.bottom, b.right, r.bottom))
    segs.append((0.0, top, 0.0, bottom))
    segs.append((L.LABEL_W, top, L.LABEL_W, bottom))
    for sid in layout.stage_ids:
        r = layout.stage_rect(sid)
        segs.append((r.right, top, r.right, bottom))
    ops.stroke(GRID)
    ops.width(0.75)
    ops.lines(segs)

    for h in headers:
        _lines_by_colour(ops, h.rect.x, h.rect.y, h.lines)
    for h in lane_headers:
        _lines_by_colour(ops, h.rect.x, h.rect.y, h.lines)

    if layout.visibility_y is not None:
        y = layout.visibility_y
        ops.stroke(VISIBILITY_COLOUR)
        ops.width(1.5)
        ops.dash(VISIBILITY_DASH)
        ops.line(0.0, y, b.right, y)
        ops.dash()
        ops.fill(VISIBILITY_COLOUR)
        ops.label("line of visibility", L.CELL_PAD, y - 3, L.SMALL_SIZE)


def _emotion_scale(ops: Ops, layout: MapLayout) -> None:
    """Faint lines at each whole value of the feelings lane's scale, labelled +3 .. -3."""
    band = layout.curve_band()
    if band is None or band.h <= 0:
        return
    ops.width(0.4)
    ops.dash((2.0, 2.0))
    steps = range(int(EMOTION_MAX), int(EMOTION_MIN) - 1, -1)
    segs = []
    for v in steps:
        y = layout.value_y(v)
        if v:
            segs.append((band.x, y, band.right, y))
    ops.stroke("#D0D0D0")
    ops.lines(segs)
    ops.dash()
    ops.stroke("#A0A0A0")
    y0 = layout.value_y(0)
    ops.line(band.x, y0, band.right, y0)
    ops.fill(MUTED)
    ops.begin_text()
    for v in steps:
        text = f"{v:+d}" if v else "0"
        line = make_line(text, 0.0, 0.0, 6.0)
        w = text_width(text, 6.0)
        ops.text(L.LABEL_W - 3 - w, layout.value_y(v) + 2.0, line)
    ops.end_text()


def _width(line) -> float:
    return text_width(line.text, line.size, line.bold)


# ---------------------------------------------------------------- cards
def draw_cards(ops: Ops, layout: MapLayout) -> None:
    cards = {c.id: c for c in layout.map.cards}
    for geo in layout.all_cards():
        draw_card(ops, cards[geo.id], geo.rect, geo.lines)


def draw_card(ops: Ops, card: Card, r: Rect, lines) -> None:
    x, y, w, h = r
    add = ops.add
    ops.fill(card.colour or KIND_FILL[card.kind])
    add("%.2f %.2f %.2f %.2f re f" % (x, y, w, h))
    ops.fill(KIND_STRIPE[card.kind])
    add("%.2f %.2f %.2f %.2f re f" % (x, y, L.STRIPE_W, h))
    ops.stroke(GRID)
    add("0.6 w %.2f %.2f %.2f %.2f re S" % (x, y, w, h))
    if card.pain_point:  # a pain point card gets a vermillion frame as well as its marker
        ops.stroke(PAIN_MARK)
        add("1.2 w %.2f %.2f %.2f %.2f re S" % (x + 0.6, y + 0.6, w - 1.2, h - 1.2))
    _lines_by_colour(ops, x, y, lines)
    marks = card_marks(card, w, h)
    if marks:
        for mark in marks:
            draw_mark(ops, mark, x, y)


def draw_mark(ops: Ops, mark: Mark, ox: float, oy: float) -> None:
    """One footer marker of a card whose top-left corner is at ``ox, oy``."""
    x, y, w, h = mark.rect
    x += ox
    y += oy
    kind = mark.kind
    if kind == "truth":
        ops.fill(TRUTH_MARK)
        ops.star(x + w / 2, y + h / 2, w / 2 + 0.5)
    elif kind == "pain":
        ops.fill(PAIN_MARK)
        ops.polygon(((x + w / 2, y), (x + w, y + h), (x, y + h)))
        ops.stroke("#FFFFFF")
        ops.width(1.2)
        ops.line(x + w / 2, y + 3.2, x + w / 2, y + h - 3.6)
        ops.fill("#FFFFFF")
        ops.rect(x + w / 2 - 0.6, y + h - 2.4, 1.2, 1.2)
    elif kind.startswith("rating"):
        ops.stroke(MUTED if kind == "rating-internal" else INK)
        ops.width(0.5)
        if kind == "rating-internal":
            ops.dash((1.5, 1.0))
        ops.rect(x, y + 0.5, w, h - 1, "S")
        if kind == "rating-internal":
            ops.dash()
        ops.fill(INK)
        ops.lines_text(x + 3, y + h - 3, [make_line(mark.text, 0.0, 0.0, L.SMALL_SIZE)])
    elif kind == "votes":
        ops.fill(VOTE_COLOUR)
        ops.circle(x + 4.5, y + h / 2, 3.5)
        ops.fill(INK)
        ops.lines_text(x + 10, y + h - 3, [make_line(mark.text, 0.0, 0.0, L.SMALL_SIZE, True)])


# ---------------------------------------------------------------- curves and links
def draw_marker(ops: Ops, shape: str, x: float, y: float, colour: str, r: float = MARKER_R) -> None:
    """An emotion marker: a triangle up (positive), down (negative) or a circle (neutral)."""
    ops.fill(colour)
    ops.stroke("#FFFFFF")
    ops.width(0.8)
    if shape == "up":
        ops.polygon(((x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)), "B")
    elif shape == "down":
        ops.polygon(((x, y + r * 1.15), (x + r, y - r * 0.75), (x - r, y - r * 0.75)), "B")
    else:
        ops.circle(x, y, r * 0.85, "B")


def draw_curve(ops: Ops, geo: CurveGeometry) -> None:
    if geo.start is None:
        return
    if geo.segments:
        ops.stroke(geo.colour)
        ops.width(2.0)
        ops.add("1 J 1 j")
        ops.dash(geo.dash)
        ops.bezier(geo.start, geo.segments)
        ops.dash()
        ops.add("0 J 0 j")
    for p in geo.points:
        draw_marker(ops, p.shape, p.x, p.y, geo.colour)


def draw_curves(ops: Ops, layout: MapLayout) -> None:
    for curve in layout.map.curves:
        if curve.visible:
            geo = layout.curve(curve.id)
            if geo is not None:
                draw_curve(ops, geo)


def draw_links(ops: Ops, layout: MapLayout) -> None:
    links = layout.map.links
    if not links:
        return
    labels = []
    ops.stroke(LINK_COLOUR)
    ops.width(0.9)
    for lk in links:
        geo = layout.link(lk.id)
        if geo is None:
            continue
        dash = LINK_DASH.get(lk.kind, ())
        if dash:
            ops.dash(dash)
        ops.bezier(geo.start, [(geo.c1, geo.c2, geo.end)])
        if dash:
            ops.dash()
        ops.fill(LINK_COLOUR)
        ops.polygon(geo.arrow)
        if lk.label:
            labels.append((lk.label, geo.label_pos))
    for text, (x, y) in labels:
        line = make_line(text, 0.0, 0.0, L.SMALL_SIZE)
        w = _width(line)
        ops.fill("#FFFFFF")
        ops.rect(x - w / 2 - 2, y - 6, w + 4, 9)
        ops.fill(LINK_COLOUR)
        ops.lines_text(x - w / 2, y + 1, [line])


def draw_map(ops: Ops, layout: MapLayout, *, blank: bool = False) -> None:
    """The whole map (or, ``blank``, only its frame: headers, labels, empty cells and scale)."""
    draw_frame(ops, layout)
    if blank:
        return
    draw_cards(ops, layout)
    draw_curves(ops, layout)
    draw_links(ops, layout)
