"""Bulk edits in one pass: ``Document.remove_all`` / ``insert_all`` (and the commands built on
them: deleting cards, a stage, a lane; undoing a paste) do exactly what removing and inserting
each element in turn does: the same map, the same indexes, the same events, the same refusals."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import commands as cmd
from app.model.document import Document, EditRefused
from app.model.events import Entity, Op
from benchmarks.generate import generate_map, with_cyclic_links
from tests.model_factory import small_map
from tests.test_layout import apply as apply_to
from tests.test_layout import snapshot
from tests.test_link_routing import labelled


def dump(doc: Document) -> str:
    return json.dumps(doc.map.model_dump(mode="json"), sort_keys=True)


def indexes(doc: Document) -> tuple:
    """The Document's own indexes, to compare with a Document built afresh from its map."""
    cells = {cell: [c.id for c in cards] for cell, cards in doc._cells.items()}
    by_id = {e: sorted(t) for e, t in doc._by_id.items()}
    return cells, by_id, dict(doc._uses)


def fresh(doc: Document) -> Document:
    return Document(doc.map.model_copy(deep=True))


def events_of(doc: Document, action) -> list[tuple]:
    got: list = []
    doc.subscribe(got.append)
    try:
        action()
    finally:
        doc.unsubscribe(got.append)
    return [(ch.entity, ch.op, ch.id, ch.cells, ch.parent) for batch in got for ch in batch]


def one_by_one_remove_cards(doc: Document, card_ids: list[str]) -> cmd.Macro:
    """``remove_cards`` as it was: one Remove per link and per card."""
    ids = set(card_ids)
    parts: list[cmd.Command] = [cmd.Remove(Entity.LINK, lk.id) for lk in doc.links_of(ids)]
    for curve in doc.map.curves:
        for p in curve.points:
            if p.card_id in ids:
                parts.append(cmd.Edit(Entity.POINT, p.id, {"card_id": None}))
    parts += [cmd.Remove(Entity.CARD, i) for i in card_ids]
    return cmd.Macro("old", parts)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), share=st.floats(0.0, 0.6))
def test_removing_cards_together_equals_one_by_one(seed, share):
    m = generate_map(300, seed=seed % 7)
    rng = random.Random(seed)
    ids = [c.id for c in m.cards if rng.random() < share] or [m.cards[0].id]
    rng.shuffle(ids)
    a, b = Document(m.model_copy(deep=True)), Document(m.model_copy(deep=True))
    start = dump(a)
    new, old = cmd.remove_cards(a, ids), one_by_one_remove_cards(b, ids)
    ev_new = events_of(a, lambda: cmd.run(a, new))
    ev_old = events_of(b, lambda: cmd.run(b, old))
    assert dump(a) == dump(b)
    assert indexes(a) == indexes(b) == indexes(fresh(a))
    assert sorted(ev_new, key=repr) == sorted(ev_old, key=repr)
    assert [e for e in ev_new if e[0] is Entity.CARD] == [e for e in ev_old if e[0] is Entity.CARD]
    cmd.run(a, new, undo=True)
    cmd.run(b, old, undo=True)
    assert dump(a) == dump(b) == start
    assert indexes(a) == indexes(fresh(a))
    cmd.run(a, new)  # redo
    cmd.run(b, old)
    assert dump(a) == dump(b)


def test_delete_stage_undo_redo_restores_the_exact_map():
    doc = Document(generate_map(1000))
    start = dump(doc)
    stage = doc.map.stages[2].id
    macro = cmd.remove_stage(doc, stage)
    cmd.run(doc, macro)
    gone = dump(doc)
    assert all(c.stage_id != stage for c in doc.map.cards)
    assert indexes(doc) == indexes(fresh(doc))
    cmd.run(doc, macro, undo=True)
    assert dump(doc) == start
    assert indexes(doc) == indexes(fresh(doc))
    cmd.run(doc, macro)
    assert dump(doc) == gone


def test_a_refused_removal_changes_nothing():
    doc = Document(small_map())
    linked = next(lk.source_id for lk in doc.map.links)
    other = next(c.id for c in doc.map.cards if not doc.uses_of(Entity.CARD, c.id))
    before, idx = dump(doc), indexes(doc)
    got = events_of(doc, lambda: pytest.raises(EditRefused, doc.remove_all, Entity.CARD, [other, linked]))
    assert got == [] and dump(doc) == before and indexes(doc) == idx
    with pytest.raises(EditRefused, match="no such element"):
        doc.remove_all(Entity.CARD, [other, "nope"])
    with pytest.raises(EditRefused):
        doc.remove_all(Entity.CARD, [other, other])
    assert dump(doc) == before and indexes(doc) == idx


def test_a_batch_that_fails_after_a_removal_rolls_it_back():
    doc = Document(generate_map(200))
    before, idx = dump(doc), indexes(doc)
    ids = [c.id for c in doc.map.cards[::7] if not doc.uses_of(Entity.CARD, c.id)]
    with pytest.raises(RuntimeError), doc.batch():
        doc.remove_all(Entity.CARD, ids)
        assert all(doc.find(Entity.CARD, i) is None for i in ids)
        raise RuntimeError("later part of the command failed")
    assert dump(doc) == before and indexes(doc) == idx


def test_insert_all_checks_each_element_and_refuses_as_insert_does():
    doc = Document(generate_map(200))
    ids = [c.id for c in doc.map.cards[::5] if not doc.uses_of(Entity.CARD, c.id)]
    removed = doc.remove_all(Entity.CARD, ids)
    assert [i for _, i in removed] == sorted(i for _, i in removed)
    before, idx = dump(doc), indexes(doc)
    clash = [(removed[0][0], removed[0][1]), (removed[0][0].model_copy(), removed[1][1])]
    with pytest.raises(EditRefused, match="duplicate id"):
        doc.insert_all(Entity.CARD, clash)
    bad = removed[0][0].model_copy(update={"lane_id": "nowhere"})
    with pytest.raises(EditRefused, match="unknown lane 'nowhere'"):
        doc.insert_all(Entity.CARD, [(bad, removed[0][1])])
    with pytest.raises(EditRefused, match="out of order"):
        doc.insert_all(Entity.CARD, removed[::-1])
    assert dump(doc) == before and indexes(doc) == idx
    doc.insert_all(Entity.CARD, removed)
    assert indexes(doc) == indexes(fresh(doc))


def test_undoing_a_paste_removes_exactly_the_pasted_cards():
    doc = Document(generate_map(300))
    start = dump(doc)
    src = doc.map.cards[:40]
    stage, lane = src[0].stage_id, src[0].lane_id
    new = [c.model_copy(update={"id": f"pasted-{i}"}) for i, c in enumerate(src)]
    paste = cmd.InsertCards(new, stage, lane, 3)
    cmd.run(doc, paste)
    assert {f"pasted-{i}" for i in range(40)} <= {c.id for c in doc.cell_cards(stage, lane)}
    got = events_of(doc, lambda: cmd.run(doc, paste, undo=True))
    removed = [e[2] for e in got if e[1] is Op.REMOVE]
    assert removed == [f"pasted-{i}" for i in reversed(range(40))]
    assert dump(doc) == start
    assert indexes(doc) == indexes(fresh(doc))


def _layout_matches_fresh(doc: Document, lay) -> None:
    from app.model.layout import build_layout

    fresh = build_layout(doc.map)
    for c in doc.map.cards:
        assert lay.card(c.id) == fresh.card(c.id), c.id
    for cell in fresh.cells():
        assert lay.cell_rect(*cell) == fresh.cell_rect(*cell)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_cards_put_back_are_measured_again_unless_their_text_and_width_are_the_same(seed):
    """The layout keeps the texts of the cards a batch removed, for an undo that puts them back:
    after random removals and cards put back (by undo, or as new cards with the same ids and
    another title, body, channel or owner, or in a stage of another width) every card stands and
    reads as in a fresh layout."""
    from app.model.layout import build_layout

    rng = random.Random(seed)
    m = generate_map(240, seed=seed % 5)
    m.stages[1].width = 320.0
    doc = Document(m)
    lay = build_layout(doc.map)
    doc.subscribe(lambda changes: lay.update(changes, doc))
    for _ in range(6):
        ids = [c.id for c in rng.sample(doc.map.cards, rng.randint(1, 40))]
        removal = cmd.remove_cards(doc, ids)
        saved = [doc.card(i).model_copy(deep=True) for i in ids]
        cmd.run(doc, removal)
        kind = rng.random()
        if kind < 0.4:
            cmd.run(doc, removal, undo=True)  # the same cards, the same texts
        else:
            field = rng.choice(["title", "body", "channel", "owner", None])
            back = []
            for card in saved:
                if field is not None and rng.random() < 0.7:
                    setattr(card, field, getattr(card, field) + " and some more words to wrap")
                back.append(card)
            stage = rng.choice(doc.map.stages).id  # maybe another width
            lane = rng.choice(doc.map.lanes).id
            cmd.run(doc, cmd.InsertCards(back, stage, lane, 0))
        _layout_matches_fresh(doc, lay)


def _stage_edit(doc: Document, rng: random.Random, step: int) -> cmd.Command:
    """Delete a stage (with its cards), add one, change a width, or move one."""
    from app.model.schema import Stage

    stages = doc.map.stages
    kind = rng.random()
    if kind < 0.3 and len(stages) > 2:
        return cmd.remove_stage(doc, rng.choice(stages).id)
    if kind < 0.5:
        stage = Stage(id=f"new-stage-{step}", name="New", width=rng.choice([160.0, 240.0, 330.5]))
        return cmd.add_stage(stage, rng.choice([None, 0, rng.randrange(len(stages) + 1)]))
    sid = rng.choice(stages).id
    if kind < 0.8:
        return cmd.Edit(Entity.STAGE, sid, {"width": rng.choice([150.0, 240.0, 300.0, 410.25])})
    return cmd.Reorder(Entity.STAGE, sid, rng.randrange(len(stages)))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_a_stage_edit_names_every_link_whose_drawing_changed(seed):
    """After a stage is deleted, added, widened or moved, the layout's delta names (or its label
    changes report) every link whose route or label changed, and not the links between stages
    that kept their place and width; routes and labels equal a fresh layout's."""
    from app.model.layout import build_layout

    rng = random.Random(seed)
    m = labelled(with_cyclic_links(generate_map(rng.choice((150, 300)), seed=seed % 5 + 1), 1), every=3)
    doc = Document(m)
    layout = build_layout(m)
    before = {lk.id: layout.link(lk.id) for lk in doc.map.links}
    layout.take_label_changes()
    spared = kept = 0
    for step in range(8):
        delta = apply_to(doc, layout, _stage_edit(doc, rng, step))
        named = delta.links | layout.take_label_changes()
        after = {lk.id: layout.link(lk.id) for lk in doc.map.links}
        missed = [lid for lid, geo in after.items() if before.get(lid) != geo and lid not in named]
        assert not missed, (step, missed[:5])
        spared += len(after) - len(named & after.keys())
        kept += sum(1 for lid, geo in after.items() if before.get(lid) == geo)
        assert snapshot(layout) == snapshot(build_layout(doc.map)), step
        before = after
    # some links were not named: a stage edit costs what it moves (when any link kept its
    # drawing: seed 1894's eight edits, new stages in front among them, moved every link)
    assert spared > 0 or kept == 0
