"""The inspector dock: every field of the selected element, or of the map when nothing is selected.

It shows the current element of the shared :class:`~app.widgets.selection.Selection` (a card,
stage, lane, curve point, link, persona, curve or metric); when several elements of that kind
are selected it shows the fields they have in common and edits all of them as one undo step.
Edits are commands on the undo stack (see :mod:`app.widgets.docks.inspector.forms`); the inspector
follows the document, so an undo or a canvas edit updates its fields, and when the element is
removed it shows the map. Under the fields of one stage it lists the stage's metrics, to add,
edit and remove (:mod:`app.widgets.docks.inspector.metrics`).

Wiring in the main window (the history dock needs no module of its own)::

    from PySide6.QtWidgets import QDockWidget, QUndoView
    from app.widgets.docks.inspector.panel import Inspector

    self.inspector = Inspector(self.doc, self.undo_stack, self.selection)
    dock = QDockWidget("Inspector", self); dock.setObjectName("inspector")
    dock.setWidget(self.inspector)
    self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    history = QDockWidget("History", self); history.setObjectName("history")
    history.setWidget(QUndoView(self.undo_stack))
    self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, history)
    # when another map is opened: self.undo_stack.clear(); self.selection.set_document(doc);
    # self.inspector.set_document(doc)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.model.document import Document
from app.model.events import Change, Entity
from app.widgets.docks.inspector.fields import Field
from app.widgets.docks.inspector.forms import ENTITY_LABEL, FieldForm, entity_count
from app.widgets.docks.inspector.metrics import StageMetrics
from app.widgets.i18n import translate
from app.widgets.selection import Selection, switch_document


class Inspector(QWidget):
    def __init__(self, doc: Document, undo_stack: QUndoStack, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = undo_stack
        self.selection = selection
        self.doc: Document | None = None
        self.form: FieldForm | None = None
        self.metrics: StageMetrics | None = None  # under the form of one stage
        self._unfollow: Callable[[], None] | None = None

        self.header = QLabel()
        font = QFont(self.header.font())
        font.setBold(True)
        self.header.setFont(font)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)

        selection.changed.connect(self._show_selection)
        self.set_document(doc)

    def set_document(self, doc: Document) -> None:
        """Inspect another document (the window opened another map)."""
        switch_document(self, doc)
        self.form = None
        self._show_selection()

    # ---------------------------------------------------------------- queries
    def target(self) -> tuple[Entity, list[str]]:
        """What is shown: the kind of the current element and the selected ids of that kind."""
        items = [it for it in self.selection.items() if self.doc.find(*it) is not None]
        if not items:
            return Entity.MAP, [""]
        entity = items[-1][0]
        return entity, [i for e, i in items if e is entity]

    def field(self, name: str) -> Field:
        """The editor of one model field in the current form (for tests and keyboard focus)."""
        return self.form.fields[name]

    # ---------------------------------------------------------------- updates
    def _show_selection(self) -> None:
        entity, ids = self.target()
        self.header.setText(self._title(entity, ids))
        if self.form is not None and self.form.entity is entity and self.form.ids == ids and self.form.alive():
            return
        if self.form is not None and self.form.can_show(entity, ids):
            self.form.retarget(ids)
            if self.metrics is not None:
                self.metrics.set_stage(ids[0])
            return
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()  # not now: one of its editors may be emitting
        self.form = FieldForm(self.doc, self.stack, entity, ids)
        self.metrics = None
        if entity is Entity.STAGE and len(ids) == 1:
            self.metrics = StageMetrics(self.doc, self.stack, ids[0], self.form)
            self.form.layout().insertWidget(self.form.layout().count() - 1, self.metrics)  # above the stretch
        self.scroll.setWidget(self.form)

    def _title(self, entity: Entity, ids: list[str]) -> str:
        if entity is Entity.MAP:
            return translate("Inspector", "Map")
        if len(ids) == 1:
            one = translate("Inspector", ENTITY_LABEL[entity])
            text = one[:1].upper() + one[1:]
        else:
            text = entity_count(entity, len(ids))
        total = len(self.selection)
        if total > len(ids):
            text = translate("Inspector", "{items} (of {total} selected items)").format(items=text, total=total)
        return text

    def _on_changes(self, changes: list[Change]) -> None:
        if self.form is None:
            return
        if not self.form.alive():
            self._show_selection()  # the element went away: show what remains (or the map)
        else:
            self.form.on_changes(changes)
            if self.metrics is not None:
                self.metrics.on_changes(changes)
