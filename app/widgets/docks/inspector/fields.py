"""Editors for one model field each, used by the inspector and the personas dock.

Every editor is a :class:`Field`: ``set_value(v)`` shows a model value (without emitting
anything, and without touching the widget when it already shows that value, so the cursor of a
line being typed in does not jump), ``set_mixed()`` shows "several values" for a multi-selection,
and the ``edited(value, merge)`` signal reports a user edit. ``merge`` is True for typing
(consecutive keystrokes merge into one undo step); ``session`` changes when the user leaves the
editor, so that coming back starts a new undo step. ``apply_to(old)`` turns the edit into the
new value of one element (a persona checklist on several cards adds or removes only the
personas the user toggled).

Text, choices, flags and numbers live here; ratings, colours and checklists in
:mod:`app.widgets.docks.inspector.pickers`; the persona photo in :mod:`app.widgets.docks.inspector.photo`.
"""

from __future__ import annotations

import itertools
from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.widgets.i18n import translate

MIXED = QT_TRANSLATE_NOOP("Inspector", "(several values)")
_SESSIONS = itertools.count(1)

Options = list[tuple[Any, str]]  # (model value, label)
CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)


class Field(QWidget):
    edited = Signal(object, bool)  # (value, merge)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = next(_SESSIONS)  # unique per visit of the field: the merge key of typing
        self._loading = False
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

    # --- for the form
    @abstractmethod
    def value(self) -> Any:
        """The value the widget shows (every field kind defines it)."""

    def set_value(self, value: Any) -> None:
        if self._is_mixed() or value != self.value():
            self._loading = True
            try:
                self._show(value)
            finally:
                self._loading = False

    def set_mixed(self) -> None:
        self._loading = True
        try:
            self._show_mixed()
        finally:
            self._loading = False

    def load(self, values: Sequence[Any]) -> None:
        """Show the values of the selected elements: one value, or "several values"."""
        if values and all(v == values[0] for v in values[1:]):
            self.set_value(values[0])
        else:
            self.set_mixed()

    def apply_to(self, old: Any, value: Any) -> Any:
        return value

    def set_options(self, options: Options) -> None:
        """Fields choosing among model elements get their current choices here."""

    def set_accessible_label(self, label: str) -> None:
        """Name the controls inside after the form's label for assistive technology (the form
        labels only this wrapper, so a screen reader would say just "edit text")."""
        for w in self.findChildren(QWidget):
            if isinstance(w, CONTROLS) and not w.accessibleName():
                w.setAccessibleName(label)

    # --- for subclasses
    @abstractmethod
    def _show(self, value: Any) -> None:
        """Put ``value`` into the widget (every field kind defines it)."""

    def _show_mixed(self) -> None:
        self._mixed = True

    def _is_mixed(self) -> bool:
        return getattr(self, "_mixed", False)

    def _emit(self, value: Any, merge: bool = False) -> None:
        if not self._loading:
            self._mixed = False
            self.edited.emit(value, merge)

    def _end_session(self) -> None:
        self.session = next(_SESSIONS)


class TextLine(Field):
    """One line of text; every keystroke is an edit (merged)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()  # no max length: Qt would cut a paste; the model refuses instead
        self._layout.addWidget(self.edit)
        self.edit.textEdited.connect(lambda _text: self._emit(self.value(), True))
        self.edit.editingFinished.connect(self._end_session)

    def value(self) -> str:
        return self.edit.text()

    def _show(self, value: str) -> None:
        self._mixed = False
        self.edit.setPlaceholderText("")
        self.edit.setText(value or "")
        if not self.edit.hasFocus():
            self.edit.setCursorPosition(0)  # show the start of a long title

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self.edit.clear()
        self.edit.setPlaceholderText(translate("Inspector", MIXED))


class _PlainEdit(QPlainTextEdit):
    focusLost = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.focusLost.emit()


class TextBlock(Field):
    """Several lines of text; every keystroke is an edit (merged)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = _PlainEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self._layout.addWidget(self.edit)
        self.edit.textChanged.connect(lambda: self._emit(self.value(), True))
        self.edit.focusLost.connect(self._end_session)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _show(self, value: str) -> None:
        self._mixed = False
        self.edit.setPlaceholderText("")
        self.edit.setPlainText(value or "")

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self.edit.clear()
        self.edit.setPlaceholderText(translate("Inspector", MIXED))


def parse_tags(text: str) -> list[str]:
    """``"a, b,,c "`` -> ``["a", "b", "c"]`` (empty and repeated tags dropped)."""
    out: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag not in out:
            out.append(tag)
    return out


class Tags(TextLine):
    """Comma-separated tags, stored as a list."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.edit.setPlaceholderText(translate("Inspector", "tag, another tag"))

    def value(self) -> list[str]:
        return parse_tags(self.edit.text())

    def _show(self, value: list[str]) -> None:
        super()._show(", ".join(value or []))


class Choice(Field):
    """A combo box over fixed options (an enum) or model elements (``set_options``). The values
    stay Python objects (enum members, ids, None): the combo holds only their index."""

    def __init__(self, options: Options = (), parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self._layout.addWidget(self.combo)
        self._values: list[Any] = []
        self._current: Any = None
        self.set_options(list(options))
        self.combo.activated.connect(lambda i: self._emit(self._values[i]))

    def set_options(self, options: Options) -> None:
        self._loading = True
        try:
            self.combo.clear()
            self._values = [value for value, _ in options]
            for _value, label in options:
                self.combo.addItem(label)
            self._select(self._current)
        finally:
            self._loading = False

    def data(self, index: int | None = None) -> Any:
        """The value of an item (default: the current one)."""
        index = self.combo.currentIndex() if index is None else index
        return self._values[index] if 0 <= index < len(self._values) else None

    def find(self, value: Any) -> int:
        return next((i for i, v in enumerate(self._values) if v == value), -1)

    def value(self) -> Any:
        return self.data()

    def set_value(self, value: Any) -> None:
        self._current = value
        super().set_value(value)

    def _select(self, value: Any) -> None:
        self.combo.setCurrentIndex(self.find(value))

    def _show(self, value: Any) -> None:
        self._mixed = False
        self._select(value)

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self.combo.setCurrentIndex(-1)


class _Check(QCheckBox):
    def nextCheckState(self) -> None:  # noqa: N802 - Qt's name
        # From "several values" a click means: all on.
        self.setTristate(False)
        self.setChecked(self.checkState() != Qt.CheckState.Checked)


class Check(Field):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.box = _Check(text)
        self._layout.addWidget(self.box)
        self._layout.addStretch(1)
        self.box.clicked.connect(lambda: self._emit(self.box.isChecked()))

    def value(self) -> bool:
        return self.box.checkState() == Qt.CheckState.Checked

    def _show(self, value: bool) -> None:
        self._mixed = False
        self.box.setTristate(False)
        self.box.setChecked(bool(value))

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self.box.setTristate(True)
        self.box.setCheckState(Qt.CheckState.PartiallyChecked)


class Number(Field):
    """A spin box. ``optional`` adds an "unset" state (None) below the minimum.

    Keyboard tracking is off: typing "250" is one edit when the user presses Enter or leaves,
    not three. Arrow steps merge into one undo step until the user leaves the box.
    """

    def __init__(self, minimum: float, maximum: float, step: float = 1, decimals: int = 0,
                 optional: bool = False, suffix: str = "", as_float: bool = False, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.as_float = as_float
        self.decimals = decimals
        self.spin: QSpinBox | QDoubleSpinBox = QDoubleSpinBox() if decimals else QSpinBox()
        if decimals:
            self.spin.setDecimals(decimals)
        self._unset = minimum - step if optional else None
        self.spin.setRange(self._unset if optional else minimum, maximum)
        self.spin.setSingleStep(step)
        if optional:
            self.spin.setSpecialValueText("unset")
        if suffix:
            self.spin.setSuffix(suffix)
        self.spin.setKeyboardTracking(False)
        self.spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self._layout.addWidget(self.spin)
        self._layout.addStretch(1)
        self.spin.valueChanged.connect(lambda _v: self._emit(self.value(), True))
        self.spin.editingFinished.connect(self._end_session)

    def value(self) -> float | int | None:
        v = self.spin.value()
        if self.optional and v <= self._unset:
            return None
        v = round(v, self.decimals) if self.decimals else int(v)
        return float(v) if self.as_float else v

    def _show(self, value) -> None:
        self._mixed = False
        self.spin.setValue(self._unset if value is None else value)

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self.spin.lineEdit().clear()


class Info(Field):
    """Read-only text computed from the model (where a card sits, what a link joins)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(self.label)

    def value(self) -> str:
        return self.label.text()

    def _show(self, value: str) -> None:
        self.label.setText(value)

    def _show_mixed(self) -> None:
        self.label.setText(translate("Inspector", MIXED))
