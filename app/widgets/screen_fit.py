"""The main window on the user's screen: a first size that fits the screen it opens on (a
1366 x 768 laptop as well as a 4K monitor), saved geometry restored only when it still fits
(a window saved on a big monitor must not open half off a laptop's screen), and "focus on map"
(View > Focus on Map, Ctrl+Shift+F): every panel and the toolbar hidden so the map takes the
whole window, and put back as they were by the same command.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

PREFERRED = QSize(1400, 900)
SCREEN_SHARE = 0.94  # of the available width and height, at most, for the first size


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (without task bars), of the widget's screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, PREFERRED.width(), PREFERRED.height())


def default_geometry(area: QRect, preferred: QSize = PREFERRED) -> QRect:
    """The first geometry: the preferred size, shrunk to fit ``area``, centred in it."""
    width = min(preferred.width(), int(area.width() * SCREEN_SHARE))
    height = min(preferred.height(), int(area.height() * SCREEN_SHARE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    return rect


def fits(frame: QRect, area: QRect) -> bool:
    """True when the window's frame lies within the available area (a few pixels of
    decoration may stick out)."""
    return area.adjusted(-8, -8, 8, 8).contains(frame)


def restore_geometry(window: QMainWindow, saved: QByteArray | None, area: QRect) -> bool:
    """Restore ``saved`` when it fits ``area``, else keep the window's geometry. True if used."""
    if not isinstance(saved, QByteArray) or saved.isEmpty():
        return False
    before = window.geometry()
    if not window.restoreGeometry(saved):
        return False
    if window.isMaximized() or window.isFullScreen() or fits(window.frameGeometry(), area):
        return True
    window.setGeometry(before)  # saved on a larger screen
    return False


class FocusMode:
    """Hide every dock and toolbar of ``window`` (and bring them back as they were)."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self._state: QByteArray | None = None

    @property
    def on(self) -> bool:
        return self._state is not None

    def set(self, on: bool, toolbars: bool = True) -> None:
        """Hide (``on``) or bring back the docks and, with ``toolbars``, the toolbars."""
        w = self.window
        if on == self.on:
            return
        if on:
            self._state = w.saveState()
            for part in (*w.findChildren(QDockWidget), *(w.findChildren(QToolBar) if toolbars else ())):
                if part.parent() is w:
                    part.hide()
        else:
            state, self._state = self._state, None
            w.restoreState(state)
