"""The model guards itself: the Document refuses an edit that breaks the schema's rules (naming
the element and the field), leaves the map, its indexes and its listeners as they were, and the
map therefore always saves as a file that loads again."""

from __future__ import annotations

import pytest

from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model.document import Document, EditRefused
from app.model.events import Entity
from app.model.schema import MAX_SHORT_TEXT, Card, Map
from tests.model_factory import small_map

CARD = "c-s0-l-act-0"


@pytest.fixture
def doc() -> Document:
    return Document(small_map())


def test_update_with_a_long_title_and_negative_votes_is_refused_naming_card_and_fields(doc, tmp_path):
    before = doc.map.model_dump_json()
    events: list = []
    doc.subscribe(events.append)
    with pytest.raises(EditRefused) as caught:
        doc.update(Entity.CARD, CARD, {"title": "x" * 500, "votes": -4})
    message = str(caught.value)
    assert message.startswith(f"card '{CARD}'.title: ") and "too long" in message and "(and 1 more)" in message
    paths = [p.path for p in caught.value.problems]
    assert paths == [f"card '{CARD}'.title", f"card '{CARD}'.votes"]
    assert doc.map.model_dump_json() == before and events == []
    path = tmp_path / "guarded.journey.json"
    save_map(doc.map, path)
    assert load_map(path).model_dump_json() == before


def test_a_title_at_the_limit_is_accepted_and_one_more_character_is_not(doc):
    doc.update(Entity.CARD, CARD, {"title": "y" * MAX_SHORT_TEXT})
    assert doc.card(CARD).title == "y" * MAX_SHORT_TEXT
    with pytest.raises(EditRefused, match=r"\.title: "):
        doc.update(Entity.CARD, CARD, {"title": "y" * (MAX_SHORT_TEXT + 1)})
    assert doc.card(CARD).title == "y" * MAX_SHORT_TEXT


@pytest.mark.parametrize(
    ("entity", "ident", "fields", "where"),
    [
        (Entity.STAGE, "s1", {"name": "n" * 201}, "stage 's1'.name"),
        (Entity.LANE, "l-act", {"height": -5.0}, "lane 'l-act'.height"),
        (Entity.POINT, "pt1", {"value": float("inf")}, "curve point 'pt1'.value"),
        (Entity.POINT, "pt1", {"stage_id": "no-stage"}, "curve point 'pt1'.stage_id"),
        (Entity.CARD, CARD, {"persona_ids": ["ghost"]}, f"card '{CARD}'.persona_ids[0]"),
        (Entity.CARD, CARD, {"stage_id": "s1"}, f"card '{CARD}'.stage_id"),
        (Entity.CARD, CARD, {"id": "other"}, f"card '{CARD}'.id"),
        (Entity.MAP, "", {"title": "t\x01"}, "map.title"),
    ],
)
def test_each_kind_of_rule_is_refused_with_its_place(doc, entity, ident, fields, where):
    before = doc.map.model_dump_json()
    with pytest.raises(EditRefused) as caught:
        doc.update(entity, ident, fields)
    assert str(caught.value).startswith(where + ": ")
    assert doc.map.model_dump_json() == before


def test_inserting_a_card_that_breaks_the_rules_is_refused(doc):
    before = doc.map.model_dump_json()
    bad = Card.model_construct(**{**doc.card(CARD).model_dump(), "id": "c-new", "title": "z" * 500})
    with pytest.raises(EditRefused, match=r"^card 'c-new'\.title: "):
        doc.insert(Entity.CARD, bad)
    with pytest.raises(EditRefused, match=r"^card 'c-new'\.lane_id: unknown lane 'nowhere'"):
        doc.insert(Entity.CARD, Card(id="c-new", stage_id="s0", lane_id="nowhere"))
    assert doc.map.model_dump_json() == before
    assert doc.find(Entity.CARD, "c-new") is None


def test_a_macro_refused_part_way_leaves_map_indexes_and_listeners_untouched(doc):
    before = doc.map.model_dump_json()
    events: list = []
    doc.subscribe(events.append)
    macro = cmd.Macro("Several", [
        cmd.MoveCards([CARD], "s2", "l-back", 0),
        cmd.Edit(Entity.CARD, "c-s1-l-act-0", {"title": "fine"}),
        cmd.remove_cards(doc, ["c-s1-l-touch-0"]),
        cmd.Edit(Entity.CARD, "c-s2-l-act-0", {"votes": -1}),
    ])
    with pytest.raises(EditRefused, match=r"^card 'c-s2-l-act-0'\.votes: "):
        cmd.run(doc, macro)
    assert doc.map.model_dump_json() == before and events == []
    fresh = Document(Map.model_validate_json(before))
    for stage in doc.map.stages:
        for lane in doc.map.lanes:
            assert [c.id for c in doc.cell_cards(stage.id, lane.id)] == [
                c.id for c in fresh.cell_cards(stage.id, lane.id)
            ]
    assert doc.uses_of(Entity.STAGE, "s2") == fresh.uses_of(Entity.STAGE, "s2")
    # the document works on: the same macro without its bad part applies and reverts exactly
    good = cmd.Macro("Several", macro.commands[:3])
    cmd.run(doc, good)
    assert doc.card("c-s1-l-act-0").title == "fine" and doc.find(Entity.CARD, "c-s1-l-touch-0") is None
    cmd.run(doc, good, undo=True)
    assert doc.map.model_dump_json() == before
