"""Keyboard paths for what the mouse does by dragging: a link between two cards, curve points.

:class:`KeyboardLink` (Insert > Link From This Card, Ctrl+L): the current card becomes the link's
source (outlined); the arrow keys then move among the cards as always (card_actions), Enter
links the source to the card reached (one ``Insert`` of a ``Link``, as a drag from the link
handle does) and Esc cancels. The status bar says what to do at each step.

:class:`CurvePointKeys`: Insert > Curve Point (Ctrl+Shift+P) adds a point to the active curve at
the current stage (of the selected cell, card or point), neutral; while one curve point is
selected, Up/Down change its value by a step of the scale (Shift: a tenth) and Left/Right move
it along the journey by a quarter of a stage (Shift: a twentieth), into the next stage at the
edge. Consecutive nudges of one point are one undo step.

Both watch the view's keys; make them after :class:`~app.widgets.canvas.card_actions.CardActions`
so that they see the keys first (Qt asks the filter installed last first)::

    self.keyboard_link = KeyboardLink(ctx, self.card_actions)
    self.curve_keys = CurvePointKeys(ctx, self.card_actions, self.curve_tool)
    self.keyboard_link.message.connect(status_bar.showMessage)   # (text, timeout ms)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from app.model.commands import Edit
from app.model.events import Entity
from app.model.schema import EMOTION_MAX, EMOTION_MIN
from app.widgets.canvas.accessibility import announce, card_name
from app.widgets.canvas.gestures import ACCENT, Z_OVERLAY, alive, drop_item
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.link_tool import add_link
from app.widgets.i18n import translate

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
VALUE_STEP, VALUE_FINE = 1.0, 0.1  # a whole step of the -3..+3 scale; Shift: a tenth
X_STEP, X_FINE = 0.25, 0.05  # a quarter of a stage; Shift: a twentieth
SAY_MS = 8000  # how long a result stays in the status bar (a prompt stays until the next one)


def _plain(event) -> bool:
    return not (event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier))


class KeyboardLink(QObject):
    """Pick a link's target with the keyboard (see the module docstring)."""

    message = Signal(str, int)  # (text, timeout in ms; 0: until the next message)

    def __init__(self, ctx: CanvasContext, cards, parent: QObject | None = None):
        super().__init__(parent or ctx.view)
        self.ctx, self.cards = ctx, cards
        self.source: str | None = None
        self._box: QGraphicsRectItem | None = None
        ctx.view.installEventFilter(self)
        ctx.scene.applied.connect(self._follow)

    @property
    def active(self) -> bool:
        return self.source is not None

    def _say(self, text: str, timeout: int = 0) -> None:
        self.message.emit(text, timeout)
        announce(self.ctx.view, text)

    def start(self) -> bool:
        """Make the current card the source and wait for the target."""
        cur = self.cards.current_card()
        if cur is None:
            self._say(translate("Accessibility", "Select the card the link starts from, then choose Link From This Card."), SAY_MS)
            return False
        self._clear()
        self.source = cur
        self._outline()
        self.ctx.view.setFocus()
        self._say(translate("Accessibility", "Link from “{0}”: go to the target card with the arrow keys, then press Enter "
                      "(Esc cancels).").format(card_name(self.ctx.doc, cur)))
        return True

    def finish(self) -> bool:
        """Link the source to the current card. Stays in the mode when there is no other card."""
        source = self.source
        if source is None:
            return False
        target = self.cards.current_card()
        if target is None or target == source:
            self._say(translate("Accessibility", "Go to another card with the arrow keys, then press Enter (Esc cancels)."))
            return False
        self._clear()
        doc = self.ctx.doc
        names = card_name(doc, source), card_name(doc, target)
        if add_link(self.ctx, source, target) is None:
            self._say(translate("Accessibility", "“{0}” already links to “{1}”.").format(*names), SAY_MS)
            return False
        self._say(translate("Accessibility", "Linked “{0}” to “{1}”.").format(*names), SAY_MS)
        return True

    def cancel(self) -> None:
        if self.source is not None:
            self._clear()
            self._say(translate("Accessibility", "Link cancelled."), SAY_MS)

    def _clear(self) -> None:
        self.source = None
        drop_item(self._box)
        self._box = None

    def _outline(self) -> None:
        drop_item(self._box)
        self._box = None
        item = self.ctx.scene.card_item(self.source) if self.source else None
        if item is None:
            return
        box = QGraphicsRectItem(item.sceneBoundingRect().adjusted(-3, -3, 3, 3))
        pen = QPen(QColor(ACCENT), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        box.setPen(pen)
        box.setZValue(Z_OVERLAY)
        box.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.ctx.scene.addItem(box)
        self._box = box

    def _follow(self) -> None:
        """After an edit or another map: the source outline follows its card, or the mode ends."""
        if self.source is None:
            return
        if self.ctx.doc.find(Entity.CARD, self.source) is None:
            self._clear()
            self._say(translate("Accessibility", "Link cancelled: its first card is gone."), SAY_MS)
        elif not alive(self._box) or self._box.scene() is None:
            self._outline()
        else:
            item = self.ctx.scene.card_item(self.source)
            if item is not None:
                self._box.setRect(item.sceneBoundingRect().adjusted(-3, -3, 3, 3))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self.source is None or watched is not self.ctx.view:
            return False
        t = event.type()
        if t not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        key = event.key()
        if key not in ENTER_KEYS and key != Qt.Key.Key_Escape:
            if t == QEvent.Type.KeyPress and _plain(event) and event.text().strip():
                return True  # typing while choosing the target starts no card (quick capture)
            return False  # arrows and the rest: the card keys move the current card
        event.accept()  # an override accepted: no window shortcut (Enter adds a card) fires
        if t == QEvent.Type.KeyPress:
            if key == Qt.Key.Key_Escape:
                self.cancel()
            else:
                self.finish()
        return True


class CurvePointKeys(QObject):
    """Add and move curve points with the keyboard (see the module docstring)."""

    message = Signal(str, int)

    def __init__(self, ctx: CanvasContext, cards, curves, parent: QObject | None = None):
        super().__init__(parent or ctx.view)
        self.ctx, self.cards, self.curves = ctx, cards, curves
        self._session = 0  # part of the merge key: choosing a point again starts a new undo step
        self._point: str | None = None
        ctx.view.installEventFilter(self)
        ctx.selection.changed.connect(self._selection_changed)

    def _say(self, text: str, timeout: int = SAY_MS) -> None:
        self.message.emit(text, timeout)
        announce(self.ctx.view, text)

    def selected_point(self) -> str | None:
        """The one selected curve point (no cards selected with it), else None."""
        sel = self.ctx.selection
        ids = [i for i in sel.ids(Entity.POINT) if self.ctx.doc.find(Entity.POINT, i) is not None]
        return ids[0] if len(ids) == 1 and not sel.ids(Entity.CARD) else None

    def _selection_changed(self) -> None:
        point = self.selected_point()
        if point != self._point:
            self._point = point
            self._session += 1

    def _stage(self) -> str | None:
        doc, lay = self.ctx.doc, self.ctx.layout
        point = self.selected_point()
        if point is not None:
            return doc.find(Entity.POINT, point).stage_id
        cur = self.cards.current_card()
        if cur is not None:
            return doc.card(cur).stage_id
        if self.cards.cell is not None and self.cards.cell[0] in lay.stage_ids:
            return self.cards.cell[0]
        return lay.stage_ids[0] if lay.stage_ids else None

    def add_point(self) -> bool:
        """A neutral point on the active curve at the current stage (one undo step), selected."""
        lay = self.ctx.layout
        if lay.feelings_lane is None:
            self._say(translate("Accessibility", "This map has no feelings lane: set a lane's type to Feelings to draw a curve."))
            return False
        stage = self._stage()
        if stage is None:
            return False
        curve = self.curves.active.curve(self.ctx.doc)
        taken = [p.x for p in curve.points if p.stage_id == stage] if curve is not None else []
        x = next((x for x in (0.5, 0.25, 0.75, 0.0, 1.0) if all(abs(x - t) > 0.01 for t in taken)), 0.5)
        self.curves.add_point(stage, x, 0.0)
        self.ctx.view.setFocus()
        self._say(translate("Accessibility", "Curve point added in {0}: Up and Down change the feeling, Left and Right move it "
                      "(Shift: finer steps).").format(self._stage_name(stage)))
        return True

    def _stage_name(self, stage_id: str) -> str:
        stage = self.ctx.doc.find(Entity.STAGE, stage_id)
        return stage.name if stage is not None else ""

    def nudge(self, dx: int, dy: int, fine: bool = False) -> bool:
        """Move the selected point ``dx`` steps along the journey and ``dy`` steps up the scale."""
        pid = self.selected_point()
        lay = self.ctx.layout
        if pid is None or not lay.stage_ids:
            return False
        point = self.ctx.doc.find(Entity.POINT, pid)
        value = point.value + dy * (VALUE_FINE if fine else VALUE_STEP)
        value = round(max(EMOTION_MIN, min(EMOTION_MAX, value)), 2)
        stages = lay.stage_ids
        n = len(stages)
        at = (stages.index(point.stage_id) if point.stage_id in stages else 0) + point.x
        at = max(0.0, min(float(n), at + dx * (X_FINE if fine else X_STEP)))
        index = min(int(at), n - 1)
        stage, x = stages[index], round(min(1.0, at - index), 4)
        if stage == point.stage_id and abs(x - point.x) < 1e-9 and abs(value - point.value) < 1e-9:
            return True  # at the end of the scale or the journey: nothing to do, the key is used
        # always all the fields: merged nudges then undo to where the first one started
        fields = {"stage_id": stage, "x": x, "value": value,
                  "card_id": point.card_id if stage == point.stage_id else None}
        self.ctx.push(Edit(Entity.POINT, pid, fields, label=translate("Accessibility", "Move curve point"),
                           merge_key=f"nudge-point:{pid}:{self._session}"))
        self.message.emit(translate("Accessibility", "{0}, value {1:+g}").format(self._stage_name(stage), value), SAY_MS)
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.ctx.view or event.type() != QEvent.Type.KeyPress:
            return False
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        if event.key() not in moves or not _plain(event) or self.selected_point() is None:
            return False
        if self.ctx.view.interaction.gesture is not None:
            return False
        dx, dy = moves[event.key()]
        self.nudge(dx, dy, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        event.accept()
        return True


__all__ = ["CurvePointKeys", "KeyboardLink", "add_link"]
