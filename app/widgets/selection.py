"""The shared selection: which model elements the user is working on.

One :class:`Selection` is shared by the canvas and the docks (inspector, outline, personas).
Items are ``(Entity, id)`` pairs; the map itself is selected when the selection is empty. The
selection follows its Document: elements the document removes (a delete, an undo of an add,
a curve taking its points with it) drop out of it and ``changed`` is emitted.

Wiring in the main window::

    self.selection = Selection(self.doc)
    # when another map is opened (a new Document):
    self.selection.set_document(doc)

Anyone who shows the selection connects ``selection.changed``; anyone who changes it calls
``selection.set([...])`` (it emits only when the selection really changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from app.model.document import Document
from app.model.events import Change, Entity, Op

Item = tuple[Entity, str]


def follow_document(owner: QObject, doc: Document, listener: Callable[[list[Change]], None]) -> Callable[[], None]:
    """Subscribe ``listener`` to ``doc`` until ``owner`` is destroyed; returns the unsubscriber.

    A dock's listener must not outlive its widget (the Document would call into a deleted
    C++ object), so the subscription ends with the widget. Stopped earlier (another map
    opened), it lets go of the widget's ``destroyed`` too: the connection held ``doc``, and
    every map opened before stayed in memory while the window lived.
    """
    state = {"on": True, "connection": None}

    def stop(*_args) -> None:
        if state["on"]:
            state["on"] = False
            try:
                doc.unsubscribe(listener)
            except ValueError:
                pass
            connection, state["connection"] = state["connection"], None
            if connection is not None and not _args:  # (not from ``destroyed`` itself)
                QObject.disconnect(connection)

    doc.subscribe(listener)
    state["connection"] = owner.destroyed.connect(stop)
    return stop


def switch_document(owner, doc: Document) -> None:
    """Point ``owner`` (a widget with ``doc``, ``_unfollow`` and ``_on_changes``) at another
    document: stop following the old one, follow ``doc`` until the owner is destroyed."""
    if owner._unfollow is not None:
        owner._unfollow()
    owner.doc = doc
    owner._unfollow = follow_document(owner, doc, owner._on_changes)


class Selection(QObject):
    """The selected model elements, in selection order. ``current()`` is the last one."""

    changed = Signal()

    def __init__(self, doc: Document | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.doc: Document | None = None
        self._items: list[Item] = []
        self._unfollow: Callable[[], None] | None = None
        if doc is not None:
            self.set_document(doc)

    # ------------------------------------------------------------- document
    def set_document(self, doc: Document) -> None:
        """Follow another document; the selection is cleared."""
        switch_document(self, doc)
        self.clear()

    def _on_changes(self, changes: list[Change]) -> None:
        if not self._items or not any(c.op is Op.REMOVE for c in changes):
            return
        # Removing a curve removes its points without a POINT event: ask the document.
        kept = [it for it in self._items if self._exists(it)]
        if len(kept) != len(self._items):
            self._items = kept
            self.changed.emit()

    def _exists(self, item: Item) -> bool:
        entity, ident = item
        return entity is Entity.MAP or self.doc is None or self.doc.find(entity, ident) is not None

    # ------------------------------------------------------------- queries
    def items(self) -> list[Item]:
        """The selected elements (a copy), in selection order."""
        return list(self._items)

    def current(self) -> Item | None:
        """The element selected last, or None when nothing (that is: the map) is selected."""
        return self._items[-1] if self._items else None

    def ids(self, entity: Entity) -> list[str]:
        """The ids of the selected elements of one kind, in selection order."""
        return [i for e, i in self._items if e is entity]

    def contains(self, entity: Entity, ident: str) -> bool:
        return (entity, ident) in self._items

    def __len__(self) -> int:
        return len(self._items)

    # ------------------------------------------------------------- changes
    def set(self, items: Iterable[Item]) -> None:
        """Replace the selection (duplicates dropped, order kept); emits ``changed`` if it differs."""
        new = list(dict.fromkeys((Entity(e), ident) for e, ident in items if Entity(e) is not Entity.MAP))
        if new != self._items:
            self._items = new
            self.changed.emit()

    def clear(self) -> None:
        self.set([])

    def add(self, entity: Entity, ident: str) -> None:
        self.set([*self._items, (entity, ident)])

    def discard(self, entity: Entity, ident: str) -> None:
        self.set([it for it in self._items if it != (entity, ident)])

    def toggle(self, entity: Entity, ident: str) -> None:
        if (entity, ident) in self._items:
            self.discard(entity, ident)
        else:
            self.add(entity, ident)
