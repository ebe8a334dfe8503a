"""Stage and lane commands for menus and context menus: add, insert before/after, rename,
delete (with their cards), hide/show lanes and change a lane's type. Each is one command on
the undo stack; they act on the stage or lane selected last in the shared Selection (a click
on a header selects it).

Wiring in the main window::

    headers = HeaderTool(ctx)
    structure = StructureActions(ctx, headers)
    stage_menu.addAction("Add Stage", structure.add_stage)
    stage_menu.addAction("Insert Stage Before", lambda: structure.insert_stage(before=True))
    ...
    lane_menu.addAction("Hide/Show Lane", structure.toggle_lane_hidden)

A right-click on a stage or lane header opens :meth:`context_menu` for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMenu

from app.model import commands as cmd
from app.model.commands import Edit, Macro
from app.model.events import Entity
from app.model.schema import Lane, LaneType, Stage, new_id
from app.widgets.canvas.interaction import CanvasContext, element_at
from app.widgets.i18n import lane_type_label, translate


class StructureActions(QObject):
    """Stage and lane edits for the window's menus. ``header_tool`` (a HeaderTool) provides
    the inline rename editor; without one, rename does nothing.

    ``enabled_changed`` is emitted when the selection changes, so a window can enable its
    stage/lane actions with :meth:`has_stage` / :meth:`has_lane`."""

    enabled_changed = Signal()

    def __init__(self, ctx: CanvasContext, header_tool=None, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx
        self.header_tool = header_tool
        ctx.selection.changed.connect(self.enabled_changed)
        ctx.view.viewport().installEventFilter(self)

    # ------------------------------------------------------------ queries
    def selected_stage(self) -> str | None:
        ids = [i for i in self.ctx.selection.ids(Entity.STAGE) if self.ctx.doc.find(Entity.STAGE, i)]
        return ids[-1] if ids else None

    def selected_lane(self) -> str | None:
        ids = [i for i in self.ctx.selection.ids(Entity.LANE) if self.ctx.doc.find(Entity.LANE, i)]
        return ids[-1] if ids else None

    def has_stage(self) -> bool:
        return self.selected_stage() is not None

    def has_lane(self) -> bool:
        return self.selected_lane() is not None

    # ------------------------------------------------------------ stages
    def add_stage(self) -> str:
        """Append a new stage; it becomes the selection. Returns its id."""
        return self._insert_stage(len(self.ctx.doc.map.stages))

    def insert_stage(self, before: bool) -> str:
        """A new stage before or after the selected one (no selection: first or last)."""
        sid = self.selected_stage()
        n = len(self.ctx.doc.map.stages)
        if sid is None:
            return self._insert_stage(0 if before else n)
        i = self.ctx.doc.index_of(Entity.STAGE, sid)
        return self._insert_stage(i if before else i + 1)

    def _insert_stage(self, index: int) -> str:
        stage = Stage(id=new_id("stage"), name=translate("Structure", "New stage"))
        self.ctx.push(cmd.add_stage(stage, index))
        self.ctx.selection.set([(Entity.STAGE, stage.id)])
        return stage.id

    def delete_stage(self) -> bool:
        """Delete the selected stage with its cards, curve points and metrics (one step)."""
        sid = self.selected_stage()
        if sid is None:
            return False
        self.ctx.push(cmd.remove_stage(self.ctx.doc, sid))
        return True

    def rename_stage(self):
        sid = self.selected_stage()
        if sid is None or self.header_tool is None:
            return None
        return self.header_tool.rename(Entity.STAGE, sid)

    # ------------------------------------------------------------ lanes
    def add_lane(self, lane_type: LaneType = LaneType.TEXT) -> str:
        return self._insert_lane(len(self.ctx.doc.map.lanes), lane_type)

    def insert_lane(self, before: bool) -> str:
        lid = self.selected_lane()
        n = len(self.ctx.doc.map.lanes)
        if lid is None:
            return self._insert_lane(0 if before else n)
        i = self.ctx.doc.index_of(Entity.LANE, lid)
        return self._insert_lane(i if before else i + 1)

    def _insert_lane(self, index: int, lane_type: LaneType = LaneType.TEXT) -> str:
        lane = Lane(id=new_id("lane"), name=translate("Structure", "New lane"), type=lane_type)
        self.ctx.push(cmd.add_lane(lane, index))
        self.ctx.selection.set([(Entity.LANE, lane.id)])
        return lane.id

    def delete_lane(self) -> bool:
        """Delete the selected lane with its cards (one step)."""
        lid = self.selected_lane()
        if lid is None:
            return False
        self.ctx.push(cmd.remove_lane(self.ctx.doc, lid))
        return True

    def rename_lane(self):
        lid = self.selected_lane()
        if lid is None or self.header_tool is None:
            return None
        return self.header_tool.rename(Entity.LANE, lid)

    def toggle_lane_hidden(self) -> bool:
        """Hide the selected lane (or show it again when it is hidden)."""
        lid = self.selected_lane()
        if lid is None:
            return False
        hidden = self.ctx.doc.get(Entity.LANE, lid).hidden
        self.ctx.push(Edit(Entity.LANE, lid, {"hidden": not hidden}, label=translate("Structure", "Show lane") if hidden else translate("Structure", "Hide lane")))
        return True

    def show_all_lanes(self) -> bool:
        """Show every hidden lane again (one step)."""
        hidden = [lane.id for lane in self.ctx.doc.map.lanes if lane.hidden]
        if not hidden:
            return False
        self.ctx.push(Macro(translate("Structure", "Show hidden lanes"), [Edit(Entity.LANE, i, {"hidden": False}) for i in hidden]))
        return True

    def set_lane_type(self, lane_type: LaneType | str) -> bool:
        lid = self.selected_lane()
        lane_type = LaneType(lane_type)
        if lid is None or self.ctx.doc.get(Entity.LANE, lid).type is lane_type:
            return False
        self.ctx.push(Edit(Entity.LANE, lid, {"type": lane_type}, label=translate("Structure", "Change lane type")))
        return True

    # ------------------------------------------------------------ context menu
    def context_menu(self, entity: Entity, ident: str, parent=None) -> QMenu:
        """The menu for a stage or lane header (it selects that stage or lane)."""
        self.ctx.selection.set([(entity, ident)])
        menu = QMenu(parent or self.ctx.view)
        if entity is Entity.STAGE:
            menu.addAction(translate("Structure", "Rename Stage"), self.rename_stage)
            menu.addAction(translate("Structure", "Insert Stage Before"), lambda: self.insert_stage(True))
            menu.addAction(translate("Structure", "Insert Stage After"), lambda: self.insert_stage(False))
            menu.addSeparator()
            menu.addAction(translate("Structure", "Delete Stage"), self.delete_stage)
        else:
            menu.addAction(translate("Structure", "Rename Lane"), self.rename_lane)
            menu.addAction(translate("Structure", "Insert Lane Above"), lambda: self.insert_lane(True))
            menu.addAction(translate("Structure", "Insert Lane Below"), lambda: self.insert_lane(False))
            types = menu.addMenu(translate("Structure", "Lane Type"))
            current = self.ctx.doc.get(Entity.LANE, ident).type
            for t in LaneType:
                act = types.addAction(lane_type_label(t), lambda t=t: self.set_lane_type(t))
                act.setCheckable(True)
                act.setChecked(t is current)
            menu.addAction(translate("Structure", "Hide Lane"), self.toggle_lane_hidden)
            if any(lane.hidden for lane in self.ctx.doc.map.lanes):
                menu.addAction(translate("Structure", "Show Hidden Lanes"), self.show_all_lanes)
            menu.addSeparator()
            menu.addAction(translate("Structure", "Delete Lane"), self.delete_lane)
        return menu

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ContextMenu:
            view = self.ctx.view
            item = element_at(view.items(event.pos()))
            if item is not None and item.data(1) in ("stage", "lane"):
                entity = Entity.STAGE if item.data(1) == "stage" else Entity.LANE
                menu = self.context_menu(entity, item.data(0))
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False
