"""The names of the other people in the room on the cards they are dragging.

A small tag (the person's name, plain text) sits on the top edge of each such card, above
everything else; tags follow the cards when the scene moves them and go when the drag ends.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

TAG_Z = 1100.0  # above dragged cards (1000)
PAD = 3.0


class NameTag(QGraphicsSimpleTextItem):
    """A person's name on a coloured label (plain text: a name is never markup)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.setZValue(TAG_Z)
        self.setBrush(QBrush(QColor("white")))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return super().boundingRect().adjusted(-PAD, -PAD, PAD, PAD)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(QPen(Qt.PenStyle.NoPen))
        painter.setBrush(QColor(200, 60, 120))
        painter.drawRoundedRect(self.boundingRect(), 4, 4)
        super().paint(painter, option, widget)


class PresenceTags:
    def __init__(self, scene):
        self.scene = scene
        self.tags: dict[str, NameTag] = {}
        self._wanted: dict[str, str] = {}
        scene.applied.connect(self._place)

    def show(self, dragging: dict[str, str]) -> None:
        """``dragging``: card id -> the name of the person dragging it."""
        self._wanted = dict(dragging)
        self._place()

    def _place(self) -> None:
        for card_id in [c for c in self.tags if c not in self._wanted]:
            tag = self.tags.pop(card_id)
            if tag.scene() is not None:
                tag.scene().removeItem(tag)
        for card_id, name in self._wanted.items():
            item = self.scene.card_item(card_id)
            tag = self.tags.get(card_id)
            if item is None:
                if tag is not None:
                    tag.hide()
                continue
            if tag is None or tag.text() != name:
                if tag is not None and tag.scene() is not None:
                    tag.scene().removeItem(tag)
                tag = self.tags[card_id] = NameTag(name)
                self.scene.addItem(tag)
            r = item.sceneBoundingRect()
            tag.setPos(r.left() + PAD, r.top() - tag.boundingRect().height() / 2)  # astride the top edge
            tag.show()
