"""Help > User Guide (F1): the shipped guide opens beside the map, with the shortcuts of the
window's own menus."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from app.widgets.help import HELP_FOLDER, guide_file
from tests.main_window_support import Windows


def test_f1_opens_the_user_guide_with_the_menus_shortcuts(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make()
    assert window.help_window is None
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible(), timeout=3000)
    guide = window.help_window
    text = guide.text()
    for heading in ("Getting started", "Running a workshop", "Printing a wall", "Keyboard shortcuts"):
        assert heading in text
    # the table is made from the window's actions: every shortcut the menus have is listed
    assert "File > Save" in text and "Ctrl+S" in text and "Insert > Card" in text
    assert "Ctrl+O, Open" not in text  # the multimedia "Open" key is not a shortcut to list
    assert "Export" in text and "Ctrl+E" in text
    assert "Edit Card Text" in text and "F2" in text
    assert not guide.isModal()  # the map stays usable beside it
    guide.close()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    qtbot.waitUntil(guide.isVisible, timeout=3000)
    assert window.help_window is guide  # brought back, not a second window


def test_the_help_menu_has_the_guide(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make()
    act = window.actions_by_name["user_guide"]
    assert "F1" in [k.toString() for k in act.shortcuts()]
    act.trigger()
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible(), timeout=3000)
    # the window fits a 1366 x 768 screen
    assert window.help_window.height() <= 720 and window.help_window.width() <= 1366


def test_a_translated_guide_is_chosen_by_the_ui_language(tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (tmp_path / "guide.de.md").write_text("# Anleitung\n", encoding="utf-8")
    assert guide_file(QLocale("de_DE"), tmp_path).name == "guide.de.md"
    assert guide_file(QLocale("fr_FR"), tmp_path).name == "guide.md"
    assert guide_file(QLocale("en_US")).parent == HELP_FOLDER and guide_file(QLocale("en_US")).is_file()
