"""Starting without a file (issue 9, item 2): a welcome page instead of an empty map at 410 %."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.io.jsonfile import load_map
from app.io.templates import example_path
from tests.main_window_support import Windows
from tests.session_support import FakePrompter


def map_fits(window) -> bool:
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return visible.contains(window.scene.map_rect())


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


def test_starting_without_a_file_shows_the_welcome_page(windows):
    window = windows.make(welcome=True)
    page = window.welcome
    assert page is not None and window.pages.currentWidget() is page and page.isVisible()
    assert not window.view.isVisible()
    names = [page.templates.item(i).text() for i in range(page.templates.count())]
    assert names[0] == "Blank map" and len(names) > 2
    assert page.description.text()  # the chosen template says what it is
    assert page.preview.scene() is not None


def test_a_template_from_the_welcome_page_opens_fitted_to_the_window(windows, qtbot):
    window = windows.make(welcome=True)
    page = window.welcome
    page.select_template("onboarding")
    QTest.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.welcome is None and window.view.isVisible(), timeout=3000)
    qtbot.wait(50)
    m = window.session.doc.map
    assert [s.name for s in m.stages] == ["Sign up", "First run", "First value", "Habit", "Expand"]
    assert window.session.path is None  # untitled until saved
    assert map_fits(window) and window.view.zoom() <= 1.0  # fitted, never blown up past 100 %


def test_the_example_opens_as_an_untitled_copy(windows, qtbot):
    window = windows.make(welcome=True)
    before = example_path().read_bytes()
    QTest.mouseClick(window.welcome.example_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.welcome is None, timeout=3000)
    assert len(window.session.doc.map.cards) == len(load_map(example_path()).cards)
    assert window.session.path is None
    assert example_path().read_bytes() == before


def test_recent_files_are_listed_and_open(windows, qtbot):
    path = windows.copy_example("plan.journey.json")
    first = windows.make(path=path)
    first.close()
    window = windows.make(welcome=True)
    recent = window.welcome.recent
    assert recent.isVisible() and recent.count() >= 1 and recent.item(0).text() == "plan.journey.json"
    recent.itemActivated.emit(recent.item(0))
    qtbot.waitUntil(lambda: window.welcome is None, timeout=3000)
    assert window.session.path == path


def test_open_from_the_welcome_page_asks_for_a_file(windows, qtbot):
    path = windows.copy_example("other.journey.json")
    prompter = FakePrompter(open_path=path)
    window = windows.make(welcome=True, prompter=prompter)
    QTest.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.welcome is None, timeout=3000)
    assert window.session.path == path


def test_file_new_from_the_menu_also_leaves_the_welcome_page(windows, qtbot):
    prompter = FakePrompter(choose_template="b2b")
    window = windows.make(welcome=True, prompter=prompter)
    window.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: window.welcome is None and window.view.isVisible(), timeout=3000)


def test_a_window_opened_on_a_map_has_no_welcome_page(windows):
    window = windows.make(path=windows.copy_example(), welcome=True)
    assert window.welcome is None and window.view.isVisible()


def test_the_panels_wait_until_a_map_is_open(windows, qtbot):
    from PySide6.QtWidgets import QDockWidget

    window = windows.make(welcome=True)
    assert not any(d.isVisible() for d in window.findChildren(QDockWidget))
    window.welcome.create()
    qtbot.waitUntil(lambda: window.welcome is None, timeout=3000)
    qtbot.waitUntil(lambda: window.docks.docks["inspector"].isVisible(), timeout=3000)
