"""Small Qt drawing helpers shared by the canvas items (and the PNG/SVG exporter): colours,
pens, the card marks' shapes as the layout makes them, and the emotion markers, in map points."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from app.model.geometry import Rect, Shape


@cache
def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    """A QColor for ``"#RRGGBB"`` (cached; treat it as read-only)."""
    c = QColor(hex_colour) if hex_colour else QColor("#000000")
    if alpha != 255:
        c.setAlpha(alpha)
    return c


@cache
def brush(hex_colour: str, alpha: int = 255) -> QBrush:
    return QBrush(qcolor(hex_colour, alpha))


@cache
def pen(
    hex_colour: str, width: float, *, cosmetic: bool = False, dash: tuple[float, ...] = (), alpha: int = 255
) -> QPen:
    """A pen ``width`` points wide (or pixels if cosmetic); ``dash`` in points, as the layout
    gives it (cached; treat it as read-only)."""
    p = QPen(qcolor(hex_colour, alpha), width)
    p.setCosmetic(cosmetic)
    p.setCapStyle(Qt.PenCapStyle.FlatCap if dash else Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        p.setDashPattern([d / width for d in dash])  # Qt counts dashes in pen widths
    return p


NO_PEN = QPen(Qt.PenStyle.NoPen)
FLATTEN = 4.0  # curves become segments within 1/8 device pixel (Qt flattens to 1/2 px: here at 4x)


def strokes_as_segments(painter: QPainter, pen: QPen) -> bool:
    """Whether :func:`stroke_segments` should draw lines of ``pen`` on ``painter``: a solid pen
    wider than one device pixel, drawn into a picture (a PNG export's band). Such a line through
    ``drawPath`` takes Qt's general antialiased stroker, about 3.5x slower than straight segments
    through ``drawLines`` (a line of one pixel or less under a uniform scale takes Qt's faster
    thin-line path either way). The canvas is left as it is."""
    if pen.style() != Qt.PenStyle.SolidLine or not isinstance(painter.device(), QImage):
        return False
    t = painter.worldTransform()
    return pen.widthF() * math.sqrt(abs(t.determinant())) > 1.0


@cache
def segment_pen(hex_colour: str, width: float) -> QPen:
    """A solid pen with flat caps for :func:`stroke_segments` (Qt's fast path for lines takes
    flat or square caps; flat ones joined the segments closer to the stroked curve than square
    ones, whose overlaps darken the edge at each joint). Treat as read-only."""
    p = QPen(qcolor(hex_colour), width)
    p.setCapStyle(Qt.PenCapStyle.FlatCap)
    return p


def stroke_segments(painter: QPainter, path: QPainterPath, pen: QPen) -> None:
    """Stroke ``path`` with ``pen`` (solid) as straight segments in one ``drawLines`` call per
    subpath: the curves are flattened in device space (within 1/:data:`FLATTEN` of Qt's half
    pixel) and mapped back, so the width and the antialiasing are the painter's as usual."""
    fine = painter.worldTransform() * QTransform.fromScale(FLATTEN, FLATTEN)
    back, ok = fine.inverted()
    if not ok:
        return
    painter.setPen(pen)
    for poly in path.toSubpathPolygons(fine):
        points = list(back.map(poly))
        if len(points) < 2:
            continue
        pairs = [None] * (2 * len(points) - 2)  # p0 p1, p1 p2, ...: drawLines takes pairs
        pairs[0::2] = points[:-1]
        pairs[1::2] = points[1:]
        painter.drawLines(pairs)


def qrect(r: Rect, dx: float = 0.0, dy: float = 0.0) -> QRectF:
    return QRectF(r.x + dx, r.y + dy, r.w, r.h)


def triangle(cx: float, cy: float, r: float, up: bool = True) -> QPolygonF:
    """An equilateral triangle of circumradius ``r`` pointing up (or down), centred on (cx, cy)."""
    s = 1 if up else -1
    h = r * math.sqrt(3) / 2
    return QPolygonF(
        [QPointF(cx, cy - s * r), QPointF(cx + h, cy + s * r / 2), QPointF(cx - h, cy + s * r / 2)]
    )


def add_shape(path: QPainterPath, shape: Shape) -> QPainterPath:
    """Add a mark's shape as the layout made it (app.model.geometry.Shape) to ``path``."""
    if shape.form == "polygon":
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        path.closeSubpath()
    elif shape.form == "circle":
        ((cx, cy),) = shape.points
        path.addEllipse(QPointF(cx, cy), shape.radius, shape.radius)
    elif shape.radius:
        path.addRoundedRect(qrect(shape.rect), shape.radius, shape.radius)
    else:
        path.addRect(qrect(shape.rect))
    return path


def marker(shape: str, x: float, y: float, r: float) -> QPainterPath:
    """The emotion marker at (x, y): "up" / "down" triangle or "circle"."""
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(x, y), r * 0.8, r * 0.8)
    else:
        # a triangle's centroid sits on the point, so up and down markers look balanced
        path.addPolygon(triangle(x, y, r, up=shape == "up"))
        path.closeSubpath()
    return path


Point = tuple[float, float]


def route_path(start: Point, segments) -> QPainterPath:
    """A link's route as a path: lines ``(end,)`` and cubics ``(c1, c2, end)``."""
    path = QPainterPath(QPointF(*start))
    for seg in segments:
        if len(seg) == 1:
            path.lineTo(QPointF(*seg[0]))
        else:
            path.cubicTo(QPointF(*seg[0]), QPointF(*seg[1]), QPointF(*seg[2]))
    return path


def polyline_length(points: list[Point]) -> float:
    return sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))
