"""Stage and lane headers on the canvas: select, reorder, resize and rename in place.

* A press on a header selects its stage or lane in the shared Selection (Ctrl toggles).
* Dragging a header reorders: the header follows the mouse along its axis and a marker line
  shows where it will land; the release pushes one ``Reorder``; Esc puts it back.
* Dragging a header's border resizes (a stage header's right edge sets ``Stage.width``, a lane
  header's bottom edge ``Lane.height``), within the schema's limits: a guide line follows the
  mouse and the release pushes one ``Edit``. The cursor changes when the mouse is near a border.
* A double-click opens an inline line edit over the header: Enter (or leaving it) commits
  one ``Edit`` of the name, Esc cancels.

During a drag only overlay items move; the model changes once, on release (DESIGN rule 1).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsRectItem, QLineEdit

from app.model.commands import Edit, Reorder
from app.model.events import Entity
from app.model.layout import TITLE_H
from app.widgets.canvas.gestures import (
    ACCENT,
    DRAG_PX,
    Z_OVERLAY,
    alive,
    drop_item,
    guide,
    is_valid,
    pixels,
    select_click,
)
from app.widgets.canvas.interaction import CanvasContext, Hit, element_at
from app.widgets.i18n import translate

EDGE_PX = 5.0  # how near (device pixels) a border a press resizes instead of reordering
STAGE_W = (60.0, 5000.0)  # Stage.width limits (schema)
LANE_H = (24.0, 5000.0)  # Lane.height limits (schema)


# ---------------------------------------------------------------------- gestures
class _Reorder:
    """Drag a stage header left/right (or a lane header up/down) to a new place."""

    def __init__(self, ctx: CanvasContext, entity: Entity, ident: str, start: QPointF):
        self.ctx, self.entity, self.ident, self.start = ctx, entity, ident, start
        scene = ctx.scene
        self.item = (scene.stage_items if entity is Entity.STAGE else scene.lane_items).get(ident)
        self.origin = self.item.pos() if self.item is not None else QPointF()
        self.z = self.item.zValue() if self.item is not None else 0.0
        self.marker: QGraphicsLineItem | None = None
        self.moved = False
        self.target: int | None = None  # the index in the model's list (without the dragged one)

    def _order(self) -> list[str]:
        lay = self.ctx.layout
        return list(lay.stage_ids) if self.entity is Entity.STAGE else list(lay.lane_ids)

    def _target(self, pos: QPointF) -> tuple[int, float]:
        """The index in the model list (without the dragged element) and the marker position."""
        lay = self.ctx.layout
        horizontal = self.entity is Entity.STAGE
        others = [i for i in self._order() if i != self.ident]
        rect = lay.stage_header_rect if horizontal else lay.lane_header_rect
        coord = pos.x() if horizontal else pos.y()
        k = 0
        for i in others:
            r = rect(i)
            if (r.cx if horizontal else r.cy) < coord:
                k += 1
        if not others:
            return 0, 0.0
        if k < len(others):
            r = rect(others[k])
            at = r.x if horizontal else r.y
        else:
            r = rect(others[-1])
            at = r.right if horizontal else r.bottom
        full = [x.id for x in (self.ctx.doc.map.stages if horizontal else self.ctx.doc.map.lanes) if x.id != self.ident]
        index = full.index(others[k]) if k < len(others) else full.index(others[-1]) + 1
        return index, at

    def move(self, pos: QPointF, modifiers) -> None:
        delta = pos - self.start
        if not self.moved and max(abs(delta.x()), abs(delta.y())) < pixels(self.ctx, DRAG_PX):
            return
        self.moved = True
        horizontal = self.entity is Entity.STAGE
        if self.item is not None and alive(self.item):
            off = QPointF(delta.x(), 0) if horizontal else QPointF(0, delta.y())
            self.item.setPos(self.origin + off)
            self.item.setZValue(Z_OVERLAY - 1)
            self.item.setOpacity(0.8)
        self.target, at = self._target(pos)
        if self.marker is None:
            self.marker = guide(self.ctx.scene, width=3.0)
        b = self.ctx.layout.grid
        if horizontal:
            self.marker.setLine(at, TITLE_H, at, b.bottom)
        else:
            self.marker.setLine(0.0, at, b.right, at)

    def _restore(self) -> None:
        if self.item is not None and alive(self.item):
            self.item.setPos(self.origin)
            self.item.setZValue(self.z)
            self.item.setOpacity(1.0)
        drop_item(self.marker)
        self.marker = None

    def finish(self, pos: QPointF, modifiers) -> None:
        if self.moved:
            self.move(pos, modifiers)
        self._restore()
        if not self.moved or self.target is None:
            return
        doc = self.ctx.doc
        if self.ctx.doc.find(self.entity, self.ident) is None:
            return
        if self.target != doc.index_of(self.entity, self.ident):
            self.ctx.push(Reorder(self.entity, self.ident, self.target))

    def cancel(self) -> None:
        self._restore()


class _Resize:
    """Drag a stage header's right edge (width) or a lane header's bottom edge (height)."""

    def __init__(self, ctx: CanvasContext, entity: Entity, ident: str, start: QPointF):
        self.ctx, self.entity, self.ident, self.start = ctx, entity, ident, start
        lay = ctx.layout
        if entity is Entity.STAGE:
            r = lay.stage_header_rect(ident)
            self.edge0, self.size0 = r.right, r.w
            self.limits = STAGE_W
        else:
            r = lay.lane_header_rect(ident)
            self.edge0, self.size0 = r.bottom, r.h
            self.limits = LANE_H
        self.size = self.size0
        self.guide = guide(ctx.scene, dashed=True)
        self.move(start, Qt.KeyboardModifier.NoModifier)

    def _size_at(self, pos: QPointF) -> float:
        d = (pos.x() - self.start.x()) if self.entity is Entity.STAGE else (pos.y() - self.start.y())
        lo, hi = self.limits
        return max(lo, min(hi, self.size0 + d))

    def move(self, pos: QPointF, modifiers) -> None:
        self.size = self._size_at(pos)
        edge = self.edge0 + (self.size - self.size0)
        b = self.ctx.layout.grid
        if alive(self.guide):
            if self.entity is Entity.STAGE:
                self.guide.setLine(edge, TITLE_H, edge, b.bottom)
            else:
                self.guide.setLine(0.0, edge, b.right, edge)

    def finish(self, pos: QPointF, modifiers) -> None:
        size = round(self._size_at(pos), 2)
        drop_item(self.guide)
        if abs(size - self.size0) < 0.01 or self.ctx.doc.find(self.entity, self.ident) is None:
            return
        if self.entity is Entity.STAGE:
            self.ctx.push(Edit(Entity.STAGE, self.ident, {"width": size}, label=translate("Headers", "Resize stage")))
        else:
            self.ctx.push(Edit(Entity.LANE, self.ident, {"height": size}, label=translate("Headers", "Resize lane")))

    def cancel(self) -> None:
        drop_item(self.guide)


# ---------------------------------------------------------------------- rename
_EDITOR_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


class InlineRename(QLineEdit):
    """A line edit over a header: Enter or leaving commits one Edit of the name, Esc cancels.
    The name is never cut: when the model refuses it (too long), the editor stays open with
    what was typed and the window's status bar says why."""

    def __init__(self, ctx: CanvasContext, entity: Entity, ident: str, rect: QRectF):
        super().__init__(ctx.view.viewport())
        self.ctx, self.entity, self.ident = ctx, entity, ident
        self._done = False
        self.setText(ctx.doc.get(entity, ident).name)
        self.selectAll()
        view_rect = ctx.view.mapFromScene(rect).boundingRect()
        h = max(24, self.sizeHint().height())
        self.setGeometry(view_rect.x() + 2, view_rect.y() + 2, max(80, view_rect.width() - 4), h)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def event(self, event) -> bool:
        # Enter and Esc are this editor's: not the window's shortcuts (Enter adds a card there)
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _EDITOR_KEYS:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter is used here: QLineEdit would pass it on to the canvas, which adds a card on Enter
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if not self._done and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        name = self.text().strip()
        obj = self.ctx.doc.find(self.entity, self.ident)
        if obj is not None and name and name != obj.name:
            label = translate("Headers", "Rename stage") if self.entity is Entity.STAGE else translate("Headers", "Rename lane")
            if not self.ctx.push(Edit(self.entity, self.ident, {"name": name}, label=label)):
                self._done = False  # refused (reported): keep the text to fix or Esc
                return
        self._close()

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self._close()

    def _close(self) -> None:
        self.hide()
        self.ctx.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.deleteLater()


# ---------------------------------------------------------------------- the tool
class HeaderTool(QObject):
    """The canvas tool for stage and lane headers. Register it in ``view.interaction.tools``.

    ``editor`` is the open inline rename editor (or None). The selected headers are outlined."""

    def __init__(self, ctx: CanvasContext, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx
        self.editor: InlineRename | None = None
        self._cursor = False
        self._outlines: list[QGraphicsRectItem] = []
        ctx.view.viewport().setMouseTracking(True)  # hover moves: the resize cursor
        ctx.view.viewport().installEventFilter(self)
        ctx.selection.changed.connect(self._show_selection)
        ctx.scene.applied.connect(self._show_selection)

    # ------------------------------------------------------------ hit tests
    def border_at(self, kind: str | None, ident, pos: QPointF) -> tuple[Entity, str] | None:
        """The stage or lane whose resizable border is at ``pos`` on the header ``ident``."""
        lay = self.ctx.layout
        tol = pixels(self.ctx, EDGE_PX)
        if kind == "stage" and ident in lay.stage_ids:
            r = lay.stage_header_rect(ident)
            if abs(pos.x() - r.right) <= tol:
                return Entity.STAGE, ident
            i = lay.stage_ids.index(ident)
            if i > 0 and abs(pos.x() - r.x) <= tol:
                return Entity.STAGE, lay.stage_ids[i - 1]
        elif kind == "lane" and ident in lay.lane_ids:
            r = lay.lane_header_rect(ident)
            if abs(pos.y() - r.bottom) <= tol:
                return Entity.LANE, ident
            i = lay.lane_ids.index(ident)
            if i > 0 and abs(pos.y() - r.y) <= tol:
                return Entity.LANE, lay.lane_ids[i - 1]
        return None

    # ------------------------------------------------------------ Tool protocol
    def press(self, hit: Hit):
        if hit.kind not in ("stage", "lane") or self.ctx.layout is None:
            return None
        entity = Entity.STAGE if hit.kind == "stage" else Entity.LANE
        border = self.border_at(hit.kind, hit.ident, hit.scene_pos)
        if border is not None:
            return _Resize(self.ctx, border[0], border[1], hit.scene_pos)
        select_click(self.ctx, entity, hit.ident, hit.modifiers)
        return _Reorder(self.ctx, entity, hit.ident, hit.scene_pos)

    def double_click(self, hit: Hit) -> bool:
        if hit.kind not in ("stage", "lane"):
            return False
        if self.border_at(hit.kind, hit.ident, hit.scene_pos) is not None:
            return True  # a double-click on a border does nothing (no rename)
        return self.rename(Entity.STAGE if hit.kind == "stage" else Entity.LANE, hit.ident) is not None

    # ------------------------------------------------------------ rename
    def rename(self, entity: Entity, ident: str) -> InlineRename | None:
        """Open the inline editor over the header of a stage or (visible) lane."""
        lay = self.ctx.layout
        if self.ctx.doc.find(entity, ident) is None:
            return None
        if entity is Entity.STAGE:
            r = lay.stage_header_rect(ident)
        else:
            r = lay.lane_header_rect(ident)
            if r is None:
                return None
        if self.editor is not None and is_valid(self.editor) and not self.editor._done:
            self.editor.cancel()
        self.ctx.view.ensureVisible(QRectF(r.x, r.y, min(r.w, 300), min(r.h, 60)), 10, 10)
        self.editor = InlineRename(self.ctx, entity, ident, QRectF(r.x, r.y, r.w, min(r.h, 40)))
        return self.editor

    # ------------------------------------------------------------ looks
    def _show_selection(self) -> None:
        for item in self._outlines:
            drop_item(item)
        self._outlines = []
        if not is_valid(self.ctx.scene):  # the window is going away
            return
        lay = self.ctx.layout
        if lay is None:
            return
        p = QPen(QColor(ACCENT), 2)
        p.setCosmetic(True)
        for entity, ident in self.ctx.selection.items():
            if entity is Entity.STAGE and ident in lay.stage_ids:
                r = lay.stage_header_rect(ident)
            elif entity is Entity.LANE and ident in lay.lane_ids:
                r = lay.lane_header_rect(ident)
            else:
                continue
            item = QGraphicsRectItem(QRectF(r.x + 1, r.y + 1, r.w - 2, r.h - 2))
            item.setPen(p)
            item.setZValue(Z_OVERLAY - 2)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
            self.ctx.scene.addItem(item)
            self._outlines.append(item)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """The resize cursor near a header border while no button is down."""
        if event.type() == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            view = self.ctx.view
            if getattr(view, "_space", False) or view.interaction.gesture is not None or self.ctx.layout is None:
                return False
            pos = event.position().toPoint()
            item = element_at(view.items(pos))
            border = None
            if item is not None:
                border = self.border_at(item.data(1), item.data(0), view.mapToScene(pos))
            if border is not None:
                shape = Qt.CursorShape.SizeHorCursor if border[0] is Entity.STAGE else Qt.CursorShape.SizeVerCursor
                view.viewport().setCursor(shape)
                self._cursor = True
            elif self._cursor:
                view.viewport().unsetCursor()
                self._cursor = False
        return False
