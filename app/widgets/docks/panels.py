"""The main window's docks: Inspector, Personas, Outline, Card kinds (palette), History and the
curves legend (:class:`app.widgets.docks.legend.CurveLegend`, made by the window with its canvas
context, when this build has it).

Every dock can be moved, floated, closed and restored (View menu: each dock's
``toggleViewAction``). The editing docks share the session's undo stack and the shared
:class:`~app.widgets.selection.Selection`; :meth:`Docks.set_document` moves them all to another
map. Each dock has a stable ``objectName`` so ``QMainWindow.saveState`` / ``restoreState``
remember where the user put it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QUndoView, QWidget

from app.model.document import Document
from app.widgets.docks.card_kinds import PalettePanel
from app.widgets.docks.inspector.panel import Inspector
from app.widgets.docks.outline import OutlinePanel
from app.widgets.docks.personas import PersonasPanel
from app.widgets.i18n import translate
from app.widgets.selection import Selection

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea



class Docks:
    """Makes the docks of ``window`` and keeps them on the window's document."""

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        undo_stack: QUndoStack,
        selection: Selection,
        legend: QWidget | None = None,
    ):
        self.window = window
        self.docks: dict[str, QDockWidget] = {}
        self.inspector = Inspector(doc, undo_stack, selection)
        self.personas = PersonasPanel(doc, undo_stack, selection)
        self.outline = OutlinePanel(doc, undo_stack, selection)
        self.palette = PalettePanel()
        self.history = QUndoView(undo_stack)
        self.history.setEmptyLabel("<map opened>")
        self.history.setAccessibleName(QCoreApplication.translate("Accessibility", "History"))
        self.legend = legend  # the curves legend (app.widgets.docks.legend.CurveLegend), when present

        self._add("outline", translate("Docks", "Outline"), self.outline, LEFT)
        self._add("personas", translate("Docks", "Personas"), self.personas, LEFT)
        self._add("palette", translate("Docks", "Card Kinds"), self.palette, LEFT)
        self._add("inspector", translate("Docks", "Inspector"), self.inspector, RIGHT)
        if self.legend is not None:
            self._add("legend", translate("Docks", "Curves Legend"), self.legend, RIGHT)
        self._add("history", translate("Docks", "History"), self.history, RIGHT)
        window.tabifyDockWidget(self.docks["outline"], self.docks["personas"])
        self.docks["outline"].raise_()
        if self.legend is not None:
            window.tabifyDockWidget(self.docks["legend"], self.docks["history"])
            self.docks["legend"].raise_()
        self.first_layout(1400, 900)

    def first_layout(self, width: int, height: int) -> None:
        """Dock sizes for a window of this size (restoreState replaces them with the user's
        own): on a small screen the panels shrink so that the map keeps most of the width."""
        d, window = self.docks, self.window
        left = max(170, min(250, int(width * 0.18)))
        right = max(210, min(340, int(width * 0.24)))
        window.resizeDocks([d["outline"], d["inspector"]], [left, right], Qt.Orientation.Horizontal)
        window.resizeDocks([d["outline"], d["palette"]], [int(height * 0.66), int(height * 0.26)], Qt.Orientation.Vertical)
        lower = d["legend"] if "legend" in d else d["history"]
        window.resizeDocks([d["inspector"], lower], [int(height * 0.6), int(height * 0.33)], Qt.Orientation.Vertical)

    def _add(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.window.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def add_behind(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        """A dock added later (Analysis, Flows): on the right, a tab behind the lower right
        docks, which stay in front."""
        dock = self._add(name, title, widget, Qt.DockWidgetArea.RightDockWidgetArea)
        front = self.docks.get("legend") or self.docks["history"]
        self.window.tabifyDockWidget(self.docks["history"], dock)
        front.raise_()
        return dock

    def toggle_actions(self) -> list[QAction]:
        """The View menu's entries: one check box per dock."""
        actions = []
        for dock in self.docks.values():
            action = dock.toggleViewAction()
            action.setObjectName(f"toggle_{dock.objectName()}")
            actions.append(action)
        return actions

    def set_document(self, doc: Document) -> None:
        """Another map is open (the undo stack and the selection are the same objects)."""
        self.inspector.set_document(doc)
        self.personas.set_document(doc)
        self.outline.set_document(doc)
        # the legend follows the scene (scene.applied) by itself

    def show(self, name: str) -> None:
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def show_inspector(self) -> None:
        self.show("inspector")
