"""The Flows dock in the main window: made beside the other docks, toggled from the View menu
(it is one of ``window.docks.docks``), and pointed at the canvas to reveal what it highlights."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea

from app.model.document import Document
from app.widgets.flows.panel import FlowsPanel
from app.widgets.flows.reveal import reveal_on_canvas
from app.widgets.i18n import translate

NAME = "flows"


def add_flows_dock(window: QMainWindow, doc: Document) -> FlowsPanel:
    """Make the Flows dock of ``window`` (which has ``docks``, ``selection``, ``scene`` and
    ``view``), behind the lower right docks; returns its panel. Call before the menus are built."""
    panel = FlowsPanel(
        doc, window.selection, reveal=lambda items: reveal_on_canvas(window.scene, window.view, items)
    )
    scroll = QScrollArea()  # a short dock scrolls: the window's minimum height stays the docks' own
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(panel)
    dock = window.docks.add_behind(NAME, translate("Docks", "Flows"), scroll)
    panel.lazy.follow_dock(dock)  # computed only while its tab is in front
    return panel
