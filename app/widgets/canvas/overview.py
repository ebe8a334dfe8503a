"""The overview: a small picture of the whole map in the canvas's bottom-right corner, with a
frame round the part the window shows. A click in it centres the view there; dragging in it pans.

It is shown while the map does not fit the window (zoomed in, or a big map) and View > Overview
is on (the default; the choice is kept in the settings as ``view/overview``); when the whole map
is in sight there is nothing to find, and it hides.

The picture is drawn from the layout (stage and lane headers with their colours, the lane fills,
the cards, the emotion curves), not by rendering the scene: rendering a 10,000-card scene takes a
second, the picture a few milliseconds, because cards too small to see one by one are drawn as one
block per cell. It is drawn again a moment after the document changes (once per burst of edits),
never on a scroll or a zoom: those only move the frame.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from app.model import palette
from app.widgets.canvas.theme import LIGHT, CanvasTheme
from app.widgets.i18n import translate

MAX_SIZE = QSize(220, 160)  # the largest picture (device-independent pixels)
MAX_SHARE = 0.4  # ... and at most this share of the canvas
MIN_SIDE = 16  # a very long or tall map still gets a usable strip
MARGIN = 10  # from the canvas edges
CARD_MIN_PX = 2.0  # cards drawn one by one when each is at least this tall in the picture
RENDER_DELAY_MS = 300  # after the last document change
SETTINGS_KEY = "view/overview"
FRAME = "#0072B2"  # the visible area (Okabe-Ito blue, as the selection)
BORDER = "#8A939C"
BLOCK = palette.blend(palette.MUTED, "#FFFFFF", 0.35)  # a cell's cards, too small to tell apart


def _on(value) -> bool:
    return value not in (False, "false", "0", 0)


class Overview(QWidget):
    """The overview over ``view`` (a MapView over a MapScene), a child of its viewport (a
    widget laid over the viewport from outside would make every scroll repaint all of it)."""

    def __init__(self, view, settings: QSettings | None = None):
        super().__init__(view.viewport())
        self.view = view
        self.settings = settings
        self.setObjectName("overview")
        self.setToolTip(translate("Overview", "The whole map: click or drag to go there (View > Overview hides it)"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enabled = _on(settings.value(SETTINGS_KEY, True)) if settings is not None else True
        self.renders = 0  # pictures drawn (tests check that scrolling draws none)
        self._picture: QPixmap | None = None
        self._dragging = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self._render_if_shown)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.follow_view)
            bar.rangeChanged.connect(self.follow_view)
        view.zoomChanged.connect(self.follow_view)
        view.scene().applied.connect(self.document_changed)
        view.scene().themeChanged.connect(self._render_if_shown)
        view.installEventFilter(self)
        self.hide()
        self.follow_view()

    # ------------------------------------------------------------ state
    def set_enabled(self, on: bool) -> None:
        """View > Overview: show the overview whenever the map does not fit (or never)."""
        self.enabled = bool(on)
        if self.settings is not None:
            self.settings.setValue(SETTINGS_KEY, self.enabled)
        self.follow_view()

    def map_rect(self) -> QRectF:
        scene = self.view.scene()
        return scene.map_rect() if scene is not None and scene.layout is not None else QRectF()

    def map_fits(self) -> bool:
        """Is the whole map in sight?"""
        seen = self.view.viewportTransform().mapRect(self.map_rect())
        vp = self.view.viewport().rect()
        return seen.width() <= vp.width() + 1 and seen.height() <= vp.height() + 1

    def wanted(self) -> bool:
        return self.enabled and not self.map_rect().isEmpty() and not self.map_fits()

    def picture_size(self) -> QSize:
        """The picture's size: the map's shape within MAX_SIZE (and a share of the canvas)."""
        r = self.map_rect()
        vp = self.view.viewport().size()
        box_w = max(MIN_SIDE, min(MAX_SIZE.width(), int(vp.width() * MAX_SHARE)))
        box_h = max(MIN_SIDE, min(MAX_SIZE.height(), int(vp.height() * MAX_SHARE)))
        if r.isEmpty():
            return QSize(box_w, box_h)
        s = min(box_w / r.width(), box_h / r.height())
        return QSize(max(MIN_SIDE, round(r.width() * s)), max(MIN_SIDE, round(r.height() * s)))

    def follow_view(self, *_args) -> None:
        """Show or hide, place in the corner, and move the frame (the picture stays)."""
        if not self.wanted():
            if self.isVisible():
                self.hide()
            return
        size = self.picture_size() + QSize(2, 2)  # a one-pixel border
        area = self.view.viewport().rect()
        self.setGeometry(area.right() + 1 - MARGIN - size.width(), area.bottom() + 1 - MARGIN - size.height(),
                         size.width(), size.height())  # fmt: skip
        if not self.isVisible():
            if self._picture is None:
                self.render_picture()
            self.show()
            self.raise_()
        elif self._picture is not None and self._picture.deviceIndependentSize().toSize() != size - QSize(2, 2):
            self._render_timer.start()  # another shape (the canvas was resized): draw it again
        self.update()

    def document_changed(self) -> None:
        """The map changed: draw the picture again shortly (once per burst of edits)."""
        self._render_timer.start()
        self.follow_view()  # the map may now fit, or no longer

    def _render_if_shown(self) -> None:
        if self.isVisible():
            self.render_picture()
            self.update()
        else:
            self._picture = None  # drawn when next shown

    # ------------------------------------------------------------ geometry
    def inner(self) -> QRectF:
        return QRectF(1, 1, self.width() - 2, self.height() - 2)

    def _scales(self) -> tuple[float, float, QRectF]:
        r, inner = self.map_rect(), self.inner()
        return inner.width() / max(r.width(), 1e-9), inner.height() / max(r.height(), 1e-9), r

    def to_scene(self, pos: QPointF) -> QPointF:
        sx, sy, r = self._scales()
        inner = self.inner()
        return QPointF(r.x() + (pos.x() - inner.x()) / sx, r.y() + (pos.y() - inner.y()) / sy)

    def frame_rect(self) -> QRectF:
        """The part of the map the view shows, in the overview's coordinates."""
        sx, sy, r = self._scales()
        inner = self.inner()
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect().intersected(r)
        return QRectF(inner.x() + (seen.x() - r.x()) * sx, inner.y() + (seen.y() - r.y()) * sy,
                      seen.width() * sx, seen.height() * sy)  # fmt: skip

    # ------------------------------------------------------------ drawing
    def render_picture(self) -> None:
        """Draw the map from its layout into the cached picture."""
        self.renders += 1
        size = self.picture_size()
        ratio = self.devicePixelRatioF()
        pix = QPixmap(max(1, math.ceil(size.width() * ratio)), max(1, math.ceil(size.height() * ratio)))
        pix.setDevicePixelRatio(ratio)
        scene = self.view.scene()
        theme = getattr(scene, "theme", LIGHT)
        pix.fill(QColor(theme.paper))
        r = self.map_rect()
        if scene is not None and scene.layout is not None and not r.isEmpty():
            painter = QPainter(pix)
            sx, sy = size.width() / r.width(), size.height() / r.height()
            painter.scale(sx, sy)
            painter.translate(-r.x(), -r.y())
            draw_map(painter, scene.layout, scene.doc, 1.0 / sx, 1.0 / sy, theme)
            painter.end()
        self._picture = pix

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BORDER))
        if self._picture is None:
            self.render_picture()
        painter.drawPixmap(self.inner(), self._picture, QRectF(self._picture.rect()))
        frame = self.frame_rect()
        if frame.width() < 4:  # keep a tiny frame findable
            frame.adjust(-(4 - frame.width()) / 2, 0, (4 - frame.width()) / 2, 0)
        if frame.height() < 4:
            frame.adjust(0, -(4 - frame.height()) / 2, 0, (4 - frame.height()) / 2)
        fill = QColor(FRAME)
        fill.setAlpha(40)
        painter.setClipRect(self.inner())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(FRAME), 1.5))
        painter.setBrush(fill)
        painter.drawRect(frame.adjusted(0.75, 0.75, -0.75, -0.75))

    # ------------------------------------------------------------ mouse
    def _go(self, event: QMouseEvent) -> None:
        self.view.centerOn(self.to_scene(event.position()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if self._dragging:
            self._go(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if event.button() == Qt.MouseButton.LeftButton and self._dragging:
            self._dragging = False
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()  # to the view: scroll and zoom as over the map

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.view and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.follow_view)  # after the view has laid out its viewport
        return False


def draw_map(painter: QPainter, lay, doc, px_w: float, px_h: float, theme: CanvasTheme = LIGHT) -> None:
    """The map in little: headers, lane fills, cards (one block per cell where they are too small
    to tell apart) and emotion curves, in the canvas ``theme``'s colours. ``px_w`` / ``px_h``:
    one device pixel in map points."""
    painter.setPen(Qt.PenStyle.NoPen)
    header = QColor(theme.header_fill)
    stages = {s.id: s for s in doc.map.stages}
    bar_h, stripe_w = max(4.0, 2 * px_h), max(4.0, 2 * px_w)
    corner = lay.corner_rect()
    painter.fillRect(QRectF(corner.x, corner.y, corner.w, corner.h), header)
    for sid in lay.stage_ids:
        r = lay.stage_header_rect(sid)
        painter.fillRect(QRectF(r.x, r.y, r.w, r.h), header)
        colour = stages[sid].colour if sid in stages else ""
        if colour:
            painter.fillRect(QRectF(r.x, r.y, r.w, bar_h), QColor(theme.accent(colour)))
    for lid in lay.lane_ids:
        lane = lay.lanes_by_id[lid]
        r = lay.lane_header_rect(lid)
        painter.fillRect(QRectF(r.x, r.y, r.w, r.h), header)
        if lane.colour:
            painter.fillRect(QRectF(r.x, r.y, stripe_w, r.h), QColor(theme.accent(lane.colour)))
        fill = QColor(theme.lane_fill(lane.type))
        for sid in lay.stage_ids:
            cell = lay.cell_rect(sid, lid)
            painter.fillRect(QRectF(cell.x, cell.y, cell.w, cell.h), fill)
            _draw_cards(painter, lay, doc, (sid, lid), px_h, theme)
    grid = QPen(QColor(theme.grid), 0)  # hairlines: one pixel at any scale
    painter.setPen(grid)
    b = lay.grid
    for sid in lay.stage_ids[1:]:
        x = lay.stage_header_rect(sid).x
        painter.drawLine(QPointF(x, corner.y), QPointF(x, b.bottom))
    painter.drawLine(QPointF(corner.right, corner.y), QPointF(corner.right, b.bottom))
    for lid in lay.lane_ids:
        y = lay.lane_header_rect(lid).y
        painter.drawLine(QPointF(0, y), QPointF(b.right, y))
    for curve in doc.map.curves:
        geo = lay.curve(curve.id) if curve.visible else None
        if geo is None or len(geo.points) < 2:
            continue
        pen = QPen(QColor(theme.accent(geo.colour)), 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawPolyline(QPolygonF([QPointF(p.x, p.y) for p in geo.points]))


def _draw_cards(painter: QPainter, lay, doc, cell, px_h: float, theme: CanvasTheme) -> None:
    ids = lay.cell_cards(cell)
    if not ids:
        return
    first, last = lay.card_rect(ids[0]), lay.card_rect(ids[-1])
    if first is None or last is None:
        return
    height = last.bottom - first.y
    if height / len(ids) >= CARD_MIN_PX * px_h:
        for cid in ids:
            r = lay.card_rect(cid)
            card = doc.card(cid)
            tint = palette.blend(theme.stripe(card.kind), theme.card_fill(card), 0.45)
            painter.fillRect(QRectF(r.x, r.y, r.w, r.h), QColor(tint))
    else:
        painter.fillRect(QRectF(first.x, first.y, first.w, height), QColor(theme.surface(BLOCK)))

