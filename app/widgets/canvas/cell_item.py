"""A (stage, lane) cell on the canvas: :class:`CellItem`, the parent of its cards, with room
to grow below it so that a card added or removed repaints a strip, not the cell."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from app.model import palette, style
from app.model.geometry import Rect, ScaleGeometry
from app.model.layout import STRIPE_W
from app.model.textlayout import CELL_PAD
from app.widgets.canvas.items import Z_CELL, MapItem, card_block, level_of_detail
from app.widgets.canvas.paint import NO_PEN, pen, qcolor
from app.widgets.canvas.qtfonts import TextPainter
from app.widgets.canvas.theme import CanvasTheme

GROW_MIN = 240.0  # points of room below a cell: about five cards


def grow_slack(height: float) -> float:
    """The room a cell's bounding rectangle keeps below the cell: a quarter of its height, at
    least ``GROW_MIN``."""
    return max(GROW_MIN, height / 4)


def grow_room(height: float, room: float) -> bool:
    """Whether a cell ``height`` tall still fits a bounding rectangle ``room`` tall that is not
    too generous for it (at most twice the slack a fresh one would have)."""
    return height <= room <= height + 2 * grow_slack(height)


def _by_height(colour, blocks: list[tuple[float, float, QRectF]]) -> tuple:
    """(colour, tops, bottoms, rectangles) of one colour's blocks, top to bottom."""
    blocks.sort(key=lambda b: b[0])
    return colour, [b[0] for b in blocks], [b[1] for b in blocks], [b[2] for b in blocks]


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
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # (paint: exposedRect)
        self._rect = QRectF()
        self.fill = ""
        self._room = QRectF()  # the bounding rectangle: the cell and room to grow below it
        self.scale: ScaleGeometry | None = None
        self._scale_look: tuple | None = None
        self.mark = ""  # "", "selected" (the cell the keyboard works in) or "target" (of a drop)
        self._blocks: tuple | None = None  # its cards as blocks, zoomed out (paint_blocks)
        self.waiting: list[str] | None = None  # ids of its cards not made yet (late_cards)
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
        self.at = (rect.x, rect.y, rect.w, rect.h)  # where it stands in the scene (late_links asks)
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
        self._blocks = None  # (the blocks of cards not made yet: their cards tell no one)
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self.theme
        rect = self._in_reach(self._rect, painter, option)
        if rect.isEmpty():  # (the repaint is in the room below the cell)
            return
        painter.fillRect(rect, qcolor(theme.surface(self.fill)))
        # the outline and the mark are level and upright lines a pixel or three wide: drawn
        # without antialiasing, crisp on the pixel grid (Qt's antialiased thin lines took ~90 us
        # a cell in a typed note's frame, ~1 ms for its ~10 cells, against ~17 us for all ten)
        smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen(theme.grid, 1, cosmetic=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)  # (painter state is not saved)
        if self.scale is not None:
            self._paint_scale(painter, theme)
        if self.mark:
            if self.mark == "target":
                painter.fillRect(rect, qcolor(theme.selection, 28))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen(theme.selection, 3 if self.mark == "target" else 2, cosmetic=True))
            painter.drawRect(self._in_reach(self._rect.adjusted(1, 1, -1, -1), painter, option))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        if getattr(self.scene(), "cards_as_blocks", False):
            self.paint_blocks(painter, rect)

    # ------------------------------------------------------------ cards as blocks
    def blocks_changed(self, *rects: QRectF | None) -> None:
        """A card's block changed (``rects``: where it was and is, in the cell's units; none:
        anywhere): drawn again from the cards at the next repaint, which this asks for."""
        self._blocks = None
        if not rects or None in rects:
            self.update()
            return
        scene = self.scene()
        if scene is None:
            return
        # through the scene: an item's own repaint stops at its bounding rectangle, and a block's
        # antialiased edge and a selected block's outline (two pixels, whatever the zoom) reach
        # past the cell's
        pad = self._outline_pad()
        for r in rects:
            scene.update(self.mapRectToScene(r.adjusted(-pad, -pad, pad, pad)))

    def paint_blocks(self, painter: QPainter, reach: QRectF | None = None) -> None:
        """The cards as the plain blocks CardItem draws zoomed out (fill, kind stripe, the
        selection's outline), all of one colour in one call: at the whole-map zoom, 10,000
        cards painting themselves took ~80 ms of a ~110 ms repaint (Qt's call into Python for
        each), their cells drawing them ~5 ms. Cards being dragged (outside the cell) or hidden
        (opacity 0) are not drawn here. ``reach``: the part of the cell a repaint reaches (the
        cell's units; ``_in_reach``): only the blocks that meet it are handed to Qt (a repaint
        of a few pixels round a card, the first frame of a drag at the whole-map zoom, met ~7
        cells of ~100 cards each, ~4 ms of handing Qt their rectangles)."""
        if self._blocks is None:
            self._blocks = self._make_blocks()
        fills, stripes, chosen = self._blocks
        whole = reach is None or reach.contains(self._rect)
        top, bottom = (0.0, 0.0) if whole else (reach.top() - 1, reach.bottom() + 1)  # (antialiasing)
        painter.setPen(NO_PEN)
        for colour, tops, bottoms, rects in (*fills, *stripes):
            if not whole:  # the blocks that meet the reach (the cut is outside what shows)
                rects = rects[bisect_left(bottoms, top) : bisect_right(tops, bottom)]
            if rects:
                painter.setBrush(colour)
                painter.drawRects(rects)
        if chosen:
            painter.setPen(pen(self.theme.selection, 2, cosmetic=True))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(chosen)

    def _make_blocks(self) -> tuple:
        """(fills, stripes, selected rectangles) of :meth:`paint_blocks`: its cards' items, and
        the cards whose items are not made yet (``waiting``: drawn as their items will be)."""
        fills: dict[int, tuple] = {}
        stripes: dict[int, tuple] = {}
        chosen: list[QRectF] = []

        def add(block: tuple, x: float, y: float, w: float, h: float) -> QRectF:
            fill, _stripe, stripe_colour = block
            r = QRectF(x, y, w, h)
            fills.setdefault(fill.rgba(), (fill, []))[1].append((y, y + h, r))
            stripes.setdefault(stripe_colour.rgba(), (stripe_colour, []))[1].append(
                (y, y + h, QRectF(x, y, STRIPE_W, h))
            )
            return r

        for child in self.childItems():  # (the card's own geometry: no call into Qt for it)
            if getattr(child, "kind", "") != "card" or child.opacity() <= 0.0:
                continue
            geo = child.geo
            r = add(child._block or child.block(), geo.local.x, geo.local.y, geo.rect.w, geo.rect.h)
            if child.isSelected():
                chosen.append(r)
        if self.waiting:  # (the layout's cards of the cell: any edit makes them items first)
            scene, theme = self.scene(), self.theme
            card_of = scene.doc.card
            for cid, top, w, h in scene.layout.cell_card_boxes(self.ident):
                add(card_block(theme, card_of(cid), h), CELL_PAD, top, w, h)
        # in an order of their own (colours), not the cards': the antialiased edges where two
        # blocks meet come out the same however the cards were added or moved. Each colour's
        # blocks top to bottom (a cell's cards are one column): a repaint picks those it
        # reaches by bisection
        return (
            [_by_height(*fills[k]) for k in sorted(fills)],
            [_by_height(*stripes[k]) for k in sorted(stripes)],
            chosen,
        )

    @staticmethod
    def _in_reach(rect: QRectF, painter: QPainter, option) -> QRectF:
        """``rect`` cut to a few pixels beyond what the repaint exposes: a tall cell is thousands
        of points, and stroking its whole outline took ~80 us (~1 ms of a typed note's frame for
        its ~15 cells). The cut edges lie outside the repainted area, which clips them away; the
        real edges inside it are drawn as before."""
        exposed = option.exposedRect if option is not None else None
        if exposed is None or exposed.contains(rect):
            return rect
        pad = 8 / max(level_of_detail(painter), 1e-6)  # pixels, in the cell's units
        return rect.intersected(exposed.adjusted(-pad, -pad, pad, pad))

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
