"""Draw a :class:`~app.model.matrix.MatrixChart` with a QPainter, in chart points: the widget,
the PNG and the SVG all go through :func:`paint_chart` (the PDF page draws the same geometry
with reportlab). Text is drawn run by run with the layout's own fonts (plain text, never markup)."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from app.model.matrix import (
    ARROW_COLOUR,
    CUSTOMER_COLOUR,
    INTERNAL_COLOUR,
    INTERNAL_DASH,
    TEXT_COLOURS,
    MatrixChart,
)
from app.model.palette import GRID, INK, MUTED, TRUTH_MARK, blend
from app.widgets.canvas.qtfonts import TextPainter

SELECTED_COLOUR = TRUTH_MARK  # a ring round the markers of the cards selected on the map


def _rect(r) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def paint_chart(
    p: QPainter, chart: MatrixChart, selected: Collection[str] = (), background: bool = True
) -> None:
    """Paint ``chart`` at the painter's origin (one chart point = one painter unit)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if background:
        p.fillRect(QRectF(0, 0, chart.width, chart.height), QColor("#FFFFFF"))
    for box in chart.boxes:
        p.fillRect(_rect(box.rect), QColor(box.fill))
    plot = _rect(chart.plot)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(GRID), 1.0))
    p.drawRect(plot)
    p.setPen(QPen(QColor(MUTED), 1.0))
    cx, cy = chart.cross
    p.drawLine(QLineF(cx, plot.top(), cx, plot.bottom()))
    p.drawLine(QLineF(plot.left(), cy, plot.right(), cy))
    p.drawLines([QLineF(*t) for t in chart.ticks])

    arrow_pen = QPen(QColor(ARROW_COLOUR), 1.2)
    for ar in chart.arrows:
        p.setPen(arrow_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawLine(QLineF(ar.x1, ar.y1, ar.x2, ar.y2))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(ARROW_COLOUR))
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in ar.head]))

    customer_pen = QPen(QColor("#FFFFFF"), 1.0)
    internal_pen = QPen(QColor(INTERNAL_COLOUR), 1.2)
    internal_pen.setDashPattern([v / 1.2 for v in INTERNAL_DASH])
    ring = QPen(QColor(SELECTED_COLOUR), 2.5)
    for mk in chart.markers:
        centre = QPointF(mk.x, mk.y)
        if mk.card_id in selected:
            p.setPen(ring)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(centre, mk.r + 2.5, mk.r + 2.5)
        if mk.perspective == "customer":
            p.setPen(customer_pen)
            p.setBrush(QBrush(QColor(CUSTOMER_COLOUR)))
        else:
            p.setPen(internal_pen)
            p.setBrush(QBrush(QColor("#FFFFFF")))
        p.drawEllipse(centre, mk.r, mk.r)

    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(blend(SELECTED_COLOUR, "#FFFFFF", 0.25)))
    for card_id, r in chart.key:  # the selected cards' rows in the key
        if card_id in selected:
            p.drawRect(QRectF(r.x - 3, r.y, r.w + 3, r.h))
    texts = [*chart.lines, *(b.label for b in chart.boxes), *(mk.label for mk in chart.markers)]
    TextPainter(texts, TEXT_COLOURS, INK).paint(p)
    p.translate(chart.y_title.x, chart.y_title.y)
    p.rotate(-90)
    TextPainter([chart.y_title._replace(x=0.0, y=0.0)], TEXT_COLOURS, INK).paint(p)
    p.restore()
