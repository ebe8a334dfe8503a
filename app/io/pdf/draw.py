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
    blend,
)
from app.model.schema import EMOTION_MAX, EMOTION_MIN, Card
from app.model.style import (
    ACCENT_W,
    CARD_BORDER_ALPHA,
    CARD_RADIUS,
    CURVE_W,
    GRID_W,
    LINK_COLOUR,
    LINK_DASH,
    LINK_W,
    MARKER_R,
    NEUTRAL_COLOUR,
    NEUTRAL_DASH,
    NEUTRAL_W,
    SCALE_LABEL_W,
    TEXT_COLOUR,
    TRUTH_OUTLINE,
    VISIBILITY_COLOUR,
    VISIBILITY_DASH,
    VISIBILITY_W,
)

from .ops import Ops, make_line, text_width


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
    """Title band, stage and lane headers, cell fills, the emotion scale and the grid."""
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
    lane_headers = [layout.lane_header(lid) for lid in layout.lane_ids]
    for h in headers + lane_headers:
        ops.rect(*h.rect)
    for h in headers:
        colour = stages[h.id].colour
        if colour:
            ops.fill(colour)
            ops.rect(h.rect.x, h.rect.y, h.rect.w, ACCENT_W)
    for h in lane_headers:
        colour = layout.lanes_by_id[h.id].colour
        if colour:
            ops.fill(colour)
            ops.rect(h.rect.x, h.rect.y, ACCENT_W, h.rect.h)
    for lid in layout.lane_ids:
        fill = LANE_FILL[layout.lanes_by_id[lid].type]
        if fill.upper() != "#FFFFFF":
            r = layout.lane_rect(lid)
            ops.fill(fill)
            ops.rect(L.LABEL_W, r.y, r.w - L.LABEL_W, r.h)
    _emotion_scale(ops, layout)

    # the grid: lane and stage borders as one path
    top = L.TITLE_H
    bottom = layout.grid.bottom
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
    ops.width(GRID_W)
    ops.lines(segs)

    for h in headers + lane_headers:
        _lines_by_colour(ops, h.rect.x, h.rect.y, h.lines)

    if layout.visibility_y is not None:
        y = layout.visibility_y
        ops.stroke(VISIBILITY_COLOUR)
        ops.width(VISIBILITY_W)
        ops.dash(VISIBILITY_DASH)
        ops.line(0.0, y, b.right, y)
        ops.dash()
        ops.fill(VISIBILITY_COLOUR)
        ops.label("line of visibility", 8.0, y - 3.0, L.SMALL_SIZE)


def _emotion_scale(ops: Ops, layout: MapLayout) -> None:
    """The neutral line across the feelings lane and the scale's labels, +3 to -3, in its
    first cell (as the canvas draws them)."""
    band = layout.curve_band()
    if band is None or band.h <= 0:
        return
    y0 = layout.value_y(0)
    ops.stroke(NEUTRAL_COLOUR)
    ops.width(NEUTRAL_W)
    ops.dash(NEUTRAL_DASH)
    ops.line(band.x + SCALE_LABEL_W, y0, band.right, y0)
    ops.dash()
    ops.fill(MUTED)
    ops.begin_text()
    for v in range(int(EMOTION_MAX), int(EMOTION_MIN) - 1, -1):
        text = f"{v:+d}" if v else "0"
        ops.text(
            band.x + 4.0, layout.value_y(v) + L.SMALL_SIZE * 0.35, make_line(text, 0.0, 0.0, L.SMALL_SIZE)
        )
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
    fill = card.colour or KIND_FILL[card.kind]
    stripe = KIND_STRIPE[card.kind]
    ops.fill(fill)
    ops.stroke(blend(stripe, fill, CARD_BORDER_ALPHA))
    ops.width(0.75)
    ops.round_rect(x, y, w, h, CARD_RADIUS, "B")
    ops.fill(stripe)
    ops.round_rect(x, y, L.STRIPE_W, h, CARD_RADIUS, "f", left_only=True)
    _lines_by_colour(ops, x, y, lines)
    marks = card_marks(card, w, h)
    if marks:
        for mark in marks:
            draw_mark(ops, mark, x, y)


def _mark_baseline(y: float, h: float) -> float:
    return y + h / 2 + L.SMALL_SIZE * 0.36


def draw_mark(ops: Ops, mark: Mark, ox: float, oy: float) -> None:
    """One footer marker of a card whose top-left corner is at ``ox, oy``."""
    x, y, w, h = mark.rect
    x += ox
    y += oy
    kind = mark.kind
    if kind == "truth":
        ops.fill(TRUTH_MARK)
        ops.stroke(TRUTH_OUTLINE)
        ops.width(0.5)
        ops.star(x + w / 2, y + h / 2, w / 2 + 0.5, "B")
    elif kind == "pain":
        ops.fill(PAIN_MARK)
        ops.polygon(((x + w / 2, y), (x + w, y + h), (x, y + h)))
        bar = w * 0.13
        ops.fill("#FFFFFF")
        ops.rect(x + w / 2 - bar / 2, y + h * 0.34, bar, h * 0.36)
        ops.circle(x + w / 2, y + h * 0.84, bar * 0.6)
    elif kind == "votes":
        ops.fill(INK)
        ops.circle(x + 5.5, y + h / 2, 3.2)
        ops.lines_text(x + 11, _mark_baseline(y, h), [make_line(mark.text, 0.0, 0.0, L.SMALL_SIZE, True)])
    else:  # a rating box: "C 4/2" (customer) or "I 3/4" (internal)
        ops.fill("#FFFFFF")
        ops.stroke(MUTED)
        ops.width(0.5)
        ops.round_rect(x + 0.25, y + 0.25, w - 0.5, h - 0.5, 2.0, "B")
        ops.fill(INK)
        ops.lines_text(x + 3, _mark_baseline(y, h), [make_line(mark.text, 0.0, 0.0, L.SMALL_SIZE)])


# ---------------------------------------------------------------- curves and links
def draw_marker(ops: Ops, shape: str, x: float, y: float, colour: str, r: float = MARKER_R) -> None:
    """An emotion marker: a triangle up (positive), down (negative) or a circle (neutral), the
    triangles' centroids on the point."""
    ops.fill(colour)
    ops.stroke("#FFFFFF")
    ops.width(1.0)
    if shape == "circle":
        ops.circle(x, y, r * 0.8, "B")
    else:
        s = 1 if shape == "up" else -1
        hw = r * 0.8660254
        ops.polygon(((x, y - s * r), (x + hw, y + s * r / 2), (x - hw, y + s * r / 2)), "B")


def draw_curve(ops: Ops, geo: CurveGeometry) -> None:
    if geo.start is None:
        return
    if geo.segments:
        ops.stroke(geo.colour)
        ops.width(CURVE_W)
        ops.add("0 J 1 j" if geo.dash else "1 J 1 j")
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
    """Every link's route and arrow head, then the labels and markers on top, then the key of
    the markers below the grid."""
    links = layout.map.links
    if not links:
        return
    labels = []
    ops.stroke(LINK_COLOUR)
    ops.fill(LINK_COLOUR)
    ops.width(LINK_W)
    for lk in links:
        geo = layout.link(lk.id)
        if geo is None:
            continue
        dash = LINK_DASH.get(lk.kind, ())
        if dash:
            ops.dash(dash)
        ops.bezier(geo.start, geo.segments)
        if dash:
            ops.dash()
        ops.polygon(geo.arrow)
        if geo.label is not None:
            labels.append(geo.label)
    for label in labels:
        r = label.rect
        marker = label.line.role == "marker"
        ops.fill(LINK_COLOUR if marker else "#FFFFFF")
        ops.stroke(LINK_COLOUR)
        ops.width(0.5)
        ops.round_rect(r.x, r.y, r.w, r.h, r.h / 2 if marker else 2.0, "B")
        ops.fill("#FFFFFF" if marker else INK)
        ops.lines_text(0.0, 0.0, [label.line])
    key = layout.link_key()
    if key is not None:
        _lines_by_colour(ops, key.rect.x, key.rect.y, key.lines)


def draw_map(ops: Ops, layout: MapLayout, *, blank: bool = False) -> None:
    """The whole map (or, ``blank``, only its frame: headers, labels, empty cells and scale)."""
    draw_frame(ops, layout)
    if blank:
        return
    draw_cards(ops, layout)
    draw_curves(ops, layout)
    draw_links(ops, layout)
