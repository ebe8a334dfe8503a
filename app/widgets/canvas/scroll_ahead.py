"""Scrolling ahead of a card being typed, after the frame that shows it.

Quick capture types notes one below the other. Kept in view by as little as it takes, every note
near the bottom of the view scrolled the canvas by one card in the note's own frame, and Qt
painted the strip that came into view: at 5,000 cards ~165 links cross such a strip at 100 %,
~3-5 ms of a note's ~15 ms from Enter to the painted card. The editor now scrolls, when it must,
only as far as the new card needs; and once the card is shown with less than half of the room
below it, :class:`ScrollAhead` scrolls the view on so that :data:`AHEAD` of its height lies
free below the card, after the view's next paint (or :data:`FALLBACK_MS` at the latest). The
notes that follow are typed without the view moving until the card nears the edge again: one
scroll every few notes, outside their frames, instead of one in each.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, QTimer

AHEAD = 0.35  # share of the view's height kept free beyond the card being typed
FALLBACK_MS = 50  # scroll after the next paint of the view, or after this at the latest


class ScrollAhead(QObject):
    """Scrolls ``view`` ahead of a rectangle after its next paint (see the module docstring)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._target: Callable[[], QRectF | None] | None = None
        self._before: Callable[[], None] | None = None  # run first (the editor's room, refilled)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._scroll)
        view.viewport().installEventFilter(self)

    def room(self) -> int:
        """The room kept below the card, in pixels of the viewport."""
        return int(self.view.viewport().height() * AHEAD)

    def lacks_room(self, rect: QRectF) -> bool:
        """Whether less than half of :meth:`room` lies between ``rect`` (scene points) and the
        bottom edge of the view (then the view scrolls ahead by a few cards at once, not by one
        card after every note)."""
        view = self.view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        zoom = max(view.transform().m11(), 1e-6)
        return seen.bottom() - rect.bottom() < self.room() / 2 / zoom

    def plan(self, target: Callable[[], QRectF | None], before: Callable[[], None] | None = None) -> None:
        """After the view's next paint, scroll down until the bottom of the rectangle
        ``target()`` returns then shows (the card and the room to keep below it; None: nothing
        to do, the card is gone). It never scrolls up or sideways: the card itself was brought
        into view with its frame. ``before``: run first, after the frame (planned twice before
        the frame, the scroll runs once, after every ``before``)."""
        self._target = target
        if before is not None:
            self._before = before
        if not self.timer.isActive():
            self.timer.start(FALLBACK_MS)

    @property
    def waiting(self) -> bool:
        return self._target is not None or self._before is not None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.timer.isActive() and self.timer.interval() != 0:
            self.timer.start(0)  # fires once this frame is painted
        return False

    def _scroll(self) -> None:
        before, self._before = self._before, None
        if before is not None:
            before()
        target, self._target = self._target, None
        rect = target() if target is not None else None
        if rect is None or rect.isEmpty():
            return
        view = self.view
        below = rect.bottom() - view.mapToScene(view.viewport().rect()).boundingRect().bottom()
        if below > 0:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + math.ceil(below * view.transform().m11()))
