"""A joined editor without a window, for tests and benchmarks: the same Peer, Bridge and
RoomClient the editor uses (app/widgets/room/link.py is their Qt glue), with the messages
pumped in the calling thread instead of Qt's event loop."""

from __future__ import annotations

import queue
import time

from pycrdt import Doc, YMessageType, YSyncMessageType, create_sync_message, handle_sync_message

from app.model.commands import Command, run
from app.model.document import Document
from app.room.address import RoomAddress
from app.room.bridge import Bridge
from app.room.connection import LoopThread, RoomClient
from app.room.peer import Peer
from app.room.ydoc import doc_to_map


class HeadlessEditor:
    def __init__(self, url: str, name: str, loop: LoopThread | None = None):
        self.name = name
        self.inbox: queue.Queue = queue.Queue()
        self.states: list[tuple[str, str]] = []
        self.ydoc = Doc()
        self.document: Document | None = None
        self.bridge: Bridge | None = None
        self.peer: Peer | None = None
        self.loop = loop or LoopThread(f"editor-{name}")
        self.client = RoomClient(RoomAddress.parse(url), self.loop, self.inbox.put,
                                 lambda state, detail: self.inbox.put((state, detail)))

    @property
    def state(self) -> str:
        return self.states[-1][0] if self.states else ""

    def join(self, timeout: float = 30.0) -> None:
        self.client.start()
        hidden: set = set()
        deadline = time.monotonic() + timeout
        while self.document is None:
            item = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            if isinstance(item, tuple):
                self._status(item)
                if item[0] == "failed":
                    raise ConnectionError(item[1])
                continue
            if item[0] != YMessageType.SYNC:
                continue
            reply = handle_sync_message(item[1:], self.ydoc)
            if reply is not None:
                self.client.send(reply)
            if item[1] == YSyncMessageType.SYNC_STEP2:
                self.document = Document(doc_to_map(self.ydoc, hidden))
        self.bridge = Bridge(self.document, self.ydoc, hidden=hidden)
        self.peer = Peer(self.bridge, self.name, self.client.send)

    def _status(self, item: tuple[str, str]) -> None:
        self.states.append(item)
        if item[0] == "connected":
            hello = self.peer.hello() if self.peer is not None else [create_sync_message(self.ydoc)]
            for message in hello:
                self.client.send(message)

    def pump(self, seconds: float = 0.0) -> int:
        """Handle what arrived (waiting up to ``seconds`` for more); how many messages."""
        handled, deadline = 0, time.monotonic() + seconds
        while True:
            wait = deadline - time.monotonic()
            try:
                item = self.inbox.get(timeout=wait) if wait > 0 else self.inbox.get_nowait()
            except queue.Empty:
                return handled
            handled += 1
            if isinstance(item, tuple):
                self._status(item)
            elif self.peer is not None:
                for reply in self.peer.receive(item):
                    self.client.send(reply)

    def edit(self, command: Command) -> None:
        run(self.document, command)

    def close(self) -> None:
        self.client.close()
        self.loop.stop()
