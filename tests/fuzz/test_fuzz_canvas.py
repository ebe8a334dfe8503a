"""Fuzz target: JSON Canvas files. Damaged bytes and damaged values of a canvas this program
exported either import as a valid map that exports again, or are refused with one line naming
the file; the reader never raises anything else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.io.formats.json_canvas import write_canvas
from tests.model_factory import small_map

from .conftest import examples
from .damage import damage_bytes, damage_values, import_checked

SEED = write_canvas(small_map())
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-canvas-"))
NAME = FOLDER / "fuzz.canvas"


def load(raw: bytes, skip_bad: bool) -> None:
    m = import_checked(NAME, raw, skip_bad)
    if m is not None:
        json.loads(write_canvas(m))


@examples("canvas")
@given(data=st.data())
def test_damaged_canvas_bytes_import_or_give_one_clear_line(data) -> None:
    load(damage_bytes(data, SEED), data.draw(st.booleans(), label="skip_bad"))


@examples("canvas")
@given(data=st.data())
def test_damaged_canvas_values_import_or_give_one_clear_line(data) -> None:
    tree = damage_values(data, json.loads(SEED))
    load(json.dumps(tree, ensure_ascii=data.draw(st.booleans())).encode("utf-8", "surrogatepass"),
         data.draw(st.booleans(), label="skip_bad"))  # fmt: skip
