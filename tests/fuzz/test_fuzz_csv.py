"""Fuzz target: CSV sheets. Damaged bytes of a real export and sheets made of header names,
synonyms, values, quotes and separators, in any encoding, either import as a valid map (whose
export imports again as the same cards, stages and lanes) or are refused with one line naming the
file; the parser never raises anything else (skip_bad or not, into a map or not)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from app.io.formats import import_map
from app.io.formats.csv_columns import COLUMNS, SYNONYMS
from app.io.formats.csv_export import write_csv
from app.model.schema import Map
from tests.model_factory import small_map

from .conftest import examples
from .damage import TEXT, damage_bytes, import_checked

SEED = write_csv(small_map(1))
HEADERS = [*COLUMNS, *(s for names in SYNONYMS.values() for s in names), "Stage", "LANE TYPE", "Moment of truth", "x", ""]
VALUES = ["", "A", "Actions", "pain points", "nonsense", "7", "3", "0", "-1", "3.0", "1e9", "yes", "no", "maybe",
          "#1f77b4", "red", "pain", "Ana; Bo", "a\\;b", "\\", "=1+1", "'=x", "s0", "l-act", "p1", "c-s0-l-act-0",
          '"', '""', "a\nb", "\r", ",", ";", "\t", "\x00", "\x01", "\ufeff", "Café"]  # fmt: skip
CELL = st.sampled_from(VALUES) | TEXT
#: mostly a header the import takes (stage, lane, title, any case and synonym, plus others), sometimes anything
USABLE = st.tuples(
    st.sampled_from(["stage", "Step", "PHASE"]), st.sampled_from(["lane", "Swimlane"]),
    st.sampled_from(["title", "Touchpoint"]), st.lists(st.sampled_from(HEADERS), max_size=5),
).flatmap(lambda t: st.permutations([t[0], t[1], t[2], *t[3]]))  # fmt: skip
HEADER = USABLE | st.lists(st.sampled_from(HEADERS) | TEXT, min_size=1, max_size=8)
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-csv-"))
NAME = FOLDER / "fuzz.csv"


def same(a: Map, b: Map) -> None:
    assert {c.id: c.model_dump() for c in a.cards} == {c.id: c.model_dump() for c in b.cards}
    assert [(s.id, s.name) for s in a.stages] == [(s.id, s.name) for s in b.stages]
    assert [(ln.id, ln.name, ln.type) for ln in a.lanes] == [(ln.id, ln.name, ln.type) for ln in b.lanes]


def load(raw: bytes, skip_bad: bool, into: Map | None) -> None:
    m = import_checked(NAME, raw, skip_bad, into)
    if m is None:
        return
    again = FOLDER / "again.csv"
    again.write_bytes(write_csv(m))
    same(import_map(again).map, m)


@examples("csv")
@given(data=st.data())
def test_damaged_exports_import_or_give_one_clear_line(data) -> None:
    into = small_map() if data.draw(st.booleans(), label="into") else None
    load(damage_bytes(data, SEED), data.draw(st.booleans(), label="skip_bad"), into)


@examples("csv")
@given(
    data=st.data(),
    header=HEADER,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]),
    skip_bad=st.booleans(),
    into=st.booleans(),
)
def test_made_up_sheets_import_or_give_one_clear_line(data, header, delimiter, encoding, quoting, skip_bad, into) -> None:
    n = len(header)
    row = st.lists(CELL, min_size=n, max_size=n) | st.lists(CELL, max_size=n + 2)  # mostly whole rows
    rows = data.draw(st.lists(row, max_size=8), label="rows")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, escapechar="\\" if quoting == csv.QUOTE_NONE else None)
    try:
        writer.writerows([header, *rows])
    except csv.Error:
        event("the writer refused")
        return
    raw = out.getvalue().encode(encoding, "replace" if encoding == "cp1252" else "surrogatepass")
    load(raw, skip_bad, small_map() if into else None)


@examples("csv")
@given(raw=st.binary(max_size=400), skip_bad=st.booleans())
def test_any_bytes_import_or_give_one_clear_line(raw, skip_bad) -> None:
    load(b"stage,lane,title\n" + raw, skip_bad, None)


# ------------------------------------------------------------------- any valid map round-trips
_BAD_CHARS = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters=_BAD_CHARS)
SPECIAL = st.sampled_from(["=1+1", "'=x", "''", "-3", "+49 30", "@ops", "a;b", "a\\;b", "\\", " lead", "trail ",
                           "\t", "line\r\nbreak", '"q"', "Café", "😀", "\u2028", "yes", "#1f77b4"])  # fmt: skip
WORDS = st.text(CHARS, max_size=30) | SPECIAL
LABEL = (st.text(CHARS, min_size=1, max_size=30) | SPECIAL).filter(str.strip)
RATING = st.none() | st.integers(1, 5)


@st.composite
def valid_maps(draw) -> Map:
    from app.model.schema import Card, CardKind, Lane, LaneType, Persona, Stage

    stages = [Stage(id=f"s{i}", name=draw(LABEL)) for i in range(draw(st.integers(1, 3)))]
    lanes = [Lane(id=f"l{i}", name=draw(LABEL), type=draw(st.sampled_from(list(LaneType))))
             for i in range(draw(st.integers(1, 3)))]  # fmt: skip
    personas = [Persona(id=f"p{i}", name=draw(LABEL)) for i in range(draw(st.integers(0, 2)))]
    cards = []
    for i in range(draw(st.integers(0, 6))):
        cards.append(Card(
            id=f"c{i}", stage_id=draw(st.sampled_from(stages)).id, lane_id=draw(st.sampled_from(lanes)).id,
            order=draw(st.integers(0, 10**6)), title=draw(WORDS), body=draw(WORDS), notes=draw(WORDS),
            kind=draw(st.sampled_from(list(CardKind))), channel=draw(WORDS), owner=draw(WORDS),
            persona_ids=draw(st.lists(st.sampled_from([p.id for p in personas]), unique=True)) if personas else [],
            moment_of_truth=draw(st.booleans()), pain_point=draw(st.booleans()),
            importance_internal=draw(RATING), performance_internal=draw(RATING),
            importance_customer=draw(RATING), performance_customer=draw(RATING),
            tags=draw(st.lists(st.text(CHARS, min_size=1, max_size=12) | SPECIAL, max_size=3)),
            colour=draw(st.sampled_from(["", "#AbCdEf", "#000000"])), votes=draw(st.integers(0, 10_000)),
        ))  # fmt: skip
    return Map(title="t", stages=stages, lanes=lanes, personas=personas, cards=cards)


@examples("csv")
@given(m=valid_maps())
def test_any_valid_map_round_trips_losslessly(m) -> None:
    NAME.write_bytes(write_csv(m))
    back = import_map(NAME).map
    same(back, m)
    used = {p for c in m.cards for p in c.persona_ids}
    assert {(p.id, p.name) for p in back.personas} == {(p.id, p.name) for p in m.personas if p.id in used}
