"""Duplicate ids are reported where they repeat, naming where each was first used: within one
list, across lists (a card reusing a stage's id) and among a curve's points. (check_references
names the first use only when a duplicate is found: a valid map formats no path.)"""

from __future__ import annotations

from app.model.validation import check_references
from tests.model_factory import small_map


def problems(m) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_references(m)]


def test_a_valid_map_has_no_problems():
    assert problems(small_map()) == []


def test_duplicates_within_a_list_across_lists_and_among_points():
    m = small_map()
    m.cards[5].id = m.cards[2].id
    m.cards[7].id = m.cards[2].id
    m.cards[9].id = "s1"  # a stage's id
    m.links[1].id = m.cards[4].id
    points = m.curves[0].points
    points[2].id = points[0].id
    assert problems(m) == [
        ("map.cards[5].id", f"duplicate id '{m.cards[2].id}' (first used at map.cards[2])"),
        ("map.cards[7].id", f"duplicate id '{m.cards[2].id}' (first used at map.cards[2])"),
        ("map.cards[9].id", "duplicate id 's1' (first used at map.stages[1])"),
        ("map.links[1].id", f"duplicate id '{m.cards[4].id}' (first used at map.cards[4])"),
        ("map.curves[0].points[2].id", f"duplicate id '{points[0].id}' (first used at map.curves[0].points[0])"),
    ]
