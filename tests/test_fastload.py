"""app.io.fastload: a valid map file at the current version is read by pydantic's JSON mode as the
same map the full reader gives; anything the full reader refuses (or cannot be vouched for) is
declined, so that the full reader reports it with the same message as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.io import jsonfile
from app.io.fastload import load_current
from app.io.jsonfile import MAX_NESTING, MapFileError, dumps_map, loads_map
from app.model.schema import Map

FIXTURES = Path(__file__).resolve().parent / "fixtures"
V2 = (FIXTURES / "schema-v2.journey.json").read_text(encoding="utf-8")
V1 = (FIXTURES / "schema-v1.journey.json").read_text(encoding="utf-8")
NAME = "m.journey.json"


def fast(text: str | bytes) -> Map | None:
    return load_current(text.encode("utf-8") if isinstance(text, str) else text, MAX_NESTING)


def full(text: str | bytes) -> Map | str:
    """What the full reader gives: the map, or the refusal's lines."""
    try:
        return jsonfile._load(text, NAME)
    except MapFileError as err:
        return "\n".join(err.problems)


def loaded(text: str | bytes) -> Map | str:
    try:
        return loads_map(text, NAME)
    except MapFileError as err:
        return "\n".join(err.problems)


def same_map(a: Map, b: Map) -> bool:
    return a == b and a.model_dump_json() == b.model_dump_json() and a.model_fields_set == b.model_fields_set


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# ------------------------------------------------------------------------------- accepted, same map


@pytest.mark.parametrize(
    "text",
    [
        V2,
        dumps_map(loads_map(V1)),  # the v1 fixture as this build saves it
        (Path(__file__).resolve().parents[1] / "resources/examples/b2b-hardware.journey.json").read_text("utf-8"),
        "\ufeff" + V2,  # a byte order mark, as the full reader tolerates
        V2.replace("\n", "\r\n").replace(": ", ":\t"),  # other whitespace after the colons
        edit(V2, '"title": "Places the order"', '"title": "Places the order \\u00e9\\n\\t\\/"'),  # escapes
    ],
    ids=["fixture", "v1-saved", "example", "bom", "crlf", "escapes"],
)
def test_a_valid_current_file_gives_the_full_readers_map(text: str) -> None:
    m = fast(text)
    assert m is not None
    reference = full(text)
    assert isinstance(reference, Map)
    assert same_map(m, reference)
    assert [c.model_fields_set for c in m.cards] == [c.model_fields_set for c in reference.cards]


def test_text_input_is_read_too() -> None:
    m = load_current(V2, MAX_NESTING)
    assert m is not None and same_map(m, full(V2))  # type: ignore[arg-type]
    assert load_current(edit(V2, '"Places the order"', '"Places \ud800 order"'), MAX_NESTING) is None


def test_loads_map_reads_a_valid_current_file_without_the_full_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: object, path: object) -> Map:
        raise AssertionError("the full reader ran")

    monkeypatch.setattr(jsonfile, "_load", refuse)
    assert loads_map(V2, NAME).title == "Laptop refresh — B2B purchase"


# ------------------------------------------------------------------ declined: the full reader decides


DUPLICATES = {
    "in a card": edit(V2, '"title": "Places the order",', '"title": "Places the order",\n"title": "Other",'),
    "in a card, same value": edit(V2, '"votes": 3,', '"votes": 3,\n"votes": 3,'),
    "unknown key in a card": edit(V2, '"paper": "yellow",', '"paper": "yellow",\n"paper": "blue",'),
    "in an extra field's nested object": edit(V2, '"room": "Salle 4",', '"room": "Salle 4",\n"room": "Salle 5",'),
    "in the envelope": edit(V2, '"schema_version": 2,', '"schema_version": 2,\n"format": "journeymap",'),
    "the map twice": V2.rstrip().removesuffix("}") + ',\n"map": {}}\n',
    "in the map": edit(V2, '"journey_type": "purchase",', '"journey_type": "purchase",\n"goal": "",'),
}


@pytest.mark.parametrize("text", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_duplicate_key_at_any_depth_is_declined_and_refused_as_before(text: str) -> None:
    assert fast(text) is None
    refusal = full(text)
    assert isinstance(refusal, str) and "duplicate key" in refusal
    assert loaded(text) == refusal


def test_a_key_spaced_from_its_colon_is_declined() -> None:
    """``"key" : value`` has no ``":``: counting alone would miss the duplicate below."""
    spaced = edit(V2, '"votes": 3,', '"votes" : 3,')
    assert fast(spaced) is None
    assert same_map(loaded(spaced), full(V2))  # type: ignore[arg-type]
    for space in (" ", "\n", "\t  ", "\r\n"):
        duplicate = edit(V2, '"votes": 3,', f'"votes": 3,\n"votes"{space}: 4,')
        assert fast(duplicate) is None
        assert "duplicate key" in loaded(duplicate)  # type: ignore[operator]


def test_a_quote_and_colon_inside_a_text_is_declined_safely() -> None:
    title = edit(V2, '"title": "Places the order"', '"title": "Says \\":\\" twice \\":"')
    assert fast(title) is None  # more '":' than keys: cannot tell, the full reader reads it
    m = loaded(title)
    assert isinstance(m, Map) and m.cards[0].title == 'Says ":" twice ":'
    # two '\":' in the text and one duplicate key: still declined, then refused
    both = edit(title, '"votes": 3,', '"votes": 3,\n"votes": 3,')
    assert fast(both) is None and "duplicate key" in loaded(both)  # type: ignore[operator]


@pytest.mark.parametrize("number", ["1e309", "-1e400", "NaN", "Infinity", "-Infinity", "1" + "0" * 400 + ".0"])
def test_a_non_finite_number_in_an_unknown_field_is_declined(number: str) -> None:
    text = edit(V2, '"paper": "yellow",', f'"paper": [{{"deep": {number}}}],')
    assert fast(text) is None
    refusal = full(text)
    assert isinstance(refusal, str) and loaded(text) == refusal


@pytest.mark.parametrize("number", ["1e309", "NaN", "Infinity"])
def test_a_non_finite_number_in_a_known_field_is_declined(number: str) -> None:
    text = edit(V2, '"value": 0.82,', f'"value": {number},')
    assert fast(text) is None
    assert loaded(text) == full(text)


def test_a_huge_integer_is_declined_as_the_full_reader_refuses_it() -> None:
    text = edit(V2, '"votes": 3,', f'"votes": 3, "x_big": {"9" * 4301},')
    assert fast(text) is None
    assert "4301 digits" in loaded(text)  # type: ignore[operator]
    ok = edit(V2, '"votes": 3,', f'"votes": 3, "x_big": {"9" * 4300},')
    m = fast(ok)
    assert m is not None and same_map(m, full(ok))  # type: ignore[arg-type]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\\\\\ud800", "\\udbff\\ud800"])
def test_a_lone_surrogate_escape_is_declined(escape: str) -> None:
    text = edit(V2, '"Places the order"', f'"Places {escape} order"')
    assert fast(text) is None
    refusal = full(text)
    assert isinstance(refusal, str) and loaded(text) == refusal


def test_a_surrogate_pair_escape_gives_the_same_map() -> None:
    text = edit(V2, '"Places the order"', '"Places \\ud83d\\ude00 order"')
    m = loaded(text)
    assert isinstance(m, Map) and m.cards[0].title == "Places \U0001f600 order" and same_map(m, full(text))  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["2.0", '"2"', "true", "1", "3", "-0", "20e-1"])
def test_a_schema_version_other_than_the_integer_2_is_declined(version: str) -> None:
    text = edit(V2, '"schema_version": 2,', f'"schema_version": {version},')
    assert fast(text) is None
    assert loaded(text) == full(text)


def test_an_older_file_is_declined_before_validation_and_upgraded() -> None:
    assert fast(V1) is None
    assert same_map(loaded(V1), full(V1))  # type: ignore[arg-type]


@pytest.mark.parametrize("levels", [MAX_NESTING - 5, MAX_NESTING - 4, 150, 300])
def test_nesting_is_checked_as_the_full_reader_does(levels: int) -> None:
    # the card object is level 4, x_sticky level 5: levels-4 more lists reach level `levels`
    text = edit(V2, '"paper": "yellow",', f'"paper": {"[" * (levels - 5)}1{"]" * (levels - 5)},')
    reference = full(text)
    m = fast(text)
    if levels <= MAX_NESTING:
        assert isinstance(reference, Map) and m is not None and same_map(m, reference)
    else:
        assert m is None and isinstance(reference, str) and "nesting is too deep" in reference
    assert loaded(text) == reference if isinstance(reference, str) else same_map(loaded(text), reference)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        V2[:-40],
        V2.replace('"format": "journeymap"', '"format": "journeymaps"'),
        edit(V2, '"map": {', '"extra": 1, "map": {'),
        V2.replace('"p-ana"\n', '"p-nobody"\n', 1),  # a card naming a persona that does not exist
        edit(V2, '"votes": 3,', '"votes": -4,'),
        edit(V2, '"Places the order"', '"Places \\u0001 order"'),
        V2.encode("utf-16"),
        V2.encode("utf-8") + b"\xff",
        edit(V2, '"Places the order"', '"Places \u00e9 order"').encode("latin-1", "replace"),
    ],
    ids=["empty", "blank", "cut", "format", "envelope-key", "reference", "range", "control", "utf16", "bad-byte", "latin1"],
)
def test_every_refusal_is_the_full_readers(text: str | bytes) -> None:
    assert fast(text) is None
    refusal = full(text)
    assert isinstance(refusal, str)
    assert loaded(text) == refusal
