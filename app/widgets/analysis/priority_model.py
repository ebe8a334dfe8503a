"""The priority list's rows as a Qt table model: :class:`~app.model.priorities.PriorityRow`
objects kept in the order shown, each cell's text made when the view asks for it (a view asks
only for the rows it paints: 5,000 ranked cards cost a list, not 35,000 items).

Sorting (a click on a header) sorts the rows in Python by the same keys the list always used:
titles and owners case-insensitively, gaps, votes and scores as numbers, a moment of truth
before none, stages in map order. The sort is stable, so rows with the same key keep the order
they had (the ranking's, at first). Map text is returned as plain text; the tooltips of titles
and owners are made literal (a tooltip guesses at rich text)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.model.priorities import PriorityRow
from app.widgets.plaintext import literal

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("card", "gap", "truth", "votes", "score", "stage", "owner")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMBERS = {1, 3, 4}  # right-aligned
_TIPPED = {0, 6}  # title and owner: a tooltip with the whole text

#: a row's sort key in each column (the keys of the old table's cells)
SORT_KEYS: tuple[Callable[[PriorityRow], Any], ...] = (
    lambda r: r.title.casefold(),
    lambda r: r.gap,
    lambda r: int(r.moment_of_truth),
    lambda r: r.votes,
    lambda r: r.score,
    lambda r: r.stage_index,
    lambda r: r.owner.casefold(),
)


class PriorityModel(QAbstractTableModel):
    """The shown rows (filtered, sorted); ``headers`` and ``tips`` (column -> text) label the columns,
    ``yes`` is the text of a moment of truth."""

    def __init__(self, headers: Sequence[str], tips: dict[int, str], yes: str, parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.tips = dict(tips)
        self.yes = yes
        self.rows: list[PriorityRow] = []
        self._row_of: dict[str, int] = {}
        self.sort_column = COLUMNS.index("score")
        self.sort_order = Qt.SortOrder.DescendingOrder

    # ------------------------------------------------------------ contents
    def set_rows(self, rows: Sequence[PriorityRow]) -> None:
        """Show ``rows`` (sorted by the current sort column) in place of the rows shown."""
        self.beginResetModel()
        self.rows = self._sorted(list(rows))
        self._index_rows()
        self.endResetModel()

    def _sorted(self, rows: list[PriorityRow]) -> list[PriorityRow]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=SORT_KEYS[self.sort_column], reverse=descending)

    def _index_rows(self) -> None:
        self._row_of = {r.card_id: i for i, r in enumerate(self.rows)}

    def row_of(self, card_id: str | None) -> int | None:
        return self._row_of.get(card_id) if card_id is not None else None

    def card_in_row(self, row: int) -> str | None:
        return self.rows[row].card_id if 0 <= row < len(self.rows) else None

    # ------------------------------------------------------------ Qt's model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def text(self, r: PriorityRow, column: int) -> str:
        if column == 0:
            return r.title
        if column == 1:
            return f"{r.gap:+d}" if r.gap else "0"
        if column == 2:
            return self.yes if r.moment_of_truth else ""
        if column == 3:
            return str(r.votes)
        if column == 4:
            return f"{r.score:g}"
        if column == 5:
            return r.stage
        return r.owner

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= len(self.rows):
            return None
        r = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMBERS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(self.text(r, column)) if column in _TIPPED else None
        if role == ID_ROLE:
            return r.card_id
        if role == SORT_ROLE:
            return SORT_KEYS[column](r)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips.get(section)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown rows (a header click); selected and current rows stay with their cards."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        cards = [self.card_in_row(ix.row()) for ix in kept]
        self.sort_column, self.sort_order = column, order
        self.rows = self._sorted(self.rows)
        self._index_rows()
        moved = [
            self.index(self._row_of[card], ix.column()) if card in self._row_of else QModelIndex()
            for ix, card in zip(kept, cards, strict=True)
        ]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()
