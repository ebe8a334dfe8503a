"""JSON Canvas 1.0 in and out of a map (app/io/formats/json_canvas.py), through the format
registry (import_map / export_map, what the CLI and the editor call)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.io.formats import EXPORTERS, IMPORTERS, FormatError, export_map, import_map
from app.io.formats.json_canvas import INBOX, PRESETS, SCALE
from app.io.jsonfile import dumps_map, load_map, loads_map
from app.io.templates import example_path
from app.model.layout import build_layout
from app.model.schema import CardKind, LaneType, Map
from app.model.validation import check_references
from tests.model_factory import small_map


def export(tmp_path: Path, m: Map, name: str = "map.canvas") -> dict:
    export_map(m, tmp_path / name)
    return json.loads((tmp_path / name).read_text("utf-8"))


def write(tmp_path: Path, canvas: object, name: str = "in.canvas") -> Path:
    path = tmp_path / name
    path.write_text(canvas if isinstance(canvas, str) else json.dumps(canvas), "utf-8")
    return path


def read(tmp_path: Path, canvas: object, **kwargs) -> Map:
    result = import_map(write(tmp_path, canvas), **kwargs)
    loads_map(dumps_map(result.map), "again.journey.json")
    assert check_references(result.map) == []
    return result.map


def cells(m: Map) -> dict:
    stages = {s.id: s.name for s in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    out: dict = {}
    for c in sorted(m.cards, key=lambda c: (c.order, c.id)):
        out.setdefault((stages[c.stage_id], lanes[c.lane_id]), []).append((c.title, c.body))
    return out


def scaled(r) -> tuple[int, int, int, int]:
    return round(r.x * SCALE), round(r.y * SCALE), round(r.w * SCALE), round(r.h * SCALE)


def test_export_follows_the_spec_and_the_shared_layout(tmp_path):
    m = load_map(example_path())
    canvas = export(tmp_path, m)
    assert set(canvas) == {"nodes", "edges"}
    nodes = canvas["nodes"]
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids))
    for n in nodes:
        assert n["type"] in ("text", "group")
        assert all(type(n[k]) is int for k in ("x", "y", "width", "height"))
    kinds = [n["type"] for n in nodes]
    assert kinds == sorted(kinds)  # groups first: the spec draws later nodes on top
    layout = build_layout(m)
    visible = [lane for lane in m.lanes if not lane.hidden]
    groups = {n["id"]: n for n in nodes if n["type"] == "group"}
    assert [groups[f"lane:{lane.id}"]["label"] for lane in visible] == [lane.name for lane in visible]
    assert groups[f"lane:{visible[0].id}"]["laneType"] == visible[0].type.value
    for stage in m.stages:
        r = layout.stage_rect(stage.id)
        g = groups[f"stage:{stage.id}"]
        assert (g["x"], g["y"], g["width"], g["height"], g["label"]) == (*scaled(r), stage.name)
    texts = {n["id"]: n for n in nodes if n["type"] == "text"}
    assert set(texts) == {c.id for c in m.cards if layout.card_rect(c.id) is not None}
    for c in m.cards:
        r = layout.card_rect(c.id)
        if r is not None:
            n = texts[c.id]
            assert (n["x"], n["y"], n["width"], n["height"]) == scaled(r)
            assert n["text"] == (f"{c.title}\n\n{c.body}" if c.body else c.title)
    edges = {e["id"]: e for e in canvas["edges"]}
    assert set(edges) == {lk.id for lk in m.links}
    sides: dict[tuple[str, str], int] = {}
    for lk in m.links:
        e = edges[lk.id]
        assert (e["fromNode"], e["toNode"], e.get("label", "")) == (lk.source_id, lk.target_id, lk.label)
        s, t = layout.card_rect(lk.source_id), layout.card_rect(lk.target_id)
        a, b = (next(c for c in m.cards if c.id == i) for i in (lk.source_id, lk.target_id))
        if a.stage_id != b.stage_id:
            expected = ("right", "left") if t.x > s.x else ("left", "right")
        elif a.lane_id == b.lane_id and abs(layout.cell_cards((a.stage_id, a.lane_id)).index(b.id)
                                            - layout.cell_cards((a.stage_id, a.lane_id)).index(a.id)) == 1:
            expected = ("bottom", "top") if t.y > s.y else ("top", "bottom")
        else:
            expected = ("left", "left") if a.stage_id == m.stages[-1].id else ("right", "right")
        sides[expected] = sides.get(expected, 0) + 1
        assert (e["fromSide"], e["toSide"], e["toEnd"]) == (*expected, "arrow")
    assert any("label" in e for e in edges.values())
    assert {("right", "left"), ("right", "right")} <= set(sides)  # the example has both kinds


def test_the_exported_canvas_reimports_into_the_same_stages_lanes_cards_and_links(tmp_path):
    m = load_map(example_path())
    export(tmp_path, m)
    again = import_map(tmp_path / "map.canvas").map
    loads_map(dumps_map(again))
    assert [(s.id, s.name) for s in again.stages] == [(s.id, s.name) for s in m.stages]
    visible = [lane for lane in m.lanes if not lane.hidden]
    assert [(lane.id, lane.name, lane.type) for lane in again.lanes] == [(lane.id, lane.name, lane.type) for lane in visible]
    assert cells(again) == cells(m)
    assert {c.id for c in again.cards} == {c.id for c in m.cards}
    assert sorted((lk.source_id, lk.target_id, lk.label) for lk in again.links) == sorted(
        (lk.source_id, lk.target_id, lk.label) for lk in m.links
    )
    assert again.title == "map"  # a canvas has no title: the file's name


def test_a_hand_made_canvas_nodes_outside_groups_go_to_the_inbox(tmp_path):
    canvas = {
        "nodes": [
            {"id": "g2", "type": "group", "x": 400, "y": 0, "width": 300, "height": 600, "label": "Later"},
            {"id": "g1", "type": "group", "x": 0, "y": 0, "width": 300, "height": 600, "label": "First", "color": "4"},
            {"id": "b", "type": "text", "x": 20, "y": 200, "width": 200, "height": 60, "text": "Second\n\nbody text"},
            {"id": "a", "type": "text", "x": 20, "y": 40, "width": 200, "height": 60, "text": "First card", "color": "#a0b"},
            {"id": "f", "type": "file", "x": 420, "y": 40, "width": 200, "height": 60, "file": "notes/plan.md"},
            {"id": "loose", "type": "link", "x": 900, "y": 40, "width": 200, "height": 60, "url": "https://example.org"},
        ],
        "edges": [{"id": "e1", "fromNode": "a", "toNode": "f", "label": "then"}],
    }
    m = read(tmp_path, canvas)
    assert [s.name for s in m.stages] == ["First", "Later", INBOX]
    assert [lane.name for lane in m.lanes] == [INBOX]
    assert cells(m) == {
        ("First", INBOX): [("First card", ""), ("Second", "body text")],
        ("Later", INBOX): [("notes/plan.md", "")],
        (INBOX, INBOX): [("https://example.org", "")],
    }
    assert m.stages[0].colour == PRESETS["4"]
    assert next(c for c in m.cards if c.title == "First card").colour == "#AA00BB"
    assert next(c for c in m.cards if c.title == "notes/plan.md").kind is CardKind.NOTE  # the Inbox lane: free text
    assert [(lk.source_id, lk.target_id, lk.label) for lk in m.links] == [("a", "f", "then")]


def test_a_grid_of_groups_without_our_ids_is_read_by_shape(tmp_path):
    canvas = {"nodes": [
        {"id": "col", "type": "group", "x": 100, "y": 0, "width": 200, "height": 500, "label": "Buy"},
        {"id": "row", "type": "group", "x": 0, "y": 100, "width": 800, "height": 100, "label": "Touchpoints"},
        {"id": "n", "type": "text", "x": 120, "y": 120, "width": 100, "height": 40, "text": "Shop"},
    ]}  # fmt: skip
    m = read(tmp_path, canvas)
    assert cells(m) == {("Buy", "Touchpoints"): [("Shop", "")]}
    assert m.lanes[0].type is LaneType.TOUCHPOINTS  # the name of a lane type
    assert m.cards[0].kind is CardKind.TOUCHPOINT  # the lane's kind


def test_a_long_first_line_keeps_the_whole_text_in_the_body(tmp_path):
    long = "word " * 60
    m = read(tmp_path, {"nodes": [{"id": "n", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": long}]})
    card = m.cards[0]
    assert len(card.title) == 200 and card.title.endswith("…") and card.body == long.strip()


def test_into_an_existing_map_matches_stages_and_lanes_by_name_and_leaves_it_unchanged(tmp_path):
    base = load_map(example_path())
    before = dumps_map(base)
    export(tmp_path, base)
    m = import_map(tmp_path / "map.canvas", into=base).map
    assert dumps_map(base) == before
    assert [s.id for s in m.stages] == [s.id for s in base.stages]
    assert len(m.cards) == 2 * len(base.cards)
    assert len({c.id for c in m.cards}) == len(m.cards)  # the copies got fresh ids
    loads_map(dumps_map(m))


def node(**fields):
    return {"id": "n", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": "t"} | fields


BAD = [
    ("", "", "the file is empty"),
    ('{"nodes": [', "line 1, column 12", "not valid JSON: Expecting value"),
    ('{"nodes": [{"x": NaN}]}', "", "not valid JSON: NaN is not a number JSON allows"),
    ("[1, 2]", "", "a canvas is a JSON object with 'nodes' and 'edges'"),
    ({"nodes": {}}, "nodes", "must be a list"),
    ({"nodes": [], "edges": 3}, "edges", "must be a list"),
    ({"nodes": [7]}, "nodes[0]", "must be an object"),
    ({"nodes": [{"type": "text"}]}, "nodes[0].id", "is missing"),
    ({"nodes": [node(id=5)]}, "nodes[0].id", "must be a string"),
    ({"nodes": [node(type="sticky")]}, "nodes[0].type", "must be one of text, file, link, group (not \"sticky\")"),
    ({"nodes": [node(x="12")]}, "nodes[0].x", "must be a number (not \"12\")"),
    ({"nodes": [node(y=True)]}, "nodes[0].y", "must be a number (not true)"),
    ({"nodes": [node(width=-5)]}, "nodes[0].width", "must not be negative (-5)"),
    ({"nodes": [{k: v for k, v in node().items() if k != "height"}]}, "nodes[0].height", "is missing"),
    ({"nodes": [node(text=None)]}, "nodes[0].text", "must be a string"),
    ({"nodes": [node(type="file")]}, "nodes[0].file", "is missing"),
    ({"nodes": [node(text="a\x00b")]}, "nodes[0].text", "the text: control character U+0000 is not allowed"),
    ({"nodes": [node(color="red")]}, "nodes[0].color", "must be a hex colour like '#FF8800' or a preset '1'..'6'"),
    ({"nodes": [node(type="group", laneType="river")]}, "nodes[0].laneType",
     "must be one of actions, thoughts, feelings, touchpoints, channels, on_stage, backstage, support, pain_points, "
     "opportunities, owners, metrics, text"),
    ({"nodes": [node(), node(x=40)]}, "nodes[1].id", "'n' is the id of an earlier node"),
    ({"nodes": [node()], "edges": [{"id": "e", "fromNode": "n", "toNode": "gone"}]}, "edges[0].toNode", "names no node ('gone')"),
    ({"nodes": [node(), node(id="g", type="group")], "edges": [{"id": "e", "fromNode": "g", "toNode": "n"}]},
     "edges[0].fromNode", "joins group 'g'; a map's links join cards"),
    ({"nodes": [node(), node(id="m")], "edges": [{"id": "e", "fromNode": "n", "toNode": "m", "toSide": "up"}]},
     "edges[0].toSide", "must be one of top, right, bottom, left"),
    ({"nodes": [node(), node(id="m")], "edges": [{"id": "e", "fromNode": "n", "toNode": "m", "fromEnd": "dot"}]},
     "edges[0].fromEnd", "must be one of none, arrow"),
    ({"nodes": [node()], "edges": [{"id": "e", "fromNode": "n", "toNode": "n"}]}, "edges[0]",
     "joins a node to itself; a map's link joins two cards"),
    ({"nodes": [node(), node(id="m")], "edges": [{"id": "e", "fromNode": "n", "toNode": "m"}] * 2}, "edges[1].id",
     "'e' is the id of an earlier edge"),
    ('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}", "", "nesting is too deep for a canvas"),
    ('{"nodes": ' + "[" * 100 + "]" * 100 + "}", "nodes[0]", "must be an object"),
]  # fmt: skip


@pytest.mark.parametrize(("canvas", "where", "message"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_a_broken_canvas_is_one_line_naming_the_file_and_the_json_path(tmp_path, canvas, where, message):
    path = write(tmp_path, canvas)
    with pytest.raises(FormatError) as caught:
        import_map(path)
    assert str(caught.value) == (f"{path}: {where}: {message}" if where else f"{path}: {message}")


def test_skip_bad_leaves_out_the_bad_nodes_and_edges_and_lists_them(tmp_path):
    canvas = {"nodes": [node(), node(id="bad", x="left"), node(id="m", y=50, text="second")],
              "edges": [{"id": "e1", "fromNode": "n", "toNode": "bad"}, {"id": "e2", "fromNode": "n", "toNode": "m"}]}  # fmt: skip
    result = import_map(write(tmp_path, canvas), skip_bad=True)
    assert [c.title for c in result.map.cards] == ["t", "second"]
    assert [(lk.source_id, lk.target_id) for lk in result.map.links] == [("n", "m")]
    assert [(e.where, e.message) for e in result.skipped] == [
        ("nodes[1].x", 'must be a number (not "left")'),
        ("edges[0].toNode", "names no node ('bad')"),
    ]


def test_registered_for_canvas():
    assert ".canvas" in IMPORTERS and ".canvas" in EXPORTERS


# ------------------------------------------------------------------ the command line
def test_cli_export_then_import_round_trips(tmp_path, capsys):
    from app.cli import main

    out = tmp_path / "map.canvas"
    assert main(["export", str(example_path()), "-o", str(out)]) == 0
    m = load_map(example_path())
    assert capsys.readouterr().out.startswith(f"{out}: {len(m.cards)} cards as JSON Canvas (")
    made = tmp_path / "back.journey.json"
    assert main(["import", str(out), "-o", str(made)]) == 0
    assert cells(load_map(made)) == cells(m)


def test_cli_broken_canvas_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys):
    from app.cli import main

    source = write(tmp_path, {"nodes": [node(width="wide")]})
    made = tmp_path / "b.journey.json"
    assert main(["import", str(source), "-o", str(made)]) == 2
    assert capsys.readouterr().err == f'journeymap: {source}: nodes[0].width: must be a number (not "wide")\n'
    assert not made.exists()


def test_a_coordinate_beyond_float_range_is_refused_not_a_crash(tmp_path):
    """Found by the fuzz target: math.isfinite(10**309) raised OverflowError."""
    with pytest.raises(FormatError, match=r"nodes\[0\]\.x: must be a number \(not 1000000000"):
        import_map(write(tmp_path, '{"nodes": [' + json.dumps(node()).replace('"x": 0', '"x": 1' + "0" * 309) + "]}"))


def test_a_file_name_that_cannot_be_a_title_gives_the_default(tmp_path):
    path = write(tmp_path, {"nodes": [node()]}, name="x\x01y.canvas")
    assert import_map(path).map.title == "Untitled journey"


def test_a_card_id_that_is_a_group_id_stays_unique_and_comes_back(tmp_path):
    m = small_map()
    card = m.cards[0]
    old = card.id
    card.id = f"stage:{m.stages[0].id}"
    for link in m.links:
        link.source_id = card.id if link.source_id == old else link.source_id
        link.target_id = card.id if link.target_id == old else link.target_id
    canvas = export(tmp_path, m)
    ids = [n["id"] for n in canvas["nodes"]]
    assert len(ids) == len(set(ids)) and f"card:{card.id}" in ids
    again = import_map(tmp_path / "map.canvas").map
    assert card.id in {c.id for c in again.cards}
    assert sorted((lk.source_id, lk.target_id) for lk in again.links) == sorted((lk.source_id, lk.target_id) for lk in m.links)
