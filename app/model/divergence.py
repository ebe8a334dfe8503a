"""Where a persona's customer-reported and internal-assumption emotion curves diverge: the
stages at which the two lie :data:`~app.model.perspective.GAP_MIN` points or more apart, each
with a band between the two curves and a label ("gap 3"), computed here once so that the canvas
and the PDF draw the same marks (in the perspective "both": app.model.perspective).

The curves are compared where they are drawn: at each point of either curve in a stage, the
value of each curve is read off its drawn path (the layout's cubic segments, whose x runs
evenly along each segment, so the height at an x is exact), never extrapolated past a curve's
first or last point. A stage's divergence is its largest difference; the band stands at that x,
from one curve to the other. Only visible curves count; a persona's every customer curve is
compared with its every internal curve (the legend keeps one of each). Pure Python, no Qt.
"""

from __future__ import annotations

from typing import NamedTuple

from . import fonts
from .geometry import CurveGeometry, Rect, TextLine
from .perspective import GAP_MIN
from .schema import Perspective
from .textlayout import SMALL_SIZE, text_line

BAND_W = 6.0  # the band's width (points)
LABEL_DX = 3.0  # the label's start right of the band
LABEL_BASELINE = 0.36  # the label's baseline below the band's middle, in font sizes
LABEL_PAD, LABEL_RADIUS = 2.0, 2.0  # the label's box (paper, drawn over the curves): padding, corners
EPS = 1e-9


class Divergence(NamedTuple):
    """One stage where two curves of a persona diverge: the curves, the values at ``x`` (map
    points), the gap, the band (``rect``, from one curve to the other, drawn under the curves)
    and its label (``line``) in its box (``box``, drawn over the curves so that it reads)."""

    persona_id: str | None
    stage_id: str
    customer_id: str
    internal_id: str
    x: float
    customer: float
    internal: float
    gap: float
    rect: Rect
    line: TextLine
    box: Rect


def y_at(geo: CurveGeometry, x: float) -> float | None:
    """The height of the drawn curve at map ``x`` (None outside its first and last points)."""
    pts = geo.points
    if not pts or x < pts[0].x - EPS or x > pts[-1].x + EPS:
        return None
    for i, p in enumerate(pts):
        if abs(p.x - x) <= EPS:
            return p.y
        if i + 1 < len(pts) and p.x < x < pts[i + 1].x:
            (c1, c2, end), x0 = geo.segments[i], p.x
            t = (x - x0) / (end[0] - x0)  # the segment's x is linear in t (controls at thirds)
            u = 1 - t
            return u * u * u * p.y + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * end[1]
    return None


def value_at(layout, geo: CurveGeometry, x: float) -> float | None:
    """The curve's emotion value at map ``x``: a point's own value there, else read off the
    drawn path (None outside the curve)."""
    for p in geo.points:
        if abs(p.x - x) <= EPS:
            return p.value
    y = y_at(geo, x)
    return None if y is None else layout.y_value(y)


def _label_box(line: TextLine) -> Rect:
    """The box round a label line: its text's width and the font's height, padded."""
    w = fonts.chain(line.bold).width(line.text, line.size)
    top = line.y - line.size * 0.8 - LABEL_PAD / 2
    return Rect(line.x - LABEL_PAD, top, w + 2 * LABEL_PAD, line.size + LABEL_PAD)


def _gap_label(gap: float) -> str:
    return f"gap {round(gap, 1):g}"


def stage_divergence(layout, customer: CurveGeometry, internal: CurveGeometry, stage_id: str):
    """(x, customer value, internal value) where the two curves are farthest apart in the
    stage, or None where they share no point of it."""
    r = layout.stage_rect(stage_id)
    xs = sorted({p.x for geo in (customer, internal) for p in geo.points if r.x <= p.x <= r.right})
    best = None
    for x in xs:
        vc, vi = value_at(layout, customer, x), value_at(layout, internal, x)
        if vc is None or vi is None:
            continue
        if best is None or abs(vc - vi) > abs(best[1] - best[2]) + EPS:
            best = (x, vc, vi)
    return best


def curve_divergences(layout) -> list[Divergence]:
    """Every stage (in map order, persona by persona) where a persona's visible customer and
    internal curves are :data:`GAP_MIN` points or more apart, with its band and label."""
    m = layout.map
    visible = [c for c in m.curves if c.visible]
    out: list[Divergence] = []
    for cc in (c for c in visible if c.perspective is Perspective.CUSTOMER):
        for ci in (
            c for c in visible if c.perspective is Perspective.INTERNAL and c.persona_id == cc.persona_id
        ):
            gc, gi = layout.curve(cc.id), layout.curve(ci.id)
            if gc is None or gi is None:
                continue
            for sid in layout.stage_ids:
                found = stage_divergence(layout, gc, gi, sid)
                if found is None:
                    continue
                x, vc, vi = found
                gap = abs(vc - vi)
                if gap < GAP_MIN - EPS:
                    continue
                top, bottom = sorted((layout.value_y(vc), layout.value_y(vi)))
                rect = Rect(x - BAND_W / 2, top, BAND_W, bottom - top)
                baseline = rect.cy + SMALL_SIZE * LABEL_BASELINE
                line = text_line(
                    _gap_label(gap), rect.right + LABEL_DX + LABEL_PAD, baseline, SMALL_SIZE, True, "gap"
                )
                box = _label_box(line)
                out.append(Divergence(cc.persona_id, sid, cc.id, ci.id, x, vc, vi, gap, rect, line, box))
    return out


__all__ = [
    "BAND_W",
    "LABEL_RADIUS",
    "Divergence",
    "curve_divergences",
    "stage_divergence",
    "value_at",
    "y_at",
]
