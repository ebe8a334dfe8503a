"""Small Yjs helpers of the room's layout (docs/room-protocol.md): order arrays read and kept
in step, entries written only where they differ."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pycrdt import Array
from pycrdt import Map as YMap

EXTRA = "extra_json"  # the entry holding fields the schema does not know, as one JSON text
_MISSING = object()


def add_extra(data: dict[str, Any], extra: Any) -> dict[str, Any]:
    """``data`` with the fields of an ``extra_json`` text it does not have already (a text that
    is not a JSON object adds nothing)."""
    if isinstance(extra, str):
        try:
            unpacked = json.loads(extra)
        except ValueError:
            unpacked = None
        if isinstance(unpacked, dict):
            data.update((k, v) for k, v in unpacked.items() if k not in data)
    return data


def first_places(ids: Iterable[Any]) -> list[str]:
    """The ids of an order array, each at its first place."""
    seen: set[str] = set()
    out = []
    for ident in ids:
        if isinstance(ident, str) and ident not in seen:
            seen.add(ident)
            out.append(ident)
    return out


def ordered(order: list[str], present: Iterable[str]) -> list[str]:
    """The ids ``present`` in the order the array gives (its first places); those it lacks go last, by id."""
    have = set(present)
    out = [i for i in order if i in have]
    if len(out) < len(have):
        out += sorted(have.difference(out))
    return out


def write_fields(ymap: YMap, fields: dict[str, Any], names: Iterable[str] | None = None) -> None:
    """Set the entries of ``ymap`` named (all of ``fields`` and ``ymap``'s own when None) to
    ``fields``; an entry missing from ``fields`` (a default value) is deleted. Equal values
    are left alone (a write is a new Yjs item, and would win over a concurrent edit)."""
    if names is None:
        names = set(fields) | {k for k in ymap.keys() if not isinstance(ymap[k], (YMap, Array))}
    for name in names:
        want = fields.get(name, _MISSING)
        have = ymap.get(name, _MISSING)
        if want is _MISSING:
            if have is not _MISSING:
                del ymap[name]
        elif have is _MISSING or want != have or isinstance(want, bool) != isinstance(have, bool):
            ymap[name] = want


def sync_order(array: Array, current: list[str], changed: set[str], added_only: bool = False) -> None:
    """Make the order array read as ``current`` again after the ids ``changed`` were added,
    removed or moved: their places are deleted, then each is put just before the first place
    of the id that follows it in ``current`` (or at the end). Other ids keep their places.
    ``added_only``: the ids are new (not in the array): new ids at the end of ``current`` are
    appended without reading the array (reading 5,000 ids costs 20 ms)."""
    k = len(changed)
    if added_only and k <= len(current) and changed.issuperset(current[len(current) - k :]):
        array.extend(current[len(current) - k :])
        return
    mirror = array[:]
    for i in range(len(mirror) - 1, -1, -1):
        if mirror[i] in changed:
            del array[i]
            del mirror[i]
    first: dict[str, int] = {}
    for i, ident in enumerate(mirror):
        first.setdefault(ident, i)
    index = {ident: i for i, ident in enumerate(current) if ident in changed}
    length = len(mirror)
    for k in sorted(index.values(), reverse=True):
        at = first.get(current[k + 1], length) if k + 1 < len(current) else length
        array.insert(at, current[k])
        first[current[k]] = at
        length += 1
