"""The workshop timer (issue 11, item 2): the countdown on a clock of the test's own, and through
the window: Workshop menu and shortcuts, the status bar, the flash and the optional chime at the
end, the minutes dialog, large in presentation mode, and nothing of it in the map file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model.events import Entity
from app.widgets.workshop.timer import WorkshopTimer, clock_text
from app.widgets.workshop.timer_view import FLASHES
from tests.main_window_support import Windows, press
from tests.model_factory import small_map


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


def fast(window) -> FakeClock:
    """The window's timer on a fake clock, checked every 5 ms, flashing every 5 ms."""
    clock = FakeClock()
    timer = window.workshop.timer
    timer.clock = clock
    timer.set_tick_ms(5)
    window.workshop.clock.flash.set_interval(5)
    return clock


def test_clock_text():
    assert clock_text(300) == "5:00"
    assert clock_text(299.2) == "5:00"  # rounded up: 0:00 only when the time is over
    assert clock_text(59.01) == "1:00"
    assert clock_text(0.4) == "0:01"
    assert clock_text(0) == "0:00" and clock_text(-3) == "0:00"
    assert clock_text(3725) == "1:02:05"


def test_the_countdown_starts_pauses_resets_and_ends_once(qtbot):
    clock = FakeClock()
    t = WorkshopTimer(2, clock=clock, tick_ms=5)
    ends = []
    t.finished.connect(lambda: ends.append(clock.now))
    assert t.remaining() == 120 and not t.started
    t.start()
    clock.now += 30
    assert t.remaining() == 90 and t.running and t.text() == "1:30"
    t.pause()
    clock.now += 500  # paused: the time stands
    assert t.remaining() == 90 and not t.running and t.started
    t.toggle()  # go on
    clock.now += 45
    assert t.remaining() == 45
    t.reset()
    assert t.remaining() == 120 and not t.running and not t.started
    t.start()
    clock.now += 120.5
    qtbot.waitUntil(lambda: t.over, timeout=2000)
    assert ends == [clock.now] and t.text() == "0:00" and not t.running
    qtbot.wait(30)
    assert len(ends) == 1  # once
    t.toggle()  # after the end: from the top again
    assert t.running and t.remaining() == 120 and not t.over
    t.set_minutes(1)
    assert not t.running and t.remaining() == 60


def test_timer_by_keyboard_in_the_status_bar(windows, qtbot):
    window = windows.make(small_map())
    clock = fast(window)
    label = window.statusBar().findChild(type(window.zoom_label), "timerStatus")
    assert not label.isVisible()  # nothing until the timer is used
    press(qtbot, window, "Ctrl+T")
    assert label.isVisible() and label.text() == "Timer 5:00"
    clock.now += 61
    qtbot.waitUntil(lambda: label.text() == "Timer 3:59", timeout=2000)
    press(qtbot, window, "Ctrl+T")  # pause
    assert label.text() == "Timer 3:59 (paused)"
    clock.now += 100
    qtbot.wait(30)
    assert label.text() == "Timer 3:59 (paused)"
    press(qtbot, window, "Ctrl+T")
    clock.now += 10
    qtbot.waitUntil(lambda: label.text() == "Timer 3:49", timeout=2000)
    press(qtbot, window, "Ctrl+Shift+T")  # reset
    assert not label.isVisible() and window.workshop.timer.remaining() == 300


def test_the_end_flashes_and_chimes_only_when_asked(windows, qtbot):
    window = windows.make(small_map())
    clock = fast(window)
    sounds = []
    window.workshop.clock.sound = lambda: sounds.append(1)
    flash = window.workshop.clock.flash
    label = window.statusBar().findChild(type(window.zoom_label), "timerStatus")
    seen, amber = [], []
    # the label follows the flash first (connected when the window was made): record its colour
    # at each change, since the 5 ms blink may already have turned it off when waitUntil looks
    flash.changed.connect(lambda on: (seen.append(on), amber.append("#ffb000" in label.styleSheet())))
    press(qtbot, window, "Ctrl+T")
    clock.now += 301
    qtbot.waitUntil(lambda: label.text() == "Time is up", timeout=2000)
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=2000)
    assert seen[0] is True and amber[0] is True
    # on, then off and on FLASHES times less the last off, then steady on: 2 * FLASHES + 1 changes
    qtbot.waitUntil(lambda: len(seen) >= 2 * FLASHES + 1, timeout=5000)
    qtbot.wait(40)  # and no more after that
    assert len(seen) == 2 * FLASHES + 1
    assert flash.on and seen[-1] is True and seen[:4] == [True, False, True, False]
    assert amber == seen  # the status bar label is amber exactly while the flash is on
    assert sounds == []  # the chime is off unless chosen
    press(qtbot, window, "Ctrl+Shift+T")
    assert not flash.on and label.styleSheet() == ""
    chime = window.actions_by_name["timer_chime"]
    assert not chime.isChecked()
    chime.trigger()
    assert window.workshop.clock.chime and window.settings.value("workshop/chime") in (True, "true")
    press(qtbot, window, "Ctrl+T")
    clock.now += 301
    qtbot.waitUntil(lambda: sounds == [1], timeout=2000)


def test_set_timer_asks_the_minutes_and_remembers_them(windows, qtbot):
    window = windows.make(small_map())

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setIntValue(12)
        dialog.accept()

    QTimer.singleShot(50, answer)
    window.actions_by_name["timer_minutes"].trigger()
    t = window.workshop.timer
    assert t.remaining() == 12 * 60 and not t.running
    again = windows.make(small_map())  # the same settings: the minutes last chosen
    assert again.workshop.timer.remaining() == 12 * 60


def test_the_timer_is_large_in_presentation_mode(windows, qtbot):
    window = windows.make(small_map())
    clock = fast(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.view.viewport().size() == window.screen().geometry().size())
    caption = window.workshop.presentation.presenter.caption
    assert not caption.clock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T)  # T: start
    assert caption.clock.isVisible() and caption.clock.text() == "5:00"
    assert caption.clock.font().pixelSize() >= 0.07 * window.view.height()  # read from the back
    assert caption.clock.textFormat() == Qt.TextFormat.PlainText
    clock.now += 90
    qtbot.waitUntil(lambda: caption.clock.text() == "3:30", timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_T)  # pause
    assert not window.workshop.timer.running
    qtbot.keyClick(window, Qt.Key.Key_T)
    clock.now += 300
    qtbot.waitUntil(lambda: caption.flashing, timeout=2000)
    assert caption.clock.text() == "0:00"
    qtbot.keyClick(window, Qt.Key.Key_R)  # R: reset
    assert not caption.clock.isVisible() and not caption.flashing
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.workshop.presentation.active


def test_the_timer_never_goes_into_the_map_file(windows, qtbot, tmp_path):
    path = windows.copy_example()
    window = windows.make(path=path)
    clock = fast(window)
    window.session.push(cmd.Edit(Entity.MAP, "", {"title": "Workshop map"}, label="Rename map"))
    press(qtbot, window, "Ctrl+T")
    clock.now += 42
    qtbot.waitUntil(lambda: window.workshop.timer.remaining() == 258)
    press(qtbot, window, "Ctrl+S")
    assert not window.session.modified
    plain = tmp_path / "plain.journey.json"
    save_map(window.doc.map, plain, backup=False)
    assert path.read_bytes() == plain.read_bytes()  # the map and nothing else
    assert "timer" not in path.read_text(encoding="utf-8").lower()
