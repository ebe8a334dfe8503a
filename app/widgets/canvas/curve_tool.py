"""Emotion curves on the canvas: add, drag, select and delete points.

* A click on empty space in the feelings lane adds a point to the ACTIVE curve at that stage and
  relative x, with the value under the mouse snapped to a whole step of the -3..+3 scale
  (Shift: a free value). With no curve yet, a curve is made for the first persona (customer
  perspective) in the same undo step.
* Dragging a point moves it (snapping likewise; Shift for free values); its x stays in its
  stage or moves to the stage under the mouse. One ``Edit`` per drag; Esc cancels.
* A click on a point selects it (shared Selection, ``Entity.POINT``): a ring and its quote as a
  small label. Delete (or the context menu) removes the selected points. Hovering a point shows
  its quote as a tooltip. A click on a curve's line selects the curve and makes it active.

:class:`ActiveCurve` holds which curve new points go to; the legend (``CurveLegend``) shares it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QMenu,
    QToolTip,
)

from app.model import commands as cmd
from app.model.commands import Command, Edit, Macro, Remove
from app.model.events import Entity
from app.model.palette import curve_colour
from app.model.schema import EMOTION_MAX, EMOTION_MIN, EmotionCurve, EmotionPoint, Perspective, new_id
from app.widgets.canvas.gestures import (
    ACCENT,
    DRAG_PX,
    Z_OVERLAY,
    Noop,
    alive,
    drop_item,
    is_valid,
    pixels,
    select_click,
)
from app.widgets.canvas.interaction import CanvasContext, Hit, element_at
from app.widgets.i18n import translate
from app.widgets.plaintext import literal

PICK_PX = 7.0  # how near (device pixels) a point's centre a press picks it
QUOTE_CHARS = 80  # the selected point's label shows at most this much of the quote


class ActiveCurve(QObject):
    """The curve new points go to: the one chosen last, else the first curve of the map."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._id: str = ""

    def set(self, curve_id: str) -> None:
        if curve_id != self._id:
            self._id = curve_id
            self.changed.emit(curve_id)

    def id(self, doc) -> str | None:  # noqa: A003
        curve = self.curve(doc)
        return curve.id if curve is not None else None

    def curve(self, doc) -> EmotionCurve | None:
        if self._id:
            c = doc.find(Entity.CURVE, self._id)
            if c is not None:
                return c
        return doc.map.curves[0] if doc.map.curves else None


def active_curve(ctx: CanvasContext) -> ActiveCurve:
    """The ActiveCurve shared by everything working on ``ctx`` (the curve tool, the legend)."""
    active = getattr(ctx, "_active_curve", None)
    if active is None:
        active = ctx._active_curve = ActiveCurve(ctx)
    return active


def place(lay, pos: QPointF, free: bool) -> tuple[str, float, float] | None:
    """(stage id, relative x, value) for a map position in the feelings lane, or None.

    x is clamped into the map's stages, the value to the scale and, unless ``free``, rounded
    to a whole step."""
    if lay is None or not lay.stage_ids or lay.curve_band() is None:
        return None
    first, last = lay.stage_header_rect(lay.stage_ids[0]), lay.stage_header_rect(lay.stage_ids[-1])
    x = max(first.x, min(last.right, pos.x()))
    stage = lay.stage_ids[-1]
    for sid in lay.stage_ids:
        if x < lay.stage_header_rect(sid).right:
            stage = sid
            break
    r = lay.stage_header_rect(stage)
    rel = round(max(0.0, min(1.0, (x - r.x) / r.w)), 4)
    v = lay.y_value(pos.y())
    v = float(round(v)) if not free else round(v, 2)
    return stage, rel, max(EMOTION_MIN, min(EMOTION_MAX, v))


def _free(modifiers) -> bool:
    return bool(modifiers & Qt.KeyboardModifier.ShiftModifier)


def delete_selected_marks(ctx: CanvasContext) -> bool:
    """Delete the selected curve points and links (one undo step). False when there are none."""
    doc = ctx.doc
    parts: list[Command] = [Remove(Entity.POINT, i, translate("Curves", "Delete curve point")) for i in ctx.selection.ids(Entity.POINT) if doc.find(Entity.POINT, i)]
    parts += [Remove(Entity.LINK, i) for i in ctx.selection.ids(Entity.LINK) if doc.find(Entity.LINK, i)]
    if not parts:
        return False
    count = len(parts)
    ctx.push(parts[0] if count == 1 else Macro(translate("Curves", "Delete %n item(s)", None, count), parts))
    return True


class DeleteKeyFilter(QObject):
    """Delete / Backspace on the view removes the selected points and links when no card is
    selected (cards are the card tools' business). It wins over a window's Delete shortcut."""

    def __init__(self, ctx: CanvasContext, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx

    def _mine(self) -> bool:
        sel = self.ctx.selection
        return bool(sel.ids(Entity.POINT) or sel.ids(Entity.LINK)) and not sel.ids(Entity.CARD)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if t in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and event.key() in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        ):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods != Qt.KeyboardModifier.NoModifier or not self._mine():
                return False
            event.accept()
            if t is QEvent.Type.KeyPress:
                delete_selected_marks(self.ctx)
            return True
        return False


def install_delete_filter(ctx: CanvasContext) -> None:
    """One Delete-key filter per view, whichever tool comes first."""
    if getattr(ctx.view, "_marks_delete_filter", None) is None:
        f = DeleteKeyFilter(ctx)
        ctx.view.installEventFilter(f)
        ctx.view._marks_delete_filter = f


def _ghost(scene, colour: str) -> tuple[QGraphicsEllipseItem, QGraphicsSimpleTextItem]:
    dot = QGraphicsEllipseItem(QRectF(-5, -5, 10, 10))
    c = QColor(colour or ACCENT)
    c.setAlpha(170)
    dot.setBrush(QBrush(c))
    p = QPen(QColor("#FFFFFF"), 1.5)
    p.setCosmetic(True)
    dot.setPen(p)
    dot.setZValue(Z_OVERLAY + 1)
    scene.addItem(dot)
    label = QGraphicsSimpleTextItem(dot)
    label.setPos(8, -16)
    return dot, label


def _value_text(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return f"{v:+.0f}" if v else "0"
    return f"{v:+.2f}"


# ---------------------------------------------------------------------- gestures
class _AddPoint:
    """A press in the feelings lane: a ghost point follows the mouse; the release adds it."""

    def __init__(self, tool: CurveTool, pos: QPointF, modifiers):
        self.tool, self.ctx = tool, tool.ctx
        curve = tool.active.curve(self.ctx.doc)
        colour = curve_colour(self.ctx.doc.map, curve) if curve is not None else ACCENT
        self.dot, self.label = _ghost(self.ctx.scene, colour)
        self.move(pos, modifiers)

    def move(self, pos: QPointF, modifiers) -> None:
        _move_ghost(self.ctx.layout, self.dot, self.label, pos, modifiers)

    def finish(self, pos: QPointF, modifiers) -> None:
        drop_item(self.dot)
        at = place(self.ctx.layout, pos, _free(modifiers))
        if at is not None:
            self.tool.add_point(*at)

    def cancel(self) -> None:
        drop_item(self.dot)


def _move_ghost(lay, dot, label, pos: QPointF, modifiers) -> None:
    """Put the ghost point (and its value label) where a release at ``pos`` would put the point."""
    at = place(lay, pos, _free(modifiers))
    if at is None or not alive(dot):
        return
    stage, rel, value = at
    r = lay.stage_header_rect(stage)
    dot.setPos(r.x + rel * r.w, lay.value_y(value))
    label.setText(_value_text(value))


class _DragPoint:
    def __init__(self, tool: CurveTool, curve_id: str, point_id: str, pos: QPointF):
        self.tool, self.ctx = tool, tool.ctx
        self.curve_id, self.point_id, self.start = curve_id, point_id, pos
        self.moved = False
        self.dot = self.label = None

    def move(self, pos: QPointF, modifiers) -> None:
        if not self.moved and (pos - self.start).manhattanLength() < pixels(self.ctx, DRAG_PX):
            return
        self.moved = True
        if self.dot is None:
            curve = self.ctx.doc.find(Entity.CURVE, self.curve_id)
            colour = curve_colour(self.ctx.doc.map, curve) if curve is not None else ACCENT
            self.dot, self.label = _ghost(self.ctx.scene, colour)
        _move_ghost(self.ctx.layout, self.dot, self.label, pos, modifiers)

    def finish(self, pos: QPointF, modifiers) -> None:
        drop_item(self.dot)
        if not self.moved:
            return
        doc = self.ctx.doc
        point = doc.find(Entity.POINT, self.point_id)
        at = place(self.ctx.layout, pos, _free(modifiers))
        if point is None or at is None:
            return
        stage, rel, value = at
        fields = {}
        if stage != point.stage_id:
            fields["stage_id"] = stage
            if point.card_id:  # an anchored point follows its card: moved elsewhere, it lets go
                fields["card_id"] = None
        if abs(rel - point.x) > 1e-6:
            fields["x"] = rel
        if abs(value - point.value) > 1e-9:
            fields["value"] = value
        if fields:
            self.ctx.push(Edit(Entity.POINT, self.point_id, fields, label=translate("Curves", "Move curve point")))

    def cancel(self) -> None:
        drop_item(self.dot)


# ---------------------------------------------------------------------- the tool
class CurveTool(QObject):
    """The canvas tool for emotion curves. Register it in ``view.interaction.tools`` (before the
    card tool). ``active`` is the :class:`ActiveCurve` (default: the one shared on ``ctx``)."""

    def __init__(self, ctx: CanvasContext, active: ActiveCurve | None = None, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx
        self.active = active or active_curve(ctx)
        self._marks: list[QGraphicsItem] = []
        ctx.view.viewport().installEventFilter(self)
        install_delete_filter(ctx)
        ctx.selection.changed.connect(self._show_selection)
        ctx.scene.applied.connect(self._show_selection)

    # ------------------------------------------------------------ queries
    def point_at(self, pos: QPointF) -> tuple[str, str] | None:
        """(curve id, point id) of the visible point nearest ``pos`` within reach, or None."""
        scene = self.ctx.scene
        reach = max(pixels(self.ctx, PICK_PX), 5.0)
        best, best_d = None, reach
        active = self.active.id(self.ctx.doc)
        for cid, item in scene.curve_items.items():
            if not item.isVisible():
                continue
            for cp in item.geo.points:
                d = math.hypot(cp.x - pos.x(), cp.y - pos.y())
                if d < best_d or (d == best_d and cid == active):
                    best, best_d = (cid, cp.id), d
        return best

    def tooltip_at(self, pos: QPointF) -> str:
        """The quote of the point at ``pos`` ("" if none)."""
        hit = self.point_at(pos)
        if hit is None:
            return ""
        p = self.ctx.doc.find(Entity.POINT, hit[1])
        return p.quote if p is not None else ""

    def _feelings_cell(self, hit: Hit) -> bool:
        lay = self.ctx.layout
        return (
            hit.kind == "cell"
            and lay.feelings_lane is not None
            and isinstance(hit.ident, tuple)
            and hit.ident[1] == lay.feelings_lane
        )

    # ------------------------------------------------------------ Tool protocol
    def press(self, hit: Hit):
        if self.ctx.layout is None or self.ctx.layout.feelings_lane is None:
            return None
        # a point within reach, but not under a card the press is on: zoomed out, a point's
        # reach (PICK_PX) spans the lanes round the feelings lane, and a press on a card there
        # dragged the curve's point instead of the card (1 scripted drag in 60 at the whole-map
        # zoom of 10,000 cards)
        found = self.point_at(hit.scene_pos) if hit.kind != "card" else None
        if found is not None:
            select_click(self.ctx, Entity.POINT, found[1], hit.modifiers)
            return _DragPoint(self, found[0], found[1], hit.scene_pos)
        if hit.kind == "curve":
            self.active.set(hit.ident)
            select_click(self.ctx, Entity.CURVE, hit.ident, hit.modifiers)
            return Noop()
        if self._feelings_cell(hit):
            return _AddPoint(self, hit.scene_pos, hit.modifiers)
        return None

    def double_click(self, hit: Hit) -> bool:
        return False

    # ------------------------------------------------------------ edits
    def add_point(self, stage_id: str, x: float, value: float) -> str:
        """Add a point to the active curve (making one when the map has none); one step.
        The new point is selected. Returns its id."""
        doc = self.ctx.doc
        point = EmotionPoint(id=new_id("pt"), stage_id=stage_id, x=x, value=value)
        curve = self.active.curve(doc)
        if curve is None:
            persona = doc.map.personas[0].id if doc.map.personas else None
            curve = EmotionCurve(id=new_id("curve"), persona_id=persona, perspective=Perspective.CUSTOMER, points=[point])
            self.ctx.push(Macro(translate("Curves", "Add curve point"), [cmd.add_curve(curve)]))
            self.active.set(curve.id)
        else:
            order = {sid: i for i, sid in enumerate(s.id for s in doc.map.stages)}
            key = (order.get(stage_id, 0), x)
            index = sum(1 for p in curve.points if (order.get(p.stage_id, 0), p.x) <= key)
            parts: list[Command] = [cmd.add_point(curve.id, point, index)]
            if not curve.visible:
                parts.insert(0, Edit(Entity.CURVE, curve.id, {"visible": True}))
            self.ctx.push(parts[0] if len(parts) == 1 else Macro(translate("Curves", "Add curve point"), parts))
        self.ctx.selection.set([(Entity.POINT, point.id)])
        return point.id

    def delete_selected_points(self) -> bool:
        """Delete the selected points (and selected links): one undo step."""
        return delete_selected_marks(self.ctx)

    def context_menu(self, point_id: str, parent=None) -> QMenu:
        self.ctx.selection.set([(Entity.POINT, point_id)])
        menu = QMenu(parent or self.ctx.view)
        menu.addAction(translate("Curves", "Delete Point"), self.delete_selected_points)
        return menu

    # ------------------------------------------------------------ looks
    def _show_selection(self) -> None:
        for item in self._marks:
            drop_item(item)
        self._marks = []
        if not is_valid(self.ctx.scene):  # the window is going away
            return
        doc, scene = self.ctx.doc, self.ctx.scene
        for pid in self.ctx.selection.ids(Entity.POINT):
            point = doc.find(Entity.POINT, pid)
            if point is None:
                continue
            item = scene.curve_items.get(doc.point_curve(pid).id)
            if item is None or not item.isVisible():
                continue
            cp = next((p for p in item.geo.points if p.id == pid), None)
            if cp is None:
                continue
            ring = QGraphicsEllipseItem(QRectF(-8, -8, 16, 16))
            pen = QPen(QColor(ACCENT), 2)
            pen.setCosmetic(True)
            ring.setPen(pen)
            ring.setPos(cp.x, cp.y)
            ring.setZValue(Z_OVERLAY)
            scene.addItem(ring)
            self._marks.append(ring)
            if point.quote:
                text = " ".join(point.quote.split())
                if len(text) > QUOTE_CHARS:
                    text = text[: QUOTE_CHARS - 1] + "…"
                box = QGraphicsRectItem()
                box.setBrush(QBrush(QColor(255, 255, 255, 235)))
                bp = QPen(QColor(ACCENT), 1)
                bp.setCosmetic(True)
                box.setPen(bp)
                label = QGraphicsSimpleTextItem(f"“{text}”", box)
                f = label.font()
                f.setPointSizeF(7.5)
                label.setFont(f)
                r = label.boundingRect()
                label.setPos(3, 2)
                box.setRect(QRectF(0, 0, r.width() + 6, r.height() + 4))
                box.setPos(cp.x + 10, cp.y - r.height() - 14)
                box.setZValue(Z_OVERLAY)
                scene.addItem(box)
                self._marks.append(box)

    def quote_label(self) -> str:
        """The text of the selected point's label ("" when none is shown)."""
        for item in self._marks:
            if alive(item) and isinstance(item, QGraphicsRectItem):
                for child in item.childItems():
                    if isinstance(child, QGraphicsSimpleTextItem):
                        return child.text()
        return ""

    def _on_card(self, view_pos) -> bool:
        """Whether the topmost element at ``view_pos`` (viewport pixels) is a card: a point's
        reach does not take the card's press, tooltip or menu (see :meth:`press`)."""
        hit = element_at(self.ctx.view.items(view_pos))
        return hit is not None and hit.data(1) == "card"

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if t == QEvent.Type.ToolTip:
            quote = self.tooltip_at(self.ctx.view.mapToScene(event.pos())) if not self._on_card(event.pos()) else ""
            if quote:
                QToolTip.showText(event.globalPos(), literal(quote), self.ctx.view.viewport())
                return True
        elif t == QEvent.Type.ContextMenu:
            found = self.point_at(self.ctx.view.mapToScene(event.pos())) if not self._on_card(event.pos()) else None
            if found is not None:
                menu = self.context_menu(found[1])
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False


__all__ = ["ActiveCurve", "CurveTool", "active_curve", "delete_selected_marks", "place"]
