"""networkx analysis of the touchpoint graph, and `journeymap analyze`."""

import json

from app.cli import main
from app.model import analysis
from app.model.schema import Card, Link, LinkKind
from tests.model_factory import small_map


def flow_map():
    m = small_map(cards_per_cell=1)
    ids = [c.id for c in m.cards]
    owners = ["Sales", "Sales", "Logistics", "Support", "Support", "Support", "IT", "IT", "IT"]
    for c, owner in zip(m.cards, owners, strict=False):
        c.owner = owner
    m.links = [
        Link(id="a", source_id=ids[0], target_id=ids[1]),
        Link(id="b", source_id=ids[1], target_id=ids[2]),  # Sales -> Logistics: a hand-off by owner
        Link(id="c", source_id=ids[2], target_id=ids[3], kind=LinkKind.HANDOFF),
        Link(id="d", source_id=ids[3], target_id=ids[0]),  # closes a cycle
        Link(id="e", source_id=ids[4], target_id=ids[5], kind=LinkKind.DEPENDENCY),
    ]
    return m, ids


def test_graph_handoffs_gaps_and_flow():
    m, ids = flow_map()
    g = analysis.touchpoint_graph(m)
    assert g.number_of_nodes() == len(m.cards) and g.number_of_edges() == 5
    assert g.edges[ids[2], ids[3]]["kind"] == "handoff"
    assert {(h.link_id, h.from_owner, h.to_owner) for h in analysis.handoffs(m)} == {
        ("b", "Sales", "Logistics"),
        ("c", "Logistics", "Support"),
        ("d", "Support", "Sales"),
    }
    linked_stages = {c.stage_id for c in m.cards if c.id in ids[:6]}
    assert set(analysis.stage_gaps(m)) == {s.id for s in m.stages} - linked_stages
    flow = analysis.longest_flow(m)
    assert len(flow) == 4 and flow[0] == ids[0]  # the cycle is broken, dependencies ignored


def test_ranking_puts_badly_performing_moments_of_truth_first():
    m, _ = flow_map()
    m.cards = [
        Card(id="fine", stage_id="s0", lane_id="l-act", title="Fine", importance_customer=5, performance_customer=5),
        Card(id="bad", stage_id="s0", lane_id="l-act", title="Bad", importance_customer=5, performance_customer=1),
        Card(id="mot", stage_id="s0", lane_id="l-act", title="Truth", importance_customer=5, performance_customer=2,
             moment_of_truth=True),  # fmt: skip
        Card(id="unrated", stage_id="s0", lane_id="l-act", title="Unrated"),
    ]
    m.links = []
    ranked = analysis.moments_of_truth_ranking(m)
    assert [p.card_id for p in ranked] == ["mot", "bad", "fine"]  # a moment of truth weighs 1.5x
    assert [p.gap for p in ranked] == [3, 4, 0]


def test_analyze_command(tmp_path, capsys):
    example = "resources/examples/b2b-hardware.journey.json"
    assert main(["analyze", example, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["priorities"] and report["handoffs"]
    assert main(["analyze", example]) == 0
    assert "touchpoints to fix first" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["analyze", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json" in err and "line 1" in err
