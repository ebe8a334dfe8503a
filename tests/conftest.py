"""Test setup: Qt runs headless; widget tests use pytest-qt's qtbot."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _no_mouse_button_left_down(request):
    """A test that ends in the middle of a drag (pressed, then Esc) leaves Qt believing the
    button is still down, and the next test's hover moves arrive as drags. Release it."""
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    buttons = QGuiApplication.mouseButtons()
    if buttons != Qt.MouseButton.NoButton:
        w = QWidget()
        w.show()
        for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
            if buttons & button:
                QTest.mouseRelease(w, button)
        w.close()
        w.deleteLater()


@pytest.fixture
def session_test_paths(qapp, tmp_path_factory, monkeypatch):
    """File-session tests: Qt's standard paths in test mode (never the user's folders), and a
    runtime folder of their own for the editors' identity locks (shared with helper processes)."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield


@pytest.fixture
def map_file(tmp_path):
    """A small map saved as maps/plan.journey.json."""
    from tests.session_support import write_map

    folder = tmp_path / "maps"
    folder.mkdir()
    return write_map(folder / "plan.journey.json")
