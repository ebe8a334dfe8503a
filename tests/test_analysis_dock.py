"""The Analysis dock through real events: View > Analysis, clicking a point of the matrix selects
its card on the map, the perspective chooser, PNG and SVG export through the buttons, the
priority table sorted by its headers and filtered by its combo boxes, and both following edits."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from app.model import commands as cmd
from app.model.events import Entity
from app.model.matrix import QUADRANT_FILL, Quadrant, View, matrix_chart
from app.widgets.analysis.chart_export import CHART_SIZE, PNG_SCALE
from app.widgets.analysis.priorities import COLUMNS
from app.widgets.undo import push
from tests.main_window_support import Windows
from tests.test_matrix_model import rated_map


@pytest.fixture
def window(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(rated_map())
    toggle = window.actions_by_name["toggle_analysis"]
    assert toggle in window.view_menu.actions()
    if not toggle.isChecked():
        toggle.trigger()
    dock = window.docks.docks["analysis"]
    dock.setFloating(True)  # room for the chart and its key
    dock.resize(900, 620)
    dock.raise_()
    qtbot.waitUntil(lambda: dock.isVisible() and window.analysis.matrix.chart_view.isVisible())
    return window


def marker(panel, card_id: str, perspective: str = "customer"):
    chart = panel.matrix.chart_view.chart()
    return next(mk for mk in chart.markers if mk.card_id == card_id and mk.perspective == perspective)


def click_point(qtbot, panel, card_id: str, perspective: str = "customer") -> None:
    mk = marker(panel, card_id, perspective)
    view = panel.matrix.chart_view
    QTest.mouseClick(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(mk.x), round(mk.y))
    )


def test_clicking_a_point_selects_its_card_on_the_map(window, qtbot):
    panel = window.analysis
    click_point(qtbot, panel, "d")
    assert window.selection.ids(Entity.CARD) == ["d"]
    item = window.scene.card_item("d")
    assert item is not None and item.isSelected()
    click_point(qtbot, panel, "a")
    assert window.selection.ids(Entity.CARD) == ["a"]
    assert not window.scene.card_item("d").isSelected()
    # the priority table follows the selection
    table = panel.priorities
    rows = {ix.row() for ix in table.table.selectionModel().selectedRows()}
    assert [table.card_in_row(r) for r in rows] == ["a"]
    # an empty spot selects nothing new
    plot = panel.matrix.chart_view.chart().plot
    QTest.mouseClick(panel.matrix.chart_view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(plot.x + 3), round(plot.y + 3)))  # fmt: skip
    assert window.selection.ids(Entity.CARD) == ["a"]


def test_view_chooser_shows_internal_and_both_with_arrows(window, qtbot):
    panel = window.analysis
    combo = panel.matrix.view_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # customer -> internal
    assert panel.matrix.chart_view.view is View.INTERNAL
    chart = panel.matrix.chart_view.chart()
    assert {mk.card_id for mk in chart.markers} == {"a", "c", "d"}
    QTest.keyClick(combo, Qt.Key.Key_Down)  # -> both
    chart = panel.matrix.chart_view.chart()
    assert chart.view is View.BOTH and {ar.card_id for ar in chart.arrows} == {"a", "d"}
    click_point(qtbot, panel, "d", "internal")
    assert window.selection.ids(Entity.CARD) == ["d"]


def test_png_and_svg_export_through_the_buttons(window, qtbot, tmp_path):
    tab = window.analysis.matrix
    asked = []

    def ask(suffix, suggested):
        asked.append(suggested)
        return tmp_path / f"chart-{suffix}"  # no suffix typed: it is added

    tab.ask_path = ask
    QTest.mouseClick(tab.png_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(tab.svg_button, Qt.MouseButton.LeftButton)
    assert [p.suffix for p in asked] == [".png", ".svg"]
    png, svg = tmp_path / "chart-png.png", tmp_path / "chart-svg.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(png))
    assert (image.width(), image.height()) == (
        round(CHART_SIZE[0] * PNG_SCALE),
        round(CHART_SIZE[1] * PNG_SCALE),
    )
    # the quadrants' tints where the model puts them (lower right: concentrate here)
    chart = matrix_chart(window.session.doc.map, View.CUSTOMER, *CHART_SIZE)
    for box in chart.boxes:
        x, y = (box.rect.x + 4) * PNG_SCALE, (box.rect.y + box.rect.h / 2) * PNG_SCALE
        assert image.pixelColor(round(x), round(y)).name().upper() == QUADRANT_FILL[box.quadrant].upper()
    concentrate = next(b.rect for b in chart.boxes if b.quadrant is Quadrant.CONCENTRATE)
    assert concentrate.x > chart.plot.x and concentrate.y > chart.plot.y
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox").split()[2:] == [f"{CHART_SIZE[0]:g}", f"{CHART_SIZE[1]:g}"]
    text = svg.read_text(encoding="utf-8")
    assert "Concentrate here" in text and "Keep up the good work" in text


def test_export_into_a_missing_folder_says_so_and_writes_nothing(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    tab = window.analysis.matrix
    tab.ask_path = lambda suffix, suggested: tmp_path / "missing" / "chart.png"
    QTest.mouseClick(tab.png_button, Qt.MouseButton.LeftButton)
    assert shown and "not written" in shown[0]
    assert not (tmp_path / "missing").exists()


def cards_shown(table) -> list[str]:
    return table.visible_cards()


def click_header(table, column: str) -> None:
    header = table.table.horizontalHeader()
    index = COLUMNS.index(column)
    x = header.sectionViewportPosition(index) + header.sectionSize(index) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, header.height() // 2))  # fmt: skip


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setFocus()
    while combo.currentIndex() != index:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def test_priority_table_sorts_by_its_headers(window, qtbot):
    panel = window.analysis
    panel.tabs.setCurrentWidget(panel.priorities)
    table = panel.priorities
    qtbot.waitUntil(table.table.isVisible)
    rows = {r.card_id: r for r in table.rows}
    shown = cards_shown(table)
    assert sorted(shown) == ["a", "b", "c", "d", "e", "f"]
    assert [rows[c].score for c in shown] == sorted((r.score for r in table.rows), reverse=True)
    click_header(table, "votes")
    first = [rows[c].votes for c in cards_shown(table)]
    click_header(table, "votes")
    second = [rows[c].votes for c in cards_shown(table)]
    assert sorted(first) in (first, first[::-1]) and second == first[::-1] and first != second
    click_header(table, "gap")
    gaps = [rows[c].gap for c in cards_shown(table)]
    assert gaps in (sorted(gaps), sorted(gaps, reverse=True))
    click_header(table, "stage")
    stages = [rows[c].stage_index for c in cards_shown(table)]
    assert stages in (sorted(stages), sorted(stages, reverse=True))


def test_priority_table_filters_and_selects(window, qtbot):
    panel = window.analysis
    panel.tabs.setCurrentWidget(panel.priorities)
    table = panel.priorities
    qtbot.waitUntil(table.table.isVisible)
    choose(table.stage_filter, "Two")
    assert sorted(cards_shown(table)) == ["d", "e", "f"]
    choose(table.persona_filter, "Ana")
    assert cards_shown(table) == ["e"]
    choose(table.stage_filter, "All stages")
    assert sorted(cards_shown(table)) == ["a", "e"]
    choose(table.persona_filter, "All personas")
    choose(table.owner_filter, "Sales")
    assert sorted(cards_shown(table)) == ["a", "b"]
    choose(table.owner_filter, "(no owner)")
    assert sorted(cards_shown(table)) == ["c", "e", "f"]
    # clicking a row selects its card on the map
    row = cards_shown(table).index("c")
    rect = table.table.visualRect(table.model.index(row, 0))
    QTest.mouseClick(
        table.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    assert window.selection.ids(Entity.CARD) == ["c"]
    assert window.scene.card_item("c").isSelected()


def test_both_follow_edits_and_undo(window, qtbot):
    panel = window.analysis
    doc, stack = window.session.doc, window.session.undo_stack
    assert marker(panel, "b").quadrant.value == "keep_up"
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"performance_customer": 1, "owner": "Field"}))
    qtbot.waitUntil(lambda: marker(panel, "b").quadrant.value == "concentrate")
    assert "Field" in [
        panel.priorities.owner_filter.itemText(i) for i in range(panel.priorities.owner_filter.count())
    ]
    stack.undo()
    qtbot.waitUntil(lambda: marker(panel, "b").quadrant.value == "keep_up")


def test_map_text_is_plain_in_tooltips_and_table(window, qtbot):
    doc, stack = window.session.doc, window.session.undo_stack
    assert push(stack, doc, cmd.Edit(Entity.CARD, "a", {"title": "<b>bold</b> & <img src=x>"}))
    panel = window.analysis
    qtbot.waitUntil(lambda: marker(panel, "a").title.startswith("<b>"))
    tip = panel.matrix.chart_view._tip(marker(panel, "a"))
    from app.widgets.plaintext import literal

    assert "&lt;b&gt;bold" in literal(tip)
    table = panel.priorities
    row = cards_shown(table).index("a")
    cell = table.model.index(row, 0)
    assert cell.data() == "<b>bold</b> & <img src=x>"
    assert "&lt;img" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_only_edits_that_matter_recompute(window, qtbot):
    from app.widgets.analysis.dock import analysis_changed

    panel = window.analysis
    doc, stack = window.session.doc, window.session.undo_stack
    before = panel.matrix.chart_view.chart()
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"colour": "#112233", "notes": "later"}))
    qtbot.wait(300)
    assert panel.matrix.chart_view.chart() is before  # nothing computed again
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"votes": 9}))
    qtbot.waitUntil(lambda: next(r for r in panel.priorities.rows if r.card_id == "b").votes == 9)
    assert panel.matrix.chart_view.chart() is before  # votes are in the list, not in the chart
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"performance_customer": 2}))
    qtbot.waitUntil(lambda: panel.matrix.chart_view.chart() is not before)
    assert marker(panel, "b").quadrant.value == "concentrate"
    from app.model.events import Change, Op

    assert not analysis_changed([Change(Entity.CURVE, Op.UPDATE, "cv", frozenset({"name"}))])
    assert analysis_changed([Change(Entity.STAGE, Op.UPDATE, "s1", frozenset({"name"}))])
    assert not analysis_changed([Change(Entity.MAP, Op.UPDATE, "", frozenset({"title"}))])
    from app.widgets.analysis.dock import matrix_changed

    assert not matrix_changed([Change(Entity.CARD, Op.UPDATE, "b", frozenset({"votes", "owner"}))])
    assert not matrix_changed([Change(Entity.LINK, Op.ADD, "lk"), Change(Entity.STAGE, Op.UPDATE, "s1", frozenset({"name"}))])
    assert matrix_changed([Change(Entity.CARD, Op.UPDATE, "b", frozenset({"votes", "title"}))])
    assert matrix_changed([Change(Entity.CARD, Op.MOVE, "b")]) and matrix_changed(None)
    assert matrix_changed([Change(Entity.STAGE, Op.REORDER)])
