"""The perspective switch's rules in the model (issue 11, item 5): which rating marks and curves
each perspective shows, the rating gap of a card (internal versus customer, 2 or more points),
and where a persona's customer and internal curves diverge (2 or more points at a stage)."""

from __future__ import annotations

import pytest

from app.model.divergence import BAND_W, curve_divergences, y_at
from app.model.layout import build_layout, card_marks
from app.model.perspective import (
    BOTH,
    CUSTOMER,
    INTERNAL,
    check_view,
    rating_differences,
    rating_gap,
    shows_curve,
    shows_ratings,
)
from app.model.schema import (
    Card,
    EmotionCurve,
    EmotionPoint,
    Lane,
    LaneType,
    Map,
    Persona,
    Perspective,
    Stage,
)


def card(ic=None, pc=None, ii=None, pi=None, **kw) -> Card:
    return Card(id="c", stage_id="s", lane_id="l", importance_customer=ic, performance_customer=pc,
                importance_internal=ii, performance_internal=pi, **kw)  # fmt: skip


# ------------------------------------------------------------------ the rating gap
@pytest.mark.parametrize(
    ("ratings", "differences", "gap"),
    [
        ((4, 3, 4, 3), (0, 0), 0),  # the same
        ((4, 3, 5, 3), (1, 0), 0),  # 1 point: no gap
        ((4, 3, 3, 4), (-1, 1), 0),  # 1 point each way: no gap
        ((4, 3, 2, 3), (-2, 0), 2),  # importance 2 apart
        ((4, 1, 4, 3), (0, 2), 2),  # performance 2 apart
        ((5, 1, 2, 3), (-3, 2), 3),  # the larger one counts
        ((1, 5, 4, 2), (3, -3), 3),
        ((5, None, 1, 4), (-4, None), 4),  # a missing performance: only importance compared
        ((None, 2, 5, 5), (None, 3), 3),
        ((5, 1, None, None), (None, None), 0),  # not rated internally: nothing to compare
        ((None, None, 1, 5), (None, None), 0),
        ((5, None, None, 1), (None, None), 0),  # each side rated in another dimension
        ((None, None, None, None), (None, None), 0),
    ],
)
def test_rating_gap(ratings, differences, gap):
    c = card(*ratings)
    assert rating_differences(c) == differences
    assert rating_gap(c) == gap


def test_views():
    assert [check_view(v) for v in ("customer", "internal", "both")] == [CUSTOMER, INTERNAL, BOTH]
    with pytest.raises(ValueError, match="perspective 'all'"):
        check_view("all")
    assert shows_ratings(CUSTOMER, "customer") and not shows_ratings(CUSTOMER, "internal")
    assert shows_ratings(INTERNAL, "internal") and not shows_ratings(INTERNAL, "customer")
    assert shows_ratings(BOTH, "customer") and shows_ratings(BOTH, "internal")
    assert shows_curve(CUSTOMER, Perspective.CUSTOMER) and not shows_curve(CUSTOMER, Perspective.INTERNAL)
    assert not shows_curve(CUSTOMER, Perspective.TO_BE) and not shows_curve(INTERNAL, Perspective.TO_BE)
    assert shows_curve(INTERNAL, Perspective.INTERNAL) and not shows_curve(INTERNAL, Perspective.CUSTOMER)
    assert all(shows_curve(BOTH, p) for p in Perspective)


# ------------------------------------------------------------------ the card marks per perspective
def kinds(c: Card, view: str) -> list[str]:
    return [mk.kind for mk in card_marks(c, 220, 80, view)]


def test_card_marks_follow_the_perspective():
    c = card(5, 1, 3, 4, votes=2, moment_of_truth=True)  # gap 3
    assert kinds(c, CUSTOMER) == ["truth", "rating-customer", "votes"]
    assert kinds(c, INTERNAL) == ["truth", "rating-internal", "votes"]
    assert kinds(c, BOTH) == ["truth", "rating-customer", "rating-internal", "gap", "votes"]
    assert card_marks(c, 220, 80) == card_marks(c, 220, 80, BOTH)  # both is the default
    marks = {mk.kind: mk for mk in card_marks(c, 220, 80, BOTH)}
    assert marks["rating-customer"].text == "C 5/1" and marks["rating-internal"].text == "I 3/4"
    assert marks["gap"].text == "gap 3" and marks["gap"].line.text == "gap 3" and marks["gap"].line.bold
    # the gap outlines both rating boxes and makes a badge after them, left of the votes
    assert [s.part for s in marks["rating-customer"].shapes] == ["gap-box"]
    assert [s.part for s in marks["rating-internal"].shapes] == ["gap-box"]
    assert [s.part for s in marks["gap"].shapes] == ["gap"]
    assert (
        marks["rating-internal"].rect.right
        < marks["gap"].rect.x
        < marks["gap"].rect.right
        < marks["votes"].rect.x
    )
    # one perspective alone has no gap: its box is a plain one, in the first box's place
    (alone,) = [mk for mk in card_marks(c, 220, 80, INTERNAL) if mk.kind == "rating-internal"]
    assert [s.part for s in alone.shapes] == ["box"] and alone.rect.x == marks["rating-customer"].rect.x


@pytest.mark.parametrize(
    ("ratings", "gap"), [((4, 3, 5, 4), None), ((4, 3, 2, 3), "gap 2"), ((5, None, 2, 1), "gap 3")]
)
def test_gap_badge_only_from_two_points(ratings, gap):
    marks = card_marks(card(*ratings), 220, 80, BOTH)
    badges = [mk.text for mk in marks if mk.kind == "gap"]
    assert badges == ([gap] if gap else [])
    parts = {s.part for mk in marks if mk.kind.startswith("rating-") for s in mk.shapes}
    assert parts == ({"gap-box"} if gap else {"box"})


def test_missing_ratings_show_no_gap_and_no_empty_box():
    c = card(5, 1)  # rated by customers only
    assert kinds(c, BOTH) == ["rating-customer"]
    assert kinds(c, INTERNAL) == []


# ------------------------------------------------------------------ curve divergence
def curve_map(
    customer: list[tuple[str, float, float]], internal: list[tuple[str, float, float]], **kw
) -> Map:
    """Three stages 200 points wide, a feelings lane, and one persona's two curves, their points
    given as (stage, x in the stage, value)."""

    def points(prefix, spec):
        return [EmotionPoint(id=f"{prefix}{i}", stage_id=s, x=x, value=v) for i, (s, x, v) in enumerate(spec)]

    return Map(
        stages=[Stage(id=s, name=s.upper(), width=200) for s in ("a", "b", "c")],
        lanes=[Lane(id="feel", name="Feelings", type=LaneType.FEELINGS, height=130)],
        personas=[Persona(id="p", name="Pat")],
        curves=[
            EmotionCurve(id="cc", persona_id="p", perspective=Perspective.CUSTOMER, points=points("c", customer),
                         visible=kw.get("customer_visible", True)),
            EmotionCurve(id="ci", persona_id=kw.get("internal_persona", "p"), perspective=Perspective.INTERNAL,
                         points=points("i", internal)),
        ],
    )  # fmt: skip


def test_curves_diverging_by_two_or_more_points_at_a_stage():
    m = curve_map(
        [("a", 0.5, 1), ("b", 0.5, -2), ("c", 0.5, 0)], [("a", 0.5, 2), ("b", 0.5, 1), ("c", 0.5, 2)]
    )
    lay = build_layout(m)
    found = curve_divergences(lay)
    assert [(d.stage_id, d.customer, d.internal, d.gap) for d in found] == [("b", -2, 1, 3), ("c", 0, 2, 2)]
    b = found[0]
    assert (b.persona_id, b.customer_id, b.internal_id) == ("p", "cc", "ci")
    stage = lay.stage_rect("b")
    assert b.x == pytest.approx(stage.x + 100)
    # the band runs from one curve to the other at that x, and its label says the gap
    assert b.rect.w == BAND_W and b.rect.cx == pytest.approx(b.x)
    assert b.rect.y == pytest.approx(lay.value_y(1)) and b.rect.bottom == pytest.approx(lay.value_y(-2))
    assert b.line.text == "gap 3" and b.line.x > b.rect.right and b.rect.y < b.line.y < b.rect.bottom + 4
    assert b.box.x < b.line.x and b.box.y < b.line.y < b.box.bottom and b.box.x > b.rect.right  # its box
    assert found[1].line.text == "gap 2"


def test_one_point_apart_is_no_divergence():
    m = curve_map([("a", 0.5, 1), ("b", 0.5, -1)], [("a", 0.5, 2), ("b", 0.5, 0.1)])
    assert curve_divergences(build_layout(m)) == []  # 1 and 1.1 points apart


def test_divergence_read_off_the_drawn_curves_between_points():
    """Points at other places in the stage: each curve is read where the other has its point,
    on its drawn path (the largest difference in the stage counts)."""
    m = curve_map(
        [("a", 0.5, 0), ("b", 0.2, 0), ("b", 0.8, -3), ("c", 0.5, 0)],
        [("a", 0.5, 0), ("b", 0.5, 1), ("c", 0.5, 0)],
    )
    lay = build_layout(m)
    (d,) = curve_divergences(lay)
    assert d.stage_id == "b" and d.x == pytest.approx(lay.stage_rect("b").x + 0.8 * 200)
    assert d.customer == pytest.approx(-3)
    geo = lay.curve("ci")
    assert d.internal == pytest.approx(lay.y_value(y_at(geo, d.x)))
    assert 0 < d.internal < 1  # the internal curve falls from 1 (b) to 0 (c) there
    assert d.gap == pytest.approx(d.internal + 3)


def test_y_at_follows_the_drawn_segments():
    m = curve_map([("a", 0.5, 2), ("b", 0.5, -2), ("c", 0.5, 3)], [])
    geo = build_layout(m).curve("cc")
    pts = geo.points
    assert [y_at(geo, p.x) for p in pts] == pytest.approx([p.y for p in pts])
    assert y_at(geo, pts[0].x - 1) is None and y_at(geo, pts[-1].x + 1) is None  # never extrapolated
    # halfway along a segment: the cubic's value at t = 1/2
    (c1, c2, end) = geo.segments[0]
    mid = (pts[0].x + end[0]) / 2
    assert y_at(geo, mid) == pytest.approx((pts[0].y + 3 * c1[1] + 3 * c2[1] + end[1]) / 8)


def test_stages_one_curve_does_not_reach_are_not_compared():
    m = curve_map([("a", 0.5, -3), ("b", 0.5, -3)], [("b", 0.5, 3), ("c", 0.5, 3)])
    (d,) = curve_divergences(build_layout(m))
    assert d.stage_id == "b" and d.gap == 6


def test_only_visible_curves_of_one_persona_are_compared():
    spec = ([("a", 0.5, -3)], [("a", 0.5, 3)])
    assert len(curve_divergences(build_layout(curve_map(*spec)))) == 1
    assert curve_divergences(build_layout(curve_map(*spec, customer_visible=False))) == []
    other = curve_map(*spec, internal_persona=None)
    other.personas.append(Persona(id="q", name="Quinn"))
    assert curve_divergences(build_layout(other)) == []


def test_no_feelings_lane_no_divergence():
    m = curve_map([("a", 0.5, -3)], [("a", 0.5, 3)])
    m.lanes[0].type = LaneType.TEXT
    assert curve_divergences(build_layout(m)) == []
