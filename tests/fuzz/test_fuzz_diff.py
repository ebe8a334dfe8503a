"""Fuzz target: `journeymap diff` of any two valid maps. The maps are the fixtures with damaged
values that still load (any field, any value the schema accepts, unknown fields, other ids) or
after random editor-like edits; the diff never crashes, its text and JSON reports are written, a
map compared with itself (or its copy from disk) has no changes, and the diff read backwards is
the mirror image (what one adds the other removes, the same elements moved to another cell or
with changed fields). Merging the two (one as the base) gives a map that saves and loads."""

from __future__ import annotations

import json
import random

from hypothesis import event, given
from hypothesis import strategies as st

from app.cli.versions import diff_json, diff_text
from app.io.jsonfile import MapFileError, dumps_map, loads_map
from app.model.mapdiff import diff_maps
from app.model.merge3 import merge_maps
from app.model.schema import Map
from tests.merge_support import random_edit

from .conftest import examples
from .damage import SEEDS, damage_values

MIRROR = {"added": "removed", "removed": "added"}


def a_valid_map(data: st.DataObject, label: str) -> Map:
    seed = data.draw(st.sampled_from(SEEDS), label=f"{label} seed")
    m = loads_map(seed)
    how = data.draw(st.sampled_from(("as is", "damaged", "edited")), label=f"{label} how")
    if how == "damaged":
        raw = json.dumps(damage_values(data, json.loads(seed)))
        try:
            m = loads_map(raw)
        except MapFileError:
            event("damage refused: the fixture as is")
    elif how == "edited":
        rng = random.Random(data.draw(st.integers(0, 2**32), label=f"{label} edits"))
        for k in range(rng.randint(1, 15)):
            random_edit(m, rng, label, k) if m.stages and m.lanes and m.curves else None
        m = loads_map(dumps_map(m))
    return m


def summary(diff) -> set[tuple[str, str, str]]:
    return {(c.entity, MIRROR.get(c.action, c.action), c.id) for c in diff.changes}


def changed(diff) -> set[tuple[str, str]]:
    """Elements moved to another cell or with changed fields (the map by its kind: its id may change)."""
    return {
        (c.entity, c.id if c.entity != "map" else "") for c in diff.changes if c.fields or c.action == "moved"
    }


@examples("diff")
@given(data=st.data())
def test_any_two_valid_maps_diff_without_crashing_and_a_map_equals_itself(data) -> None:
    a, b = a_valid_map(data, "a"), a_valid_map(data, "b")
    diff = diff_maps(a, b)
    event("same" if diff.same else "different")
    assert diff_text(diff, "a", "b")
    json.dumps(diff_json(diff, "a", "b"), ensure_ascii=False)
    assert diff_maps(a, a).changes == []
    assert diff_maps(a, loads_map(dumps_map(a))).changes == []
    backwards = diff_maps(b, a)
    assert {(c.entity, c.action, c.id) for c in backwards.changes if c.action in MIRROR} == {
        x for x in summary(diff) if x[1] in MIRROR
    }
    # which elements leave a reordered list's kept run may differ backwards (ties); what changed may not
    assert changed(backwards) == changed(diff)
    # and the git merge driver's merge of the two against either as the base gives a map that loads
    merged = merge_maps(a, a, b).map
    assert diff_maps(b, loads_map(dumps_map(merged))).changes == [] or merge_maps(a, a, b).conflicts
    loads_map(dumps_map(merge_maps(b, a, b.model_copy(deep=True)).map))
