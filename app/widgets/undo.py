"""The bridge from model commands to Qt's undo stack.

Every edit in the editor is ``push(stack, doc, command)``: the model command is wrapped in a
:class:`QUndoCommand`; Qt calls ``redo`` when it is pushed (which applies it) and ``undo`` /
``redo`` from then on. Two consecutive commands with the same ``merge_key`` merge into one undo
step (typing in a field, nudging with the keyboard, dragging a slider).

Commands run as transactions (:func:`app.model.commands.run`): all of a command or nothing. When
the model refuses an edit (:class:`~app.model.document.EditRefused`: a title too long, a value
out of range), ``push`` leaves the map and the undo stack as they were, returns False and
reports the model's one-line message on :func:`notices` of the stack, which the main window
shows in its status bar. This is the one place that catches a refusal: widgets keep what the
user typed (nothing is cut) and may look at the return value to stay open.
"""

from __future__ import annotations

import zlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.model.commands import Command, run
from app.model.document import Document, EditRefused
from app.widgets.i18n import translate


class EditNotices(QObject):
    """What one undo stack reports about the edits pushed to it."""

    refused = Signal(str)  # "Edit card text refused: card 'c-1'.title: text is too long (...)"
    noted = Signal(str)  # done, with something the user should know ("Pasted 500 of 812 lines ...")


def notices(stack: QUndoStack) -> EditNotices:
    """The notices of ``stack`` (made on first use, a child of the stack)."""
    found = stack.findChild(EditNotices, "editNotices")
    if found is None:
        found = EditNotices(stack)
        found.setObjectName("editNotices")
    return found


def refusal_text(command: Command, err: EditRefused) -> str:
    return translate("Undo", "{command} refused: {reason}").format(command=command.label, reason=err)


class ModelUndoCommand(QUndoCommand):
    def __init__(self, doc: Document, command: Command, applied: bool = False, stack: QUndoStack | None = None):
        super().__init__(command.label)
        self.doc = doc
        self.command = command
        self.stack = stack
        self._applied = applied  # already applied: the redo() QUndoStack.push makes is skipped

    def id(self) -> int:  # noqa: A003 - Qt's name
        key = self.command.merge_key
        return -1 if key is None else zlib.crc32(key.encode()) & 0x3FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ModelUndoCommand) or other.command.merge_key != self.command.merge_key:
            return False
        return self.command.merge(other.command)

    def redo(self) -> None:
        if not self._applied:
            self._run(undo=False)
        self._applied = True

    def undo(self) -> None:
        self._run(undo=True)
        self._applied = False

    def _run(self, undo: bool) -> None:
        """Called by Qt: a refusal must not escape into C++. It cannot happen when the stack
        replays its own history in order; if it does, the map stays as it was and says why."""
        try:
            run(self.doc, self.command, undo=undo)
        except EditRefused as err:
            if self.stack is not None:
                notices(self.stack).refused.emit(refusal_text(self.command, err))


def push(stack: QUndoStack, doc: Document, command: Command) -> bool:
    """Apply ``command`` to ``doc`` as one undoable step on ``stack``; False when the model
    refused it (nothing changed, nothing pushed, the message reported on ``notices(stack)``).

    The command is applied *before* it is pushed: a command that fails (an element that is
    gone, say) raises here, in Python, and never reaches the stack. An exception escaping
    from inside ``QUndoStack.push`` (a C++ virtual call) would leave Qt in a broken state."""
    try:
        run(doc, command)
    except EditRefused as err:
        notices(stack).refused.emit(refusal_text(command, err))
        return False
    stack.push(ModelUndoCommand(doc, command, applied=True, stack=stack))
    return True
