"""app.model.mapdiff: what changed between two maps, by element id."""

from __future__ import annotations

import random

from app.model.mapdiff import FieldChange, Place, diff_maps
from app.model.ordering import longest_increasing as longest_kept
from app.model.schema import Card, EmotionPoint, Lane, Link, Persona, Stage, StageMetric
from tests.model_factory import small_map


def changes(old, new):
    return [(c.entity, c.action, c.id) for c in diff_maps(old, new).changes]


def test_a_map_and_its_copy_are_the_same():
    m = small_map()
    d = diff_maps(m, m.model_copy(deep=True))
    assert d.same and d.changes == [] and d.counts() == {}


def test_sort_keys_and_list_order_are_not_changes():
    old = small_map(3)
    new = old.model_copy(deep=True)
    random.Random(4).shuffle(new.cards)  # the file's card list in another order
    for c in new.cards:
        c.order = c.order * 1024 + 7  # renumbered, same stacking
    new.links.reverse()
    new.curves[0].points.reverse()
    new.modified = "2027-01-01T00:00:00+00:00"
    assert diff_maps(old, new).same


def test_cards_added_removed_moved_and_edited():
    old = small_map()
    new = old.model_copy(deep=True)
    gone = new.cards.pop(0)
    new.links = [lk for lk in new.links if gone.id not in (lk.source_id, lk.target_id)]
    new.cards.append(Card(id="c-new", stage_id="s1", lane_id="l-act", order=99, title="Fresh"))
    moving = new.cards[3]
    was = (moving.stage_id, moving.lane_id)
    moving.stage_id, moving.lane_id = "s2", "l-on"
    edited = new.cards[5]
    edited.title, edited.importance_customer, edited.tags = "Renamed card", 5, ["vip"]
    d = diff_maps(old, new)
    by_id = {c.id: c for c in d.changes if c.entity == "card"}
    assert by_id[gone.id].action == "removed" and by_id[gone.id].before.stage_id == gone.stage_id
    assert by_id["c-new"].action == "added" and by_id["c-new"].after == Place(
        len([c for c in new.cards if (c.stage_id, c.lane_id) == ("s1", "l-act")]), "s1", "l-act"
    )
    assert by_id[moving.id].action == "moved"
    assert (by_id[moving.id].before.stage_id, by_id[moving.id].before.lane_id) == was
    assert (by_id[moving.id].after.stage_id, by_id[moving.id].after.lane_id) == ("s2", "l-on")
    assert by_id[edited.id].action == "edited"
    assert by_id[edited.id].fields == (
        FieldChange("title", next(c.title for c in old.cards if c.id == edited.id), "Renamed card"),
        FieldChange("importance_customer", 3, 5),
        FieldChange("tags", [], ["vip"]),
    )
    assert {c.id for c in d.changes if c.entity == "link"} == {"lk1"}


def test_a_card_moved_up_its_cell_is_the_only_one_reordered():
    old = small_map(5)
    new = old.model_copy(deep=True)
    cell = sorted((c for c in new.cards if (c.stage_id, c.lane_id) == ("s0", "l-act")), key=lambda c: c.order)
    for c in cell:  # the fourth card to the front
        c.order += 10
    cell[3].order = 0
    d = diff_maps(old, new)
    assert [(c.action, c.id, c.before.position, c.after.position) for c in d.changes] == [
        ("reordered", cell[3].id, 4, 1)
    ]


def test_a_card_inserted_above_others_does_not_reorder_them():
    old = small_map(3)
    new = old.model_copy(deep=True)
    new.cards.append(Card(id="c-top", stage_id="s0", lane_id="l-act", order=0, title="Top"))
    for c in new.cards:
        if (c.stage_id, c.lane_id) == ("s0", "l-act") and c.id != "c-top":
            c.order += 5
    assert changes(old, new) == [("card", "added", "c-top")]


def test_stages_lanes_personas_added_removed_renamed_reordered():
    old = small_map()
    new = old.model_copy(deep=True)
    new.stages.append(new.stages.pop(0))  # Stage 0 to the end: one stage moved
    new.stages[0].name = "First now"
    new.lanes.append(Lane(id="l-new", name="Ideas"))
    new.personas.append(Persona(id="p3", name="Cy"))
    new.personas[1].role = "Buyer"
    got = changes(old, new)
    assert ("stage", "reordered", "s0") in got and ("stage", "renamed", "s1") in got
    assert not any(e == "stage" and i == "s2" for e, _, i in got)
    assert (
        ("lane", "added", "l-new") in got
        and ("persona", "added", "p3") in got
        and ("persona", "edited", "p2") in got
    )


def test_curves_points_links_and_metrics():
    old = small_map()
    new = old.model_copy(deep=True)
    new.curves[0].points[1].value = 2.5
    new.curves[0].points.append(EmotionPoint(id="pt-new", stage_id="s2", x=0.9, value=-3))
    del new.curves[0].points[0]
    new.curves[0].name = "Ana as-is"
    new.links.append(Link(id="lk3", source_id=new.cards[0].id, target_id=new.cards[1].id, label="hand-off"))
    new.metrics[0].value = 45
    new.metrics.append(StageMetric(id="m2", stage_id="s1", name="CSAT"))
    got = changes(old, new)
    assert got[:4] == [
        ("curve", "renamed", "cv1"),
        ("point", "removed", "pt0"),
        ("point", "edited", "pt1"),
        ("point", "added", "pt-new"),
    ]
    assert (
        ("link", "added", "lk3") in got
        and ("metric", "edited", "m1") in got
        and ("metric", "added", "m2") in got
    )
    point = next(c for c in diff_maps(old, new).changes if c.id == "pt1")
    assert point.parent == "cv1" and point.fields == (FieldChange("value", 0.0, 2.5),)


def test_unknown_fields_and_map_fields_are_compared():
    old = small_map()
    new = old.model_copy(deep=True)
    new.title = "Q2"
    new.stages[0] = Stage.model_validate({**new.stages[0].model_dump(), "x_custom": 1})
    d = diff_maps(old, new)
    assert [(c.entity, c.fields) for c in d.changes] == [
        ("map", (FieldChange("title", "Test map", "Q2"),)),
        ("stage", (FieldChange("x_custom", None, 1),)),
    ]


def test_longest_kept_is_a_longest_increasing_run():
    rng = random.Random(1)
    for _ in range(200):
        seq = rng.sample(range(30), rng.randint(0, 12))
        kept = sorted(longest_kept(seq))
        values = [seq[i] for i in kept]
        assert values == sorted(values) and len(set(values)) == len(values)
        best = [1] * len(seq)  # O(n^2) reference
        for i in range(len(seq)):
            for j in range(i):
                if seq[j] < seq[i]:
                    best[i] = max(best[i], best[j] + 1)
        assert len(kept) == max(best, default=0)
