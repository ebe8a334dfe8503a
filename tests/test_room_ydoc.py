"""The mapping between a map and its shared Yjs document (app.room.ydoc): round trips, the
reading rules, refusals, and document changes written as one transaction. No network."""

from __future__ import annotations

import json

import pytest
from pycrdt import Doc
from pycrdt import Map as YMap

from app.io.jsonfile import load_map
from app.io.templates import example_path
from app.model import commands
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Card, Link, Map
from app.room.ydoc import (
    COLLECTIONS,
    RoomMapInvalid,
    apply_changes,
    doc_to_map,
    elements,
    map_to_doc,
    meta,
    order_array,
)
from benchmarks.generate import generate_map, with_cyclic_links


def dump(m: Map) -> dict:
    return m.model_dump(mode="json")


def joined(ydoc: Doc) -> Doc:
    """A fresh peer's copy of ``ydoc``, made from its full update (what a joiner receives)."""
    other = Doc()
    other.apply_update(ydoc.get_update())
    return other


def test_example_round_trips_exactly():
    m = load_map(example_path())
    ydoc = map_to_doc(m)
    assert dump(doc_to_map(ydoc)) == dump(m)
    assert dump(doc_to_map(joined(ydoc))) == dump(m)


@pytest.mark.parametrize("n", [0, 1, 300])
def test_generated_maps_round_trip_exactly(n):
    m = with_cyclic_links(generate_map(n, seed=n + 3), per_card=2) if n > 1 else generate_map(n)
    assert dump(doc_to_map(joined(map_to_doc(m)))) == dump(m)


def test_unknown_fields_and_the_vote_travel():
    m = generate_map(12)
    m.__pydantic_extra__["from_newer_build"] = {"a": [1, 2.5, None], "b": "x"}
    m.cards[0].__pydantic_extra__["sticker"] = 7
    m = Map.model_validate(
        dump(m) | {"vote": {"budget": 2, "ballots": [{"voter": "Ana", "card_ids": ["c-1"]}]}}
    )
    back = doc_to_map(joined(map_to_doc(m)))
    assert dump(back) == dump(m)
    assert back.cards[0].sticker == 7 and type(back.cards[0].sticker) is int  # not a Yjs double
    assert back.vote.budget == 2 and back.vote.ballots[0].card_ids == ["c-1"]


def test_entries_are_keyed_by_id_with_defaults_left_out():
    m = generate_map(5)
    ydoc = map_to_doc(m)
    card = elements(ydoc, Entity.CARD)["c-0"]
    assert isinstance(card, YMap)
    assert card["title"] == m.cards[0].title and "id" not in card and "notes" not in card
    assert list(order_array(ydoc, Entity.STAGE)) == [s.id for s in m.stages]
    assert meta(ydoc)["title"] == m.title
    assert set(COLLECTIONS.values()) <= set(ydoc.keys())


def test_order_array_first_place_counts_and_missing_ids_go_last():
    m = generate_map(3)
    ydoc = map_to_doc(m)
    order = order_array(ydoc, Entity.STAGE)
    ids = [s.id for s in m.stages]
    order.insert(0, ids[3])  # a concurrent move left st-3 in two places
    del order[len(order) - 1]  # and st-6 in none
    got = [s.id for s in doc_to_map(ydoc).stages]
    assert got == [ids[3], ids[0], ids[1], ids[2], ids[4], ids[5], ids[6]]


def test_elements_naming_deleted_ones_are_left_out_by_the_reading_rules():
    m = generate_map(40)
    ydoc = map_to_doc(m)
    stage = "st-2"
    on_stage = {c.id for c in m.cards if c.stage_id == stage}
    del elements(ydoc, Entity.STAGE)[stage]  # as if someone deleted it while others still used it
    del elements(ydoc, Entity.PERSONA)["p-0"]
    hidden: set = set()
    got = doc_to_map(ydoc, hidden)
    assert not on_stage & {c.id for c in got.cards}
    assert all(lk.source_id not in on_stage and lk.target_id not in on_stage for lk in got.links)
    assert all(p.stage_id != stage for cv in got.curves for p in cv.points)
    assert all("p-0" not in c.persona_ids for c in got.cards)
    assert all(cv.persona_id != "p-0" for cv in got.curves)
    assert {(Entity.CARD, i) for i in on_stage} <= hidden
    Document(got)  # a valid map


def test_an_invalid_element_is_refused_naming_it():
    ydoc = map_to_doc(generate_map(5))
    elements(ydoc, Entity.CARD)["c-3"]["title"] = "x" * 500
    with pytest.raises(RoomMapInvalid) as err:
        doc_to_map(ydoc)
    message = str(err.value)
    assert "card 'c-3'.title" in message and "too long" in message and "\n" not in message


def test_an_empty_or_newer_room_is_refused():
    with pytest.raises(RoomMapInvalid, match="empty"):
        doc_to_map(Doc())
    ydoc = map_to_doc(generate_map(1))
    ydoc.get("room", type=YMap)["protocol"] = 99
    with pytest.raises(RoomMapInvalid, match="protocol 99"):
        doc_to_map(ydoc)


def _transactions(ydoc: Doc) -> list[int]:
    seen: list[int] = []
    ydoc.observe(lambda event: seen.append(len(event.update)))
    return seen


def test_a_batch_of_changes_is_one_transaction_and_reads_back_as_the_document():
    m = generate_map(50)
    ydoc = map_to_doc(m)
    document = Document(m)
    batches: list = []
    document.subscribe(batches.append)
    seen = _transactions(ydoc)
    new = [Card(id=f"n-{i}", stage_id="st-1", lane_id="ln-0", title=f"note {i}") for i in range(1000)]
    commands.run(document, commands.InsertCards(new, "st-1", "ln-0", index=0))
    commands.run(document, commands.MoveCards(["c-1", "c-2"], "st-3", "ln-4", index=0))
    commands.run(document, commands.remove_stage(document, "st-2"))
    commands.run(document, commands.Reorder(Entity.LANE, "ln-5", 0))
    commands.run(document, commands.Edit(Entity.MAP, "", {"title": "Renamed", "goal": ""}))
    commands.run(document, commands.Insert(Entity.LINK, Link(id="lk-new", source_id="n-1", target_id="c-1")))
    for batch in batches:
        apply_changes(ydoc, document, batch, origin="test")
    assert len(seen) == len(batches) == 6
    assert dump(doc_to_map(joined(ydoc))) == dump(document.map)


def test_adding_and_removing_in_one_batch_writes_nothing():
    m = generate_map(5)
    ydoc = map_to_doc(m)
    document = Document(m)
    batches: list = []
    document.subscribe(batches.append)
    card = Card(id="tmp", stage_id="st-0", lane_id="ln-0")
    commands.run(
        document, commands.Macro("both", [commands.add_card(card), commands.Remove(Entity.CARD, "tmp")])
    )
    before = ydoc.get_state()
    apply_changes(ydoc, document, batches[0])
    assert "tmp" not in elements(ydoc, Entity.CARD) and "tmp" not in list(order_array(ydoc, Entity.CARD))
    assert ydoc.get_update(before) == Doc().get_update(Doc().get_state())  # an empty update


def test_unknown_field_named_like_a_layout_entry_is_refused():
    m = generate_map(2)
    m.cards[0].__pydantic_extra__["extra_json"] = "x"
    with pytest.raises(RoomMapInvalid, match="extra_json"):
        map_to_doc(m)
    assert json.dumps(dump(m))  # the map itself is fine


def test_reading_all_elements_at_once_equals_reading_entry_by_entry(monkeypatch):
    """doc_to_map reads each kind's elements as one JSON text (fast); entry by entry (the
    fallback, and what the bridge does per element) gives the same map and the same hidden set."""
    import app.room.ydoc as ydoc

    for m in (load_map(example_path()), with_cyclic_links(generate_map(300), 1)):
        doc = map_to_doc(m)
        curves = doc.get("curves", type=YMap)
        first = next(iter(curves.keys()))
        curves[first]["points"]["zz-stray"] = YMap({"stage_id": "no-such-stage", "value": 1.5})  # left out
        fast_hidden, slow_hidden = set(), set()
        fast = doc_to_map(doc, fast_hidden)
        monkeypatch.setattr(ydoc, "_plain_elements", lambda ymap, entity: None)
        slow = doc_to_map(doc, slow_hidden)
        monkeypatch.undo()
        assert fast.model_dump() == slow.model_dump()
        assert fast_hidden == slow_hidden and (Entity.CURVE, first) in fast_hidden
