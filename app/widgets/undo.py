"""The bridge from model commands to Qt's undo stack.

Every edit in the editor is ``push(stack, doc, command)``: the model command is wrapped in a
:class:`QUndoCommand`; Qt calls ``redo`` when it is pushed (which applies it) and ``undo`` /
``redo`` from then on. Two consecutive commands with the same ``merge_key`` merge into one undo
step (typing in a field, nudging with the keyboard, dragging a slider).
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.model.commands import Command
from app.model.document import Document


class ModelUndoCommand(QUndoCommand):
    def __init__(self, doc: Document, command: Command, applied: bool = False):
        super().__init__(command.label)
        self.doc = doc
        self.command = command
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
            self.command.apply(self.doc)
        self._applied = True

    def undo(self) -> None:
        self.command.revert(self.doc)
        self._applied = False


def push(stack: QUndoStack, doc: Document, command: Command) -> None:
    """Apply ``command`` to ``doc`` as one undoable step on ``stack``.

    The command is applied *before* it is pushed: a command that fails (an element that is
    gone, say) raises here, in Python, and never reaches the stack. An exception escaping
    from inside ``QUndoStack.push`` (a C++ virtual call) would leave Qt in a broken state."""
    command.apply(doc)
    stack.push(ModelUndoCommand(doc, command, applied=True))
