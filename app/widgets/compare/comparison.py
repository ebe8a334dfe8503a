"""One comparison of the open map with another version: the overlay on the canvas and the list
dock, kept current while the map is edited, ended by the dock's button, closing the dock or
opening another map. It only reads the map: nothing here pushes a command or touches the document.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRectF, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog

from app.model.events import Entity
from app.model.mapdiff import MapDiff, diff_maps
from app.model.schema import Map
from app.widgets.compare.dialog import FILE, REVISION, SAVED, CompareDialog
from app.widgets.compare.dock import CompareDock
from app.widgets.compare.overlay import CompareOverlay
from app.widgets.compare.sources import SourceError, read_file, read_revision, revisions
from app.widgets.i18n import translate

REFRESH_MS = 200  # after an edit, the differences are worked out again once the edits pause
MAX_WAIT_MS = 3000  # for that long at most, however big the map (the pause grows with the work)
MARGIN = 40.0
FILTER = QT_TRANSLATE_NOOP("CompareDialog", "Journey maps (*.journey.json *.json);;All files (*)")


class Comparison(QObject):
    def __init__(self, window, old: Map, source: str):
        super().__init__(window)
        self.window = window
        self.old = old
        self.source = source
        self.diff: MapDiff | None = None
        self.overlay = CompareOverlay(window.scene, old)
        self.dock = CompareDock(window, self.reveal, self.end)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [320], Qt.Orientation.Vertical)  # room for the list
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        window.scene.applied.connect(self._timer.start)
        window.session.documentReplaced.connect(self.end)
        self.refresh()
        self.dock.show()
        self.dock.raise_()

    def refresh(self) -> None:
        start = time.perf_counter()
        self.diff = diff_maps(self.old, self.window.doc.map)
        self.overlay.show(self.diff)
        self.dock.show_diff(self.diff, self.source)
        # a big map takes a moment to compare: wait for a longer pause in the edits before the next
        spent_ms = (time.perf_counter() - start) * 1000
        self._timer.setInterval(max(REFRESH_MS, min(MAX_WAIT_MS, int(4 * spent_ms))))

    def reveal(self, index: int) -> None:
        """Scroll to change ``index`` (and select its card when the map has it)."""
        if self.diff is None or not 0 <= index < len(self.diff.changes):
            return
        change = self.diff.changes[index]
        if change.entity == "card" and change.action != "removed":
            self.window.selection.set([(Entity.CARD, change.id)])
        rect: QRectF | None = self.overlay.rects.get(index)
        if rect is None:
            return
        self.window.view.bring_into_view(rect, MARGIN)

    def end(self, *_args) -> None:
        """Remove the overlay and the dock; the map is as it was."""
        self._timer.stop()
        try:
            self.window.scene.applied.disconnect(self._timer.start)
            self.window.session.documentReplaced.disconnect(self.end)
        except (RuntimeError, TypeError):
            pass
        self.overlay.clear()
        self.dock.hide()
        self.window.removeDockWidget(self.dock)
        self.dock.deleteLater()
        if getattr(self.window, "comparison", None) is self:
            self.window.comparison = None
        self.deleteLater()


def compare_with(window) -> Comparison | None:
    """File > Compare with…: ask which version, read it, show the differences."""
    path: Path | None = window.session.path
    revs = revisions(path) if path is not None else []
    dialog = CompareDialog(window, saved=path is not None and path.exists(), revisions=revs)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    kind = dialog.choice()
    try:
        if kind == FILE:
            folder = str(path.parent) if path is not None else ""
            name, _ = QFileDialog.getOpenFileName(
                window,
                translate("CompareDialog", "Compare with map"),
                folder,
                translate("CompareDialog", FILTER),
            )
            if not name:
                return None
            old, source = read_file(name), Path(name).name
        elif kind == SAVED and path is not None:
            old, source = read_file(path), translate("CompareDialog", "the last saved version")
        elif kind == REVISION and path is not None and dialog.revision() is not None:
            rev = dialog.revision()
            old, source = read_revision(path, rev.commit), f"{rev.short} ({rev.date}, {rev.subject})"
        else:
            return None
    except SourceError as err:
        window.session.prompter.error(str(err))
        return None
    previous = getattr(window, "comparison", None)
    if previous is not None:
        previous.end()
    window.comparison = Comparison(window, old, source)
    return window.comparison
