"""A fast reader for map files at the current schema version, tried first by :func:`app.io.jsonfile.loads_map`.

The full reader (:mod:`app.io.jsonfile`) decodes the text, parses it with Python's ``json`` (with
hooks that refuse duplicate keys, non-finite numbers and lone surrogates, and that name the place
of every problem), then validates the tree with pydantic. Here the same file is parsed and
validated in one step by pydantic's JSON mode (its Rust parser), and the checks that JSON mode
does not make are made on the result and on the raw bytes. For a 100,000-card file (75 MB) this
takes about 1.1 s of CPU where the full reader takes 1.5 s (``journeymap validate`` as a whole:
about a fifth less). :func:`load_current` returns the :class:`Map`, or ``None`` ("declined")
whenever it cannot vouch that the full reader would give the same map; the caller then runs the
full reader, which gives the same messages as ever. So a problem is always reported by the full
reader; this module only ever accepts, and only what the full reader accepts, as the same map
(pydantic's lax conversions are the same from JSON as from Python data for every field type of
the schema: checked value by value, and by the fuzz test below).

What the full reader refuses, and how this path declines it:

* not UTF-8, cut-off or malformed JSON, an empty file, control characters in strings: pydantic's
  parser refuses them too (checked: it validates UTF-8 strictly, including overlong forms and
  encoded surrogates). A UTF-8 byte order mark is skipped, as the full reader skips it.
* lone surrogate escapes (``"\\ud800"``): declined when the bytes hold any ``\\uD800``-``\\uDFFF``
  escape at all (the full reader's own test, on bytes).
* numbers: pydantic's parser reads every number as Python does (the same correctly rounded floats;
  integers up to the same 4,300 digits, beyond which both refuse); ``NaN``, ``Infinity`` and
  ``1e309`` (infinity) are accepted by it but refused here: known float fields refuse them
  (``allow_inf_nan=False``, required of every model below) and every float in unknown fields
  is looked at.
* nesting deeper than ``max_nesting``: every object and list of the result (known fields hold
  few levels; unknown ones any) is visited with its level (pydantic's parser stops at about 200).
* the envelope: ``format`` must be ``"journeymap"``, ``schema_version`` a JSON integer (``2.0``,
  ``"2"`` and ``true`` are refused) equal to :data:`SCHEMA_VERSION` (older files need migrating:
  declined), ``map`` an object, and no other key.
* schema errors, more than :data:`MAX_CARDS` cards, broken references and duplicate ids: any
  validation error, a long card list or a problem from :func:`check_references` declines.
* duplicate keys in one object (pydantic keeps the last one silently): counted, see
  :func:`_no_duplicate_keys`.

A file that is declined costs the time of the attempt on top (at most one more validation; an
older version is recognised from its first bytes and declined at once). The equivalence is
tested by a differential fuzz test (``tests/fuzz/test_fuzz_fastload.py``) over damaged bytes and
values of real map files.
"""

from __future__ import annotations

import math
import re
import types
import typing
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

from app.model.schema import MAX_CARDS, SCHEMA_VERSION, Map
from app.model.validation import check_references

from .mapscan import FORMAT

__all__ = ["load_current"]


class _Envelope(BaseModel):
    """The file's three keys, validated with the map in one pass."""

    # cache_strings="keys": repeated values (ids) are not looked up in a cache (faster, like json.loads)
    model_config = ConfigDict(extra="forbid", cache_strings="keys")
    format: Literal[FORMAT]  # type: ignore[valid-type]
    schema_version: Annotated[int, Strict()]
    map: Map


_BOM = b"\xef\xbb\xbf"
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
#: A colon right after a space, tab or newline: a key may end before it (``"key" : 1``).
_COLON_AFTER_SPACE = re.compile(rb":(?<=[ \t\r\n]:)")
_SPACE = b" \t\r\n"
_LOOK_BACK = 256
#: The first keys as every writer of this format puts them: an older or newer version is declined
#: before anything is validated.
_HEAD = re.compile(rb'\A[ \t\r\n]*\{[ \t\r\n]*"format"[ \t\r\n]*:[ \t\r\n]*"journeymap"[ \t\r\n]*,[ \t\r\n]*'
                   rb'"schema_version"[ \t\r\n]*:[ \t\r\n]*(-?[0-9]{1,9})[ \t\r\n]*[,}]')


def load_current(data: bytes | str, max_nesting: int) -> Map | None:
    """The map in ``data`` (a map file's content), or None when the full reader must decide.

    Returns a map only for a file the full reader accepts, equal to the map it gives (module
    docstring). The cyclic garbage collector should be paused around the call, as for the full
    reader (:func:`app.io.jsonfile.gc_paused`)."""
    if not _SOUND:
        return None
    if isinstance(data, str):
        try:
            raw = data.removeprefix("\ufeff").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in the text itself
            return None
    else:
        raw = bytes(data)
        if raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
    head = _HEAD.match(raw)
    if head is not None and int(head.group(1)) != SCHEMA_VERSION:
        return None  # to be upgraded, or refused: the full reader's work
    if b"\\" in raw and _MAYBE_SURROGATE.search(raw):
        return None
    try:
        envelope = _Envelope.model_validate_json(raw)
    except ValidationError:
        return None
    except Exception:  # noqa: BLE001 - whatever else went wrong, the full reader decides
        return None
    if envelope.schema_version != SCHEMA_VERSION:
        return None
    m = envelope.map
    if len(m.cards) > MAX_CARDS:
        return None
    held = _keys_held(envelope, max_nesting)
    if held is None or not _no_duplicate_keys(raw, held):
        return None
    if check_references(m):
        return None
    return m


def _no_duplicate_keys(raw: bytes, held: int) -> bool:
    """True if no JSON object in ``raw`` holds a key twice, given that the validated result holds
    ``held`` keys (:func:`_keys_held`); False may also mean "cannot tell".

    Proof. Let K be the number of key tokens in ``raw`` (every key of every object, duplicates
    included) and D the number of distinct keys summed over the objects. Every JSON object of
    the file became exactly one container of the result, which holds exactly its distinct keys:
    the envelope and every model (the keys given: ``model_fields_set``, no field has an alias,
    and the unknown ones kept in ``__pydantic_extra__``), or a plain dict inside an unknown
    field or a dict-typed field. So ``held`` = D <= K, with equality exactly when no object
    repeats a key. A key token is a string followed by optional whitespace and a colon; when no
    colon is preceded by whitespace that follows a ``"`` (checked below), the closing quote of
    every key is immediately followed by its colon, so each key gives its own occurrence of the
    two bytes ``":`` and K <= C, the count of those occurrences (they cannot overlap). Other
    occurrences (``\\":`` inside a text) only make C larger. Hence ``held == C`` implies
    D = K: no duplicate. A file with more occurrences than keys, or with a space before a colon
    after a quote, is declined, which is always safe.
    """
    for match in _COLON_AFTER_SPACE.finditer(raw):
        before = raw[max(0, match.start() - _LOOK_BACK) : match.start()].rstrip(_SPACE)
        if not before or before.endswith(b'"'):
            return False  # perhaps a key written "key" : value
    return raw.count(b'":') == held


def _keys_held(envelope: BaseModel, max_nesting: int) -> int | None:
    """The number of keys the validated file holds, counted over every object it had (module
    docstring), or None if a float is not finite or a container is nested deeper than
    ``max_nesting`` levels (the envelope is level 1, the map 2, a card 4)."""
    total = 0
    pending: list[tuple[Any, int]] = [(envelope, 1)]
    while pending:
        value, level = pending.pop()
        if level > max_nesting:
            return None
        inner = level + 1
        if isinstance(value, BaseModel):
            total += _model_keys(value)
            extra = value.__pydantic_extra__
            if extra:
                if not _push(extra.values(), inner, pending):
                    return None
            names = _object_fields(type(value))
            if names and not _push([getattr(value, name) for name in names], inner, pending):
                return None
        elif isinstance(value, dict):
            total += len(value)
            if not _push(value.values(), inner, pending):
                return None
        elif _plain_models(value):  # e.g. map.cards: a long list of models, counted right here
            if inner > max_nesting:
                return None
            total += sum(map(len, map(_FIELDS_SET, value)))
            for v in filter(_EXTRA, value):  # the models that kept unknown keys
                total += _model_keys(v) - len(v.__pydantic_fields_set__)
                if not _push(v.__pydantic_extra__.values(), inner + 1, pending):  # type: ignore[union-attr]
                    return None
        elif not _push(value, inner, pending):  # any other list (or tuple)
            return None
    return total


_FIELDS_SET = attrgetter("__pydantic_fields_set__")
_EXTRA = attrgetter("__pydantic_extra__")


def _model_keys(model: BaseModel) -> int:
    """The keys the object that became ``model`` had: the fields it gave and the unknown keys
    kept (pydantic lists the latter in ``model_fields_set`` too; the union counts each once)."""
    given = model.__pydantic_fields_set__
    extra = model.__pydantic_extra__
    return len(given.union(extra)) if extra else len(given)


def _plain_models(items: Any) -> bool:
    """True for a non-empty list of models of one class whose fields hold no objects (cards)."""
    if not items or not isinstance(items, list) or not isinstance(items[0], BaseModel):
        return False
    return not _object_fields(type(items[0])) and len(set(map(type, items))) == 1


def _push(values: Any, level: int, pending: list[tuple[Any, int]]) -> bool:
    """Queue the containers among ``values`` at ``level``; False if a float is not finite."""
    for v in values:
        if isinstance(v, BaseModel | dict | list | tuple):
            pending.append((v, level))
        elif isinstance(v, float) and not math.isfinite(v):
            return False
    return True


@cache
def _object_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` whose value may hold JSON objects (models, dicts, anything)."""
    return tuple(name for name, field in cls.model_fields.items() if _may_hold_objects(field.annotation))


_SCALARS = (str, int, float, bool, type(None))


def _may_hold_objects(annotation: Any) -> bool:
    if annotation in _SCALARS or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return False
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_objects(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, frozenset, typing.Union, types.UnionType):
        return any(_may_hold_objects(a) for a in typing.get_args(annotation) if a is not Ellipsis)
    return True  # a model, a dict, Any, or a type not known here: visited


def _models(cls: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """``cls`` and every model class its fields can hold."""
    if cls in seen:
        return seen
    seen.add(cls)
    stack = [field.annotation for field in cls.model_fields.values()]
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _models(annotation, seen)
        stack.extend(typing.get_args(annotation))
    return seen


def _sound() -> bool:
    """The counting and the float check above hold for the schema: no aliases (a model's keys are
    its field names), non-finite floats refused by every model."""
    for cls in _models(Map, set()):
        if cls.model_config.get("allow_inf_nan", True) is not False:
            return False
        for field in cls.model_fields.values():
            if field.alias is not None or field.validation_alias is not None:
                return False
    return True


_SOUND = _sound()
