"""The network side of a joined editor: one asyncio loop in a background thread that moves
bytes between the room's host (a websocket) and the thread that owns the peer.

It never touches a pycrdt ``Doc`` (:mod:`app.room.peer` does, in the editor's thread): it
hands each message it receives to ``on_message`` (called in the loop's thread: the caller
queues it to its own thread) and sends what :meth:`RoomClient.send` is given, from any thread.

States reported to ``on_status``: ``connecting``, ``connected``, ``reconnecting`` (the
connection dropped, retrying), ``offline`` (retrying for a while without success), and
``failed`` with a one-line reason when the first connection cannot be made (no host at the
address, a wrong key) or the host refuses us later (a new key): then it stops.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from .address import RoomAddress

RECONNECT_DELAYS = (0.1, 0.25, 0.5, 1.0, 2.0)  # then every 2 s
OFFLINE_AFTER = 10.0  # seconds of failed reconnection before the state says offline
GIVE_UP_AFTER = 4 * 3600.0  # a workshop day: then the editor keeps the map and stops trying
OPEN_TIMEOUT = 5.0


class LoopThread:
    """One asyncio event loop running in a daemon thread."""

    def __init__(self, name: str = "room-network"):
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, Any]) -> Future:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def call(self, func: Callable[..., Any], *args: Any) -> None:
        self.loop.call_soon_threadsafe(func, *args)

    def stop(self, timeout: float = 5.0) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self.loop.close()


def failure_reason(address: RoomAddress, err: BaseException) -> str:
    where = f"{address.host}:{address.port}"
    if isinstance(err, InvalidStatus):
        status = err.response.status_code
        if status == 403:
            return f"{where}: the room key is wrong (ask the host for the room's address again)"
        return f"{where}: the host refused to join (HTTP {status})"
    if isinstance(err, ConnectionRefusedError):
        return f"{where}: no room is open there (is the host running?)"
    if isinstance(err, (TimeoutError, asyncio.TimeoutError)):
        return f"{where}: the host does not answer"
    if isinstance(err, (InvalidHandshake, InvalidURI)):
        return f"{where}: not a Journey Map Studio room ({err})"
    if isinstance(err, OSError):
        return f"{where}: cannot connect ({err.strerror or err})"
    return f"{where}: cannot connect ({err})"


class RoomClient:
    def __init__(
        self,
        address: RoomAddress,
        loop: LoopThread,
        on_message: Callable[[bytes], None],
        on_status: Callable[[str, str], None],
    ):
        self.address = address
        self._loop = loop
        self._on_message = on_message
        self._on_status = on_status
        self._ws: ClientConnection | None = None
        self._closing = False
        self._task: Future | None = None
        self.status = ""

    def start(self) -> None:
        self._task = self._loop.submit(self._run())

    def send(self, data: bytes) -> None:
        """Send ``data`` if connected (from any thread); dropped while offline: at the next
        connection the sync handshake sends whatever the host lacks."""
        self._loop.call(self._send_now, data)

    def _send_now(self, data: bytes) -> None:
        ws = self._ws
        if ws is not None:
            asyncio.ensure_future(self._send(ws, data))

    async def _send(self, ws: ClientConnection, data: bytes) -> None:
        try:
            await ws.send(data)
        except ConnectionClosed:
            pass

    def close(self, goodbye: bytes | None = None, timeout: float = 3.0) -> None:
        """Leave the room (sending ``goodbye`` first if connected); returns when closed."""
        self._closing = True
        if self._task is None:
            return
        self._loop.submit(self._close(goodbye))
        try:
            self._task.result(timeout)
        except Exception:  # noqa: BLE001 - leaving: whatever the loop ended with
            self._task.cancel()

    async def _close(self, goodbye: bytes | None) -> None:
        ws = self._ws
        if ws is not None:
            if goodbye:
                await self._send(ws, goodbye)
            await ws.close()

    def _status(self, state: str, detail: str = "") -> None:
        self.status = state
        self._on_status(state, detail)

    async def _run(self) -> None:
        delays = iter(RECONNECT_DELAYS)
        connected_once = False
        failing_since: float | None = None
        self._status("connecting")
        while not self._closing:
            try:
                async with connect(self.address.socket_url, max_size=None, open_timeout=OPEN_TIMEOUT,
                                   ping_interval=5, ping_timeout=10) as ws:
                    self._ws = ws
                    connected_once, failing_since, delays = True, None, iter(RECONNECT_DELAYS)
                    self._status("connected")
                    async for message in ws:
                        if isinstance(message, bytes):
                            self._on_message(message)
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError, ConnectionClosed) as err:
                first = not connected_once and not isinstance(err, ConnectionClosed)
                if first or isinstance(err, InvalidStatus):  # no host, a wrong (or a new) key
                    self._status("failed", failure_reason(self.address, err))
                    return
            finally:
                self._ws = None
            if self._closing:
                break
            now = time.monotonic()
            failing_since = failing_since or now
            if now - failing_since > GIVE_UP_AFTER:
                self._status("failed", f"{self.address.host}:{self.address.port}: the host is gone")
                return
            self._status("offline" if now - failing_since > OFFLINE_AFTER else "reconnecting")
            await asyncio.sleep(next(delays, RECONNECT_DELAYS[-1]))
        self._status("closed")


def probe(address: RoomAddress) -> str:
    """Whether a room answers at ``address`` with this key: "" if so, else the one-line reason
    (for ``journeymap --join``, before any window opens)."""

    async def attempt() -> str:
        try:
            async with connect(address.socket_url, max_size=None, open_timeout=OPEN_TIMEOUT):
                return ""
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as err:
            return failure_reason(address, err)

    return asyncio.run(attempt())
