"""Find (Ctrl+F) in the real window: highlights, "3 of 12", stepping, centring, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.io.jsonfile import load_map
from app.model import commands as cmd
from app.model.events import Entity
from app.widgets.docks.search import card_matches, find_cards
from tests.main_window_support import Windows, press
from tests.model_factory import small_map


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


def open_find(window, qtbot, text: str) -> None:
    press(qtbot, window, "Ctrl+F")
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, text)


def visible_rect(view):
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_card_matching_fields_case_insensitive():
    m = small_map()
    card = m.cards[0].model_copy(
        update={"title": "Order", "body": "Ein Straße", "tags": ["Renewal"], "owner": "ACME", "channel": "E-mail"}
    )
    for text in ("order", "STRASSE", "renewal", "acme", "e-MAIL"):
        assert card_matches(card, text.casefold()), text
    assert not card_matches(card, "invoice")
    assert not card_matches(card, "")


def test_find_highlights_steps_selects_centres_and_clears(windows, qtbot):
    path = windows.copy_example()
    window = windows.make(path=path)
    doc, bar, view = window.session.doc, window.find_bar, window.view
    expected = find_cards(doc, "laptop")
    assert len(expected) >= 3
    press(qtbot, window, "Ctrl+1")  # at 100 % only part of the map is visible: centring matters
    open_find(window, qtbot, "LapTop")
    assert bar.matches == expected
    assert set(bar.highlighted()) == set(expected)
    assert bar.count_label.text() == f"1 of {len(expected)}"
    assert window.selection.ids(Entity.CARD) == [expected[0]]
    assert window.scene.card_item(expected[0]).isSelected()

    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == f"2 of {len(expected)}"
    assert window.selection.ids(Entity.CARD) == [expected[1]]
    assert visible_rect(view).contains(window.scene.card_item(expected[1]).sceneBoundingRect().center())
    press(qtbot, window, "F3")
    assert bar.count_label.text() == f"3 of {len(expected)}"
    assert visible_rect(view).contains(window.scene.card_item(expected[2]).sceneBoundingRect().center())
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"2 of {len(expected)}"
    press(qtbot, window, "Shift+F3")
    press(qtbot, window, "Shift+F3")  # wraps round to the last match
    assert bar.count_label.text() == f"{len(expected)} of {len(expected)}"
    assert window.selection.ids(Entity.CARD) == [expected[-1]]

    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.highlighted() == [] and bar.matches == []
    assert not any(it.__class__.__name__ == "Highlight" for it in window.scene.items())


def test_find_with_no_match_and_after_an_edit(windows, qtbot):
    window = windows.make(load_map(windows.copy_example()))
    bar = window.find_bar
    open_find(window, qtbot, "zzzq-nothing")
    assert bar.matches == [] and bar.count_label.text() == "No matches"
    card = window.session.doc.map.cards[0]
    window.session.push(cmd.Edit(Entity.CARD, card.id, {"tags": ["zzzq-nothing"]}, label="Tag"))
    qtbot.waitUntil(lambda: bar.matches == [card.id])
    assert bar.count_label.text() == "1 of 1" and bar.highlighted() == [card.id]
    press(qtbot, window, "Ctrl+Z")
    qtbot.waitUntil(lambda: bar.matches == [])
    assert bar.highlighted() == []


def test_find_follows_another_map(windows, qtbot, tmp_path):
    path = windows.copy_example()
    window = windows.make(small_map())
    bar = window.find_bar
    open_find(window, qtbot, "laptop")
    assert bar.matches == []
    window.session.open(path)
    assert bar.matches == find_cards(window.session.doc, "laptop") and bar.matches
    assert set(bar.highlighted()) == set(bar.matches)


def test_esc_on_the_canvas_closes_the_find_bar(windows, qtbot):
    window = windows.make(load_map(windows.copy_example()))
    bar = window.find_bar
    open_find(window, qtbot, "laptop")
    assert bar.highlighted()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not bar.isVisible() and bar.highlighted() == []
