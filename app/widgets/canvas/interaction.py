"""How mouse gestures on the canvas become commands.

The view hands every left-button press to its :class:`Interaction`, which asks each registered
tool in turn (``tool.press(hit)``) whether it takes the gesture. A tool that does returns a
:class:`Gesture`; the gesture then receives the moves and the release, and on release pushes
exactly one command (a whole drag is one undo step). Esc cancels the gesture: it restores the
items it moved on screen and pushes nothing. During a gesture only the screen changes: the
model is touched once, on release (DESIGN rule 1).

Tools are small classes, one per kind of thing on the map (cards, headers, curve points,
links). Presses that no tool takes go to Qt's default handling (selection, rubber band).
Double-clicks are offered the same way through ``tool.double_click(hit)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QUndoStack
from PySide6.QtWidgets import QGraphicsItem

from app.model.commands import Command
from app.model.document import Document
from app.widgets.selection import Selection
from app.widgets.undo import push


class CanvasContext(QObject):
    """What tools need: the current document, the undo stack, the shared selection, the scene
    and the view. ``doc`` follows the window when another map is opened."""

    dragging = Signal(object)  # the ids of the cards a drag picked up; [] when it ends (a room shows them)

    def __init__(self, doc: Document, undo_stack: QUndoStack, selection: Selection, scene, view, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.undo_stack = undo_stack
        self.selection = selection
        self.scene = scene
        self.view = view

    def push(self, command: Command) -> bool:
        """Apply ``command`` as one undo step; False when the model refused it (reported)."""
        return push(self.undo_stack, self.doc, command)

    @property
    def layout(self):
        return self.scene.layout


@dataclass
class Hit:
    """A press on the canvas: where, on what (the topmost item that stands for a model element,
    or None), and with which modifiers."""

    scene_pos: QPointF
    item: QGraphicsItem | None
    kind: str | None  # the item's data(1): "card", "cell", "stage", "lane", "curve", "link", ...
    ident: object  # the item's data(0): the element id (a (stage, lane) pair for a cell)
    modifiers: Qt.KeyboardModifier
    event: QMouseEvent | None = None


class Gesture(Protocol):
    def move(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None: ...

    def finish(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None: ...

    def cancel(self) -> None: ...


class Tool(Protocol):
    def press(self, hit: Hit) -> Gesture | None: ...

    def double_click(self, hit: Hit) -> bool: ...


def element_at(items: list[QGraphicsItem]) -> QGraphicsItem | None:
    """The topmost item (or its nearest ancestor) that carries a model element kind."""
    for item in items:
        node = item
        while node is not None:
            if node.data(1) is not None:
                return node
            node = node.parentItem()
    return None


class Interaction:
    """The press -> gesture -> release dispatcher a view owns."""

    def __init__(self) -> None:
        self.tools: list[Tool] = []
        self.gesture: Gesture | None = None

    def hit(self, view, event: QMouseEvent) -> Hit:
        pos = event.position().toPoint()
        item = element_at(view.items(pos))
        return Hit(
            view.mapToScene(pos),
            item,
            None if item is None else item.data(1),
            None if item is None else item.data(0),
            event.modifiers(),
            event,
        )

    def press(self, hit: Hit) -> bool:
        for tool in self.tools:
            gesture = tool.press(hit)
            if gesture is not None:
                self.gesture = gesture
                return True
        return False

    def double_click(self, hit: Hit) -> bool:
        return any(tool.double_click(hit) for tool in self.tools)

    def move(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        if self.gesture is None:
            return False
        self.gesture.move(scene_pos, modifiers)
        return True

    def release(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        gesture.finish(scene_pos, modifiers)
        return True

    def cancel(self) -> bool:
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        gesture.cancel()
        return True
