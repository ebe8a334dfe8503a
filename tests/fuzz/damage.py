"""Ways to damage an input, drawn by hypothesis: bytes (a cut, a flipped byte, an inserted
token) and values (any JSON value at any place in the tree, a key removed, an id reused).
Shared by the fuzz targets."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from app.io.jsonfile import MapFileError, dumps_map, loads_map
from app.model.document import Document
from app.model.layout import build_layout
from app.model.schema import Map

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = [p.read_bytes() for p in sorted(FIXTURES.glob("*.journey.json"))]

TOKENS = [b"{", b"}", b"[", b"]", b'"', b",", b":", b"null", b"true", b"\xff", b"\xc3", b"-1", b"1e309",
          b"-1e400", b"NaN", b"Infinity", b"\\", b"\\u0000", b"\\ud800", b"\x00", b"9" * 5000, b"[" * 3000,
          b'"schema_version": 99', b"\xef\xbb\xbf", b"\r\n", b"\t"]  # fmt: skip

LONG = st.sampled_from(["x", "é", "😀"]).flatmap(lambda c: st.sampled_from([c * 201, c * 10_001]))
TEXT = (
    st.text(max_size=12)
    | st.sampled_from(["", "\x01", "\x7f", "\ufffe", "<b>x</b>", "&amp;", "\u202e", "😀", "\r\n", "s0", "p1"])
    | LONG
)
SCALARS = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from([0, 1, 5, 6, -1]) | st.integers(300, 400).map(lambda n: 10**n)
    | st.floats(allow_nan=False, allow_infinity=False) | TEXT
)  # fmt: skip
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)


def damage_bytes(data: st.DataObject, raw: bytes) -> bytes:
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 4), label="damages")):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "delete", "repeat"]))
        pos = data.draw(st.integers(0, len(out)))
        if action == "flip" and pos < len(out):
            out[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del out[pos:]
        elif action == "insert":
            out[pos:pos] = data.draw(st.sampled_from(TOKENS))
        elif action == "delete":
            del out[pos : pos + data.draw(st.integers(1, 80))]
        elif action == "repeat":
            out[pos:pos] = out[pos : pos + data.draw(st.integers(1, 200))]
    return bytes(out)


def _places(tree: Any, at: tuple = ()) -> list[tuple]:
    found = [at]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _places(value, (*at, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            found += _places(value, (*at, i))
    return found


def _ids(tree: Any) -> list[str]:
    return [v for p in _places(tree) if p and p[-1] == "id" for v in [_get(tree, p)] if isinstance(v, str)]


def _get(tree: Any, place: tuple) -> Any:
    for key in place:
        tree = tree[key]
    return tree


def damage_values(data: st.DataObject, tree: Any) -> Any:
    """A copy of the JSON tree with 1-3 values changed, removed, repeated or swapped."""
    tree = copy.deepcopy(tree)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        places = [p for p in _places(tree) if p]
        if not places:
            break
        place = data.draw(st.sampled_from(places), label="place")
        parent, key = _get(tree, place[:-1]), place[-1]
        action = data.draw(st.sampled_from(["value", "remove", "repeat", "other id", "add key"]))
        if action == "value":
            parent[key] = data.draw(VALUES, label="value")
        elif action == "remove":
            del parent[key]
        elif action == "repeat" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action == "other id" and _ids(tree):
            parent[key] = data.draw(st.sampled_from(_ids(tree)), label="id")
        elif action == "add key" and isinstance(parent[key], dict):
            parent[key][data.draw(TEXT, label="key")] = data.draw(VALUES, label="value")
    return tree


def check_refusal(err: MapFileError, path: str) -> None:
    """A refusal is one line that names the file first."""
    text = str(err)
    assert "\n" not in text and "\r" not in text, text
    assert text.startswith(f"{path}: "), text
    assert "Traceback" not in text and "pydantic" not in text.lower(), text


def check_accepted(m: Map) -> None:
    """What a file gave as a map saves, reloads as the same map, opens and lays out."""
    assert isinstance(m, Map)
    text = dumps_map(m)
    again = loads_map(text, "again.journey.json")
    assert json.loads(dumps_map(again)) == json.loads(text)
    Document(again)
    build_layout(again)


def import_checked(path: Path, raw: bytes, skip_bad: bool, into: Map | None = None) -> Map | None:
    """Write ``raw`` to ``path`` and import it as a user would: a refusal (and each skipped
    part) must be one clear line naming the file, an import a valid map (returned)."""
    from hypothesis import event

    from app.io.formats import FormatError, import_map

    path.write_bytes(raw)
    try:
        result = import_map(path, skip_bad=skip_bad, into=into)
    except FormatError as err:
        event("refused")
        check_refusal(err, str(path))
        return None
    event("imported, some parts skipped" if result.skipped else "imported")
    for problem in result.skipped:
        check_refusal(problem, str(path))
    check_accepted(result.map)
    return result.map
