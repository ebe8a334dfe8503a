"""CSV import and export (app/io/formats/csv_*): lossless round trips of exports, hand-made
sheets in every separator and encoding, synonyms, every kind of bad input with its row and
column, skip_bad, and adding to an existing map (as one undo step)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.io.formats import EXPORTERS, IMPORTERS, FormatError, export_map, import_map
from app.io.formats.additions import additions_command, count_added
from app.io.formats.csv_columns import COLUMNS
from app.io.formats.csv_export import write_csv
from app.io.formats.csv_import import read_csv_map
from app.io.jsonfile import dumps_map
from app.model.commands import run
from app.model.document import Document
from app.model.schema import Card, CardKind, EmotionCurve, EmotionPoint, Lane, LaneType, Link, Map, Stage
from app.model.validation import check_references
from tests.model_factory import small_map


def rich_map() -> Map:
    """small_map with every card field set somewhere, text a spreadsheet would misread, an empty
    stage, and lanes whose first cards come in another order than the lanes."""
    m = small_map()
    m.stages.append(Stage(id="s-empty", name="Nothing here yet"))
    m.lanes.insert(0, Lane(id="l-quiet", name="Quiet lane", type=LaneType.OPPORTUNITIES))
    first = m.cards[0]
    m.cards[0] = first.model_copy(update={
        "title": "=HYPERLINK(\"http://evil\")", "body": "Línea 1\nLine 2, with \"quotes\"; and ;semicolons",
        "kind": CardKind.PAIN, "channel": "+phone", "owner": "@ops", "persona_ids": ["p2", "p1"],
        "moment_of_truth": True, "pain_point": True, "importance_internal": 1, "performance_internal": 2,
        "importance_customer": 4, "performance_customer": 5,
        "tags": ["a;b", "back\\slash", " padded ", "'=quoted", "-minus"], "colour": "#AbCdEf", "votes": 7,
        "notes": "-3 dB\r\nend", "order": 5000})  # fmt: skip
    m.cards.append(Card(id="c-tail", stage_id="s2", lane_id="l-feel", order=0, title="'apostrophe first"))
    return m


def cards_by_id(m: Map) -> dict[str, dict]:
    return {c.id: c.model_dump() for c in m.cards}


def stacks(m: Map) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for c in sorted(m.cards, key=lambda c: (c.order, c.id)):
        out.setdefault((c.stage_id, c.lane_id), []).append(c.id)
    return out


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------------------- round trip
def test_registry_names_csv_both_ways() -> None:
    assert ".csv" in IMPORTERS and ".csv" in EXPORTERS


def test_export_is_utf8_with_bom_and_every_card_field(tmp_path: Path) -> None:
    m = rich_map()
    data = write_csv(m)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    card_fields = set(Card.model_fields) - {"id", "stage_id", "lane_id", "persona_ids"}
    assert card_fields <= set(COLUMNS)
    by_id = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:] if row[0]}
    first = by_id[m.cards[0].id]
    assert first["title"] == "'=HYPERLINK(\"http://evil\")"  # never runs as a formula
    assert first["stage"] == "Stage 0" and first["stage_id"] == "s0" and first["lane_id"] == "l-act"
    assert first["personas"] == "Bo; Ana" and first["persona_ids"] == "p2; p1"
    assert first["tags"] == "a\\;b; back\\\\slash; \\ padded\\ ; '=quoted; -minus"
    assert first["moment_of_truth"] == "yes" and first["importance_customer"] == "4"
    assert len(by_id) == len(m.cards)


def test_round_trip_returns_the_same_cards_in_the_same_cells_and_order(tmp_path: Path) -> None:
    m = rich_map()
    path = tmp_path / "out.csv"
    export_map(m, path)
    result = import_map(path)
    back = result.map
    assert result.skipped == []
    assert cards_by_id(back) == cards_by_id(m)
    assert stacks(back) == stacks(m)
    assert [(s.id, s.name) for s in back.stages] == [(s.id, s.name) for s in m.stages]
    assert [(ln.id, ln.name, ln.type) for ln in back.lanes] == [(ln.id, ln.name, ln.type) for ln in m.lanes]
    assert [(p.id, p.name) for p in back.personas] == [("p2", "Bo"), ("p1", "Ana")]
    assert check_references(back) == []
    assert back.title == "out"


def test_a_second_round_trip_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_csv(rich_map())
    path = tmp_path / "again.csv"
    path.write_bytes(first)
    assert write_csv(read_csv_map(path).map) == first


# ---------------------------------------------------------------------------- hand-made sheets
HAND = [
    ["Phase", "Swimlane", "Touchpoint", "Description"],
    ["Entdecken", "Kunde", "Anzeige gesehen", "Plakat am Bahnhof, Café Müller"],
    ["", "Schmerzpunkte", "Zu teuer", "Preis – 20 % über Erwartung"],
    ["Kaufen", "Kunde", "Bestellt", ""],
    ["Entdecken", "Kunde", "Freund fragt", "zweite Karte"],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_hand_made_sheet_in_each_separator_and_encoding(tmp_path: Path, delimiter: str, encoding: str) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(HAND)
    m = read_csv_map(write(tmp_path, out.getvalue(), encoding)).map
    assert [s.name for s in m.stages] == ["Entdecken", "Kaufen"]
    assert [ln.name for ln in m.lanes] == ["Kunde", "Schmerzpunkte"]
    stage = {s.id: s.name for s in m.stages}
    lane = {ln.id: ln.name for ln in m.lanes}
    got = [(stage[c.stage_id], lane[c.lane_id], c.title, c.body) for c in m.cards]
    assert got == [
        ("Entdecken", "Kunde", "Anzeige gesehen", "Plakat am Bahnhof, Café Müller"),
        ("Entdecken", "Schmerzpunkte", "Zu teuer", "Preis – 20 % über Erwartung"),  # stage filled down
        ("Kaufen", "Kunde", "Bestellt", ""),
        ("Entdecken", "Kunde", "Freund fragt", "zweite Karte"),
    ]
    kunde = [c for c in m.cards if lane[c.lane_id] == "Kunde" and stage[c.stage_id] == "Entdecken"]
    assert [c.title for c in sorted(kunde, key=lambda c: c.order)] == ["Anzeige gesehen", "Freund fragt"]


@pytest.mark.parametrize(
    "header",
    [
        "stage,lane,title,body",
        "STAGE,LANE,TITLE,BODY",
        "Step,Swim lane,Touchpoint,Description",
        "phase,swimlane,Title,details",
        " Stage , Lane , Title , Text ",
    ],
)
def test_header_synonyms_any_case(tmp_path: Path, header: str) -> None:
    m = read_csv_map(write(tmp_path, f"{header}\nAware,Actions,Sees ad,On the train\n")).map
    assert (m.stages[0].name, m.lanes[0].name, m.cards[0].title, m.cards[0].body) == (
        "Aware", "Actions", "Sees ad", "On the train")  # fmt: skip


def test_columns_in_any_order_and_unknown_columns_ignored(tmp_path: Path) -> None:
    text = "Comment,Title,Whatever,Lane,Stage,Tags,Owner\nnote,Calls,x,Support,Fix,urgent; phone,Team B\n"
    m = read_csv_map(write(tmp_path, text)).map
    card = m.cards[0]
    assert (card.title, card.notes, card.tags, card.owner) == ("Calls", "note", ["urgent", "phone"], "Team B")


def test_lane_types_from_the_column_or_the_name_and_kinds_as_the_editor_gives(tmp_path: Path) -> None:
    text = (
        "stage,lane,lane type,title\n"
        "A,Gripes,Pain points,Slow\n"
        "A,Doing,actions,Click\n"
        "A,Pain points,,Too dear\n"
        "A,Misc,,Other\n"
        "A,Backstage,on-stage,Agent\n"
    )
    m = read_csv_map(write(tmp_path, text)).map
    assert [(ln.name, ln.type) for ln in m.lanes] == [
        ("Gripes", LaneType.PAIN_POINTS), ("Doing", LaneType.ACTIONS), ("Pain points", LaneType.PAIN_POINTS),
        ("Misc", LaneType.TEXT), ("Backstage", LaneType.ON_STAGE)]  # fmt: skip
    assert [c.kind for c in m.cards] == [CardKind.PAIN, CardKind.ACTION, CardKind.PAIN, CardKind.NOTE, CardKind.PROCESS]


def test_values_spreadsheets_write(tmp_path: Path) -> None:
    text = (
        "stage,lane,title,moment of truth,pain point,importance_customer,votes,colour,kind,personas\n"
        "A,L,One,Yes,x,4,12,1f77b4,Pain point,Ana; Bo\n"
        "A,L,Two,FALSE,,3.0,,#00FF00,opportunity,ana\n"
    )
    m = read_csv_map(write(tmp_path, text)).map
    one, two = m.cards
    assert (one.moment_of_truth, one.pain_point, one.importance_customer, one.votes, one.colour, one.kind) == (
        True, True, 4, 12, "#1f77b4", CardKind.PAIN)  # fmt: skip
    assert (two.moment_of_truth, two.importance_customer, two.colour, two.kind) == (
        False, 3, "#00FF00", CardKind.OPPORTUNITY)  # fmt: skip
    assert [p.name for p in m.personas] == ["Ana", "Bo"]
    assert two.persona_ids == [m.personas[0].id]  # matched by name, any case


def test_a_row_with_only_stage_and_lane_makes_them_without_a_card(tmp_path: Path) -> None:
    m = read_csv_map(write(tmp_path, "stage,lane,title\nFirst,Actions,\nSecond,Thoughts,Hmm\n")).map
    assert [s.name for s in m.stages] == ["First", "Second"]
    assert [c.title for c in m.cards] == ["Hmm"]


def test_blank_rows_and_a_leading_blank_line_are_skipped(tmp_path: Path) -> None:
    m = read_csv_map(write(tmp_path, "\n,,\nstage,lane,title\n\nA,B,C\n,,\n")).map
    assert [c.title for c in m.cards] == ["C"]


# ---------------------------------------------------------------------------- bad input
BAD = [
    ('stage,lane,title\nA,B,"never closed\nC,D,E\n', "row 2, column 3: a quote opened on line 2 is never closed"),
    ('stage,lane,title\nA,"B"x,C\n', "row 2, column 2: ',' expected after the closing quote, found 'x'"),
    ("stage,lane,title\nA,B,C,D\n",
     "row 2, column 4: the row has 4 cells, the header 3 (a separator inside a cell that is not quoted?)"),
    ("stage,lane,title\nA,B\n", "row 2, column 'title': missing: the row has 2 cells, the header 3"),
    ("stage,lane,Lane Type,title\nA,B,swimming,C\n",
     "row 2, column 'Lane Type': unknown lane type 'swimming' (one of actions, thoughts, feelings, touchpoints, "
     "channels, on_stage, backstage, support, pain_points, opportunities, owners, metrics, text)"),
    ("stage,lane,title,importance_customer\nA,B,C,3\nA,B,D,7\n",
     "row 3, column 'importance_customer': rating 7 is out of range 1..5"),
    ("stage,lane,title,Performance Internal\nA,B,C,good\n",
     "row 2, column 'Performance Internal': 'good' is not a rating (a whole number 1..5)"),
    ("stage,lane,title,votes\nA,B,C,-1\n", "row 2, column 'votes': votes -1 is out of range 0..10000"),
    ("stage,lane,title,order\nA,B,C," + "9" * 5000 + "\n",
     "row 2, column 'order': '" + "9" * 40 + "…' is not an order (a whole number 0..4611686018427387904)"),
    ("stage,lane,title,kind\nA,B,C,banana\n",
     "row 2, column 'kind': unknown kind 'banana' (one of touchpoint, action, thought, pain, opportunity, process, note)"),
    ("stage,lane,title,mot\nA,B,C,maybe\n", "row 2, column 'mot': 'maybe' is not yes or no"),
    ("stage,lane,title,color\nA,B,C,red\n", "row 2, column 'color': 'red' is not a colour like #1F77B4"),
    ("stage,lane,title\nA,B," + "t" * 201 + "\n", "row 2, column 'title': text is too long (at most 200 characters)"),
    ("stage,lane,title\nA,B,bell\x07\n", "row 2, column 'title': control character U+0007 is not allowed"),
    ("stage,lane,title\n,B,C\n", "row 2, column 'stage': empty, and no row above names a stage"),
    ("Stage,Lane,Titel\nA,B,C\n", "row 1: no 'title' column (or touchpoint, card_title, name, heading); "
     "the header (comma separated) has 'Stage', 'Lane', 'Titel'"),
    ("Stage,Step,Lane,Title\nA,B,C,D\n", "row 1, column 'Step': names the same column as 'Stage' (stage)"),
    ("", "the sheet is empty (expected a header row with stage, lane and title)"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_input_is_one_line_naming_file_row_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FormatError) as err:
        read_csv_map(path)
    assert str(err.value) == f"{path}: {message}"


def test_a_50_mb_cell_is_refused_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"stage,lane,title,body\nA,B,C,D\nA,B,C," + b"x" * (50 * 2**20) + b"\n")
    with pytest.raises(FormatError) as err:
        read_csv_map(path)
    assert str(err.value) == f"{path}: row 3, column 'body': the cell holds 52,428,800 characters; at most 10,000 are allowed"


def test_bytes_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"stage,lane,title\nA,B,\xe9t\xe9\nA,B,\x81\n")
    with pytest.raises(FormatError) as err:
        read_csv_map(path)
    assert str(err.value) == (f"{path}: line 3: not UTF-8 or Windows-1252 text: byte 0x81 cannot be read "
                              "(save the sheet as CSV UTF-8)")  # fmt: skip


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(FormatError) as err:
        read_csv_map(tmp_path / "nope.csv")
    assert str(err.value) == f"{tmp_path / 'nope.csv'}: cannot read: no such file"


def test_skip_bad_imports_the_good_rows_and_lists_the_bad(tmp_path: Path) -> None:
    text = (
        "stage,lane,title,importance_customer,lane type\n"
        "A,L,good one,3,\n"
        "A,L,bad rating,7,\n"
        ",L,filled down,,\n"
        "B,M,bad lane type,,nonsense\n"
        "B,L,good two,,\n"
        "A,L,ragged\n"
    )
    path = write(tmp_path, text)
    result = read_csv_map(path, skip_bad=True)
    assert [c.title for c in result.map.cards] == ["good one", "filled down", "good two"]
    assert [s.name for s in result.map.stages] == ["A", "B"]
    assert [ln.name for ln in result.map.lanes] == ["L"]  # the bad row's lane M was never made
    assert [str(p) for p in result.skipped] == [
        f"{path}: row 3, column 'importance_customer': rating 7 is out of range 1..5",
        f"{path}: row 5, column 'lane type': unknown lane type 'nonsense' (one of actions, thoughts, feelings, "
        "touchpoints, channels, on_stage, backstage, support, pain_points, opportunities, owners, metrics, text)",
        f"{path}: row 7, column 'importance_customer': missing: the row has 3 cells, the header 5",
    ]


def test_skip_bad_still_refuses_a_broken_file(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="never closed"):
        read_csv_map(write(tmp_path, 'stage,lane,title\nA,B,"open\n'), skip_bad=True)


# ---------------------------------------------------------------------------- into an existing map
def test_into_matches_names_adds_after_existing_cards_and_leaves_the_map_alone(tmp_path: Path) -> None:
    existing = small_map()
    before = dumps_map(existing)
    text = "stage,lane,title,personas\nstage 1,ACTIONS,Added,bo\nBrand new,Actions,Also added,Cleo\n"
    result = read_csv_map(write(tmp_path, text), into=existing)
    m = result.map
    assert dumps_map(existing) == before
    assert [s.name for s in m.stages] == ["Stage 0", "Stage 1", "Stage 2", "Brand new"]
    assert [ln.id for ln in m.lanes] == [ln.id for ln in existing.lanes]
    added = {c.title: c for c in m.cards if c.title in ("Added", "Also added")}
    assert (added["Added"].stage_id, added["Added"].lane_id, added["Added"].persona_ids) == ("s1", "l-act", ["p2"])
    assert [p.name for p in m.personas] == ["Ana", "Bo", "Cleo"]
    cell = [c for c in sorted(m.cards, key=lambda c: (c.order, c.id)) if (c.stage_id, c.lane_id) == ("s1", "l-act")]
    assert cell[-1].title == "Added"
    assert check_references(m) == []


def test_into_as_one_undo_step(tmp_path: Path) -> None:
    existing = small_map()
    export = write(tmp_path, write_csv(small_map()).decode("utf-8-sig"), name="again.csv")
    result = read_csv_map(export, into=existing)  # the same cards again: fresh ids, after the old ones
    assert len(result.map.cards) == 2 * len(existing.cards)
    doc = Document(existing.model_copy(deep=True))
    before = dumps_map(doc.map)
    command = additions_command(doc.map, result.map, "Import sheet")
    assert count_added(command) == {"card": len(existing.cards)}
    run(doc, command)
    assert cards_by_id(doc.map) == cards_by_id(result.map)
    run(doc, command, undo=True)
    assert dumps_map(doc.map) == before
    run(doc, command)  # redo
    assert cards_by_id(doc.map) == cards_by_id(result.map)


def test_additions_of_curves_points_and_links_in_one_step() -> None:
    """What a Mermaid or Canvas import adds besides cards: a point on an existing curve, a new
    curve, a link, each at its place; undo takes all of it back."""
    before = small_map()
    after = before.model_copy(deep=True)
    after.curves[0].points.insert(1, EmotionPoint(id="pt-new", stage_id="s1", x=0.2, value=2))
    after.curves.append(EmotionCurve(id="cv-new", name="Imported", points=[EmotionPoint(id="pt-x", stage_id="s0")]))
    after.links.append(Link(id="lk-new", source_id=after.cards[0].id, target_id=after.cards[3].id, label="then"))
    command = additions_command(before, after)
    assert count_added(command) == {"curve": 1, "link": 1, "point": 1}
    doc = Document(before.model_copy(deep=True))
    run(doc, command)
    assert json.loads(dumps_map(doc.map)) == json.loads(dumps_map(after))
    run(doc, command, undo=True)
    assert dumps_map(doc.map) == dumps_map(before)


def test_more_cards_than_a_map_holds_is_refused_at_the_first_row_too_many(tmp_path: Path, monkeypatch) -> None:
    import app.io.formats.csv_import as csv_import

    monkeypatch.setattr(csv_import, "MAX_CARDS", 3)
    path = write(tmp_path, "stage,lane,title\n" + "".join(f"A,B,card {i}\n" for i in range(5)))
    with pytest.raises(FormatError) as err:
        read_csv_map(path)
    assert str(err.value) == f"{path}: row 5: too many cards: a map holds at most 3"
    with pytest.raises(FormatError, match="row 2: too many cards"):
        read_csv_map(path, into=small_map())  # 18 cards already: none may be added
