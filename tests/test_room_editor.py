"""The workshop room in the editor: two windows join a host on 127.0.0.1 and edit one map live;
each undoes only their own edits; who drags a card shows on the others' canvas; the status bar
follows the connection; a wrong key, a dead host and joining twice each give one clear message;
File > Host Workshop Room… serves the open map and joins it."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from app.io.jsonfile import load_map
from app.model.commands import Edit
from app.model.events import Entity
from app.room.address import RoomAddress
from app.room.connection import LoopThread
from app.room.host import RoomHost
from app.room.roomfile import room_file
from app.widgets.room.hosting import RoomAddressDialog
from tests.main_window_support import Windows

WAIT = 10_000


class Host:
    """A headless host (as ``journeymap serve``) on its own loop thread."""

    def __init__(self, path, save_interval=0.2):
        self.loop = LoopThread("test-host")
        self.ready = threading.Event()
        self.host: RoomHost | None = None
        self.run = self.loop.submit(self._run(path, save_interval))
        assert self.ready.wait(10), self.run.exception() if self.run.done() else "host did not start"

    async def _run(self, path, save_interval):
        self.host = RoomHost(path, port=0, save_interval=save_interval)
        await self.host.run(lambda h: self.ready.set())

    @property
    def url(self) -> str:
        return self.host.address.url

    def stop(self):
        if self.host is not None:
            self.host.stop()
        self.run.result(10)
        self.loop.stop()


@pytest.fixture
def room(tmp_path):
    windows_dir = tmp_path
    path = Windows(None, windows_dir).copy_example("room.journey.json")
    host = Host(path)
    yield host, path
    if not host.run.done():
        host.stop()


def joined(qtbot, tmp_path, url, name):
    windows = Windows(qtbot, tmp_path / name)
    (tmp_path / name).mkdir()
    w = windows.make()
    assert w.room.join(url, name)
    qtbot.waitUntil(lambda: w.session.room_name is not None and w.room.link.peer is not None, timeout=WAIT)
    return w


def card_title(w, card_id):
    return w.doc.find(Entity.CARD, card_id).title


def test_two_editors_share_edits_and_each_undoes_their_own(qtbot, tmp_path, room):
    host, path = room
    a = joined(qtbot, tmp_path, host.url, "Ana")
    b = joined(qtbot, tmp_path, host.url, "Ben")
    assert a.windowTitle().startswith("Room: ")
    assert a.room.label.text() == "Room: connected"
    first, second = (c.id for c in a.doc.map.cards[:2])
    assert a.session.push(Edit(Entity.CARD, first, {"title": "Ana's edit"}))
    qtbot.waitUntil(lambda: card_title(b, first) == "Ana's edit", timeout=WAIT)
    assert b.session.push(Edit(Entity.CARD, second, {"title": "Ben's edit"}))
    qtbot.waitUntil(lambda: card_title(a, second) == "Ben's edit", timeout=WAIT)
    # Ana's undo takes back Ana's edit only, everywhere
    assert a.session.undo_stack.count() == 1
    a.session.undo_stack.undo()
    qtbot.waitUntil(lambda: card_title(b, first) != "Ana's edit", timeout=WAIT)
    assert card_title(a, second) == card_title(b, second) == "Ben's edit"
    # the host saved what the room did (at most 2 s later; 0.2 s here)
    qtbot.waitUntil(lambda: load_map(path).cards[1].title == "Ben's edit", timeout=WAIT)
    assert room_file(path).exists()
    # a room map closes without asking: the host has every edit
    assert a.session.maybe_close()


def test_a_card_being_dragged_shows_who_drags_it(qtbot, tmp_path, room):
    host, _ = room
    a = joined(qtbot, tmp_path, host.url, "Ana")
    b = joined(qtbot, tmp_path, host.url, "Ben")
    card = a.doc.map.cards[0].id
    a.context.dragging.emit([card])  # what the card tool emits when a drag starts
    qtbot.waitUntil(lambda: card in b.room.tags.tags and b.room.tags.tags[card].isVisible(), timeout=WAIT)
    tag = b.room.tags.tags[card]
    assert tag.text() == "Ana"
    assert tag.sceneBoundingRect().intersects(b.scene.card_item(card).sceneBoundingRect())
    a.context.dragging.emit([])
    qtbot.waitUntil(lambda: not b.room.tags.tags, timeout=WAIT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path, port) -> tuple[subprocess.Popen, str]:
    """``journeymap serve`` in its own process; its room URL (the first line it prints)."""
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", str(path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("Room open: "), line + proc.stderr.read()
    return proc, line.split()[-1]


def test_a_killed_host_resumes_the_room_and_offline_edits_merge(qtbot, tmp_path):
    path = Windows(None, tmp_path).copy_example("room.journey.json")
    port = free_port()
    proc, url = serve(path, port)
    try:
        a = joined(qtbot, tmp_path, url, "Ana")
        first, second = (c.id for c in a.doc.map.cards[:2])
        assert a.session.push(Edit(Entity.CARD, first, {"title": "before the crash"}))
        qtbot.waitUntil(lambda: load_map(path).cards[0].title == "before the crash", timeout=WAIT)  # <= 2 s
        proc.kill()  # SIGKILL: no last save, the room file stays
        proc.wait(10)
        qtbot.waitUntil(lambda: a.room.label.text() == "Room: reconnecting…", timeout=WAIT)
        assert a.session.push(Edit(Entity.CARD, second, {"title": "written offline"}))  # editing goes on
        assert load_map(path).cards[0].title == "before the crash"  # the file the host left loads
        proc, url_again = serve(path, port)  # the same room: same key
        assert url_again == url
        qtbot.waitUntil(lambda: a.room.label.text() == "Room: connected", timeout=WAIT)
        qtbot.waitUntil(lambda: load_map(path).cards[1].title == "written offline", timeout=WAIT)
        titles = [c.title for c in load_map(path).cards]
        assert titles.count("before the crash") == 1 and len(titles) == len(a.doc.map.cards)  # nothing twice
    finally:
        proc.terminate()
        proc.wait(10)
    assert not room_file(path).exists()  # a clean stop (SIGTERM) ends the room


def test_wrong_key_dead_host_and_joining_twice_are_one_clear_message(qtbot, tmp_path, room):
    host, _ = room
    windows = Windows(qtbot, tmp_path / "w")
    (tmp_path / "w").mkdir()
    w = windows.make()
    wrong = RoomAddress("127.0.0.1", host.host.port, "not-the-key").url
    assert w.room.join(wrong, "Eve")
    qtbot.waitUntil(lambda: bool(w.prompter.errors), timeout=WAIT)
    assert "the room key is wrong" in w.prompter.errors[-1][0]
    assert w.room.link is None and w.session.room_name is None

    port = host.host.port
    dead = RoomAddress("127.0.0.1", port, host.host.key).url
    host.stop()
    assert w.room.join(dead, "Eve")
    qtbot.waitUntil(lambda: len(w.prompter.errors) == 2, timeout=WAIT)
    assert "no room is open there" in w.prompter.errors[-1][0]

    assert not w.room.join("http://127.0.0.1:1/", "Eve")
    assert "the room key is missing" in w.prompter.errors[-1][0]


def test_joining_the_same_room_twice_is_refused(qtbot, tmp_path, room):
    host, _ = room
    a = joined(qtbot, tmp_path, host.url, "Ana")
    assert not a.room.join(host.url, "Ana")
    assert a.prompter.errors[-1][0] == "You are in this room already."
    assert a.session.room_name is not None  # still in the room


def hosting(qtbot, tmp_path):
    """A window on a copy of the example that hosts a room (File > Host Workshop Room…)."""
    windows = Windows(qtbot, tmp_path)
    path = windows.copy_example("hosted.journey.json")
    w = windows.make(path=path)
    assert w.room.host("127.0.0.1")
    qtbot.waitUntil(lambda: w.session.room_name is not None and w.room.link.peer is not None, timeout=WAIT)
    return w, path


def test_host_workshop_room_serves_the_open_map_and_joins_it(qtbot, tmp_path):
    w, path = hosting(qtbot, tmp_path)
    dialog = w.findChild(RoomAddressDialog)
    assert dialog.findChild(QLineEdit, "roomUrl").text() == w.room.url
    assert not dialog.findChild(QLabel, "roomQr").pixmap().isNull()
    other = joined(qtbot, tmp_path, w.room.url, "Ben")
    card = other.doc.map.cards[0].id
    assert other.session.push(Edit(Entity.CARD, card, {"title": "from Ben"}))
    qtbot.waitUntil(lambda: card_title(w, card) == "from Ben", timeout=WAIT)
    w.room.leave()  # the hosted room ends: saved, the room file gone, the window back on the file
    assert load_map(path).cards[0].title == "from Ben"
    assert not room_file(path).exists()
    assert w.session.path == path and w.session.room_name is None and not w.session.modified
    assert card_title(w, card) == "from Ben"


def test_closing_the_window_ends_the_room_it_hosts(qtbot, tmp_path):
    w, path = hosting(qtbot, tmp_path)
    card = w.doc.map.cards[0].id
    assert w.session.push(Edit(Entity.CARD, card, {"title": "last edit before closing"}))
    w.close()  # the host's last save happens before the window goes
    assert load_map(path).cards[0].title == "last edit before closing"
    assert not room_file(path).exists()


def test_join_on_the_command_line_says_why_it_cannot(tmp_path, capsys):
    from app.cli import main

    assert main(["--join", f"http://127.0.0.1:{free_port()}/?key=abc"]) == 2
    assert "no room is open there (is the host running?)" in capsys.readouterr().err
    assert main(["--join", "http://127.0.0.1:5/"]) == 2
    assert "the room key is missing" in capsys.readouterr().err
    path = Windows(None, tmp_path).copy_example("room.journey.json")
    proc, url = serve(path, free_port())
    try:
        wrong = url.replace("key=", "key=x")
        assert main(["--join", wrong]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "the room key is wrong" in err
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_status_bar_says_the_host_saves_a_room_map(qtbot, tmp_path, room):
    host, _ = room
    a = joined(qtbot, tmp_path, host.url, "Ana")
    assert a.session.push(Edit(Entity.CARD, a.doc.map.cards[0].id, {"title": "changed"}))
    qtbot.waitUntil(lambda: a.status.state_label.text() == "Saved by the room's host", timeout=WAIT)
    host.stop()
    qtbot.waitUntil(lambda: a.status.state_label.text() == "Modified", timeout=WAIT)  # offline: not saved
