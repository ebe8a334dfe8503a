"""Mermaid journey diagrams in and out of a map (app/io/formats/mermaid.py), through the format
registry (import_map / export_map, what the CLI and the editor call)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.io.formats import EXPORTERS, IMPORTERS, FormatError, export_map, import_map
from app.io.formats.mermaid import NO_PERSONA_CURVE, score_to_value, value_to_score
from app.io.jsonfile import dumps_map, load_map, loads_map
from app.io.templates import example_path
from app.model.schema import Card, EmotionCurve, EmotionPoint, LaneType, Map, Perspective
from app.model.validation import check_references

DAY = """\
%%{init: {"theme": "forest"}}%%
%% my working day
journey
    title My working day
    accTitle: A working day
    accDescr {
        How a day
        at work feels
    }
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me, Cat   # the cat follows
      Do work: 1: Me
    section Go<br>home
      Go downstairs: 5: Me
      Sit down: 2
"""


def write(tmp_path: Path, text: str | bytes, name: str = "day.mmd") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def read(tmp_path: Path, text: str, name: str = "day.mmd", **kwargs) -> Map:
    result = import_map(write(tmp_path, text, name), **kwargs)
    loads_map(dumps_map(result.map), "again.journey.json")  # a valid map: saves and loads again
    assert check_references(result.map) == []
    return result.map


def journey_of(m: Map) -> tuple:
    """What a Mermaid journey holds, read from the map itself: title, and per stage the tasks of the
    actions lane with their actors and scores (each actor's customer point on the card)."""
    lane = next(lane for lane in m.lanes if lane.type is LaneType.ACTIONS)
    names = {p.id: p.name for p in m.personas}
    points: dict[str, dict[str | None, float]] = {}
    for curve in m.curves:
        if curve.perspective is Perspective.CUSTOMER:
            for p in curve.points:
                points.setdefault(p.card_id, {})[curve.persona_id] = p.value
    sections = []
    for stage in m.stages:
        cards = sorted((c for c in m.cards if c.stage_id == stage.id and c.lane_id == lane.id), key=lambda c: c.order)
        tasks = []
        for c in cards:
            values = points.get(c.id, {})
            actors = [names[pid] for pid in c.persona_ids if pid in values]
            scores = {value_to_score(v) for v in values.values()}
            tasks.append((c.title, scores.pop() if len(scores) == 1 else None, actors))
        sections.append((stage.name, tasks))
    return m.title, sections


def test_the_grammar_reads_into_stages_cards_personas_and_points(tmp_path):
    m = read(tmp_path, DAY)
    assert m.title == "My working day"
    assert m.goal == "How a day\nat work feels"
    assert m.acc_title == "A working day"
    assert [s.name for s in m.stages] == ["Go to work", "Go\nhome"]
    assert [p.name for p in m.personas] == ["Me", "Cat"]
    assert journey_of(m)[1] == [
        ("Go to work", [("Make tea", 5, ["Me"]), ("Go upstairs", 3, ["Me", "Cat"]), ("Do work", 1, ["Me"])]),
        ("Go\nhome", [("Go downstairs", 5, ["Me"]), ("Sit down", 2, [])]),
    ]
    actions = next(lane for lane in m.lanes if lane.type is LaneType.ACTIONS)
    assert {c.lane_id for c in m.cards} == {actions.id}
    assert any(lane.type is LaneType.FEELINGS for lane in m.lanes)  # the curves have a lane to run in
    me = next(c for c in m.curves if c.persona_id == m.personas[0].id)
    assert me.perspective is Perspective.CUSTOMER
    assert [p.value for p in me.points] == [3.0, 0.0, -3.0, 3.0]
    tea = next(c for c in m.cards if c.title == "Make tea")
    assert me.points[0].card_id == tea.id and me.points[0].stage_id == tea.stage_id
    assert [round(p.x, 3) for p in me.points[:3]] == [0.167, 0.5, 0.833]  # spread over the column in order
    plain = next(c for c in m.curves if c.persona_id is None)
    assert plain.name == NO_PERSONA_CURVE and [p.value for p in plain.points] == [-1.5]


def test_keywords_are_case_insensitive_and_actors_optional(tmp_path):
    m = read(tmp_path, "JOURNEY\n  TITLE Shouting\n  Section One\n    A: 4\n  SECTION Two\n    B: 2:  You ,Me,\n")
    assert m.title == "Shouting"
    assert journey_of(m)[1] == [("One", [("A", 4, [])]), ("Two", [("B", 2, ["You", "Me"])])]


def test_front_matter_title_comments_and_blank_lines(tmp_path):
    text = "---\ntitle: From the front\nconfig:\n  theme: dark\n---\n\n%% note\njourney\n\n  section S  # one\n    T: 3\n"
    m = read(tmp_path, text)
    assert m.title == "From the front"
    assert journey_of(m)[1] == [("S", [("T", 3, [])])]


def test_without_a_title_the_map_is_named_for_the_file(tmp_path):
    assert read(tmp_path, "journey\nsection A\n  t: 3\n", name="checkout.flow.mermaid").title == "checkout"


@pytest.mark.parametrize(("score", "value"), [(1, -3.0), (2, -1.5), (3, 0.0), (4, 1.5), (5, 3.0)])
def test_scores_1_to_5_map_onto_minus_3_to_plus_3_and_back(score, value):
    assert score_to_value(score) == value
    assert value_to_score(value) == score


@pytest.mark.parametrize(("value", "score"), [(-2.0, 2), (-1.0, 2), (-0.75, 2), (-0.7, 3), (0.7, 3), (0.75, 4),
                                              (1.0, 4), (2.0, 4), (2.3, 5), (-2.3, 1)])  # fmt: skip
def test_values_between_scores_round_to_the_nearest_halves_away_from_neutral(value, score):
    assert value_to_score(value) == score


def test_import_export_import_returns_the_same_journey(tmp_path):
    first = read(tmp_path, DAY)
    out = tmp_path / "out.mmd"
    export_map(first, out)
    second = read(tmp_path, out.read_text("utf-8"), name="again.mmd")
    assert journey_of(second) == journey_of(first)
    assert second.goal == first.goal and second.acc_title == first.acc_title
    assert out.read_text("utf-8").splitlines()[:2] == ["journey", "    title My working day"]
    assert "    section Go<br>home" in out.read_text("utf-8").splitlines()


def test_a_line_break_in_the_title_is_written_as_it_was_read(tmp_path):
    """'<br>' in a title line is a line break in the map's title, and an export writes it back
    as '<br>' (it wrote a space, found by the fuzz suite)."""
    m = read(tmp_path, "journey\n  title First<br>second\n  section S\n    T: 3\n")
    assert m.title == "First\nsecond"
    out = tmp_path / "title.mmd"
    export_map(m, out)
    assert "    title First<br>second" in out.read_text("utf-8").splitlines()
    assert read(tmp_path, out.read_text("utf-8"), name="title-again.mmd").title == "First\nsecond"


def test_export_escapes_what_the_grammar_reserves_and_reads_it_back(tmp_path):
    m = read(tmp_path, "journey\n  section A\n    x: 3: P\n")
    stage, card = m.stages[0], m.cards[0]
    stage.name = "Plan; then #1\nnext %% of it"
    odd = ["Step 1: call #2; done", "title page", "Section break", "journey planning", "", "two  spaces",
           "% off", "%% not a comment", "5%% off", "50%% more"]  # fmt: skip
    card.title = odd[0]
    for i, title in enumerate(odd[1:], 1):
        m.cards.append(card.model_copy(update={"id": f"c{i}", "title": title, "order": card.order + i}))
    m.personas[0].name = "Smith, J: admin"
    m.title = "Title: with # and ;"
    out = tmp_path / "odd.mmd"
    export_map(m, out)
    text = out.read_text("utf-8")
    for line in text.splitlines()[1:]:
        assert ";" not in line and "#" not in line, line  # Mermaid's lexer would stop there
    back = read(tmp_path, text, name="odd-again.mmd")
    assert back.stages[0].name == "Plan； then ＃1\nnext %% of it"  # '%%' inside a section line: no comment
    # Mermaid's lexer takes '%%' for a comment where a token starts (at a task line's first or
    # second character): only there the second '%' is written in full width
    assert [c.title for c in back.cards] == ["Step 1： call ＃2； done", *odd[1:-3], "%％ not a comment", "5%％ off",
                                             "50%% more"]  # fmt: skip
    assert [p.name for p in back.personas] == ["Smith， J： admin"]
    assert back.title == "Title: with ＃ and ；"


def test_percent_signs_are_comments_where_mermaid_lexes_them_so(tmp_path):
    """journey.jison skips '%%' to the end of the line where a token starts: at a line's first
    character, or at its second after anything but '}'. Further on, '%%' is text (a section
    name, a task name's middle, actors); the fuzz suite found a section named '%% comment' that
    an export wrote back as '%％ comment'."""
    m = read(tmp_path, "journey\n  section %% comment\n    Make %% tea: 5: Me %% you\n    x%% gone: 3\n"
                       "    }%% kept: 2\n  %%{init: {}}%%\n  x%%\n")  # fmt: skip
    assert [s.name for s in m.stages] == ["%% comment"]
    assert [c.title for c in m.cards] == ["Make %% tea", "}%% kept"]
    assert [p.name for p in m.personas] == ["Me %% you"]
    out = tmp_path / "percent.mmd"
    export_map(m, out)
    text = out.read_text("utf-8")
    assert "    section \u200b%% comment" in text.splitlines() and "％" not in text  # (a name starting '%')
    assert journey_of(read(tmp_path, text, name="percent-again.mmd")) == journey_of(m)


def test_export_takes_the_mean_of_differing_actors_and_neutral_for_no_point(tmp_path):
    m = read(tmp_path, "journey\n  section A\n    both: 5: P, Q\n    none: 1\n")
    q = next(c for c in m.curves if c.persona_id == m.personas[1].id)
    q.points[0].value = -3.0  # P says +3, Q says -3 on the same card: the mean is neutral
    plain = next(c for c in m.curves if c.persona_id is None)
    plain.points.clear()
    text = export_text(tmp_path, m)
    assert text.splitlines()[-2:] == ["      both: 3: P, Q", "      none: 3"]


def export_text(tmp_path: Path, m: Map, name: str = "x.mmd") -> str:
    export_map(m, tmp_path / name)
    return (tmp_path / name).read_text("utf-8")


def test_export_of_the_example_map_writes_its_actions_lane(tmp_path):
    m = load_map(example_path())
    text = export_text(tmp_path, m)
    again = read(tmp_path, text, name="example-again.mmd")
    assert [s.name for s in again.stages] == [s.name for s in m.stages]
    lane = next(lane for lane in m.lanes if lane.type is LaneType.ACTIONS)
    for stage, section in zip(m.stages, journey_of(again)[1], strict=True):
        cards = sorted((c for c in m.cards if c.stage_id == stage.id and c.lane_id == lane.id), key=lambda c: c.order)
        assert [t[0] for t in section[1]] == [c.title for c in cards]
    actions = {c.id for c in m.cards if c.lane_id == lane.id}
    curve, anchored = next((c, p) for c in m.curves if c.perspective is Perspective.CUSTOMER for p in c.points
                           if p.card_id in actions)  # fmt: skip
    persona = next(p.name for p in m.personas if p.id == curve.persona_id)
    title = next(c.title for c in m.cards if c.id == anchored.card_id)
    line = next(line for line in text.splitlines() if line.strip().startswith(f"{title}:"))
    assert line.strip() == f"{title}: {value_to_score(anchored.value)}: {persona}"


def test_a_map_without_an_actions_lane_exports_its_sections_only(tmp_path):
    m = Map(title="Bare", stages=[{"id": "s1", "name": "Only"}], lanes=[{"id": "l1", "name": "N", "type": "text"}],
            cards=[Card(id="c1", stage_id="s1", lane_id="l1", title="note")])  # fmt: skip
    assert export_text(tmp_path, m) == "journey\n    title Bare\n    section Only\n"


def test_into_an_existing_map_matches_stages_and_personas_and_leaves_it_unchanged(tmp_path):
    base = load_map(example_path())
    before = dumps_map(base)
    stage, persona = base.stages[1].name, base.personas[0].name
    result = import_map(write(tmp_path, f"journey\n  section {stage}\n    New step: 4: {persona}\n  section Extra\n    Other: 2\n"),
                        into=base)  # fmt: skip
    m = result.map
    assert dumps_map(base) == before
    assert [s.name for s in m.stages] == [s.name for s in base.stages] + ["Extra"]
    assert len(m.personas) == len(base.personas)
    card = next(c for c in m.cards if c.title == "New step")
    lane = next(lane for lane in base.lanes if lane.type is LaneType.ACTIONS)
    assert card.stage_id == base.stages[1].id and card.lane_id == lane.id
    assert card.order > max(c.order for c in base.cards if (c.stage_id, c.lane_id) == (card.stage_id, lane.id))
    curve = next(c for c in m.curves if c.persona_id == base.personas[0].id and c.perspective is Perspective.CUSTOMER)
    assert any(p.card_id == card.id and p.value == 1.5 for p in curve.points)
    assert m.title == base.title
    loads_map(dumps_map(m))


BAD = [
    ("graph TD\n  A --> B\n", "line 1", "not a Mermaid journey diagram: it starts with 'graph TD' (the first line must be 'journey')"),
    ("%% c\n\nsequenceDiagram\n", "line 3", "not a Mermaid journey diagram: it starts with 'sequenceDiagram' (the first line must be 'journey')"),
    ("journey title X\n", "line 1", "'journey' must stand alone on the diagram's first line"),
    ("", "", "no Mermaid diagram in the file (the first line must be 'journey')"),
    ("journey\nsection A\n  t: 0: Me\n", "line 3", "score '0' is not a whole number 1..5"),
    ("journey\nsection A\n  t: 6\n", "line 3", "score '6' is not a whole number 1..5"),
    ("journey\nsection A\n  t: x: Me\n", "line 3", "score 'x' is not a whole number 1..5"),
    ("journey\nsection A\n  t: 3.5\n", "line 3", "score '3.5' is not a whole number 1..5"),
    ("journey\nsection A\n  t:\n", "line 3", "score missing is not a whole number 1..5"),
    ("journey\n  title T\n  Make tea: 5: Me\n", "line 3", "task 'Make tea' comes before any 'section'"),
    ("journey\nsection A\n  just words\n", "line 3", "'just words' is not a task: a task is 'name: score' or 'name: score: actor, actor'"),
    ("journey\nsection A\n  t: 3: Me: You\n", "line 3", "a task has at most two ':' (name: score: actors)"),
    ("journey\nsection A\n  : 3\n", "line 3", "a task needs a name before its ':'"),
    ("journey\nsection A: B\n", "line 2", "a section name cannot hold ':' (write the tasks on the lines below it)"),
    ("journey\nsection\n", "line 2", "'section' needs a name after it"),
    ("journey\ntitle\n", "line 2", "'title' needs the title after it"),
    ("journey\nsection A\n  t: 3; u: 4\n", "line 3", "';' cannot appear in a journey line (Mermaid reads it as an error)"),
    ("journey\njourney\n", "line 2", "'journey' may appear only once, on the diagram's first line"),
    ("journey\naccDescr {\n  never closed\n", "line 2", "'accDescr {' is never closed by '}'"),
    ("journey\naccDescr { a\n} tail\n", "line 3", "text after the '}' that closes accDescr: 'tail'"),
    ("---\ntitle: x\njourney\n", "line 1", "the front matter opened here is never closed by a '---' line"),
    ("journey\nsection A\n  t\x01: 3\n", "line 3", "the task name: control character U+0001 is not allowed"),
    (f"journey\nsection {'s' * 201}\n", "line 2", "the section name is 201 characters long; at most 200 are allowed"),
    (b"journey\nsection \xff\n", "line 2", "not valid UTF-8 text (byte 0xFF)"),
    ("---\ntitle: a\x02b\n---\njourney\n", "line 2", "the title: control character U+0002 is not allowed"),
]


@pytest.mark.parametrize(("text", "where", "message"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_input_is_one_line_naming_the_file_and_line(tmp_path, text, where, message):
    path = write(tmp_path, text)
    with pytest.raises(FormatError) as caught:
        import_map(path)
    assert str(caught.value) == f"{path}: {where}: {message}" if where else f"{path}: {message}"


def test_skip_bad_imports_the_good_lines_and_lists_the_bad(tmp_path):
    text = "journey\nsection A\n  good: 4: Me\n  bad: 9: Me\nsection B: x\n  lost: 3\nsection C\n  also good: 2\n"
    result = import_map(write(tmp_path, text), skip_bad=True)
    assert journey_of(result.map)[1] == [("A", [("good", 4, ["Me"])]), ("C", [("also good", 2, [])])]
    assert [(e.where, e.message) for e in result.skipped] == [
        ("line 4", "score '9' is not a whole number 1..5"),
        ("line 5", "a section name cannot hold ':' (write the tasks on the lines below it)"),
        ("line 6", "task 'lost' belongs to the bad section on line 5"),
    ]


def test_skip_bad_still_refuses_a_file_that_is_no_journey(tmp_path):
    with pytest.raises(FormatError, match="not a Mermaid journey diagram"):
        import_map(write(tmp_path, "graph TD\n"), skip_bad=True)


def test_registered_for_mmd_and_mermaid():
    for suffix in (".mmd", ".mermaid"):
        assert suffix in IMPORTERS and suffix in EXPORTERS


def test_points_on_other_perspectives_and_unanchored_points_are_not_scores(tmp_path):
    m = read(tmp_path, "journey\n  section A\n    t: 5: P\n")
    card = m.cards[0]
    m.curves.append(EmotionCurve(id="int", persona_id=m.personas[0].id, perspective=Perspective.INTERNAL,
                                 points=[EmotionPoint(id="i1", stage_id=card.stage_id, value=-3, card_id=card.id)]))  # fmt: skip
    m.curves[0].points[0].card_id = None  # the customer point no longer sits on the card
    assert export_text(tmp_path, m).splitlines()[-1] == "      t: 3"


# ------------------------------------------------------------------ the command line
def test_cli_import_then_export_round_trips(tmp_path, capsys):
    from app.cli import main

    source = write(tmp_path, DAY)
    made = tmp_path / "day.journey.json"
    assert main(["import", str(source), "-o", str(made)]) == 0
    assert capsys.readouterr().out == f"{made}: new map with 5 cards, 2 stages, 10 lanes, 2 personas from {source}\n"
    out = tmp_path / "out.mmd"
    assert main(["export", str(made), "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"{out}: 5 cards as Mermaid journey (")
    assert journey_of(read(tmp_path, out.read_text("utf-8"), name="x.mmd")) == journey_of(load_map(made))


def test_cli_export_counts_the_cards_it_writes_the_actions_lane(tmp_path, capsys):
    from app.cli import main
    from app.io.templates import example_path

    out = tmp_path / "example.mmd"
    assert main(["export", str(example_path()), "-o", str(out)]) == 0
    m = load_map(example_path())
    actions = [c for c in m.cards if c.lane_id == next(ln.id for ln in m.lanes if ln.type == LaneType.ACTIONS)]
    assert len(actions) < len(m.cards)
    assert capsys.readouterr().out.startswith(f"{out}: {len(actions)} cards as Mermaid journey (")


def test_cli_bad_journey_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys):
    from app.cli import main

    source = write(tmp_path, "journey\n  section A\n    t: 6: Me\n")
    made = tmp_path / "t.journey.json"
    assert main(["import", str(source), "-o", str(made)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"journeymap: {source}: line 3: score '6' is not a whole number 1..5\n"
    assert not made.exists()
    graph = write(tmp_path, "graph TD\n  A-->B\n", name="g.mmd")
    assert main(["import", str(graph), "-o", str(made)]) == 2
    assert "not a Mermaid journey diagram" in capsys.readouterr().err and not made.exists()


def test_cli_skip_bad_imports_the_good_lines_and_lists_the_bad(tmp_path, capsys):
    from app.cli import main

    source = write(tmp_path, "journey\n  section A\n    ok: 4: Me\n    bad: x\n")
    made = tmp_path / "s.journey.json"
    assert main(["import", str(source), "-o", str(made), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"journeymap: skipped {source}: line 4: score 'x' is not a whole number 1..5\n"
    assert journey_of(load_map(made))[1] == [("A", [("ok", 4, ["Me"])])]


def test_a_score_of_five_thousand_digits_is_refused_not_a_crash(tmp_path):
    """Found by the fuzz target: int() of a 5,000-digit score raised ValueError."""
    with pytest.raises(FormatError, match="line 3: score '99999999999999999999' is not a whole number 1..5"):
        import_map(write(tmp_path, "journey\nsection A\n  t: " + "9" * 5000 + "\n"))


def test_any_line_ending_ends_a_line(tmp_path):
    """Found by the fuzz target: a lone CR inside 'accTitle: x \\r0' stayed in the title, and the
    export (one line per statement) could not give it back."""
    m = read(tmp_path, "journey\r\n  accTitle: x \r  section A\r\n    t: 4\n")
    assert m.acc_title == "x"
    with pytest.raises(FormatError, match="line 3: task '0' comes before any 'section'"):
        import_map(write(tmp_path, "journey\r\n  accTitle: x \r0: 3\n", name="cr.mmd"))


def test_a_hidden_actions_lane_gives_way_to_a_visible_one(tmp_path):
    base = read(tmp_path, "journey\n  section A\n    old: 2\n")
    first = next(lane for lane in base.lanes if lane.type is LaneType.ACTIONS)
    first.hidden = True
    base.lanes.append(first.model_copy(update={"id": "l-shown", "name": "Doing", "hidden": False}))
    m = import_map(write(tmp_path, "journey\n  section A\n    new: 4\n", name="more.mmd"), into=base).map
    assert next(c for c in m.cards if c.title == "new").lane_id == "l-shown"
    assert export_text(tmp_path, m).splitlines()[-1] == "      new: 4"


def test_skip_bad_leaves_out_a_bad_accdescr_block_and_reads_on_after_it(tmp_path):
    text = "journey\n  accDescr {\n    one\n  } extra\n  section A\n    t: 2\n"
    result = import_map(write(tmp_path, text), skip_bad=True)
    assert result.map.goal == ""
    assert journey_of(result.map)[1] == [("A", [("t", 2, [])])]
    assert [(e.where, e.message) for e in result.skipped] == [("line 4", "text after the '}' that closes accDescr: 'extra'")]


def test_a_file_name_that_cannot_be_a_title_gives_the_default(tmp_path):
    assert read(tmp_path, "journey\nsection A\n  t: 3\n", name="a\x01b.mmd").title == "Untitled journey"
