"""Edit a card's title and body in place, over the card on the canvas.

:class:`InlineEditor` is a small frame (a title line edit above a body text edit) laid over the
card on the view's viewport; it follows scrolling and zooming, and keeps a readable size when
the map is zoomed out. Enter in the title (or Ctrl+Enter in the body) commits, Esc cancels,
moving the focus anywhere outside the editor (clicking the canvas, another widget) commits.
A commit pushes ONE command (an :class:`~app.model.commands.Edit` of the fields that changed,
so title and body are one undo step) and pushes nothing when nothing changed. ``open_new`` types
a card that is not in the map yet (quick capture): the frame lies where the card will go, and a
commit with some text inserts it with its text as ONE "Add card" step (empty: nothing at all).
If the card is deleted meanwhile (an undo), the editor closes without pushing. Text is never
cut to a length: when the model refuses the edit (a title longer than the schema allows), the
editor stays open with what was typed and the window's status bar shows the model's message.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from shiboken6 import isValid

from app.model.commands import Edit, InsertCards, typing_key
from app.model.events import Cell, Entity
from app.model.schema import Card, new_id
from app.model.textlayout import CARD_GAP, CELL_PAD
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.scroll_ahead import ScrollAhead
from app.widgets.i18n import translate
from app.widgets.selection import follow_document

MIN_W, MIN_H = 220, 130
NEW_CARD_H = 40.0  # map points: where a card not yet in the map is typed (the frame is larger)
REFILL_NOTES = 3  # the room at the end of a cell reaches further when less is left than for these
ROOM_NOTES = 8  # ... by the scroll-ahead's room, but for no more notes than these (zoomed out)
HINT = QT_TRANSLATE_NOOP("InlineEditor", "Enter: done · Ctrl+Enter in the body · Esc: cancel")


class InlineEditor(QObject):
    """Owns the editor frame; ``open(card_id)``, ``commit()``, ``cancel()``; ``active``."""

    opened = Signal(str)
    closed = Signal(bool)  # True when committed

    def __init__(self, ctx: CanvasContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.card_id: str | None = None
        self.pending: tuple[Card, Cell, int | None] | None = None  # open_new: not in the map yet
        self.added: str | None = None  # the id of the card the last commit of open_new inserted
        self._new = False
        self._unfollow = None
        self._closing = False
        # key_hook(widget, key_event) -> bool: offered the fields' key presses first while open
        # (quick capture chains cards with Enter and Tab); True when it used the key
        self.key_hook = None
        view = ctx.view
        self.frame = QFrame(view.viewport())
        self.frame.setObjectName("inlineCardEditor")
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.frame.setAutoFillBackground(True)
        self.title = QLineEdit(self.frame)
        self.title.setPlaceholderText(translate("InlineEditor", "Title"))
        self.body = QPlainTextEdit(self.frame)
        self.body.setPlaceholderText(translate("InlineEditor", "Body"))
        self.body.setTabChangesFocus(True)
        self.title.setAccessibleName(translate("InlineEditor", "Card title"))
        self.body.setAccessibleName(translate("InlineEditor", "Card body"))
        self.hint = QLabel(translate("InlineEditor", HINT), self.frame)
        self.hint.setObjectName("inlineEditorHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        small = self.hint.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        self.hint.setFont(small)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title.setToolTip(translate("InlineEditor", HINT))
        self.body.setToolTip(translate("InlineEditor", HINT))
        lay = QVBoxLayout(self.frame)
        lay.setContentsMargins(3, 3, 3, 3)
        lay.setSpacing(3)
        lay.addWidget(self.title)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.hint)
        self.frame.hide()
        self.title.installEventFilter(self)
        self.body.installEventFilter(self)
        self.frame.installEventFilter(self)  # keys the fields leave must not reach the canvas
        self.ahead = ScrollAhead(view)  # room below a card being typed, made after its frame
        view.horizontalScrollBar().valueChanged.connect(self.place)
        view.verticalScrollBar().valueChanged.connect(self.place)
        if hasattr(view, "zoomChanged"):
            view.zoomChanged.connect(self._follow_zoom)
            view.zoomChanged.connect(self.place)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.frame.destroyed.connect(self._detach)

    @property
    def active(self) -> bool:
        return self.card_id is not None or self.pending is not None

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.frame, self.title, self.body)

    # ------------------------------------------------------------ open / close
    def open(self, card_id: str, new: bool = False) -> bool:
        """Edit ``card_id`` in place; ``new``: the card was just added, and what is typed now
        joins its "Add card" undo step (one step to undo, see commands.typing_key)."""
        if self.active:
            self.commit()
            if self.active:
                return False  # the model refused what is typed here: keep it
        doc = self.ctx.doc
        card = doc.find(Entity.CARD, card_id)
        if card is None or self.ctx.scene.card_item(card_id) is None:
            return False
        self.card_id = card_id
        self._new = new
        self._doc = doc
        self._unfollow = follow_document(self.frame, doc, self._on_changes)
        self.title.setText(card.title)
        self.body.setPlainText(card.body)
        item = self.ctx.scene.card_item(card_id)
        self.ctx.view.ensureVisible(item, 40, 40)
        self.place()
        self.frame.show()
        self.frame.raise_()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title.selectAll()
        self.opened.emit(card_id)
        return True

    def open_new(self, cell: Cell, index: int | None, card: Card) -> bool:
        """Type a new card that is not in the map yet: a commit with some text inserts ``card``
        (its kind and flags; a fresh id) into ``cell`` at ``index`` with that text, as one
        "Add card" step, and sets :attr:`added`; a commit with nothing typed, or a cancel,
        leaves the map as it was."""
        if self.active:
            self.commit()
            if self.active:
                return False
        if not isValid(self.frame) or self.ctx.layout.cell_rect(*cell) is None:
            return False
        self.pending = (card, cell, index)
        self.card_id = None
        self._new = True
        self._doc = self.ctx.doc
        self._unfollow = follow_document(self.frame, self._doc, self._on_changes)
        self._keep_room()
        self._bring_into_view(self._new_rect())  # first: the fields cleared below repaint
        self.title.clear()
        self.body.clear()
        self.place()
        self.frame.show()
        self.frame.raise_()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.opened.emit("")
        return True

    def _bring_into_view(self, rect: QRectF, margin: int = 40) -> None:
        """Scroll ``rect`` (a card being typed) into view with ``margin`` pixels round it, by as
        little as that takes; then, after the frame that shows it, on until a share of the view
        lies free below it (:mod:`~app.widgets.canvas.scroll_ahead`). Notes typed one below the
        other no longer scroll the canvas in their own frames: a scroll of a card each painted
        the strip that came into view, with every link crossing it (~3-5 ms a note at 5,000
        cards); a jump of a third of the view every dozen notes, made in the note's frame,
        painted half the canvas in it (the 95th percentile of quick capture at 5,000 cards:
        22.5 against 17 ms). Qt moves the pixels it has and paints the strip that comes into
        view (as long as nothing over the canvas waits to be repainted, see :meth:`commit`)."""
        view = self.ctx.view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        zoom = max(view.transform().m11(), 1e-6)
        rect = self._framed(rect)
        m = margin / zoom
        if not seen.adjusted(m, m, -m, -m).contains(rect):
            view.ensureVisible(rect, margin, margin)
        if self.ahead.lacks_room(rect):
            self.ahead.plan(self._ahead_rect)  # (as far as the cell goes: _ahead_rect)

    def _framed(self, rect: QRectF) -> QRectF:
        """``rect`` with the frame's least size (MIN_W x MIN_H pixels: its body field below the
        title) at the view's zoom."""
        zoom = max(self.ctx.view.transform().m11(), 1e-6)
        return QRectF(rect.x(), rect.y(), max(rect.width(), MIN_W / zoom), max(rect.height(), MIN_H / zoom))

    def _ahead_rect(self) -> QRectF | None:
        """Where the card being typed is now, framed (None: no card is being typed), with the
        room to keep free below it as far as its cell goes: never the lanes below it, which
        move with every note when the cell sets its lane's height (shown, each note would
        repaint all of them)."""
        if self.pending is None:
            return None
        cell = self.ctx.layout.cell_rect(*self.pending[1])
        if cell is None:
            return None
        rect = self._framed(self._new_rect())
        zoom = max(self.ctx.view.transform().m11(), 1e-6)
        bottom = min(rect.bottom() + self.ahead.room() / zoom, cell.y + cell.h)
        return QRectF(rect.x(), rect.y(), rect.width(), max(rect.height(), bottom - rect.y()))

    def _room_height(self) -> float:
        """The room kept in the layout for a card being typed: the frame's height in map points
        at the view's zoom (its body field and hint below the title)."""
        zoom = max(self.ctx.view.transform().m11(), 1e-6)
        return max(NEW_CARD_H, MIN_H / zoom)

    def _keep_room(self, refill: bool = False) -> None:
        """Make room in the layout where the pending card goes, so that the frame covers no
        card below it: the cards under it in its cell, and the lanes below when the cell sets
        its lane's height, move down as for a card of the frame's height. At the end of a cell
        the room reaches further, for the notes typed next (:meth:`_reach`; ``refill``: reach
        further now)."""
        _card, cell, index = self.pending
        stack = self.ctx.layout.cell_cards(cell)
        at = len(stack) if index is None else max(0, min(index, len(stack)))
        height = self._room_height()
        reach = self._reach(cell, stack, height, refill) if at == len(stack) else 0.0
        scene = self.ctx.scene
        scene.links_after_frame = True  # the frame first: the links of what moved follow it
        try:
            scene.set_room(cell, stack[at] if at < len(stack) else None, height, reach)
        finally:
            scene.links_after_frame = False

    def _reach(self, cell: Cell, stack: list[str], height: float, refill: bool = False) -> float:
        """How far below its cell's top the room at the end of ``cell`` reaches: a bottom kept
        while notes are typed there (each one typed into the room, MapLayout.set_room). When
        less than a few notes' room is left it is set again further down (``height`` and the
        scroll-ahead's room in map points, at most ROOM_NOTES notes' worth) after the frame (``refill``, asked through the
        scroll-ahead), and at once only when not even ``height`` is left. A cell that sets its
        lane's height then grows the lane once every several notes, outside their frames: each
        growth moves every lane below with its cells and links (~10 ms at 5,000 cards), and
        the notes fill the room as in a cell shorter than its lane."""
        lay = self.ctx.layout
        cell_top = lay.cell_rect(*cell).y
        if stack:
            last = lay.card_rect(stack[-1])
            top = last.y + last.h + CARD_GAP - cell_top
        else:
            top = CELL_PAD
        reach = lay.room_reach if lay.room is not None and lay.room[0] == cell else 0.0  # (kept so far)
        left = reach - top if reach else -1.0
        if refill or left < height + CARD_GAP:
            zoom = max(self.ctx.view.transform().m11(), 1e-6)
            # (zoomed out, the scroll-ahead's room is thousands of points: a band of empty cell)
            more = min(self.ahead.room() / zoom, ROOM_NOTES * (NEW_CARD_H + CARD_GAP))
            return top + height + CARD_GAP + more
        if left < height + CARD_GAP + REFILL_NOTES * (NEW_CARD_H + CARD_GAP):
            self.ahead.plan(self._ahead_rect, before=self._refill)
        return reach

    def _refill(self) -> None:
        """After the frame: the room at the end of the cell reaches further (see :meth:`_reach`)."""
        if self.pending is not None and self.ctx.layout.cell_rect(*self.pending[1]) is not None:
            self._keep_room(refill=True)

    def _free_room(self) -> None:
        scene = self.ctx.scene
        if isValid(scene) and scene.layout.room is not None:
            scene.set_room(None)

    def _follow_zoom(self, *_args) -> None:
        if self.pending is not None:
            self._keep_room()  # (the frame keeps its size in pixels)

    def _new_rect(self) -> QRectF:
        """Where the pending card goes: the room kept for it, or (none) under the card before it
        or at the top of its cell."""
        room = self.ctx.layout.room_rect()
        if room is not None:
            return QRectF(room.x, room.y, room.w, room.h)
        _card, cell, index = self.pending
        lay = self.ctx.layout
        stack = lay.cell_cards(cell)
        at = len(stack) if index is None else max(0, min(index, len(stack)))
        cr = lay.cell_rect(*cell)
        if cr is None:
            return QRectF()
        if at > 0:
            r = lay.card_rect(stack[at - 1])
            return QRectF(r.x, r.y + r.h + CARD_GAP, r.w, NEW_CARD_H)
        return QRectF(cr.x + CELL_PAD, cr.y + CELL_PAD, cr.w - 2 * CELL_PAD, NEW_CARD_H)

    def place(self, *_args) -> None:
        """Lay the frame over the card (at least MIN_W x MIN_H pixels)."""
        if not self.active or not isValid(self.frame):
            return
        if self.pending is not None:
            scene_rect = self._new_rect()
        else:
            item = self.ctx.scene.card_item(self.card_id)
            if item is None or not isValid(item):  # the window is closing: its scene is gone
                return
            scene_rect = item.sceneBoundingRect()
        r = self.ctx.view.mapFromScene(scene_rect).boundingRect()
        self.frame.setGeometry(QRect(r.x(), r.y(), max(MIN_W, r.width()), max(MIN_H, r.height())))

    def _close(self, keep_frame: bool = False) -> None:
        """Close; with ``keep_frame`` the frame stays shown, with the focus, for a card opened
        next in the same event (see :meth:`commit`)."""
        self._closing = True
        try:
            had_focus = self.frame.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
            self.card_id = None
            self.pending = None
            if self._unfollow is not None:
                self._unfollow()
                self._unfollow = None
            if not keep_frame:
                self._free_room()
                self.frame.hide()
                if had_focus:
                    self.ctx.view.setFocus(Qt.FocusReason.OtherFocusReason)
        finally:
            self._closing = False

    def hide_frame(self) -> None:
        """Hide a frame kept by ``commit(keep_frame=True)`` when no card was opened after all."""
        if not self.active and self.frame.isVisible():
            self._free_room()
            had_focus = self.frame.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
            self.frame.hide()
            if had_focus:
                self.ctx.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self, keep_frame: bool = False) -> bool:
        """Push the edit (if anything changed) and close. True when a command was pushed; when
        the model refuses it the editor stays open with the text (``active`` stays True).

        ``keep_frame``: the caller opens the next card at once (quick capture's Enter and Tab),
        so the frame is neither hidden nor its fields touched until that card scrolls into view:
        a widget over the canvas repainted before the view scrolls costs the scroll its blit (Qt
        does not move a region still waiting to be painted) and the whole canvas is painted
        again (~20 ms at 5,000 cards, against a strip)."""
        if not self.active or self._closing:
            return False
        if self.pending is not None:
            return self._commit_new(keep_frame)
        card_id, doc = self.card_id, self._doc
        title = self.title.text()
        body = self.body.toPlainText()
        card = doc.find(Entity.CARD, card_id)
        pushed = False
        if card is not None and doc is self.ctx.doc:
            fields = {k: v for k, v in (("title", title), ("body", body)) if getattr(card, k) != v}
            if fields:
                self._closing = True  # the push's focus and document events must not re-enter
                try:
                    key = typing_key(card_id) if self._new else None
                    pushed = self.ctx.push(Edit(Entity.CARD, card_id, fields, label=translate("InlineEditor", "Edit card text"), merge_key=key))
                finally:
                    self._closing = False
                if not pushed:
                    return False
        self._close(keep_frame)
        self.closed.emit(True)
        return pushed

    def _commit_new(self, keep_frame: bool = False) -> bool:
        card, cell, index = self.pending
        title, body = self.title.text(), self.body.toPlainText()
        pushed = False
        self.added = None
        if (title or body) and self._doc is self.ctx.doc and self.ctx.layout.cell_rect(*cell) is not None:
            new = card.model_copy(update={"id": new_id("card"), "title": title, "body": body})
            scene = self.ctx.scene
            self._closing = True
            scene.links_after_frame = True  # the card first: its links follow a frame later
            try:
                pushed = self.ctx.push(InsertCards([new], cell[0], cell[1], index))
            finally:
                scene.links_after_frame = False
                self._closing = False
            if not pushed:
                return False  # refused (a title too long): stays open with the text
            self.added = new.id
        self._close(keep_frame)
        self.closed.emit(True)
        return pushed

    def cancel(self) -> None:
        if self.active and not self._closing:
            self._close()
            self.closed.emit(False)

    # ------------------------------------------------------------ events
    def _detach(self, *_args) -> None:
        """The view (and the frame with it) is gone: stop listening."""
        self.card_id = None
        self.pending = None
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        if self._unfollow is not None:
            self._unfollow()
            self._unfollow = None

    def _on_changes(self, changes) -> None:
        if self.pending is not None:
            if self.ctx.layout.cell_rect(*self.pending[1]) is None:
                self.cancel()  # its stage or lane is gone
            else:
                self.place()
        elif self.active and self._doc.find(Entity.CARD, self.card_id) is None:
            self.cancel()
        else:
            self.place()

    def _focus_changed(self, old, now) -> None:
        if not self.active or self._closing or now is None:
            return  # no focus at all: the window lost activation, keep editing
        if now is self.frame or self.frame.isAncestorOf(now):
            return
        if now.window().windowFlags() & Qt.WindowType.Popup == Qt.WindowType.Popup:
            return  # a field's context menu or a completer: still editing
        self.commit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and watched is self.frame:
            return True
        if event.type() == QEvent.Type.KeyPress and self.active:
            if self.key_hook is not None and self.key_hook(watched, event):
                return True
            key = event.key()
            if watched is self.title and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commit()
                return True
            if key == Qt.Key.Key_Escape:
                self.cancel()
                return True
            if watched is self.body and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.commit()
                return True
        return super().eventFilter(watched, event)
