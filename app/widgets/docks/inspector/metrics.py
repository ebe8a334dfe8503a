"""A stage's metrics in the inspector: NPS, CSAT or any other, each with a value, a target and a unit.

:class:`StageMetrics` lists the metrics of the one selected stage ("NPS: 42 (target 50)") with
Add…, Edit… (or a double-click) and Remove (or Del); Add and Edit open :class:`MetricDialog`. Every change is one command on
the undo stack (an Insert, an Edit of the fields that changed, or a Remove), so the Document
checks it like any other edit; when it refuses one, the dialog stays open and says why. The
stage header on the canvas shows the metrics with value against target (drawn from the layout).
The list follows the document: an undo or an edit elsewhere shows at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Change, Entity
from app.model.schema import MAX_SHORT_TEXT, StageMetric, new_id
from app.widgets.i18n import translate
from app.widgets.plaintext import literal, plain_label
from app.widgets.undo import notices, push

ID_ROLE = Qt.ItemDataRole.UserRole
#: The kinds offered by Add…: (label, name, unit). "Other" leaves the name to the user.
PRESETS: list[tuple[str, str, str]] = [
    (QT_TRANSLATE_NOOP("Metrics", "NPS (net promoter score, -100 to 100)"), "NPS", ""),
    (QT_TRANSLATE_NOOP("Metrics", "CSAT (customer satisfaction, 1 to 5)"), "CSAT", "/5"),
    (QT_TRANSLATE_NOOP("Metrics", "Other"), "", ""),
]


def number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def parse_number(text: str) -> float | None:
    """A finite number typed with a point or a comma; None for an empty box. ValueError otherwise."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    sep = " " if unit[:1].isalnum() else ""
    return f"{value:g}{sep}{unit}"


def metric_text(mt: StageMetric) -> str:
    """ "NPS: 42 (target 50)": the metric's row in the list (plain text)."""
    name = mt.name or translate("Metrics", "(unnamed metric)")
    if mt.target is None:
        return translate("Metrics", "{name}: {value}").format(name=name, value=with_unit(mt.value, mt.unit))
    return translate("Metrics", "{name}: {value} (target {target})").format(
        name=name, value=with_unit(mt.value, mt.unit), target=with_unit(mt.target, mt.unit)
    )


class MetricDialog(QDialog):
    """The fields of one metric. ``commit(fields) -> bool`` is asked on OK: the dialog closes
    only when it returns True (the edit was made); else it shows ``set_problem``'s text."""

    def __init__(self, title: str, metric: StageMetric | None, commit: Callable[[dict[str, Any]], bool],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("metricDialog")
        self.commit = commit
        self.original = metric
        form = QFormLayout(self)
        self.preset: QComboBox | None = None
        if metric is None:  # adding: the kind fills in the name and the unit
            self.preset = QComboBox()
            self.preset.setObjectName("metricKind")
            for label, name, unit in PRESETS:
                self.preset.addItem(translate("Metrics", label), (name, unit))
            self.preset.currentIndexChanged.connect(self._preset_chosen)
            form.addRow(translate("Metrics", "Kind"), self.preset)
        self.name = QLineEdit(metric.name if metric else "")
        self.name.setMaxLength(MAX_SHORT_TEXT)
        self.value = QLineEdit(number_text(metric.value) if metric else "")
        self.target = QLineEdit(number_text(metric.target) if metric else "")
        self.unit = QLineEdit(metric.unit if metric else "")
        self.unit.setMaxLength(MAX_SHORT_TEXT)
        for box, name in ((self.name, "metricName"), (self.value, "metricValue"), (self.target, "metricTarget"),
                          (self.unit, "metricUnit")):  # fmt: skip
            box.setObjectName(name)
            box.textChanged.connect(self._check)
        self.value.setPlaceholderText(translate("Metrics", "not measured"))
        self.target.setPlaceholderText(translate("Metrics", "no target"))
        form.addRow(translate("Metrics", "Name"), self.name)
        form.addRow(translate("Metrics", "Value"), self.value)
        form.addRow(translate("Metrics", "Target"), self.target)
        form.addRow(translate("Metrics", "Unit"), self.unit)
        self.problem = plain_label()
        self.problem.setObjectName("metricProblem")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if metric is None:
            self._preset_chosen(0)
        self._check()

    def _preset_chosen(self, index: int) -> None:
        name, unit = self.preset.itemData(index)
        self.name.setText(name)
        self.unit.setText(unit)
        (self.value if name else self.name).setFocus()

    def fields(self) -> dict[str, Any] | None:
        """The metric's fields as typed, or None while a number cannot be read or the name is empty."""
        try:
            value, target = parse_number(self.value.text()), parse_number(self.target.text())
        except ValueError:
            return None
        name = self.name.text().strip()
        if not name:
            return None
        return {"name": name, "value": value, "target": target, "unit": self.unit.text().strip()}

    def _check(self) -> None:
        fields = self.fields()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(fields is not None)
        if fields is not None:
            self.problem.setText("")
        elif not self.name.text().strip():
            self.problem.setText(translate("Metrics", "Give the metric a name."))
        else:
            self.problem.setText(translate("Metrics", "Value and target are numbers, or empty."))

    def set_problem(self, text: str) -> None:
        self.problem.setText(text)

    def accept(self) -> None:
        fields = self.fields()
        if fields is not None and self.commit(fields):
            super().accept()


class StageMetrics(QGroupBox):
    """The metrics of one stage, with Add…, Edit… and Remove."""

    def __init__(self, doc: Document, stack: QUndoStack, stage_id: str, parent: QWidget | None = None):
        super().__init__(translate("Metrics", "Metrics"), parent)
        self.setObjectName("stageMetrics")
        self.doc = doc
        self.stack = stack
        self.stage_id = stage_id
        self.dialog: MetricDialog | None = None
        self.list = QListWidget()
        self.list.setObjectName("metricList")
        self.list.setAccessibleName(translate("Metrics", "Metrics of the stage"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long rows end in "…"
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemDoubleClicked.connect(self._double_clicked)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        delete = QAction(self.list)  # Del in the list removes the chosen metric
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove)
        self.list.addAction(delete)
        self.add_button = _button(translate("Metrics", "Add…"))  # tool buttons: the inspector is narrow
        self.edit_button = _button(translate("Metrics", "Edit…"))
        self.remove_button = _button(translate("Metrics", "Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.load()

    # ---------------------------------------------------------------- showing
    def metrics(self) -> list[StageMetric]:
        return [mt for mt in self.doc.map.metrics if mt.stage_id == self.stage_id]

    def set_stage(self, stage_id: str) -> None:
        self.stage_id = stage_id
        self.load()

    def load(self) -> None:
        """Show the stage's metrics again (the chosen row kept)."""
        kept = self.current_id()
        self.list.clear()
        for mt in self.metrics():
            item = QListWidgetItem(metric_text(mt))
            item.setData(ID_ROLE, mt.id)
            item.setToolTip(literal(item.text()))  # the row is cut short in a narrow inspector
            self.list.addItem(item)
            if mt.id == kept:
                self.list.setCurrentItem(item)
        row = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height() + 4
        rows = max(2, min(self.list.count(), 6))  # up to six rows without scrolling
        self.list.setFixedHeight(row * rows + 2 * self.list.frameWidth() + 2)
        self._enable()

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.entity in (Entity.METRIC, Entity.STAGE) for c in changes):
            if self.doc.find(Entity.STAGE, self.stage_id) is not None:
                self.load()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _double_clicked(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.edit()

    def _enable(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # ---------------------------------------------------------------- edits
    def add(self) -> None:
        """Add…: a new metric of this stage, from the dialog."""

        def commit(fields: dict[str, Any]) -> bool:
            # unchecked here: the Document validates it (and refuses it with a reason)
            metric = StageMetric.model_construct(id=new_id("metric"), stage_id=self.stage_id, **fields)
            label = translate("Metrics", "Add metric “{name}”").format(name=fields["name"])
            done = self._push(cmd.Insert(Entity.METRIC, metric, label=label))
            if done:
                self.load()
                self.list.setCurrentRow(self._row_of(metric.id))
            return done

        self._open(MetricDialog(translate("Metrics", "Add Metric"), None, commit, self))

    def edit(self) -> None:
        """Edit… (or a double-click): the chosen metric's fields; only what changed is one step."""
        ident = self.current_id()
        metric = self.doc.find(Entity.METRIC, ident) if ident else None
        if metric is None:
            return

        def commit(fields: dict[str, Any]) -> bool:
            now = self.doc.find(Entity.METRIC, ident)  # as it is now (an undo may have come meanwhile)
            changed = {k: v for k, v in fields.items() if now is None or getattr(now, k) != v}
            if not changed:
                return True
            label = translate("Metrics", "Edit metric “{name}”").format(name=fields["name"])
            return self._push(cmd.Edit(Entity.METRIC, ident, changed, label))

        self._open(MetricDialog(translate("Metrics", "Edit Metric"), metric, commit, self))

    def remove(self) -> None:
        """Remove: the chosen metric (one undo step)."""
        ident = self.current_id()
        metric = self.doc.find(Entity.METRIC, ident) if ident else None
        if metric is not None:
            row = self.list.currentRow()
            self._push(
                cmd.Remove(
                    Entity.METRIC,
                    ident,
                    translate("Metrics", "Remove metric “{name}”").format(name=metric.name),
                )
            )
            self.load()
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _open(self, dialog: MetricDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _push(self, command: cmd.Command) -> bool:
        """Push ``command``; a refusal is shown in the open dialog too."""
        said: list[str] = []

        def note(text: str) -> None:
            said.append(text)

        refused = notices(self.stack).refused
        refused.connect(note)
        try:
            done = push(self.stack, self.doc, command)
        finally:
            refused.disconnect(note)
        if not done and self.dialog is not None and said:
            self.dialog.set_problem(said[-1])
        return done

    def _row_of(self, ident: str) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == ident:
                return row
        return -1


def _button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def stage_in_focus(selection, doc: Document) -> str | None:
    """The stage the user works in: the selected stage, else the stage of the selected card or
    metric (the last one selected), else the first stage."""
    for entity, ident in reversed(selection.items()):
        if entity is Entity.STAGE:
            return ident
        if entity in (Entity.CARD, Entity.METRIC):
            element = doc.find(entity, ident)
            if element is not None:
                return element.stage_id
    return doc.map.stages[0].id if doc.map.stages else None


def show_stage_metrics(window) -> None:
    """Map > Stage Metrics…: the stage in focus, selected and shown in the inspector, with the
    keyboard in its metrics list (``window`` has ``selection``, ``session`` and ``docks``)."""
    stage = stage_in_focus(window.selection, window.session.doc)
    if stage is None:
        return
    window.selection.set([(Entity.STAGE, stage)])
    window.docks.show_inspector()
    section = window.docks.inspector.metrics
    if section is not None:
        section.list.setFocus()
        if section.list.count() and section.list.currentRow() < 0:
            section.list.setCurrentRow(0)
