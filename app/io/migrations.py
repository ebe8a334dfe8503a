"""Schema migrations: pure functions that lift the ``map`` object of a file by one schema version.

A map file is the envelope ``{"format": "journeymap", "schema_version": N, "map": {...}}``. The
envelope itself has not changed between versions; migrations work on the plain JSON data of
``map`` (dicts, lists, strings, numbers) *before* it is validated, one step at a time
(1 -> 2 -> ... -> ``SCHEMA_VERSION``). Each step is registered with :func:`migration`, must go up by
exactly one version, and never mutates its input: it works on a deep copy and returns new data.

A step only reshapes what it must. Anything it does not know (fields from other tools, values of
the wrong type) is passed through untouched so that validation reports it afterwards by its JSON
path; a step raises :class:`MigrationError` (with a JSON path) only when the old data has a shape
it cannot translate, e.g. a schema-1 card without its ``cell``.

Schema history
--------------

**Schema 1** (Journey Map Studio 0.0.x, the first file format):

* a card named its cell with one nested object, ``"cell": {"stage": "<stage id>", "lane": "<lane
  id>"}``, instead of the two fields ``stage_id`` and ``lane_id``; ``cell`` was required;
* emotion curve point values (``curves[].points[].value``) were on a 1..7 scale: 1 very negative,
  4 neutral (the default), 7 very positive;
* there were no stage metrics: the ``map.metrics`` list did not exist.

Everything else (personas with their embedded photo, stages, typed lanes, the other card fields,
curves, links, ids, colours, unknown fields) was as in schema 2.

**Schema 2** (current, see :mod:`app.model.schema`):

* ``cards[].stage_id`` / ``cards[].lane_id``; extra keys a schema-1 ``cell`` carried besides
  ``stage`` and ``lane`` are kept, in a ``cell`` object of their own on the card (an unknown
  field, so it survives);
* emotion values on the fixed scale -3..+3 (schema-2 value = schema-1 value - 4; 0 is neutral);
* ``map.metrics``: stage metrics (an empty list after upgrading a schema-1 file).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from app.model.schema import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: from-version -> the function turning ``map`` data of that version into the next version.
MIGRATIONS: dict[int, Migration] = {}

#: The schema-1 emotion scale and its neutral point.
V1_EMOTION_MIN = 1
V1_EMOTION_MAX = 7
V1_EMOTION_NEUTRAL = 4


class MigrationError(ValueError):
    """Old data that cannot be upgraded; ``path`` is a JSON path such as ``map.cards[3].cell``."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def migration(from_version: int, to_version: int) -> Callable[[Migration], Migration]:
    """Register ``func`` as the step ``from_version -> to_version`` (which must be ``+1``)."""

    if to_version != from_version + 1:
        raise ValueError(f"a migration goes up by exactly one version, not {from_version} -> {to_version}")

    def register(func: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"two migrations from schema {from_version}")
        MIGRATIONS[from_version] = func
        return func

    return register


def migrate(data: dict[str, Any], from_version: int, to_version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """Lift ``map`` data from ``from_version`` to ``to_version`` step by step; the input is not changed.

    Returns the input object itself when there is nothing to do. Raises :class:`MigrationError`
    for old data a step cannot translate, and ``LookupError`` if a step is missing (a bug).
    """
    if from_version > to_version:
        raise ValueError(f"cannot migrate down from schema {from_version} to {to_version}")
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no migration from schema {version} to {version + 1}")
        data = step(data)
    return data


def copy_json(data: Any) -> Any:
    """A deep copy of plain JSON data (dict, list, str, int, float, bool, None).

    A JSON round trip: several times faster than :func:`copy.deepcopy` on big maps. Raises
    ``RecursionError`` for absurdly deep data, like every recursive walk.
    """
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=True))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@migration(1, 2)
def v1_to_v2(old: dict[str, Any], root: str = "map") -> dict[str, Any]:
    """Schema 1 -> 2: ``cell`` -> ``stage_id``/``lane_id``, emotion 1..7 -> -3..+3, add ``metrics``."""
    data = copy_json(old)
    if not isinstance(data, dict):
        return data  # validation reports "expected an object"

    cards = data.get("cards")
    if isinstance(cards, list):
        for i, card in enumerate(cards):
            if not isinstance(card, dict):
                continue
            here = f"{root}.cards[{i}]"
            if "cell" not in card:
                raise MigrationError(
                    f"{here}.cell", 'missing (a schema-1 card names its cell as {"stage": ..., "lane": ...})'
                )
            cell = card.pop("cell")
            if not isinstance(cell, dict):
                raise MigrationError(
                    f"{here}.cell",
                    f'expected an object {{"stage": ..., "lane": ...}}, found {_json_type(cell)}',
                )
            for old_key, new_key in (("stage", "stage_id"), ("lane", "lane_id")):
                if old_key not in cell:
                    raise MigrationError(f"{here}.cell.{old_key}", "missing")
                if new_key in card:
                    raise MigrationError(
                        f"{here}.{new_key}", f"a schema-1 card has its {old_key} in cell.{old_key}, not here"
                    )
                card[new_key] = cell.pop(old_key)
            if cell:  # keys of cell we do not know: keep them
                card["cell"] = cell

    curves = data.get("curves")
    if isinstance(curves, list):
        for ci, curve in enumerate(curves):
            points = curve.get("points") if isinstance(curve, dict) else None
            if not isinstance(points, list):
                continue
            for pi, point in enumerate(points):
                if not isinstance(point, dict) or "value" not in point:
                    continue  # a missing value meant neutral (4); the schema-2 default is neutral (0)
                value = point["value"]
                if not _is_number(value):
                    continue  # validation reports the wrong type at the same path
                if not V1_EMOTION_MIN <= value <= V1_EMOTION_MAX:
                    raise MigrationError(
                        f"{root}.curves[{ci}].points[{pi}].value",
                        f"{value} is outside the schema-1 emotion scale {V1_EMOTION_MIN}..{V1_EMOTION_MAX}",
                    )
                point["value"] = value - V1_EMOTION_NEUTRAL

    data.setdefault("metrics", [])
    return data


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if _is_number(value):
        return "a number"
    return type(value).__name__
