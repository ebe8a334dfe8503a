"""The importance-versus-performance matrix as a page of the PDF (``PrintOptions.matrix``): the
chart :func:`app.model.matrix.matrix_chart` computes, drawn with reportlab, so the page shows
the placement the editor's Analysis dock shows. The chart is laid out at :data:`CHART_W` points
wide with the page's proportions and scaled to fill the page inside its margin."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.model.matrix import (
    ARROW_COLOUR,
    CUSTOMER_COLOUR,
    INTERNAL_COLOUR,
    INTERNAL_DASH,
    TEXT_COLOURS,
    MatrixChart,
    View,
    matrix_chart,
)
from app.model.palette import GRID, INK, MUTED
from app.model.schema import Map

from .ops import Ops

CHART_W = 960.0  # points: the chart's own width before it is scaled to the page
PAGE_MARGIN = 36.0  # points (half an inch) round the chart


def draw_chart(ops: Ops, chart: MatrixChart) -> None:
    """``chart`` in its own coordinates (y down; the caller sets the transform)."""
    for box in chart.boxes:
        ops.fill(box.fill)
        ops.rect(box.rect.x, box.rect.y, box.rect.w, box.rect.h)
    p = chart.plot
    ops.width(1.0)
    ops.stroke(GRID)
    ops.rect(p.x, p.y, p.w, p.h, "S")
    ops.stroke(MUTED)
    cx, cy = chart.cross
    ops.lines([(cx, p.y, cx, p.bottom), (p.x, cy, p.right, cy), *chart.ticks])
    ops.width(1.2)
    ops.stroke(ARROW_COLOUR)
    ops.fill(ARROW_COLOUR)
    for ar in chart.arrows:
        ops.line(ar.x1, ar.y1, ar.x2, ar.y2)
        ops.polygon(ar.head)
    for mk in chart.markers:
        if mk.perspective == "customer":
            ops.width(1.0)
            ops.fill(CUSTOMER_COLOUR)
            ops.stroke("#FFFFFF")
            ops.circle(mk.x, mk.y, mk.r, "B")
        else:
            ops.width(1.2)
            ops.fill("#FFFFFF")
            ops.stroke(INTERNAL_COLOUR)
            ops.dash(INTERNAL_DASH)
            ops.circle(mk.x, mk.y, mk.r, "B")
            ops.dash()
    texts = [*chart.lines, *(b.label for b in chart.boxes), *(mk.label for mk in chart.markers)]
    by_colour: dict[str, list] = {}
    for line in texts:
        by_colour.setdefault(TEXT_COLOURS.get(line.role, INK), []).append(line)
    for colour, lines in by_colour.items():
        ops.fill(colour)
        ops.lines_text(0.0, 0.0, lines)
    ops.fill(INK)
    ops.begin_text()
    ops.text(0.0, 0.0, chart.y_title, vertical=True)
    ops.end_text()


def render_matrix_page(canvas: Canvas, m: Map, view: View | str, page_w: float, page_h: float) -> Ops:
    """The matrix of ``m`` in ``view`` as a new page of ``page_w`` x ``page_h`` points (and end
    the page). Trim and bleed boxes of a poster page before it do not carry over."""
    canvas.setPageSize((page_w, page_h))
    canvas.setTrimBox(None)
    canvas.setBleedBox(None)
    avail_w, avail_h = max(page_w - 2 * PAGE_MARGIN, 72.0), max(page_h - 2 * PAGE_MARGIN, 72.0)
    chart = matrix_chart(m, view, CHART_W, CHART_W * avail_h / avail_w)
    s = avail_w / CHART_W
    ops = Ops(canvas)
    ops.save()
    ops.transform(s, 0, 0, -s, PAGE_MARGIN, page_h - PAGE_MARGIN)
    draw_chart(ops, chart)
    ops.restore()
    ops.flush()
    canvas.showPage()
    return ops
