"""Bring model elements into view on the canvas: the one place the Flows dock touches the view."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from app.model.events import Entity
from app.widgets.selection import Item

MARGIN = 24.0


def items_rect(scene, items: list[Item]) -> QRectF:
    """The scene rectangle round the items of these cards, links and stages (empty if none is drawn)."""
    tables = {Entity.CARD: scene.card_items, Entity.LINK: scene.link_items, Entity.STAGE: scene.stage_items}
    rect = QRectF()
    for entity, ident in items:
        item = tables.get(Entity(entity), {}).get(ident)
        if item is not None:
            rect = rect.united(item.sceneBoundingRect())
    return rect


def reveal_on_canvas(scene, view, items: list[Item]) -> None:
    """Scroll so that the items show; zoom out only when they do not fit at the current zoom."""
    view.bring_into_view(items_rect(scene, items), MARGIN)
