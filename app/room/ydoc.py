"""The one mapping between a :class:`~app.model.schema.Map` and a Yjs document (pycrdt ``Doc``).

The layout is documented for other Yjs clients in docs/room-protocol.md. In short, the ``Doc``
holds these root types:

* ``room`` (Y.Map): ``protocol`` (:data:`ROOM_PROTOCOL`) and ``schema_version``;
* ``map`` (Y.Map): the map's own fields (``id``, ``title``, ``goal``, ``journey_type``,
  ``created``, ``modified``), one entry per field, and while a dot vote is open ``vote``
  (a Y.Map: :mod:`app.room.yvote`);
* ``personas``, ``stages``, ``lanes``, ``cards``, ``curves``, ``links``, ``metrics`` (Y.Map):
  element id -> Y.Map of that element's fields (every schema field but ``id``, one entry each,
  so that two people editing different fields of one card both keep their edit); a curve's map
  also holds ``points`` (Y.Map: point id -> Y.Map of the point's fields) and ``point_order``
  (Y.Array of point ids);
* ``personas.order``, ``stages.order``, ... (Y.Array of ids): the order of each list.

Fields the schema does not know (kept from newer files) travel as one JSON text in the entry
``extra_json``. Yjs numbers are doubles: whole numbers come back as floats and the schema makes
them ints again.

Reading (:func:`doc_to_map`) is a function of the ``Doc`` alone, so every peer that holds the
same ``Doc`` builds the same map. Concurrent edits can leave an element naming one another
person deleted; the reading rules (:func:`element_view`) settle it the same way everywhere:
a card whose stage or lane is gone, a link with an end gone, a metric or curve point whose stage
is gone are not part of the map (they come back if the element they name comes back); a card's
persona that is gone is dropped from ``persona_ids``, a curve's persona or a point's card that is
gone reads as None. An order array may name an id twice (two people moved one stage at once):
its first place counts; ids it lacks go last, by id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from pycrdt import Array, Doc
from pycrdt import Map as YMap
from pydantic import BaseModel

from app.model.document import LISTS, Document
from app.model.events import Change, Entity, Op
from app.model.integrity import element_name
from app.model.schema import SCHEMA_VERSION, Map
from app.model.validation import MapInvalid, Problem, parse_map

from .yorder import EXTRA, add_extra, first_places, ordered, sync_order, write_fields
from .yvote import VOTE, new_vote, read_vote, write_vote

ROOM_PROTOCOL = 1

#: element kind -> root Y.Map name: the Map's list field
COLLECTIONS: dict[Entity, str] = LISTS
#: the order in which elements may be added (what they name comes first); removed in reverse
DEPENDENCY_ORDER = tuple(COLLECTIONS)
KIND_OF_LIST = {name: entity for entity, name in COLLECTIONS.items()}
META = "map"
ROOM = "room"
POINTS = "points"
POINT_ORDER = "point_order"
_RESERVED = {POINTS, POINT_ORDER, EXTRA}

Alive = Callable[[Entity, Any], bool]


class RoomMapInvalid(ValueError):
    """The shared document does not hold a valid map; the message is one line naming the element."""


def order_name(entity: Entity) -> str:
    return f"{COLLECTIONS[entity]}.order"


def elements(doc: Doc, entity: Entity) -> YMap:
    return doc.get(COLLECTIONS[entity], type=YMap)


def order_array(doc: Doc, entity: Entity) -> Array:
    return doc.get(order_name(entity), type=Array)


def meta(doc: Doc) -> YMap:
    return doc.get(META, type=YMap)


# ------------------------------------------------------------------ map -> Y
def element_fields(obj: BaseModel) -> dict[str, Any]:
    """The Y entries of one element: its fields as JSON (without ``id``; a curve without its
    points) but those equal to the schema's default, unknown fields as one JSON text under
    ``extra_json``."""
    data = obj.model_dump(mode="json", exclude_defaults=True)
    del data["id"]
    data.pop(POINTS, None)
    extra = obj.__pydantic_extra__
    if extra:
        for name in extra:
            if name in _RESERVED:
                raise RoomMapInvalid(
                    f"{type(obj).__name__} '{obj.id}': an unknown field named '{name}' cannot be shared"
                )
            data.pop(name, None)
        data[EXTRA] = json.dumps({k: data_of(v) for k, v in extra.items()}, ensure_ascii=False)
    return data


def data_of(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def new_element(entity: Entity, obj: BaseModel) -> YMap:
    """A new Y.Map for an element (for a curve: with its points and their order)."""
    fields = element_fields(obj)
    if entity is Entity.CURVE:
        fields[POINTS] = YMap({p.id: YMap(element_fields(p)) for p in obj.points})
        fields[POINT_ORDER] = Array([p.id for p in obj.points])
    return YMap(fields)


def map_fields(m: Map) -> dict[str, Any]:
    """The map's own fields as ``map`` entries (the vote apart: :mod:`app.room.yvote`)."""
    skip = {*COLLECTIONS.values(), VOTE}
    data = {name: data_of(getattr(m, name)) for name in Map.model_fields if name not in skip}
    extra = m.__pydantic_extra__
    if extra:
        data[EXTRA] = json.dumps({k: data_of(v) for k, v in extra.items()}, ensure_ascii=False)
    return data


def map_to_doc(m: Map, doc: Doc | None = None) -> Doc:
    """A new shared document holding ``m``: for the first host of a room only (a restarted host
    loads its saved document update instead, or every element would be duplicated on merge)."""
    doc = Doc() if doc is None else doc
    with doc.transaction(origin="map_to_doc"):
        doc.get(ROOM, type=YMap).update({"protocol": ROOM_PROTOCOL, "schema_version": SCHEMA_VERSION})
        meta(doc).update(map_fields(m))
        if m.vote is not None:
            meta(doc)[VOTE] = new_vote(m.vote)
        for entity, name in COLLECTIONS.items():
            items = getattr(m, name)
            elements(doc, entity).update({obj.id: new_element(entity, obj) for obj in items})
            order_array(doc, entity).extend([obj.id for obj in items])
    return doc


# ------------------------------------------------------------------ Y -> map
def raw_fields(ymap: YMap) -> dict[str, Any]:
    """An element's entries as plain data (without a curve's points)."""
    return {
        k: (v if not isinstance(v, (YMap, Array)) else None)
        for k, v in ymap.items()
        if k not in (POINTS, POINT_ORDER)
    }


def element_data(ident: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The element as the schema reads it: ``id`` first, unknown fields unpacked from ``extra_json``."""
    data = {"id": ident}
    data.update((k, v) for k, v in fields.items() if k != EXTRA)
    return add_extra(data, fields.get(EXTRA))


def curve_points(ycurve: YMap) -> list[dict[str, Any]]:
    points = ycurve.get(POINTS)
    if not isinstance(points, YMap):
        return []
    order = ycurve.get(POINT_ORDER)
    ids = ordered(first_places(order) if isinstance(order, Array) else [], points.keys())
    return [element_data(pid, raw_fields(points[pid])) for pid in ids if isinstance(points[pid], YMap)]


def element_view(entity: Entity, data: dict[str, Any], alive: Alive) -> dict[str, Any] | None:
    """The element as the map holds it under the reading rules (module docstring), or None when
    it is not part of the map. ``alive(kind, id)``: is that element part of the map."""
    if entity is Entity.CARD:
        if not (alive(Entity.STAGE, data.get("stage_id")) and alive(Entity.LANE, data.get("lane_id"))):
            return None
        ids = data.get("persona_ids")
        if isinstance(ids, list) and not all(alive(Entity.PERSONA, i) for i in ids):
            data = {**data, "persona_ids": [i for i in ids if alive(Entity.PERSONA, i)]}
    elif entity is Entity.LINK:
        if not (alive(Entity.CARD, data.get("source_id")) and alive(Entity.CARD, data.get("target_id"))):
            return None
    elif entity is Entity.METRIC:
        if not alive(Entity.STAGE, data.get("stage_id")):
            return None
    elif entity is Entity.CURVE:
        if data.get("persona_id") is not None and not alive(Entity.PERSONA, data["persona_id"]):
            data = {**data, "persona_id": None}
        points = data.get(POINTS)
        if isinstance(points, list):
            kept = []
            for p in points:
                if not alive(Entity.STAGE, p.get("stage_id")):
                    continue
                if p.get("card_id") is not None and not alive(Entity.CARD, p["card_id"]):
                    p = {**p, "card_id": None}
                kept.append(p)
            if len(kept) != len(points) or any(a is not b for a, b in zip(kept, points, strict=False)):
                data = {**data, POINTS: kept}
    return data


def _hashable(ident: Any) -> bool:
    return isinstance(ident, str)


def doc_to_map(doc: Doc, hidden: set[tuple[Entity, str]] | None = None) -> Map:
    """The map a shared document holds, validated by the schema (and the reading rules above).
    Raises :class:`RoomMapInvalid` (one line naming the element) when it does not validate or
    comes from a newer protocol. ``hidden`` (if given) receives the elements the reading rules
    left out or changed (what a :class:`~app.room.bridge.Bridge` watches for)."""
    with doc.transaction():
        return _doc_to_map(doc, hidden)


def _doc_to_map(doc: Doc, hidden: set[tuple[Entity, str]] | None) -> Map:
    room = doc.get(ROOM, type=YMap)
    protocol = room.get("protocol")
    if protocol is None:
        raise RoomMapInvalid("the room holds no map (its document is empty)")
    if not isinstance(protocol, (int, float)) or protocol > ROOM_PROTOCOL:
        raise RoomMapInvalid(
            f"the room uses protocol {protocol}; this editor reads protocol {ROOM_PROTOCOL}: update it"
        )
    raw: dict[Entity, dict[str, dict[str, Any]]] = {}
    for entity in COLLECTIONS:
        ymap = elements(doc, entity)
        items = _plain_elements(ymap, entity)
        if items is None:  # something JSON cannot hold: read entry by entry
            items = {}
            for ident, value in ymap.items():
                if isinstance(value, YMap):
                    fields = raw_fields(value)
                    data = element_data(ident, fields)
                    if entity is Entity.CURVE:
                        data[POINTS] = curve_points(value)
                    items[ident] = data
        raw[entity] = items
    stages, lanes, personas, cards = (
        raw[e] for e in (Entity.STAGE, Entity.LANE, Entity.PERSONA, Entity.CARD)
    )

    def card_alive(ident: str) -> bool:
        card = cards.get(ident)
        return card is not None and _in(card.get("stage_id"), stages) and _in(card.get("lane_id"), lanes)

    def alive(entity: Entity, ident: Any) -> bool:
        if not _hashable(ident):
            return False
        if entity is Entity.CARD:
            return card_alive(ident)
        return ident in {Entity.STAGE: stages, Entity.LANE: lanes, Entity.PERSONA: personas}[entity]

    fields = {k: v for k, v in meta(doc).items() if not isinstance(v, (YMap, Array))}
    data = element_data(fields.pop("id", None), fields)
    vote = read_vote(meta(doc).get(VOTE))
    if vote is not None:
        data[VOTE] = vote
    lists: dict[str, list[str]] = {}
    for entity, name in COLLECTIONS.items():
        ids = ordered(first_places(_plain_list(order_array(doc, entity))), raw[entity])
        views = [(i, element_view(entity, raw[entity][i], alive)) for i in ids]
        if hidden is not None:
            hidden.update((entity, i) for i, v in views if v is not raw[entity][i])
        kept = [(i, v) for i, v in views if v is not None]
        data[name] = [v for _, v in kept]
        lists[name] = [i for i, _ in kept]
    try:
        return parse_map(data)
    except MapInvalid as err:
        raise RoomMapInvalid(f"the room's map is not valid: {_named(err.problems[0], lists)}") from None


def _plain_elements(ymap: YMap, entity: Entity) -> dict[str, dict[str, Any]] | None:
    """All elements of one kind read at once: the shared map as JSON (written by pycrdt's Rust
    core, read by the json module's C parser: ~0.1 s for 5,000 cards against ~0.8 s entry by
    entry), with the same result as :func:`raw_fields` per element for the data the map's
    writers put there. None when the JSON cannot be had (a value JSON does not hold)."""
    try:
        table = json.loads(str(ymap))
    except (ValueError, TypeError, RuntimeError):
        return None
    if not isinstance(table, dict):
        return None
    items = {}
    for ident, fields in table.items():
        if not isinstance(fields, dict):
            continue
        points, order = fields.pop(POINTS, None), fields.pop(POINT_ORDER, None)
        points = points if isinstance(points, dict) else {}
        data = element_data(ident, fields)
        if entity is Entity.CURVE:
            ids = ordered(first_places(order if isinstance(order, list) else []), points)
            data[POINTS] = [element_data(pid, points[pid]) for pid in ids if isinstance(points[pid], dict)]
        items[ident] = data
    return items


def _plain_list(array: Array) -> Iterable[Any]:
    """An order array's entries, read at once as JSON (as :func:`_plain_elements`)."""
    try:
        values = json.loads(str(array))
    except (ValueError, TypeError, RuntimeError):
        return array
    return values if isinstance(values, list) else array


def _in(ident: Any, table: dict) -> bool:
    return _hashable(ident) and ident in table


def _named(problem: Problem, lists: dict[str, list[str]]) -> str:
    """``map.cards[3].title: ...`` -> ``card 'c-9'.title: ...``."""
    path = problem.path
    for name, ids in lists.items():
        prefix = f"map.{name}["
        if path.startswith(prefix):
            index, _, rest = path[len(prefix) :].partition("]")
            if index.isdigit() and int(index) < len(ids):
                return f"{element_name(KIND_OF_LIST[name], ids[int(index)])}{rest}: {problem.message}"
    return str(problem)


# ------------------------------------------------------- document changes -> Y
_MOVE_FIELDS = frozenset({"stage_id", "lane_id", "order"})


def apply_changes(doc: Doc, document: Document, changes: Iterable[Change], origin: str | None = None) -> None:
    """Write one batch of the Document's changes into ``doc`` as ONE transaction (tagged
    ``origin``). Each element named is written as the Document holds it now (only the entries
    that differ), so a batch that adds and removes one element writes nothing for it."""
    touched: dict[tuple[Entity, str, str], set[str] | None] = {}
    orders: dict[tuple[Entity, str], set[str]] = {}  # (kind, curve id for points) -> ids moved in the list
    moved: set[tuple[Entity, str]] = set()  # lists where an id was removed or moved (not only added)
    meta_fields: set[str] = set()
    for ch in changes:
        if ch.entity is Entity.MAP:
            meta_fields |= ch.fields
            continue
        key = (ch.entity, ch.id, ch.parent)
        if ch.op is Op.REORDER:
            orders.setdefault((ch.entity, ""), set()).add(ch.id)
            moved.add((ch.entity, ""))
            continue
        if ch.op in (Op.ADD, Op.REMOVE):
            touched[key] = None
            orders.setdefault((ch.entity, ch.parent), set()).add(ch.id)
            if ch.op is Op.REMOVE:
                moved.add((ch.entity, ch.parent))
            continue
        names = touched.setdefault(key, set())
        if names is not None:
            names |= _MOVE_FIELDS if ch.op is Op.MOVE else ch.fields
    with doc.transaction(origin=origin):
        if meta_fields - {VOTE}:
            write_fields(meta(doc), map_fields(document.map), meta_fields - {VOTE})
        if VOTE in meta_fields:
            write_vote(meta(doc), document.map.vote)
        for (entity, ident, parent), names in touched.items():
            if entity is Entity.POINT:
                write_point(doc, document, ident, parent, names)
            else:
                write_element(elements(doc, entity), ident, entity, document.find(entity, ident), names)
        for (entity, parent), ids in orders.items():
            if entity is Entity.POINT:
                ycurve = elements(doc, Entity.CURVE).get(parent)
                curve = document.find(Entity.CURVE, parent)
                if isinstance(ycurve, YMap) and curve is not None:
                    sync_order(
                        ycurve[POINT_ORDER], [p.id for p in curve.points], ids, (entity, parent) not in moved
                    )
            else:
                items = [x.id for x in getattr(document.map, COLLECTIONS[entity])]
                sync_order(order_array(doc, entity), items, ids, (entity, parent) not in moved)


def write_element(
    ymap: YMap, ident: str, entity: Entity, obj: BaseModel | None, names: set[str] | None
) -> None:
    """Make ``ymap[ident]`` hold ``obj`` (None: remove it); ``names``: only these fields changed
    (None: it is new, write it whole)."""
    if obj is None:
        if ident in ymap:
            del ymap[ident]
        return
    existing = ymap.get(ident)
    if names is None or not isinstance(existing, YMap):
        ymap[ident] = new_element(entity, obj)
        return
    write_fields(existing, element_fields(obj), names)


def write_point(doc: Doc, document: Document, ident: str, curve_id: str, names: set[str] | None) -> None:
    ycurve = elements(doc, Entity.CURVE).get(curve_id)
    if not isinstance(ycurve, YMap):
        return
    point = document.find(Entity.POINT, ident)
    if point is not None and document.point_curve(ident).id != curve_id:
        point = None
    write_element(ycurve[POINTS], ident, Entity.POINT, point, names)
