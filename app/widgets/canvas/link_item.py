"""A link on the canvas: :class:`LinkItem`, its route, arrow head and label as the layout
placed them, and how much of the view a change of them repaints."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from app.model import palette, style
from app.model.geometry import LinkGeometry
from app.model.schema import Link
from app.model.style import LINK_DASH
from app.widgets.canvas.items import HIT_WIDTH, Z_LINK, MapElement
from app.widgets.canvas.link_layer import draw_links
from app.widgets.canvas.paint import (
    NO_PEN,
    pen,
    polyline_length,
    qrect,
    route_path,
)
from app.widgets.canvas.qtfonts import TextPainter
from app.widgets.plaintext import literal

RUN_PAD = 3.0  # round a link's run: its stroke, antialiasing and the rounded corners' bulge
MOVE_EPS = 1e-6  # points: a route whose points all moved down by one amount, to this, moved


def keeps_bounds(old: QRectF, new: QRectF) -> bool:
    """Whether a link whose drawing now fits ``new`` can keep the bounding rectangle ``old``:
    ``new`` lies inside it and fills at least half of it (a much larger one would make every
    repaint near the old route ask the link to paint)."""
    area = old.width() * old.height()
    return old.contains(new) and new.width() * new.height() >= area / 2


class LinkDrawing(NamedTuple):
    """What a link item draws, worked out from its route (:func:`link_drawing`) without
    touching the scene: the links routed after a frame work it out in slices, and the items
    take it at the end in one go."""

    geo: LinkGeometry
    style: tuple
    path: QPainterPath
    arrow: QPolygonF
    arrow_box: QRectF
    dash: tuple
    label_box: QRectF | None
    label_reach: QRectF | None
    marker: bool
    bounds: QRectF
    runs: list


def moved_by(before: LinkGeometry, geo: LinkGeometry) -> float | None:
    """How far ``geo`` lies below ``before`` when it is ``before`` moved straight down (or up)
    and nothing else: the same columns, the same label or marker. None otherwise. (A lane that
    grows moves every lane below it with their links: at 10,000 cards a third to three quarters
    of the ~900 links such a move names only moved down with their cards.)"""
    a, b = before.points, geo.points
    if len(a) != len(b) or not a:
        return None
    dy = b[0][1] - a[0][1]
    if not dy:
        return None
    for (ax, ay), (bx, by) in zip(a, b, strict=True):
        if ax != bx or abs(by - ay - dy) > MOVE_EPS:
            return None
    la, lb = before.label, geo.label
    if la is None or lb is None:
        return dy if la is lb else None
    ra, rb, ta, tb = la.rect, lb.rect, la.line, lb.line
    if (ra.x, ra.w, ra.h, la.number, ta._replace(y=0.0)) != (rb.x, rb.w, rb.h, lb.number, tb._replace(y=0.0)):
        return None
    return dy if abs(rb.y - ra.y - dy) <= MOVE_EPS and abs(tb.y - ta.y - dy) <= MOVE_EPS else None


def _moved(before: LinkDrawing, geo: LinkGeometry, dy: float) -> LinkDrawing:
    """``before`` moved down by ``dy`` for ``geo`` (see :func:`moved_by`): Qt moves the path and
    boxes, no route is made into a path again."""
    def box(r: QRectF | None) -> QRectF | None:
        return None if r is None else r.translated(0.0, dy)

    return before._replace(
        geo=geo, path=before.path.translated(0.0, dy), arrow=before.arrow.translated(0.0, dy),
        arrow_box=box(before.arrow_box), label_box=box(before.label_box), label_reach=box(before.label_reach),
        bounds=box(before.bounds), runs=[(x0, y0 + dy, x1, y1 + dy) for x0, y0, x1, y1 in before.runs],
    )  # fmt: skip


def link_drawing(geo: LinkGeometry, link: Link, before: LinkDrawing | None = None) -> LinkDrawing:
    """What a link's item draws of ``geo``. ``before``: what it drew until now; when ``geo`` is
    that moved straight down (a lane above grew), it is moved rather than made again."""
    if before is not None and before.style == (link.kind, link.label):
        dy = moved_by(before.geo, geo)
        if dy is not None:
            return _moved(before, geo, dy)
    path = route_path(geo.start, geo.segments)
    arrow = QPolygonF([QPointF(*p) for p in geo.arrow])
    arrow_box = arrow.boundingRect()
    bounds = path.boundingRect().united(arrow_box)
    label_box = label_reach = None
    marker = False
    if geo.label is not None:
        label_box = qrect(geo.label.rect)
        label_reach = label_box.adjusted(-1, -1, 1, 1)
        marker = geo.label.line.role == "marker"
        bounds = bounds.united(label_box)
    bounds = bounds.adjusted(-2, -2, 2, 2)
    # what the link really covers: its runs (a map-wide route's bounding rectangle is most of
    # the map, so a repaint anywhere would otherwise stroke every such link)
    pts = geo.points
    runs = [
        (min(a[0], b[0]) - RUN_PAD, min(a[1], b[1]) - RUN_PAD, max(a[0], b[0]) + RUN_PAD, max(a[1], b[1]) + RUN_PAD)
        for a, b in zip(pts, pts[1:], strict=False)
    ]
    for extra in (arrow_box, label_box):
        if extra is not None:
            runs.append((extra.left() - 2, extra.top() - 2, extra.right() + 2, extra.bottom() + 2))
    return LinkDrawing(
        geo, (link.kind, link.label), path, arrow, arrow_box, LINK_DASH.get(link.kind, ()), label_box, label_reach,
        marker, bounds, runs,
    )  # fmt: skip


class LinkItem(MapElement, QGraphicsRectItem):
    """A link from card to card: its route (runs along the gutters joined by rounded corners),
    a filled arrow head, and its label, or a numbered marker whose label is in the map's key.

    A route is a handful of straight runs and small corners, so it is stroked whole however
    long it is: a 140,000-point route shown zoomed in at 8x takes 0.16 ms (cutting it to the
    view took 0.11 ms, and 40 % longer over a whole PNG export of 4,000 links).

    Its bounding rectangle is Qt's own (a rectangle item without a pen, see CardItem): the scene
    has no index, so Qt asks every link for it at every repaint (~700 calls a frame at 5,000
    cards when they went into Python). It is what clicks, the hover and the tooltip find; Qt
    never asks it to paint (``ItemHasNoContents``): the scene's
    :class:`~app.widgets.canvas.link_layer.LinkLayer` draws the links a repaint reaches in one
    call."""

    kind = "link"
    LINE_W = style.LINK_W  # 1.0: Qt strokes lines up to one pixel wide several times faster

    def __init__(self, geo: LinkGeometry, link: Link):
        QGraphicsRectItem.__init__(self)
        self._identify(geo.id)
        self.setPen(NO_PEN)
        self.setZValue(Z_LINK)
        # drawn by the scene's LinkLayer (link_layer): Qt never calls paint itself
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self._tip = False  # whether a tooltip is set
        self._skipped = False  # a repaint left it out while its route waited (link_layer)
        self.set_geometry(geo, link)

    def looks_same(self, geo: LinkGeometry, link: Link) -> bool:
        return not self._skipped and geo == self.geo and (link.kind, link.label) == self.style

    def set_geometry(self, geo: LinkGeometry, link: Link, drawing: LinkDrawing | None = None) -> None:
        """Follow a change. Repaints what the link covered and covers now, run by run (a
        map-wide route's bounding rectangle is most of the view, and a label pushed down by a
        card added above it would otherwise repaint all of it); the bounding rectangle changes
        (and the old and new ones are repainted whole) only when the link leaves it or shrinks
        well inside it. The item has no contents for Qt (the scene's LinkLayer draws it), so
        every repaint here is asked of the scene. ``drawing``: :func:`link_drawing` of the same ``geo`` and ``link``, worked
        out before (the links routed after a frame do it in slices)."""
        if drawing is None or drawing.geo is not geo or drawing.style != (link.kind, link.label):
            drawing = link_drawing(geo, link, getattr(self, "drawing", None))
        self.drawing = drawing
        old = getattr(self, "geo", None)
        old_style = getattr(self, "style", None)
        old_label = getattr(self, "label_box", None)
        old_runs = getattr(self, "_runs", ())
        self.geo = geo
        self.style = drawing.style
        self.path = drawing.path
        self._lines: list | None = None  # the route as straight lines, for a picture's bands
        self.arrow = drawing.arrow
        arrow_box = drawing.arrow_box
        self._arrow_box = arrow_box.adjusted(-1, -1, 1, 1)  # with its antialiasing (see paint)
        self.dash = drawing.dash
        self._themed: tuple | None = None
        self.label_box = drawing.label_box
        self._label_reach = drawing.label_reach  # the label box with its outline's antialiasing
        self.marker = drawing.marker
        if self.marker or self._tip:  # most links never have one: no Qt call for them
            self.setToolTip(literal(link.label) if self.marker else "")
            self._tip = self.marker
        bounds = drawing.bounds
        self.box = (bounds.left(), bounds.top(), bounds.right(), bounds.bottom())  # (LinkLayer)
        runs = drawing.runs
        self._runs = runs
        self._shape: QPainterPath | None = None
        # only the label moved or changed (another kind is another pen: the whole route is drawn
        # again; a solid link made dashed repainted its label alone)
        moved_label = (
            old is not None
            and old_style is not None
            and old_style[0] == drawing.style[0]
            and (old.start, old.segments, old.arrow) == (geo.start, geo.segments, geo.arrow)
        )
        # a link left out of repaints while it waited is drawn again wherever it is (in full)
        skipped, self._skipped = self._skipped, False
        scene = self.scene()
        partial = not skipped and scene is not None and keeps_bounds(self.rect(), bounds)
        if partial and moved_label and old_label is not None and self.label_box is not None:
            # only the label moved (placed again round a card that came near it): repaint the
            # two label boxes
            scene.update(old_label.united(self.label_box).adjusted(-2, -2, 2, 2))
        elif partial and old_runs:
            # a new route inside the old bounds: repaint its old and new runs, each on its own
            # (the scene keeps them apart; an item's own update rectangles are united into one)
            for x0, y0, x1, y1 in (*old_runs, *runs):
                scene.update(QRectF(x0, y0, x1 - x0, y1 - y0))
        else:
            before = self.rect()
            self.setRect(bounds)
            if scene is not None:  # (Qt repaints nothing for an item without contents)
                scene.update(before)
                scene.update(bounds)

    def repaint(self) -> None:
        """Ask the scene to repaint all the link covers (it has no contents of its own for Qt)."""
        scene = self.scene()
        if scene is not None:
            scene.update(self.rect())
    @property
    def length(self) -> float:
        """The route's length in points."""
        return polyline_length(list(self.geo.points))

    def meets(self, area: QRectF) -> bool:
        """Whether anything of the link lies in ``area`` (its runs, arrow head or label)."""
        return self.reaches(area.left(), area.top(), area.right(), area.bottom())

    def reaches(self, left: float, top: float, right: float, bottom: float) -> bool:
        """:meth:`meets` for a box given by its edges (the link layer asks for each link a
        repaint's box meets: its bounding box meets most repaints near a long route)."""
        for x0, y0, x1, y1 in self._runs:  # (a loop: ~200 links a frame ask, most say yes early)
            if x0 <= right and left <= x1 and y0 <= bottom and top <= y1:
                return True
        return False

    def theme_changed(self) -> None:
        self._themed = None
        self.repaint()

    def themed(self) -> tuple:
        """(line pen, line colour, label box colour, label or None) in the theme's colours."""
        if self._themed is None:
            theme = self.theme
            label = None
            if self.geo.label is not None:
                ink = theme.paper if self.marker else theme.text(palette.INK, theme.paper)
                label = TextPainter([self.geo.label.line], default=ink)
            line_pen = pen(theme.link, self.LINE_W, dash=self.dash)
            self._themed = (line_pen, theme.link, theme.paper, label)
        return self._themed

    def shape(self) -> QPainterPath:
        """The stroke (a few points wide), the arrow head and the label: what a click picks,
        so a link over a card does not steal the card's clicks."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            shape = stroker.createStroke(self.path)
            shape.addPolygon(self.arrow)
            if self.label_box is not None:
                shape.addRect(self.label_box)
            self._shape = shape.simplified()
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Draw the link alone (the scene's LinkLayer draws the links; Qt never calls this)."""
        draw_links(painter, (self,), option.exposedRect, widget, getattr(self.scene(), "late", None))
