"""Fuzz target: JSON Canvas files. Damaged bytes and damaged values of a canvas this program
exported either import as a valid map that exports again, or are refused with one line naming
the file; the reader never raises anything else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from app.io.formats import FormatError, import_map
from app.io.formats.json_canvas import write_canvas
from tests.model_factory import small_map

from .conftest import examples
from .damage import check_accepted, check_refusal, damage_bytes, damage_values

SEED = write_canvas(small_map())
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-canvas-"))
NAME = FOLDER / "fuzz.canvas"


def load(raw: bytes, skip_bad: bool) -> None:
    NAME.write_bytes(raw)
    try:
        result = import_map(NAME, skip_bad=skip_bad)
    except FormatError as err:
        event("refused")
        check_refusal(err, str(NAME))
        return
    event("imported")
    for problem in result.skipped:
        check_refusal(problem, str(NAME))
    check_accepted(result.map)
    json.loads(write_canvas(result.map))


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
