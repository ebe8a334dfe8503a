"""An editor's link to a room: the network in a background loop, the sync in the GUI thread.

:class:`RoomLink` owns a :class:`~app.room.connection.RoomClient` (bytes, in the loop's
thread) and, once joined, the :class:`~app.room.peer.Peer` and its
:class:`~app.room.bridge.Bridge` (the pycrdt ``Doc`` and the window's Document, in the GUI
thread). Messages cross with queued Qt signals. Joining: connect, send sync step 1 of an empty
``Doc``, and when the host's step 2 has filled it, emit :attr:`RoomLink.joined` with the map
it holds; the window installs that map, then :meth:`RoomLink.attach` ties the window's
Document to the room. From then on every reconnection says hello again (the state vectors tell
each side what the other lacks: the edits made offline go both ways).
"""

from __future__ import annotations

from pycrdt import Doc, YMessageType, YSyncMessageType, create_sync_message, handle_sync_message
from PySide6.QtCore import QObject, Qt, Signal

from app.model.document import Document
from app.room.address import RoomAddress
from app.room.bridge import Bridge
from app.room.connection import LoopThread, RoomClient
from app.room.peer import Peer
from app.room.ydoc import RoomMapInvalid, doc_to_map

_loop: LoopThread | None = None


def network_loop() -> LoopThread:
    """The editor's one network thread (started on first use)."""
    global _loop
    if _loop is None or _loop.loop.is_closed():
        _loop = LoopThread()
    return _loop


class RoomLink(QObject):
    received = Signal(bytes)  # from the loop's thread, queued to this one
    statusReported = Signal(str, str)  # noqa: N815 - Qt's naming; from the loop's thread
    statusChanged = Signal(str, str)  # noqa: N815 - state, detail (in this thread)
    joined = Signal(object)  # the room's Map (first sync done)
    failed = Signal(str)  # a one-line reason: the join (or the room) is over
    presenceChanged = Signal()  # noqa: N815

    def __init__(self, address: RoomAddress, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.address = address
        self.name = name
        self.ydoc = Doc()
        self.hidden: set = set()
        self.bridge: Bridge | None = None
        self.peer: Peer | None = None
        self.status = ""
        self.refusals: list[str] = []
        self.received.connect(self._receive, Qt.ConnectionType.QueuedConnection)
        self.statusReported.connect(self._status, Qt.ConnectionType.QueuedConnection)
        self.client = RoomClient(address, network_loop(), self.received.emit, self.statusReported.emit)

    def start(self) -> None:
        self.client.start()

    @property
    def connected(self) -> bool:
        return self.status == "connected"

    # ------------------------------------------------------------------ joining
    def _status(self, state: str, detail: str) -> None:
        self.status = state
        if state == "connected":
            hello = self.peer.hello() if self.peer is not None else [create_sync_message(self.ydoc)]
            for message in hello:
                self.client.send(message)
        self.statusChanged.emit(state, detail)
        if state == "failed":
            self.failed.emit(detail)

    def _receive(self, message: bytes) -> None:
        if self.peer is not None:
            for reply in self.peer.receive(message):
                self.client.send(reply)
            return
        if len(message) < 2 or message[0] != YMessageType.SYNC:
            return
        try:
            reply = handle_sync_message(message[1:], self.ydoc)
        except Exception:  # noqa: BLE001 - not from a y-websocket host: ignored
            return
        if reply is not None:
            self.client.send(reply)
        if message[1] == YSyncMessageType.SYNC_STEP2:
            try:
                m = doc_to_map(self.ydoc, self.hidden)
            except RoomMapInvalid as err:
                self.close()
                self.failed.emit(f"{self.address.host}:{self.address.port}: {err}")
                return
            self.joined.emit(m)

    def attach(self, document: Document) -> None:
        """Tie ``document`` (made from the map :attr:`joined` gave) to the room."""
        self.bridge = Bridge(document, self.ydoc, hidden=self.hidden)
        self.bridge.on_refused = self.refusals.append
        self.peer = Peer(self.bridge, self.name, self.client.send)
        self.peer.on_presence = self.presenceChanged.emit
        self.peer.set_presence()
        if self.bridge.pending:
            self.bridge.flush()

    def set_dragging(self, card_id: str | None) -> None:
        if self.peer is not None and self.connected:
            self.peer.set_presence(dragging=card_id)

    def dragging(self) -> dict[str, str]:
        return self.peer.dragging() if self.peer is not None else {}

    def people(self) -> list[str]:
        return sorted(s["name"] for s in self.peer.others.values()) if self.peer is not None else []

    def close(self) -> None:
        """Leave the room (the map stays open, no longer shared)."""
        goodbye = self.peer.goodbye() if self.peer is not None and self.connected else None
        self.client.close(goodbye)
        if self.bridge is not None:
            self.bridge.close()
            self.bridge = None
        self.peer = None

