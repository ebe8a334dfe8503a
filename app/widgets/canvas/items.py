"""The canvas items: one QGraphicsItem per model element, each drawing what the layout computed.

Every item carries its element's id in ``data(0)`` (a cell: the ``(stage_id, lane_id)`` pair)
and its kind in ``data(1)`` ("card", "cell", "stage", "lane", "curve", "link", "title",
"corner", "visibility"). Items never compute geometry: the scene hands them the layout's
rectangles, lines and paths. Drawing objects (paths, pens, prepared text) are made on the first
paint after a change and reused by every paint until the next change.

Level of detail: text smaller than :data:`TEXT_MIN_PX` device pixels is not drawn, and cards
seen that small become plain coloured blocks, so a 10,000-card map zoomed out paints fast.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.model import palette, style
from app.model.geometry import (
    BoxGeometry,
    CardGeometry,
    CurveGeometry,
    LinkGeometry,
    Rect,
    ScaleGeometry,
    VisibilityGeometry,
)
from app.model.layout import BODY_SIZE, STRIPE_W, card_marks
from app.model.perspective import BOTH
from app.model.schema import Card, Link
from app.model.style import CARD_RADIUS, LINK_DASH
from app.widgets.canvas.paint import (
    NO_PEN,
    add_shape,
    brush,
    draw_lines_in,
    marker,
    pen,
    polyline_length,
    qcolor,
    qrect,
    route_lines,
    route_path,
    segment_pen,
    strokes_as_segments,
)
from app.widgets.canvas.qtfonts import TextPainter, text_width
from app.widgets.canvas.theme import LIGHT, CanvasTheme
from app.widgets.plaintext import literal

TEXT_MIN_PX = 3.0  # text smaller than this on screen is not drawn
CARD_DETAIL_LOD = TEXT_MIN_PX / BODY_SIZE  # below this zoom a card is a plain coloured block

# stacking order of the top-level items (cards are children of their cells)
Z_CELL, Z_HEADER, Z_VISIBILITY, Z_CURVE, Z_LINK = 0.0, 10.0, 15.0, 20.0, 25.0


def level_of_detail(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class MapItem(QGraphicsItem):
    """An item standing for one model element (``ident``) of one ``kind``. It draws the model's
    colours through its scene's canvas :attr:`theme` (app.widgets.canvas.theme)."""

    kind = ""

    def __init__(self, ident, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.ident = ident
        self.setData(0, ident)
        self.setData(1, self.kind)

    @property
    def theme(self) -> CanvasTheme:
        """The scene's canvas theme (the light one outside a themed scene)."""
        return getattr(self.scene(), "theme", LIGHT)

    def theme_changed(self) -> None:
        """The scene's theme changed: drop what was made in the old colours and repaint."""
        self.update()


# ---------------------------------------------------------------------- boxes
class BoxItem(MapItem):
    """A filled rectangle with a border and lines of text: headers, the title band, the corner."""

    def __init__(self, ident, box: BoxGeometry, fill: str, accent: str = ""):
        super().__init__(ident)
        self.setZValue(Z_HEADER)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._rect = QRectF()
        self.set_box(box, fill, accent)

    def set_box(self, box: BoxGeometry, fill: str, accent: str = "") -> None:
        r = box.rect
        if r.w != self._rect.width() or r.h != self._rect.height():
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, r.w, r.h)
        self.setPos(r.x, r.y)
        self.box, self.fill, self.accent = box, fill, accent
        self._text: TextPainter | None = None
        self.update()

    @property
    def lines(self):
        return self.box.lines

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def theme_changed(self) -> None:
        self._text = None
        self.update()

    def paint_text(self, painter: QPainter, theme: CanvasTheme) -> None:
        if self._text is None:
            colours = theme.header_text(self.fill)
            self._text = TextPainter(self.box.lines, colours, default=colours["header"])
        self._text.paint(painter, level_of_detail(painter))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self.theme
        painter.fillRect(self._rect, qcolor(theme.surface(self.fill)))
        if self.accent:
            self.paint_accent(painter, qcolor(theme.accent(self.accent)))
        painter.setPen(pen(theme.grid, 1, cosmetic=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._rect)
        self.paint_text(painter, theme)

    def paint_accent(self, painter: QPainter, colour) -> None:
        pass


class TitleItem(BoxItem):
    kind = "title"

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self.theme
        painter.fillRect(self._rect, qcolor(theme.surface(self.fill)))
        self.paint_text(painter, theme)


class CornerItem(BoxItem):
    kind = "corner"


class KeyItem(TitleItem):
    """The key of the numbered link markers, below the grid."""

    kind = "key"


class StageHeaderItem(BoxItem):
    """A stage column's header: name, metrics, and its colour as a bar along the top."""

    kind = "stage"

    def paint_accent(self, painter: QPainter, colour) -> None:
        painter.fillRect(QRectF(0, 0, self._rect.width(), 4), colour)


class LaneHeaderItem(BoxItem):
    """A lane row's label: name, lane type, and its colour as a stripe on the left."""

    kind = "lane"

    def paint_accent(self, painter: QPainter, colour) -> None:
        painter.fillRect(QRectF(0, 0, 4, self._rect.height()), colour)


# ---------------------------------------------------------------------- cells
GROW_MIN = 240.0  # points of room below a cell: about five cards


def grow_slack(height: float) -> float:
    """The room a cell's bounding rectangle keeps below the cell: a quarter of its height, at
    least ``GROW_MIN``."""
    return max(GROW_MIN, height / 4)


def grow_room(height: float, room: float) -> bool:
    """Whether a cell ``height`` tall still fits a bounding rectangle ``room`` tall that is not
    too generous for it (at most twice the slack a fresh one would have)."""
    return height <= room <= height + 2 * grow_slack(height)


class CellItem(MapItem):
    """One (stage, lane) cell: its background and grid lines; the parent of its cards.

    A cell of the feelings lane also draws its piece of the emotion scale (``scale``, from the
    layout's ``scale_in``): the neutral line and, in the first stage, the labels."""

    kind = "cell"

    def __init__(self, cell: tuple[str, str], rect: Rect, fill: str):
        super().__init__(cell)
        self.setZValue(Z_CELL)
        # the layout keeps every card inside its cell (tests check it): drawing and hit tests
        # skip the cards of a cell they do not reach
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape)
        self._rect = QRectF()
        self.fill = ""
        self._room = QRectF()  # the bounding rectangle: the cell and room to grow below it
        self.scale: ScaleGeometry | None = None
        self._scale_look: tuple | None = None
        self.mark = ""  # "", "selected" (the cell the keyboard works in) or "target" (of a drop)
        self.set_rect(rect, fill)

    def set_mark(self, mark: str) -> None:
        """Outline the cell: "selected", "target" (a drag or palette drop lands here) or ""."""
        if mark != self.mark:
            whole = "target" in (mark, self.mark)  # a drop target is tinted all over
            self.mark = mark
            if whole:
                self.update()
                return
            pad, r = self._outline_pad(), self._rect  # "selected" is an outline: repaint the edges
            for x, y, w, h in (
                (-pad, -pad, r.width() + 2 * pad, 2 * pad),
                (-pad, r.height() - pad, r.width() + 2 * pad, 2 * pad),
                (-pad, -pad, 2 * pad, r.height() + 2 * pad),
                (r.width() - pad, -pad, 2 * pad, r.height() + 2 * pad),
            ):
                self.update(QRectF(x, y, w, h))

    def set_rect(self, rect: Rect, fill: str) -> None:
        """Follow the layout. A cell that only grows or shrinks at its bottom (a card added or
        removed: the common edit) repaints the strip that changed, not the whole cell: its
        bounding rectangle keeps room to grow below (Qt repaints an item's whole bounding
        rectangle, cards and links included, when that rectangle changes; a tall cell's is
        the height of the view)."""
        old, moved = self._rect, self.pos() != QPointF(rect.x, rect.y)
        if rect.w != old.width() or not grow_room(rect.h, self._room.height()):
            self.prepareGeometryChange()
            self._room = QRectF(0, 0, rect.w, rect.h + grow_slack(rect.h))
        only_height = not moved and rect.w == old.width() and fill == self.fill
        self._rect = QRectF(0, 0, rect.w, rect.h)
        if moved:
            self.setPos(rect.x, rect.y)
        self.fill = fill
        if only_height and rect.h != old.height():
            pad = self._outline_pad()
            top, bottom = min(rect.h, old.height()), max(rect.h, old.height())
            self.update(QRectF(-pad, top - pad, rect.w + 2 * pad, bottom - top + 2 * pad))
        elif not only_height:
            self._scale_look = None
            self.update()

    def _outline_pad(self) -> float:
        """How far the outline and the mark (a few pixels, whatever the zoom) reach round the
        cell's edges, in the cell's units: a few pixels at the most zoomed-out view."""
        scene = self.scene()
        scales = [v.transform().m11() for v in scene.views()] if scene is not None else []
        return 4 / min([s for s in scales if s > 0] or [1.0]) + 1

    def set_scale(self, scale: ScaleGeometry | None) -> None:
        """The piece of the emotion scale this cell draws (None: none)."""
        if scale != self.scale:
            self.scale = scale
            self._scale_look = None
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._room

    @property
    def rect(self) -> QRectF:
        """The cell (its bounding rectangle has room to grow below it)."""
        return self._rect

    def shape(self) -> QPainterPath:
        """The cell itself, not its room to grow: what a click or a drop picks."""
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def theme_changed(self) -> None:
        self._scale_look = None
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self.theme
        painter.fillRect(self._rect, qcolor(theme.surface(self.fill)))
        painter.setPen(pen(theme.grid, 1, cosmetic=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._rect)
        if self.scale is not None:
            self._paint_scale(painter, theme)
        if self.mark:
            if self.mark == "target":
                painter.fillRect(self._rect, qcolor(theme.selection, 28))
            painter.setPen(pen(theme.selection, 3 if self.mark == "target" else 2, cosmetic=True))
            painter.drawRect(self._rect.adjusted(1, 1, -1, -1))

    def scale_look(self) -> tuple:
        """(neutral line pen, the line's ends or None, the labels) in the cell's coordinates: the
        layout's scale piece moved by the cell's position, the dashes going on from the left."""
        if self._scale_look is None:
            s, o, theme = self.scale, self.pos(), self.theme
            line_pen = QPen(
                pen(theme.surface(style.NEUTRAL_COLOUR), style.NEUTRAL_W, dash=style.NEUTRAL_DASH)
            )
            line_pen.setDashOffset(s.dash_at / style.NEUTRAL_W)  # Qt counts it in pen widths
            ends = None
            if s.end[0] > s.start[0]:
                ends = (
                    QPointF(s.start[0] - o.x(), s.start[1] - o.y()),
                    QPointF(s.end[0] - o.x(), s.end[1] - o.y()),
                )
            ink = theme.text(palette.MUTED, theme.surface(self.fill))
            self._scale_look = (line_pen, ends, TextPainter(s.labels, default=ink, ox=-o.x(), oy=-o.y()))
        return self._scale_look

    def _paint_scale(self, painter: QPainter, theme: CanvasTheme) -> None:
        line_pen, ends, labels = self.scale_look()
        if ends is not None:
            painter.setPen(line_pen)
            painter.drawLine(*ends)
        labels.paint(painter, level_of_detail(painter))


# ---------------------------------------------------------------------- cards
class _CardLook:
    """A card's drawing objects, made once per change."""

    __slots__ = ("shape", "fill", "border", "stripe", "stripe_rect", "marks", "text", "selection")

    def __init__(self, card: Card, geo: CardGeometry, theme: CanvasTheme, view: str = BOTH):
        w, h = geo.rect.w, geo.rect.h
        fill = theme.card_fill(card)
        stripe = theme.stripe(card.kind)
        self.fill = qcolor(fill)
        self.border = pen(palette.blend(stripe, fill, style.CARD_BORDER_ALPHA), style.GRID_W)
        self.stripe = qcolor(stripe)
        self.selection = theme.selection
        self.shape = QPainterPath()
        self.shape.addRoundedRect(QRectF(0, 0, w, h), CARD_RADIUS, CARD_RADIUS)
        bar = QPainterPath()
        bar.addRect(QRectF(0, 0, STRIPE_W, h))
        self.stripe_rect = QRectF(0, 0, STRIPE_W, h)
        # the footer marks: the layout's shapes and text lines, in style.MARK_LOOK's colours
        self.marks: list[tuple[QPainterPath, object, object]] = []
        lines = list(geo.lines)
        for mk in card_marks(card, w, h, view):  # the marks of perspective ``view``
            for shape in mk.shapes:
                self.marks.append((add_shape(QPainterPath(), shape), *mark_paint(theme, shape.part, fill)))
            if mk.line is not None:
                lines.append(mk.line)
        colours = theme.card_text(card)
        self.text = TextPainter(lines, colours, default=colours["title"])


def mark_paint(theme: CanvasTheme, part: str, on: str) -> tuple[object, object]:
    """The brush and the pen of a mark's ``part`` (style.MARK_LOOK) in ``theme``, on a card
    whose (themed) fill is ``on``."""
    fill, outline, width = style.MARK_LOOK[part]
    if part == "dot":
        fill = theme.text(fill, on)
    elif fill == style.PAPER:  # the exclamation mark, a rating box, a gap badge
        fill = theme.surface(fill)
        if part in ("box", "gap-box", "gap"):
            fill = palette.blend(fill, on, style.RATING_FILL_ALPHA)
            if part != "box":  # a rating gap: outlined in the accent
                return brush(fill), pen(theme.accent(outline), width)
    else:  # the star, the warning sign
        fill = theme.accent(fill)
    if not outline:
        return brush(fill), NO_PEN
    return brush(fill), pen(theme.text(outline, on) if part == "box" else theme.surface(outline), width)


_BLOCKS: dict[tuple, tuple] = {}  # CardItem.block by (theme, colour, kind, height)
_BLOCKS_MAX = 4096


class CardItem(MapItem):
    """A card, placed at its position inside its cell (its parent item).

    ``cached``: drawn once into a pixmap of its size on screen and copied from it at every
    repaint (``DeviceCoordinateCache``), which pays where the card shows its text; zoomed out to
    plain blocks the scene switches it off (:meth:`MapScene.follow_zoom`): a block is two fills,
    and the pixmaps of 10,000 cards a pixel or two each held 55 MB."""

    kind = "card"

    def __init__(self, card: Card, geo: CardGeometry, cell: CellItem, cached: bool = True):
        super().__init__(card.id, cell)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if cached:
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.card = card
        self.geo = geo
        self._rect = QRectF(0, 0, geo.rect.w, geo.rect.h)
        self._look: _CardLook | None = None
        self._block: tuple | None = None  # (fill, stripe rectangle, stripe colour) of the plain block
        self.setPos(geo.local.x, geo.local.y)

    def set_geometry(self, card: Card, geo: CardGeometry, cell: CellItem) -> None:
        """Follow a change: move (within or across cells), resize or redraw as needed."""
        if self.parentItem() is not cell:
            self.setParentItem(cell)
        old = self.geo
        if (old.rect.w, old.rect.h) != (geo.rect.w, geo.rect.h):
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, geo.rect.w, geo.rect.h)
            self._look = None
        if old.lines != geo.lines:
            self._look = None
        if (old.local.x, old.local.y) != (geo.local.x, geo.local.y):
            self.setPos(geo.local.x, geo.local.y)
        self.card, self.geo = card, geo
        self._block = None
        if self._look is None:
            self.update()

    @property
    def lines(self):
        return self.geo.lines

    def text(self) -> str:
        """The card's text as drawn, one line per line."""
        return "\n".join(line.text for line in self.geo.lines)

    def restyle(self, card: Card) -> None:
        """Same geometry, new looks (kind, colour, flags, ratings, votes)."""
        self.card = card
        self._look = self._block = None
        self.update()

    def theme_changed(self) -> None:
        self._look = self._block = None
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def block(self) -> tuple:
        """(fill, stripe rectangle, stripe colour) of the card seen as a plain block, kept until
        the card changes: zoomed out, every card of the map is painted at each repaint. Cards
        of one colour, kind and height share one (read-only) block."""
        if self._block is None:
            card, theme = self.card, self.theme
            key = (theme, card.colour, card.kind, self._rect.height())
            block = _BLOCKS.get(key)
            if block is None:
                if len(_BLOCKS) >= _BLOCKS_MAX:
                    _BLOCKS.clear()
                stripe = QRectF(0, 0, STRIPE_W, key[3])
                block = _BLOCKS[key] = (qcolor(theme.card_fill(card)), stripe, qcolor(theme.stripe(card.kind)))
            self._block = block
        return self._block

    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = level_of_detail(painter)
        if lod < CARD_DETAIL_LOD:  # a plain block: no drawing objects needed
            fill, stripe, stripe_colour = self._block or self.block()
            painter.fillRect(self._rect, fill)
            painter.fillRect(stripe, stripe_colour)
            if self.isSelected():  # selected cards stay visible zoomed out
                theme = self.theme
                painter.setPen(pen(theme.selection, 2, cosmetic=True))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self._rect)
            return
        look = self._look
        if look is None:
            view = getattr(self.scene(), "perspective", BOTH)  # View > Perspective: its marks
            look = self._look = _CardLook(self.card, self.geo, self.theme, view)
        painter.setPen(look.border)
        painter.setBrush(look.fill)
        painter.drawPath(look.shape)
        painter.save()
        painter.setClipPath(look.shape)
        painter.fillRect(look.stripe_rect, look.stripe)
        painter.restore()
        for shape, fill, outline in look.marks:
            painter.setPen(outline)
            painter.setBrush(fill)
            painter.drawPath(shape)
        look.text.paint(painter, lod)
        if self.isSelected():
            painter.setPen(pen(look.selection, 2, cosmetic=True))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect, CARD_RADIUS, CARD_RADIUS)


# ---------------------------------------------------------------------- curves
class CurveItem(MapItem):
    """A persona's emotion curve: the smooth path, dashed by perspective, and a marker per point
    whose shape tells the value's sign (up triangle above neutral, down below, circle at 0)."""

    kind = "curve"
    LINE_W = style.CURVE_W
    MARKER_R = style.MARKER_R

    def __init__(self, geo: CurveGeometry, visible: bool = True):
        super().__init__(geo.id)
        self.setZValue(Z_CURVE)
        self._bounds = QRectF()
        self.set_geometry(geo, visible)

    def set_geometry(self, geo: CurveGeometry, visible: bool = True) -> None:
        self.prepareGeometryChange()
        self.geo = geo
        self.path = QPainterPath()
        if geo.start is not None:
            self.path.moveTo(*geo.start)
            for c1, c2, end in geo.segments:
                self.path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
        self.markers = [(p.shape, marker(p.shape, p.x, p.y, self.MARKER_R)) for p in geo.points]
        self._pens: tuple | None = None
        bounds = self.path.boundingRect()
        for _, m in self.markers:
            bounds = bounds.united(m.boundingRect())
        pad = self.MARKER_R + self.LINE_W
        self._bounds = bounds.adjusted(-pad, -pad, pad, pad)
        self.setVisible(visible and bool(geo.points))
        self.update()

    def marker_shapes(self) -> list[str]:
        return [shape for shape, _ in self.markers]

    def theme_changed(self) -> None:
        self._pens = None
        self.update()

    def pens(self) -> tuple:
        """(line pen, marker outline pen, marker brush) in the theme's colours."""
        if self._pens is None:
            theme = self.theme
            colour = theme.accent(self.geo.colour)
            self._pens = (pen(colour, self.LINE_W, dash=self.geo.dash), pen(theme.paper, 1.0), brush(colour))
        return self._pens

    def shape(self) -> QPainterPath:
        """The stroke and the markers: a click picks the line, not the lane behind it."""
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        shape = stroker.createStroke(self.path)
        for _, m in self.markers:
            shape.addPath(m)
        return shape

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        line_pen, marker_pen, marker_brush = self.pens()
        painter.setPen(line_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        painter.setPen(marker_pen)
        painter.setBrush(marker_brush)
        for _, m in self.markers:
            painter.drawPath(m)


# ---------------------------------------------------------------------- links
HIT_WIDTH = 6.0  # the width (points) of the band round a line that a click picks it in
RUN_PAD = 3.0  # round a link's run: its stroke, antialiasing and the rounded corners' bulge


def keeps_bounds(old: QRectF, new: QRectF) -> bool:
    """Whether a link whose drawing now fits ``new`` can keep the bounding rectangle ``old``:
    ``new`` lies inside it and fills at least half of it (a much larger one would make every
    repaint near the old route ask the link to paint)."""
    area = old.width() * old.height()
    return old.contains(new) and new.width() * new.height() >= area / 2


class LinkItem(MapItem):
    """A link from card to card: its route (runs along the gutters joined by rounded corners),
    a filled arrow head, and its label, or a numbered marker whose label is in the map's key.

    A route is a handful of straight runs and small corners, so it is stroked whole however
    long it is: a 140,000-point route shown zoomed in at 8x takes 0.16 ms (cutting it to the
    view took 0.11 ms, and 40 % longer over a whole PNG export of 4,000 links)."""

    kind = "link"
    LINE_W = style.LINK_W  # 1.0: Qt strokes lines up to one pixel wide several times faster

    def __init__(self, geo: LinkGeometry, link: Link):
        super().__init__(geo.id)
        self.setZValue(Z_LINK)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._bounds = QRectF()
        self._tip = False  # whether a tooltip is set
        self._skipped = False  # a repaint left it out while its route waited (see paint)
        self.set_geometry(geo, link)

    def looks_same(self, geo: LinkGeometry, link: Link) -> bool:
        return not self._skipped and geo == self.geo and (link.kind, link.label) == self.style

    def waits(self) -> bool:
        """Whether the scene is routing this link after the frame (its route is out of date)."""
        late = getattr(self.scene(), "late", None)
        return late is not None and (self.ident in late.pending or self.ident in late.ready)

    def set_geometry(self, geo: LinkGeometry, link: Link) -> None:
        """Follow a change. Repaints what the link covered and covers now, run by run (a
        map-wide route's bounding rectangle is most of the view, and a label pushed down by a
        card added above it would otherwise repaint all of it); the bounding rectangle changes
        (and Qt repaints all of the old one) only when the link leaves it or shrinks well
        inside it."""
        old = getattr(self, "geo", None)
        old_label = getattr(self, "label_box", None)
        old_runs = getattr(self, "_runs", ())
        self.geo = geo
        self.style = (link.kind, link.label)
        self.path = route_path(geo.start, geo.segments)
        self._lines: list | None = None  # the route as straight lines, for a picture's bands
        self.arrow = QPolygonF([QPointF(*p) for p in geo.arrow])
        self.dash = LINK_DASH.get(link.kind, ())
        self._themed: tuple | None = None
        bounds = self.path.boundingRect().united(self.arrow.boundingRect())
        self.label_box: QRectF | None = None
        self.marker = False
        if geo.label is not None:
            self.label_box = qrect(geo.label.rect)
            self.marker = geo.label.line.role == "marker"
            bounds = bounds.united(self.label_box)
        if self.marker or self._tip:  # most links never have one: no Qt call for them
            self.setToolTip(literal(link.label) if self.marker else "")
            self._tip = self.marker
        bounds = bounds.adjusted(-2, -2, 2, 2)
        # what the link really covers: its runs (a map-wide route's bounding rectangle is most
        # of the map, so a repaint anywhere would otherwise stroke every such link)
        pts = geo.points
        runs = [
            (min(a[0], b[0]) - RUN_PAD, min(a[1], b[1]) - RUN_PAD, max(a[0], b[0]) + RUN_PAD, max(a[1], b[1]) + RUN_PAD)
            for a, b in zip(pts, pts[1:], strict=False)
        ]
        for extra in (self.arrow.boundingRect(), self.label_box):
            if extra is not None:
                runs.append((extra.left() - 2, extra.top() - 2, extra.right() + 2, extra.bottom() + 2))
        self._runs = runs
        self._shape: QPainterPath | None = None
        moved_label = old is not None and (old.start, old.segments, old.arrow) == (geo.start, geo.segments, geo.arrow)
        skipped, self._skipped = self._skipped, False
        if skipped:  # left out of repaints while it waited: drawn again wherever it is
            self.prepareGeometryChange()
            self._bounds = bounds
            self.update()
        elif moved_label and old_label is not None and self.label_box is not None and keeps_bounds(self._bounds, bounds):
            # only the label moved (placed again round a card that came near it): repaint the
            # two label boxes (Qt unites an item's update rectangles into one)
            self.update(old_label.united(self.label_box).adjusted(-2, -2, 2, 2))
        elif old_runs and self.scene() is not None and keeps_bounds(self._bounds, bounds):
            # a new route inside the old bounds: repaint its old and new runs, each on its own
            # (the scene keeps them apart; an item's own update rectangles are united into one)
            scene = self.scene()
            for x0, y0, x1, y1 in (*old_runs, *runs):
                scene.update(QRectF(x0, y0, x1 - x0, y1 - y0))
        else:
            self.prepareGeometryChange()
            self._bounds = bounds
            self.update()

    @property
    def length(self) -> float:
        """The route's length in points."""
        return polyline_length(list(self.geo.points))

    def meets(self, area: QRectF) -> bool:
        """Whether anything of the link lies in ``area`` (its runs, arrow head or label)."""
        left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
        return any(x0 <= right and left <= x1 and y0 <= bottom and top <= y1 for x0, y0, x1, y1 in self._runs)

    def theme_changed(self) -> None:
        self._themed = None
        self.update()

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

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self.meets(option.exposedRect):
            return  # the repaint is in the link's bounding rectangle, not on the link
        if self.waits():
            # its route is out of date (the map moved under it) and it is drawn in full when
            # the scene routes it, after the frame: not drawn where the map is repainted now
            self._skipped = True
            return
        line_pen, colour, paper, label = self.themed()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if strokes_as_segments(painter, line_pen):  # a picture's band, lines wider than a pixel
            clip = painter.clipBoundingRect() if painter.hasClipping() else option.exposedRect
            if self._lines is None:
                self._lines = route_lines(self.geo.start, self.geo.segments)
            draw_lines_in(painter, self._lines, option.exposedRect.intersected(clip), segment_pen(colour, self.LINE_W))
        else:
            painter.setPen(line_pen)
            painter.drawPath(self.path)
        painter.setPen(NO_PEN)
        painter.setBrush(brush(colour))
        painter.drawPolygon(self.arrow)
        if label is not None:
            box = self.label_box
            painter.setBrush(brush(colour if self.marker else paper))
            painter.setPen(pen(colour, 0.5))
            radius = box.height() / 2 if self.marker else 2
            painter.drawRoundedRect(box, radius, radius)
            label.paint(painter, level_of_detail(painter))


# ---------------------------------------------------------------------- frame
class VisibilityItem(MapItem):
    """The line of visibility: a dashed line across the map between on-stage and behind-the-scenes
    lanes, labelled in the lane label column (the layout's ``visibility``); placed at the line's
    start."""

    kind = "visibility"
    COLOUR = style.VISIBILITY_COLOUR

    def __init__(self):
        super().__init__("visibility")
        self.setZValue(Z_VISIBILITY)
        self._bounds = QRectF()
        self.geo: VisibilityGeometry | None = None
        self._themed: tuple | None = None

    def theme_changed(self) -> None:
        self._themed = None
        self.update()

    def set_geometry(self, geo: VisibilityGeometry | None) -> None:
        self.setVisible(geo is not None)
        if geo is None or geo == self.geo:
            return
        self.prepareGeometryChange()
        self.geo = geo
        (x0, y0), (x1, y1) = geo.start, geo.end
        self.setPos(x0, y0)
        lab = geo.label
        pad = style.VISIBILITY_W
        self._bounds = QRectF(0, -pad, x1 - x0, y1 - y0 + 2 * pad).united(
            QRectF(
                lab.x - x0, lab.y - y0 - lab.size, text_width(lab.text, lab.size, lab.bold), lab.size * 1.4
            )
        )
        self._themed = None
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def themed(self) -> tuple:
        """(line pen, the line's end, the label) in the item's coordinates and the theme's colours."""
        if self._themed is None:  # the label sits on the lane labels' column
            theme, geo = self.theme, self.geo
            colour = theme.text(self.COLOUR, theme.header_fill)
            (x0, y0), (x1, y1) = geo.start, geo.end
            self._themed = (pen(colour, style.VISIBILITY_W, dash=style.VISIBILITY_DASH), QPointF(x1 - x0, y1 - y0),
                            TextPainter([geo.label], default=colour, ox=-x0, oy=-y0))  # fmt: skip
        return self._themed

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.geo is None:
            return
        line_pen, end, label = self.themed()
        painter.setPen(line_pen)
        painter.drawLine(QPointF(0, 0), end)
        label.paint(painter, level_of_detail(painter))
