"""Map files: versioned JSON, migrated on load, validated, saved atomically.

A map file is UTF-8 JSON holding exactly three keys::

    {
      "format": "journeymap",
      "schema_version": 2,
      "map": { ...the Map, fields in declaration order, then unknown fields... }
    }

Writing (:func:`dumps_map`, :func:`save_map`): a 2-space indent, non-ASCII text as is (not
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
declines. A file from a newer schema version is refused, and :func:`save_map`
refuses to overwrite one. Unknown fields inside ``map``
(at any level) are kept; unknown keys *beside* ``map`` in the envelope are refused rather than
silently dropped, since a map has nowhere to keep them.

Every problem is a :class:`MapFileError`: one line naming the file and the place in it (a JSON
path such as ``map.cards[12].stage_id``, or ``line 3, column 5``), never a traceback.

Limits: files of at most :data:`MAX_FILE_BYTES` (256 MiB, room for a map at the 100,000-card limit; checked before reading) and JSON nested
at most :data:`MAX_NESTING` levels deep (the format itself needs 7; deeper data can only be an
unknown field, and pydantic cannot write data nested more than about 250 levels). JSON's
``NaN``/``Infinity`` and duplicate keys in one object are refused: they do not round-trip.

Saving: the JSON goes to a temporary file in the same folder (created with the permissions a
new file gets, or the old file's mode), is flushed and fsynced; the previous file is kept as
``NAME.bak`` (a hard link to the old file where the file system allows, else a copy); the
temporary file atomically replaces the map (``os.replace``) and the folder is fsynced. A failed
save leaves the old file byte-identical and no temporary file behind. A symbolic link is
followed: the file it points to is replaced, the link stays. Temporary files are named and
cleaned up as :mod:`app.io.atomic` describes: after a successful save, the leftovers of saves
killed more than 10 minutes ago in that folder are removed.

Hard links: replacing a file that has several hard links (``st_nlink > 1``) by a new one would cut
it off from its other names, which would keep showing the old map. Such a file is saved in place
instead: its old content is copied to ``NAME.bak`` (a copy, not a link, fsynced), then the new
JSON is written over the file itself (same inode; truncated, fsynced): every link shows the saved
map, and the owner and permissions stay. This is not atomic: if writing fails, the old content is
written back; a kill or power cut in the middle can leave the file torn, and then ``NAME.bak``
holds the previous version complete (and the editor's recovery journal the unsaved work).

Refusing newer files: before replacing a file, its schema version is read from its first bytes,
else from the parsed file, else, for a file that does not parse (broken, cut off or too large), by
a tolerant scan of its top-level keys (:func:`scan_envelope`); a file from a newer version is never
replaced, even one this build cannot read.
"""

from __future__ import annotations

import errno
import gc
import json
import mmap
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from app.io.atomic import (
    atomic_write,
    fsync_folder,
    remove_stale_temps,
    rewrite_in_place,
    temp_name,
    write_all,
)
from app.io.oserrors import plain_os_error
from app.model.schema import SCHEMA_VERSION, Map
from app.model.validation import MapInvalid, parse_map

from .fastload import load_current
from .mapscan import FORMAT, looks_like_map, scan_envelope
from .migrations import MigrationError, migrate

__all__ = [
    "BACKUP_SUFFIX",
    "EXTENSION",
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MapFileError",
    "backup_path",
    "dumps_map",
    "escape_controls",
    "gc_paused",
    "keep_backup",
    "load_map",
    "loads_map",
    "looks_like_map",
    "read_envelope",
    "save_map",
    "scan_envelope",
]

EXTENSION = ".journey.json"
BACKUP_SUFFIX = ".bak"
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


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where :func:`save_map` keeps the previous version of ``path``: ``NAME.bak`` beside it."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def keep_backup(path: str | os.PathLike[str]) -> Path:
    """Keep the current content of the file at ``path`` as ``NAME.bak`` beside it (as a save does),
    e.g. before another writer replaces it. Returns the backup's path; raises :class:`MapFileError`."""
    target = _resolve_link(Path(path))
    try:
        _make_backup(target)
    except OSError as err:
        _fail(path, "", f"cannot keep a backup copy ({backup_path(target).name}): {plain_os_error(err)}")
    return backup_path(target)


def save_map(m: Map, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Write ``m`` to ``path`` atomically, keeping the previous file as ``NAME.bak`` if ``backup``.

    Refuses (:class:`MapFileError`) to replace a map written by a newer version, a folder, or a
    file that is read-only; on any failure the old file is unchanged and no temporary file is left.
    The map is written as it is: ``modified`` is the caller's (the document's) to update.
    """
    path = Path(path)
    try:
        data = dumps_map(m).encode("utf-8")
    except (PydanticSerializationError, UnicodeEncodeError, ValueError, TypeError) as err:
        _fail(path, "", f"cannot save: the map cannot be written as JSON ({err})")
    target = _resolve_link(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as err:
        _fail(path, "", f"cannot save: {plain_os_error(err)}")
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            _fail(path, "", "cannot save: is a folder")
        if not stat.S_ISREG(st.st_mode):
            _fail(path, "", "cannot save: not a regular file")
        if not os.access(target, os.W_OK):
            _fail(path, "", "cannot save: the file is read-only")
        existing = _existing_schema_version(target, path)
        if existing is not None and existing > SCHEMA_VERSION:
            _fail(path, "", f"refusing to overwrite a file {_newer_message(existing)}")
    if st is not None and st.st_nlink > 1:
        _write_in_place(target, data, path, backup=backup)
        return
    _write_atomically(target, data, path, mode=None if st is None else stat.S_IMODE(st.st_mode), backup=backup and st is not None)


def _resolve_link(path: Path) -> Path:
    """The file to replace: a symbolic link's target (so the link survives), else ``path``."""
    try:
        if path.is_symlink():
            return Path(os.path.realpath(path))
    except (OSError, ValueError):
        pass
    return path


_CANONICAL_HEAD = re.compile(
    rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"journeymap"\s*,\s*"schema_version"\s*:\s*(-?[0-9]{1,9})\s*[,}]'
)
def _existing_schema_version(target: Path, path: Path) -> int | None:
    """The schema version of the map file about to be replaced, or None if it is not a map.

    Files written by any version start with format and schema_version, so the first bytes
    usually tell; otherwise the whole file is parsed. A file that does not parse (broken, cut
    off, or over :data:`MAX_FILE_BYTES`) is scanned tolerantly (:func:`scan_envelope`, the whole file,
    mapped, not read into memory), so that a newer version's file this build cannot read is still
    recognised and never overwritten.
    """
    try:
        with open(target, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_FILE_BYTES:  # too large to parse: scan it, mapped
                with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    return _scanned_version(mapped)
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        _fail(path, "", f"cannot save: cannot read the existing file to check its version: {plain_os_error(err)}")
    match = _CANONICAL_HEAD.match(data)
    if match:
        return int(match.group(1))
    try:
        doc = _parse_json(data, target)
    except MapFileError:
        return _scanned_version(data)  # broken: perhaps a newer version's syntax
    if isinstance(doc, dict) and doc.get("format") == FORMAT:
        version = doc.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return None  # readable, and not a map of any version


def _scanned_version(data: Any) -> int | None:
    match = _CANONICAL_HEAD.match(data)
    if match:
        return int(match.group(1))
    found = scan_envelope(data)
    if found.get("format", FORMAT) != FORMAT:
        return None  # another program's file
    version: int | None = found.get("schema_version")
    return version


def _write_atomically(target: Path, data: bytes, path: Path, *, mode: int | None, backup: bool) -> None:
    """A map save through the one atomic writer (app.io.atomic), keeping the previous version as
    NAME.bak just before the rename; one clear line naming the step that failed."""
    steps = {
        "write": "write the new file",
        "before_replace": f"keep the previous version as {backup_path(target).name}",
        "replace": "replace the file",
    }
    try:
        atomic_write(target, data, keep_mode=mode, before_replace=(lambda: _make_backup(target)) if backup else None)
    except OSError as err:
        step = steps.get(getattr(err, "step", "write"), "write the new file")
        where = f" in {target.parent}" if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else ""
        _fail(path, "", f"cannot save (could not {step}): {plain_os_error(err)}{where}; the previous file is unchanged")


def _write_in_place(target: Path, data: bytes, path: Path, *, backup: bool) -> None:
    """Save over a file with several hard links: a copy of it becomes ``NAME.bak`` (fsynced), then
    the file itself is rewritten in place, so that every link shows the saved map (module docstring)."""
    folder = target.parent
    step = "read the previous version"
    try:
        with open(target, "rb") as f:
            old = f.read()
        if backup:
            step = f"keep the previous version as {backup_path(target).name}"
            _make_backup(target, copy=True)
            fsync_folder(folder)
        step = "write the file in place"
        rewrite_in_place(target, data, old)
    except OSError as err:
        if step != "write the file in place" or getattr(err, "restored", False):
            kept = "the previous file is unchanged"
        elif backup:
            kept = f"the file may be incomplete: the previous version is kept as {backup_path(target).name}"
        else:
            kept = "the file may be incomplete"
        _fail(path, "", f"cannot save (could not {step}): {plain_os_error(err)}; {kept}")
    remove_stale_temps(folder)


def _make_backup(target: Path, *, copy: bool = False) -> None:
    """Make ``NAME.bak`` the current content of ``target``: a hard link (instant) or else (or with
    ``copy``: the file is about to be rewritten in place) a copy."""
    bak = backup_path(target)
    tmp = temp_name(target.parent, bak.name)
    try:
        try:
            if copy:
                raise OSError(errno.EMLINK, "a copy is needed")
            os.link(target, tmp, follow_symlinks=False)
        except OSError:  # file systems without hard links (FAT, some network shares)
            _copy_file(target, tmp)
        os.replace(tmp, bak)
    except BaseException:
        _quietly(os.unlink, tmp)
        raise


def _copy_file(source: Path, dest: Path) -> None:
    with open(source, "rb") as f:
        data = f.read()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(os.stat(source).st_mode))
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _quietly(func: Any, *args: Any) -> None:
    try:
        func(*args)
    except OSError:
        pass
