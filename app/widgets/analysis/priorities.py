"""The priority list: :func:`app.model.priorities.priority_rows` (the ``journeymap analyze``
ranking) as a table sorted by any column (click a header), filtered by stage, owner and
persona. Choosing a row selects its card on the map; a card selected elsewhere selects its row
and scrolls to it. Map text (titles, stage names, owners, persona names) is shown as plain text.

The table is a :class:`QTableView` over :class:`~.priority_model.PriorityModel`: the view asks
for the cells it paints, so a ranking of 5,000 cards is shown at the cost of a list. After an
edit of cards' fields only (votes, ratings, owners, titles), only those cards' rows are ranked
again (:func:`app.model.priorities.rerank`); anything else ranks the whole map."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.events import Change, Entity, Op
from app.model.priorities import PriorityRanking, PriorityRow, filter_rows
from app.model.schema import Map
from app.widgets.analysis.priority_model import COLUMNS, ID_ROLE, SORT_ROLE, PriorityModel
from app.widgets.i18n import translate
from app.widgets.plaintext import literal
from app.widgets.selection import Selection

__all__ = ["ALL", "COLUMNS", "ID_ROLE", "SORT_ROLE", "PriorityTable"]

ALL = "\x00all"  # a filter combo's "all" entry (no id or owner can be this)
#: rows shown above and below the visible ones when the columns fit their contents
RESIZE_PRECISION = 200


class PriorityTable(QWidget):
    """The filters and the table; ``cardChosen(card_id)`` when a row is chosen by the user."""

    cardChosen = Signal(str)

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.selection = selection
        self.map: Map | None = None
        self.ranking: PriorityRanking | None = None
        self._quiet = False
        self._showing = False  # the table follows the map's selection: no row was chosen

        self.stage_filter = self._combo("priorityStage", translate("Analysis", "Filter by stage"))
        self.owner_filter = self._combo("priorityOwner", translate("Analysis", "Filter by owner"))
        self.persona_filter = self._combo("priorityPersona", translate("Analysis", "Filter by persona"))
        headers = [
            translate("Analysis", "Touchpoint"),
            translate("Analysis", "Gap"),
            translate("Analysis", "Moment of truth"),
            translate("Analysis", "Votes"),
            translate("Analysis", "Score"),
            translate("Analysis", "Stage"),
            translate("Analysis", "Owner"),
        ]
        tips = {
            1: translate("Analysis", "Importance minus performance, as customers rate them"),
            4: translate(
                "Analysis",
                "The ranking of journeymap analyze: gap, importance, moment of truth, votes, links",
            ),
        }
        self.model = PriorityModel(headers, tips, translate("Analysis", "Yes"), self)
        self.table = QTableView()
        self.table.setObjectName("priorityTable")
        self.table.setAccessibleName(translate("Analysis", "Priority list"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setAccessibleName(
            translate("Analysis", "Columns: click one to sort by it")
        )
        self.table.verticalHeader().setAccessibleName(translate("Analysis", "Rows"))
        self.table.setCornerButtonEnabled(False)
        corner = self.table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName(translate("Analysis", "Select all rows"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(RESIZE_PRECISION)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        selection.changed.connect(self.show_selection)

        form = QFormLayout()
        form.addRow(translate("Analysis", "S&tage:"), self.stage_filter)
        form.addRow(translate("Analysis", "O&wner:"), self.owner_filter)
        form.addRow(translate("Analysis", "Pers&ona:"), self.persona_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(lambda _i: self.fill_table())
        return combo

    # ------------------------------------------------------------ contents
    @property
    def rows(self) -> list[PriorityRow]:
        """Every ranked card of the map, highest score first (unfiltered)."""
        return self.ranking.rows if self.ranking is not None else []

    def set_map(self, m: Map | None, changes: list[Change] | None = None) -> None:
        """Rank ``m`` again (after an edit): the filters keep their choice while it still exists.
        ``changes``: the edits since the last call, when known; edits of cards' fields only rank
        just those cards again (``None``: the whole map)."""
        self.map = m
        cards = _edited_cards(changes)
        if m is None:
            self.ranking = None
        elif self.ranking is not None and cards is not None:
            self.ranking.rerank(m, cards)
        else:
            self.ranking = PriorityRanking(m)
        rows = self.rows
        stages = [(s.name, s.id) for s in m.stages] if m is not None else []
        owners = sorted({r.owner for r in rows if r.owner}, key=str.casefold)
        owner_items = [(o, o) for o in owners]
        if any(not r.owner for r in rows):
            owner_items.append((translate("Analysis", "(no owner)"), ""))
        personas = [(p.name, p.id) for p in m.personas] if m is not None else []
        self._quiet = True
        try:
            self._fill_combo(self.stage_filter, translate("Analysis", "All stages"), stages)
            self._fill_combo(self.owner_filter, translate("Analysis", "All owners"), owner_items)
            self._fill_combo(self.persona_filter, translate("Analysis", "All personas"), personas)
        finally:
            self._quiet = False
        self.fill_table()

    @staticmethod
    def _fill_combo(combo: QComboBox, all_text: str, entries: list[tuple[str, str]]) -> None:
        kept = combo.currentData()
        wanted = [(all_text, ALL), *((" ".join(text.split()), data) for text, data in entries)]
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == wanted:
            return  # the same entries: nothing to do (most edits)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, ALL)
        for text, data in entries:
            combo.addItem(" ".join(text.split()), data)
            combo.setItemData(combo.count() - 1, literal(text), Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(kept) if kept is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def filters(self) -> dict[str, str | None]:
        def value(combo: QComboBox) -> str | None:
            data = combo.currentData()
            return None if data is None or data == ALL else data

        return {"stage": value(self.stage_filter), "owner": value(self.owner_filter),
                "persona": value(self.persona_filter)}  # fmt: skip

    def shown_rows(self) -> list[PriorityRow]:
        return filter_rows(self.rows, **self.filters())

    def fill_table(self) -> None:
        """Show the rows the filters let through, in the order of the sort column; the scroll
        position is kept unless the selected card's row must be scrolled to."""
        if self._quiet:
            return
        bar = self.table.verticalScrollBar()
        top = bar.value()
        self.model.set_rows(self.shown_rows())
        bar.setValue(top)
        self.show_selection()

    # ------------------------------------------------------------ selection
    def card_in_row(self, row: int) -> str | None:
        return self.model.card_in_row(row)

    def visible_cards(self) -> list[str]:
        """The card ids of the rows, top to bottom as shown."""
        return [r.card_id for r in self.model.rows]

    def _row_chosen(self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None) -> None:
        if self._showing:
            return
        rows = {ix.row() for ix in self.table.selectionModel().selectedRows()}
        if not rows:
            return
        card_id = self.card_in_row(min(rows))
        if card_id is None or self.selection.ids(Entity.CARD) == [card_id]:
            return
        self.selection.set([(Entity.CARD, card_id)])
        self.cardChosen.emit(card_id)

    def show_selection(self) -> None:
        """Select the row of the card selected on the map and scroll to it (nothing is emitted)."""
        cards = self.selection.ids(Entity.CARD)
        row = self.model.row_of(cards[-1] if cards else None)
        chosen = self.table.selectionModel()
        self._showing = True
        try:
            if row is None:
                chosen.clearSelection()
            else:
                index = self.model.index(row, 0)
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows | QItemSelectionModel.SelectionFlag.Current)  # fmt: skip
                chosen.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
        finally:
            self._showing = False


def _edited_cards(changes: list[Change] | None) -> set[str] | None:
    """The cards whose fields these changes edited, or None when they did anything else (added
    or removed a card, changed a link, a stage, a persona, the map): then all is ranked again."""
    if changes is None:
        return None
    cards = set()
    for c in changes:
        if c.entity is not Entity.CARD or c.op not in (Op.UPDATE, Op.MOVE):
            return None
        cards.add(c.id)
    return cards
