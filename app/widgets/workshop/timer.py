"""The workshop timer: a countdown of a set number of minutes, started, paused and reset.

The timer reads the time from ``clock`` (``time.monotonic`` unless a test gives another) and
checks it every ``tick_ms`` milliseconds, so the remaining time never drifts with the ticks.
Its state (minutes, running, remaining) belongs to the editor session only: nothing of it is
written to the map file. The minutes last chosen and the chime option are kept in QSettings.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

DEFAULT_MINUTES = 5
MAX_MINUTES = 180
TICK_MS = 200


def clock_text(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on) of the remaining time, rounded up: a countdown shows
    0:00 only when the time is over."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class WorkshopTimer(QObject):
    """``changed`` after every start, pause, reset, new duration and tick while running;
    ``finished`` once when the countdown reaches zero."""

    changed = Signal()
    finished = Signal()

    def __init__(
        self,
        minutes: float = DEFAULT_MINUTES,
        *,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.clock = clock  # seconds, monotonic (tests give a clock of their own)
        self._duration = self._seconds(minutes)
        self._left = self._duration  # while paused or stopped
        self._since: float | None = None  # the clock when started (running) or None
        self._over = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)

    def set_tick_ms(self, ms: int) -> None:
        self._ticker.setInterval(ms)

    @staticmethod
    def _seconds(minutes: float) -> float:
        return max(1.0, min(float(MAX_MINUTES), float(minutes))) * 60.0

    # ------------------------------------------------------------ state
    @property
    def minutes(self) -> float:
        return self._duration / 60.0

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def over(self) -> bool:
        """True from the end of the countdown until it is reset or given a new duration."""
        return self._over

    @property
    def started(self) -> bool:
        """Running, paused part-way, or over: anything but a fresh timer."""
        return self.running or self._over or self._left < self._duration

    def remaining(self) -> float:
        if self._since is None:
            return self._left
        return max(0.0, self._left - (self.clock() - self._since))

    def text(self) -> str:
        return clock_text(self.remaining())

    # ------------------------------------------------------------ control
    def set_minutes(self, minutes: float) -> None:
        """A new duration: the timer stops and shows the full time."""
        self._duration = self._seconds(minutes)
        self.reset()

    def start(self) -> None:
        if self.running or self._over:
            return
        self._since = self.clock()
        self._ticker.start()
        self.changed.emit()

    def pause(self) -> None:
        if not self.running:
            return
        self._left = self.remaining()
        self._since = None
        self._ticker.stop()
        self.changed.emit()

    def toggle(self) -> None:
        """Start, or pause a running timer; a timer that is over starts again from the top."""
        if self._over:
            self.reset()
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._ticker.stop()
        self._since = None
        self._left = self._duration
        self._over = False
        self.changed.emit()

    def tick(self) -> None:
        """Check the clock: report the new time, and the end once."""
        if not self.running:
            return
        if self.remaining() <= 0.0:
            self._ticker.stop()
            self._since = None
            self._left = 0.0
            self._over = True
            self.changed.emit()
            self.finished.emit()
            return
        self.changed.emit()
