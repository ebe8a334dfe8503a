"""Shared by the main window tests: windows that keep to tmp_path (settings, recovery journal),
a scripted prompter, and actions looked up by their shortcut."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from app.widgets.files.recovery import RecoveryJournal
from app.widgets.main_window import MainWindow
from tests.session_support import FakePrompter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "b2b-hardware.journey.json"


class Windows:
    """Makes main windows for one test, all with the same settings file and journal."""

    def __init__(self, qtbot, tmp_path: Path):
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.settings_file = tmp_path / "settings.ini"
        self.journal_folder = tmp_path / "recovery"

    def settings(self) -> QSettings:
        return QSettings(str(self.settings_file), QSettings.Format.IniFormat)

    def make(self, m=None, path=None, *, prompter=None, show=True, settings=None, size=(1400, 900), **kwargs) -> MainWindow:
        """A window; ``size``: the tests' window size, whatever the offscreen screen's (800 x 800)
        size; None keeps the size the window chose for the screen."""
        prompter = prompter if prompter is not None else FakePrompter()
        window = MainWindow(
            m,
            path,
            prompter=prompter,
            journal=RecoveryJournal(self.journal_folder),
            settings=settings if settings is not None else self.settings(),
            watch_application=False,
            **kwargs,
        )
        window.prompter = prompter
        if size is not None:
            window.resize(*size)
        # at teardown nothing may ask: the test is over
        self.qtbot.addWidget(window, before_close_func=lambda w: w.session.undo_stack.setClean())
        if show:
            activate(self.qtbot, window)
        return window

    def copy_example(self, name: str = "example.journey.json") -> Path:
        path = self.tmp_path / name
        shutil.copy(EXAMPLE, path)
        return path


def activate(qtbot, window) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def all_actions(window) -> list[QAction]:
    """Every action of the window's menus (recursively), without separators and submenus."""
    found: list[QAction] = []

    def walk(menu):
        for act in menu.actions():
            if act.isSeparator():
                continue
            if act.menu() is not None:
                walk(act.menu())
            elif act not in found:
                found.append(act)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def action_for(window, shortcut: str) -> QAction:
    """The one menu action bound to ``shortcut``."""
    key = QKeySequence(shortcut)
    matches = [a for a in all_actions(window) if key in a.shortcuts()]
    assert len(matches) == 1, (shortcut, [a.text() for a in matches])
    return matches[0]


def press(qtbot, widget, shortcut: str) -> None:
    """Type ``shortcut`` (e.g. "Ctrl+Shift+S") on ``widget``."""
    combo = QKeySequence(shortcut)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())
