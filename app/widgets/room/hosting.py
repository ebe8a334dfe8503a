"""File > Host Workshop Room…: the room's host inside the editor, and the dialog with its
address and QR code.

The host (:class:`~app.room.host.RoomHost`, the same as ``journeymap serve``) runs on its own
asyncio loop thread and is made there (its pycrdt ``Doc`` must stay in that thread). It saves
the map to its file; the window then joins its own room like any other editor.
"""

from __future__ import annotations

import io
from concurrent.futures import Future
from pathlib import Path

import segno
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.room.connection import LoopThread
from app.room.host import RoomHost, serving_addresses
from app.widgets.i18n import translate


class HostedRoom(QObject):
    """A host running in this process. :attr:`ready` carries its URL, :attr:`failed` a reason."""

    ready = Signal(str)
    failed = Signal(str)
    saveFailed = Signal(str)  # noqa: N815 - Qt's naming

    def __init__(self, map_path: Path, bind: str, port: int = 0, parent: QObject | None = None):
        super().__init__(parent)
        self.map_path = map_path
        self.bind = bind
        self.host: RoomHost | None = None
        self._loop = LoopThread("room-host")
        self._run: Future = self._loop.submit(self._serve(map_path, bind, port))
        self._run.add_done_callback(self._ended)

    async def _serve(self, map_path: Path, bind: str, port: int) -> None:
        host = RoomHost(map_path, bind=bind, port=port)
        host.on_save_failed = self.saveFailed.emit
        self.host = host
        await host.run(lambda h: self.ready.emit(h.address.url))

    def _ended(self, run: Future) -> None:
        err = run.exception()
        if err is not None:
            self.failed.emit(_reason(self.map_path, self.bind, err))

    def addresses(self) -> list[str]:
        return serving_addresses(self.bind, self.host.port) if self.host is not None else []

    def stop(self, timeout: float = 10.0) -> None:
        """End the room: the host saves the map one last time; returns when it has."""
        if self.host is not None:
            self.host.stop()
        try:
            self._run.result(timeout)
        except Exception:  # noqa: BLE001 - reported by failed already
            pass
        self._loop.stop()


def _reason(path: Path, bind: str, err: BaseException) -> str:
    if isinstance(err, OSError) and err.filename is None:
        return translate("Room", "Cannot serve on {address}: {reason}").format(address=bind, reason=err.strerror or err)
    return " ".join(str(err).split()) or type(err).__name__


def qr_pixmap(text: str, scale: int = 6) -> QPixmap:
    """A QR code of ``text`` (segno), black on white with the quiet zone."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class RoomAddressDialog(QDialog):
    """The room's address for people to join: the URL (with Copy) and its QR code for phones."""

    def __init__(self, url: str, addresses: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roomAddressDialog")
        self.setWindowTitle(translate("Room", "Workshop Room"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate(
            "Room", "Participants scan the code or open the address on their phones; other editors use "
                    "File > Join Room… with the same address."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.qr = QLabel()
        self.qr.setObjectName("roomQr")
        self.qr.setPixmap(qr_pixmap(url))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.qr)
        row = QHBoxLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("roomUrl")
        self.url.setReadOnly(True)
        self.url.setMinimumWidth(self.url.fontMetrics().horizontalAdvance(url) + 24)
        self.url.setCursorPosition(0)
        row.addWidget(self.url)
        copy = QPushButton(translate("Room", "&Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(url))
        row.addWidget(copy)
        layout.addLayout(row)
        served = QLabel(translate("Room", "Served on: {addresses}").format(addresses=", ".join(addresses)))
        served.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(served)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
