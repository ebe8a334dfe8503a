"""Cards made after the first frame of a big map: the part of
:class:`~app.widgets.canvas.scene.MapScene` that makes the card items of an opened map once it
shows.

The editor opens a map fitted to the window. A map of :data:`CARDS_LATER_AT` cards or more is
then zoomed out below the cards' text (``cards_as_blocks``), and each cell draws its cards as
plain blocks (:meth:`CellItem.paint_blocks <app.widgets.canvas.cell_item.CellItem.paint_blocks>`):
no card needs an item of its own to be seen. Making 10,000 card items took ~0.25 s of a ~1.1 s
open. So the scene builds the cells with the ids of their cards (``CellItem.waiting``), which
the cells draw from the layout as their items will draw them, and the items are made here, in
slices of :data:`CARD_SLICE_S` between frames, once the event loop runs again: the map shows
first.

Nothing else ever sees a card without its item. Every card is made at once, before it is used,
by:

- any press, move, wheel, tooltip, context menu or drag of the mouse in a view that shows the
  scene (``eventFilter``, before the view or the scene sees the event);
- any use of the scene's ``card_items`` (edits, which apply a batch through it, the keyboard,
  selection, reveals, the perspective, a zoom in to the cards' text, tests).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QEvent, QObject, QTimer

CARDS_LATER_AT = 2_000  # a map with this many cards, opened zoomed out, makes its card items after the frame
CARD_SLICE_S = 0.008  # waiting cards are made in slices this long, between frames

# the events of a view's viewport that look for the items under the mouse
_MOUSE = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.ToolTip,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
    }
)


class LateCards(QObject):
    """The scene's cells whose card items wait (see the module docstring)."""

    def __init__(self, scene):
        super().__init__(scene)
        self.scene = scene
        self.cells: list = []  # cells (stage, lane) whose cards wait, in the order to make them
        self._watched: list = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._slice)

    def __bool__(self) -> bool:
        return bool(self.cells)

    def clear(self) -> None:
        self.timer.stop()
        self.cells = []
        self._unwatch()

    def wait(self, cells: list) -> None:
        """Make the cards of ``cells`` (whose ``waiting`` the scene set) after the frame."""
        self.cells = list(cells)
        if not self.cells:
            return
        for view in self.scene.views():
            vp = view.viewport()
            vp.installEventFilter(self)
            self._watched.append(vp)
        self.timer.start(0)

    def make_all(self) -> None:
        """Make every waiting card now."""
        self._make(None)

    def _slice(self) -> None:
        self._make(time.perf_counter() + CARD_SLICE_S)
        if self.cells:
            self.timer.start(0)

    def _make(self, until: float | None) -> None:
        """Make the cards of waiting cells, cell by cell, all or until the clock passes ``until``.
        The collector is paused meanwhile and what was made frozen after, as when the scene
        builds (MapScene.rebuild)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            while self.cells and (until is None or time.perf_counter() < until):
                self.scene.make_waiting_cards(self.cells.pop(0))
        finally:
            gc.freeze()
            if enabled:
                gc.enable()
        if not self.cells:
            self.timer.stop()
            self._unwatch()

    def _unwatch(self) -> None:
        for vp in self._watched:
            try:
                vp.removeEventFilter(self)
            except RuntimeError:  # (the view is gone)
                pass
        self._watched = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self.cells and event.type() in _MOUSE:
            self.make_all()  # the view and the scene look for items under the mouse next
        return False
