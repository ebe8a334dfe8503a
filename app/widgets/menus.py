"""The main window's actions, menus and toolbar.

:func:`build_menus` makes every action of the window, puts it in the menu bar (File, Edit, View,
Insert, Map, Help) and the main ones in the toolbar, and returns them by name
(``window.actions_by_name["save"]``). Only what works is offered: an action whose feature is not
in this build (``window.card_actions`` or ``window.structure`` is None) is simply absent, never a
disabled placeholder.

Shortcut contexts: file, undo/redo, zoom and find shortcuts work anywhere in the window; the card
shortcuts (Delete, F2, Ctrl+C/X/V/D, Ctrl+A) work while the canvas has the focus, so that a text
field or the outline's own Delete and F2 keep theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from app.model.schema import LaneType
from app.widgets.compare.comparison import compare_with
from app.widgets.docks.inspector.metrics import show_stage_metrics
from app.widgets.files.data_formats import DataFiles
from app.widgets.i18n import lane_type_label, translate
from app.widgets.perspective import SHORTCUTS as PERSPECTIVE_KEYS
from app.widgets.plaintext import literal, no_mnemonic
from app.widgets.workshop import menu as workshop_menu

Shortcut = str | QKeySequence.StandardKey


def key_sequences(shortcuts: tuple[Shortcut, ...]) -> list[QKeySequence]:
    """Shortcut texts and standard keys (a standard key brings all the platform's bindings)."""
    keys: list[QKeySequence] = []
    for s in shortcuts:
        if isinstance(s, QKeySequence.StandardKey):
            keys += [k for k in QKeySequence.keyBindings(s) if k not in keys]
        else:
            key = QKeySequence(s)
            if key not in keys:
                keys.append(key)
    return keys


def _call(slot: Callable[[], object]) -> Callable[[bool], None]:
    """A ``triggered(checked)`` slot that calls ``slot()`` without the checked argument."""
    return lambda _checked=False: slot()


class MenuBuilder:
    def __init__(self, window):
        self.w = window
        self.actions: dict[str, QAction] = {}

    def action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        *shortcuts: Shortcut,
        tip: str = "",
        canvas: bool = False,
    ) -> QAction:
        """A named action; ``canvas`` actions' shortcuts work while the canvas has the focus."""
        act = QAction(text, self.w)
        act.setObjectName(name)
        act.setShortcuts(key_sequences(shortcuts))
        act.setToolTip(tip or text.replace("&", "").rstrip("…"))
        act.triggered.connect(_call(slot))
        if canvas:
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.w.view.addAction(act)
        else:
            self.w.addAction(act)  # shortcuts work even when the menu bar is hidden or native
        self.actions[name] = act
        return act

    def adopt(self, name: str, act: QAction, *shortcuts: Shortcut) -> QAction:
        """An action made elsewhere (undo/redo, a dock's toggle) with our shortcuts."""
        act.setObjectName(name)
        if shortcuts:
            act.setShortcuts(key_sequences(shortcuts))
            self.w.addAction(act)
        self.actions[name] = act
        return act


def build_menus(window) -> dict[str, QAction]:
    b = MenuBuilder(window)
    w = window
    session = w.session
    bar = w.menuBar()
    bar.clear()

    # ---------------------------------------------------------------- File
    m = bar.addMenu(translate("Menus", "&File"))
    m.addAction(b.action("new", translate("Menus", "&New…"), session.new_dialog, QKeySequence.StandardKey.New, tip=translate("Menus", "New map from a template")))
    m.addAction(b.action("open", translate("Menus", "&Open…"), session.open_dialog, QKeySequence.StandardKey.Open, tip=translate("Menus", "Open a map")))
    w.recent_menu = m.addMenu(translate("Menus", "Open &Recent"))
    w.recent_menu.setObjectName("recentMenu")
    m.addSeparator()
    m.addAction(b.action("save", translate("Menus", "&Save"), session.save, QKeySequence.StandardKey.Save, tip=translate("Menus", "Save the map")))
    m.addAction(b.action("save_as", translate("Menus", "Save &As…"), lambda: session.save_as(), "Ctrl+Shift+S"))
    m.addAction(b.action("revert", translate("Menus", "Re&vert to Saved"), session.revert))
    m.addAction(b.action("compare", translate("Menus", "Co&mpare With…"), lambda: compare_with(w), tip=translate("Menus", "Show what changed since another version: a file, the last saved version or a git revision")))
    m.addSeparator()
    data = DataFiles(w)  # File > Import / Export Data: CSV, Mermaid, JSON Canvas (app/io/formats)
    m.addAction(b.action("import_new", translate("Menus", "&Import as New Map…"), data.import_new, tip=translate("Menus", "Open a CSV sheet, Mermaid journey or JSON Canvas as a new map")))
    m.addAction(b.action("import_into", translate("Menus", "Import in&to This Map…"), data.import_into, tip=translate("Menus", "Add a CSV sheet, Mermaid journey or JSON Canvas to this map (one undo step)")))
    m.addAction(b.action("export", translate("Menus", "&Export…"), w.export_dialog, "Ctrl+E", tip=translate("Menus", "PDF poster, tiled print, PNG or SVG")))
    m.addAction(b.action("export_data", translate("Menus", "Export &Data…"), data.export_data, tip=translate("Menus", "CSV spreadsheet, Mermaid journey or JSON Canvas")))
    m.addSeparator()
    m.addAction(b.action("host_room", translate("Menus", "&Host Workshop Room…"), w.room.host_dialog, tip=translate("Menus", "Share this map live with editors and phones on the room's network")))
    m.addAction(b.action("join_room", translate("Menus", "&Join Room…"), w.room.join_dialog, tip=translate("Menus", "Open a map another editor is hosting")))
    m.addAction(b.action("leave_room", translate("Menus", "&Leave Room"), w.room.leave))
    m.addSeparator()
    m.addAction(b.action("quit", translate("Menus", "&Quit"), w.close, "Ctrl+Q"))

    # ---------------------------------------------------------------- Edit
    m = bar.addMenu(translate("Menus", "&Edit"))
    stack = session.undo_stack
    undo, redo = stack.createUndoAction(w, translate("Menus", "&Undo")), stack.createRedoAction(w, translate("Menus", "&Redo"))
    # the menu says what will be undone ("Undo Add card"), so does the tooltip; the toolbar
    # button keeps one short label so the buttons never move under the mouse
    undo.setIconText(translate("Menus", "Undo"))
    redo.setIconText(translate("Menus", "Redo"))
    m.addAction(b.adopt("undo", undo, "Ctrl+Z"))
    m.addAction(b.adopt("redo", redo, "Ctrl+Shift+Z", "Ctrl+Y"))
    ca = w.card_actions
    m.addSeparator()
    m.addAction(b.action("cut", translate("Menus", "Cu&t"), ca.cut, QKeySequence.StandardKey.Cut, canvas=True))
    m.addAction(b.action("copy", translate("Menus", "&Copy"), ca.copy, QKeySequence.StandardKey.Copy, canvas=True))
    m.addAction(b.action("paste", translate("Menus", "&Paste"), ca.paste, QKeySequence.StandardKey.Paste, canvas=True))
    m.addAction(b.action("duplicate", translate("Menus", "D&uplicate"), ca.duplicate, "Ctrl+D", canvas=True))
    m.addAction(b.action("delete", translate("Menus", "&Delete"), ca.delete_selected, "Del", canvas=True))
    m.addSeparator()
    m.addAction(b.action("edit_card", translate("Menus", "&Edit Card Text"), ca.edit_selected, "F2", canvas=True))
    m.addAction(b.action("select_all", translate("Menus", "Select &All Cards"), ca.select_all, QKeySequence.StandardKey.SelectAll, canvas=True))
    m.addSeparator()
    fb = w.find_bar
    m.addAction(b.action("find", translate("Menus", "&Find…"), fb.open, "Ctrl+F", tip=translate("Menus", "Find cards")))
    m.addAction(b.action("find_next", translate("Menus", "Find &Next"), fb.next, "F3"))
    m.addAction(b.action("find_previous", translate("Menus", "Find Pre&vious"), fb.previous, "Shift+F3"))

    # ---------------------------------------------------------------- View
    m = bar.addMenu(translate("Menus", "&View"))
    view = w.view
    m.addAction(b.action("zoom_in", translate("Menus", "Zoom &In"), view.zoom_in, "Ctrl++", "Ctrl+="))
    m.addAction(b.action("zoom_out", translate("Menus", "Zoom &Out"), view.zoom_out, "Ctrl+-"))
    m.addAction(b.action("fit_map", translate("Menus", "&Fit Map"), view.fit_map, "Ctrl+0", tip=translate("Menus", "Show the whole map")))
    m.addAction(b.action("zoom_actual", translate("Menus", "&Actual Size (100 %)"), view.zoom_actual, "Ctrl+1"))
    m.addAction(b.action("fit_selection", translate("Menus", "Fit &Selection"), w.fit_selection, "Ctrl+2", tip=translate("Menus", "Zoom to the selected cards")))
    m.addSeparator()
    focus = b.action("focus_map", translate("Menus", "F&ocus on Map"), lambda: w.focus_mode.set(b.actions["focus_map"].isChecked()), "Ctrl+Shift+F",
                     tip=translate("Menus", "Hide every panel and the toolbar; again to bring them back"))
    focus.setCheckable(True)
    m.addAction(focus)
    overview = b.action("overview", translate("Menus", "O&verview"), lambda: w.overview.set_enabled(b.actions["overview"].isChecked()),
                        "Ctrl+Shift+M", tip=translate("Menus", "A picture of the whole map in the corner while it does not fit: click or drag in it to go there"))
    overview.setCheckable(True)
    overview.setChecked(w.overview.enabled)
    m.addAction(overview)
    for act in workshop_menu.present_actions(b, w.workshop):  # F5, Shift+F5 (also in Workshop)
        m.addAction(act)
    m.addMenu(w.appearance.menu(m))  # Theme: Follow System, Light, Dark
    for choice, act in w.appearance.actions.items():
        b.adopt(f"theme_{choice}", act)
    m.addMenu(w.perspective.menu(m))  # Perspective: Customer, Internal, Both (Alt+1, Alt+2, Alt+3)
    for choice, act in w.perspective.actions.items():
        b.adopt(f"perspective_{choice}", act, PERSPECTIVE_KEYS[choice])
    m.addSeparator()
    for act in w.docks.toggle_actions():
        m.addAction(b.adopt(act.objectName(), act))
    w.view_menu = m

    # ---------------------------------------------------------------- Insert
    m = bar.addMenu(translate("Menus", "&Insert"))
    m.addAction(b.action("new_card", translate("Menus", "&Card"), ca.new_card, "Return", "Enter", canvas=True, tip=translate("Menus", "New card in the selected cell")))
    st = w.structure
    m.addAction(b.action("insert_stage", translate("Menus", "&Stage"), st.add_stage, tip=translate("Menus", "Add a stage after the selected one")))
    m.addAction(b.action("insert_lane", translate("Menus", "&Lane"), st.add_lane, tip=translate("Menus", "Add a lane below the selected one")))
    personas = w.docks.personas
    m.addAction(b.action("insert_persona", translate("Menus", "&Persona"), lambda: _new_persona(w, personas), tip=translate("Menus", "New persona")))
    m.addAction(b.action("insert_curve", translate("Menus", "Emotion C&urve"), w.insert_curve, tip=translate("Menus", "New emotion curve")))
    m.addSeparator()
    m.addAction(b.action("insert_link", translate("Menus", "Lin&k From This Card…"), w.keyboard_link.start, "Ctrl+L", canvas=True,
                         tip=translate("Menus", "Link the current card to another: go there with the arrow keys, Enter links, Esc cancels")))
    m.addAction(b.action("insert_point", translate("Menus", "Curve Poi&nt"), w.curve_keys.add_point, "Ctrl+Shift+P", canvas=True,
                         tip=translate("Menus", "A point on the active curve at the current stage: arrow keys move it")))

    # ---------------------------------------------------------------- Map
    m = bar.addMenu(translate("Menus", "&Map"))
    m.addAction(b.action("rename_stage", translate("Menus", "&Rename Stage…"), st.rename_stage))
    m.addAction(b.action("insert_stage_before", translate("Menus", "Insert Stage &Before"), lambda: st.insert_stage(before=True)))
    m.addAction(b.action("insert_stage_after", translate("Menus", "Insert Stage &After"), lambda: st.insert_stage(before=False)))
    m.addAction(b.action("delete_stage", translate("Menus", "&Delete Stage"), st.delete_stage))
    m.addSeparator()
    m.addAction(b.action("rename_lane", translate("Menus", "Re&name Lane…"), st.rename_lane))
    m.addAction(b.action("insert_lane_before", translate("Menus", "Insert Lane B&efore"), lambda: st.insert_lane(before=True)))
    m.addAction(b.action("insert_lane_after", translate("Menus", "Insert Lane A&fter"), lambda: st.insert_lane(before=False)))
    m.addAction(b.action("delete_lane", translate("Menus", "De&lete Lane"), st.delete_lane))
    m.addAction(b.action("hide_lane", translate("Menus", "&Hide / Show Lane"), st.toggle_lane_hidden))
    types = w.lane_type_menu = m.addMenu(translate("Menus", "Lane &Type"))
    for lane_type in LaneType:
        label = lane_type_label(lane_type)
        types.addAction(
            b.action(f"lane_type_{lane_type.value}", label, lambda t=lane_type: st.set_lane_type(t))
        )
    m.addSeparator()
    m.addAction(b.action("stage_metrics", translate("Menus", "Stage &Metrics…"), lambda: show_stage_metrics(w),
                         tip=translate("Menus", "Add, edit and remove the metrics of the selected stage (NPS, CSAT and others)")))
    m.addAction(b.action("map_properties", translate("Menus", "Map &Properties…"), w.show_map_properties, tip=translate("Menus", "Edit the map's title, goal and type")))

    # ---------------------------------------------------------------- Workshop
    workshop_menu.fill_menu(b, bar.addMenu(translate("Menus", "&Workshop")), w.workshop)

    # ---------------------------------------------------------------- Help
    m = bar.addMenu(translate("Menus", "&Help"))
    m.addAction(b.action("user_guide", translate("Menus", "&User Guide"), w.show_help, QKeySequence.StandardKey.HelpContents, "F1",
                         tip=translate("Menus", "Getting started, the workshop flow, printing a wall, keyboard shortcuts")))
    m.addAction(b.action("about", translate("Menus", "&About Journey Map Studio"), w.show_about))

    # ---------------------------------------------------------------- toolbar
    tb = w.findChild(QToolBar, "mainToolbar")
    if tb is None:
        tb = QToolBar(translate("Menus", "Main toolbar"), w)
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        w.addToolBar(tb)
    tb.clear()
    for name in ("new", "open", "save", None, "undo", "redo", None, "new_card", "insert_stage", "insert_lane",
                 None, "zoom_out", "zoom_in", "fit_map", "zoom_actual", None, "find"):
        if name is None:
            tb.addSeparator()
        elif name in b.actions:
            tb.addAction(b.actions[name])
    tool_toggle = tb.toggleViewAction()
    tool_toggle.setText(translate("Menus", "&Toolbar"))
    w.view_menu.addAction(b.adopt("toggle_toolbar", tool_toggle))
    # Qt's "»" buttons that show what does not fit: named for screen readers
    for owner, name in ((tb, "qt_toolbar_ext_button"), (bar, "qt_menubar_ext_button")):
        more = owner.findChild(QToolButton, name)
        if more is not None:
            more.setAccessibleName(QCoreApplication.translate("Accessibility", "More"))
            more.setAccessibleDescription(QCoreApplication.translate("Accessibility", "Shows the entries that do not fit"))
    return b.actions


def _new_persona(window, personas) -> None:
    """Insert > Persona: a new persona, shown in the Personas dock."""
    dock = window.docks.docks["personas"]
    dock.show()
    dock.raise_()
    personas.create()


def fill_recent_menu(menu: QMenu, paths: list[Path], open_path: Callable[[Path], object], clear: Callable[[], object]) -> None:
    """File > Open Recent: one entry per file (numbered, the full path as its tip), then Clear."""
    menu.clear()
    for i, path in enumerate(paths, 1):
        name = no_mnemonic(path.name)  # a file name is text, not a mnemonic
        act = menu.addAction(f"&{i} {name}" if i < 10 else name)
        act.setToolTip(literal(str(path)))  # nor markup
        act.setStatusTip(str(path))
        act.setData(str(path))
        act.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if paths:
        menu.addSeparator()
        act = menu.addAction(translate("Menus", "&Clear Recent Files"))
        act.triggered.connect(_call(clear))
    menu.setEnabled(bool(paths))
