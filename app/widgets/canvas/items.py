"""The canvas items: one QGraphicsItem per model element, each drawing what the layout computed.

Every item carries its element's id in ``data(0)`` (a cell: the ``(stage_id, lane_id)`` pair)
and its kind in ``data(1)`` ("card", "cell", "stage", "lane", "curve", "link", "title",
"corner", "visibility"). Items never compute geometry: the scene hands them the layout's
rectangles, lines and paths. Drawing objects (paths, pens, prepared text) are made on the first
paint after a change and reused by every paint until the next change.

Cells are in :mod:`app.widgets.canvas.cell_item`, links in :mod:`app.widgets.canvas.link_item`.

Level of detail: text smaller than :data:`TEXT_MIN_PX` device pixels is not drawn, and cards
seen that small become plain coloured blocks, so a 10,000-card map zoomed out paints fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from app.model import palette, style
from app.model.geometry import (
    BoxGeometry,
    CardGeometry,
    CurveGeometry,
    VisibilityGeometry,
)
from app.model.layout import BODY_SIZE, STRIPE_W, card_marks
from app.model.perspective import BOTH
from app.model.schema import Card
from app.model.style import CARD_RADIUS
from app.widgets.canvas.paint import (
    NO_PEN,
    add_shape,
    brush,
    marker,
    pen,
    qcolor,
)
from app.widgets.canvas.qtfonts import TextPainter, text_width
from app.widgets.canvas.theme import LIGHT, CanvasTheme

if TYPE_CHECKING:  # a card's parent (cell_item imports this module)
    from app.widgets.canvas.cell_item import CellItem

TEXT_MIN_PX = 3.0  # text smaller than this on screen is not drawn
CARD_DETAIL_LOD = TEXT_MIN_PX / BODY_SIZE  # below this zoom a card is a plain coloured block

HIT_WIDTH = 6.0  # the width (points) of the band round a line that a click picks it in

# stacking order of the top-level items (cards are children of their cells)
Z_CELL, Z_HEADER, Z_VISIBILITY, Z_CURVE, Z_LINK = 0.0, 10.0, 15.0, 20.0, 25.0


def level_of_detail(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class MapElement:
    """What every canvas item standing for one model element (``ident``) of one ``kind`` has,
    whatever Qt item it is: it draws the model's colours through its scene's canvas
    :attr:`theme` (app.widgets.canvas.theme)."""

    kind = ""

    def _identify(self, ident) -> None:
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


class MapItem(MapElement, QGraphicsItem):
    """A :class:`MapElement` drawn by Python from its own bounding rectangle."""

    def __init__(self, ident, parent: QGraphicsItem | None = None):
        QGraphicsItem.__init__(self, parent)
        self._identify(ident)


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
        """Follow the layout. A box that only moved keeps its drawing (its cached picture moves
        with it: lane headers below a lane that grows, the title band and the corner after every
        edit that changes the map's size); one whose size, text or colours changed is drawn
        again."""
        r = box.rect
        resized = r.w != self._rect.width() or r.h != self._rect.height()
        if resized:
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, r.w, r.h)
        self.setPos(r.x, r.y)
        old = getattr(self, "box", None)
        same = not resized and old is not None and (old.lines, self.fill, self.accent) == (box.lines, fill, accent)
        self.box, self.fill, self.accent = box, fill, accent
        if not same:
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


_BLOCKS: dict[tuple, tuple] = {}  # card_block by (theme, colour, kind, height)
_BLOCKS_MAX = 4096


def card_block(theme: CanvasTheme, card: Card, height: float) -> tuple:
    """(fill, stripe rectangle, stripe colour) of ``card`` seen as a plain block ``height``
    points tall, zoomed out: what :meth:`CardItem.block` keeps, and what a cell draws for a card
    whose item is not made yet (:mod:`app.widgets.canvas.late_cards`). Cards of one colour,
    kind and height share one (read-only) block."""
    key = (theme, card.colour, card.kind, height)
    block = _BLOCKS.get(key)
    if block is None:
        if len(_BLOCKS) >= _BLOCKS_MAX:
            _BLOCKS.clear()
        stripe = QRectF(0, 0, STRIPE_W, height)
        block = _BLOCKS[key] = (qcolor(theme.card_fill(card)), stripe, qcolor(theme.stripe(card.kind)))
    return block


class CardItem(MapElement, QGraphicsRectItem):
    """A card, placed at its position inside its cell (its parent item).

    Its bounding rectangle and shape are Qt's own (a rectangle item without a pen, kept to the
    card's size), not Python overrides: Qt asks for them for every card of every cell that
    moves (to find what to repaint) and for every card it draws, and each call into Python
    cost ~1-2 us: a note that grows its lane at 5,000 cards moved ~2,800 cards, ~4 ms of a
    keypress's frame.

    ``cached``: drawn once into a pixmap of its size on screen and copied from it at every
    repaint (``DeviceCoordinateCache``), which pays where the card shows its text; zoomed out to
    plain blocks the scene switches it off (:meth:`MapScene.follow_zoom`): a block is two fills,
    and the pixmaps of 10,000 cards a pixel or two each held 55 MB."""

    kind = "card"

    def __init__(self, card: Card, geo: CardGeometry, cell: CellItem, cached: bool = True):
        QGraphicsRectItem.__init__(self, 0.0, 0.0, geo.rect.w, geo.rect.h, cell)
        self._identify(card.id)
        self.setPen(NO_PEN)  # (the rectangle item draws nothing itself: paint below)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if cached:
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.card = card
        self.geo = geo
        self._rect = QRectF(0, 0, geo.rect.w, geo.rect.h)
        self._look: _CardLook | None = None
        self._block: tuple | None = None  # (fill, stripe rectangle, stripe colour) of the plain block
        self._by_cell = False  # drawn by its cell (by_cell)
        self.setPos(geo.local.x, geo.local.y)

    def set_geometry(self, card: Card, geo: CardGeometry, cell: CellItem) -> None:
        """Follow a change: move (within or across cells), resize or redraw as needed."""
        left = self.parentItem()
        before = QRectF(self.pos(), self._rect.size())  # (in the cell it was in)
        old = self.geo
        scene = self.scene()
        if scene is not None and (
            left is not cell or (old.local.x, old.local.y, old.rect.w, old.rect.h) != (
                geo.local.x, geo.local.y, geo.rect.w, geo.rect.h)
        ):  # fmt: skip
            # its old place, asked of the scene: Qt repaints where it last painted an item that
            # moves or changes size, and left some on screen where they had been (a card cut by
            # the view's edge shifted up by a card that left its cell; the bottom of a card that
            # got shorter; the last card of a cell moved to another stage)
            scene.update(self.sceneBoundingRect())
        if left is not cell:
            self.setParentItem(cell)
        if (old.rect.w, old.rect.h) != (geo.rect.w, geo.rect.h):
            self._rect = QRectF(0, 0, geo.rect.w, geo.rect.h)
            self.setRect(self._rect)  # (prepares the geometry change)
            self._look = None
        if old.lines != geo.lines:
            self._look = None
        if (old.local.x, old.local.y) != (geo.local.x, geo.local.y):
            self.setPos(geo.local.x, geo.local.y)
        self.card, self.geo = card, geo
        self._block = None
        if self._look is None:
            self.update()
        if self.by_cell():  # its block is its cells' to draw: where it was and where it is
            if left is not None and left is not cell and getattr(left, "kind", "") == "cell":
                left.blocks_changed(before)
            cell.blocks_changed(before if left is cell else None, QRectF(self.pos(), self._rect.size()))

    def by_cell(self) -> bool:
        """Whether its cell draws it, as a block (the scene's ``cards_as_blocks``: every view is
        zoomed out below CARD_DETAIL_LOD): it then has no contents for Qt, and what changes its
        block asks its cell to draw it again. A card outside a cell (being dragged) draws itself."""
        parent = self.parentItem()
        on = getattr(parent, "kind", "") == "cell" and bool(getattr(self.scene(), "cards_as_blocks", False))
        self.set_by_cell(on)
        return on

    def set_by_cell(self, on: bool) -> None:
        """Drawn by its cell or not (asked for every card a move shifts: Qt is told only of a change)."""
        if on != self._by_cell:
            self._by_cell = on
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, on)

    def _block_changed(self) -> None:
        if self.by_cell():
            self.parentItem().blocks_changed(QRectF(self.pos(), self._rect.size()))

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
        self._block_changed()

    def theme_changed(self) -> None:
        self._look = self._block = None
        self.update()
        self._block_changed()

    def block(self) -> tuple:
        """(fill, stripe rectangle, stripe colour) of the card seen as a plain block, kept until
        the card changes: zoomed out, every card of the map is painted at each repaint
        (:func:`card_block`)."""
        if self._block is None:
            self._block = card_block(self.theme, self.card, self._rect.height())
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
