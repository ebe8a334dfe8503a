"""Keys typed into a text field are the field's, never a window shortcut's.

The canvas has single-key shortcuts (Return adds a card, Delete deletes the selection, F2
edits). Qt offers a key to shortcuts before the focused widget sees it, and a QLineEdit does not
claim Return or Delete: so Return in a stage rename, in the find bar (a child of the view) or in
any editor over the canvas used to add a card too. One application-wide filter fixes it for
every text field: it claims (accepts the ShortcutOverride of) the editing keys, so Qt delivers
them to the field as ordinary key presses. Shortcuts with Ctrl or Alt still work everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

EDITING_KEYS = frozenset({
    Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Escape,
    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
})  # fmt: skip
_FREE = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def is_text_field(widget: QObject | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return not widget.isReadOnly() if isinstance(widget, QLineEdit) else True
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return False


class TextKeysFirst(QObject):
    """The application-wide filter (see the module docstring); install with :func:`install`."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() in EDITING_KEYS
            and not (event.modifiers() & ~_FREE)
            and is_text_field(obj)
        ):
            event.accept()  # the field's key: Qt sends it as a key press, no shortcut fires
            return False
        return False


def install(app: QApplication | None = None) -> TextKeysFirst:
    """Install the filter once on the application (later calls return the same one)."""
    app = app or QApplication.instance()
    existing = app.findChild(TextKeysFirst, "textKeysFirst")
    if existing is not None:
        return existing
    keys = TextKeysFirst(app)
    keys.setObjectName("textKeysFirst")
    app.installEventFilter(keys)
    return keys
