"""The workshop room in the editor window: File > Host Workshop Room…, Join Room…, Leave Room,
the room's state in the status bar, and the names of the people dragging cards.

Joined, the window's map is the room's (titled "Room: NAME", no file): every editing feature
works on it as on any map, the undo stack holds this person's edits only (the room's other
edits arrive through the bridge, not the stack), and closing the window loses nothing while
connected (the host saves the map). Hosting starts :class:`~app.widgets.room.hosting.HostedRoom`
on the saved map's file and joins it.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox

from app.room.address import BadRoomAddress, RoomAddress
from app.widgets.i18n import translate

from .presence import PresenceTags

if TYPE_CHECKING:
    from .hosting import HostedRoom
    from .link import RoomLink

LOCAL, NETWORK = "127.0.0.1", "0.0.0.0"


def _status_text(state: str) -> str:
    return {
        "connecting": translate("Room", "Room: connecting…"),
        "connected": translate("Room", "Room: connected"),
        "reconnecting": translate("Room", "Room: reconnecting…"),
        "offline": translate("Room", "Room: offline (your edits merge when the room is back)"),
        "failed": translate("Room", "Room: disconnected"),
    }.get(state, "")


class WorkshopRoom(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.link: RoomLink | None = None
        self.hosted: HostedRoom | None = None
        self.url = ""
        self.label = QLabel()
        self.label.setObjectName("roomStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.tags = PresenceTags(window.scene)
        window.context.dragging.connect(self._dragging)
        window.session.documentReplaced.connect(self._document_replaced)
        window.session.room_online = lambda: self.link is not None and self.link.connected

    # ------------------------------------------------------------------ join
    def person_name(self) -> str:
        saved = self.w.settings.value("room/name", "")
        if isinstance(saved, str) and saved.strip():
            return saved.strip()[:60]
        try:
            return getpass.getuser()[:60] or "Editor"
        except (OSError, KeyError):
            return "Editor"

    def join_dialog(self) -> bool:
        url, ok = QInputDialog.getText(
            self.w, translate("Room", "Join Room"),
            translate("Room", "The room's address, as the host shows it (http://…/?key=…):"),
            QLineEdit.EchoMode.Normal, self.url,
        )
        if not ok or not url.strip():
            return False
        name, ok = QInputDialog.getText(
            self.w, translate("Room", "Join Room"), translate("Room", "Your name, as others see it:"),
            QLineEdit.EchoMode.Normal, self.person_name(),
        )
        if not ok or not name.strip():
            return False
        self.w.settings.setValue("room/name", name.strip()[:60])
        return self.join(url, name.strip()[:60])

    def join(self, url: str, name: str | None = None) -> bool:
        """Start joining the room at ``url``; the map opens when the room has sent it."""
        try:
            address = RoomAddress.parse(url)
        except BadRoomAddress as err:
            self._error(str(err))
            return False
        if self.link is not None:
            if self.link.address == address:
                self._error(translate("Room", "You are in this room already."))
                return False
            self.leave()
        self.url = address.url
        from .link import RoomLink  # the sync engine (pycrdt, websockets): loaded when first used

        link = self.link = RoomLink(address, name or self.person_name(), self)
        link.joined.connect(self._joined)
        link.failed.connect(self._failed)
        link.statusChanged.connect(self._show_status)
        link.presenceChanged.connect(self._presence)
        link.start()
        return True

    def _joined(self, m) -> None:
        link = self.link
        if link is None or link.bridge is not None:
            return
        session = self.w.session
        if not session.new_document(m):  # kept unsaved work: not joined
            self.leave()
            return
        session.room_name = m.title or f"{link.address.host}:{link.address.port}"
        session.titleChanged.emit(session.window_title())
        link.attach(session.doc)

    def _failed(self, reason: str) -> None:
        was_joined = self.link is not None and self.link.bridge is not None
        self._drop_link()
        if was_joined:
            self.w.statusBar().showMessage(reason, 15_000)
        self._error(reason)

    def _document_replaced(self, doc) -> None:
        if self.link is not None and self.link.bridge is not None and self.link.bridge.document is not doc:
            self.leave(reopen=False)  # another map opened: this window is no longer in the room

    # ------------------------------------------------------------------ host
    def host_dialog(self) -> bool:
        session = self.w.session
        if self.hosted is not None:
            self.show_address()
            return True
        if session.path is None or session.modified:
            answer = QMessageBox.question(
                self.w, translate("Room", "Host Workshop Room"),
                translate("Room", "The room saves the map to its file. Save the map first?"),
            )
            if answer != QMessageBox.StandardButton.Yes or not (session.save_as() if session.path is None else session.save()):
                return False
        everyone = translate("Room", "Everyone on this network (the room's Wi-Fi)")
        only_me = translate("Room", "Only this computer (to try it out)")
        choice, ok = QInputDialog.getItem(
            self.w, translate("Room", "Host Workshop Room"), translate("Room", "Who can join:"),
            [everyone, only_me], 0, False,
        )
        if not ok:
            return False
        return self.host(NETWORK if choice == everyone else LOCAL)

    def host(self, bind: str = LOCAL, port: int = 0) -> bool:
        path = self.w.session.path
        if path is None:
            return False
        self.leave(reopen=False)
        from .hosting import HostedRoom  # the room's server (uvicorn, pycrdt-websocket): when first used

        hosted = self.hosted = HostedRoom(path, bind, port, self)
        hosted.ready.connect(self._hosting, Qt.ConnectionType.QueuedConnection)
        hosted.failed.connect(self._host_failed, Qt.ConnectionType.QueuedConnection)
        hosted.saveFailed.connect(lambda text: self.w.statusBar().showMessage(text, 15_000),
                                  Qt.ConnectionType.QueuedConnection)
        return True

    def _hosting(self, url: str) -> None:
        address = RoomAddress.parse(url)
        local = RoomAddress("127.0.0.1" if ":" not in address.host else "::1", address.port, address.key)
        self.join(local.url, self.person_name())
        self.url = url
        self.show_address()

    def _host_failed(self, reason: str) -> None:
        self.hosted = None
        self._error(reason)

    def show_address(self) -> None:
        if self.hosted is None or not self.url:
            return
        from .hosting import RoomAddressDialog

        RoomAddressDialog(self.url, self.hosted.addresses(), self.w).open()

    # ------------------------------------------------------------------ leave
    def leave(self, reopen: bool = True) -> None:
        """Leave the room: a joined map stays open as an untitled copy; a room hosted here ends
        (the host saves the map) and, with ``reopen``, the window goes back to the map's file."""
        self._drop_link()
        if self.hosted is not None:
            hosted, self.hosted = self.hosted, None
            hosted.stop()
            if reopen:
                self.w.session.undo_stack.setClean()  # every edit is in the file the host saved
                self.w.session.open(hosted.map_path)
            self.w.statusBar().showMessage(
                translate("Room", "Room closed; the map is saved in {path}").format(path=hosted.map_path), 15_000)

    def _drop_link(self) -> None:
        link, self.link = self.link, None
        if link is not None:
            link.close()
            link.deleteLater()
        session = self.w.session
        if session.room_name is not None:
            session.room_name = None
            session.titleChanged.emit(session.window_title())
        self.tags.show({})
        self.label.hide()

    # ------------------------------------------------------------------ presence and status
    def _dragging(self, card_ids: list[str]) -> None:
        if self.link is not None:
            self.link.set_dragging(card_ids[0] if card_ids else None)

    def _presence(self) -> None:
        if self.link is not None:
            self.tags.show(self.link.dragging())

    def _show_status(self, state: str, detail: str) -> None:
        text = _status_text(state)
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.w.status.refresh_state()  # "Saved by the room's host" while connected

    def _error(self, text: str) -> None:
        self.w.session.prompter.error(" ".join(text.split()))
