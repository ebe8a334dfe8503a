"""Small Qt drawing helpers shared by the canvas items (and the PNG/SVG exporter): colours,
pens, the card marks' shapes as the layout makes them, and the emotion markers, in map points."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

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
CORNER_LINES = 4  # chords per rounded corner of a link drawn as lines


def strokes_as_segments(painter: QPainter, pen: QPen) -> bool:
    """Whether :func:`draw_lines_in` should draw lines of ``pen`` on ``painter``: a solid pen
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
    """A solid pen with flat caps for :func:`draw_lines_in` (Qt's fast path for lines takes
    flat or square caps; flat ones joined the segments closer to the stroked curve than square
    ones, whose overlaps darken the edge at each joint). Treat as read-only."""
    p = QPen(qcolor(hex_colour), width)
    p.setCapStyle(Qt.PenCapStyle.FlatCap)
    return p


def route_lines(start: Point, segments) -> list[tuple[float, float, float, float]]:
    """A link's route as straight lines (x0, y0, x1, y1): its runs as they are, each corner
    (a quarter circle of a few points) as :data:`CORNER_LINES` chords, within a fifth of a
    pixel at 150 dpi."""
    out = []
    x, y = start
    for seg in segments:
        if len(seg) == 1:
            (ex, ey) = seg[0]
            out.append((x, y, ex, ey))
        else:
            (ax, ay), (bx, by), (ex, ey) = seg
            px, py = x, y
            for i in range(1, CORNER_LINES + 1):
                t = i / CORNER_LINES
                u = 1 - t
                qx = u * u * u * x + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * ex
                qy = u * u * u * y + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * ey
                out.append((px, py, qx, qy))
                px, py = qx, qy
        x, y = seg[-1]
    return out


def draw_lines_in(painter: QPainter, lines, area: QRectF, pen: QPen) -> None:
    """Stroke ``lines`` (from :func:`route_lines`) with ``pen`` in one ``drawLines`` call: those
    that meet ``area``, axis-parallel ones cut to it (a long link crosses many bands of a PNG,
    and each band would otherwise stroke all of it)."""
    left, top, right, bottom = area.left() - 2, area.top() - 2, area.right() + 2, area.bottom() + 2
    runs, chords = [], []
    for x0, y0, x1, y1 in lines:
        if max(x0, x1) < left or min(x0, x1) > right or max(y0, y1) < top or min(y0, y1) > bottom:
            continue
        if y0 == y1:
            x0, x1 = (max(x0, left), min(x1, right)) if x0 <= x1 else (min(x0, right), max(x1, left))
            runs += (QPointF(x0, y0), QPointF(x1, y1))
        elif x0 == x1:
            y0, y1 = (max(y0, top), min(y1, bottom)) if y0 <= y1 else (min(y0, bottom), max(y1, top))
            runs += (QPointF(x0, y0), QPointF(x1, y1))
        else:
            chords += (QPointF(x0, y0), QPointF(x1, y1))
    painter.setPen(pen)
    if chords:
        painter.drawLines(chords)
    if runs:  # level and upright runs two pixels wide need no antialiasing, and draw far faster without
        smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawLines(runs)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)


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
    line, cubic = path.lineTo, path.cubicTo  # the overloads of plain numbers: no QPointF each
    for seg in segments:
        if len(seg) == 1:
            line(*seg[0])
        else:
            (ax, ay), (bx, by), (ex, ey) = seg
            cubic(ax, ay, bx, by, ex, ey)
    return path


def polyline_length(points: list[Point]) -> float:
    return sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))
