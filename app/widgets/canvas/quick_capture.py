"""Quick capture: type sticky notes onto the canvas without the mouse (issue 11, item 4).

With a cell selected (or a card: its cell, after it), typing a printable character starts a new
card there with that character in the inline editor; no Enter first. While capturing:

- Enter commits the note and starts the next card in the same cell, below it;
- Tab / Shift+Tab commit and start the next card at the end of the next / previous cell in
  stage order (past the last stage: the first stage of the next lane; the feelings lane, which
  holds the emotion curve, is passed over);
- Esc ends capturing: what is typed in the open card is not committed and that card, still
  empty in the map, is discarded (it leaves no card and no undo step behind). Enter or Tab on
  a card with nothing typed discards it too (Enter then ends capturing, Tab moves on).

Each captured card is one undo step (its "Add card" absorbs its text, see
:func:`app.model.commands.typing_key`). Cards started with Enter, the palette or a paste keep the
editor's ordinary keys (Enter commits and closes). A pasted list of lines becomes cards through
:meth:`CardActions.paste`.

:class:`QuickCapture` is made by :class:`~app.widgets.canvas.card_actions.CardActions`; it
watches the view's key presses and the inline editor's keys (``InlineEditor.key_hook``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from app.model.commands import InsertCards, remove_cards, run
from app.model.events import Cell, Entity
from app.model.schema import LaneType
from app.widgets.canvas.inline_editor import HINT as EDITOR_HINT
from app.widgets.i18n import translate
from app.widgets.text_keys import is_text_field
from app.widgets.undo import ModelUndoCommand

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
        self.card_id: str | None = None  # the card being captured (open in the editor)
        self.editor.key_hook = self._editor_key
        self.editor.closed.connect(self._editor_closed)
        if install:
            self.ctx.view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.card_id is not None and self.editor.active and self.editor.card_id == self.card_id

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
        if target is None:
            return False
        if not self._begin(*target):
            return False
        self.editor.title.insert(text)
        return True

    def _begin(self, cell: Cell, index: int | None) -> bool:
        card_id = self.cards.create_card(cell, index)
        if not card_id or self.editor.card_id != card_id:
            return False
        self.card_id = card_id
        self.editor.hint.setText(translate("QuickCapture", HINT))
        self.editor.title.setToolTip(translate("QuickCapture", HINT))
        return True

    # ------------------------------------------------------------ the editor's keys
    def _empty(self) -> bool:
        return not self.editor.title.text() and not self.editor.body.toPlainText()

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

    def _finish(self) -> tuple[Cell, int] | None:
        """Commit the open card (or discard it when nothing is typed); its cell and the index
        after it. None when the model refused the text (the editor stays open with it)."""
        card_id = self.card_id
        geo = self.ctx.layout.card(card_id)
        if geo is None:
            return None
        cell = (geo.stage_id, geo.lane_id)
        index = self.ctx.layout.cell_cards(cell).index(card_id)
        if self._empty():
            self.editor.cancel()  # -> _editor_closed discards the card
            return cell, index
        self.editor.commit()
        if self.editor.active:
            return None
        return cell, index + 1

    def next_card(self) -> bool:
        """Enter: commit and start the next card below it (a card with nothing typed ends)."""
        empty = self._empty()
        done = self._finish()
        if done is None:
            return False
        if empty:
            self._select_after_stop(*done)
            return False
        return self._begin(*done)

    def next_cell(self, step: int) -> bool:
        """Tab / Shift+Tab: commit and start a card at the end of the next / previous cell."""
        done = self._finish()
        if done is None:
            return False
        cell = self.step_cell(done[0], step)
        if cell is None:
            self._select_after_stop(*done)
            return False
        return self._begin(cell, None)

    def stop(self) -> None:
        """Esc: the open card is not committed; it goes (see _editor_closed)."""
        card_id = self.card_id
        geo = self.ctx.layout.card(card_id) if card_id else None
        cell = (geo.stage_id, geo.lane_id) if geo is not None else None
        index = self.ctx.layout.cell_cards(cell).index(card_id) if cell is not None else 0
        self.editor.cancel()
        if cell is not None:
            self._select_after_stop(cell, index)

    def _select_after_stop(self, cell: Cell, index: int) -> None:
        """Select the card the discarded one followed (typing again goes on after it), or the cell."""
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

    # ------------------------------------------------------------ discarding
    def _editor_closed(self, _committed: bool) -> None:
        """A captured card closed with nothing in it (Esc, or the focus left it empty) goes."""
        card_id, self.card_id = self.card_id, None
        self.editor.hint.setText(translate("InlineEditor", EDITOR_HINT))
        self.editor.title.setToolTip(translate("InlineEditor", EDITOR_HINT))
        if card_id is None:
            return
        doc = self.ctx.doc
        card = doc.find(Entity.CARD, card_id)
        if card is None or card.title or card.body:
            return
        self.discard(card_id)

    def discard(self, card_id: str) -> None:
        """Take an empty captured card away. Its "Add card" is normally the last undo step:
        it is reverted and dropped from the stack (no redo of an empty card either)."""
        stack = self.ctx.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        command = getattr(top, "command", None)
        if (
            isinstance(top, ModelUndoCommand)
            and isinstance(command, InsertCards)
            and [c.id for c in command.cards] == [card_id]
            and command.merge_key is not None  # its text never arrived
        ):
            run(self.ctx.doc, command, undo=True)
            top.setObsolete(True)  # QUndoStack.undo deletes an obsolete command without undoing it
            stack.undo()
            return
        self.ctx.push(remove_cards(self.ctx.doc, [card_id], translate("QuickCapture", "Discard empty card")))

    # ------------------------------------------------------------ keys on the view
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.ctx.view and event.type() == QEvent.Type.KeyPress:
            text = typed_text(event)
            focus = QApplication.focusWidget()
            if text and not (focus is not None and is_text_field(focus)) and self.start(text):
                event.accept()
                return True
        return super().eventFilter(watched, event)
