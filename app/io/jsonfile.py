"""Map files: versioned JSON, migrated on load, validated, written (:func:`dumps_map`; saved by :mod:`app.io.mapsave`).

A map file is UTF-8 JSON holding exactly three keys::

    {
      "format": "journeymap",
      "schema_version": 2,
      "map": { ...the Map, fields in declaration order, then unknown fields... }
    }

Writing (:func:`dumps_map`): a 2-space indent, non-ASCII text as is (not
``\\u`` escapes), a trailing newline and a stable key order, the map's fields in the order
:mod:`app.model.schema` declares them followed by fields this build does not know (kept from the
file they came from), so that files diff well. The JSON is the same as
``json.dumps(envelope, indent=2, ensure_ascii=False)`` of ``Map.model_dump(mode="json")``, produced by
pydantic's serializer because it is five times faster; only very large or small floats may spell
their exponent differently (``1e-7`` rather than ``1e-07``). Saving a map this build loaded from a
file this build wrote gives the same bytes.

Reading (:func:`load_map`, :func:`loads_map`): the envelope is checked, older schema versions are
upgraded in memory (:mod:`app.io.migrations`; the file is not touched: reading never writes), and
the map is validated once (:func:`app.model.validation.parse_map`); a file at the current version
is first offered to :mod:`app.io.fastload`, which reads a valid one faster as the same map, or
declines. A file from a newer schema version is refused (and never overwritten by a save). Unknown fields inside ``map``
(at any level) are kept; unknown keys *beside* ``map`` in the envelope are refused rather than
silently dropped, since a map has nowhere to keep them.

Every problem is a :class:`MapFileError`: one line naming the file and the place in it (a JSON
path such as ``map.cards[12].stage_id``, or ``line 3, column 5``), never a traceback.

Limits: files of at most :data:`MAX_FILE_BYTES` (256 MiB, room for a map at the 100,000-card limit; checked before reading) and JSON nested
at most :data:`MAX_NESTING` levels deep (the format itself needs 7; deeper data can only be an
unknown field, and pydantic cannot write data nested more than about 250 levels). JSON's
``NaN``/``Infinity`` and duplicate keys in one object are refused: they do not round-trip.

Saving is :mod:`app.io.mapsave` (atomic, a ``.bak`` of the previous version, hard links kept,
newer files never overwritten).
"""

from __future__ import annotations

import gc
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel

from app.io.oserrors import plain_os_error
from app.model.schema import SCHEMA_VERSION, Map
from app.model.validation import MapInvalid, parse_map

from .fastload import load_current
from .mapscan import FORMAT, looks_like_map, scan_envelope
from .migrations import MigrationError, migrate

__all__ = [
    "EXTENSION",
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MapFileError",
    "dumps_map",
    "escape_controls",
    "gc_paused",
    "load_map",
    "loads_map",
    "looks_like_map",
    "read_envelope",
    "scan_envelope",
]

EXTENSION = ".journey.json"
#: Largest file :func:`load_map` reads (64 MiB), checked with ``stat`` before reading so a huge
#: or endless file cannot exhaust memory. A 10,000-card map with realistic text is about 7 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024  # a map at the 100,000-card limit with long texts is ~75-150 MB
#: Deepest JSON nesting accepted (the envelope is level 1, ``map`` level 2, a card level 4).
MAX_NESTING = 100

_ENVELOPE_KEYS = ("format", "schema_version", "map")
_PROGRAM = "Journey Map Studio"


# --------------------------------------------------------------------------------------- errors


class MapFileError(Exception):
    """A map file that cannot be read or written.

    ``path`` is the file, ``where`` the place in it (a JSON path like ``map.cards[12].stage_id``,
    ``line 3, column 5``, or ``""`` for the whole file), ``message`` what is wrong. ``str(err)`` is
    one line, ``"{path}: {where}: {message}"`` (``"{path}: {message}"`` when ``where`` is empty),
    describing the first problem; ``problems`` holds every problem found, one line each in the
    same form (validation reports them all; other errors have just one).
    """

    def __init__(self, path: str | os.PathLike[str], where: str, message: str, problems: list[str] | None = None):
        self.path = Path(path)
        self.where = _one_line(where)
        self.message = _one_line(message)
        line = self.format_line(self.path, self.where, self.message)
        self.problems: list[str] = problems if problems else [line]
        super().__init__(line)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, e.g. across worker processes
        return (type(self), (self.path, self.where, self.message, self.problems))

    @staticmethod
    def format_line(path: str | os.PathLike[str], where: str, message: str) -> str:
        where = _one_line(where)
        head = _one_line(os.fspath(path))
        return f"{head}: {where}: {_one_line(message)}" if where else f"{head}: {_one_line(message)}"


_CONTROL = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7F, 0x85)}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_MAX_MESSAGE = 500


def escape_controls(text: str) -> str:
    """``text`` with newlines and other control characters escaped (``\\n``, ``\\x01``), e.g. a
    file name in a one-line message."""
    return text.translate(_CONTROL)


def _one_line(text: str) -> str:
    """Text shown in a one-line message: control characters escaped, length bounded."""
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "…"
    return escape_controls(text)


def _fail(path: str | os.PathLike[str], where: str, message: str) -> NoReturn:
    raise MapFileError(path, where, message) from None  # the message says it all


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# -------------------------------------------------------------------------------------- reading


def load_map(path: str | os.PathLike[str]) -> Map:
    """Read, check, upgrade and validate the map file at ``path``; raises :class:`MapFileError`."""
    path = Path(path)
    return loads_map(_read_bytes(path), path)


def loads_map(text: str | bytes, path: str | os.PathLike[str] = "<memory>") -> Map:
    """Same as :func:`load_map` for file content already in memory; ``path`` names it in errors."""
    with gc_paused():
        if len(text) <= MAX_FILE_BYTES:
            fast = load_current(text, MAX_NESTING)  # a valid current file, about a quarter faster
            if fast is not None:
                return fast
        return _load(text, path)  # everything else, and every message


def _load(text: str | bytes, path: str | os.PathLike[str]) -> Map:
    # A function of its own so that the raw JSON tree is freed (by reference counting) before
    # the garbage collector is switched back on and would walk it.
    return _map_from_envelope(_parse_envelope(text, path), path)


def read_envelope(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked envelope of a map file: ``format``, ``schema_version`` (at most this build's) and
    the raw ``map`` object as stored, neither upgraded nor validated. For tools that need the
    stored version (e.g. ``journeymap convert`` reporting an upgrade); raises :class:`MapFileError`."""
    path = Path(path)
    return _parse_envelope(_read_bytes(path), path)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a big tree of new objects.

    json.loads and pydantic create hundreds of thousands of containers for a large map, which
    triggers repeated full collections walking the whole heap: about half the load time of a
    10,000-card map. Nothing built here is cyclic garbage, so pausing loses nothing; the raw
    JSON tree is freed before the collector runs again, which then only sees the new Map.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_bytes(path: Path) -> bytes:
    try:
        st = os.stat(path)
    except OSError as err:
        _fail(path, "", plain_os_error(err))
    except ValueError:  # embedded NUL byte in the name
        _fail(path, "", "not a valid file name")
    if stat.S_ISDIR(st.st_mode):
        _fail(path, "", "is a folder, not a map file")
    if not stat.S_ISREG(st.st_mode):
        _fail(path, "", "not a regular file")
    if st.st_size > MAX_FILE_BYTES:
        _fail(path, "", f"the file is too large ({_megabytes(st.st_size)}; at most {_megabytes(MAX_FILE_BYTES)})")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
    except OSError as err:
        _fail(path, "", plain_os_error(err))
    if len(data) > MAX_FILE_BYTES:
        _fail(path, "", f"the file is too large (more than {_megabytes(MAX_FILE_BYTES)})")
    return data


class _Duplicate(Exception):
    def __init__(self, key: str):
        self.key = key


class _NonFinite(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return d


def _no_constants(name: str) -> Any:
    raise _NonFinite(name)


class _OutOfRange(Exception):
    pass


def _finite_float(literal: str) -> float:
    """``1e309`` is valid JSON but would load as infinity (and be saved as null): refused."""
    value = float(literal)
    if value in (_INFINITY, -_INFINITY):
        raise _OutOfRange(literal)
    return value


_INFINITY = float("inf")


def _decode(data: bytes, path: str | os.PathLike[str]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(path, "", "the file is UTF-16 text; map files are UTF-8")
    try:
        return data.decode("utf-8-sig")  # tolerate a byte order mark some editors add
    except UnicodeDecodeError as err:
        start = err.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        _fail(path, f"line {line}, column {column}", f"not valid UTF-8 text (byte 0x{data[start]:02X} at offset {start})")


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_DIGITS = re.compile(r"-?[0-9]+")


def _find_outside_strings(text: str, pattern: str) -> int | None:
    """Offset of the first match of ``pattern`` that is not inside a JSON string (error paths only)."""
    for match in re.finditer(f"{_STRING}|({pattern})", text, re.S):
        if match.group(1) is not None:
            return match.start(1)
    return None


def _too_deep_at(text: str) -> int | None:
    depth = 0
    for match in re.finditer(f"{_STRING}|[\\[\\]{{}}]", text, re.S):
        c = match.group()
        if c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return match.start()
        elif c in "]}":
            depth -= 1
    return None


def _parse_json(text: str | bytes, path: str | os.PathLike[str]) -> Any:
    if isinstance(text, bytes | bytearray | memoryview):
        data = bytes(text)
        if len(data) > MAX_FILE_BYTES:
            _fail(path, "", f"the file is too large ({_megabytes(len(data))}; at most {_megabytes(MAX_FILE_BYTES)})")
        text = _decode(data, path)
    else:
        if len(text) > MAX_FILE_BYTES:
            _fail(path, "", f"the file is too large (at least {_megabytes(len(text))}; at most {_megabytes(MAX_FILE_BYTES)})")
        text = text.removeprefix("\ufeff")
    if not text or text.isspace():  # (not text.strip(): that copies a 75 MB text to look at its ends)
        _fail(path, "", "the file is empty")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_finite_float)
    except json.JSONDecodeError as err:
        at_end = err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string")
        hint = " (the file ends too early: was it cut off?)" if at_end else ""
        what = err.msg.removesuffix(" starting at") + (" starting here" if err.msg.endswith(" starting at") else "")
        _fail(path, f"line {err.lineno}, column {err.colno}", f"not valid JSON: {what}{hint}")
    except _Duplicate as dup:
        _fail(path, *_locate_duplicate(text, dup.key))
    except _OutOfRange as big:
        pos = _find_outside_strings(text, rf"(?<![0-9.eE+-]){re.escape(str(big))}(?![0-9.eE+-])")
        where = "" if pos is None else _line_col(text, pos)
        shown = str(big) if len(str(big)) <= 40 else str(big)[:39] + "…"
        _fail(path, where, f"number {shown} is out of range (too large to be a finite number)")
    except _NonFinite as nf:
        pos = _find_outside_strings(text, "-?Infinity|NaN")
        _fail(path, "" if pos is None else _line_col(text, pos), f"not valid JSON: {nf} is not a number JSON allows")
    except RecursionError:
        pos = _too_deep_at(text)
        _fail(path, "" if pos is None else _line_col(text, pos), f"nesting is too deep (more than {MAX_NESTING} levels)")
    except ValueError as err:  # an integer of more than 4300 digits (Python's limit for int())
        pos = _find_outside_strings(text, r"-?[0-9]{1000,}")
        if pos is None:  # pragma: no cover - no other ValueError is known
            _fail(path, "", f"not valid JSON: {_short(str(err), 100)}")
        number = _DIGITS.match(text, pos).group()  # type: ignore[union-attr]
        digits = len(number.lstrip("-"))
        _fail(path, _line_col(text, pos), f"number {number[:12]}… has {digits} digits: too long for a number in a map")
    if _MAYBE_SURROGATE.search(text):
        _check_surrogates(doc, path)
    return doc


class _DuplicateMarked(dict):  # type: ignore[type-arg]
    key: str


def _locate_duplicate(text: str, key: str) -> tuple[str, str]:
    """(where, message) for a duplicate key: the JSON path of the object holding it."""
    message = f"duplicate key {_short(key)} in one object (a key may appear only once)"

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(pairs)
        if len(d) != len(pairs):
            marked = _DuplicateMarked(d)
            seen: set[str] = set()
            for k, _ in pairs:
                if k in seen:
                    marked.key = k
                    break
                seen.add(k)
            return marked
        return d

    try:
        doc = json.loads(text, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return "", message
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _DuplicateMarked):
            return _join(where, value.key), f"duplicate key {_short(value.key)} in one object (a key may appear only once)"
        if isinstance(value, dict):
            stack.extend((v, _join(where, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(value))))
    return "", message


_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*\Z")


def _join(where: str, key: str) -> str:
    if _IDENTIFIER.match(key) and len(key) <= 60:
        return f"{where}.{key}" if where else key
    return f"{where}[{_short(key)}]"


def _short(value: Any, limit: int = 40) -> str:
    """A value quoted for a message, shortened."""
    if isinstance(value, str):
        return json.dumps(value[:limit], ensure_ascii=False) + ("…" if len(value) > limit else "")
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "…"


_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_surrogates(doc: Any, path: str | os.PathLike[str]) -> None:
    """Escaped lone surrogates (``"\\ud800"``) are valid JSON but not text: they cannot be saved."""

    def bad(s: str) -> bool:
        return any("\ud800" <= c <= "\udfff" for c in s)

    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if bad(value):
                _fail(path, where, "text holds an invalid character (a lone UTF-16 surrogate escape)")
        elif isinstance(value, dict):
            for k, v in value.items():
                if bad(k):
                    _fail(path, where, "a key holds an invalid character (a lone UTF-16 surrogate escape)")
                stack.append((v, _join(where, k)))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))


def _parse_envelope(text: str | bytes, path: str | os.PathLike[str]) -> dict[str, Any]:
    doc = _parse_json(text, path)
    if not isinstance(doc, dict):
        kind = "a list" if isinstance(doc, list) else "a single value"
        _fail(path, "", f'not a {_PROGRAM} map: the file holds {kind}, not an object with "format": "{FORMAT}"')
    if "format" not in doc:
        _fail(path, "", f'not a {_PROGRAM} map (no "format": "{FORMAT}")')
    if doc["format"] != FORMAT:
        _fail(path, "format", f'not a {_PROGRAM} map: expected "{FORMAT}", found {_short(doc["format"])}')
    if "schema_version" not in doc:
        _fail(path, "schema_version", "missing")
    version = doc["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(path, "schema_version", f"expected a whole number, found {_short(version)}")
    if version > SCHEMA_VERSION:
        _fail(path, "", _newer_message(version))
    if version < 1:
        _fail(path, "schema_version", f"unknown schema version {version} (the first is 1)")
    for key in doc:
        if key not in _ENVELOPE_KEYS:
            _fail(path, _join("", key), 'unknown top-level field (a map\'s fields belong inside "map")')
    if "map" not in doc:
        _fail(path, "map", "missing")
    if not isinstance(doc["map"], dict):
        _fail(path, "map", f"expected an object, found {_short(doc['map'])}")
    return doc


def _newer_message(version: int) -> str:
    return f"written by a newer version of {_PROGRAM} (schema {version}; this build reads up to {SCHEMA_VERSION})"


def _map_from_envelope(envelope: dict[str, Any], path: str | os.PathLike[str]) -> Map:
    version: int = envelope["schema_version"]
    data = envelope["map"]
    upgraded = ""
    if version < SCHEMA_VERSION:
        upgraded = f" (in the file upgraded from schema {version})"
        try:
            data = migrate(data, version)
        except MigrationError as err:
            _fail(path, err.path, err.message)
        except RecursionError:
            _fail(path, "map", f"nesting is too deep (more than {MAX_NESTING} levels)")
    try:
        m = parse_map(data, root="map")
    except MapInvalid as err:
        lines = [MapFileError.format_line(path, p.path, p.message + upgraded) for p in err.problems]
        first = err.problems[0]
        raise MapFileError(path, first.path, first.message + upgraded, lines) from None
    except RecursionError:
        _fail(path, "map", f"nesting is too deep (more than {MAX_NESTING} levels)")
    where = _too_deep_extra(m)
    if where is not None:
        _fail(path, where, f"nesting is too deep (more than {MAX_NESTING} levels)")
    return m


def _too_deep_extra(m: Map) -> str | None:
    """JSON path of an unknown field nested deeper than MAX_NESTING (known fields are shallow)."""
    models: list[tuple[BaseModel, str, int]] = [(m, "map", 2)]
    for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics"):
        models.extend((item, f"map.{name}[{i}]", 4) for i, item in enumerate(getattr(m, name)) if item.__pydantic_extra__)
    for ci, curve in enumerate(m.curves):
        models.extend(
            (point, f"map.curves[{ci}].points[{pi}]", 6)
            for pi, point in enumerate(curve.points)
            if point.__pydantic_extra__
        )
    for model, where, depth in models:
        for key, value in (model.__pydantic_extra__ or {}).items():
            if _nesting(value, MAX_NESTING - depth):
                return _join(where, key)
    return None


def _nesting(value: Any, budget: int) -> bool:
    """True if ``value`` holds more than ``budget`` levels of lists and objects."""
    stack = [(value, budget)]
    while stack:
        v, b = stack.pop()
        if isinstance(v, dict):
            children: Any = v.values()
        elif isinstance(v, list):
            children = v
        else:
            continue
        if b <= 0:
            return True
        stack.extend((c, b - 1) for c in children if isinstance(c, dict | list))
    return False


# -------------------------------------------------------------------------------------- writing


def dumps_map(m: Map) -> str:
    """The file text of ``m`` at the current schema version (see the module docstring)."""
    body = m.model_dump_json(indent=2).replace("\n", "\n  ")  # JSON strings never hold a raw newline
    return f'{{\n  "format": "{FORMAT}",\n  "schema_version": {SCHEMA_VERSION},\n  "map": {body}\n}}\n'
