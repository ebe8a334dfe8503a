"""The links' drawing: one scene item, :class:`LinkLayer`, that paints every link a repaint
reaches, in one call from Qt.

A :class:`~app.widgets.canvas.link_item.LinkItem` stays the link's item for everything but
drawing (clicks, hover, its tooltip, what the scene names when it changes) and is flagged
``ItemHasNoContents``, so Qt never asks it to paint. Qt's own call into Python for one item
costs ~18 us however little the item draws (the option and painter handed over, the item's
transform set up), and a long link's bounding rectangle meets most repaints near it: a typed
note's frame at 5,000 cards reached ~190 links, ~3.5 ms of calls before anything was drawn
(measured: that repaint took 5.2 ms with the links, 0.5 ms with them flagged out). The layer
makes one call per repaint and draws the links whose runs meet the exposed rectangle
(:func:`draw_links`): their routes, then their arrow heads, then their labels on top, as the
PDF does, each pass with as few changes of pen and brush as the links allow. A link waiting to
be routed after the frame is left out (``late_links``) and noted as skipped.

Qt repaints nothing for an item without contents, so a link asks the scene to repaint what it
covered and covers (``LinkItem.set_geometry``, ``repaint``); the scene does when it adds or
removes one.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from app.widgets.canvas.items import Z_LINK, level_of_detail
from app.widgets.canvas.paint import (
    NO_PEN,
    brush,
    draw_lines_in,
    pen,
    route_lines,
    segment_pen,
    strokes_as_segments,
)

REACH = 1.0e6  # points each way: more than any map (a page side caps at 5 m, 14,400 pt)


class LinkLayer(QGraphicsItem):
    """Draws the links of ``links`` (the scene's table of link items, id -> LinkItem)."""

    def __init__(self, links: dict):
        super().__init__()
        self.links = links
        self.setZValue(Z_LINK)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # a fixed rectangle: a geometry change would repaint all of it (the whole map)
        self._bounds = QRectF(-REACH, -REACH, 2 * REACH, 2 * REACH)
        self._empty = QPainterPath()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._empty  # never under the mouse: clicks and hover go to the links' own items

    def paint(self, painter, option, widget=None) -> None:
        scene = self.scene()
        late = getattr(scene, "late", None)
        draw_links(painter, self.links.values(), option.exposedRect, widget, late)


def draw_links(painter: QPainter, items, exposed: QRectF, widget=None, late=None) -> None:
    """Draw the link items of ``items`` that reach ``exposed`` (scene points): routes, then arrow
    heads, then labels. ``widget``: the view's viewport, None in a picture's band (lines wider
    than a pixel are then cut to the band and drawn as segments). ``late``: the scene's links
    routed after the frame; those waiting are not drawn (their routes are out of date) but
    marked ``_skipped``, and drawn in full once routed."""
    left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
    waiting = (late.pending, late.ready) if late is not None and (late.pending or late.ready) else None
    shown = []
    for item in items:
        x0, y0, x1, y1 = item.box
        if x0 > right or left > x1 or y0 > bottom or top > y1 or not item.reaches(left, top, right, bottom):
            continue
        if waiting is not None and (item.ident in waiting[0] or item.ident in waiting[1]):
            item._skipped = True  # drawn in full when the scene routes it, after the frame
            continue
        if item.isVisible():
            shown.append(item)
    if not shown:
        return
    painter.setBrush(Qt.BrushStyle.NoBrush)
    current = None
    cut = None  # a picture's band: the exposed part of it, for lines drawn as segments
    for item in shown:
        line_pen, colour = (item._themed or item.themed())[:2]
        if widget is None and strokes_as_segments(painter, line_pen):
            if cut is None:
                cut = exposed.intersected(painter.clipBoundingRect()) if painter.hasClipping() else exposed
            if item._lines is None:
                item._lines = route_lines(item.geo.start, item.geo.segments)
            draw_lines_in(painter, item._lines, cut, segment_pen(colour, item.LINE_W))
            current = None
            continue
        if line_pen is not current:
            painter.setPen(line_pen)
            current = line_pen
        painter.drawPath(item.path)
    # the arrow heads and labels only where the repaint reaches them (a long link crosses many
    # repaints that show neither: at 100 % a repaint of the view at 10,000 cards drew ~190
    # arrow heads and ~65 labels of links crossing it, most of them elsewhere)
    painter.setPen(NO_PEN)
    fill = None
    for item in shown:
        if item._arrow_box.intersects(exposed):
            colour = item._themed[1]
            if colour != fill:
                painter.setBrush(brush(colour))
                fill = colour
            painter.drawPolygon(item.arrow)
    lod = None
    for item in shown:
        _, colour, paper, label = item._themed
        if label is not None and item._label_reach.intersects(exposed):
            box = item.label_box
            painter.setBrush(brush(colour if item.marker else paper))
            painter.setPen(pen(colour, 0.5))
            radius = box.height() / 2 if item.marker else 2
            painter.drawRoundedRect(box, radius, radius)
            if lod is None:
                lod = level_of_detail(painter)
            label.paint(painter, lod)
