"""Commands are all-or-nothing: random commands on a small map, with failures injected at random
steps inside them.

A failure comes three ways: a Macro whose k-th part the model refuses (a title too long, votes
below zero), a primitive of the Document that raises (EditRefused or RuntimeError) at its k-th
call, before or after it changed the map, and a command that raises after its work is done
(an undo may fail part-way too). Inside an enclosing batch, a failed part is undone alone and
the batch goes on. After each step:

* a failed command left ``doc.map.model_dump_json()`` exactly as before, delivered no event to
  the listeners, and left the indexes as a Document freshly made from the same JSON has them
  (every cell's cards, every element's use count, every id's owner);
* a command that succeeded delivered its changes as one notification, reverts to the exact JSON
  and applies again to the exact JSON; undoing everything at the end gives the original map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.model import commands as cmd
from app.model.document import Document, EditRefused
from app.model.events import Entity
from app.model.integrity import refuse
from app.model.schema import (
    MAX_SHORT_TEXT,
    Card,
    EmotionPoint,
    Lane,
    LaneType,
    Link,
    Map,
    Persona,
    Stage,
    StageMetric,
)
from tests.model_factory import small_map

PRIMITIVES = ("update", "insert", "remove", "move_in_list", "set_card_positions")
KINDS = [Entity.PERSONA, Entity.STAGE, Entity.LANE, Entity.CARD, Entity.CURVE, Entity.POINT, Entity.LINK,
         Entity.METRIC]  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)


def mostly(good: st.SearchStrategy, bad) -> st.SearchStrategy:
    """Mostly a value the schema accepts; now and then one it refuses."""
    return st.one_of(good, good, good, good, st.just(bad))


TITLE = mostly(TEXT, "t" * (MAX_SHORT_TEXT + 1))
VOTES = mostly(st.integers(0, 50), -4)
WIDTH = mostly(st.floats(60, 5000), 10.0)
HEIGHT = mostly(st.floats(24, 5000), float("nan"))
EMOTION = mostly(st.floats(-3, 3), 7.0)


class Injected(RuntimeError):
    """A failure the test injected (not a bug of the program)."""


# how a command fails: the model refuses (EditRefused), an element it was built for is gone
# (KeyError from a query), or the test injected a failure; anything else is a bug
FAILURES = (EditRefused, KeyError, Injected)


class FailAfter(cmd.Command):
    """A command that does its work and then fails: as a command written without a batch of
    its own would, when something after its edits goes wrong."""

    def __init__(self, inner: cmd.Command, error: Exception):
        self.inner, self.error, self.label = inner, error, inner.label

    def apply(self, doc: Document) -> None:
        self.inner.apply(doc)
        raise self.error

    def revert(self, doc: Document) -> None:
        self.inner.revert(doc)


@contextmanager
def failing_primitive(doc: Document, k: int, after: bool, error: Exception) -> Iterator[None]:
    """The ``k``-th primitive call on ``doc`` (0-based) raises ``error``, before or after it ran."""
    calls = [0]

    def wrap(real: Callable) -> Callable:
        def primitive(*args, **kwargs):
            n = calls[0]
            calls[0] += 1
            if n == k and not after:
                raise error
            result = real(*args, **kwargs)
            if n == k:
                raise error
            return result

        return primitive

    for name in PRIMITIVES:
        setattr(doc, name, wrap(getattr(doc, name)))
    try:
        yield
    finally:
        for name in PRIMITIVES:
            delattr(doc, name)  # the class's methods again


def index_view(doc: Document, ids: dict[Entity, set[str]], cells: set[tuple[str, str]]) -> dict:
    """What the Document's indexes answer about every id and cell the test has seen."""
    view: dict = {}
    for stage_id, lane_id in cells:
        view[("cell", stage_id, lane_id)] = [c.id for c in doc.cell_cards(stage_id, lane_id)]
    for entity, known in ids.items():
        for ident in known:
            found = doc.find(entity, ident) is not None
            view[("uses", entity, ident)] = doc.uses_of(entity, ident)
            view[("owner", ident)] = doc.id_owner(ident)
            # the position of the very object the index holds (index_of compares identity)
            view[("index", entity, ident)] = doc.index_of(entity, ident) if found else None
            if found and entity is Entity.POINT:
                view[("curve", ident)] = doc.point_curve(ident).id
    return view


class CommandsAllOrNothing(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.doc = Document(small_map())
        self.original = self.doc.map.model_dump_json()
        self.events: list[list] = []
        self.doc.subscribe(self.events.append)
        self.done: list[cmd.Command] = []
        self.counter = 0
        self.ids: dict[Entity, set[str]] = {e: set() for e in KINDS}
        self.cells: set[tuple[str, str]] = set()
        self._remember()

    # ------------------------------------------------------------ helpers
    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-gen{self.counter}"

    def _remember(self) -> None:
        m = self.doc.map
        for entity, items in ((Entity.PERSONA, m.personas), (Entity.STAGE, m.stages), (Entity.LANE, m.lanes),
                              (Entity.CARD, m.cards), (Entity.CURVE, m.curves), (Entity.LINK, m.links),
                              (Entity.METRIC, m.metrics)):  # fmt: skip
            self.ids[entity].update(x.id for x in items)
        self.ids[Entity.POINT].update(p.id for cv in m.curves for p in cv.points)
        self.cells.update((s, ln) for s in self.ids[Entity.STAGE] for ln in self.ids[Entity.LANE])

    def pick(self, data, items: list, label: str):
        return items[data.draw(st.integers(0, len(items) - 1), label=label)]  # st.integers is cached

    def some(self, data, items: list, least: int, most: int) -> list:
        """``least`` to ``most`` different items, in the order drawn."""
        if not items:
            return []
        chosen = st.lists(st.integers(0, len(items) - 1), min_size=least, max_size=most, unique=True)
        return [items[i] for i in data.draw(chosen)]

    # ------------------------------------------------------------ commands
    def command(self, data, depth: int = 0) -> cmd.Command:
        m = self.doc.map
        choices = ["edit_card", "add_stage", "add_lane", "add_persona", "reorder", "refused_edit"]
        if m.stages:
            choices += ["edit_stage", "add_metric"]
        if m.lanes:
            choices.append("edit_lane")
        if m.stages and m.lanes:
            choices += ["add_card", "insert_cards"]
            if m.cards:
                choices.append("move_cards")
        if m.cards:
            choices.append("remove_cards")
        if len(m.cards) > 1:
            choices.append("add_link")
        if m.links:
            choices.append("remove_link")
        if m.curves and m.stages:
            choices.append("add_point")
        if any(cv.points for cv in m.curves):
            choices += ["edit_point", "remove_point"]
        if len(m.stages) > 1:
            choices.append("remove_stage")
        if len(m.lanes) > 1:
            choices.append("remove_lane")
        if m.personas:
            choices.append("remove_persona")
        if depth == 0:
            choices += ["macro", "macro"]
        kind = self.pick(data, choices, "command")
        return getattr(self, f"_{kind}")(data, depth)

    def _edit_card(self, data, _depth):
        cid = self.pick(data, [c.id for c in self.doc.map.cards] or ["c-gone"], "card")
        title, votes = data.draw(TITLE), data.draw(VOTES)
        return cmd.Edit(Entity.CARD, cid, {"title": title, "votes": votes})

    def _edit_stage(self, data, _depth):
        sid = self.pick(data, [s.id for s in self.doc.map.stages], "stage")
        width = data.draw(WIDTH)
        return cmd.Edit(Entity.STAGE, sid, {"name": data.draw(TEXT), "width": width})

    def _edit_lane(self, data, _depth):
        lid = self.pick(data, [ln.id for ln in self.doc.map.lanes], "lane")
        height = data.draw(HEIGHT)
        return cmd.Edit(Entity.LANE, lid, {"hidden": data.draw(st.booleans()), "height": height})

    def _edit_point(self, data, _depth):
        pid = self.pick(data, [p.id for cv in self.doc.map.curves for p in cv.points], "point")
        value = data.draw(EMOTION)
        fields = {"value": value, "x": data.draw(st.floats(0, 1)), "quote": data.draw(TEXT)}
        if data.draw(st.booleans()):
            fields["stage_id"] = self.pick(data, [s.id for s in self.doc.map.stages] + ["s-gone"], "stage")
        return cmd.Edit(Entity.POINT, pid, fields, label="Move curve point")

    def _refused_edit(self, data, _depth):
        """An edit the model refuses whatever the map holds."""
        m = self.doc.map
        return data.draw(st.sampled_from([
            cmd.Edit(Entity.CARD, m.cards[0].id if m.cards else "c-gone", {"title": "x" * 500, "votes": -4}),
            cmd.Edit(Entity.STAGE, m.stages[0].id if m.stages else "s-gone", {"width": -1.0}),
            cmd.Edit(Entity.MAP, "", {"title": "bad\x01title"}),
            cmd.Edit(Entity.LANE, m.lanes[0].id if m.lanes else "l-gone", {"id": "renamed"}),
        ]), label="refused")  # fmt: skip

    def _new_card(self, data) -> Card:
        stage = self.pick(data, [s.id for s in self.doc.map.stages], "stage")
        lane = self.pick(data, [ln.id for ln in self.doc.map.lanes], "lane")
        personas = [p.id for p in self.doc.map.personas]
        chosen = self.some(data, personas, 0, 2)
        return Card(id=self.fresh("c"), stage_id=stage, lane_id=lane, title=data.draw(TEXT), persona_ids=chosen)

    def _add_card(self, data, _depth):
        return cmd.add_card(self._new_card(data))

    def _insert_cards(self, data, _depth):
        cards = [self._new_card(data) for _ in range(data.draw(st.integers(1, 3)))]
        if data.draw(st.integers(0, 4)) == 0:  # a card the model refuses among them
            cards[-1] = Card.model_construct(**{**cards[-1].model_dump(), "title": "y" * 300})
        stage = self.pick(data, [s.id for s in self.doc.map.stages], "stage")
        lane = self.pick(data, [ln.id for ln in self.doc.map.lanes], "lane")
        return cmd.InsertCards(cards, stage, lane, data.draw(st.one_of(st.none(), st.integers(0, 4))))

    def _add_stage(self, data, _depth):
        index = data.draw(st.integers(0, len(self.doc.map.stages)))
        return cmd.add_stage(Stage(id=self.fresh("s"), name=data.draw(TEXT)), index)

    def _add_lane(self, data, _depth):
        index = data.draw(st.integers(0, len(self.doc.map.lanes)))
        lane_type = self.pick(data, list(LaneType), "type")
        return cmd.add_lane(Lane(id=self.fresh("l"), name=data.draw(TEXT), type=lane_type), index)

    def _add_persona(self, data, _depth):
        return cmd.add_persona(Persona(id=self.fresh("p"), name=data.draw(TEXT)))

    def _add_metric(self, data, _depth):
        stage = self.pick(data, [s.id for s in self.doc.map.stages], "stage")
        return cmd.add_metric(StageMetric(id=self.fresh("m"), stage_id=stage, name="NPS", value=1.0))

    def _add_link(self, data, _depth):
        ids = [c.id for c in self.doc.map.cards]
        a, b = self.some(data, ids, 2, 2)
        return cmd.add_link(Link(id=self.fresh("lk"), source_id=a, target_id=b))

    def _add_point(self, data, _depth):
        curve = self.pick(data, self.doc.map.curves, "curve")
        stage = self.pick(data, [s.id for s in self.doc.map.stages], "stage")
        point = EmotionPoint(id=self.fresh("pt"), stage_id=stage, x=data.draw(st.floats(0, 1)),
                             value=data.draw(st.floats(-3, 3)))  # fmt: skip
        return cmd.add_point(curve.id, point, data.draw(st.one_of(st.none(), st.integers(0, len(curve.points)))))

    def _remove_link(self, data, _depth):
        return cmd.Remove(Entity.LINK, self.pick(data, [lk.id for lk in self.doc.map.links], "link"))

    def _remove_point(self, data, _depth):
        return cmd.Remove(Entity.POINT, self.pick(data, [p.id for cv in self.doc.map.curves for p in cv.points], "pt"))

    def _move_cards(self, data, _depth):
        m = self.doc.map
        ids = self.some(data, [c.id for c in m.cards], 1, 3)
        stage = self.pick(data, [s.id for s in m.stages], "stage")
        lane = self.pick(data, [ln.id for ln in m.lanes], "lane")
        return cmd.MoveCards(ids, stage, lane, data.draw(st.one_of(st.none(), st.integers(0, 5))))

    def _remove_cards(self, data, _depth):
        ids = self.some(data, [c.id for c in self.doc.map.cards], 1, 3)
        return cmd.remove_cards(self.doc, ids)

    def _remove_stage(self, data, _depth):
        return cmd.remove_stage(self.doc, self.pick(data, [s.id for s in self.doc.map.stages], "stage"))

    def _remove_lane(self, data, _depth):
        return cmd.remove_lane(self.doc, self.pick(data, [ln.id for ln in self.doc.map.lanes], "lane"))

    def _remove_persona(self, data, _depth):
        return cmd.remove_persona(self.doc, self.pick(data, [p.id for p in self.doc.map.personas], "persona"))

    def _reorder(self, data, _depth):
        m = self.doc.map
        lists = {Entity.STAGE: m.stages, Entity.LANE: m.lanes, Entity.PERSONA: m.personas, Entity.CURVE: m.curves}
        entity = self.pick(data, [e for e, items in lists.items() if items], "kind")
        items = lists[entity]
        ident = self.pick(data, [x.id for x in items], "reordered")
        return cmd.Reorder(entity, ident, data.draw(st.integers(0, len(items) - 1)))

    def _macro(self, data, depth):
        """Several commands built from the same map (a later one may find its element gone:
        that is a failure too), sometimes with one the model refuses at a random place."""
        parts = [self.command(data, depth + 1) for _ in range(data.draw(st.integers(2, 4)))]
        if data.draw(st.booleans(), label="refuse one part"):
            k = data.draw(st.integers(0, len(parts)), label="k")
            parts.insert(k, self._refused_edit(data, depth + 1))
        return cmd.Macro("Several", parts)

    # ------------------------------------------------------------ running
    def attempt(self, command: cmd.Command, undo: bool = False, inject=None) -> bool:
        """Run ``command`` (optionally with a failing primitive); check the all-or-nothing
        rule and return True when it succeeded."""
        before = self.doc.map.model_dump_json()
        n_events = len(self.events)
        try:
            if inject is None:
                cmd.run(self.doc, command, undo=undo)
            else:
                with failing_primitive(self.doc, *inject):
                    cmd.run(self.doc, command, undo=undo)
        except FAILURES as err:
            assert self.doc.map.model_dump_json() == before, f"{command.label} failed ({err!r}) but changed the map"
            assert len(self.events) == n_events, f"{command.label} failed but its listeners heard of it"
            self.check_fresh_indexes()  # the map is as before: so are the indexes
            return False
        assert len(self.events) - n_events <= 1, "one notification per command"
        if self.doc.map.model_dump_json() != before:
            assert len(self.events) == n_events + 1
        return True

    def keep(self, command: cmd.Command) -> None:
        """A command that succeeded: it reverts to the exact JSON and applies again exactly."""
        after = self.doc.map.model_dump_json()
        self._remember()
        assert self.attempt(command, undo=True)
        self.check_fresh_indexes()
        assert self.attempt(command)
        assert self.doc.map.model_dump_json() == after
        self.done.append(command)

    def injection(self, data) -> tuple[int, bool, Exception]:
        k = data.draw(st.integers(0, 6), label="failing primitive")
        after = data.draw(st.booleans(), label="after it ran")
        return k, after, self.error(data)

    def error(self, data) -> Exception:
        make = data.draw(st.sampled_from([
            lambda: refuse(Entity.CARD, "injected", "title", "injected refusal"),
            lambda: Injected("injected failure"),
        ]), label="error")  # fmt: skip
        return make()

    # ------------------------------------------------------------ rules
    @rule(data=st.data())
    def run_a_command(self, data):
        command = self.command(data)
        if self.attempt(command):
            self.keep(command)

    @rule(data=st.data())
    def run_a_command_whose_primitive_fails(self, data):
        command = self.command(data)
        inject = self.injection(data)
        if self.attempt(command, inject=inject):  # it made fewer primitive calls than k
            self.keep(command)

    @rule(data=st.data())
    def run_a_command_that_fails_after_its_work(self, data):
        assert not self.attempt(FailAfter(self.command(data), self.error(data)))

    @precondition(lambda self: self.done)
    @rule(data=st.data())
    def undo_fails_part_way_then_works(self, data):
        last = self.done[-1]
        if not self.attempt(last, undo=True, inject=self.injection(data)):
            assert self.attempt(last, undo=True)  # the real undo still works
        self.done.pop()

    @precondition(lambda self: self.doc.map.cards)
    @rule(data=st.data())
    def a_batch_goes_on_after_a_part_that_failed(self, data):
        """Inside an enclosing batch, a failed part is rolled back alone: the batch keeps what
        it did before and goes on."""
        first, failing, last = (self.command(data, 1) for _ in range(3))
        before = self.doc.map.model_dump_json()
        n_events = len(self.events)
        try:
            with self.doc.batch():
                first.apply(self.doc)
                done_first = self.doc.map.model_dump_json()
                try:
                    cmd.run(self.doc, FailAfter(failing, self.error(data)))  # a nested batch
                except FAILURES:
                    pass
                assert self.doc.map.model_dump_json() == done_first  # only the failed part undone
                last.apply(self.doc)
        except FAILURES:  # first or last failed: then the whole batch did nothing
            assert self.doc.map.model_dump_json() == before and len(self.events) == n_events
            return
        assert len(self.events) <= n_events + 1
        self._remember()
        self.check_fresh_indexes()
        with self.doc.batch():
            last.revert(self.doc)
            first.revert(self.doc)
        assert self.doc.map.model_dump_json() == before

    # ------------------------------------------------------------ invariants
    @invariant()
    def check_fresh_indexes(self):
        """The live indexes answer what a Document freshly made from the same JSON answers."""
        fresh = Document(Map.model_validate_json(self.doc.map.model_dump_json()))
        assert index_view(self.doc, self.ids, self.cells) == index_view(fresh, self.ids, self.cells)

    def teardown(self):
        for command in reversed(self.done):
            cmd.run(self.doc, command, undo=True)
        assert self.doc.map.model_dump_json() == self.original


CommandsAllOrNothing.TestCase.settings = settings(max_examples=250, stateful_step_count=10, deadline=None)
TestCommandsAllOrNothing = CommandsAllOrNothing.TestCase
