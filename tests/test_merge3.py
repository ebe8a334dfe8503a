"""app.model.merge3: three-way merge of maps by element and field."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.jsonfile import dumps_map, loads_map
from app.model.mapdiff import diff_maps
from app.model.merge3 import CONFLICT_FIELD, merge_maps, merge_order
from app.model.schema import Card, Map, Stage
from tests.merge_support import random_edit
from tests.model_factory import small_map


def sides():
    base = small_map()
    return base, base.model_copy(deep=True), base.model_copy(deep=True)


def card(m: Map, ident: str) -> Card:
    return next(c for c in m.cards if c.id == ident)


def conflicts_of(element) -> list[dict]:
    return (element.__pydantic_extra__ or {}).get(CONFLICT_FIELD, [])


def test_edits_to_different_fields_and_elements_combine():
    base, ours, theirs = sides()
    ours.cards[0].title = "Ours title"
    theirs.cards[0].body = "Their body"
    theirs.cards[1].stage_id = "s2"
    ours.stages[0].name = "Aware"
    theirs.curves[0].points[1].value = 3.0
    ours.metrics[0].target = 50
    merged = merge_maps(base, ours, theirs)
    assert merged.conflicts == []
    m = merged.map
    assert (m.cards[0].title, m.cards[0].body, card(m, base.cards[1].id).stage_id) == (
        "Ours title",
        "Their body",
        "s2",
    )
    assert (m.stages[0].name, m.curves[0].points[1].value, m.metrics[0].target) == ("Aware", 3.0, 50)
    assert not m.cards[0].tags and CONFLICT_FIELD not in (m.cards[0].__pydantic_extra__ or {})


def test_a_true_conflict_keeps_ours_in_the_field_theirs_beside_it_and_tags_the_card():
    base, ours, theirs = sides()
    ours.cards[0].title, theirs.cards[0].title = "Ours", "Theirs"
    theirs.stages[1].name, ours.stages[1].name = "Their stage", "Our stage"
    merged = merge_maps(base, ours, theirs)
    c = card(merged.map, base.cards[0].id)
    assert c.title == "Ours" and c.tags == ["conflict"]
    assert conflicts_of(c) == [{"field": "title", "ours": "Ours", "theirs": "Theirs"}]
    assert 'Merge conflict in title: theirs was "Theirs"' in c.notes
    assert conflicts_of(merged.map.stages[1]) == [
        {"field": "name", "ours": "Our stage", "theirs": "Their stage"}
    ]
    assert [(x.entity, x.id) for x in merged.conflicts] == [("stage", "s1"), ("card", base.cards[0].id)]


def test_delete_against_edit_keeps_the_edit_delete_against_nothing_deletes():
    base, ours, theirs = sides()
    edited, untouched = base.cards[0].id, base.cards[3].id
    ours.cards = [c for c in ours.cards if c.id not in (edited, untouched)]
    ours.links = [lk for lk in ours.links if edited not in (lk.source_id, lk.target_id)]
    card(theirs, edited).votes = 7
    merged = merge_maps(base, ours, theirs)
    ids = {c.id for c in merged.map.cards}
    assert untouched not in ids and edited in ids
    kept = card(merged.map, edited)
    assert (
        kept.votes == 7
        and kept.tags == ["conflict"]
        and conflicts_of(kept) == [{"field": "", "deleted_by": "ours"}]
    )
    assert [x.message for x in merged.conflicts] == [
        "deleted by ours, edited by the other side; kept with the edits"
    ]


def test_a_deleted_stage_the_other_side_added_a_card_to_comes_back():
    base, ours, theirs = sides()
    theirs.stages = [s for s in theirs.stages if s.id != "s2"]
    theirs.cards = [c for c in theirs.cards if c.stage_id != "s2"]
    theirs.links = [
        lk
        for lk in theirs.links
        if lk.source_id in {c.id for c in theirs.cards} and lk.target_id in {c.id for c in theirs.cards}
    ]
    theirs.curves[0].points = [p for p in theirs.curves[0].points if p.stage_id != "s2"]
    ours.cards.append(Card(id="c-late", stage_id="s2", lane_id="l-act", title="Added late"))
    merged = merge_maps(base, ours, theirs)
    m = merged.map
    assert [s.id for s in m.stages] == ["s0", "s1", "s2"]
    assert [c.id for c in m.cards if c.stage_id == "s2"] == [
        "c-late"
    ]  # theirs' deletion of the others stands
    assert conflicts_of(m.stages[2]) == [{"field": "", "deleted_by": "theirs"}]
    assert any("needs it" in x.message for x in merged.conflicts)


def test_one_sides_reorder_and_the_others_new_stage_combine():
    base, ours, theirs = sides()
    ours.stages.reverse()
    theirs.stages.insert(2, Stage(id="s-new", name="Onboard"))  # after s1
    merged = merge_maps(base, ours, theirs)
    assert [s.id for s in merged.map.stages] == ["s2", "s1", "s-new", "s0"] and merged.conflicts == []
    assert merge_order(["a", "b", "c"], ["c", "a", "b"], ["b", "a", "c"], {"a", "b", "c"}) == (
        ["c", "a", "b"],
        True,
    )


def test_tags_and_personas_are_sets_cells_follow_the_side_that_moved():
    base, ours, theirs = sides()
    ours.cards[0].tags, theirs.cards[0].tags = ["vip"], ["later"]
    ours.cards[0].persona_ids, theirs.cards[0].persona_ids = (
        [],
        ["p1", "p2"],
    )  # ours removed p1, theirs added p2
    theirs.cards[1].stage_id, theirs.cards[1].order = "s1", 9
    ours.cards[2].stage_id, theirs.cards[2].stage_id = "s1", "s2"
    merged = merge_maps(base, ours, theirs)
    m = merged.map
    assert m.cards[0].tags == ["vip", "later"] and m.cards[0].persona_ids == ["p2"]
    assert (card(m, base.cards[1].id).stage_id, card(m, base.cards[1].id).order) == ("s1", 9)
    moved_twice = card(m, base.cards[2].id)
    assert moved_twice.stage_id == "s1" and conflicts_of(moved_twice)[0]["field"] == "cell"
    assert [x.id for x in merged.conflicts] == [base.cards[2].id]


def test_without_a_base_two_added_files_merge_as_a_union():
    _, ours, theirs = sides()
    theirs.stages.append(Stage(id="s-their", name="Renew"))
    theirs.title = "Their title"
    merged = merge_maps(None, ours, theirs)
    assert [s.id for s in merged.map.stages] == ["s0", "s1", "s2", "s-their"]
    assert merged.map.title == "Test map" and [x.entity for x in merged.conflicts] == ["map"]


def test_an_id_both_sides_gave_to_different_elements_gives_ours_with_the_reason():
    base, ours, theirs = sides()
    ours.stages.append(Stage(id="same", name="A stage"))
    theirs.cards.append(Card(id="same", stage_id="s0", lane_id="l-act"))
    merged = merge_maps(base, ours, theirs)
    assert [s.id for s in merged.map.stages][-1] == "same" and "same" not in {c.id for c in merged.map.cards}
    assert "could not merge" in str(merged.conflicts[-1]) and "duplicate id 'same'" in str(
        merged.conflicts[-1]
    )
    assert loads_map(dumps_map(merged.map)).stages[-1].id == "same"


# ------------------------------------------------------------------------ random edits
def _elements(m: Map) -> dict[str, dict]:
    out = {name: {e.id: e for e in getattr(m, attr)} for name, attr in (
        ("persona", "personas"), ("stage", "stages"), ("lane", "lanes"), ("card", "cards"),
        ("curve", "curves"), ("link", "links"), ("metric", "metrics"))}  # fmt: skip
    out["point"] = {p.id: p for curve in m.curves for p in curve.points}
    out["map"] = {m.id: m}
    return out


def _survives(change, side: Map, base: Map, merged: Map) -> None:
    found = _elements(merged)[change.entity].get(change.id)
    records = conflicts_of(found) if found is not None else []
    if change.action == "removed":
        assert found is None or any("deleted_by" in r for r in records), change
        return
    assert found is not None, change
    clashed = {r["field"] for r in records}
    if change.entity == "card" and change.action == "moved" and "cell" not in clashed:
        assert (found.stage_id, found.lane_id) == (change.after.stage_id, change.after.lane_id), change
    for f in change.fields:
        if f.field in clashed:
            assert any(r["field"] == f.field and f.new in (r["ours"], r["theirs"]) for r in records), change
            continue
        value = getattr(found, f.field)
        if f.field in ("tags", "persona_ids"):
            before = set(f.old or [])
            assert set(f.new) - before <= set(value) and not (before - set(f.new)) & set(value), change
        elif f.field == "notes" and records:
            assert value.startswith(f.new), change
        else:
            assert value == f.new, (change, value)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.integers(0, 12), st.integers(0, 12))
def test_random_edits_on_two_sides_merge_into_a_valid_map_keeping_every_clean_edit(seed, n_ours, n_theirs):
    rng = random.Random(seed)
    base = small_map()
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    for k in range(n_ours):
        random_edit(ours, rng, "o", k)
    for k in range(n_theirs):
        random_edit(theirs, rng, "t", k)
    ours, theirs = (loads_map(dumps_map(m)) for m in (ours, theirs))  # each side a valid map
    merged = merge_maps(base, ours, theirs)
    again = loads_map(dumps_map(merged.map))  # the result saves and loads
    assert len(again.cards) == len(merged.map.cards)
    assert not any("could not merge" in str(c) for c in merged.conflicts)
    # one side unchanged: the merge is the other side, exactly, without conflicts
    for one_sided, side in ((merge_maps(base, base, theirs), theirs), (merge_maps(base, ours, base), ours)):
        assert one_sided.conflicts == [] and diff_maps(side, one_sided.map).changes == []
        assert [s.id for s in one_sided.map.stages] == [s.id for s in side.stages]
    for side in (ours, theirs):
        for change in diff_maps(base, side).changes:
            if change.action != "reordered" or change.fields:
                _survives(change, side, base, merged.map)
