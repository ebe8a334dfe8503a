"""A persona's photo: import (shrunk and re-encoded to fit the size limit) and its field editor."""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout

from app.model.schema import MAX_PHOTO_BYTES
from app.widgets.docks.inspector.fields import Field
from app.widgets.i18n import translate
from app.widgets.plaintext import literal

PHOTO_MAX_SIDE = 512
JPEG_QUALITY = 85


class PhotoError(ValueError):
    """The file is not an image we can embed; the message is for the user."""


def encode_photo(path: str) -> str:
    """Read a PNG or JPEG file, shrink it to at most ``PHOTO_MAX_SIDE`` px on its long side and
    re-encode it (PNG stays PNG, anything else becomes JPEG quality 85); returns base64."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    fmt = bytes(reader.format().data()).lower()
    if fmt not in (b"png", b"jpeg", b"jpg"):
        raise PhotoError(translate("Inspector", "The file is not a PNG or JPEG image."))
    image = reader.read()
    if image.isNull():
        raise PhotoError(translate("Inspector", "The image cannot be read ({error}).").format(error=reader.errorString()))
    if max(image.width(), image.height()) > PHOTO_MAX_SIDE:
        image = image.scaled(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "PNG") if fmt == b"png" else image.save(buf, "JPEG", JPEG_QUALITY)
    buf.close()
    raw = bytes(data.data())
    if not ok or not raw:
        raise PhotoError(translate("Inspector", "The image cannot be converted."))
    if len(raw) > MAX_PHOTO_BYTES:
        raise PhotoError(
            translate("Inspector", "The photo is still larger than {size} MB.").format(size=MAX_PHOTO_BYTES // (1024 * 1024))
        )
    return base64.b64encode(raw).decode("ascii")


def photo_pixmap(b64: str, side: int) -> QPixmap:
    pm = QPixmap()
    if b64:
        try:
            pm.loadFromData(base64.b64decode(b64))
        except ValueError:
            return QPixmap()
    if not pm.isNull():
        pm = pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return pm


class Photo(Field):
    """A thumbnail with "Choose photo…" and "Remove photo"."""

    THUMB = 96

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value = ""
        self.thumb = QLabel()
        self.thumb.setFixedSize(self.THUMB, self.THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("QLabel { border: 1px solid #C8C8C8; color: #5A5A5A; }")
        self.choose_button = QPushButton(translate("Inspector", "Choose photo…"))
        self.remove_button = QPushButton(translate("Inspector", "Remove photo"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(lambda: self._emit(""))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self._layout.addWidget(self.thumb)
        self._layout.addLayout(buttons)
        self._layout.addStretch(1)
        self._paint()

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("Inspector", "Choose photo"), "", translate("Inspector", "Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            b64 = encode_photo(path)
        except PhotoError as err:
            QMessageBox.warning(self, translate("Inspector", "Photo"), literal(str(err)))
            return
        self._emit(b64)

    def value(self) -> str:
        return self._value

    def _show(self, value: str) -> None:
        self._mixed = False
        self._value = value or ""
        self._paint()

    def _paint(self) -> None:
        pm = photo_pixmap(self._value, self.THUMB)
        if pm.isNull():
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText(translate("Inspector", "No photo"))
        else:
            self.thumb.setText("")
            self.thumb.setPixmap(pm)
        self.remove_button.setEnabled(bool(self._value))
