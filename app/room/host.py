"""A workshop room's host: one map served to joined editors and participants' phones.

One asyncio loop owns everything here (a pycrdt ``Doc`` may only be touched from one thread):

* pycrdt-websocket's ``WebsocketServer`` holds the room (one ``YRoom`` on the host's ``Doc``)
  and runs the Yjs sync protocol with every joined editor, through its ``ASGIServer`` under
  uvicorn, on ``/room?key=KEY``; a websocket without the key is refused (HTTP 403);
* a headless :class:`~app.model.document.Document` kept in step with the ``Doc`` by a
  :class:`~app.room.bridge.Bridge`: what the editors change reaches it, and what the phones
  add (through it) reaches the editors;
* every other HTTP request goes to the phone page's desk (:mod:`app.room.phone`);
* persistence: at most ``save_interval`` (2 s) after a change, and on stop, the map is saved
  atomically to its file (the editor's save) and the room's state beside it
  (:mod:`app.room.roomfile`), so a host killed at any moment leaves a valid map no more than
  2 s of work old, and a host started again on it resumes the same room with the same key.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from pycrdt import Doc
from pycrdt.websocket import ASGIServer, WebsocketServer, YRoom

from app.io.jsonfile import dumps_map, load_map
from app.io.mapsave import save_map
from app.model.document import Document

from .address import SOCKET_PATH, RoomAddress, key_of, new_key, same_key
from .bridge import Bridge
from .phone import PhoneDesk
from .roomfile import digest, file_digest, read_room, remove_room, write_room
from .ydoc import doc_to_map, map_to_doc

ROOM = SOCKET_PATH  # the one room a host serves: pycrdt-websocket names rooms by their path
MAX_BODY = 64 * 1024
log = logging.getLogger(__name__)


class RoomHost:
    def __init__(self, map_path: str | Path, *, bind: str = "127.0.0.1", port: int = 0,
                 new_room: bool = False, save_interval: float = 2.0):
        self.map_path = Path(map_path)
        self.bind = bind
        self.save_interval = save_interval
        self.on_saved: Callable[[], None] | None = None
        self.on_save_failed: Callable[[str], None] | None = None
        self.sock = _listen(bind, port)  # an address in use fails here, before anything runs
        self.port = self.sock.getsockname()[1]
        m = load_map(self.map_path)
        state = None if new_room else read_room(self.map_path)
        if state is not None:  # a host that stopped without ending the room: resume it
            self.key = state.key
            self.doc = Doc()
            self.doc.apply_update(state.update)
            hidden: set = set()
            self.document = Document(doc_to_map(self.doc, hidden))
        else:
            self.key = new_key()
            self.doc = map_to_doc(m)
            hidden = set()
            self.document = Document(m)
        self.bridge = Bridge(self.document, self.doc, hidden=hidden, origin="journeymap-host")
        self.desk = PhoneDesk(self.document, self.key)
        self.address = RoomAddress(_shown_host(bind), self.port, self.key)
        self._dirty = False
        self._last_save = 0.0
        self._saved_map = file_digest(self.map_path)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._wake: asyncio.Event | None = None
        self._server: uvicorn.Server | None = None

    # ---------------------------------------------------------------- running
    async def run(self, ready: Callable[[RoomHost], None] | None = None) -> None:
        """Serve until :meth:`stop`; then save and end the room."""
        self._loop = asyncio.get_running_loop()
        self._stop, self._wake = asyncio.Event(), asyncio.Event()
        self.doc.observe(self._changed)
        self.document.subscribe(self._document_changed)
        # from the first moment a killed host can resume this room (same key) from its files
        write_room(self.map_path, self.key, self.doc.get_update(), [self._saved_map])
        async with WebsocketServer(auto_clean_rooms=False, log=log) as yserver:
            room = YRoom(ready=True, ydoc=self.doc, log=log)
            yserver.rooms[ROOM] = room
            await yserver.start_room(room)
            sockets_app = ASGIServer(yserver)
            config = uvicorn.Config(
                _App(self, sockets_app), ws="websockets-sansio", ws_max_size=256 * 1024 * 1024,
                lifespan="off", log_level="warning", access_log=False, ws_ping_interval=10, ws_ping_timeout=20,
            )
            self._server = uvicorn.Server(config)
            self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
            serving = asyncio.ensure_future(self._server.serve(sockets=[self.sock]))
            saving = asyncio.ensure_future(self._keep_saved())
            while not self._server.started and not serving.done():
                await asyncio.sleep(0.01)
            if ready is not None and not serving.done():
                ready(self)
            await asyncio.wait([serving, asyncio.ensure_future(self._stop.wait())],
                               return_when=asyncio.FIRST_COMPLETED)
            self._server.should_exit = True
            await serving
            saving.cancel()
        self._save(final=True)

    def stop(self) -> None:
        """End the room (from any thread): stop serving, save the map, remove the room file."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def refuses(self, scope: dict[str, Any]) -> bool:
        """A websocket that asks for another path or lacks the room's key."""
        target = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        return scope["path"] != SOCKET_PATH or not same_key(key_of(target), self.key)

    # ---------------------------------------------------------------- changes
    def _changed(self, event: Any) -> None:  # a Doc transaction (an editor's or ours)
        self._dirty = True
        if self.bridge.pending and self._loop is not None:
            self._loop.call_soon(self._flush)
        if self._wake is not None:
            self._wake.set()

    def _document_changed(self, changes: Any) -> None:
        self._dirty = True

    def _flush(self) -> None:
        if self.bridge.pending:
            self.bridge.flush()

    async def _keep_saved(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            wait = self._last_save + self.save_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if self._dirty:
                self._save()

    def _save(self, final: bool = False) -> None:
        """Save the map (and, unless the room ends, its room file first). A failure (a full
        disk) is reported and retried at the next change; the previous file stays whole."""
        self._last_save = time.monotonic()
        if not self._dirty and not final:
            return
        self._dirty = False
        try:
            m = self.document.map
            data = dumps_map(m).encode("utf-8")
            if not final:
                write_room(self.map_path, self.key, self.doc.get_update(), [self._saved_map, digest(data)])
            save_map(m, self.map_path, backup=not self._saved_once)
            self._saved_once = True
            self._saved_map = digest(data)
            if final:
                remove_room(self.map_path)
        except Exception as err:  # noqa: BLE001 - reported; the room carries on
            self._dirty = True
            if self.on_save_failed is not None:
                self.on_save_failed(str(err))
            log.error("cannot save %s: %s", self.map_path, err)
            return
        if self.on_saved is not None:
            self.on_saved()

    _saved_once = False


class _App:
    """The ASGI application: the room's websocket, and the phone page for everything else."""

    def __init__(self, host: RoomHost, sockets_app: ASGIServer):
        self.host = host
        self.sockets_app = sockets_app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            if self.host.refuses(scope):  # closed before the handshake: HTTP 403
                await receive()
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.sockets_app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        body, too_big = b"", False
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                too_big = True
                break
            if not message.get("more_body"):
                break
        target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
        if too_big:
            status, kind, payload = 413, "text/plain; charset=utf-8", b"request too large\n"
        else:
            status, kind, payload = self.host.desk.respond(scope["method"], target, body)
        headers = [(b"content-type", kind.encode()), (b"cache-control", b"no-store"),
                   (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _listen(bind: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bind, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _shown_host(bind: str) -> str:
    """The host name people use: loopback as bound; all interfaces: this machine's name."""
    if bind in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return bind


def serving_addresses(bind: str, port: int) -> list[str]:
    """The addresses a host bound to ``bind`` serves, to show (no network traffic: the local
    interfaces' addresses as the resolver knows them)."""
    if bind not in ("0.0.0.0", "::", ""):
        return [bind]
    found = {"127.0.0.1"}
    try:
        for info in socket.getaddrinfo(socket.gethostname(), port, type=socket.SOCK_STREAM):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return sorted(found)
