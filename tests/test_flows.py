"""The touchpoint graph as flows (app.model.flows) on hand-made graphs, and `journeymap analyze`
with orphans and --path."""

import json

import pytest

from app.cli import main
from app.io.mapsave import save_map
from app.model import flows
from app.model.schema import Card, CardKind, Lane, LaneType, Link, LinkKind, Map, Stage


def graph_map(owners: dict[str, str], links: list[tuple[str, str, LinkKind]], extra: dict[str, CardKind] | None = None,
              stages: int = 3) -> Map:  # fmt: skip
    """Cards named by ``owners`` (id -> owner; the card's stage is s<digit in its id> or s0),
    linked as ``links`` (source, target, kind); ``extra``: more cards of other kinds, unlinked."""
    lane = Lane(id="l", name="Touchpoints", type=LaneType.TOUCHPOINTS)
    cards = []
    for ident, owner in owners.items():
        digits = [ch for ch in ident if ch.isdigit()]
        stage = f"s{digits[0]}" if digits else "s0"
        cards.append(
            Card(id=ident, stage_id=stage, lane_id="l", order=len(cards), title=f"T {ident}", owner=owner)
        )
    for ident, kind in (extra or {}).items():
        cards.append(
            Card(id=ident, stage_id="s0", lane_id="l", order=len(cards), title=f"T {ident}", kind=kind)
        )
    return Map(
        stages=[Stage(id=f"s{i}", name=f"Stage {i}") for i in range(stages)],
        lanes=[lane],
        cards=cards,
        links=[Link(id=f"{a}>{b}", source_id=a, target_id=b, kind=k) for a, b, k in links],
    )


F, H, D = LinkKind.FLOW, LinkKind.HANDOFF, LinkKind.DEPENDENCY


def test_handoffs_are_links_between_different_owners_or_marked_ones():
    m = graph_map(
        {"a0": "Sales", "b0": "Sales", "c1": "Logistics", "d1": "", "e1": "Logistics"},
        [("a0", "b0", F), ("b0", "c1", F), ("c1", "d1", F), ("c1", "e1", H)],
    )
    found = {(h.link_id, h.from_owner, h.to_owner) for h in flows.handoffs(m)}
    # same owner: no hand-off; an unknown owner is not a hand-off; marked as one: always
    assert found == {("b0>c1", "Sales", "Logistics"), ("c1>e1", "Logistics", "Logistics")}


def test_stages_no_link_reaches_and_orphans():
    m = graph_map(
        {"a0": "", "b0": "", "c1": "", "x1": "", "y2": ""},
        [("a0", "b0", F), ("b0", "c1", D)],
        extra={"note": CardKind.NOTE, "pain": CardKind.PAIN, "proc": CardKind.PROCESS},
        stages=4,
    )
    assert flows.stage_gaps(m) == ["s2", "s3"]  # s1 is reached by a dependency; s3 has no cards
    # touchpoints and processes with no link, in map order; notes and pains are never orphans
    assert flows.orphans(m) == ["x1", "y2", "proc"]


def test_longest_flow_in_a_dag_follows_flow_and_handoff_links_only():
    m = graph_map(
        {"a": "", "b": "", "c": "", "d": "", "e": "", "f": ""},
        [("a", "b", F), ("b", "c", H), ("c", "d", F), ("a", "e", F), ("e", "d", F), ("d", "f", D)],
    )
    got = flows.longest_flow(m)
    assert got.cards == ("a", "b", "c", "d")  # the dependency d -> f is not a step
    assert got.links == ("a>b", "b>c", "c>d") and got.directed and got.left_out == ()


def test_longest_flow_breaks_cycles_by_leaving_out_the_closing_link():
    # a -> b -> c -> d -> b: the link d -> b closes the cycle; x -> y is a shorter flow
    m = graph_map(
        {"a": "", "b": "", "c": "", "d": "", "x": "", "y": ""},
        [("a", "b", F), ("b", "c", F), ("c", "d", F), ("d", "b", F), ("x", "y", F)],
    )
    got = flows.longest_flow(m)
    assert got.cards == ("a", "b", "c", "d") and got.left_out == ("d>b",)
    # a cycle with no way in: the search starts at the first card of the cycle in map order
    ring = graph_map({"p": "", "q": "", "r": ""}, [("p", "q", F), ("q", "r", F), ("r", "p", F)])
    got = flows.longest_flow(ring)
    assert got.cards == ("p", "q", "r") and got.left_out == ("r>p",)
    assert not flows.longest_flow(graph_map({"p": ""}, []))


def test_longest_flow_ties_go_to_the_flow_that_starts_first():
    m = graph_map({"x": "", "y": "", "a": "", "b": ""}, [("a", "b", F), ("x", "y", F)])
    assert flows.longest_flow(m).cards == ("x", "y")


def test_path_follows_links_and_falls_back_to_ignoring_direction():
    m = graph_map(
        {"a": "", "b": "", "c": "", "d": "", "e": "", "lone": ""},
        [("a", "b", F), ("b", "c", D), ("c", "d", F), ("a", "d", H), ("e", "d", F)],
    )
    got = flows.find_path(m, "a", "d")
    assert got.cards == ("a", "d") and got.links == ("a>d",) and got.directed  # the shortest
    got = flows.find_path(m, "b", "d")
    assert got.cards == ("b", "c", "d") and got.links == ("b>c", "c>d") and got.directed
    got = flows.find_path(m, "d", "e")  # only against the link e -> d
    assert got.cards == ("d", "e") and got.links == ("e>d",) and not got.directed
    assert not flows.find_path(m, "a", "lone")
    assert flows.find_path(m, "a", "a").cards == ("a",)
    with pytest.raises(KeyError):
        flows.find_path(m, "a", "nope")


def test_resolve_card_by_id_or_exact_title():
    m = graph_map({"a": "", "b": ""}, [])
    m.cards.append(Card(id="c", stage_id="s0", lane_id="l", title="T b"))
    assert flows.resolve_card(m, "a") == "a"
    assert flows.resolve_card(m, "T a") == "a"
    with pytest.raises(flows.CardNotFound, match="2 cards are titled 'T b'"):
        flows.resolve_card(m, "T b")
    with pytest.raises(flows.CardNotFound, match="no card has the id or the title 't a'"):
        flows.resolve_card(m, "t a")


# ------------------------------------------------------------------ CLI
@pytest.fixture
def map_file(tmp_path):
    m = graph_map(
        {"a0": "Sales", "b1": "Support", "c1": "Support", "lone2": ""},
        [("a0", "b1", F), ("b1", "c1", F), ("c1", "a0", F)],
        stages=4,
    )
    path = tmp_path / "flows.journey.json"
    save_map(m, path)
    return path


def test_analyze_lists_orphans_and_the_longest_flow(map_file, capsys):
    assert main(["analyze", str(map_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "orphans, touchpoints and processes with no link (1):" in out
    assert "  - Stage 2: T lone2" in out
    assert "longest flow: T a0 -> T b1 -> T c1 (a link that closes a cycle left out: T c1 -> T a0)" in out
    assert "stages no link reaches: Stage 2, Stage 3" in out
    assert main(["analyze", "--json", str(map_file)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["orphans"] == ["lone2"] and report["longest_flow"] == ["a0", "b1", "c1"]
    assert report["cycle_links_left_out"] == ["c1>a0"] and "path" not in report


def test_analyze_path_by_id_or_title(map_file, capsys):
    assert main(["analyze", str(map_file), "--path", "a0", "T c1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "path: T a0 -> T b1 -> T c1"
    assert main(["analyze", str(map_file), "--path", "b1", "lone2"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "path: none: no links join T b1 and T lone2"
    assert main(["analyze", "--json", str(map_file), "--path", "c1", "b1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["path"] == {"cards": ["c1", "a0", "b1"], "links": ["c1>a0", "a0>b1"], "follows_links": True}


def test_analyze_path_against_the_links_says_so(tmp_path, capsys):
    m = graph_map({"a": "", "b": ""}, [("a", "b", F)])
    path = tmp_path / "two.journey.json"
    save_map(m, path)
    assert main(["analyze", str(path), "--path", "b", "a"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "path: T b <- T a (against the links' direction)"


def test_analyze_path_with_an_unknown_card_is_one_line_and_exit_2(map_file, capsys):
    assert main(["analyze", str(map_file), "--path", "a0", "Nowhere"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Nowhere" in captured.err and str(map_file) in captured.err
