"""One peer of a room: the Yjs sync protocol (y-protocols' sync and awareness messages, as
pycrdt implements them) run over bytes for one :class:`~app.room.bridge.Bridge`.

The network (:mod:`app.room.connection`) only moves bytes between threads; everything that
touches the ``Doc`` happens here, in the thread that owns the bridge (the editor's GUI thread):

* :meth:`Peer.hello` is the first message after every (re)connection: sync step 1 (our state
  vector). The host answers with step 2 (what we miss) and its own step 1, which
  :meth:`Peer.receive` answers with step 2 (what the host misses: the edits made offline).
  So nothing needs queueing while offline: the state vectors say what each side lacks.
* Local edits: the bridge's ``on_update`` becomes an update message to send.
* :meth:`Peer.receive` handles one message from the host and returns the replies to send.
* Presence: the awareness message of this peer (its name and the card it is dragging) and
  :attr:`Peer.others`, what the other peers said of themselves (client id -> state).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pycrdt import (
    Awareness,
    Decoder,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from .bridge import Bridge


class Peer:
    def __init__(self, bridge: Bridge, name: str, send: Callable[[bytes], None]):
        self.bridge = bridge
        self.name = name
        self._send = send
        self.synced = False  # the host's step 2 arrived since the last hello
        self.client_id = bridge.ydoc.client_id
        self.awareness = Awareness(bridge.ydoc)
        self.awareness.set_local_state({"name": name})
        self.on_presence: Callable[[], None] | None = None
        bridge.on_update = self._local_update

    # ------------------------------------------------------------------ sync
    def hello(self) -> list[bytes]:
        """The messages that open a (re)connection: sync step 1 and who we are."""
        self.synced = False
        return [create_sync_message(self.bridge.ydoc), self._awareness()]

    def _local_update(self, update: bytes) -> None:
        self._send(create_update_message(update))

    def receive(self, message: bytes) -> list[bytes]:
        """Handle one message from the host; the replies to send back. A malformed message is
        ignored (it cannot come from a y-websocket host; the room carries on)."""
        if not message:
            return []
        kind = message[0]
        if kind == YMessageType.SYNC and len(message) > 1:
            try:
                reply = handle_sync_message(message[1:], self.bridge.ydoc)
            except Exception:  # noqa: BLE001 - a broken update from the network changes nothing
                return []
            if message[1] == YSyncMessageType.SYNC_STEP2:
                self.synced = True
            if self.bridge.pending:
                self.bridge.flush()
            return [reply] if reply is not None else []
        if kind == YMessageType.AWARENESS:
            self._read_awareness(message[1:])
        return []

    # -------------------------------------------------------------- presence
    def set_presence(self, **state: Any) -> None:
        """Tell the room about this person (``dragging=card_id``, or ``dragging=None``)."""
        self.awareness.set_local_state({"name": self.name} | {k: v for k, v in state.items() if v is not None})
        self._send(self._awareness())

    def goodbye(self) -> bytes:
        """The awareness message that removes this peer from the others' view."""
        self.awareness.set_local_state(None)
        return self._awareness()

    def _awareness(self) -> bytes:
        return create_awareness_message(self.awareness.encode_awareness_update([self.client_id]))

    def _read_awareness(self, payload: bytes) -> None:
        try:
            update = Decoder(payload).read_message()
            if update:
                self.awareness.apply_awareness_update(update, "remote")
        except (ValueError, IndexError, TypeError, KeyError, RuntimeError, UnicodeDecodeError):
            return
        if self.on_presence is not None:
            self.on_presence()

    @property
    def others(self) -> dict[int, dict[str, Any]]:
        """What the other peers said of themselves: client id -> state (with a ``name``)."""
        return {
            client: state for client, state in self.awareness.states.items()
            if client != self.client_id and isinstance(state, dict) and isinstance(state.get("name"), str)
        }

    def dragging(self) -> dict[str, str]:
        """Card id -> the name of another person dragging it now."""
        return {
            s["dragging"]: s["name"][:60] for s in self.others.values() if isinstance(s.get("dragging"), str)
        }
