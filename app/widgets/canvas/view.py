"""The map view: a QGraphicsView that zooms and pans.

Zoom: Ctrl+wheel (about the mouse), :meth:`zoom_in` / :meth:`zoom_out` (about the centre),
:meth:`fit_map` and :meth:`zoom_actual` (100 %: one point of the map per pixel). Pan: the scroll
bars and the wheel, the middle mouse button, or Space held down while dragging with the left
button. A left press is first offered to the tools of :attr:`interaction` (drag a card, a
header, a curve point, a link...); one that no tool takes draws a rubber band that selects cards.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView

from app.widgets.canvas.interaction import Interaction
from app.widgets.canvas.theme import VIEW_BACKGROUND, CanvasTheme

MIN_ZOOM = 0.005  # a 10,000-card map fits the window
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
FIT_MAX_ZOOM = 1.0  # Fit Map never zooms in beyond 100 %
BACKGROUND = VIEW_BACKGROUND  # around the map, in the light theme (set_theme changes it)


class MapView(QGraphicsView):
    zoomChanged = Signal(float)  # noqa: N815 - Qt's signal naming

    def __init__(self, scene=None, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        # the vertical scroll bar is always there (disabled while the map fits): one that came
        # and went as the map grew past the window's height, or shrank back (after Fit Map, a
        # note or a moved card that makes a lane taller) made the canvas narrower or wider,
        # shifting it sideways and painting all of it a second time (at 10,000 cards, whole map:
        # a 50-card move, its undo and redo ~25-35 % of their time)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setBackgroundBrush(QColor(BACKGROUND))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPointF | None = None  # the last mouse position of a pan drag
        self._space = False
        self.interaction = Interaction()
        # Drag-and-drop targets (e.g. palette kinds): objects with drag_enter(event) -> bool,
        # drag_move(event), drag_leave() and drop(event); the first that accepts the enter
        # gets the rest of that drag.
        self.drop_targets: list = []
        self._drop_target = None
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw the map and the space around it in ``theme`` (View > Theme)."""
        self.setBackgroundBrush(QColor(theme.background))
        scene = self.scene()
        if scene is not None and hasattr(scene, "set_theme"):
            scene.set_theme(theme)
        self.viewport().update()

    # ---------------------------------------------------------------- zoom
    def zoom(self) -> float:
        """The scale: device-independent pixels per map point (1.0 is 100 %)."""
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (clamped), keeping the map point under ``anchor`` (a viewport
        position; default: the centre) where it is."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if current <= 0 or abs(factor - current) < 1e-9:
            return
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        else:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.scale(factor / current, factor / current)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_actual(self) -> None:
        self.set_zoom(1.0)

    def fit_rect(self, rect: QRectF) -> None:
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        z = self.zoom()
        if z > MAX_ZOOM or z < MIN_ZOOM:
            self.set_zoom(z)
            self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom())

    def bring_into_view(self, rect: QRectF, margin: float = 24.0) -> None:
        """Scroll so that ``rect`` (with ``margin`` round it) shows; zoom out only when it does
        not fit at the current zoom."""
        if rect.isEmpty():
            return
        rect = rect.adjusted(-margin, -margin, margin, margin)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() <= visible.width() and rect.height() <= visible.height():
            self.ensureVisible(rect, 0, 0)
        else:
            self.fit_rect(rect)

    def fit_map(self) -> None:
        """Show the whole map, at most at 100 % (a small or new map is not blown up to fill
        a big window: its text would look enormous and the title clipped)."""
        scene = self.scene()
        if scene is not None:
            rect = scene.map_rect() if hasattr(scene, "map_rect") else scene.itemsBoundingRect()
            self.fit_rect(rect.adjusted(-12, -12, 12, 12))
            if self.zoom() > FIT_MAX_ZOOM:
                self.set_zoom(FIT_MAX_ZOOM)
                self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------- pan
    def _pan_by(self, delta: QPointF) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() - round(delta.x()))
        v.setValue(v.value() - round(delta.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.interaction.cancel():
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            if self._pan_from is None:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_from is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._space = False
        if self._pan_from is None:
            self.viewport().unsetCursor()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        pan = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        )
        if pan:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self.interaction.press(self.interaction.hit(self, event)):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.interaction.double_click(
            self.interaction.hit(self, event)
        ):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._pan_from is not None:
            pos = event.position()
            self._pan_by(pos - self._pan_from)
            self._pan_from = pos
            event.accept()
            return
        if self.interaction.move(self.mapToScene(event.position().toPoint()), event.modifiers()):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self.interaction.release(
            self.mapToScene(event.position().toPoint()), event.modifiers()
        ):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ----------------------------------------------------------- drops
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._drop_target = next((t for t in self.drop_targets if t.drag_enter(event)), None)
        if self._drop_target is None:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._drop_target is not None:
            self._drop_target.drag_move(event)
            return
        super().dragMoveEvent(event)

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        target, self._drop_target = self._drop_target, None
        if target is not None:
            target.drag_leave()
            return
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        target, self._drop_target = self._drop_target, None
        if target is not None:
            target.drop(event)
            return
        super().dropEvent(event)
