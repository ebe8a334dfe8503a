"""Sticky headers: stage and lane headers that stay in sight when the map is scrolled.

When the stage header row has scrolled above the top of the canvas, a copy of it is pinned to
the top edge: the stages' own header items painted (same look: fill, colour bar, name, metrics)
at their columns, so it follows horizontal scrolling and the zoom. Likewise the lane labels are
pinned to the left edge when the label column has scrolled out on the left, and a corner box sits
where the two meet.

The pinned strips are small child widgets of the view laid over the viewport (never children of
the viewport, which scrolls its children along with the map). Each is only as big as its strip,
paints only the stages or lanes it shows, and keeps its picture in a pixmap until something it
shows changes (a scroll, the zoom, a document change, the selection): a repaint of the map under
it (a card being dragged) costs one blit.

A header whose start is cut by the strip's edge slides along its column (or row) so that its name
stays readable while any of the column is in sight.

A press on a pinned header is the press on the real header: it goes to the header tool as the
same hit (select, Ctrl toggles, drag to reorder, drag a border to resize, double-click to rename)
with the position mapped onto the real header; the dragged header follows the mouse in the strip.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from app.model import fonts
from app.model.events import Entity
from app.model.layout import CELL_PAD, HEADER_H, LABEL_W, TITLE_H
from app.widgets.canvas.interaction import Hit

MAX_SHARE = 0.25  # a pinned strip takes at most this share of the viewport (when zoomed far in)


class StickyStrip(QWidget):
    """One pinned strip ("stage", "lane" or "corner"); ``origin`` is its top-left corner in
    viewport coordinates."""

    def __init__(self, owner: StickyHeaders, kind: str, parent: QWidget):
        super().__init__(parent)
        self.owner, self.kind = owner, kind
        self.setObjectName(f"sticky_{kind}")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)  # the resize cursor over a header border
        self.origin = QPoint()
        self.shows: tuple | None = None  # what the picture was drawn from (see refresh)
        self._picture: QPixmap | None = None
        self._pressed = False
        self.hide()

    def invalidate(self) -> None:
        self._picture = None
        self.update()

    # ------------------------------------------------------------ painting
    def picture(self) -> QPixmap:
        """What the strip shows (drawn when something it shows changed, then reused)."""
        if self._picture is None or self._picture.size() != self.size() * self.devicePixelRatioF():
            ratio = self.devicePixelRatioF()
            pix = QPixmap(max(1, math.ceil(self.width() * ratio)), max(1, math.ceil(self.height() * ratio)))
            pix.setDevicePixelRatio(ratio)
            pix.fill(self.owner.view.backgroundBrush().color())
            painter = QPainter(pix)
            painter.setRenderHints(self.owner.view.renderHints())
            painter.translate(-QPointF(self.origin))  # draw in viewport coordinates
            self.owner.paint_strip(painter, self.kind, QRectF(QRect(self.origin, self.size())))
            painter.end()
            self._picture = pix
        return self._picture

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.picture())

    # ------------------------------------------------------------ mouse
    def _scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.owner.scene_pos(self.kind, event.position() + QPointF(self.origin))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.owner.press(self.kind, self._scene_pos(event), event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        pos = self._scene_pos(event)
        if self._pressed:
            self.owner.move(pos, event.modifiers())
        else:
            self.owner.hover(self, self.kind, pos, event.buttons())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if self._pressed and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = False
            self.owner.release(self._scene_pos(event), event.modifiers())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if event.button() == Qt.MouseButton.LeftButton:
            self.owner.double_click(self.kind, self._scene_pos(event), event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()  # to the view: scroll and zoom as over the map


class StickyHeaders(QObject):
    """Pins the stage header row and the lane label column of ``view`` (a MapView over a
    MapScene) when they scroll out. ``header_tool`` (optional) handles presses on the pinned
    headers as on the real ones; without it a press selects the stage or lane in ``selection``."""

    def __init__(self, view, selection, header_tool=None, parent: QObject | None = None):
        super().__init__(parent or view)
        self.view, self.selection, self.header_tool = view, selection, header_tool
        # children of the viewport, not of the view: a widget over the viewport from outside it
        # makes Qt repaint the whole viewport on every scroll instead of moving its pixels
        self.strips = {kind: StickyStrip(self, kind, view.viewport()) for kind in ("stage", "lane", "corner")}
        self._gesture = None  # a gesture that started on a pinned header
        self._refresh = QTimer(self)  # after an Esc that may have cancelled such a gesture
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)
        self._refreshed_for: dict | None = None  # the metrics of the last refresh
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._follow_view)
            bar.rangeChanged.connect(self._follow_view)
        view.zoomChanged.connect(self._follow_view)
        view.scene().applied.connect(self.refresh)
        view.scene().themeChanged.connect(self.repaint_strips)
        selection.changed.connect(self.repaint_strips)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self.refresh()

    @property
    def scene(self):
        return self.view.scene()

    # ------------------------------------------------------------ geometry
    def metrics(self) -> dict | None:
        """Where the grid is in viewport pixels and what is pinned (None: no map)."""
        lay = self.scene.layout if self.scene is not None else None
        if lay is None or not lay.stage_ids:
            return None
        vp = self.view.viewport()
        w, h = vp.width(), vp.height()
        t = self.view.viewportTransform()
        z = self.view.zoom()
        b = lay.grid
        top_left = t.map(QPointF(0.0, TITLE_H))
        bottom_right = t.map(QPointF(b.right, b.bottom))
        header_h = min(HEADER_H * z, max(HEADER_H, h * MAX_SHARE))
        label_w = min(LABEL_W * z, max(LABEL_W, w * MAX_SHARE))
        stage = top_left.y() < -0.5 and bottom_right.y() > header_h and bottom_right.x() > 0 and top_left.x() < w
        lane = top_left.x() < -0.5 and bottom_right.x() > label_w and bottom_right.y() > 0 and top_left.y() < h
        return {
            "zoom": z, "w": w, "h": h, "left": top_left.x(), "top": top_left.y(),
            "right": bottom_right.x(), "bottom": bottom_right.y(),
            "header_h": math.ceil(header_h), "label_w": math.ceil(label_w), "stage": stage, "lane": lane,
        }  # fmt: skip

    def strip_rects(self, m: dict | None = None) -> dict[str, QRect]:
        """The pinned strips' rectangles in viewport coordinates (only the pinned ones);
        ``m``: the :meth:`metrics`, if the caller has them."""
        m = m if m is not None else self.metrics()
        if m is None:
            return {}
        out: dict[str, QRect] = {}
        hh, lw = m["header_h"], m["label_w"]
        if m["stage"]:
            x0 = lw if m["lane"] else max(0, math.floor(m["left"]))
            x1 = min(m["w"], math.ceil(m["right"]))
            if x1 > x0:
                out["stage"] = QRect(x0, 0, x1 - x0, hh)
        if m["lane"]:
            y0 = hh if m["stage"] else max(0, math.floor(m["top"]))
            y1 = min(m["h"], math.ceil(m["bottom"]))
            if y1 > y0:
                out["lane"] = QRect(0, y0, lw, y1 - y0)
        if m["stage"] and m["lane"]:
            out["corner"] = QRect(0, 0, lw, hh)
        return out

    def _follow_view(self, *_args) -> None:
        """A scroll or zoom: refresh unless the grid stands where the last refresh saw it.
        While the scene follows an edit (a note that grows the map changes the scroll range)
        nothing is done: the scene's ``applied`` comes next and refreshes (each refresh looks at
        every header: ~0.3 ms a note at 5,000 cards)."""
        if getattr(self.scene, "applying", False):
            return
        m = self.metrics()
        if m is None or m != self._refreshed_for:
            self.refresh(m=m)

    def refresh(self, *_args, m: dict | None = None) -> None:
        """Place, show or hide the strips for the view's scroll and zoom, and redraw them
        (``m``: the :meth:`metrics`, if the caller has them)."""
        m = m if m is not None else self.metrics()
        self._refreshed_for = m
        rects = self.strip_rects(m) if m is not None else {}
        for kind, strip in self.strips.items():
            rect = rects.get(kind)
            if rect is None:
                if strip.isVisible():
                    strip.hide()
                continue
            strip.origin = rect.topLeft()
            if strip.geometry() != rect:  # (a note's two refreshes mostly leave it: ~30 us a call)
                strip.setGeometry(rect)
            shows = (rect, self._content(kind, m))
            if shows != strip.shows:  # drawn again only when what it shows changed (an edit
                strip.shows = shows  # elsewhere, e.g. a card typed in, leaves it as it is)
                strip.invalidate()
            if not strip.isVisible():
                strip.show()
        self._keep_panels_above()

    def _keep_panels_above(self) -> None:
        """The floating panels stay on top: the find bar over the view's other children (a
        raise is a no-op once it is), the overview over the strips. The overview is raised only
        when a strip is above it, not above the inline editor: a raise repaints the panel's
        place at once, and a region waiting to be painted costs the view's next scroll its blit
        (the whole canvas painted again, ~20 ms at 5,000 cards, when a typed note scrolls)."""
        for child in self.view.children():
            if isinstance(child, QWidget) and child.isVisible() and child.objectName() == "findBar":
                child.raise_()
        strips = {id(s) for s in self.strips.values() if s.isVisible()}
        siblings = [c for c in self.view.viewport().children() if isinstance(c, QWidget)]
        for i, child in enumerate(siblings):
            if child.isVisible() and child.objectName() == "overview":
                if any(id(above) in strips for above in siblings[i + 1:]):
                    child.raise_()

    def repaint_strips(self) -> None:
        for strip in self.strips.values():
            if strip.isVisible():
                strip.invalidate()

    # the metrics a strip does not depend on: the stage row scrolls only sideways, the lane
    # column only up and down, and the corner (shown only while both are pinned) not at all
    _IGNORED = {"stage": ("top", "bottom", "h"), "lane": ("left", "right", "w"),
                "corner": ("left", "top", "right", "bottom", "w", "h")}  # fmt: skip

    def _content(self, kind: str, m: dict) -> tuple:
        """Everything strip ``kind`` draws from, besides the theme and the selection (those
        repaint the strips themselves): where the grid is, and each header's place and look."""
        ignored = self._IGNORED[kind]
        items = [] if kind == "corner" else self._items(kind)
        corner = self.scene.corner_item if self.scene is not None else None
        if corner is not None:
            items.append(corner)
        return (
            tuple((k, v) for k, v in m.items() if k not in ignored),
            tuple(
                (it.ident, it.pos().x(), it.pos().y(), it.zValue(), it.opacity(), it.box, it.fill, it.accent)
                for it in items
            ),
        )

    def pinned(self) -> set[str]:
        return {kind for kind, strip in self.strips.items() if strip.isVisible()}

    # ------------------------------------------------------------ what is shown
    def _items(self, kind: str):
        """(item, its scene x or y where it is drawn) of the headers of ``kind``, in paint order."""
        scene = self.scene
        table = scene.stage_items if kind == "stage" else scene.lane_items
        ids = scene.layout.stage_ids if kind == "stage" else scene.layout.lane_ids
        items = [table[i] for i in ids if i in table]
        items.sort(key=lambda item: item.zValue())  # a header being dragged is drawn last
        return items

    def shown(self, kind: str) -> list[tuple[str, QRectF]]:
        """The headers a pinned strip shows: (id, rectangle in viewport coordinates), in order."""
        strip = self.strips.get(kind)
        m = self.metrics()
        if strip is None or not strip.isVisible() or m is None or kind == "corner":
            return []
        area = QRectF(QRect(strip.origin, strip.size()))
        out = []
        for item in self._items(kind):
            r = self._place(item, kind, m)
            if r.intersects(area):
                out.append((item.ident, r))
        return out

    def _place(self, item, kind: str, m: dict) -> QRectF:
        """Where the pinned copy of header ``item`` is drawn, in viewport coordinates."""
        z = m["zoom"]
        size = item.boundingRect()
        if kind == "stage":
            x = self.view.viewportTransform().map(QPointF(item.pos().x(), 0.0)).x()
            return QRectF(x, 0.0, size.width() * z, size.height() * z)
        if kind == "lane":
            y = self.view.viewportTransform().map(QPointF(0.0, item.pos().y())).y()
            return QRectF(0.0, y, size.width() * z, size.height() * z)
        return QRectF(0.0, 0.0, size.width() * z, size.height() * z)

    @staticmethod
    def _slide(item, kind: str, at: QRectF, area: QRectF, z: float) -> QRectF:
        """Where to draw a header that the strip's start cuts: moved along so that its name
        starts at the strip's edge, as far as its column or row leaves room for the text."""
        if kind == "stage" and at.left() < area.left() < at.right():
            need = max((ln.x + fonts.chain(ln.bold).width(ln.text, ln.size) for ln in item.box.lines), default=0.0)
            return at.translated(min(area.left() - at.left(), max(0.0, at.width() - (need + CELL_PAD) * z)), 0.0)
        if kind == "lane" and at.top() < area.top() < at.bottom():
            need = max((ln.y + ln.size * 0.35 for ln in item.box.lines), default=0.0)
            return at.translated(0.0, min(area.top() - at.top(), max(0.0, at.height() - (need + CELL_PAD) * z)))
        return at

    def _draw(self, painter: QPainter, item, at: QRectF, z: float, clip: QRectF | None = None) -> None:
        painter.save()
        if clip is not None:
            painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        painter.translate(at.topLeft())
        painter.scale(z, z)
        painter.setOpacity(item.opacity())
        item.paint(painter, None, None)  # the header item's own look
        painter.restore()

    def paint_strip(self, painter: QPainter, kind: str, area: QRectF) -> None:
        """Draw strip ``kind`` (``area``: its rectangle in viewport coordinates)."""
        m = self.metrics()
        scene = self.scene
        if m is None:
            return
        z = m["zoom"]
        painter.setClipRect(area)
        corner = scene.corner_item
        if kind == "corner" and corner is not None:
            self._draw(painter, corner, QRectF(0, 0, area.width(), area.height()), z)
        elif kind == "stage":
            if not m["lane"] and corner is not None:  # the real corner, where it is
                self._draw(painter, corner, QRectF(m["left"], 0.0, LABEL_W * z, HEADER_H * z), z)
        elif kind == "lane" and not m["stage"] and corner is not None:
            self._draw(painter, corner, QRectF(0.0, m["top"], LABEL_W * z, HEADER_H * z), z)
        if kind in ("stage", "lane"):
            selected = {ident for entity, ident in self.selection.items()
                        if entity is (Entity.STAGE if kind == "stage" else Entity.LANE)}  # fmt: skip
            for item in self._items(kind):
                at = self._place(item, kind, m)
                if not at.intersects(area):
                    continue
                self._draw(painter, item, self._slide(item, kind, at, area, z), z, at)
                if item.ident in selected:
                    outline = QPen(QColor(scene.theme.selection), 2)  # as on the map
                    painter.setPen(outline)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(at.adjusted(1, 1, -1, -1))
        painter.setClipping(False)
        painter.setPen(QPen(QColor(scene.theme.edge), 1))  # the line along a strip's inner edge
        if kind in ("stage", "corner"):  # a line under the pinned row: it is not the map
            painter.drawLine(QPointF(area.left(), area.bottom() - 0.5), QPointF(area.right(), area.bottom() - 0.5))
        if kind in ("lane", "corner"):
            painter.drawLine(QPointF(area.right() - 0.5, area.top()), QPointF(area.right() - 0.5, area.bottom()))

    # ------------------------------------------------------------ mouse
    def scene_pos(self, kind: str, vp: QPointF) -> QPointF:
        """The point on the real header under ``vp`` (viewport coordinates) on a pinned strip."""
        z = self.view.zoom() or 1.0
        pos = QPointF(self.view.viewportTransform().inverted()[0].map(vp))
        if kind in ("stage", "corner"):
            pos.setY(TITLE_H + vp.y() / z)
        if kind in ("lane", "corner"):
            pos.setX(vp.x() / z)
        return pos

    def header_at(self, kind: str, pos: QPointF) -> tuple[str, str] | None:
        """("stage" or "lane", id) of the header under scene ``pos`` on strip ``kind``."""
        lay = self.scene.layout
        if kind == "stage":
            for sid in lay.stage_ids:
                r = lay.stage_header_rect(sid)
                if r.x <= pos.x() < r.right:
                    return "stage", sid
        elif kind == "lane" and pos.y() >= TITLE_H + HEADER_H:
            for lid in lay.lane_ids:
                r = lay.lane_header_rect(lid)
                if r is not None and r.y <= pos.y() < r.bottom:
                    return "lane", lid
        return None

    def _hit(self, kind: str, pos: QPointF, event: QMouseEvent) -> Hit | None:
        found = self.header_at(kind, pos)
        if found is None:
            return None
        table = self.scene.stage_items if found[0] == "stage" else self.scene.lane_items
        return Hit(pos, table.get(found[1]), found[0], found[1], event.modifiers(), event)

    def press(self, kind: str, pos: QPointF, event: QMouseEvent) -> bool:
        """A left press on a pinned strip; True when a gesture started (moves and release follow)."""
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        interaction = self.view.interaction
        hit = self._hit(kind, pos, event)
        if hit is None or interaction.gesture is not None:
            return False
        if self.header_tool is None:
            entity = Entity.STAGE if hit.kind == "stage" else Entity.LANE
            self.selection.set([(entity, hit.ident)])
            return False
        gesture = self.header_tool.press(hit)
        if gesture is None:
            return False
        interaction.gesture = self._gesture = gesture
        return True

    def move(self, pos: QPointF, modifiers) -> None:
        if self._gesture is not None and self.view.interaction.gesture is self._gesture:
            self.view.interaction.move(pos, modifiers)
            self.repaint_strips()  # the dragged header follows the mouse

    def release(self, pos: QPointF, modifiers) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is not None and self.view.interaction.gesture is gesture:
            self.view.interaction.release(pos, modifiers)
        self.refresh()

    def double_click(self, kind: str, pos: QPointF, event: QMouseEvent) -> None:
        hit = self._hit(kind, pos, event)
        if hit is not None and self.header_tool is not None:
            self.header_tool.double_click(hit)

    def hover(self, strip: StickyStrip, kind: str, pos: QPointF, buttons) -> None:
        """The resize cursor over a pinned header's border, as over the real one."""
        border = None
        if buttons == Qt.MouseButton.NoButton and self.header_tool is not None:
            found = self.header_at(kind, pos)
            if found is not None:
                border = self.header_tool.border_at(found[0], found[1], pos)
        if border is None:
            strip.unsetCursor()
        else:
            vertical = border[0] is Entity.STAGE
            strip.setCursor(Qt.CursorShape.SizeHorCursor if vertical else Qt.CursorShape.SizeVerCursor)

    # ------------------------------------------------------------ events
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._refresh.start()  # after the view has laid out its viewport
        elif kind == QEvent.Type.KeyPress and self._gesture is not None:
            self._refresh.start()  # Esc may cancel a drag that started on a pinned header
            self._gesture = None if event.key() == Qt.Key.Key_Escape else self._gesture
        return False
