"""Presentation mode (Workshop > Present, F5): the map alone, full screen, stepped through by
keyboard or a presenter's clicker; Esc (or F5 again) puts everything back as it was.

Here (F5): the main window goes full screen with every panel, the menu, toolbar, status bar and
scroll bars hidden (:mod:`.window_state` keeps what to put back). On another screen (Shift+F5,
when the computer has two): a window of its own on that screen (:mod:`.screen_window`) and the
editor stays as it is, for the facilitator.

Keys, while the presentation has the keyboard:

=====================================  =========================================
Right / Left                           next / previous stage
PageDown, Space, Down / PageUp,        next / previous step (the next part of a tall stage,
Backspace, Up                          then the next stage: what a clicker sends)
Home / End                             the whole map / the last stage
T / R                                  start or pause / reset the timer
Esc, F5                                leave (Esc first cancels a drag on the canvas)
=====================================  =========================================

A text field (the find bar, a card being edited) keeps its keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.widgets.i18n import translate
from app.widgets.text_keys import is_text_field
from app.widgets.workshop import window_state
from app.widgets.workshop.presenter import Presenter
from app.widgets.workshop.screen_window import PresentationWindow, other_screen
from app.widgets.workshop.timer_view import WorkshopClock

K = Qt.Key
MOVES = {
    K.Key_Right: "next_stage",
    K.Key_Left: "previous_stage",
    K.Key_PageDown: "next_page",
    K.Key_Space: "next_page",
    K.Key_Down: "next_page",
    K.Key_PageUp: "previous_page",
    K.Key_Backspace: "previous_page",
    K.Key_Up: "previous_page",
    K.Key_Home: "first",
    K.Key_End: "last_stage",
}
LEAVE = {K.Key_Escape, K.Key_F5}
TIMER = {K.Key_T: "toggle", K.Key_R: "reset"}


class Presentation(QObject):
    """``changed(active)`` when presentation mode starts or ends."""

    changed = Signal(bool)

    def __init__(self, window, clock: WorkshopClock):
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.presenter: Presenter | None = None
        self.screen_window: PresentationWindow | None = None
        self._snapshot = None
        self._target = None  # the other screen presented on
        QGuiApplication.instance().screenRemoved.connect(self.screen_removed)

    @property
    def active(self) -> bool:
        return self.presenter is not None

    @property
    def on_other_screen(self) -> bool:
        return self.screen_window is not None

    def keyboard_window(self) -> QWidget | None:
        """The window whose keys step the presentation."""
        if self.screen_window is not None:
            return self.screen_window
        return self.window if self.active else None

    # ------------------------------------------------------------ entering
    def toggle(self) -> None:
        """F5: present here, or leave."""
        if self.active:
            self.leave()
        else:
            self.present_here()

    def toggle_other_screen(self) -> None:
        """Shift+F5: present on the other screen, or leave."""
        if self.active:
            self.leave()
        else:
            self.present_on_other_screen()

    def showing_map(self) -> bool:
        """False while the welcome page is shown instead of a map."""
        pages = getattr(self.window, "pages", None)
        return pages is None or pages.currentWidget() is self.window.view

    def present_here(self) -> None:
        if self.active:
            return
        w = self.window
        if not self.showing_map():
            w.statusBar().showMessage(translate("Workshop", "Open or start a map to present it"), 8000)
            return
        self._snapshot = window_state.take(w)
        window_state.clear(w)
        w.showFullScreen()
        self._start(w.view)
        w.view.setFocus()

    def present_on_other_screen(self, screens=None) -> bool:
        """On the screen the editor is not on (``screens``: default every screen). With one
        screen it presents here; returns True on another screen."""
        if self.active:
            return self.on_other_screen
        if not self.showing_map():
            self.present_here()  # says why not
            return False
        screens = list(QGuiApplication.screens()) if screens is None else list(screens)
        target = other_screen(screens, self.window.screen())
        if target is None:  # one screen: here (the entry's tip says so)
            self.present_here()
            return False
        self._target = target
        self.screen_window = PresentationWindow(self.window.view, self.window.selection, self._screen_closed)
        self.screen_window.show_on(target)
        self._start(self.screen_window.view)
        self.window.statusBar().showMessage(
            translate("Workshop", "Presenting on {screen}: Esc in the presentation ends it").format(
                screen=target.name()
            ),
            10_000,
        )
        return True

    def _start(self, view) -> None:
        self.presenter = Presenter(view, self.clock, self)
        QApplication.instance().installEventFilter(self)
        self.presenter.first()
        QTimer.singleShot(0, self._settle)  # once the full-screen size has arrived
        self.changed.emit(True)

    def _settle(self) -> None:
        if self.presenter is not None:
            self.presenter.refresh()

    # ------------------------------------------------------------ leaving
    def leave(self) -> None:
        if not self.active:
            return
        QApplication.instance().removeEventFilter(self)
        presenter, self.presenter = self.presenter, None
        presenter.close()
        presenter.deleteLater()
        if self.screen_window is not None:
            win, self.screen_window, self._target = self.screen_window, None, None
            win.close()
            win.deleteLater()
            self.window.activateWindow()
        else:
            snapshot, self._snapshot = self._snapshot, None
            window_state.restore(self.window, snapshot)
        self.window.view.setFocus()
        self.changed.emit(False)

    def screen_removed(self, screen) -> None:
        """The projector unplugged: end the presentation there (Qt would move its window over the
        editor)."""
        if self.screen_window is not None and screen is self._target:
            self.leave()

    def _screen_closed(self) -> None:
        """The presentation window closed by other means than Esc (its screen went away)."""
        if self.screen_window is not None:
            self.leave()

    # ------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(
            watched, QWidget
        ):
            return False
        if self.presenter is None or watched.window() is not self.keyboard_window() or is_text_field(watched):
            return False  # a text field (the find bar, a card's editor) keeps its keys
        assert isinstance(event, QKeyEvent)
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier or not (key in MOVES or key in LEAVE or key in TIMER):
            return False
        event.accept()
        if kind == QEvent.Type.ShortcutOverride:
            return True  # ours: no shortcut takes it, the key press follows
        if key in LEAVE:
            if key == K.Key_Escape and self.screen_window is None and self.window.view.interaction.cancel():
                return True  # Esc first cancels a drag on the canvas
            self.leave()
        elif key in TIMER:
            getattr(self.clock.timer, TIMER[key])()
        else:
            getattr(self.presenter, MOVES[key])()
        return True
