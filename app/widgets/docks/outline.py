"""The outline dock: the map's stages and lanes as two lists.

Choosing a row selects that stage or lane in the shared selection (and the selection chooses
rows). Rename in place (F2 or double-click), reorder by drag and drop or Ctrl+Up / Ctrl+Down,
add, insert before / after, delete (Del; cards in the stage or lane go with it, one undo step),
show / hide a lane with its check box, and change a lane's type from its context menu. Every
change is one command on the undo stack; the lists follow document events only (an undo of a
reorder moves the row back), and each event touches only the row it names.

Wiring in the main window::

    from app.widgets.docks.outline import OutlinePanel

    self.outline = OutlinePanel(self.doc, self.undo_stack, self.selection)
    dock = QDockWidget("Outline", self); dock.setObjectName("outline")
    dock.setWidget(self.outline)
    self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    # when another map is opened: self.outline.set_document(doc)

``outline.stages`` and ``outline.lanes`` are the two :class:`OutlineSection` widgets; their
``add()``, ``insert(before=...)``, ``move(step)`` and ``delete()`` are the actions' slots.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QDrag, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Change, Entity, Op
from app.model.palette import MUTED
from app.model.schema import Lane, LaneType, Stage, new_id
from app.widgets.i18n import lane_type_label, translate
from app.widgets.plaintext import literal
from app.widgets.selection import Selection, switch_document
from app.widgets.undo import push

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_MIME = "application/x-journeymap-outline-row"


class OrderList(QListWidget):
    """A list whose drag and drop asks for a move (``moveRequested(id, index)``) instead of
    moving the row itself: the row moves when the document says the element moved.

    A drag carries the element's id as ``ROW_MIME``; a drop is accepted only when that id is
    one of this list's rows (so nothing from another window or map can be dropped here).
    """

    moveRequested = Signal(str, int)  # noqa: N815 - Qt naming

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)

    # --- what a drag carries
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [ROW_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt's name
        data = QMimeData()
        if items:
            data.setData(ROW_MIME, QByteArray(items[0].data(ID_ROLE).encode()))
        return data

    def startDrag(self, supported_actions) -> None:  # noqa: N802 - Qt's name
        items = self.selectedItems()
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        drag.exec(Qt.DropAction.MoveAction)  # whatever the result: rows move with the model only

    # --- where it lands
    def dragged_id(self, event) -> str:
        """The id a drag carries, if it is one of this list's rows ("" otherwise)."""
        mime = event.mimeData()
        if not mime.hasFormat(ROW_MIME):
            return ""
        ident = bytes(mime.data(ROW_MIME).data()).decode(errors="replace")
        return ident if self.row_of(ident) >= 0 else ""

    def row_of(self, ident: str) -> int:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == ident:
                return row
        return -1

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.dragged_id(event):
            super().dragEnterEvent(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.dragged_id(event):
            super().dragMoveEvent(event)
            event.setDropAction(Qt.DropAction.MoveAction)
        else:
            event.ignore()

    def drop_index(self, pos: QPoint, source_row: int) -> int:
        """The list index the dragged row takes when dropped at ``pos`` (viewport coordinates)."""
        index = self.indexAt(pos)
        if not index.isValid():
            row = self.count()
        else:
            row = index.row()
            if pos.y() > self.visualRect(index).center().y():
                row += 1
        return row - 1 if row > source_row else row

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        ident = self.dragged_id(event)
        if not ident:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the model moves it, not the view
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        row = self.row_of(ident)
        target = self.drop_index(event.position().toPoint(), row)
        if target != row:
            self.moveRequested.emit(ident, target)


class OutlineSection(QWidget):
    """One list (stages or lanes) with its actions."""

    def __init__(self, entity: Entity, stack: QUndoStack, selection: Selection, parent=None):
        super().__init__(parent)
        self.entity = entity
        self.stack = stack
        self.selection = selection
        self.doc: Document | None = None
        self._syncing = False
        self.noun = "stage" if entity is Entity.STAGE else "lane"

        self.list = OrderList()
        self.list.setObjectName(f"{self.noun}List")
        self.list.moveRequested.connect(self._move_to)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemSelectionChanged.connect(self._rows_selected)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(
            lambda pos: self.context_menu(self.list.itemAt(pos)).exec(self.list.viewport().mapToGlobal(pos)))

        self._buttons: list[QToolButton] = []
        stage = entity is Entity.STAGE

        def pick(for_stage: str, for_lane: str) -> str:
            return for_stage if stage else for_lane

        self._rename_label = pick(translate("Outline", "Rename stage"), translate("Outline", "Rename lane"))
        self._move_label = pick(translate("Outline", "Move stage"), translate("Outline", "Move lane"))
        self.act_add = self._action(pick(translate("Outline", "Add stage"), translate("Outline", "Add lane")), "+", self.add)
        self.act_before = self._action(
            pick(translate("Outline", "Insert stage before"), translate("Outline", "Insert lane before")),
            translate("Outline", "+ before"), lambda: self.insert(before=True))
        self.act_after = self._action(
            pick(translate("Outline", "Insert stage after"), translate("Outline", "Insert lane after")),
            translate("Outline", "+ after"), lambda: self.insert(before=False))
        self.act_up = self._action(pick(translate("Outline", "Move stage up"), translate("Outline", "Move lane up")),
                                   "▲", lambda: self.move(-1), "Ctrl+Up")
        self.act_down = self._action(pick(translate("Outline", "Move stage down"), translate("Outline", "Move lane down")),
                                     "▼", lambda: self.move(+1), "Ctrl+Down")
        self.act_rename = self._action(self._rename_label, "", self.rename, "F2", button=False)
        self.act_delete = self._action(pick(translate("Outline", "Delete stage"), translate("Outline", "Delete lane")),
                                       "✕", self.delete, QKeySequence.StandardKey.Delete)

        title = QLabel(pick(translate("Outline", "Stages"), translate("Outline", "Lanes")))
        self.list.setAccessibleName(title.text())
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        for b in self._buttons:
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.list)

    def _action(self, text: str, short: str, slot: Callable[[], object], shortcut=None, button: bool = True) -> QAction:
        action = QAction(text, self)
        action.setToolTip(text)
        if short:
            action.setIconText(short)  # what the tool button shows
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.list.addAction(action)
        if button:
            b = QToolButton()
            b.setDefaultAction(action)
            b.setAutoRaise(True)
            b.setAccessibleName(action.text())  # the button shows a symbol ("+", "▲"): say what it does
            self._buttons.append(b)
        return action

    # ------------------------------------------------------------- document
    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self._syncing = True
        try:
            self.list.clear()
            for i in range(len(self._elements())):
                self.list.addItem(self._make_item(i))
        finally:
            self._syncing = False
        self.show_selection()

    def _elements(self) -> list:
        return self.doc.map.stages if self.entity is Entity.STAGE else self.doc.map.lanes

    def _make_item(self, index: int) -> QListWidgetItem:
        item = QListWidgetItem()
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        if self.entity is Entity.LANE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        self._paint(item, self._elements()[index])
        return item

    def _paint(self, item: QListWidgetItem, element: Stage | Lane) -> None:
        item.setData(ID_ROLE, element.id)
        item.setText(element.name)
        if isinstance(element, Lane):
            item.setCheckState(Qt.CheckState.Unchecked if element.hidden else Qt.CheckState.Checked)
            tip = (translate("Outline", "{type} (hidden) · check to show, uncheck to hide") if element.hidden
                   else translate("Outline", "{type} · check to show, uncheck to hide"))
            item.setToolTip(tip.format(type=lane_type_label(LaneType(element.type))))
            font = QFont(self.list.font())
            font.setItalic(element.hidden)
            item.setFont(font)
            item.setForeground(QBrush(QColor(MUTED)) if element.hidden else QBrush())
        else:
            item.setToolTip(literal(element.description[:200] or element.name))

    def row_of(self, ident: str) -> int:
        return self.list.row_of(ident)

    def ids(self) -> list[str]:
        return [self.list.item(r).data(ID_ROLE) for r in range(self.list.count())]

    def on_changes(self, changes: list[Change]) -> None:
        touched = False
        self._syncing = True
        try:
            for c in changes:
                if c.entity is not self.entity:
                    continue
                touched = True
                if c.op is Op.ADD:
                    index = self.doc.index_of(self.entity, c.id)
                    self.list.insertItem(index, self._make_item(index))
                elif c.op is Op.REMOVE:
                    row = self.row_of(c.id)
                    if row >= 0:
                        self.list.takeItem(row)
                elif c.op is Op.REORDER:
                    item = self.list.takeItem(self.row_of(c.id))
                    self.list.insertItem(self.doc.index_of(self.entity, c.id), item)
                elif c.op is Op.UPDATE:
                    row = self.row_of(c.id)
                    self._paint(self.list.item(row), self.doc.get(self.entity, c.id))
        finally:
            self._syncing = False
        if touched:
            self.show_selection()

    # ------------------------------------------------------------ selection
    def current_id(self) -> str:
        items = self.list.selectedItems()
        return items[0].data(ID_ROLE) if items else ""

    def show_selection(self) -> None:
        """Select the rows of the shared selection's elements of this kind (nothing is emitted)."""
        wanted = set(self.selection.ids(self.entity))
        self._syncing = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                item.setSelected(item.data(ID_ROLE) in wanted)
                if item.data(ID_ROLE) in wanted:
                    self.list.setCurrentItem(item)
        finally:
            self._syncing = False
        self._enable()

    def _rows_selected(self) -> None:
        if self._syncing:
            return
        ident = self.current_id()
        if ident:
            self.selection.set([(self.entity, ident)])
        self._enable()

    def _enable(self) -> None:
        row = self.row_of(self.current_id()) if self.current_id() else -1
        for action in (self.act_before, self.act_after, self.act_delete, self.act_rename):
            action.setEnabled(row >= 0)
        self.act_up.setEnabled(row > 0)
        self.act_down.setEnabled(0 <= row < self.list.count() - 1)

    # ------------------------------------------------------------- commands
    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        ident = item.data(ID_ROLE)
        element = self.doc.get(self.entity, ident)
        name = item.text().strip()  # never cut: a name the model refuses is reported by push
        if name and name != element.name:
            push(self.stack, self.doc, cmd.Edit(self.entity, ident, {"name": name}, self._rename_label))
        if isinstance(element, Lane):
            hidden = item.checkState() != Qt.CheckState.Checked
            if hidden != element.hidden:
                label = translate("Outline", "Hide lane") if hidden else translate("Outline", "Show lane")
                push(self.stack, self.doc, cmd.Edit(Entity.LANE, ident, {"hidden": hidden}, label))
        self._syncing = True
        try:
            self._paint(item, self.doc.get(self.entity, ident))  # an emptied or refused name comes back
        finally:
            self._syncing = False

    def _new(self) -> Stage | Lane:
        if self.entity is Entity.STAGE:
            return Stage(id=new_id("stage"), name=translate("Outline", "New stage"))
        return Lane(id=new_id("lane"), name=translate("Outline", "New lane"))

    def _insert_at(self, index: int | None) -> str:
        element = self._new()
        command = cmd.add_stage(element, index) if self.entity is Entity.STAGE else cmd.add_lane(element, index)
        push(self.stack, self.doc, command)
        self.selection.set([(self.entity, element.id)])
        self.rename()
        return element.id

    def add(self) -> str:
        """Add a stage or lane at the end and start renaming it; returns its id."""
        return self._insert_at(None)

    def insert(self, before: bool) -> str:
        """Insert a new stage or lane before or after the chosen one; returns its id."""
        ident = self.current_id()
        if not ident:
            return self.add()
        index = self.doc.index_of(self.entity, ident)
        return self._insert_at(index if before else index + 1)

    def rename(self) -> None:
        row = self.row_of(self.current_id()) if self.current_id() else -1
        if row >= 0:
            self.list.editItem(self.list.item(row))

    def move(self, step: int) -> None:
        ident = self.current_id()
        if ident:
            self._move_to(ident, self.doc.index_of(self.entity, ident) + step)

    def _move_to(self, ident: str, index: int) -> None:
        index = max(0, min(index, len(self._elements()) - 1))
        if index != self.doc.index_of(self.entity, ident):
            push(self.stack, self.doc, cmd.Reorder(self.entity, ident, index, self._move_label))

    def delete(self) -> None:
        ident = self.current_id()
        if not ident:
            return
        remove = cmd.remove_stage if self.entity is Entity.STAGE else cmd.remove_lane
        push(self.stack, self.doc, remove(self.doc, ident))

    def set_lane_type(self, lane_id: str, lane_type: LaneType) -> None:
        if self.doc.get(Entity.LANE, lane_id).type != lane_type:
            push(self.stack, self.doc, cmd.Edit(Entity.LANE, lane_id, {"type": LaneType(lane_type)}, translate("Outline", "Edit lane type")))

    def context_menu(self, item: QListWidgetItem | None) -> QMenu:
        """The menu for a row (or the empty area): rename, insert, move, delete; a lane's type."""
        menu = QMenu(self)
        if item is not None:
            ident = item.data(ID_ROLE)
            if self.current_id() != ident:
                self.selection.set([(self.entity, ident)])
            menu.addAction(self.act_rename)
            if self.entity is Entity.LANE:
                lane = self.doc.get(Entity.LANE, ident)
                types = menu.addMenu(translate("Outline", "Type"))
                for t in LaneType:
                    a = types.addAction(lane_type_label(t))
                    a.setCheckable(True)
                    a.setChecked(lane.type == t)
                    a.setData(t.value)
                    a.triggered.connect(lambda _c=False, t=t, i=ident: self.set_lane_type(i, t))
                toggle = menu.addAction(translate("Outline", "Show lane") if lane.hidden else translate("Outline", "Hide lane"))
                toggle.triggered.connect(lambda _c=False, i=ident, h=not lane.hidden: push(
                    self.stack, self.doc, cmd.Edit(Entity.LANE, i, {"hidden": h}, translate("Outline", "Hide lane") if h else translate("Outline", "Show lane"))))
            menu.addSeparator()
            menu.addActions([self.act_before, self.act_after, self.act_up, self.act_down])
            menu.addSeparator()
            menu.addAction(self.act_delete)
        else:
            menu.addAction(self.act_add)
        return menu


class OutlinePanel(QWidget):
    def __init__(self, doc: Document, undo_stack: QUndoStack, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = undo_stack
        self.selection = selection
        self.doc: Document | None = None
        self._unfollow: Callable[[], None] | None = None
        self.stages = OutlineSection(Entity.STAGE, undo_stack, selection)
        self.lanes = OutlineSection(Entity.LANE, undo_stack, selection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stages)
        layout.addWidget(self.lanes)
        selection.changed.connect(self._selection_changed)
        self.set_document(doc)

    def set_document(self, doc: Document) -> None:
        switch_document(self, doc)
        self.stages.set_document(doc)
        self.lanes.set_document(doc)

    def _on_changes(self, changes: list[Change]) -> None:
        self.stages.on_changes(changes)
        self.lanes.on_changes(changes)

    def _selection_changed(self) -> None:
        self.stages.show_selection()
        self.lanes.show_selection()
