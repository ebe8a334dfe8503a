"""The priority list: :func:`app.model.priorities.priority_rows` (the ``journeymap analyze``
ranking) as a table sorted by any column (click a header), filtered by stage, owner and
persona. Choosing a row selects its card on the map; a card selected elsewhere selects its row.
Map text (titles, stage names, owners, persona names) is shown as plain item text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.events import Entity
from app.model.priorities import PriorityRow, filter_rows, priority_rows
from app.model.schema import Map
from app.widgets.i18n import translate
from app.widgets.plaintext import literal
from app.widgets.selection import Selection

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = "\x00all"  # a filter combo's "all" entry (no id or owner can be this)
COLUMNS = ("card", "gap", "truth", "votes", "score", "stage", "owner")


class SortItem(QTableWidgetItem):
    """A cell that sorts by its sort key (numbers as numbers, stages in map order)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if a is None or b is None or type(a) is not type(b):
            return super().__lt__(other)
        return a < b


def _item(text: str, key, card_id: str) -> SortItem:
    item = SortItem(text)
    item.setData(SORT_ROLE, key)
    item.setData(ID_ROLE, card_id)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class PriorityTable(QWidget):
    """The filters and the table; ``cardChosen(card_id)`` when a row is chosen by the user."""

    cardChosen = Signal(str)

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.selection = selection
        self.map: Map | None = None
        self.rows: list[PriorityRow] = []
        self._quiet = False

        self.stage_filter = self._combo("priorityStage", translate("Analysis", "Filter by stage"))
        self.owner_filter = self._combo("priorityOwner", translate("Analysis", "Filter by owner"))
        self.persona_filter = self._combo("priorityPersona", translate("Analysis", "Filter by persona"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("priorityTable")
        self.table.setAccessibleName(translate("Analysis", "Priority list"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("Analysis", "Touchpoint"),
                translate("Analysis", "Gap"),
                translate("Analysis", "Moment of truth"),
                translate("Analysis", "Votes"),
                translate("Analysis", "Score"),
                translate("Analysis", "Stage"),
                translate("Analysis", "Owner"),
            ]
        )
        tips = {
            1: translate("Analysis", "Importance minus performance, as customers rate them"),
            4: translate(
                "Analysis",
                "The ranking of journeymap analyze: gap, importance, moment of truth, votes, links",
            ),
        }
        for column, tip in tips.items():
            self.table.horizontalHeaderItem(column).setToolTip(tip)
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
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("score"), Qt.SortOrder.DescendingOrder)
        self.table.itemSelectionChanged.connect(self._row_chosen)
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
    def set_map(self, m: Map | None) -> None:
        """Rank ``m`` again (after an edit): the filters keep their choice while it still exists."""
        self.map = m
        self.rows = priority_rows(m) if m is not None else []
        stages = [(s.name, s.id) for s in m.stages] if m is not None else []
        owners = sorted({r.owner for r in self.rows if r.owner}, key=str.casefold)
        owner_items = [(o, o) for o in owners]
        if any(not r.owner for r in self.rows):
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
        if self._quiet:
            return
        table = self.table
        header = table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        table.setSortingEnabled(False)
        table.blockSignals(True)
        yes = translate("Analysis", "Yes")
        rows = self.shown_rows()
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (
                (r.title, r.title.casefold()),
                (f"{r.gap:+d}" if r.gap else "0", r.gap),
                (yes if r.moment_of_truth else "", int(r.moment_of_truth)),
                (str(r.votes), r.votes),
                (f"{r.score:g}", r.score),
                (r.stage, r.stage_index),
                (r.owner, r.owner.casefold()),
            )
            for j, (text, key) in enumerate(cells):
                item = _item(text, key, r.card_id)
                if j in (1, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j in (0, 6):
                    item.setToolTip(literal(text))
                table.setItem(i, j, item)
        table.blockSignals(False)
        table.setSortingEnabled(True)
        table.sortByColumn(column, order)
        self.show_selection()

    # ------------------------------------------------------------ selection
    def card_in_row(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        return item.data(ID_ROLE) if item is not None else None

    def visible_cards(self) -> list[str]:
        """The card ids of the rows, top to bottom as shown."""
        return [self.card_in_row(i) for i in range(self.table.rowCount())]

    def _row_chosen(self) -> None:
        rows = {ix.row() for ix in self.table.selectionModel().selectedRows()}
        if not rows:
            return
        card_id = self.card_in_row(min(rows))
        if card_id is None or self.selection.ids(Entity.CARD) == [card_id]:
            return
        self.selection.set([(Entity.CARD, card_id)])
        self.cardChosen.emit(card_id)

    def show_selection(self) -> None:
        """Select the row of the card selected on the map (nothing is emitted)."""
        cards = self.selection.ids(Entity.CARD)
        current = cards[-1] if cards else None
        table = self.table
        table.blockSignals(True)
        table.clearSelection()
        for i in range(table.rowCount()):
            if self.card_in_row(i) == current:
                table.selectRow(i)
                table.scrollToItem(table.item(i, 0))
                break
        table.blockSignals(False)
        table.viewport().update()
