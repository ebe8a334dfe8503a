"""Draw a map's layout with :class:`~app.io.pdf.ops.Ops`: headers, cells, cards and their
markers, the emotion scale and curves, links and the line of visibility.

Every rectangle, line break and curve point comes from :mod:`app.model.layout` (the canvas
draws from the same numbers); this module only chooses strokes and fills. Coordinates are map
points with y down; the caller sets the transform.
"""

# ruff: noqa: UP031  - PDF operators are written with %-templates: the fastest formatting in CPython

from __future__ import annotations

from app.model import layout as L
from app.model.divergence import LABEL_RADIUS, curve_divergences
from app.model.geometry import CurveGeometry, Mark, Rect, Shape
from app.model.layout import MapLayout, card_marks
from app.model.palette import (
    GAP_MARK,
    GRID,
    HEADER_FILL,
    INK,
    KIND_FILL,
    KIND_STRIPE,
    LANE_FILL,
    MUTED,
    blend,
)
from app.model.perspective import BOTH, shows_curve
from app.model.schema import Card
from app.model.style import (
    ACCENT_W,
    CARD_BORDER_ALPHA,
    CARD_RADIUS,
    CURVE_W,
    DIVERGENCE_ALPHA,
    GRID_W,
    LINK_COLOUR,
    LINK_DASH,
    LINK_W,
    MARK_LOOK,
    MARK_OUTLINE_W,
    MARK_TEXT,
    MARKER_R,
    NEUTRAL_COLOUR,
    NEUTRAL_DASH,
    NEUTRAL_W,
    RATING_FILL_ALPHA,
    TEXT_COLOUR,
    VISIBILITY_COLOUR,
    VISIBILITY_DASH,
    VISIBILITY_W,
)

from .ops import Ops, text_width


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

    vis = layout.visibility()
    if vis is not None:
        ops.stroke(VISIBILITY_COLOUR)
        ops.width(VISIBILITY_W)
        ops.dash(VISIBILITY_DASH)
        ops.line(*vis.start, *vis.end)
        ops.dash()
        ops.fill(VISIBILITY_COLOUR)
        ops.lines_text(0.0, 0.0, [vis.label])


def _emotion_scale(ops: Ops, layout: MapLayout) -> None:
    """The neutral line across the feelings lane and the scale's labels, +3 to -3, in its
    first cell (the layout's :meth:`~app.model.layout.MapLayout.emotion_scale`)."""
    scale = layout.emotion_scale()
    if scale is None:
        return
    ops.stroke(NEUTRAL_COLOUR)
    ops.width(NEUTRAL_W)
    ops.dash(NEUTRAL_DASH)
    ops.line(*scale.start, *scale.end)
    ops.dash()
    ops.fill(MUTED)
    ops.lines_text(0.0, 0.0, scale.labels)


def _width(line) -> float:
    return text_width(line.text, line.size, line.bold)


# ---------------------------------------------------------------- cards
def draw_cards(ops: Ops, layout: MapLayout, view: str = BOTH) -> None:
    cards = {c.id: c for c in layout.map.cards}
    for geo in layout.all_cards():
        draw_card(ops, cards[geo.id], geo.rect, geo.lines, view)


def draw_card(ops: Ops, card: Card, r: Rect, lines, view: str = BOTH) -> None:
    """A card with the marks of perspective ``view`` (app.model.perspective)."""
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
    for mark in card_marks(card, w, h, view):
        draw_mark(ops, mark, x, y, fill)


def draw_mark(ops: Ops, mark: Mark, ox: float, oy: float, on: str = "#FFFFFF") -> None:
    """One footer marker (its shapes and its text as the layout made them) of a card whose
    top-left corner is at ``ox, oy`` and whose fill is ``on``, in the looks of style.MARK_LOOK."""
    for shape in mark.shapes:
        fill, outline, width = MARK_LOOK[shape.part]
        if shape.part in ("box", "gap-box", "gap"):
            fill = blend(fill, on, RATING_FILL_ALPHA)
        ops.fill(fill)
        op = "f"
        if outline:
            ops.stroke(outline)
            ops.width(width)
            op = "B"
        draw_shape(ops, shape, ox, oy, op)
    if mark.line is not None:
        ops.fill(MARK_TEXT)
        ops.lines_text(ox, oy, [mark.line])


def draw_shape(ops: Ops, shape: Shape, ox: float, oy: float, op: str = "f") -> None:
    """A mark's shape, moved by ``ox, oy``; ``op`` as for :meth:`Ops.rect`."""
    if shape.form == "polygon":
        ops.polygon([(x + ox, y + oy) for x, y in shape.points], op)
    elif shape.form == "circle":
        ((cx, cy),) = shape.points
        ops.circle(cx + ox, cy + oy, shape.radius, op)
    elif shape.radius:
        r = shape.rect
        ops.round_rect(r.x + ox, r.y + oy, r.w, r.h, shape.radius, op)
    else:
        ops.rect(*shape.rect.translated(ox, oy), op)


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


def draw_curves(ops: Ops, layout: MapLayout, view: str = BOTH) -> None:
    """The visible curves that perspective ``view`` shows; in both, first the bands where a
    persona's customer and internal curves diverge (app.model.divergence)."""
    marks = curve_divergences(layout) if view == BOTH else []
    if marks:  # the bands under the curves
        ops.fill(blend(GAP_MARK, "#FFFFFF", DIVERGENCE_ALPHA))
        for d in marks:
            ops.rect(*d.rect)
    for curve in layout.map.curves:
        if curve.visible and shows_curve(view, curve.perspective):
            geo = layout.curve(curve.id)
            if geo is not None:
                draw_curve(ops, geo)
    if marks:
        draw_divergence_labels(ops, marks)


def draw_divergence_labels(ops: Ops, marks) -> None:
    """The divergences' labels over the curves: ink on a paper box outlined in palette.GAP_MARK."""
    ops.fill("#FFFFFF")
    ops.stroke(GAP_MARK)
    ops.width(MARK_OUTLINE_W)
    for d in marks:
        ops.round_rect(*d.box, LABEL_RADIUS, "B")
    ops.fill(INK)  # the label's text reads on the paper (the orange alone would not: 3.8:1)
    ops.lines_text(0.0, 0.0, [d.line for d in marks])


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


def draw_map(ops: Ops, layout: MapLayout, *, blank: bool = False, view: str = BOTH) -> None:
    """The whole map in perspective ``view`` (app.model.perspective) or, ``blank``, only its
    frame: headers, labels, empty cells and scale."""
    draw_frame(ops, layout)
    if blank:
        return
    draw_cards(ops, layout, view)
    draw_curves(ops, layout, view)
    draw_links(ops, layout)
