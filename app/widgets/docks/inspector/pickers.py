"""Field editors that pick rather than type: ratings, colours, checkable model elements.

See :mod:`app.widgets.docks.inspector.fields` for the :class:`Field` protocol they follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QColorDialog, QListWidget, QListWidgetItem, QPushButton, QToolButton

from app.model.schema import RATING_MAX, RATING_MIN
from app.widgets.docks.inspector.fields import MIXED, Field, Options
from app.widgets.i18n import translate


class Rating(Field):
    """A rating 1..5 as five toggle buttons (the value and those below it are down) and a
    clear button. Clicking the current value again clears it too."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value: int | None = None
        self.buttons: list[QToolButton] = []
        for n in range(RATING_MIN, RATING_MAX + 1):
            b = QToolButton()
            b.setText(str(n))
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setToolTip(translate("Inspector", "Rate {n} of {max}").format(n=n, max=RATING_MAX))
            b.clicked.connect(lambda _c=False, n=n: self._clicked(n))
            self.buttons.append(b)
            self._layout.addWidget(b)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(translate("Inspector", "Clear the rating"))
        self.clear_button.clicked.connect(lambda: self._emit(None))
        self._layout.addWidget(self.clear_button)
        self._layout.addStretch(1)
        self._paint()

    def set_accessible_label(self, label: str) -> None:
        for n, b in enumerate(self.buttons, start=RATING_MIN):
            b.setAccessibleName(QCoreApplication.translate("Accessibility", "{0}: {1} of {2}").format(label, n, RATING_MAX))
        self.clear_button.setAccessibleName(QCoreApplication.translate("Accessibility", "Clear {0}").format(label))

    def _clicked(self, n: int) -> None:
        new = None if n == self._value and not self._is_mixed() else n
        self._paint()  # the model answers through set_value
        self._emit(new)

    def value(self) -> int | None:
        return self._value

    def _show(self, value: int | None) -> None:
        self._mixed = False
        self._value = value
        self._paint()

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self._value = None
        self._paint()

    def _paint(self) -> None:
        for n, b in enumerate(self.buttons, start=RATING_MIN):
            b.setChecked(self._value is not None and n <= self._value)
        self.clear_button.setEnabled(self._value is not None or self._is_mixed())


def swatch_icon(colour: str, size: int = 14, stripe: str = "") -> QIcon:
    """A small square of ``colour`` (an empty colour: a hatched 'automatic' swatch)."""
    pm = QPixmap(size, size)
    pm.fill(QColor(colour) if colour else QColor("#FFFFFF"))
    if not colour or stripe:
        p = QPainter(pm)
        if stripe:
            p.fillRect(0, 0, max(3, size // 4), size, QColor(stripe))
        else:
            p.setPen(QColor("#9A9A9A"))
            p.drawLine(0, size - 1, size - 1, 0)
        p.setPen(QColor("#7A7A7A"))
        p.drawRect(0, 0, size - 1, size - 1)
        p.end()
    return QIcon(pm)


class ColourPick(Field):
    """A swatch button opening a colour dialog, and a clear button ("" = automatic)."""

    def __init__(self, automatic: str = "", parent=None):
        super().__init__(parent)
        self.automatic = automatic or translate("Inspector", "Automatic")
        self._value = ""
        self.button = QPushButton()
        self.button.setIconSize(QSize(14, 14))
        self.button.clicked.connect(self._choose)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(translate("Inspector", "No colour of its own"))
        self.clear_button.clicked.connect(lambda: self._emit(""))
        self._layout.addWidget(self.button)
        self._layout.addWidget(self.clear_button)
        self._layout.addStretch(1)
        self._paint()

    def set_accessible_label(self, label: str) -> None:
        self.button.setAccessibleName(label)  # its text is the colour ("#D55E00", "Automatic")
        self.button.setAccessibleDescription(QCoreApplication.translate("Accessibility", "Opens a colour chooser"))
        self.clear_button.setAccessibleName(QCoreApplication.translate("Accessibility", "Clear {0}").format(label))

    def _choose(self) -> None:
        initial = QColor(self._value) if self._value else QColor("#FFFFFF")
        colour = QColorDialog.getColor(initial, self, translate("Inspector", "Choose a colour"))
        if colour.isValid():
            self._emit(colour.name().upper())

    def value(self) -> str:
        return self._value

    def _show(self, value: str) -> None:
        self._mixed = False
        self._value = value or ""
        self._paint()

    def _show_mixed(self) -> None:
        super()._show_mixed()
        self._value = ""
        self._paint()

    def _paint(self) -> None:
        text = translate("Inspector", MIXED) if self._is_mixed() else (self._value or self.automatic)
        self.button.setText(text)
        self.button.setIcon(swatch_icon(self._value))
        self.clear_button.setEnabled(bool(self._value) or self._is_mixed())


class Checklist(Field):
    """Checkable model elements (the personas of a card). The value is the list of checked ids
    in the order of the options. On a multi-selection an element some have is partly checked
    and stays as it is on each element unless the user toggles it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self._layout.addWidget(self.list)
        self._ids: list[str] = []
        self._values: list[list[str]] = []
        self.list.itemChanged.connect(self._changed)

    def set_options(self, options: Options) -> None:
        self._loading = True
        try:
            self.list.clear()
            self._ids = [v for v, _ in options]
            for value, label in options:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self.list.addItem(item)
            rows = min(max(self.list.count(), 1), 5)
            self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4
                                     if self.list.count() else 2 * self.list.fontMetrics().height())
            self._paint()
        finally:
            self._loading = False

    def set_values(self, values: Sequence[list[str]]) -> None:
        """Show the lists of several elements (checked, unchecked or partly checked)."""
        self._loading = True
        try:
            self._values = [list(v) for v in values]
            self._paint()
        finally:
            self._loading = False

    def set_value(self, value: list[str]) -> None:
        self.set_values([value])

    def load(self, values: Sequence[list[str]]) -> None:
        self.set_values(values)

    def _paint(self) -> None:
        n = len(self._values)
        for row in range(self.list.count()):
            item = self.list.item(row)
            ident = item.data(Qt.ItemDataRole.UserRole)
            have = sum(ident in v for v in self._values)
            state = (Qt.CheckState.Unchecked if have == 0 else
                     Qt.CheckState.Checked if have == n else Qt.CheckState.PartiallyChecked)
            item.setCheckState(state)

    def value(self) -> list[str]:
        return [self._ids[r] for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def _changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        self._toggled = item.data(Qt.ItemDataRole.UserRole)
        self._emit(item.checkState() == Qt.CheckState.Checked)

    def apply_to(self, old: list[str], value: bool) -> list[str]:
        ident = self._toggled
        wanted = set(old) | {ident} if value else set(old) - {ident}
        known = [i for i in self._ids if i in wanted]
        return known + [i for i in old if i in wanted and i not in self._ids]

