"""Fuzz target: map files. Damaged bytes of real files and damaged values inside a valid map
either load as a map that saves, reloads and lays out, or give one clear line naming the file."""

from __future__ import annotations

import json

from hypothesis import event, given
from hypothesis import strategies as st

from app.io.jsonfile import MapFileError, loads_map

from .conftest import examples
from .damage import SEEDS, check_accepted, check_refusal, damage_bytes, damage_values

NAME = "fuzz.journey.json"


def load(raw: bytes | str) -> None:
    try:
        m = loads_map(raw, NAME)
    except MapFileError as err:
        event("refused")
        check_refusal(err, NAME)
    else:
        event("loaded")
        check_accepted(m)


@examples("map_bytes")
@given(data=st.data())
def test_damaged_bytes_give_a_map_or_one_clear_line(data) -> None:
    seed = data.draw(st.sampled_from(SEEDS), label="seed")
    load(damage_bytes(data, seed))


@examples("map_values")
@given(data=st.data())
def test_damaged_values_give_a_map_or_one_clear_line(data) -> None:
    seed = json.loads(data.draw(st.sampled_from(SEEDS), label="seed"))
    load(json.dumps(damage_values(data, seed), ensure_ascii=data.draw(st.booleans())))
