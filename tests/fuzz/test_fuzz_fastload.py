"""Differential fuzz target: app.io.fastload against the full reader of app.io.jsonfile.

For damaged bytes and values of real map files (and files with duplicate keys placed at random
depths, keys spaced from their colons, ``\\":`` inside texts), the fast path either declines or
gives exactly the map the full reader gives; and ``loads_map`` (fast path first) gives the same
map, or the same refusal line for line, as the full reader alone.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from app.io import jsonfile
from app.io.fastload import load_current
from app.io.jsonfile import MAX_NESTING, MapFileError, dumps_map, loads_map
from app.model.schema import Map

from .conftest import examples
from .damage import SEEDS, TEXT, VALUES, damage_bytes, damage_values

NAME = "fuzz.journey.json"
# the fixtures as they are, and as this build saves them (the v1 fixture becomes a current file)
CURRENT = [dumps_map(loads_map(seed)).encode("utf-8") for seed in SEEDS]
ALL_SEEDS = SEEDS + CURRENT


def outcome(read: Any, raw: bytes) -> Map | list[str]:
    try:
        return read(raw, NAME)
    except MapFileError as err:
        return err.problems


def check(raw: bytes) -> None:
    reference = outcome(jsonfile._load, raw)  # the full reader alone
    fast = load_current(raw, MAX_NESTING)
    if fast is None:
        event("declined")
    else:
        event("fast")
        assert isinstance(reference, Map), reference
        assert_same(fast, reference)
    through = outcome(loads_map, raw)
    if isinstance(reference, Map):
        assert isinstance(through, Map), through
        assert_same(through, reference)
    else:
        assert through == reference


def assert_same(a: Map, b: Map) -> None:
    assert a.model_fields_set == b.model_fields_set
    # a map without an id or timestamps gets fresh ones (random, the time): the same for the test
    fresh = {name: getattr(b, name) for name in ("id", "created", "modified") if name not in b.model_fields_set}
    a, b = a.model_copy(update=fresh), b.model_copy(update=fresh)
    assert a == b
    assert a.model_dump_json() == b.model_dump_json()  # floats to the bit, -0.0 included
    for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics"):
        assert [x.model_fields_set for x in getattr(a, name)] == [x.model_fields_set for x in getattr(b, name)]


# ---------------------------------------------------------------------- a writer that can repeat keys


def write(data: st.DataObject, tree: Any) -> bytes:
    """JSON text of ``tree`` with, drawn: one object holding a key twice (with its value or
    another), a space (or none) between keys and colons, texts holding ``\\":``."""
    rarely = st.integers(0, 3).map(lambda n: n == 0)  # each hazard in about one file in four
    objects = [o for o in _objects(tree) if o]
    repeated = data.draw(st.sampled_from(objects), label="repeat in") if objects and data.draw(rarely) else None
    colon = data.draw(st.sampled_from([": ", ":", ":\t", ": ", ":", " : ", "\n:"]), label="colon")
    spaced = data.draw(st.sampled_from([" ", "\r\n"]), label="one spaced key") if data.draw(rarely) else None
    quoted = data.draw(rarely, label='texts with \\":')
    chosen: dict[str, Any] = {}
    if repeated is not None:
        key = data.draw(st.sampled_from(sorted(repeated)), label="repeated key")
        value = data.draw(st.sampled_from([repeated[key], None]) | VALUES, label="its second value")
        chosen = {"object": id(repeated), "key": key, "value": value}
    state = {"spaced": spaced}

    def text(s: str) -> str:
        if quoted and " " in s and len(s) < 150:  # a title or a body, not an id
            s = s + '":'
        return json.dumps(s, ensure_ascii=False)

    def emit(v: Any) -> str:
        if isinstance(v, dict):
            items = list(v.items())
            if id(v) == chosen.get("object"):
                items.append((chosen["key"], chosen["value"]))
            parts = []
            for k, item in items:
                sep = colon
                if state["spaced"] is not None:
                    sep, state["spaced"] = state["spaced"] + ":", None
                parts.append(f"{json.dumps(k, ensure_ascii=False)}{sep}{emit(item)}")
            return "{" + ", ".join(parts) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(emit(x) for x in v) + "]"
        if isinstance(v, str):
            return text(v)
        return json.dumps(v)

    return emit(tree).encode("utf-8")


def _objects(tree: Any) -> list[dict]:
    found: list[dict] = []
    stack = [tree]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            found.append(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return found


# ---------------------------------------------------------------------------------------- targets


@examples("fastload")
@given(data=st.data())
def test_fast_path_gives_the_full_readers_map_or_declines_on_damaged_bytes(data) -> None:
    seed = data.draw(st.sampled_from(ALL_SEEDS), label="seed")
    check(damage_bytes(data, seed) if data.draw(st.booleans(), label="damage") else seed)


@examples("fastload")
@given(data=st.data())
def test_fast_path_gives_the_full_readers_map_or_declines_on_damaged_values(data) -> None:
    tree = json.loads(data.draw(st.sampled_from(ALL_SEEDS), label="seed"))
    if data.draw(st.integers(0, 2), label="damage values") == 0:
        tree = damage_values(data, tree)
    if data.draw(st.booleans(), label="unknown field"):
        where = data.draw(st.sampled_from(_objects(tree)), label="object")
        where[data.draw(TEXT, label="key")] = data.draw(VALUES, label="value")
    check(write(data, tree))
