"""The main window: the map canvas, File and View menus, zoom and counts in the status bar."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox

from app.io.jsonfile import MapFileError, load_map
from app.model.document import Document
from app.model.events import Change
from app.model.schema import Map

from .scene import MapScene
from .selection import follow_document
from .view import MapView

APP_NAME = "Journey Map Studio"
FILE_FILTER = "Journey maps (*.journey.json *.json);;All files (*)"


def _one_line(err: object) -> str:
    return " ".join(str(err).split())


class MainWindow(QMainWindow):
    def __init__(self, m: Map | None = None, path: Path | None = None):
        super().__init__()
        self.path: Path | None = None
        self.doc = Document(m or Map())
        self.scene = MapScene(self.doc)
        self.view = MapView(self.scene)
        self.setCentralWidget(self.view)
        self.zoom_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoomChanged.connect(self._show_zoom)
        self._unfollow = follow_document(self, self.doc, self._on_changes)
        self._build_menus()
        self.resize(1400, 900)
        self._set_path(path)
        self._show_counts()
        self._show_zoom(self.view.zoom())

    # --------------------------------------------------------------- menus
    def _action(self, menu, text: str, slot, *shortcuts: str | QKeySequence.StandardKey) -> QAction:
        """A menu entry with its shortcuts (a standard key brings all the platform's bindings)."""
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for s in shortcuts:
            keys += (
                QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]
            )
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden or native
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_open = self._action(file_menu, "&Open…", self.open_dialog, "Ctrl+O")
        file_menu.addSeparator()
        self.act_quit = self._action(file_menu, "&Quit", self.close, "Ctrl+Q")
        view_menu = bar.addMenu("&View")
        self.act_zoom_in = self._action(view_menu, "Zoom &In", self.view.zoom_in, "Ctrl++", "Ctrl+=")
        self.act_zoom_out = self._action(view_menu, "Zoom &Out", self.view.zoom_out, "Ctrl+-")
        view_menu.addSeparator()
        self.act_fit = self._action(view_menu, "&Fit Map", self.view.fit_map, "Ctrl+0")
        self.act_actual = self._action(view_menu, "&Actual Size (100 %)", self.view.zoom_actual, "Ctrl+1")

    # ----------------------------------------------------------------- files
    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open Map", start, FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: str | Path) -> bool:
        """Open a map file; a file that cannot be read is refused with a message."""
        path = Path(path)
        try:
            m = load_map(path)
        except (MapFileError, OSError) as err:
            QMessageBox.warning(self, APP_NAME, f"Cannot open {path.name}:\n{_one_line(err)}")
            return False
        self.set_map(m, path)
        return True

    def set_map(self, m: Map, path: Path | None = None) -> None:
        """Show another map (a new document)."""
        self._unfollow()
        self.doc = Document(m)
        self._unfollow = follow_document(self, self.doc, self._on_changes)
        self.scene.set_document(self.doc)
        self._set_path(path)
        self._show_counts()
        self.view.fit_map()

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        name = path.name if path else (self.doc.map.title or "Untitled")
        self.setWindowTitle(f"{name} – {APP_NAME}")

    # ---------------------------------------------------------- status bar
    def _on_changes(self, changes: list[Change]) -> None:
        self._show_counts()

    def _show_counts(self) -> None:
        m = self.doc.map
        self.counts_label.setText(
            f"{len(m.stages)} stages · {len(m.lanes)} lanes · {len(m.cards)} cards · {len(m.links)} links"
        )

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")


def run_editor(path: str | Path | None = None, argv: list[str] | None = None) -> int:
    """Open the editor (on ``path`` if given) and run the event loop. A file that cannot be
    read is one line on stderr and exit status 2 (before any window opens)."""
    m = None
    if path is not None:
        try:
            m = load_map(Path(path))
        except (MapFileError, OSError) as err:
            print(f"journeymap: {_one_line(err)}", file=sys.stderr)
            return 2
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("JourneyMapStudio")
    window = MainWindow(m, Path(path) if path else None)
    window.show()
    window.view.fit_map()
    return app.exec()
