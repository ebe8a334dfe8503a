"""Room kept in the layout for a card being typed (quick capture, MapLayout.set_room): the cards
under it and the lanes below move as for a card of its height, it stays above its card as cards
come and go, and the layout kept current edit by edit equals a fresh one given the same room."""

from __future__ import annotations

import random

import pytest

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.layout import build_layout
from app.model.schema import LaneType
from app.model.textlayout import CARD_GAP
from benchmarks.generate import generate_map
from tests.model_factory import small_map
from tests.test_layout import apply, snapshot


def fresh_with_room(doc, layout):
    fresh = build_layout(doc.map)
    if layout.room is not None:
        fresh.set_room(*layout.room, doc, layout.room_reach)
    return fresh


def test_room_moves_the_cards_under_it_and_the_lanes_below():
    m = small_map()
    doc = Document(m)
    lay = build_layout(m)
    cell = ("s1", "l-touch")
    first, second = lay.cell_cards(cell)
    top = lay.card_rect(second).y
    lane_below = lay.lane_rect("l-on").y
    d = lay.set_room(cell, second, 130.0, doc)
    room = lay.room_rect()
    assert room is not None and room.h == 130.0 and room.y == lay.card_rect(first).bottom + CARD_GAP
    assert lay.card_rect(second).y == pytest.approx(top + 130.0 + CARD_GAP)  # under the room
    assert lay.lane_rect("l-on").y == pytest.approx(lane_below + 130.0 + CARD_GAP)
    assert second in d.cards and first not in d.cards and "l-on" in d.lanes
    assert lay.set_room(cell, second, 130.0, doc).cards == set()  # the same room: nothing
    d = lay.set_room(None, None, 0.0, doc)
    assert lay.room is None and lay.room_rect() is None and second in d.cards
    assert snapshot(lay) == snapshot(build_layout(doc.map))


def test_a_room_in_an_empty_cell_makes_the_cell_tall_enough():
    m = small_map()
    doc = Document(m)
    lay = build_layout(m)
    lay.set_room(("s2", "l-on"), None, 400.0, doc)
    assert lay.lane_rect("l-on").h >= 400.0
    assert lay.room_rect().y == lay.lane_rect("l-on").y + lay.room_rect().x - lay.stage_rect("s2").x


def test_cards_typed_into_a_room_that_reaches_down_leave_the_lanes_below():
    """A room at the end of a cell that reaches ``reach`` below the cell's top: a card put
    at its place takes the room's top, the cell keeps its height (the lanes below stay) until
    less than the room's height is left; then the cell grows as for a room of that height."""
    m = small_map()
    doc = Document(m)
    lay = build_layout(m)
    cell = ("s1", "l-touch")  # its two cards set the lane's height
    lane_below = lay.lane_rect("l-on").y
    last = lay.card_rect(lay.cell_cards(cell)[-1])
    top = last.bottom + CARD_GAP - lay.cell_rect(*cell).y
    reach = top + 130.0 + CARD_GAP + 200.0
    lay.set_room(cell, None, 130.0, doc, reach)
    grown = lay.lane_rect("l-on").y
    assert grown == pytest.approx(lane_below + reach - top)
    assert lay.room_rect().h == 130.0  # the room itself: the frame's height
    heights = []
    for i in range(6):
        card = doc.map.cards[0].model_copy(update={"id": f"typed-{i}", "title": f"typed {i}"})
        apply(doc, lay, cmd.InsertCards([card], *cell, len(lay.cell_cards(cell))))
        heights.append(lay.lane_rect("l-on").y)
        assert snapshot(lay) == snapshot(fresh_with_room(doc, lay)), i
    card_h = lay.card_rect("typed-0").h + CARD_GAP
    fits = int(200.0 // card_h)  # cards typed before less than the room's height is left
    assert heights[:fits] == [grown] * fits  # the lanes below stayed
    assert heights[-1] > grown  # then the cell grew
    lay.set_room(None, None, 0.0, doc)
    assert snapshot(lay) == snapshot(build_layout(doc.map))


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_with_a_room_equal_a_fresh_layout_with_that_room(seed):
    rng = random.Random(seed)
    m = generate_map(200, seed=seed) if seed % 2 else small_map(3)
    doc = Document(m)
    lay = build_layout(m)
    lay.link_key()  # the labels placed, as a view's first frame does
    plain = [lane.id for lane in m.lanes if lane.type is not LaneType.FEELINGS]
    stages = [s.id for s in m.stages]

    def new_room():
        cell = (rng.choice(stages), rng.choice(plain))
        ids = lay.cell_cards(cell)
        before = rng.choice([*ids, None]) if ids else None
        reach = rng.choice([0.0, 0.0, 300.0, 900.0]) if before is None else 0.0
        lay.set_room(cell, before, rng.choice([40.0, 130.0, 260.0]), doc, reach)

    new_room()
    for step in range(40):
        roll = rng.random()
        cards = doc.map.cards
        room_cell = lay.room[0] if lay.room is not None else (stages[0], plain[0])
        if roll < 0.35:  # into the room's cell, above or below it, or out of it
            card = rng.choice([*(doc.card(i) for i in lay.cell_cards(room_cell)), rng.choice(cards)])
            target = room_cell if rng.random() < 0.6 else (rng.choice(stages), rng.choice(plain))
            command = cmd.MoveCards([card.id], *target, rng.randint(0, len(lay.cell_cards(target))))
        elif roll < 0.5:
            command = cmd.Edit(Entity.CARD, rng.choice(cards).id, {"title": " ".join(["word"] * rng.randint(1, 25))})
        elif roll < 0.6:
            command = cmd.Edit(Entity.STAGE, rng.choice(stages), {"width": float(rng.randint(140, 400))})
        elif roll < 0.7:
            lane = rng.choice(doc.map.lanes)
            command = cmd.Edit(Entity.LANE, lane.id, {"hidden": not lane.hidden})
        elif roll < 0.8 and len(cards) > 5:
            ids = lay.cell_cards(room_cell)
            command = cmd.remove_cards(doc, [rng.choice(ids or [c.id for c in cards])])
        else:
            command = None
            if rng.random() < 0.3:
                lay.set_room(None, None, 0.0, doc)
            else:
                new_room()
        if command is not None:
            apply(doc, lay, command)
        lay.take_label_changes()
        fresh = fresh_with_room(doc, lay)
        assert snapshot(lay) == snapshot(fresh), step
        assert lay.room_rect() == fresh.room_rect(), step
