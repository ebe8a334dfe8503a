"""Two editors sharing a map through two Yjs documents and two Bridges (app.room.bridge), synced
by exchanging updates by hand (state vectors, get_update/apply_update): no network."""

from __future__ import annotations

import random

import pytest
from pycrdt import Doc
from pycrdt import Map as YMap

from app.io.jsonfile import load_map
from app.io.templates import example_path
from app.model import commands, voting
from app.model.document import Document, EditRefused
from app.model.events import Entity
from app.model.ordering import longest_increasing as in_order
from app.model.schema import Card, EmotionCurve, EmotionPoint, Lane, Link, Map, Persona, Stage, StageMetric
from app.model.validation import parse_map
from app.room.bridge import Bridge
from app.room.ydoc import doc_to_map, elements, map_to_doc
from benchmarks.generate import generate_map


def dump(m: Map) -> dict:
    return m.model_dump(mode="json")


class Peer:
    def __init__(self, ydoc: Doc):
        self.ydoc = ydoc
        self.document = Document(doc_to_map(ydoc))
        self.bridge = Bridge(self.document, ydoc)
        self.remote_batches = 0
        self.history: list[commands.Command] = []
        self.document.subscribe(self._count)

    def _count(self, changes: list) -> None:
        if self.bridge.applying_remote:
            self.remote_batches += 1

    def run(self, command: commands.Command) -> None:
        commands.run(self.document, command)
        self.history.append(command)

    def undo(self) -> None:
        """Undo this peer's last command; refused (nothing changes) when others' edits got in the way."""
        if self.history:
            try:
                commands.run(self.document, self.history.pop(), undo=True)
            except (EditRefused, KeyError):
                pass


def room(m: Map, n: int = 2, seed: int = 0) -> list[Peer]:
    """``n`` peers holding ``m``; their Yjs client ids (which order concurrent inserts) follow ``seed``."""
    ids = random.Random(seed).sample(range(1, 2**31), n)
    host = map_to_doc(m, Doc(client_id=ids[0]))
    docs = [host]
    for k in range(n - 1):
        other = Doc(client_id=ids[k + 1])
        other.apply_update(host.get_update())
        docs.append(other)
    return [Peer(d) for d in docs]


def sync(a: Peer, b: Peer) -> None:
    """Exchange what each lacks, as a sync protocol does (state vector, then the missing update)."""
    to_b = a.ydoc.get_update(b.ydoc.get_state())
    to_a = b.ydoc.get_update(a.ydoc.get_state())
    b.bridge.receive(to_b)
    a.bridge.receive(to_a)


def assert_converged(peers: list[Peer]) -> None:
    first = dump(peers[0].document.map)
    for p in peers:
        assert dump(p.document.map) == first
        assert dump(doc_to_map(p.ydoc)) == first  # the Document is what its Doc reads as
        parse_map(dump(p.document.map))  # and a valid map


def test_concurrent_edits_of_different_fields_of_one_card_keep_both():
    a, b = room(load_map(example_path()))
    card = a.document.map.cards[3].id
    a.run(commands.Edit(Entity.CARD, card, {"title": "Order confirmed"}))
    b.run(commands.Edit(Entity.CARD, card, {"body": "Arrives by mail", "importance_customer": 5}))
    sync(a, b)
    for p in (a, b):
        got = p.document.card(card)
        assert (got.title, got.body, got.importance_customer) == ("Order confirmed", "Arrives by mail", 5)
    assert_converged([a, b])
    assert a.remote_batches == b.remote_batches == 1


def test_local_edits_are_not_echoed_back():
    a, b = room(generate_map(20))
    batches: list = []
    a.document.subscribe(batches.append)
    a.run(commands.Edit(Entity.STAGE, "st-1", {"name": "Buy"}))
    assert len(batches) == 1 and not a.bridge.pending and a.remote_batches == 0
    sync(a, b)
    assert len(batches) == 1 and a.remote_batches == 0  # nothing came back to a
    assert b.document.get(Entity.STAGE, "st-1").name == "Buy" and b.remote_batches == 1


def _structure_edit(rng: random.Random, peer: Peer, tag: str) -> None:
    """Lanes, personas, curves, metrics, links and undo."""
    doc = peer.document
    m = doc.map
    roll = rng.random()
    if roll < 0.1 and len(m.lanes) > 2:
        peer.run(commands.remove_lane(doc, rng.choice(m.lanes).id))
    elif roll < 0.2:
        peer.run(commands.add_lane(Lane(id=f"ln-{tag}", name=f"lane {tag}"), rng.randint(0, len(m.lanes))))
    elif roll < 0.3:
        peer.run(commands.Reorder(Entity.LANE, rng.choice(m.lanes).id, rng.randrange(len(m.lanes))))
    elif roll < 0.38:
        peer.run(commands.add_persona(Persona(id=f"p-{tag}", name=f"persona {tag}")))
    elif roll < 0.44 and m.personas:
        peer.run(commands.remove_persona(doc, rng.choice(m.personas).id))
    elif roll < 0.52 and m.personas and m.cards:
        card = rng.choice(m.cards)
        peer.run(commands.Edit(Entity.CARD, card.id, {"persona_ids": [rng.choice(m.personas).id]}))
    elif roll < 0.58:
        persona = rng.choice(m.personas).id if m.personas else None
        points = [
            EmotionPoint(id=f"pt-{tag}-{i}", stage_id=s.id, value=i % 3) for i, s in enumerate(m.stages[:3])
        ]
        if m.cards and points:
            points[0].card_id = rng.choice(m.cards).id
        peer.run(commands.add_curve(EmotionCurve(id=f"cv-{tag}", persona_id=persona, points=points)))
    elif roll < 0.63 and m.curves:
        peer.run(commands.Remove(Entity.CURVE, rng.choice(m.curves).id))
    elif roll < 0.7 and any(cv.points for cv in m.curves):
        point = rng.choice([p for cv in m.curves for p in cv.points])
        peer.run(commands.Remove(Entity.POINT, point.id))
    elif roll < 0.77:
        stage = rng.choice(m.stages).id
        peer.run(
            commands.add_metric(
                StageMetric(id=f"mt-{tag}", stage_id=stage, name="NPS", value=rng.randint(0, 9))
            )
        )
    elif roll < 0.82 and m.metrics:
        peer.run(commands.Remove(Entity.METRIC, rng.choice(m.metrics).id))
    elif roll < 0.88 and m.links:
        peer.run(commands.Remove(Entity.LINK, rng.choice(m.links).id))
    elif roll < 0.9:
        peer.run(commands.Edit(Entity.MAP, "", {"title": f"map {tag}"}))
    elif roll < 0.96:
        _vote_edit(rng, peer)
    else:
        peer.undo()


def _vote_edit(rng: random.Random, peer: Peer) -> None:
    doc = peer.document
    vote = doc.map.vote
    if vote is None:
        peer.run(voting.open_vote(doc, ["Ana", "Ben", "Cleo"], budget=rng.randint(2, 4)))
    elif rng.random() < 0.15:
        peer.run(voting.close_vote(doc))
    elif doc.map.cards:
        voter, card = rng.choice(vote.ballots).voter, rng.choice(doc.map.cards).id
        if voting.check_dot(doc, voter, card) is None:
            peer.run(voting.cast_dot(doc, voter, card))


def _random_edit(rng: random.Random, peer: Peer, serial: list[int]) -> None:
    doc = peer.document
    m = doc.map
    serial[0] += 1
    tag = f"x{serial[0]}"
    cards = [c.id for c in m.cards]
    if rng.random() < 0.3:
        _structure_edit(rng, peer, tag)
        return
    roll = rng.random()
    if roll < 0.2 or not cards:
        stage, lane = rng.choice(m.stages).id, rng.choice(m.lanes).id
        new = Card(id=f"n-{tag}", stage_id=stage, lane_id=lane, title=f"note {tag}")
        stack = doc.cell_cards(stage, lane)
        peer.run(commands.InsertCards([new], stage, lane, index=rng.randint(0, len(stack))))
    elif roll < 0.35:
        stage, lane = rng.choice(m.stages).id, rng.choice(m.lanes).id
        moving = rng.sample(cards, min(len(cards), rng.randint(1, 3)))
        peer.run(commands.MoveCards(moving, stage, lane, index=rng.randint(0, 3)))
    elif roll < 0.5:
        field = rng.choice(["title", "body", "owner", "importance_customer", "pain_point", "tags"])
        value = {
            "title": f"title {tag}",
            "body": f"body {tag}",
            "owner": rng.choice(["Sales", "IT", ""]),
            "importance_customer": rng.choice([None, 1, 3, 5]),
            "pain_point": rng.random() < 0.5,
            "tags": [f"t{rng.randint(0, 3)}"],
        }[field]
        peer.run(commands.Edit(Entity.CARD, rng.choice(cards), {field: value}))
    elif roll < 0.6:
        peer.run(commands.remove_cards(doc, rng.sample(cards, min(len(cards), rng.randint(1, 2)))))
    elif roll < 0.68:
        peer.run(commands.Edit(Entity.STAGE, rng.choice(m.stages).id, {"name": f"stage {tag}"}))
    elif roll < 0.76 and m.curves:
        curve = rng.choice(m.curves)
        point = EmotionPoint(id=f"pt-{tag}", stage_id=rng.choice(m.stages).id, value=rng.randint(-3, 3))
        peer.run(commands.add_point(curve.id, point, rng.randint(0, len(curve.points))))
    elif roll < 0.8 and any(cv.points for cv in m.curves):
        curve = rng.choice([cv for cv in m.curves if cv.points])
        peer.run(
            commands.Edit(Entity.POINT, rng.choice(curve.points).id, {"value": float(rng.randint(-3, 3))})
        )
    elif roll < 0.88 and len(cards) > 1:
        source, target = rng.sample(cards, 2)
        peer.run(commands.add_link(Link(id=f"lk-{tag}", source_id=source, target_id=target, label=tag)))
    elif roll < 0.92:
        stage = rng.choice(m.stages)
        peer.run(commands.Reorder(Entity.STAGE, stage.id, rng.randrange(len(m.stages))))
    elif roll < 0.96:
        peer.run(commands.add_stage(Stage(id=f"st-{tag}", name=f"new {tag}"), rng.randint(0, len(m.stages))))
    elif len(m.stages) > 2:
        peer.run(commands.remove_stage(doc, rng.choice(m.stages).id))


@pytest.mark.parametrize("seed", range(8))
def test_random_concurrent_edits_converge(seed):
    rng = random.Random(seed)
    peers = room(generate_map(30, seed=seed), n=3 if seed % 2 else 2, seed=seed)
    serial = [0]
    for _ in range(120):
        peer = rng.choice(peers)
        _random_edit(rng, peer, serial)
        parse_map(dump(peer.document.map))
        if rng.random() < 0.25:
            a, b = rng.sample(peers, 2)
            sync(a, b)
            parse_map(dump(a.document.map))
            parse_map(dump(b.document.map))
    for _ in range(2):
        for a in peers:
            for b in peers:
                if a is not b:
                    sync(a, b)
    assert_converged(peers)
    # only a merged vote can break a rule (a voter's dots over a budget lowered meanwhile)
    assert all("map.vote" in r for p in peers for r in p.bridge.refusals)
    assert all(p.remote_batches for p in peers)


def test_a_card_added_to_a_stage_deleted_elsewhere_goes_and_comes_back_with_the_stage():
    a, b = room(generate_map(10))
    delete = commands.remove_stage(a.document, "st-0")
    a.run(delete)
    b.run(
        commands.InsertCards([Card(id="late", stage_id="st-0", lane_id="ln-0", title="late")], "st-0", "ln-0")
    )
    sync(a, b)
    assert a.document.find(Entity.CARD, "late") is None and b.document.find(Entity.CARD, "late") is None
    assert_converged([a, b])
    commands.run(a.document, delete, undo=True)  # the stage comes back: so does the card on it
    sync(a, b)
    assert a.document.find(Entity.CARD, "late") is not None
    assert_converged([a, b])


def test_a_remote_update_making_an_invalid_map_is_refused_and_repaired():
    a, b = room(generate_map(10))
    before = dump(a.document.map)
    refused: list[str] = []
    a.bridge.on_refused = refused.append
    # b's document is bypassed: a buggy or hostile peer writes straight into its Doc
    with b.ydoc.transaction():
        elements(b.ydoc, Entity.CARD)["c-2"]["title"] = "x" * 500
        elements(b.ydoc, Entity.CURVE)[a.document.map.curves[0].id]["points"][
            a.document.map.curves[0].points[0].id
        ]["value"] = 99.0
    b.bridge._dirty.clear()  # b's own bridge is not the one under test
    a.bridge.receive(b.ydoc.get_update(a.ydoc.get_state()))
    assert dump(a.document.map) == before
    assert any("card 'c-2'.title" in r and "too long" in r for r in refused)
    assert any("curve" in r for r in refused)
    assert a.bridge.refusals == refused
    # a wrote its own version back: once b has it, b's Doc reads as a valid map again, a's
    b.ydoc.apply_update(a.ydoc.get_update(b.ydoc.get_state()))
    assert dump(doc_to_map(b.ydoc)) == before
    assert dump(doc_to_map(a.ydoc)) == before


def test_a_remote_element_with_a_duplicate_id_is_refused():
    a, b = room(generate_map(4))
    with b.ydoc.transaction():  # a card whose id a stage already has
        elements(b.ydoc, Entity.CARD)["st-1"] = YMap({"stage_id": "st-0", "lane_id": "ln-0"})
    before = dump(a.document.map)
    a.bridge.receive(b.ydoc.get_update(a.ydoc.get_state()))
    assert dump(a.document.map) == before
    assert "duplicate id 'st-1'" in a.bridge.refusals[-1]
    assert "st-1" not in elements(a.ydoc, Entity.CARD)  # taken out again, for everyone


def test_a_joiner_sees_the_room_as_its_peers_do():
    a, b = room(load_map(example_path()))
    a.run(commands.Edit(Entity.MAP, "", {"title": "Workshop"}))
    b.run(commands.Reorder(Entity.LANE, b.document.map.lanes[-1].id, 0))
    sync(a, b)
    late = Doc()
    late.apply_update(a.ydoc.get_update())
    c = Peer(late)
    assert_converged([a, b, c])


def test_a_delete_undone_before_others_saw_it_moves_the_card_for_them():
    a, b = room(generate_map(10), seed=5)
    point = a.document.map.curves[0].points[0].id
    a.run(commands.add_link(Link(id="lk-x", source_id="c-2", target_id="c-5")))
    a.run(commands.Edit(Entity.POINT, point, {"card_id": "c-2"}))
    sync(a, b)
    a.run(commands.remove_cards(a.document, ["c-2"]))
    b.run(commands.remove_cards(b.document, ["c-0", "c-1"]))
    a.bridge.receive(b.ydoc.get_update(a.ydoc.get_state()))  # a hears of b's deletes, b not yet of a's
    a.undo()  # c-2 back at its index, now after c-3 and c-4: it moved in the list
    assert [c.id for c in a.document.map.cards][:3] == ["c-3", "c-4", "c-2"]
    sync(a, b)
    assert [c.id for c in b.document.map.cards][:3] == ["c-3", "c-4", "c-2"]
    assert b.document.get(Entity.POINT, point).card_id == "c-2"
    assert b.document.find(Entity.LINK, "lk-x") is not None
    assert_converged([a, b])


def test_in_order_finds_a_longest_increasing_run():
    assert in_order([]) == set()
    assert in_order([0, 1, 2]) == {0, 1, 2}
    assert in_order([0, 3, 1, 2]) == {0, 2, 3}
    assert len(in_order([5, 1, 4, 2, 3, 0])) == 3


def test_dots_cast_at_once_on_two_laptops_are_all_kept():
    a, b = room(generate_map(12), seed=3)
    a.run(voting.open_vote(a.document, ["Ana", "Ben", "Cleo"], budget=3))
    sync(a, b)
    assert b.document.map.vote is not None and b.document.map.vote.budget == 3
    a.run(voting.cast_dot(a.document, "Ana", "c-1"))
    b.run(voting.cast_dot(b.document, "Ben", "c-2"))
    b.run(voting.cast_dot(b.document, "Ben", "c-1"))
    sync(a, b)
    for p in (a, b):
        assert [(x.voter, x.card_ids) for x in p.document.map.vote.ballots] == [
            ("Ana", ["c-1"]),
            ("Ben", ["c-2", "c-1"]),
            ("Cleo", []),
        ]
    assert_converged([a, b])
    b.run(voting.close_vote(b.document))
    sync(a, b)
    assert a.document.map.vote is None and a.document.card("c-1").votes == 2
    assert_converged([a, b])
    assert "vote" not in dump(doc_to_map(a.ydoc)) or dump(doc_to_map(a.ydoc))["vote"] is None


def test_a_vote_over_its_budget_after_a_merge_is_refused_and_repaired():
    a, b = room(generate_map(12), seed=4)
    a.run(voting.open_vote(a.document, ["Ana"], budget=2))
    sync(a, b)
    a.run(commands.Edit(Entity.MAP, "", {"vote": a.document.map.vote.model_copy(update={"budget": 1})}))
    b.run(voting.cast_dot(b.document, "Ana", "c-1"))
    b.run(voting.cast_dot(b.document, "Ana", "c-2"))  # two dots, while a lowers the budget to 1
    sync(a, b)
    sync(a, b)
    assert any("budget" in r for p in (a, b) for r in p.bridge.refusals)
    assert_converged([a, b])


def test_updates_sent_as_they_happen_keep_peers_in_step():
    a, b = room(generate_map(20), seed=6)
    outbox: list[tuple[Peer, bytes]] = []
    a.bridge.on_update = lambda update: outbox.append((b, update))
    b.bridge.on_update = lambda update: outbox.append((a, update))
    rng = random.Random(6)
    serial = [0]
    delivered = 0
    for _ in range(60):
        _random_edit(rng, rng.choice([a, b]), serial)
        while outbox:  # delivered in order, as over a websocket
            peer, update = outbox.pop(0)
            peer.bridge.receive(update)
            delivered += 1
        assert dump(a.document.map) == dump(b.document.map)
    assert delivered >= 50
    assert_converged([a, b])


def test_a_remote_entry_of_the_wrong_shape_is_refused_and_repaired():
    a, b = room(generate_map(6), seed=7)
    with b.ydoc.transaction():
        card = elements(b.ydoc, Entity.CARD)["c-1"]
        card["title"] = YMap({"not": "text"})
        card["tags"] = "not a list"
        elements(b.ydoc, Entity.CARD)["bogus"] = "not a card"
    before = dump(a.document.map)
    a.bridge.receive(b.ydoc.get_update(a.ydoc.get_state()))
    assert dump(a.document.map) == before
    assert any("card 'c-1'" in r for r in a.bridge.refusals)
    b.ydoc.apply_update(a.ydoc.get_update(b.ydoc.get_state()))
    assert dump(doc_to_map(b.ydoc)) == before
