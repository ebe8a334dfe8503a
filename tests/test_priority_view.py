"""The priority list as a model view on a long list (300 cards): a card selected on the map
selects its row and scrolls it into view, a header click keeps the selected card selected, the
arrow keys choose the next card on the map, and the names and tooltips a screen reader reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.model.events import Entity
from app.widgets.analysis.priorities import COLUMNS
from benchmarks.generate import generate_map
from tests.main_window_support import Windows


@pytest.fixture
def table(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(generate_map(300, seed=9))
    dock = window.docks.docks["analysis"]
    dock.setFloating(True)
    dock.resize(700, 500)
    dock.show()
    panel = window.analysis
    panel.tabs.setCurrentWidget(panel.priorities)
    qtbot.waitUntil(lambda: panel.priorities.table.isVisible() and not panel.stale)
    table = panel.priorities
    table.window_ = window
    return table


def selected_cards(table) -> list[str]:
    return [table.card_in_row(ix.row()) for ix in table.table.selectionModel().selectedRows()]


def row_in_view(table, card_id: str) -> bool:
    row = table.visible_cards().index(card_id)
    rect = table.table.visualRect(table.model.index(row, 0))
    return table.table.viewport().rect().intersects(rect)


def test_a_card_selected_on_the_map_selects_and_shows_its_row(table, qtbot):
    window = table.window_
    last = table.visible_cards()[-1]
    assert len(table.visible_cards()) > 100 and not row_in_view(table, last)
    window.selection.set([(Entity.CARD, last)])
    assert selected_cards(table) == [last]
    assert row_in_view(table, last)
    window.selection.clear()
    assert selected_cards(table) == []


def test_sorting_keeps_the_selected_card_and_the_keys_walk_the_rows(table, qtbot):
    window = table.window_
    card = table.visible_cards()[40]
    window.selection.set([(Entity.CARD, card)])
    header = table.table.horizontalHeader()
    index = COLUMNS.index("card")
    x = header.sectionViewportPosition(index) + header.sectionSize(index) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, header.height() // 2))  # fmt: skip
    titles = [table.model.index(i, 0).data() for i in range(table.model.rowCount())]
    assert titles[:50] in (sorted(titles, key=str.casefold)[:50], sorted(titles, key=str.casefold, reverse=True)[:50])
    assert selected_cards(table) == [card] and window.selection.ids(Entity.CARD) == [card]
    row = table.visible_cards().index(card)
    table.table.setFocus()
    QTest.keyClick(table.table, Qt.Key.Key_Down)
    below = table.visible_cards()[row + 1]
    assert selected_cards(table) == [below]
    assert window.selection.ids(Entity.CARD) == [below]  # the card is chosen on the map too
    assert window.scene.card_item(below).isSelected()


def test_names_tooltips_and_alignment(table):
    model = table.model
    assert table.table.accessibleName() == "Priority list"
    assert table.table.horizontalHeader().accessibleName() == "Columns: click one to sort by it"
    header = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert header == ["Touchpoint", "Gap", "Moment of truth", "Votes", "Score", "Stage", "Owner"]
    assert "Importance minus performance" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    first = table.rows[0]
    row = table.visible_cards().index(first.card_id)
    cells = [model.index(row, c) for c in range(len(COLUMNS))]
    assert [c.data() for c in cells] == [
        first.title, f"{first.gap:+d}" if first.gap else "0", "Yes" if first.moment_of_truth else "",
        str(first.votes), f"{first.score:g}", first.stage, first.owner,
    ]  # fmt: skip
    assert cells[0].data(Qt.ItemDataRole.ToolTipRole) == first.title
    assert cells[3].data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not model.flags(cells[0]) & Qt.ItemFlag.ItemIsEditable
