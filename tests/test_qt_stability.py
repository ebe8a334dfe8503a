"""PySide6 6.12.0 on Python 3.11 dies ("Fatal Python error: none_dealloc") after a few thousand Qt
calls that return nothing. The project pins a clean version; this test makes 20,000 such calls so
that a bad pin fails here instead of in a user's workshop."""

from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene


def test_twenty_thousand_void_calls(qapp):
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 10, 10)
    scene.addItem(item)
    for i in range(20_000):
        item.setPos(i % 100, i % 50)  # returns None
        item.setZValue(i % 7)  # returns None
    assert item.pos().x() == 19_999 % 100
