"""Fuzz target: Mermaid journey files. Damaged bytes of a real journey and lines made of the
grammar's pieces either import as a valid map, whose export imports again as the same journey,
or are refused with one line naming the file; the parser never raises anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.io.formats import import_map
from app.io.formats.mermaid import map_to_journey, write_mermaid

from .conftest import examples
from .damage import TEXT, damage_bytes, import_checked

SEED = b"""---
title: Front
---
%% comment
journey
    title My working day
    accTitle: A day
    accDescr {
      several
      lines }
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me, Cat  # the cat
    section Go<br>home
      Sit down: 2
"""
PIECES = ["journey", "JOURNEY", "title", "title x", "section", "section s", "Section a:b", "t: 3", "t: 3: Me, You",
          "t: 0", "t: 6", "t: x", "t:", ": 1", "a: 1: b: c", "accTitle: x", "accDescr: y", "accDescr {", "}", "---",
          "%%", "%%{init: {}}%%", "# c", ";", "<br>", "<BR/>", "\u200b", "\r", "\t", " ", ",", ":", "title: 5"]  # fmt: skip
LINE = st.lists(st.sampled_from(PIECES) | TEXT, max_size=4).map(" ".join)
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-mermaid-"))
NAME = FOLDER / "fuzz.mmd"


def load(raw: bytes, skip_bad: bool) -> None:
    m = import_checked(NAME, raw, skip_bad)
    if m is None:
        return
    again = FOLDER / "again.mmd"
    again.write_bytes(write_mermaid(m))
    assert map_to_journey(import_map(again).map) == map_to_journey(m)


@examples("mermaid")
@given(data=st.data())
def test_damaged_journeys_import_or_give_one_clear_line(data) -> None:
    load(damage_bytes(data, SEED), data.draw(st.booleans(), label="skip_bad"))


@examples("mermaid")
@given(lines=st.lists(LINE, max_size=12), header=st.booleans(), skip_bad=st.booleans())
def test_lines_of_the_grammar_import_or_give_one_clear_line(lines, header, skip_bad) -> None:
    text = "\n".join((["journey"] if header else []) + lines)
    load(text.encode("utf-8", "surrogatepass"), skip_bad)
