"""The bridge between one :class:`~app.model.document.Document` and one shared Yjs ``Doc``.

* Local edits: every batch of changes the Document emits becomes ONE Yjs transaction
  (:func:`app.room.ydoc.apply_changes`) tagged with the bridge's :attr:`Bridge.origin`, which the
  bridge's own observers skip (no echo).
* Remote edits: observers on the ``Doc`` note which elements, lists and map fields a foreign
  transaction touched; :meth:`Bridge.flush` (or :meth:`Bridge.receive`, which applies an update
  and flushes) brings the Document to what the ``Doc`` now reads as (the reading rules of
  :mod:`app.room.ydoc`), through the Document's own API in ONE batch, so listeners get one
  notification. While it runs, :attr:`Bridge.applying_remote` is True: a per-person undo stack
  listening to the Document leaves those changes out.
* Refused remote edits: an element the schema or the Document refuses (a title too long, an
  emotion of 99, a duplicate id) is not applied; the Document stays as it was, the reason is kept
  in :attr:`Bridge.refusals` (and passed to :attr:`Bridge.on_refused`), and the bridge writes the
  Document's version of that element back into the ``Doc`` (a local transaction, sent like an
  edit), so the room returns to a valid map for everyone.
* :attr:`Bridge.pending` says that a flush has work: after remote updates, and after a local
  edit brought back an element that others' left-out elements name (an undone stage delete
  brings back the card someone added to it meanwhile); the owner flushes then.

No threads and no Qt: a pycrdt ``Doc`` may only be touched from one thread, and the bridge
touches the ``Doc`` and the Document together, so both live in one thread: the GUI thread in the
editor (the network loop then only moves bytes: :attr:`Bridge.on_update` gives what to send,
:meth:`Bridge.receive` takes what came), the loop's thread in a headless host. A Document
listener must not edit the Document while :attr:`Bridge.applying_remote` is set (its edit would
be taken for the remote one and not sent): it defers the edit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from typing import Any

from pycrdt import Doc
from pycrdt import Map as YMap
from pydantic import BaseModel, ValidationError

from app.model.document import Document, EditRefused
from app.model.events import Change, Entity, Op
from app.model.integrity import MODELS, element_name, references
from app.model.ordering import longest_increasing
from app.model.schema import Map, Vote
from app.model.validation import pydantic_problems

from .ydoc import (
    COLLECTIONS,
    DEPENDENCY_ORDER,
    POINTS,
    apply_changes,
    curve_points,
    data_of,
    doc_to_map,
    element_data,
    element_view,
    elements,
    map_fields,
    meta,
    order_array,
    raw_fields,
    write_element,
)
from .yorder import first_places, ordered, write_fields
from .yvote import VOTE, read_vote, write_vote

Key = tuple[Entity, str]
_REORDERABLE = (Entity.PERSONA, Entity.STAGE, Entity.LANE, Entity.CURVE)
_TARGETS = (Entity.STAGE, Entity.LANE, Entity.PERSONA, Entity.CARD)  # what other elements name
_MOVE_FIELDS = ("stage_id", "lane_id", "order")
_MAP_FIELDS = frozenset(Map.model_fields) - set(COLLECTIONS.values()) - {"id"}
MAX_REFUSALS_KEPT = 100
_numbers = itertools.count(1)


class Bridge:
    """Keeps ``document`` and ``ydoc`` in step (see the module docstring). The two must hold the
    same map when it starts: ``Document(doc_to_map(ydoc))`` for a joiner, ``map_to_doc(map)``
    for the first host. ``hidden``: what :func:`~app.room.ydoc.doc_to_map` reported (a ``Doc``
    just made by ``map_to_doc`` hides nothing: pass an empty set); else the bridge reads the
    ``Doc`` once to find it (half a second for 5,000 cards)."""

    def __init__(self, document: Document, ydoc: Doc, *, hidden: set[Key] | None = None, origin: str = ""):
        self.document = document
        self.ydoc = ydoc
        self.origin = origin or f"journeymap-bridge-{next(_numbers)}"
        self.applying_remote = False
        self.refusals: list[str] = []
        self.on_refused: Callable[[str], None] | None = None
        #: called with the Yjs update of each transaction this bridge writes (local edits and
        #: repairs), to send to the other peers; called while the transaction commits: queue the
        #: bytes, do not touch the Doc from it
        self.on_update: Callable[[bytes], None] | None = None
        self._writing = False
        if hidden is None:
            hidden = set()
            doc_to_map(ydoc, hidden)
        self._hidden: set[Key] = set(hidden)  # in the Doc, but left out or changed by the reading rules
        self._dirty: set[Key] = set()
        self._orders: set[Entity] = set()
        self._reinserted: set[Key] = set()  # ids inserted into the order of cards, links or metrics
        self._meta: set[str] = set()
        self._positions: dict[Entity, dict[str, int]] = {}
        self._subscriptions: list[tuple[Any, Any]] = []
        for entity in COLLECTIONS:
            self._observe(elements(ydoc, entity), partial(self._element_events, entity))
            self._observe(order_array(ydoc, entity), partial(self._order_events, entity))
        self._observe(meta(ydoc), self._meta_events)
        self._transactions = ydoc.observe(self._transaction_done)
        document.subscribe(self._local)

    def close(self) -> None:
        self.document.unsubscribe(self._local)
        for shared, subscription in self._subscriptions:
            shared.unobserve(subscription)
        self._subscriptions.clear()
        self.ydoc.unobserve(self._transactions)

    def _transaction_done(self, event: Any) -> None:
        if self._writing and self.on_update is not None:
            self.on_update(event.update)

    # ------------------------------------------------------------ local -> Doc
    def _local(self, changes: list[Change]) -> None:
        if self.applying_remote:
            return
        self._writing = True
        try:
            apply_changes(self.ydoc, self.document, changes, self.origin)
        finally:
            self._writing = False
        if self._hidden and any(ch.op is Op.ADD and ch.entity in _TARGETS for ch in changes):
            # what a left-out element names may be back (an undone delete): the next flush looks
            self._dirty |= self._hidden

    # ------------------------------------------------------------ Doc -> local
    def _observe(self, shared: Any, callback: Callable[[list[Any]], None]) -> None:
        self._subscriptions.append((shared, shared.observe_deep(callback)))

    def _foreign(self, events: list[Any]) -> bool:
        return bool(events) and events[0].transaction.origin != self.origin

    def _element_events(self, entity: Entity, events: list[Any]) -> None:
        if not self._foreign(events):
            return
        for event in events:
            if event.path:
                self._dirty.add((entity, event.path[0]))
            else:
                self._dirty.update((entity, key) for key in event.keys)

    def _order_events(self, entity: Entity, events: list[Any]) -> None:
        if self._foreign(events):
            self._orders.add(entity)
            if entity not in _REORDERABLE:  # ids put in again (an undone delete) may have moved
                for event in events:
                    for step in event.delta:
                        self._reinserted.update(
                            (entity, i) for i in step.get("insert", ()) if isinstance(i, str)
                        )

    def _meta_events(self, events: list[Any]) -> None:
        if self._foreign(events):
            for event in events:
                self._meta.update([event.path[0]] if event.path else event.keys)

    @property
    def pending(self) -> bool:
        """Remote changes noted and not yet applied to the Document."""
        return bool(self._dirty or self._orders or self._meta)

    def receive(self, update: bytes) -> None:
        """Apply a Yjs update from another peer, then bring the Document up to date."""
        self.ydoc.apply_update(update)
        self.flush()

    def flush(self) -> None:
        """Apply the remote changes noted so far to the Document, as one batch."""
        if not self.pending:
            return
        dirty, self._dirty = self._dirty, set()
        orders, self._orders = self._orders, set()
        reinserted, self._reinserted = self._reinserted, set()
        meta_names, self._meta = self._meta, set()
        self._positions = {}
        repairs: set[Key] = set()
        self.applying_remote = True
        try:
            with self.document.batch():
                with self.ydoc.transaction():
                    # an element the Document has that the Doc put in again elsewhere (deleted and
                    # the delete undone, both since the last flush) has moved in its list
                    moved = {entity for entity, i in reinserted if self.document.find(entity, i) is not None}
                    self._reconcile(dirty, orders, meta_names, repairs)
                    self._replace(moved, repairs)
        finally:
            self.applying_remote = False
        if repairs:
            self._repair(repairs)

    def _reconcile(
        self, dirty: set[Key], orders: set[Entity], meta_names: set[str], repairs: set[Key]
    ) -> None:
        doc = self.document
        for name in sorted(meta_names & _MAP_FIELDS):
            self._apply_map_field(name, repairs)
        if any(entity in _TARGETS for entity, _ in dirty):
            dirty |= self._hidden  # what they name may be back
        views: dict[Key, dict[str, Any] | None] = {}
        pending = set(dirty)
        while pending:
            key = pending.pop()
            views[key] = view = self._view(*key)
            if view is None and key[0] in _TARGETS and doc.find(*key) is not None:
                pending.update(k for k in self._dependents(*key) if k not in views)
        gone: list[Key] = []
        for entity in DEPENDENCY_ORDER:
            for key in sorted(k for k in views if k[0] is entity):
                view = views[key]
                if view is None or not self._apply(entity, key[1], view, repairs):
                    gone.append(key)
                elif entity in _REORDERABLE:
                    orders.add(entity)
        for entity, ident in reversed(gone):
            if doc.find(entity, ident) is not None:
                self._attempt(entity, ident, repairs, lambda e=entity, i=ident: doc.remove(e, i))
        for entity in sorted(orders & set(_REORDERABLE)):
            self._fix_order(entity)

    def _view(self, entity: Entity, ident: str) -> dict[str, Any] | None:
        ymap = elements(self.ydoc, entity).get(ident)
        if not isinstance(ymap, YMap):
            self._hidden.discard((entity, ident))
            return None
        data = element_data(ident, raw_fields(ymap))
        if entity is Entity.CURVE:
            data[POINTS] = curve_points(ymap)
        view = element_view(entity, data, self._alive)
        if view is data:
            self._hidden.discard((entity, ident))
        else:
            self._hidden.add((entity, ident))
        return view

    def _alive(self, entity: Entity, ident: Any) -> bool:
        """Is the element part of the map the Doc holds (the reading rules, read from the Doc)."""
        if not isinstance(ident, str):
            return False
        if entity is Entity.CARD:
            card = elements(self.ydoc, Entity.CARD).get(ident)
            return (
                isinstance(card, YMap)
                and self._alive(Entity.STAGE, card.get("stage_id"))
                and self._alive(Entity.LANE, card.get("lane_id"))
            )
        return ident in elements(self.ydoc, entity)

    def _dependents(self, entity: Entity, ident: str) -> list[Key]:
        """The Document's elements that name this one (they change or go with it)."""
        m = self.document.map
        out: list[Key] = []
        if entity in (Entity.STAGE, Entity.LANE, Entity.PERSONA):
            field = {Entity.STAGE: "stage_id", Entity.LANE: "lane_id"}.get(entity)
            for c in m.cards:
                if (field and getattr(c, field) == ident) or (field is None and ident in c.persona_ids):
                    out.append((Entity.CARD, c.id))
        if entity is Entity.STAGE:
            out += [(Entity.METRIC, mt.id) for mt in m.metrics if mt.stage_id == ident]
        if entity is Entity.CARD:
            out += [(Entity.LINK, lk.id) for lk in self.document.links_of({ident})]
        for cv in m.curves:
            if (entity is Entity.PERSONA and cv.persona_id == ident) or any(
                (entity is Entity.STAGE and p.stage_id == ident)
                or (entity is Entity.CARD and p.card_id == ident)
                for p in cv.points
            ):
                out.append((Entity.CURVE, cv.id))
        return out

    def _refuse(self, message: str, key: Key, repairs: set[Key]) -> None:
        repairs.add(key)
        self.refusals.append(message)
        del self.refusals[:-MAX_REFUSALS_KEPT]
        if self.on_refused is not None:
            self.on_refused(message)

    def _attempt(self, entity: Entity, ident: str, repairs: set[Key], step: Callable[[], Any]) -> None:
        """One element's change as a transaction of its own: refused, it leaves the Document as it was."""
        try:
            with self.document.batch():
                step()
        except EditRefused as err:
            self._refuse(f"refused a remote edit: {err}", (entity, ident), repairs)

    def _apply(self, entity: Entity, ident: str, view: dict[str, Any], repairs: set[Key]) -> bool:
        """Add or update one element from its view; False when it names an element the Document
        lacks (it is then left out, like one the reading rules leave out)."""
        try:
            model = MODELS[entity].model_validate(view)
        except ValidationError as err:
            problem = pydantic_problems(err, element_name(entity, ident))[0]
            self._refuse(f"refused a remote edit: {problem}", (entity, ident), repairs)
            return True
        doc = self.document
        for _field, target, value in references(entity, model):
            if doc.find(target, value) is None:
                self._hidden.add((entity, ident))
                return False
        current = doc.find(entity, ident)
        if current is None:
            step = partial(doc.insert, entity, model, self._insert_index(entity, ident))
        else:
            step = partial(self._update, entity, current, model)
        self._attempt(entity, ident, repairs, step)
        return True

    def _update(self, entity: Entity, current: BaseModel, model: BaseModel) -> None:
        doc = self.document
        ident = current.id
        skip = {"id", POINTS} | (set(_MOVE_FIELDS) if entity is Entity.CARD else set())
        diff = {
            n: getattr(model, n)
            for n in type(model).model_fields
            if n not in skip and getattr(model, n) != getattr(current, n)
        }
        if entity is Entity.CARD:
            place = tuple(getattr(model, n) for n in _MOVE_FIELDS)
            if place != tuple(getattr(current, n) for n in _MOVE_FIELDS):
                doc.set_card_positions([(ident, *place)])
        if diff:
            doc.update(entity, ident, diff)
        if entity is Entity.CURVE:
            self._sync_points(current, model.points)

    def _sync_points(self, curve: Any, points: list[Any]) -> None:
        doc = self.document
        wanted = {p.id for p in points}
        for p in list(curve.points):
            if p.id not in wanted:
                doc.remove(Entity.POINT, p.id)
        for i, p in enumerate(points):
            current = doc.find(Entity.POINT, p.id)
            if current is None:
                doc.insert(Entity.POINT, p, i, parent=curve.id)
                continue
            diff = {
                n: getattr(p, n)
                for n in type(p).model_fields
                if n != "id" and getattr(p, n) != getattr(current, n)
            }
            if diff:
                doc.update(Entity.POINT, p.id, diff)
        for i, p in enumerate(points):
            if curve.points[i].id != p.id:
                point, _ = doc.remove(Entity.POINT, p.id)
                doc.insert(Entity.POINT, point, i, parent=curve.id)

    def _order(self, entity: Entity) -> dict[str, int]:
        """Each id's place in the Doc's order of one list (read once per flush)."""
        if entity not in self._positions:
            ids = ordered(first_places(order_array(self.ydoc, entity)), elements(self.ydoc, entity).keys())
            self._positions[entity] = {ident: i for i, ident in enumerate(ids)}
        return self._positions[entity]

    def _insert_index(self, entity: Entity, ident: str) -> int | None:
        if entity in _REORDERABLE:
            return None  # put in place by _fix_order
        items = getattr(self.document.map, COLLECTIONS[entity])
        if entity not in self._positions:  # a new element last in the Doc's order: no need to read it all
            array = order_array(self.ydoc, entity)
            n = len(array)
            if n and array[n - 1] == ident:
                return None
        places = self._order(entity)
        place = places.get(ident)
        if place is None:
            return None
        for i in range(len(items) - 1, -1, -1):  # from the end: a new element is usually last
            other = places.get(items[i].id)  # None: leaving in this flush
            if other is not None and other < place:
                return i + 1
        return 0

    def _replace(self, kinds: set[Entity], repairs: set[Key]) -> None:
        """Put cards, links or metrics back in the Doc's order where it moved them (an undone
        delete puts an element back in its old place). The Document has no move for these
        lists: the few out of place (those outside a longest run in order) are taken out and put
        in again, a card with its links and the curve points anchored to it."""
        doc = self.document
        for entity in sorted(kinds):
            places = self._order(entity)
            items = getattr(doc.map, COLLECTIONS[entity])
            keep = longest_increasing([places.get(item.id, len(places)) for item in items])
            moving = [item.id for i, item in enumerate(items) if i not in keep]
            if moving:
                self._attempt(entity, moving[0], repairs, partial(self._put_back, entity, moving))

    def _put_back(self, entity: Entity, moving: list[str]) -> None:
        doc = self.document
        links: list[tuple[Any, int]] = []
        anchors: list[tuple[str, str]] = []
        if entity is Entity.CARD:
            ids = set(moving)
            for link in sorted(doc.links_of(ids), key=lambda lk: -doc.index_of(Entity.LINK, lk.id)):
                links.append(doc.remove(Entity.LINK, link.id))
            anchors = [(p.id, p.card_id) for cv in doc.map.curves for p in cv.points if p.card_id in ids]
            for point_id, _ in anchors:
                doc.update(Entity.POINT, point_id, {"card_id": None})
        taken = [doc.remove(entity, ident)[0] for ident in moving]
        places = self._order(entity)
        for obj in sorted(taken, key=lambda o: places.get(o.id, len(places))):
            doc.insert(entity, obj, self._insert_index(entity, obj.id))
        for link, index in reversed(links):
            doc.insert(Entity.LINK, link, index)
        for point_id, card_id in anchors:
            doc.update(Entity.POINT, point_id, {"card_id": card_id})

    def _fix_order(self, entity: Entity) -> None:
        places = self._order(entity)
        items = getattr(self.document.map, COLLECTIONS[entity])
        wanted = sorted((item.id for item in items), key=lambda i: places.get(i, len(places)))
        for i, ident in enumerate(wanted):
            if items[i].id != ident:
                self._attempt(entity, ident, set(), partial(self.document.move_in_list, entity, ident, i))

    def _apply_map_field(self, name: str, repairs: set[Key]) -> None:
        current = getattr(self.document.map, name)
        if name == VOTE:
            value = read_vote(meta(self.ydoc).get(VOTE))
            try:
                same = (value is None and current is None) or (
                    value is not None and current is not None and Vote.model_validate(value) == current
                )
            except ValidationError:
                same = False  # the Document refuses it below, with the reason
        else:
            value = meta(self.ydoc).get(name)
            if value is None:
                return  # an entry the room never loses: a missing one is not an edit
            same = value == data_of(current)
        if not same:
            step = partial(self.document.update, Entity.MAP, "", {name: value})
            self._attempt(Entity.MAP, name, repairs, step)

    # ---------------------------------------------------------------- repairs
    def _repair(self, repairs: set[Key]) -> None:
        """Write the Document's version of refused elements back into the Doc."""
        self._writing = True
        try:
            self._write_back(repairs)
        finally:
            self._writing = False

    def _write_back(self, repairs: set[Key]) -> None:
        doc = self.document
        with self.ydoc.transaction(origin=self.origin):
            for entity, ident in sorted(repairs):
                if entity is Entity.MAP:
                    if ident == VOTE:
                        write_vote(meta(self.ydoc), doc.map.vote)
                    else:
                        write_fields(meta(self.ydoc), map_fields(doc.map), [ident])
                    continue
                # written whole: a refused element may hold anything (a nested type for a title)
                write_element(elements(self.ydoc, entity), ident, entity, doc.find(entity, ident), None)
