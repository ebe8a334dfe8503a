"""The workshop timer in the editor: its entry in the status bar, the flash at the end, the
optional chime, and the dialog that sets the minutes.

The end is shown without sound: the timer's place (status bar and presentation caption) flashes
amber ``FLASHES`` times at two flashes a second (well under the three a second that can trouble
people with photosensitive epilepsy), then stays amber until the timer is reset or started again.
The chime is optional and off by default; this build's Qt has no multimedia module, so the chime
is the system's alert sound (``QApplication.beep``), the one sound Qt offers without it.

The minutes last set and the chime option are preferences in QSettings; the timer's state is the
session's own and never goes into the map file.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QStatusBar, QWidget

from app.widgets.i18n import translate
from app.widgets.plaintext import plain_label
from app.widgets.workshop.timer import DEFAULT_MINUTES, MAX_MINUTES, WorkshopTimer

FLASH_MS = 500
FLASHES = 10  # on-and-off pairs: five seconds
MINUTES_KEY = "workshop/timerMinutes"
CHIME_KEY = "workshop/chime"


class TimerFlash(QObject):
    """``changed(on)``: the timer's place is amber (``on``) or plain. Starts at the end of the
    countdown; stops (plain) when the timer is reset, restarted or given new minutes."""

    changed = Signal(bool)

    def __init__(self, timer: WorkshopTimer, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = timer
        self.on = False
        self._left = 0
        self._blink = QTimer(self)
        self._blink.setInterval(FLASH_MS)
        self._blink.timeout.connect(self._toggle)
        timer.finished.connect(self.start)
        timer.changed.connect(self._follow)

    def set_interval(self, ms: int) -> None:
        self._blink.setInterval(ms)

    def start(self) -> None:
        self._left = FLASHES * 2 - 1
        self._set(True)
        self._blink.start()

    def _toggle(self) -> None:
        if self._left <= 0:
            self._blink.stop()
            self._set(True)  # steady amber: the time is up
            return
        self._left -= 1
        self._set(not self.on)

    def _follow(self) -> None:
        if not self.timer.over:
            self._blink.stop()
            self._set(False)

    def _set(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self.changed.emit(on)


class TimerStatus(QObject):
    """The timer's label in the status bar: hidden until the timer is started."""

    def __init__(self, timer: WorkshopTimer, flash: TimerFlash, status_bar: QStatusBar):
        super().__init__(status_bar)
        self.timer = timer
        self.label = plain_label()
        self.label.setObjectName("timerStatus")
        self.label.hide()
        status_bar.addPermanentWidget(self.label)
        timer.changed.connect(self.refresh)
        flash.changed.connect(self._flash)
        self.refresh()

    def text(self) -> str:
        t = self.timer
        if t.over:
            return translate("Workshop", "Time is up")
        if t.running:
            return translate("Workshop", "Timer {time}").format(time=t.text())
        return translate("Workshop", "Timer {time} (paused)").format(time=t.text())

    def refresh(self) -> None:
        self.label.setText(self.text())
        self.label.setVisible(self.timer.started)

    def _flash(self, on: bool) -> None:
        self.label.setStyleSheet("background: #ffb000; color: #000000; padding: 0 6px;" if on else "")


class WorkshopClock(QObject):
    """The session's timer with its flash, status label, chime and preferences."""

    def __init__(self, window: QWidget, settings: QSettings, status_bar: QStatusBar):
        super().__init__(window)
        self.window = window
        self.settings = settings
        minutes = _number(settings.value(MINUTES_KEY, DEFAULT_MINUTES), DEFAULT_MINUTES)
        self.timer = WorkshopTimer(minutes, parent=self)
        self.flash = TimerFlash(self.timer, self)
        self.status = TimerStatus(self.timer, self.flash, status_bar)
        self.chime = settings.value(CHIME_KEY, False) in (True, "true", "1", 1)
        self.sound = QApplication.beep  # the chime (tests count it)
        self.timer.finished.connect(self._finished)

    def _finished(self) -> None:
        if self.chime:
            self.sound()

    def set_chime(self, on: bool) -> None:
        self.chime = bool(on)
        self.settings.setValue(CHIME_KEY, self.chime)

    def set_minutes(self, minutes: int) -> None:
        self.timer.set_minutes(minutes)
        self.settings.setValue(MINUTES_KEY, int(minutes))

    def ask_minutes(self) -> bool:
        """Workshop > Set Timer: the minutes in a small dialog; True when set."""
        minutes, ok = QInputDialog.getInt(
            self.window,
            translate("Workshop", "Timer"),
            translate("Workshop", "Minutes:"),
            round(self.timer.minutes),
            1,
            MAX_MINUTES,
        )
        if ok:
            self.set_minutes(minutes)
        return bool(ok)


def _number(value, default: int) -> int:
    try:
        return max(1, min(MAX_MINUTES, int(value)))
    except (TypeError, ValueError):
        return default
