"""Presenting on a second screen: a window of its own, full screen on the other screen, with its
own view of the same scene (edits in the editor show at once), while the editor stays where it
is on the laptop. The view only shows: clicks and drags in it change nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QColor, QScreen
from PySide6.QtWidgets import QGraphicsView, QVBoxLayout, QWidget

from app.widgets.canvas.sticky_headers import StickyHeaders
from app.widgets.canvas.view import MapView
from app.widgets.i18n import translate


def other_screen(screens: Sequence[QScreen], editor_screen: QScreen | None) -> QScreen | None:
    """The screen to present on: the first one the editor is not on (None with one screen)."""
    others = [s for s in screens if s is not editor_screen and s != editor_screen]
    return others[0] if others else None


class PresentationWindow(QWidget):
    """``closed`` is called when the window closes (by Esc, F5 or the window manager)."""

    def __init__(self, editor_view: MapView, selection, closed: Callable[[], None]):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle(translate("Workshop", "Presentation"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._closed = closed
        self.view = MapView(editor_view.scene(), self)
        self.view.setObjectName("presentationView")
        self.view.setInteractive(False)
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.view.setBackgroundBrush(editor_view.backgroundBrush())
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sticky_headers = StickyHeaders(self.view, selection, None, self)  # the lane names
        self.view.scene().themeChanged.connect(self._follow_theme)  # View > Theme in the editor
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)

    def _follow_theme(self) -> None:
        self.view.setBackgroundBrush(QColor(self.view.scene().theme.background))

    def show_on(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.view.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        closed, self._closed = self._closed, None
        if closed is not None:  # the first close only
            self.view.scene().themeChanged.disconnect(self._follow_theme)
            closed()
