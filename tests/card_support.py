"""Shared set-up for the card tests: a canvas with its context, undo stack, selection and
CardActions, shown at 100 %, and real mouse gestures on its viewport."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack

from app.model.document import Document
from app.widgets.canvas.card_actions import CardActions
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from app.widgets.selection import Selection
from tests.model_factory import small_map

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def make_canvas(qtbot, m=None, size=(1200, 900)) -> SimpleNamespace:
    doc = Document(m if m is not None else small_map())
    stack = QUndoStack()
    selection = Selection(doc)
    scene = MapScene(doc)
    view = MapView(scene)
    parts: list = []  # the canvas's objects live until qtbot closes the view (see the end)
    qtbot.addWidget(view, before_close_func=lambda _view: parts.clear())
    view.resize(*size)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    view.zoom_actual()
    ctx = CanvasContext(doc, stack, selection, scene, view)
    actions = CardActions(ctx)
    view.setFocus()
    canvas = SimpleNamespace(doc=doc, stack=stack, selection=selection, scene=scene, view=view, ctx=ctx, actions=actions)
    # kept alive past the test's own frame: left as garbage while pytest-qt still processes
    # the test's events, the collector cleared the context under its tools' event filter
    parts.append(canvas)
    return canvas


def card_point(c, card_id: str, dy: float = 0.0) -> QPoint:
    """The viewport point at the centre of a card (scrolled into view)."""
    item = c.scene.card_item(card_id)
    c.view.ensureVisible(item, 60, 60)
    r = item.sceneBoundingRect()
    return c.view.mapFromScene(r.center().x(), r.center().y() + dy)


def scene_point(c, x: float, y: float) -> QPoint:
    return c.view.mapFromScene(x, y)


def cell_point(c, cell, y_from_top: float | None = None) -> QPoint:
    """A viewport point in a cell: near its bottom (an empty spot) unless ``y_from_top``."""
    r = c.scene.layout.cell_rect(*cell)
    y = r.y + (r.h - 6 if y_from_top is None else y_from_top)
    return c.view.mapFromScene(r.x + r.w / 2, y)


def press_drag(qtbot, c, start: QPoint, end: QPoint, steps: int = 6, modifier=Qt.KeyboardModifier.NoModifier):
    """Press at ``start`` and move to ``end`` in steps (the button stays down)."""
    vp = c.view.viewport()
    qtbot.mousePress(vp, LEFT, modifier, start)
    for k in range(1, steps + 1):
        qtbot.mouseMove(vp, start + (end - start) * (k / steps))


def drag(qtbot, c, start: QPoint, end: QPoint, steps: int = 6, modifier=Qt.KeyboardModifier.NoModifier):
    press_drag(qtbot, c, start, end, steps, modifier)
    qtbot.mouseRelease(c.view.viewport(), LEFT, modifier, end)


def stack(c, stage: str, lane: str) -> list[str]:
    return [card.id for card in c.doc.cell_cards(stage, lane)]
