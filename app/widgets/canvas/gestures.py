"""What the canvas tools (headers, links, curve points) share: the overlay items a gesture draws
(guide lines in the accent colour above everything), whether such an item still lives, a click
that selects, a gesture that does nothing, and device pixels in map points."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem
from shiboken6 import isValid as is_valid  # does a C++ object still live (the scene's clear() deletes items)

from app.model.events import Entity
from app.widgets.canvas.interaction import CanvasContext

DRAG_PX = 3.0  # a press that moves less than this is a click
ACCENT = "#0072B2"
Z_OVERLAY = 50.0


def alive(item) -> bool:
    """True while ``item`` (an overlay item) still exists in a scene."""
    return item is not None and is_valid(item) and item.scene() is not None


def drop_item(item) -> None:
    if item is not None and is_valid(item) and item.scene() is not None:
        item.scene().removeItem(item)


class Noop:
    """A gesture that does nothing (a click that only selected something)."""

    def move(self, scene_pos: QPointF, modifiers) -> None:
        pass

    def finish(self, scene_pos: QPointF, modifiers) -> None:
        pass

    def cancel(self) -> None:
        pass


def select_click(ctx: CanvasContext, entity: Entity, ident: str, modifiers) -> None:
    """Select one element; with Ctrl (or Shift), toggle it in the selection."""
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
        ctx.selection.toggle(entity, ident)
    elif not ctx.selection.contains(entity, ident) or len(ctx.selection) != 1:
        ctx.selection.set([(entity, ident)])


def pixels(ctx: CanvasContext, px: float) -> float:
    """``px`` device pixels in map points at the current zoom."""
    z = ctx.view.zoom() if hasattr(ctx.view, "zoom") else 1.0
    return px / (z or 1.0)


def guide(scene, colour: str = ACCENT, width: float = 2.0, dashed: bool = False) -> QGraphicsLineItem:
    line = QGraphicsLineItem()
    p = QPen(QColor(colour), width)
    p.setCosmetic(True)
    if dashed:
        p.setStyle(Qt.PenStyle.DashLine)
    line.setPen(p)
    line.setZValue(Z_OVERLAY)
    scene.addItem(line)
    return line
