"""The personas dock: the map's personas with their colour, and every field of the chosen one.

New, Duplicate and Delete are undoable commands (Delete uses ``commands.remove_persona``: cards
forget the persona, its curves stay). The fields below the list are the inspector's persona form
(:class:`~app.widgets.docks.inspector.forms.FieldForm`), photo included: "Choose photo…" shrinks the
image to at most 512 px and re-encodes it so that it fits the file's size limit. A persona's
colour is one command; curves without a colour of their own take it
(``app.model.palette.curve_colour``), so the canvas must redraw curves on a persona colour change.

Wiring in the main window::

    from app.widgets.docks.personas import PersonasPanel

    self.personas = PersonasPanel(self.doc, self.undo_stack, self.selection)
    dock = QDockWidget("Personas", self); dock.setObjectName("personas")
    dock.setWidget(self.personas)
    self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    # when another map is opened: self.personas.set_document(doc)

Choosing a persona in the list selects it in the shared selection (when one is given), and
selecting a persona elsewhere chooses it here. ``currentPersonaChanged(str)`` reports the chosen
persona's id ("" for none).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Change, Entity, Op
from app.model.palette import OKABE_ITO
from app.model.schema import MAX_SHORT_TEXT, Persona, new_id
from app.widgets.docks.inspector.forms import FieldForm
from app.widgets.docks.inspector.pickers import swatch_icon
from app.widgets.i18n import translate
from app.widgets.plaintext import literal
from app.widgets.selection import Selection, switch_document
from app.widgets.undo import push

ID_ROLE = Qt.ItemDataRole.UserRole


COPY_SUFFIX = " (copy)"


def copy_name(name: str) -> str:
    """The name of a duplicate: ``"Ana (copy)"``. A name so long that the suffix would not fit
    the schema's limit keeps the suffix and gives up the end of the original part, so that
    the copy is told apart from its source (the user can rename it)."""
    room = MAX_SHORT_TEXT - len(COPY_SUFFIX)
    base = name if len(name) <= room else name[:room].rstrip()
    return base + COPY_SUFFIX


def persona_colour(doc: Document, index: int) -> str:
    """The colour a persona shows (and its curves take): its own, else the palette's by position."""
    p = doc.map.personas[index]
    return p.colour or OKABE_ITO[index % len(OKABE_ITO)]


class PersonasPanel(QWidget):
    currentPersonaChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(self, doc: Document, undo_stack: QUndoStack, selection: Selection | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = undo_stack
        self.selection = selection
        self.doc: Document | None = None
        self.form: FieldForm | None = None
        self._unfollow: Callable[[], None] | None = None
        self._syncing = False

        self.list = QListWidget()
        self.list.setObjectName("personaList")
        self.list.setAccessibleName(QCoreApplication.translate("Accessibility", "Personas"))
        self.new_button = QPushButton(translate("Personas", "New"))
        self.duplicate_button = QPushButton(translate("Personas", "Duplicate"))
        self.delete_button = QPushButton(translate("Personas", "Delete"))
        self.new_button.setToolTip(translate("Personas", "Add a persona"))
        self.duplicate_button.setToolTip(translate("Personas", "Add a copy of the chosen persona"))
        self.delete_button.setToolTip(translate("Personas", "Delete the chosen persona (cards forget it, its curves stay)"))
        self.new_button.clicked.connect(self.create)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list)
        top_layout.addLayout(buttons)

        self.empty = QLabel(translate("Personas", "No persona chosen."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([160, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self.list.currentItemChanged.connect(self._current_changed)
        if selection is not None:
            selection.changed.connect(self._selection_changed)
        self.set_document(doc)

    # ------------------------------------------------------------- document
    def set_document(self, doc: Document) -> None:
        switch_document(self, doc)
        self._syncing = True
        try:
            self.list.clear()
            for i in range(len(doc.map.personas)):
                self.list.addItem(self._make_item(i))
        finally:
            self._syncing = False
        self._choose(doc.map.personas[0].id if doc.map.personas else "")

    def _make_item(self, index: int) -> QListWidgetItem:
        item = QListWidgetItem()
        self._paint_item(item, index)
        return item

    def _paint_item(self, item: QListWidgetItem, index: int) -> None:
        p = self.doc.map.personas[index]
        item.setData(ID_ROLE, p.id)
        item.setText(p.name or translate("Personas", "(unnamed persona)"))
        item.setIcon(swatch_icon(persona_colour(self.doc, index), 16))
        details = " · ".join(x for x in (p.role, p.segment, p.region) if x)
        item.setToolTip(literal(details or p.name))

    def _row(self, persona_id: str) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == persona_id:
                return row
        return -1

    def _on_changes(self, changes: list[Change]) -> None:
        repaint = False
        for c in changes:
            if c.entity is not Entity.PERSONA:
                continue
            self._syncing = True
            try:
                if c.op is Op.ADD:
                    index = self.doc.index_of(Entity.PERSONA, c.id)
                    self.list.insertItem(index, self._make_item(index))
                    repaint = True
                elif c.op is Op.REMOVE:
                    row = self._row(c.id)
                    if row >= 0:
                        self.list.takeItem(row)
                    repaint = True
                elif c.op is Op.REORDER:
                    row = self._row(c.id)
                    item = self.list.takeItem(row)
                    self.list.insertItem(self.doc.index_of(Entity.PERSONA, c.id), item)
                    repaint = True
                elif c.op is Op.UPDATE and c.fields & {"name", "colour", "role", "segment", "region"}:
                    index = self.doc.index_of(Entity.PERSONA, c.id)
                    self._paint_item(self.list.item(index), index)
            finally:
                self._syncing = False
        if repaint:  # palette colours go by position
            for row in range(self.list.count()):
                self._paint_item(self.list.item(row), row)
        current = self.current_id()
        if not current and self.list.count():
            current = self.list.item(0).data(ID_ROLE)
        shown = self.form.ids[0] if self._form_shows_this_map() else ""
        if shown != current or (self.form is not None and not shown):
            self._choose(current)  # the chosen persona went away: show its neighbour
        elif self.form is not None:
            self.form.on_changes(changes)

    # ------------------------------------------------------------- choosing
    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def _choose(self, persona_id: str) -> None:
        """Show ``persona_id`` in the list and its fields in the form."""
        self._syncing = True
        try:
            self.list.setCurrentRow(self._row(persona_id) if persona_id else -1)
        finally:
            self._syncing = False
        self._show_form(persona_id)

    def _form_shows_this_map(self) -> bool:
        """The form edits a persona of the map shown (after another map is opened, the form
        of a persona with the same id in the previous map must not stay: its edits went to
        that map, unseen)."""
        return self.form is not None and self.form.doc is self.doc and self.form.alive()

    def _show_form(self, persona_id: str) -> None:
        if self._form_shows_this_map() and self.form.ids == [persona_id]:
            return
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        if persona_id and self.doc.find(Entity.PERSONA, persona_id) is not None:
            self.form = FieldForm(self.doc, self.stack, Entity.PERSONA, [persona_id])
            self.scroll.setWidget(self.form)
        else:
            self.form = None
            self.empty = QLabel(translate("Personas", "No persona chosen."))
            self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.scroll.setWidget(self.empty)
        has = self.form is not None
        self.duplicate_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.currentPersonaChanged.emit(persona_id if has else "")

    def _current_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        if self._syncing:
            return
        persona_id = current.data(ID_ROLE) if current is not None else ""
        self._show_form(persona_id)
        if self.selection is not None and persona_id:
            self.selection.set([(Entity.PERSONA, persona_id)])

    def _selection_changed(self) -> None:
        ids = self.selection.ids(Entity.PERSONA)
        if ids and ids[-1] != self.current_id():
            self._choose(ids[-1])

    # ------------------------------------------------------------- commands
    def create(self) -> str:
        """Add a persona with the first palette colour no persona uses; returns its id."""
        used = {p.colour.upper() for p in self.doc.map.personas}
        colour = next((c for c in OKABE_ITO if c.upper() not in used), "")
        persona = Persona(id=new_id("persona"), name=translate("Personas", "New persona"), colour=colour)
        push(self.stack, self.doc, cmd.add_persona(persona))
        self._choose(persona.id)
        self._focus_name()
        return persona.id

    def duplicate(self) -> str:
        """Add a copy of the chosen persona right after it; returns the copy's id."""
        source_id = self.current_id()
        if not source_id:
            return ""
        source = self.doc.get(Entity.PERSONA, source_id)
        copy = source.model_copy(deep=True)
        copy.id = new_id("persona")
        copy.name = copy_name(source.name)
        index = self.doc.index_of(Entity.PERSONA, source_id) + 1
        push(self.stack, self.doc, cmd.Insert(Entity.PERSONA, copy, index, label=translate("Personas", "Duplicate persona")))
        self._choose(copy.id)
        return copy.id

    def delete(self) -> None:
        persona_id = self.current_id()
        if persona_id:
            push(self.stack, self.doc, cmd.remove_persona(self.doc, persona_id))

    def _focus_name(self) -> None:
        if self.form is not None:
            edit = self.form.fields["name"].edit
            edit.setFocus()
            edit.selectAll()
