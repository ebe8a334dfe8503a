"""Quick capture: type sticky notes onto the canvas without the mouse (issue 11, item 4).

With a cell selected (or a card: its cell, after it), typing a printable character starts a new
card there with that character in the inline editor; no Enter first. While capturing:

- Enter commits the note and starts the next card in the same cell, below it;
- Tab / Shift+Tab commit and start the next card at the end of the next / previous cell in
  stage order (past the last stage: the first stage of the next lane; the feelings lane, which
  holds the emotion curve, is passed over);
- Esc ends capturing: what is typed in the open card is not committed. Enter or Tab with
  nothing typed commits nothing either (Enter then ends capturing, Tab moves on).

The card being typed is not in the map until it is committed with some text
(:meth:`InlineEditor.open_new`): each captured card is then one "Add card" step holding its text,
and an abandoned one leaves no card and no undo step behind. One note costs one insert (one
layout update, one repaint), which is what lets capture keep up at 5,000 cards. Cards started
with Enter, the palette or a paste keep the editor's ordinary keys (Enter commits and closes).
A pasted list of lines becomes cards through :meth:`CardActions.paste`.

:class:`QuickCapture` is made by :class:`~app.widgets.canvas.card_actions.CardActions`; it
watches the view's key presses and the inline editor's keys (``InlineEditor.key_hook``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from app.model.events import Cell, Entity
from app.model.schema import LANE_KIND, Card, CardKind, LaneType, new_id
from app.widgets.canvas.inline_editor import HINT as EDITOR_HINT
from app.widgets.i18n import translate
from app.widgets.text_keys import is_text_field

HINT = QT_TRANSLATE_NOOP("QuickCapture", "Enter: next card · Tab: next cell · Esc: stop")
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_M = Qt.KeyboardModifier
_ALTGR = _M.ControlModifier | _M.AltModifier  # AltGr on Windows: a typed character, not a shortcut


def typed_text(event) -> str:
    """The character a key press types on the canvas, or "" (a shortcut, a control key, a
    space: Space pans the view)."""
    mods = event.modifiers() & ~(_M.KeypadModifier | _M.ShiftModifier | _M.GroupSwitchModifier)
    if mods and mods != _ALTGR:
        return ""
    text = event.text()
    if not text or not text.isprintable() or text.isspace():
        return ""
    return text


class QuickCapture(QObject):
    """Typing on the canvas starts cards; the editor's keys chain them (see the module docstring)."""

    def __init__(self, cards, install: bool = True):
        super().__init__(cards)
        self.cards = cards
        self.ctx = cards.ctx
        self.editor = cards.editor
        self.capturing = False  # the editor is open on a card typed by quick capture
        self._chaining = False  # Enter or Tab: the open card is committed and the next opens
        self.editor.key_hook = self._editor_key
        self.editor.closed.connect(self._editor_closed)
        if install:
            self.ctx.view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.capturing and self.editor.pending is not None

    # ------------------------------------------------------------ starting
    def _start_target(self) -> tuple[Cell, int | None] | None:
        """Where typing starts a card: after the current card, or at the end of the selected
        cell. Nothing while other elements (a stage, a curve point, a link) are selected."""
        sel = self.ctx.selection
        if any(entity is not Entity.CARD for entity, _ in sel.items()):
            return None
        if not self.cards.selected_ids() and not self.cards._valid(self.cards.cell):
            return None
        return self.cards._target()

    def start(self, text: str) -> bool:
        """Start a card where typing goes, with ``text`` typed into its title."""
        if self.editor.active or self.ctx.view.interaction.gesture is not None:
            return False
        target = self._start_target()
        if target is None or not self._begin(*target):
            return False
        self.editor.title.insert(text)
        return True

    def _begin(self, cell: Cell, index: int | None) -> bool:
        lane = self.ctx.layout.lanes_by_id.get(cell[1])
        kind = LANE_KIND.get(lane.type, CardKind.NOTE) if lane is not None else CardKind.NOTE
        card = Card(
            id=new_id("card"), stage_id=cell[0], lane_id=cell[1], kind=kind, pain_point=kind is CardKind.PAIN
        )
        if not self.editor.open_new(cell, index, card):
            return False
        self.capturing = True
        self.editor.hint.setText(translate("QuickCapture", HINT))
        self.editor.title.setToolTip(translate("QuickCapture", HINT))
        return True

    # ------------------------------------------------------------ the editor's keys
    def _editor_key(self, watched, event) -> bool:
        """The inline editor's key presses while capturing: True when used."""
        if not self.active:
            return False
        key = event.key()
        mods = event.modifiers() & ~_M.KeypadModifier
        if key == Qt.Key.Key_Escape:
            self.stop()
            return True
        if key in ENTER and (watched is self.editor.title or mods & _M.ControlModifier):
            self.next_card()
            return True
        if key == Qt.Key.Key_Tab and not mods:
            self.next_cell(1)
            return True
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods == _M.ShiftModifier):
            self.next_cell(-1)
            return True
        return False

    def _finish(self) -> tuple[Cell, int, str | None] | None:
        """Commit the open card (nothing when nothing is typed): its cell, the index after it,
        and its id (None: nothing added). None when the model refused the text (the editor
        stays open with it)."""
        _card, cell, index = self.editor.pending
        stack = self.ctx.layout.cell_cards(cell)
        at = len(stack) if index is None else max(0, min(index, len(stack)))
        self._chaining = True  # the next card opens at once: keep the frame and its hint
        try:
            self.editor.commit(keep_frame=True)
        finally:
            self._chaining = False
        if self.editor.active:
            return None
        added = self.editor.added
        return cell, at + (1 if added else 0), added

    def next_card(self) -> bool:
        """Enter: commit and start the next card below it (with nothing typed: stop)."""
        done = self._finish()
        if done is None:
            return False
        cell, index, added = done
        if added is None:
            self._end_chain()
            self._select_after_stop(cell, index)
            return False
        return self._begin(cell, index) or self._end_chain()

    def next_cell(self, step: int) -> bool:
        """Tab / Shift+Tab: commit and start a card at the end of the next / previous cell."""
        done = self._finish()
        if done is None:
            return False
        cell = self.step_cell(done[0], step)
        if cell is None:
            self._end_chain()
            self._select_after_stop(done[0], done[1])
            return False
        return self._begin(cell, None) or self._end_chain()

    def _end_chain(self) -> bool:
        """No next card after all: hide the frame kept for it and end capturing (as a close
        does); False."""
        self.editor.hide_frame()
        self._chaining = False
        self._editor_closed(False)
        return False

    def stop(self) -> None:
        """Esc: what is typed in the open card is not committed; capturing ends."""
        _card, cell, index = self.editor.pending
        stack = self.ctx.layout.cell_cards(cell)
        at = len(stack) if index is None else max(0, min(index, len(stack)))
        self.editor.cancel()
        self._select_after_stop(cell, at)

    def _select_after_stop(self, cell: Cell, index: int) -> None:
        """Select the card the abandoned one would have followed (typing again goes on after
        it), or the cell."""
        stack = self.ctx.layout.cell_cards(cell)
        if 0 < index <= len(stack):
            self.cards.select_card(stack[index - 1])
        elif self.cards._valid(cell):
            self.cards.select_cell(cell)
        self.ctx.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def step_cell(self, cell: Cell, step: int) -> Cell | None:
        """The next (+1) or previous (-1) cell in stage order, wrapping to the next lane."""
        lay = self.ctx.layout
        cells = [c for c in lay.cells() if lay.lanes_by_id[c[1]].type is not LaneType.FEELINGS] or lay.cells()
        if not cells:
            return None
        if cell not in cells:
            return cells[0]
        return cells[(cells.index(cell) + step) % len(cells)]

    def _editor_closed(self, _committed: bool) -> None:
        if self.capturing and not self._chaining:
            self.capturing = False
            self.editor.hint.setText(translate("InlineEditor", EDITOR_HINT))
            self.editor.title.setToolTip(translate("InlineEditor", EDITOR_HINT))

    # ------------------------------------------------------------ keys on the view
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.ctx.view and event.type() == QEvent.Type.KeyPress:
            text = typed_text(event)
            focus = QApplication.focusWidget()
            if text and not (focus is not None and is_text_field(focus)) and self.start(text):
                event.accept()
                return True
        return super().eventFilter(watched, event)
