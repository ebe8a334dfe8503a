"""The Compare dock: the list of differences, stepped through with the list, Previous and Next;
choosing one scrolls the canvas to it (and selects the card, if it is on the map)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.mapdiff import Change, FieldChange, MapDiff
from app.widgets.i18n import translate

ENTITY = {
    "map": QT_TRANSLATE_NOOP("CompareDock", "Map"),
    "persona": QT_TRANSLATE_NOOP("CompareDock", "Persona"),
    "stage": QT_TRANSLATE_NOOP("CompareDock", "Stage"),
    "lane": QT_TRANSLATE_NOOP("CompareDock", "Lane"),
    "card": QT_TRANSLATE_NOOP("CompareDock", "Card"),
    "curve": QT_TRANSLATE_NOOP("CompareDock", "Curve"),
    "point": QT_TRANSLATE_NOOP("CompareDock", "Curve point"),
    "link": QT_TRANSLATE_NOOP("CompareDock", "Link"),
    "metric": QT_TRANSLATE_NOOP("CompareDock", "Stage metric"),
}
ACTION = {
    "added": QT_TRANSLATE_NOOP("CompareDock", "added"),
    "removed": QT_TRANSLATE_NOOP("CompareDock", "removed"),
    "moved": QT_TRANSLATE_NOOP("CompareDock", "moved"),
    "reordered": QT_TRANSLATE_NOOP("CompareDock", "reordered"),
    "renamed": QT_TRANSLATE_NOOP("CompareDock", "renamed"),
    "edited": QT_TRANSLATE_NOOP("CompareDock", "edited"),
}
FIELD = {
    "title": QT_TRANSLATE_NOOP("CompareDock", "title"),
    "body": QT_TRANSLATE_NOOP("CompareDock", "text"),
    "name": QT_TRANSLATE_NOOP("CompareDock", "name"),
    "kind": QT_TRANSLATE_NOOP("CompareDock", "kind"),
    "owner": QT_TRANSLATE_NOOP("CompareDock", "owner"),
    "channel": QT_TRANSLATE_NOOP("CompareDock", "channel"),
    "notes": QT_TRANSLATE_NOOP("CompareDock", "notes"),
    "tags": QT_TRANSLATE_NOOP("CompareDock", "tags"),
    "votes": QT_TRANSLATE_NOOP("CompareDock", "votes"),
    "value": QT_TRANSLATE_NOOP("CompareDock", "value"),
    "label": QT_TRANSLATE_NOOP("CompareDock", "label"),
    "colour": QT_TRANSLATE_NOOP("CompareDock", "colour"),
    "persona_ids": QT_TRANSLATE_NOOP("CompareDock", "personas"),
}


def _field(f: FieldChange) -> str:
    source = FIELD.get(f.field)
    return translate("CompareDock", source) if source else f.field.replace("_", " ")


def change_text(c: Change, cell_name: Callable[[str, str], str]) -> str:
    """One line: "Card moved: “Demo” (Discover / Thoughts → Purchase / Thoughts)"."""
    head = translate("CompareDock", "{element} {action}: {name}").format(
        element=translate("CompareDock", ENTITY[c.entity]), action=translate("CompareDock", ACTION[c.action]),
        name=f"“{c.name}”" if c.entity != "point" else c.name,
    )  # fmt: skip
    details = []
    if c.entity == "card" and c.action == "moved" and c.before and c.after:
        was, now = (cell_name(p.stage_id, p.lane_id) for p in (c.before, c.after))
        details.append(f"{was} → {now}")
    elif c.entity == "card" and c.before and c.action == "removed":
        details.append(cell_name(c.before.stage_id, c.before.lane_id))
    elif c.action == "reordered" and c.before and c.after:
        details.append(
            translate("CompareDock", "position {old} → {new}").format(
                old=c.before.position, new=c.after.position
            )
        )
    if c.fields:
        details.append(", ".join(_field(f) for f in c.fields))
    return head + (f" ({'; '.join(details)})" if details else "")


class CompareDock(QDockWidget):
    """Lists a diff; ``chosen(index)`` is called with the index of the change picked, ``close()``
    when the dock is closed (its End Comparison button or its title bar's close button)."""

    def __init__(self, parent: QWidget, chosen: Callable[[int], None], close: Callable[[], None]):
        super().__init__(translate("CompareDock", "Compare"), parent)
        self._closed = close  # the dock's own close button ends the comparison (a tab behind others does not)
        self.setObjectName("compareDock")
        body = QWidget()
        column = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("compareSummary")
        self.list = QListWidget()
        self.list.setObjectName("compareList")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda row: chosen(row) if row >= 0 else None)
        buttons = QHBoxLayout()
        self.previous = QPushButton(translate("CompareDock", "&Previous"))
        self.next = QPushButton(translate("CompareDock", "&Next"))
        self.stop = QPushButton(translate("CompareDock", "&End Comparison"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.stop.clicked.connect(close)
        for button in (self.previous, self.next):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop)
        column.addWidget(self.summary)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        self.setWidget(body)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        if event.isAccepted():
            self._closed()

    def show_diff(self, diff: MapDiff, source: str) -> None:
        stages = {s.id: s.name for s in diff.old.stages} | {s.id: s.name for s in diff.new.stages}
        lanes = {ln.id: ln.name for ln in diff.old.lanes} | {ln.id: ln.name for ln in diff.new.lanes}

        def cell_name(stage_id: str, lane_id: str) -> str:
            return f"{stages.get(stage_id, '?')} / {lanes.get(lane_id, '?')}"

        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for c in diff.changes:
            item = QListWidgetItem(change_text(c, cell_name))
            item.setData(Qt.ItemDataRole.UserRole, (c.entity, c.id))
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        n = len(diff.changes)
        if n:
            text = translate("CompareDock", "Compared with {source}: %n change(s).", None, n).format(
                source=source
            )
        else:
            text = translate("CompareDock", "Compared with {source}: no changes.").format(source=source)
        self.summary.setText(text)
        for button in (self.previous, self.next):
            button.setEnabled(n > 0)

    def step(self, by: int) -> None:
        n = self.list.count()
        if n:
            row = self.list.currentRow()
            self.list.setCurrentRow((row + by) % n if row >= 0 else (0 if by > 0 else n - 1))
