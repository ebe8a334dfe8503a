"""Document and commands: every edit reverts to the exact same JSON; events are fine-grained."""

from __future__ import annotations

import json

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity, Op
from app.model.schema import Card, EmotionPoint, Lane, LaneType, Link, Persona, Stage
from app.model.validation import check_references
from tests.model_factory import small_map


def dump(doc: Document) -> str:
    return json.dumps(doc.map.model_dump(mode="json"), sort_keys=True)


@pytest.fixture
def doc() -> Document:
    return Document(small_map())


def roundtrip(doc: Document, command: cmd.Command) -> list:
    before = dump(doc)
    events: list = []
    doc.subscribe(events.append)
    command.apply(doc)
    after = dump(doc)
    assert after != before, "the command changed nothing"
    command.revert(doc)
    assert dump(doc) == before
    command.apply(doc)
    assert dump(doc) == after
    doc.unsubscribe(events.append)
    return events


def test_move_card_to_other_cell_reorders_and_reverts(doc):
    c = "c-s0-l-act-0"
    events = roundtrip(doc, cmd.MoveCards([c], "s2", "l-touch", 1))
    assert [x.id for x in doc.cell_cards("s2", "l-touch")] == ["c-s2-l-touch-0", c, "c-s2-l-touch-1"]
    orders = [x.order for x in doc.cell_cards("s2", "l-touch")]
    assert orders == sorted(set(orders))  # distinct sort keys in stacking order
    assert [x.id for x in doc.cell_cards("s0", "l-act")] == ["c-s0-l-act-1"]
    assert doc.card("c-s0-l-act-1").order == 1  # a gap is left behind: the source cell is not renumbered
    moves = [e for batch in events for e in batch if e.op is Op.MOVE]
    # only the moved card and the cards whose order changed (the target cell had no room) are reported
    assert {e.id for e in moves} <= {c, "c-s2-l-touch-0", "c-s2-l-touch-1"}
    assert all(("s2", "l-touch") in e.cells for e in moves)
    # one batch per apply/revert
    assert len(events) == 3


def test_move_several_cards_keeps_relative_order(doc):
    ids = ["c-s1-l-act-1", "c-s0-l-act-0"]
    roundtrip(doc, cmd.MoveCards(ids, "s2", "l-back", 0))
    assert [x.id for x in doc.cell_cards("s2", "l-back")][:2] == ["c-s0-l-act-0", "c-s1-l-act-1"]


def test_move_within_cell(doc):
    roundtrip(doc, cmd.MoveCards(["c-s0-l-act-0"], "s0", "l-act", 2))
    assert [x.id for x in doc.cell_cards("s0", "l-act")] == ["c-s0-l-act-1", "c-s0-l-act-0"]


def test_edit_card_and_merge(doc):
    e1 = cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "H"}, merge=True)
    e2 = cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "Hi"}, merge=True)
    other = cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"body": "x"}, merge=True)
    before = dump(doc)
    e1.apply(doc)
    e2.apply(doc)
    assert e1.merge(e2)
    assert not e1.merge(other)
    assert doc.card("c-s0-l-act-0").title == "Hi"
    e1.revert(doc)
    assert dump(doc) == before


def test_edit_event_names_fields_and_cell(doc):
    events = roundtrip(doc, cmd.Edit(Entity.CARD, "c-s1-l-act-0", {"title": "New", "votes": 3}))
    change = events[0][0]
    assert change.entity is Entity.CARD and change.op is Op.UPDATE
    assert change.fields == {"title", "votes"}
    assert change.cells == (("s1", "l-act"),)


def test_add_and_remove_card_with_links(doc):
    roundtrip(doc, cmd.add_card(Card(id="c-new", stage_id="s1", lane_id="l-feel", title="New")))
    removed = cmd.remove_cards(doc, ["c-s0-l-act-0"])
    roundtrip(doc, removed)
    assert all("c-s0-l-act-0" not in (lk.source_id, lk.target_id) for lk in doc.map.links)
    assert check_references(doc.map) == []


def test_remove_stage_takes_cards_points_metrics(doc):
    macro = cmd.remove_stage(doc, "s0")
    roundtrip(doc, macro)
    assert not any(c.stage_id == "s0" for c in doc.map.cards)
    assert not any(p.stage_id == "s0" for cv in doc.map.curves for p in cv.points)
    assert check_references(doc.map) == []
    assert macro.label.startswith("Delete stage")


def test_remove_lane_and_persona(doc):
    roundtrip(doc, cmd.remove_lane(doc, "l-act"))
    assert check_references(doc.map) == []
    roundtrip(doc, cmd.remove_persona(doc, "p1"))
    assert check_references(doc.map) == []
    assert doc.map.curves[0].persona_id is None


def test_reorder_stage_and_lane(doc):
    roundtrip(doc, cmd.Reorder(Entity.STAGE, "s0", 2))
    assert [s.id for s in doc.map.stages] == ["s1", "s2", "s0"]
    roundtrip(doc, cmd.Reorder(Entity.LANE, "l-back", 0))


def test_add_stage_lane_persona_point_link(doc):
    roundtrip(doc, cmd.add_stage(Stage(id="s-new", name="New"), 1))
    roundtrip(doc, cmd.add_lane(Lane(id="l-new", name="Pains", type=LaneType.PAIN_POINTS), 0))
    roundtrip(doc, cmd.add_persona(Persona(id="p-new", name="Cy")))
    roundtrip(doc, cmd.add_point("cv1", EmotionPoint(id="pt-new", stage_id="s1", x=0.2, value=2), 1))
    roundtrip(doc, cmd.add_link(Link(id="lk-new", source_id="c-s0-l-act-1", target_id="c-s1-l-act-1")))


def test_point_edit_and_remove(doc):
    roundtrip(doc, cmd.Edit(Entity.POINT, "pt1", {"value": 2.5, "quote": "Great"}))
    roundtrip(doc, cmd.Remove(Entity.POINT, "pt1"))


def test_resize_stage_and_lane(doc):
    roundtrip(doc, cmd.Edit(Entity.STAGE, "s1", {"width": 300.0}, merge=True))
    roundtrip(doc, cmd.Edit(Entity.LANE, "l-act", {"height": 200.0, "hidden": True}))


def test_duplicate_insert_refused(doc):
    with pytest.raises(ValueError, match="duplicate id"):
        doc.insert(Entity.CARD, Card(id="c-s0-l-act-0", stage_id="s0", lane_id="l-act"))


# --------------------------------------------------------------- state machine
class RandomEdits(RuleBasedStateMachine):
    """Random command sequences; undoing all of them returns the original JSON."""

    def __init__(self):
        super().__init__()
        self.doc = Document(small_map())
        self.original = dump(self.doc)
        self.done: list[cmd.Command] = []
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-gen{self.counter}"

    def push(self, command: cmd.Command) -> None:
        command.apply(self.doc)
        self.done.append(command)

    @precondition(lambda self: self.doc.map.cards)
    @rule(data=st.data())
    def move_cards(self, data):
        m = self.doc.map
        ids = data.draw(st.lists(st.sampled_from([c.id for c in m.cards]), min_size=1, max_size=3, unique=True))
        stage = data.draw(st.sampled_from([s.id for s in m.stages]))
        lane = data.draw(st.sampled_from([ln.id for ln in m.lanes]))
        index = data.draw(st.one_of(st.none(), st.integers(0, 5)))
        self.push(cmd.MoveCards(ids, stage, lane, index))

    @precondition(lambda self: self.doc.map.stages)
    @rule(data=st.data(), title=st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20))
    def add_card(self, data, title):
        m = self.doc.map
        stage = data.draw(st.sampled_from([s.id for s in m.stages]))
        lane = data.draw(st.sampled_from([ln.id for ln in m.lanes]))
        self.push(cmd.add_card(Card(id=self.fresh("c"), stage_id=stage, lane_id=lane, title=title)))

    @precondition(lambda self: self.doc.map.cards)
    @rule(data=st.data(), title=st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20), votes=st.integers(0, 50))
    def edit_card(self, data, title, votes):
        cid = data.draw(st.sampled_from([c.id for c in self.doc.map.cards]))
        self.push(cmd.Edit(Entity.CARD, cid, {"title": title, "votes": votes}))

    @precondition(lambda self: self.doc.map.cards)
    @rule(data=st.data())
    def delete_cards(self, data):
        ids = data.draw(st.lists(st.sampled_from([c.id for c in self.doc.map.cards]), min_size=1, max_size=2, unique=True))
        self.push(cmd.remove_cards(self.doc, ids))

    @precondition(lambda self: len(self.doc.map.stages) > 1)
    @rule(data=st.data())
    def delete_stage(self, data):
        self.push(cmd.remove_stage(self.doc, data.draw(st.sampled_from([s.id for s in self.doc.map.stages]))))

    @precondition(lambda self: len(self.doc.map.lanes) > 1)
    @rule(data=st.data())
    def delete_lane(self, data):
        self.push(cmd.remove_lane(self.doc, data.draw(st.sampled_from([ln.id for ln in self.doc.map.lanes]))))

    @rule(index=st.integers(0, 4))
    def add_stage(self, index):
        self.push(cmd.add_stage(Stage(id=self.fresh("s"), name="S"), min(index, len(self.doc.map.stages))))

    @precondition(lambda self: len(self.doc.map.stages) > 1)
    @rule(data=st.data())
    def reorder_stage(self, data):
        stages = self.doc.map.stages
        sid = data.draw(st.sampled_from([s.id for s in stages]))
        self.push(cmd.Reorder(Entity.STAGE, sid, data.draw(st.integers(0, len(stages) - 1))))

    @precondition(lambda self: self.doc.map.stages and self.doc.map.curves)
    @rule(data=st.data(), value=st.floats(-3, 3), x=st.floats(0, 1))
    def add_point(self, data, value, x):
        stage = data.draw(st.sampled_from([s.id for s in self.doc.map.stages]))
        self.push(cmd.add_point("cv1", EmotionPoint(id=self.fresh("pt"), stage_id=stage, x=x, value=value)))

    @precondition(lambda self: len(self.doc.map.cards) > 1)
    @rule(data=st.data())
    def add_link(self, data):
        ids = [c.id for c in self.doc.map.cards]
        a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        self.push(cmd.add_link(Link(id=self.fresh("lk"), source_id=a, target_id=b)))

    @precondition(lambda self: self.done)
    @rule()
    def undo_redo_last(self):
        last = self.done[-1]
        before = dump(self.doc)
        last.revert(self.doc)
        last.apply(self.doc)
        assert dump(self.doc) == before

    @invariant()
    def references_hold_and_cells_consistent(self):
        assert check_references(self.doc.map) == []
        for c in self.doc.map.cards:
            assert c in self.doc.cell_cards(c.stage_id, c.lane_id)

    def teardown(self):
        for command in reversed(self.done):
            command.revert(self.doc)
        assert dump(self.doc) == self.original


RandomEdits.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestRandomEdits = RandomEdits.TestCase


def test_slot_orders_leave_room_and_renumber_only_when_needed():
    step = cmd.ORDER_STEP
    assert cmd.slot_orders([], 0, 2) == ([step, 2 * step], None)
    assert cmd.slot_orders([step, 2 * step], 2, 1) == ([3 * step], None)
    assert cmd.slot_orders([step, 2 * step], 0, 1) == ([step // 2], None)  # room above the first card
    assert cmd.slot_orders([step, step + 1], 1, 1) == ([2 * step], [step, 3 * step])  # no room: renumber


def test_repeated_drops_at_the_top_of_a_cell_rarely_renumber(doc):
    events = []
    doc.subscribe(events.append)
    ids = [c.id for c in doc.map.cards if c.lane_id == "l-act"]
    for card_id in ids:
        cmd.MoveCards([card_id], "s1", "l-back", 0).apply(doc)
    moves = [e for batch in events for e in batch]
    assert len(moves) <= len(ids) + 3  # one event per move, and at most one cell renumbering
    assert [c.id for c in doc.cell_cards("s1", "l-back")][0] == ids[-1]
