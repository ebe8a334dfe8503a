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

_TOKEN = re.compile(rb'[\[\]{}]|(?:[^"\[\]{}]+|"[^"\\]*(?:\\.[^"\\]*)*")+', re.S)  # a bracket, or what lies between
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_COLON = re.compile(rb"\s*:")
_KEY_VALUE = re.compile(rb'\s*:\s*(?:(-?[0-9]{1,30})(?![0-9])|"([^"\\]{0,100})")')
_OPENERS = {ord("}"): ord("{"), ord("]"): ord("[")}


def scan_envelope(data: bytes) -> dict[str, Any]:
    """What a tolerant scan finds in map-file bytes that may be broken, cut off or too large to parse.

    Walks the brackets of ``data`` and what lies between them (strings whole, so text inside
    strings is never mistaken for a key), looks at keys only in the top-level object and the
    ``"map"`` object in it, and returns the top-level ``"format"`` (a string) and
    ``"schema_version"`` (an int) it meets, and ``"stages": True`` if the top-level ``"map"``
    object has a ``"stages"`` key. Keys not found are absent. Never raises.
    """
    found: dict[str, Any] = {}
    open_brackets = bytearray()  # b"{" and b"[" not closed yet
    top_key = b""  # the last key of the top-level object
    in_map = False  # inside the top-level "map" object
    for match in _TOKEN.finditer(data):
        start, end = match.span()
        c = data[start]
        if c in b"{[":
            open_brackets.append(c)
            if len(open_brackets) == 2:
                in_map = c == ord("{") and top_key == b'"map"'
            continue
        if c in b"}]":
            opener = _OPENERS[c]
            if opener in open_brackets:  # closes it, and whatever a broken file left open inside
                del open_brackets[open_brackets.rindex(opener) :]
            if not open_brackets:
                break  # the top-level value ended
            continue
        depth = len(open_brackets)
        if depth != 1 and not (depth == 2 and in_map):
            continue  # deeper: only its brackets matter
        for key in _STRING.finditer(data, start, end):
            if not _COLON.match(data, key.end()):
                continue  # a value, not a key
            token = key.group()
            if depth == 2:
                if token == b'"stages"':
                    found["stages"] = True
                continue
            top_key = token
            if token in (b'"format"', b'"schema_version"'):
                value = _KEY_VALUE.match(data, key.end())
                if value is None:
                    continue  # a value of another kind
                if token == b'"schema_version"' and value.group(1) is not None:
                    found.setdefault("schema_version", int(value.group(1)))
                elif token == b'"format"' and value.group(2) is not None:
                    found.setdefault("format", value.group(2).decode("utf-8", "replace"))
                if "format" in found and "schema_version" in found:
                    return found
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
