"""A tolerant look at a file that may be a journey map: broken, cut off, too large, or newer.

:func:`scan_envelope` finds a map file's top-level ``"format"`` and ``"schema_version"`` without
parsing the JSON: it walks the strings and brackets (so words inside text never count, and a
bracket a broken file left open is closed by the next one of the enclosing kind), reads what
follows those keys, and stops as soon as both are known. It never raises and works on ``bytes``
or an ``mmap`` of a file of any size. :mod:`app.io.jsonfile` uses it so that a newer version's
file that this build cannot parse is never overwritten; the CLI uses :func:`looks_like_map` so
that an export never silently replaces a map.
"""

from __future__ import annotations

import os
import re
from typing import Any

__all__ = ["FORMAT", "SNIFF_BYTES", "looks_like_map", "scan_envelope"]

#: The ``"format"`` of a map file.
FORMAT = "journeymap"
#: How much of a file :func:`looks_like_map` reads (a map's envelope comes first).
SNIFF_BYTES = 1024 * 1024

_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
_COLON = re.compile(rb"\s*:")
_KEY_VALUE = re.compile(rb'\s*:\s*(?:(-?[0-9]{1,30})(?![0-9])|"([^"\\]{0,100})")')


def scan_envelope(data: bytes) -> dict[str, Any]:
    """What a tolerant scan finds in map-file bytes that may be broken, cut off or too large to parse.

    Walks the strings and brackets of ``data`` (so text inside strings is never mistaken for a
    key) and returns the top-level ``"format"`` (a string) and ``"schema_version"`` (an int) it
    meets, and ``"stages": True`` if the top-level ``"map"`` object has a ``"stages"`` key. Keys
    not found are absent. Never raises.
    """
    found: dict[str, Any] = {}
    open_brackets = bytearray()  # b"{" and b"[" not closed yet
    top_key = b""  # the last key of the top-level object
    in_map = False  # inside the top-level "map" object
    for match in _TOKEN.finditer(data):
        token = match.group()
        if token in (b"{", b"["):
            open_brackets += token
            if len(open_brackets) == 2:
                in_map = token == b"{" and top_key == b'"map"'
            continue
        if token in (b"}", b"]"):
            opener = ord("{") if token == b"}" else ord("[")
            if opener in open_brackets:  # closes it, and whatever a broken file left open inside
                del open_brackets[open_brackets.rindex(opener) :]
            if not open_brackets:
                break  # the top-level value ended
            continue
        depth = len(open_brackets)
        if depth == 2 and in_map and token == b'"stages"':
            if _COLON.match(data, match.end()):
                found["stages"] = True
        elif depth == 1 and _COLON.match(data, match.end()):
            top_key = token
        if depth == 1 and token in (b'"format"', b'"schema_version"'):
            value = _KEY_VALUE.match(data, match.end())
            if value is None:
                continue  # not a key, or a value of another kind
            if token == b'"schema_version"' and value.group(1) is not None:
                found.setdefault("schema_version", int(value.group(1)))
            elif token == b'"format"' and value.group(2) is not None:
                found.setdefault("format", value.group(2).decode("utf-8", "replace"))
            if "format" in found and "schema_version" in found:
                break
    return found


def looks_like_map(path: str | os.PathLike[str]) -> bool:
    """Does the file at ``path`` hold a journey map (even a broken or newer one)? Decided by
    content, from a tolerant scan of its first :data:`SNIFF_BYTES`; False if it cannot be read."""
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
    except (OSError, ValueError):
        return False
    found = scan_envelope(head)
    if "format" in found:
        return found["format"] == FORMAT
    return "schema_version" in found or "stages" in found
