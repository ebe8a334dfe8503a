"""The main window: the map canvas in the centre, docks round it, menus, toolbar and status bar.

The window is glue. Its parts live in their own modules:

- :mod:`app.widgets.files.session` (``MapSession``): the open map, its file, undo stack, autosave,
  recovery, locks and recent files. The window forwards its signals (title with ``[*]``,
  modified marker, status messages, another document) and asks it before closing.
- :mod:`app.widgets.menus`: every action, the menus and the toolbar (``actions_by_name``).
- :mod:`app.widgets.docks.panels`: Inspector, Personas, Outline, Card kinds, History (and the curves
  legend when present), sharing the session's undo stack and the shared ``Selection``.
- :mod:`app.widgets.docks.search`: the find bar (Ctrl+F).
- :mod:`app.widgets.status`: save state, counts and zoom in the status bar.
- canvas tools and actions (cards, headers, curves, links, structure) are registered on the
  view's ``interaction`` with one :class:`~app.widgets.canvas.interaction.CanvasContext`, when this build
  has them.

Window geometry and dock layout are kept in ``QSettings`` (``window/geometry``, ``window/state``)
and restored at start; recent files are kept by the session in the same settings.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget

from app import version
from app.io.diskfile import read_map_file
from app.io.jsonfile import MapFileError, load_map
from app.io.templates import example_path
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Map
from app.widgets.analysis.dock import add_analysis_dock
from app.widgets.appearance import Appearance
from app.widgets.canvas.accessibility import CardAnnouncer
from app.widgets.canvas.card_actions import CardActions
from app.widgets.canvas.curve_tool import CurveTool
from app.widgets.canvas.header_tool import HeaderTool
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.keyboard_paths import CurvePointKeys, KeyboardLink
from app.widgets.canvas.link_tool import LinkTool
from app.widgets.canvas.overview import Overview
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.sticky_headers import StickyHeaders
from app.widgets.canvas.structure_actions import StructureActions
from app.widgets.canvas.view import MapView
from app.widgets.docks.legend import CurveLegend
from app.widgets.docks.panels import Docks
from app.widgets.docks.search import FindBar
from app.widgets.files.prompts import APP_NAME, Prompter
from app.widgets.files.recovery import (
    APPLICATION_NAME,
    ORGANIZATION_NAME,
    RecoveryJournal,
    ensure_application_identity,
)
from app.widgets.files.session import AUTOSAVE_MS, MapSession
from app.widgets.files.welcome import WelcomePage
from app.widgets.flows.dock import add_flows_dock
from app.widgets.help import HelpWindow
from app.widgets.i18n import install_translators, translate
from app.widgets.menus import build_menus, fill_recent_menu
from app.widgets.perspective import PerspectiveSwitch
from app.widgets.room.controller import WorkshopRoom
from app.widgets.screen_fit import FocusMode, available_area, default_geometry, restore_geometry
from app.widgets.selection import Selection
from app.widgets.status import StatusPanel
from app.widgets.text_keys import install as install_text_keys
from app.widgets.undo import notices
from app.widgets.workshop.menu import Workshop

__all__ = ["APP_NAME", "MainWindow", "run_editor"]

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
STATE_VERSION = 1


def _one_line(err: object) -> str:
    return " ".join(str(err).split())


def app_version() -> str:
    return version()


def settle_memory(previous: Iterable[Callable[[], object]] = ()) -> bool:
    """After a map is opened: move every object alive now (the map, its layout, the scene's
    items) out of the cyclic collector's reach (``gc.freeze``). Otherwise each full collection
    during editing walks the whole map: ~0.1 s pauses on a 10,000-card map in the middle of a
    drag or a typed word. Objects freed by reference counting go as before.

    ``previous``: weak references to what the scene made for the previous map
    (:meth:`MapScene.made_refs`: its layout and items). They go by reference counting when the
    new map replaces them; if one is still alive, a reference cycle holds it, and the whole heap
    is collected first (unfreeze, collect). A full collection walks every object (0.25 s with a
    10,000-card map open, found nothing in any map switch measured), so it is made only then.
    Returns whether it collected."""
    collect = any(ref() is not None for ref in previous)
    if collect:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    return collect


class MainWindow(QMainWindow):
    """The editor window. ``m`` is an initial (untitled) map; ``path`` a file to open. Tests pass
    ``prompter``, ``journal`` and ``settings`` (as for :class:`MapSession`)."""

    def __init__(
        self,
        m: Map | None = None,
        path: str | Path | None = None,
        *,
        prompter: Prompter | None = None,
        journal: RecoveryJournal | None = None,
        settings: QSettings | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        watch_application: bool = True,
        welcome: bool = False,
    ):
        """``welcome``: start on the welcome page (templates, open, example, recent files)
        rather than on the blank map (the editor started without a file)."""
        super().__init__()
        ensure_application_identity()
        self.settings = settings if settings is not None else QSettings()
        self.session = MapSession(
            self,
            prompter=prompter,
            journal=journal,
            settings=self.settings,
            autosave_ms=autosave_ms,
            watch_application=watch_application,
            m=m,
        )
        doc = self.session.doc
        self.selection = Selection(doc, self)
        self.scene = MapScene(doc, self)
        self.view = MapView(self.scene)
        self.view.setObjectName("canvas")
        self.context = CanvasContext(doc, self.session.undo_stack, self.selection, self.scene, self.view, self)
        self.card_announcer = CardAnnouncer(self.context)  # the cards for screen readers

        install_text_keys()  # Return in a text field is the field's, not "add a card"
        self.find_bar = FindBar(self, self.selection, parent=self.view)  # floats over the map
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.setCentralWidget(self.pages)
        self.welcome: WelcomePage | None = None

        self.card_actions = None
        self.structure = None
        self.legend = None
        self._install_tools()
        # headers pinned to the canvas edges when scrolled out, and a picture of the whole map
        self.sticky_headers = StickyHeaders(self.view, self.selection, self.header_tool, self)
        self.overview = Overview(self.view, self.settings)
        self.appearance = Appearance(self.view, self.settings, self)  # View > Theme, light or dark
        # View > Perspective: customer, internal or both; new curve points go to a curve it shows
        self.perspective = PerspectiveSwitch(self.scene, self.statusBar(), self, self.curve_tool.active)
        self.docks = Docks(self, doc, self.session.undo_stack, self.selection, self.legend)
        self.flows = add_flows_dock(self, doc)  # View > Flows: hand-offs, orphans, longest flow, paths
        self.analysis = add_analysis_dock(self, doc)  # View > Analysis: the matrix and the priority list
        self.status = StatusPanel(self.statusBar(), self.session, self)
        self.counts_label = self.status.counts_label
        self.zoom_label = self.status.zoom_label
        self.view.zoomChanged.connect(self.status.show_zoom)
        self.view.zoomChanged.connect(self.scene.follow_zoom)  # cards cached only where they show text
        self.workshop = Workshop(self)  # presentation mode and the timer (the Workshop menu)
        self.room = WorkshopRoom(self)  # File > Host Workshop Room…, Join Room…: the map shared live

        self.help_window: HelpWindow | None = None
        self.actions_by_name = build_menus(self)
        self._connect_enabling()
        self.docks.palette.kindActivated.connect(self.add_card_of_kind)
        swatches = self.docks.palette.list  # the card kinds drawn in the canvas's theme
        self.scene.themeChanged.connect(lambda: swatches.set_theme(self.scene.theme))
        swatches.set_theme(self.scene.theme)

        s = self.session
        s.documentReplaced.connect(self.set_document)
        s.titleChanged.connect(self.setWindowTitle)
        s.modifiedChanged.connect(self.setWindowModified)
        s.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        notices(s.undo_stack).refused.connect(self.show_refusal)
        s.recentFilesChanged.connect(self.rebuild_recent_menu)
        self.setWindowTitle(s.window_title())
        self.setWindowModified(s.modified)
        self.rebuild_recent_menu()

        self.focus_mode = FocusMode(self)
        first = default_geometry(available_area(self))
        self.setGeometry(first)
        self.docks.first_layout(first.width(), first.height())
        self.restore_window_state()
        if welcome and m is None and path is None:
            self._show_welcome()
        self.status.show_zoom(self.view.zoom())
        self._fit_pending = True
        if path is not None:
            s.open(path)  # -> set_document
        else:
            settle_memory()

    # ------------------------------------------------------------------ optional parts
    def _install_tools(self) -> None:
        """The canvas tools and action sets (each module documents its wiring)."""
        ctx = self.context
        tools = self.view.interaction.tools
        self.link_tool = LinkTool(ctx, self)  # links and curve points before the card tool
        tools.append(self.link_tool)
        self.curve_tool = CurveTool(ctx, parent=self)
        tools.append(self.curve_tool)
        self.legend = CurveLegend(ctx)
        # installs the card tool, the selection sync, the palette drop target and the view's keys
        self.card_actions = CardActions(ctx)
        self.header_tool = HeaderTool(ctx, self)
        tools.append(self.header_tool)
        self.structure = StructureActions(ctx, self.header_tool, self)
        # keyboard paths for a link and curve points (after the card actions: they see keys first)
        self.keyboard_link = KeyboardLink(ctx, self.card_actions, self)
        self.curve_keys = CurvePointKeys(ctx, self.card_actions, self.curve_tool, self)
        for part in (self.keyboard_link, self.curve_keys):
            part.message.connect(self.statusBar().showMessage)

    def _connect_enabling(self) -> None:
        """Entries that need a selection are enabled while there is one; Revert while there is
        a saved version to go back to."""
        acts = self.actions_by_name
        self.session.modifiedChanged.connect(self._enable_file_actions)
        self.session.documentReplaced.connect(self._enable_file_actions)
        self._enable_file_actions()
        self.selection.changed.connect(self._enable_fit_selection)
        self._enable_fit_selection()
        ca = self.card_actions
        groups = (
            (ca.canEditChanged, ca.can_edit, ("cut", "copy", "duplicate", "delete", "edit_card")),
            (ca.canAddChanged, ca.can_add, ("new_card",)),
            (ca.canPasteChanged, ca.can_paste, ("paste",)),
        )
        for signal, query, names in groups:
            group = [acts[n] for n in names if n in acts]
            signal.connect(lambda on, g=group: [a.setEnabled(bool(on)) for a in g])
            for a in group:
                a.setEnabled(bool(query()))
        st = self.structure
        st.enabled_changed.connect(self._enable_structure)
        self._enable_structure()

    def _enable_file_actions(self, *_args) -> None:
        self.actions_by_name["revert"].setEnabled(self.session.path is not None and self.session.modified)

    def _enable_fit_selection(self) -> None:
        self.actions_by_name["fit_selection"].setEnabled(bool(self.selected_card_ids()))

    def _enable_structure(self) -> None:
        acts, st = self.actions_by_name, self.structure
        stage, lane = st.has_stage(), st.has_lane()
        for name in ("rename_stage", "delete_stage"):
            acts[name].setEnabled(stage)
        for name in ("rename_lane", "delete_lane", "hide_lane"):
            acts[name].setEnabled(lane)
        self.lane_type_menu.setEnabled(lane)

    # ------------------------------------------------------------------ documents
    @property
    def doc(self) -> Document:
        return self.session.doc

    @property
    def path(self) -> Path | None:
        return self.session.path

    def open_path(self, path: str | Path) -> bool:
        """Open a map file through the session (a file that cannot be read is refused with a
        message and the current map stays)."""
        return self.session.open(path)

    def set_document(self, doc: Document) -> None:
        """Another map is open (new, open, revert, reload, restore): everything follows it."""
        # Nothing selected while the scene rebuilds: removing selected items would report a
        # selection change (to the selection sync) while the old items are being deleted.
        self.selection.clear()
        self.scene.clearSelection()
        previous = self.scene.made_refs()
        self.context.doc = doc
        # cards made without pixmaps, drawn by their cells as blocks: the fit below decides (follow_zoom)
        self.scene.cards_cached, self.scene.cards_as_blocks = False, True
        self.scene.set_document(doc)
        self.selection.set_document(doc)
        self.docks.set_document(doc)
        self.flows.set_document(doc)
        self.analysis.set_document(doc)
        self.find_bar.set_document(doc)
        self.card_actions.reset()
        self.view.fit_map()
        settle_memory(previous)

    # ------------------------------------------------------------------ welcome page
    def _show_welcome(self) -> None:
        page = self.welcome = WelcomePage(self.session.recent_files())
        s = self.session
        page.templateChosen.connect(lambda name: s.new_from_template(name) if name else s.new_document())
        page.openRequested.connect(s.open_dialog)
        page.exampleRequested.connect(self.open_example)
        page.recentChosen.connect(s.open)
        s.documentReplaced.connect(self._leave_welcome)
        s.undo_stack.indexChanged.connect(self._leave_welcome)  # an edit from the menus: show it
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.focus_mode.set(True, toolbars=False)  # no empty panels around the page

    def _leave_welcome(self, *_args) -> None:
        page, self.welcome = self.welcome, None
        if page is None:
            return
        self.session.documentReplaced.disconnect(self._leave_welcome)
        self.session.undo_stack.indexChanged.disconnect(self._leave_welcome)
        self.focus_mode.set(False)
        self.pages.setCurrentWidget(self.view)
        self.pages.removeWidget(page)
        page.deleteLater()
        self.view.setFocus()
        QTimer.singleShot(0, self.view.fit_map)  # once the view has its size

    def open_example(self) -> bool:
        """The example map as an untitled copy (the shipped file is never changed)."""
        try:
            m = load_map(example_path())
        except MapFileError as err:
            self.session.prompter.error(str(err))
            return False
        return self.session.new_document(m)

    def show_refusal(self, text: str) -> None:
        """An edit the map's rules refused: say why in the status bar (the map is unchanged and
        the field keeps what was typed), with the system's alert sound."""
        self.statusBar().showMessage(text, 15_000)
        QApplication.beep()

    def rebuild_recent_menu(self) -> None:
        fill_recent_menu(
            self.recent_menu, self.session.recent_files(), self.session.open, self.session.clear_recent_files
        )

    # ------------------------------------------------------------------ commands
    def add_card_of_kind(self, kind: str) -> None:
        """Palette double-click / Enter: a card of that kind in the selected cell."""
        self.card_actions.add_card_of_kind(kind)
    def selected_card_ids(self) -> list[str]:
        ids = list(self.selection.ids(Entity.CARD))
        for item in self.scene.selectedItems():
            if item.data(1) == "card" and item.data(0) not in ids:
                ids.append(item.data(0))
        return ids

    def fit_selection(self) -> None:
        """View > Fit Selection: zoom to the selected cards."""
        rect = QRectF()
        for cid in self.selected_card_ids():
            item = self.scene.card_item(cid)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if not rect.isEmpty():
            self.view.fit_rect(rect.adjusted(-24, -24, 24, 24))

    def export_dialog(self) -> None:
        """File > Export: PDF poster, tiled print, PNG or SVG (selected cards for pictures)."""
        # (imported when first asked: the dialog brings the PDF engine, ~50 ms of every start)
        from app.widgets.export import dialog as exporting

        result = exporting.export_via_dialog(self, self.session.doc, self.selected_card_ids(), self.session.path)
        if result is not None:
            self.statusBar().showMessage(result.summary(), 8000)

    def insert_curve(self) -> None:
        """Insert > Emotion Curve: a curve for the persona and perspective chosen in the legend
        (the first persona, customer-reported, unless chosen otherwise), made active."""
        self.docks.show("legend")
        self.legend.add_curve()

    def show_map_properties(self) -> None:
        """Map > Map Properties: the map itself in the inspector."""
        self.selection.clear()
        self.docks.show_inspector()

    def show_help(self) -> None:
        """Help > User Guide (F1): the shipped guide in a window beside the map."""
        if self.help_window is None:
            self.help_window = HelpWindow(self.actions_by_name, self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            translate("MainWindow", "About {app}").format(app=APP_NAME),
            f"<b>{APP_NAME}</b> {app_version()}<br><br>"
            + translate(
                "MainWindow",
                "A desktop editor for customer journey maps: stages, typed lanes, touchpoint cards, "
                "emotion curves, personas and links, saved as JSON and printed as vector PDF posters.",
            ),
        )

    # ------------------------------------------------------------------ window state
    def restore_window_state(self) -> None:
        restore_geometry(self, self.settings.value(GEOMETRY_KEY), available_area(self))
        state = self.settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)

    def save_window_state(self) -> None:
        self.workshop.presentation.leave()  # the window as it was before presenting
        self.focus_mode.set(False)  # the panels the user had, not the focused view
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState(STATE_VERSION))
        self.settings.sync()

    # ------------------------------------------------------------------ events
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            QTimer.singleShot(0, self.view.fit_map)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Esc that nothing else used (the canvas, an editor) closes the find bar."""
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.session.close():
            self.room.leave(reopen=False)  # a room hosted here ends: the host saves the map
            self.save_window_state()
            event.accept()
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.session.check_disk()

    def offer_recovery(self) -> int:
        """After start-up: maps a crashed editor left in the recovery journal. A map that would
        replace unsaved work here opens in a new window."""
        return self.session.offer_recovery(open_elsewhere=self._open_elsewhere)

    def _open_elsewhere(self, entry) -> bool:
        other = MainWindow(settings=self.settings, journal=self.session.journal)
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _windows.append(other)
        other.destroyed.connect(lambda *_: _windows.remove(other) if other in _windows else None)
        other.show()
        return other.session.restore(entry)


_windows: list[MainWindow] = []  # windows opened for recovered maps (kept alive here)


def run_editor(path: str | Path | None = None, argv: list[str] | None = None, join: str | None = None) -> int:
    """Open the editor (on ``path`` if given) and run the event loop. A file that cannot be
    read is one line on stderr and exit status 2 (before any window opens)."""
    read = None  # the map is read once: the window opens what was checked here
    if path is not None:
        try:
            read = read_map_file(Path(path))
        except (MapFileError, OSError) as err:
            print(f"journeymap: {_one_line(err)}", file=sys.stderr)
            return 2
        gc.freeze()  # the map lives on: the collector need not walk it while the window is made
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(app_version())
    install_translators(app)
    window = MainWindow(welcome=path is None and join is None)
    window.show()
    if join is not None:
        window.room.join(join)
    if path is not None and not window.session.open(path, read):
        window.session.shutdown()
        return 2
    QTimer.singleShot(0, window.offer_recovery)
    return app.exec()
