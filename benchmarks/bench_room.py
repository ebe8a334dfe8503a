"""The workshop room on loopback (issue 12).

- **edit -> other editor:** a `journeymap serve` host process and two joined editors (the
  editor's Peer, Bridge and RoomClient, tests/room_support.py); editor A changes a card's title,
  the clock stops when editor B's Document has it (B handles its messages as they arrive).
  Median and p95 over 200 edits. Reference, the strongest fair alternative: the same edit as a
  bare pycrdt Provider client writing the Y.Map entry itself (no map model, no bridge, no
  checks) to another bare Provider through pycrdt-websocket's own server: the sync engine alone.
- **join 5,000 cards:** the real editor window (offscreen) joins a host of a generated
  5,000-card map; the clock covers the connection, the first sync, the map read from the shared
  document and the canvas built and painted (the window's map is the room's).
- **200 phones:** 200 participants each join, add a note and place 3 dots through the phone
  page's HTTP API within a minute (here as fast as 8 threads send them), then all 200 poll the
  state every 1.5 s for 15 s; the host process's CPU seconds and peak resident memory.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.io.mapsave import save_map  # noqa: E402
from app.model.commands import Edit  # noqa: E402
from app.model.events import Entity  # noqa: E402
from app.model.voting import open_vote  # noqa: E402
from benchmarks.generate import generate_map  # noqa: E402
from tests.room_support import HeadlessEditor  # noqa: E402

EDITS = 200
ROOT = Path(__file__).resolve().parent.parent


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(path: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", str(path), "--port", str(_port())],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc, proc.stdout.readline().split()[-1]


def _pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def _row(what: str, values_ms: list[float], target: str) -> dict[str, str]:
    return {"measure": what, "median": f"{statistics.median(values_ms):.1f} ms",
            "p95": f"{_pct(values_ms, 0.95):.1f} ms", "target": target}


def edit_latency(path: Path) -> list[float]:
    proc, url = _serve(path)
    try:
        a, b = HeadlessEditor(url, "a"), HeadlessEditor(url, "b")
        a.join()
        b.join()
        card = a.document.map.cards[0].id
        times = []
        for i in range(EDITS):
            title = f"edit {i}"
            t0 = time.perf_counter()
            a.edit(Edit(Entity.CARD, card, {"title": title}))
            while b.document.find(Entity.CARD, card).title != title:
                b.pump(0.0005)
                if time.perf_counter() - t0 > 10:
                    raise TimeoutError("an edit did not arrive in 10 s")
            times.append((time.perf_counter() - t0) * 1000)
            a.pump()
        a.close()
        b.close()
        return times
    finally:
        proc.terminate()
        proc.wait(20)


def bare_latency() -> list[float]:
    """Two bare pycrdt Providers through pycrdt-websocket's server: the engine's own floor."""
    import asyncio

    from pycrdt import Doc, Map, Provider
    from pycrdt.websocket import WebsocketServer
    from websockets.asyncio.client import connect
    from websockets.asyncio.server import serve

    class Channel:
        def __init__(self, ws, path):
            self.ws, self._path = ws, path

        @property
        def path(self):
            return self._path

        def __aiter__(self):
            return self

        async def __anext__(self):
            try:
                return await self.ws.recv()
            except Exception:  # noqa: BLE001 - closed: the iteration ends
                raise StopAsyncIteration() from None

        async def send(self, message):
            await self.ws.send(message)

        async def recv(self):
            return await self.ws.recv()

    async def main() -> list[float]:
        times: list[float] = []
        async with WebsocketServer(auto_clean_rooms=False) as yserver:
            async def handler(ws):
                await yserver.serve(Channel(ws, "room"))

            async with serve(handler, "127.0.0.1", 0, max_size=None) as server:
                port = server.sockets[0].getsockname()[1]
                docs = [Doc(), Doc()]
                for d in docs:
                    d["cards"] = Map()
                async with connect(f"ws://127.0.0.1:{port}/room", max_size=None) as wa, \
                        connect(f"ws://127.0.0.1:{port}/room", max_size=None) as wb, \
                        Provider(docs[0], Channel(wa, "room")), Provider(docs[1], Channel(wb, "room")):
                    await asyncio.sleep(0.3)
                    ca, cb = docs[0]["cards"], docs[1]["cards"]
                    for i in range(EDITS):
                        t0 = time.perf_counter()
                        ca["title"] = f"edit {i}"
                        while cb.get("title") != f"edit {i}":
                            await asyncio.sleep(0.0005)
                        times.append((time.perf_counter() - t0) * 1000)
        return times

    return asyncio.run(main())


def join_window(path: Path) -> float:
    from PySide6.QtWidgets import QApplication

    from app.widgets.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    proc, url = _serve(path)
    try:
        window = MainWindow()
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        t0 = time.perf_counter()
        window.room.join(url, "bench")
        deadline = t0 + 60
        while (window.session.room_name is None or window.room.link.peer is None) and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        window.view.viewport().grab()  # the first frame of the joined map
        took = time.perf_counter() - t0
        assert len(window.doc.map.cards) == 5000
        window.room.leave()
        window.session.undo_stack.setClean()
        window.close()
        return took
    finally:
        proc.terminate()
        proc.wait(20)


def _post(base: str, route: str, data: dict) -> dict:
    req = urllib.request.Request(base + route, json.dumps(data).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def _host_usage(pid: int) -> tuple[float, float]:
    """CPU seconds and peak resident MB of the process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    peak = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmHWM"))
    return cpu, int(peak.split()[1]) / 1024


def phones(path: Path, n: int = 200, poll_seconds: float = 15.0) -> dict[str, str]:
    from app.io.jsonfile import load_map

    m = load_map(path)
    save_map(m, path, backup=False)
    proc, url = _serve(path)
    try:
        key = url.split("key=")[1]
        base = url.split("/?")[0]
        editor = HeadlessEditor(url, "facilitator")
        editor.join()
        editor.edit(open_vote(editor.document, [], budget=3))
        editor.pump(0.5)
        cards = [c.id for c in editor.document.map.cards[:50]]
        cpu0, _ = _host_usage(proc.pid)
        t0 = time.perf_counter()

        def participant(i: int) -> str:
            token = _post(base, "/api/join", {"key": key, "name": f"P{i}"})["token"]
            _post(base, "/api/note", {"key": key, "token": token, "text": f"note from P{i}"})
            for d in range(3):
                _post(base, "/api/vote", {"key": key, "token": token, "card_id": cards[(i + d) % len(cards)]})
            return token

        with ThreadPoolExecutor(8) as pool:
            tokens = list(pool.map(participant, range(n)))
        actions = time.perf_counter() - t0
        stop = time.monotonic() + poll_seconds
        polls = [0]

        def poller(token: str) -> None:
            version = ""
            while time.monotonic() < stop:
                with urllib.request.urlopen(f"{base}/api/state?key={key}&participant={token}&since={version}",
                                            timeout=30) as r:
                    version = str(json.loads(r.read()).get("version", ""))
                polls[0] += 1
                time.sleep(1.5)

        threads = [threading.Thread(target=poller, args=(t,)) for t in tokens]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cpu, peak = _host_usage(proc.pid)
        editor.pump(1.0)
        notes = sum(1 for c in editor.document.map.cards if c.title.startswith("note from P"))
        editor.close()
        return {"measure": f"{n} phones: join + note + 3 dots, then polling {poll_seconds:.0f} s",
                "median": f"actions in {actions:.1f} s; {polls[0]} polls",
                "p95": f"host CPU {cpu - cpu0:.1f} s, peak {peak:.0f} MB",
                "target": f"{notes} of {n} notes arrived in the editor"}
    finally:
        proc.terminate()
        proc.wait(20)


def run() -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "example.journey.json"
        save_map(generate_map(100), small, backup=False)
        rows = [_row(f"edit -> other editor ({EDITS} edits, 100 cards)", edit_latency(small), "p95 <= 100 ms"),
                _row(f"reference: bare pycrdt Providers ({EDITS} edits)", bare_latency(), "(engine floor)")]
        big = Path(tmp) / "big.journey.json"
        save_map(generate_map(5000), big, backup=False)
        took = [join_window(big) for _ in range(3)]
        rows.append({"measure": "join a 5,000-card room (window, to first frame; 3 joins)",
                     "median": f"{statistics.median(took):.2f} s", "p95": f"max {max(took):.2f} s",
                     "target": "<= 2 s"})
        rows.append(phones(small))
    return rows
