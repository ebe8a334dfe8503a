"""The importance-versus-performance matrix and the priority list, as pure model code: the
placement is checked against quadrants worked out by hand."""

from __future__ import annotations

import math

import pytest

from app.model import analysis
from app.model.matrix import CROSS, Quadrant, View, matrix_chart, quadrant, rated_points
from app.model.priorities import filter_rows, owners, priority_rows
from app.model.schema import Card, Lane, Map, Persona, Stage


def _card(ident: str, stage: str, order: int, **ratings) -> Card:
    return Card(id=ident, stage_id=stage, lane_id="l", order=order, title=f"T {ident}", **ratings)


def rated_map() -> Map:
    """Hand-made ratings (importance, performance), customer / internal:

    a: 5/1 customer -> concentrate here; 3/4 internal -> keep up
    b: 4/4 customer -> keep up;          no internal ratings
    c: 1/2 customer -> low priority;     1/2 internal (agree)
    d: 2/5 customer -> possible overkill; 5/5 internal -> keep up
    e: 5/1 customer (same pair as a: spread apart)
    f: importance only: not placed
    """
    return Map(
        stages=[Stage(id="s1", name="One"), Stage(id="s2", name="Two")],
        lanes=[Lane(id="l", name="Touchpoints")],
        personas=[Persona(id="p1", name="Ana")],
        cards=[
            _card(
                "d",
                "s2",
                0,
                importance_customer=2,
                performance_customer=5,
                importance_internal=5,
                performance_internal=5,
                owner="Support",
                votes=1,
            ),  # fmt: skip
            _card(
                "a",
                "s1",
                0,
                importance_customer=5,
                performance_customer=1,
                importance_internal=3,
                performance_internal=4,
                owner="Sales",
                persona_ids=["p1"],
                moment_of_truth=True,
            ),  # fmt: skip
            _card("b", "s1", 1, importance_customer=4, performance_customer=4, owner="Sales"),
            _card(
                "c",
                "s1",
                2,
                importance_customer=1,
                performance_customer=2,
                importance_internal=1,
                performance_internal=2,
            ),  # fmt: skip
            _card("e", "s2", 1, importance_customer=5, performance_customer=1, votes=3, persona_ids=["p1"]),
            _card("f", "s2", 2, importance_customer=4),
        ],
    )


def test_quadrant_rule_by_hand():
    assert CROSS == 2.5
    assert quadrant(5, 1) is Quadrant.CONCENTRATE
    assert quadrant(3, 2) is Quadrant.CONCENTRATE  # 3 counts as high importance, 2 as low performance
    assert quadrant(3, 3) is Quadrant.KEEP_UP
    assert quadrant(2, 2) is Quadrant.LOW_PRIORITY
    assert quadrant(1, 5) is Quadrant.OVERKILL


def test_points_numbered_in_map_order_and_stable_across_views():
    m = rated_map()
    customer = {p.card_id: (p.number, p.quadrant) for p in rated_points(m, View.CUSTOMER)}
    assert customer == {
        "a": (1, Quadrant.CONCENTRATE),
        "b": (2, Quadrant.KEEP_UP),
        "c": (3, Quadrant.LOW_PRIORITY),
        "d": (4, Quadrant.OVERKILL),
        "e": (5, Quadrant.CONCENTRATE),
    }
    internal = {p.card_id: (p.number, p.quadrant) for p in rated_points(m, View.INTERNAL)}
    assert internal == {
        "a": (1, Quadrant.KEEP_UP),
        "c": (3, Quadrant.LOW_PRIORITY),
        "d": (4, Quadrant.KEEP_UP),
    }
    both = [(p.card_id, p.perspective) for p in rated_points(m, View.BOTH)]
    assert ("a", "internal") in both and ("a", "customer") in both and ("b", "internal") not in both


@pytest.mark.parametrize("view", list(View))
def test_every_marker_lies_in_its_quadrant_box(view):
    chart = matrix_chart(rated_map(), view, 720, 480)
    boxes = {b.quadrant: b.rect for b in chart.boxes}
    assert chart.markers
    for mk in chart.markers:
        r = boxes[mk.quadrant]
        assert r.x + mk.r <= mk.x <= r.right - mk.r, (mk.card_id, mk.perspective)
        assert r.y + mk.r <= mk.y <= r.bottom - mk.r, (mk.card_id, mk.perspective)


def test_axes_importance_right_performance_up():
    chart = matrix_chart(rated_map(), View.CUSTOMER, 720, 480)
    boxes = {b.quadrant: b.rect for b in chart.boxes}
    # concentrate here: right (important) and bottom (performing badly)
    assert boxes[Quadrant.CONCENTRATE].x > boxes[Quadrant.LOW_PRIORITY].x
    assert boxes[Quadrant.CONCENTRATE].y > boxes[Quadrant.KEEP_UP].y
    assert boxes[Quadrant.OVERKILL].x < boxes[Quadrant.KEEP_UP].x
    at = {mk.card_id: mk for mk in chart.markers}
    assert at["b"].x > at["d"].x  # importance 4 right of 2
    assert at["d"].y < at["b"].y  # performance 5 above 4
    # the quadrant lines lie halfway between ratings 2 and 3
    x_of = {
        int(line.text): line.x for line in chart.lines if line.role == "tick" and line.y > chart.plot.bottom
    }
    assert x_of[2] < chart.cross[0] < x_of[3]


def test_shared_rating_pairs_are_spread_not_stacked():
    chart = matrix_chart(rated_map(), View.CUSTOMER, 720, 480)
    at = {mk.card_id: mk for mk in chart.markers}
    a, e = at["a"], at["e"]
    assert math.hypot(a.x - e.x, a.y - e.y) >= a.r + e.r - 0.01


def test_both_view_arrows_from_internal_to_customer():
    chart = matrix_chart(rated_map(), View.BOTH, 720, 480)
    arrows = {ar.card_id: ar for ar in chart.arrows}
    assert set(arrows) == {"a", "d"}  # c agrees (same place, touching markers): no arrow
    at = {(mk.card_id, mk.perspective): mk for mk in chart.markers}
    ar, start, end = arrows["a"], at[("a", "internal")], at[("a", "customer")]
    assert math.hypot(ar.x1 - start.x, ar.y1 - start.y) < math.hypot(ar.x1 - end.x, ar.y1 - end.y)
    tip = ar.head[0]
    assert math.hypot(tip[0] - end.x, tip[1] - end.y) == pytest.approx(end.r + 1, abs=0.01)


def test_hits_and_key():
    chart = matrix_chart(rated_map(), View.CUSTOMER, 720, 480)
    mk = next(m for m in chart.markers if m.card_id == "d")
    assert chart.card_at(mk.x, mk.y) == "d"
    assert chart.card_at(chart.plot.x + 1, chart.plot.y + 1) is None
    assert [c for c, _ in chart.key] == ["a", "b", "c", "d", "e"]
    row = dict(chart.key)["c"]
    assert chart.card_at(row.x + 2, row.y + row.h / 2) == "c"
    narrow = matrix_chart(rated_map(), View.CUSTOMER, 300, 300)
    assert narrow.key == () and len(narrow.markers) == 5


def test_no_rated_card_shows_a_note():
    m = rated_map()
    m.cards = [c for c in m.cards if c.id == "f"]
    chart = matrix_chart(m, View.CUSTOMER, 600, 400)
    assert chart.empty and not chart.markers
    assert any(line.role == "note" for line in chart.lines)


def test_priority_rows_match_analyze_and_filter():
    m = rated_map()
    rows = priority_rows(m)
    ranked = analysis.moments_of_truth_ranking(m, limit=100)
    assert [(r.card_id, r.score, r.gap) for r in rows] == [(p.card_id, p.score, p.gap) for p in ranked]
    gaps = {r.card_id: r.gap for r in rows}
    assert gaps == {"a": 4, "b": 0, "c": -1, "d": -3, "e": 4, "f": 0}
    assert [r.card_id for r in filter_rows(rows, stage="s2")] == [
        r.card_id for r in rows if r.card_id in "def"
    ]
    assert {r.card_id for r in filter_rows(rows, owner="Sales")} == {"a", "b"}
    assert {r.card_id for r in filter_rows(rows, persona="p1")} == {"a", "e"}
    assert {r.card_id for r in filter_rows(rows, owner="", stage="s1")} == {"c"}
    assert owners(m) == ["Sales", "Support"]
