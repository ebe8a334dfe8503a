"""Lazy refresh for a panel that shows what it computes from the whole map (the Analysis and the
Flows docks): it works only while it is shown, and at most once per burst of edits.

* an edit that matters (``matters(changes)``) marks the panel stale; while the panel is shown,
  a single-shot timer then waits for the end of the burst (``DELAY_MS`` after the last edit)
  and the panel computes once;
* while the panel is hidden (its dock closed, or a tab behind another dock) nothing is
  computed: the panel stays stale, and computes as soon as it is shown (before it paints).
  A dock behind another dock's tab is not hidden for Qt (``isVisible()`` stays true, it is only
  moved out of sight), so a panel in a dock follows the dock's ``visibilityChanged``
  (:meth:`LazyRefresh.follow_dock`);
* another map (``invalidate()``) is the same: stale, computed now if shown, else when shown.

What the edits were is kept until the refresh (``pending``), for a panel that can update only
what they changed; ``None`` means everything (another map, or a hidden panel shown again after
more edits than are worth keeping).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from app.model.document import Document
from app.model.events import Change
from app.widgets.selection import switch_document

DELAY_MS = 150
#: more changes than this waiting: forget them, the refresh redoes everything
KEEP_CHANGES = 200


class LazyRefresh(QObject):
    """Calls ``compute(changes)`` when ``widget`` shows stale content; ``changes`` is the list
    of changes since the last compute, or ``None`` when everything must be computed again."""

    def __init__(
        self,
        widget: QWidget,
        compute: Callable[[list[Change] | None], None],
        matters: Callable[[list[Change]], bool],
        delay_ms: int = DELAY_MS,
    ):
        super().__init__(widget)
        self.widget = widget
        self._compute = compute
        self._matters = matters
        self.stale = True
        self.pending: list[Change] | None = None
        self.computed = 0  # how many times compute ran (tests and benchmarks count it)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.refresh)
        self._dock: QDockWidget | None = None
        self._dock_shown = False
        widget.installEventFilter(self)

    def follow_dock(self, dock: QDockWidget) -> None:
        """The panel lives in ``dock``: it is shown only while the dock says it is visible
        (its tab in front, or floating, or alone; the window not minimized)."""
        self._dock = dock
        self._dock_shown = dock.isVisible() and not dock.visibleRegion().isEmpty()
        dock.visibilityChanged.connect(self._dock_visibility)
        dock.topLevelChanged.connect(lambda _floating: self._dock_visibility(self._dock_shown))

    def shown(self) -> bool:
        """Can the user see the panel (so that computing it is worth it)? A floating dock is
        seen whenever it is visible (made floating from behind a tab, Qt reports it unseen)."""
        dock = self._dock
        return self.widget.isVisible() and (dock is None or dock.isFloating() or self._dock_shown)

    def _dock_visibility(self, visible: bool) -> None:
        self._dock_shown = visible
        if not self.shown():
            self.timer.stop()  # stays stale until shown
        elif self.stale:
            self.refresh()

    def invalidate(self) -> None:
        """Everything must be computed again (another map): now if shown, else when shown."""
        self.stale = True
        self.pending = None
        self.timer.stop()
        if self.shown():
            self.refresh()

    def changes(self, changes: list[Change]) -> None:
        """The document changed: the panel is stale if these changes matter to it."""
        if not self._matters(changes):
            return
        if not self.stale:
            self.pending = []
        if self.pending is not None:
            self.pending.extend(changes)
            if len(self.pending) > KEEP_CHANGES:
                self.pending = None
        self.stale = True
        if self.shown():
            self.timer.start()

    def refresh(self) -> None:
        """Compute now, whatever the state (a panel's own Refresh, and the timer)."""
        self.timer.stop()
        pending, self.pending, self.stale = self.pending, None, False
        self.computed += 1
        self._compute(pending)

    def ensure(self) -> None:
        """Compute now if stale (before a query that needs current content)."""
        if self.stale:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale and self.shown():
            self.refresh()
        return False


class LazyPanel:
    """What a panel computed from the whole map does with its :class:`LazyRefresh` (``self.lazy``,
    made in its ``__init__`` with ``doc`` and ``_unfollow`` set to None): follow a document,
    hear its changes, say whether it is stale, and compute from the whole map on request."""

    lazy: LazyRefresh
    doc: Document | None
    _unfollow: Callable[[], None] | None

    def set_document(self, doc: Document) -> None:
        """Another map: computed now if the panel is shown, else when it is shown."""
        switch_document(self, doc)
        self.lazy.invalidate()

    def _on_changes(self, changes: list[Change]) -> None:
        self.lazy.changes(changes)

    @property
    def stale(self) -> bool:
        """True while the panel waits for a refresh (it is hidden, or a burst of edits just came)."""
        return self.lazy.stale

    def refresh(self) -> None:
        """Compute again from the whole map (not from the edits since the last time), now."""
        self.lazy.pending = None
        self.lazy.refresh()
