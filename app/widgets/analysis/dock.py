"""The Analysis dock: the importance-versus-performance matrix and the priority list in two
tabs. It follows the document through :class:`~.lazy.LazyRefresh`: after an edit that can change
a rating, a vote, an owner, a title, a persona, a stage or the cards it computes again once,
shortly after the burst, and only while it is shown (hidden, it is stale and computes when shown;
an edit of cards' fields ranks only those cards again, and leaves the chart alone unless it
changed a rating, a title or a place). It edits nothing: a click on a point or a
row selects that card on the map.

Wiring in the main window (before the menus are built: the dock's View entry is made from
``window.docks.docks`` like the others'), and when another map is opened::

    self.analysis = add_analysis_dock(self, doc)
    self.analysis.set_document(doc)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app.model.document import Document
from app.model.events import Change, Entity, Op
from app.widgets.analysis.lazy import LazyPanel, LazyRefresh
from app.widgets.analysis.matrix import MatrixTab
from app.widgets.analysis.priorities import PriorityTable
from app.widgets.i18n import translate
from app.widgets.selection import Selection

NAME = "analysis"
_ENTITIES = {Entity.CARD, Entity.STAGE, Entity.LANE, Entity.PERSONA, Entity.LINK}
#: the fields an update must touch to matter (a card's colour, notes or tags do not)
_FIELDS = {
    Entity.CARD: {"title", "body", "owner", "persona_ids", "moment_of_truth", "votes", "importance_internal",
                  "performance_internal", "importance_customer", "performance_customer", "stage_id", "lane_id",
                  "order"},
    Entity.STAGE: {"name"},
    Entity.PERSONA: {"name"},
    Entity.LANE: set(),
}  # fmt: skip


#: the card fields the matrix shows (its numbering follows the cards' reading order)
_MATRIX_CARD_FIELDS = {"title", "body", "importance_internal", "performance_internal", "importance_customer",
                       "performance_customer", "stage_id", "lane_id", "order"}  # fmt: skip


def matrix_changed(changes: list[Change] | None) -> bool:
    """Can these changes (None: unknown, another map) add, remove, move, renumber or rename a
    point of the matrix? Votes, owners, personas, moments of truth and links cannot."""
    if changes is None:
        return True
    for c in changes:
        if c.entity is Entity.CARD:
            if c.op is not Op.UPDATE or c.fields & _MATRIX_CARD_FIELDS:
                return True
        elif c.entity in (Entity.STAGE, Entity.LANE):
            if c.op is not Op.UPDATE:  # added, removed or reordered: the numbering changes
                return True
        elif c.entity is Entity.MAP and c.op is not Op.UPDATE:
            return True
    return False


def analysis_changed(changes: list[Change]) -> bool:
    """Can these changes alter the matrix or the ranking? (Curves, points and metrics cannot.)"""
    for c in changes:
        if c.entity is Entity.MAP:
            if c.op is not Op.UPDATE:
                return True
        elif c.entity in _ENTITIES:
            if c.op is not Op.UPDATE or c.entity is Entity.LINK or c.fields & _FIELDS[c.entity]:
                return True
    return False


class AnalysisPanel(QWidget, LazyPanel):
    """Both tabs; ``cardChosen(card_id)`` when a point or a row selected a card."""

    cardChosen = Signal(str)

    def __init__(self, doc: Document, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.selection = selection
        self.doc: Document | None = None
        self._unfollow: Callable[[], None] | None = None
        self.lazy = LazyRefresh(self, self._compute, analysis_changed)

        self.matrix = MatrixTab(selection)
        self.priorities = PriorityTable(selection)
        self.matrix.chart_view.cardClicked.connect(self.cardChosen)
        self.priorities.cardChosen.connect(self.cardChosen)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysisTabs")
        self.tabs.addTab(self.matrix, translate("Analysis", "&Matrix"))
        self.tabs.addTab(self.priorities, translate("Analysis", "&Priorities"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_document(doc)

    def _compute(self, changes: list[Change] | None) -> None:
        m = self.doc.map if self.doc is not None else None
        if matrix_changed(changes) or self.matrix.chart_view.map is not m:
            self.matrix.set_map(m)  # the chart is computed when next painted
        self.priorities.set_map(m, changes)


def add_analysis_dock(window: QMainWindow, doc: Document) -> AnalysisPanel:
    """Make the Analysis dock of ``window`` (which has ``docks``, ``selection`` and
    ``card_actions``) behind the lower right docks; returns its panel. Call before the menus are
    built. Choosing a card in it selects the card and brings it into view on the map."""
    panel = AnalysisPanel(doc, window.selection)
    panel.setObjectName("analysisPanel")
    panel.cardChosen.connect(window.card_actions.select_card)
    dock = window.docks.add_behind(NAME, translate("Docks", "Analysis"), panel)
    panel.lazy.follow_dock(dock)
    return panel
