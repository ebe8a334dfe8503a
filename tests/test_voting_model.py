"""Dot voting in the model (issue 11, item 3): the vote in the map, its rules, its undoable
steps, and the file: older files load, a map with an open vote saves, loads and validates."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.io.fastload import load_current
from app.io.jsonfile import dumps_map, loads_map
from app.model.commands import run
from app.model.document import Document, EditRefused
from app.model.events import Entity
from app.model.schema import Map
from app.model.voting import (
    Refusal,
    VoteRefused,
    cast_dot,
    check_dot,
    close_vote,
    discard_vote,
    dots_left,
    open_vote,
    ranking,
    tallies,
)
from tests.model_factory import small_map

TOUCH = "l-touch"


def opened(budget: int = 2, lane: str | None = TOUCH, hidden: bool = False) -> Document:
    doc = Document(small_map())
    run(doc, open_vote(doc, ["Ana", "Bo"], budget, lane, hidden))
    return doc


def dot(doc: Document, voter: str, card: str):
    command = cast_dot(doc, voter, card)
    run(doc, command)
    return command


def test_a_vote_is_in_the_map_and_each_dot_is_one_step_that_undoes():
    doc = opened()
    assert doc.map.vote.budget == 2 and [b.voter for b in doc.map.vote.ballots] == ["Ana", "Bo"]
    first = dot(doc, "Ana", "c-s0-l-touch-0")
    dot(doc, "Bo", "c-s0-l-touch-0")
    dot(doc, "Bo", "c-s1-l-touch-1")
    assert tallies(doc) == {"c-s0-l-touch-0": 2, "c-s1-l-touch-1": 1}
    assert dots_left(doc.map.vote, "Bo") == 0 and dots_left(doc.map.vote, "Ana") == 1
    before = doc.map.vote.model_dump()
    last = cast_dot(doc, "Ana", "c-s2-l-touch-0")
    run(doc, last)
    run(doc, last, undo=True)  # one dot back, the rest as it was
    assert doc.map.vote.model_dump() == before
    assert first.label == "Dot from Ana"


def test_the_rules_refuse_a_spent_budget_a_card_outside_the_vote_and_unknown_voters():
    doc = opened(budget=1)
    dot(doc, "Ana", "c-s0-l-touch-0")
    assert check_dot(doc, "Ana", "c-s1-l-touch-0") is Refusal.BUDGET_SPENT
    assert check_dot(doc, "Bo", "c-s0-l-act-0") is Refusal.OUT_OF_SCOPE
    assert check_dot(doc, "Cy", "c-s0-l-touch-0") is Refusal.UNKNOWN_VOTER
    assert check_dot(doc, "Bo", "no-such-card") is Refusal.NO_CARD
    with pytest.raises(VoteRefused) as err:
        cast_dot(doc, "Ana", "c-s1-l-touch-0")
    assert err.value.refusal is Refusal.BUDGET_SPENT
    with pytest.raises(VoteRefused):
        open_vote(doc, ["Cy"], 3)  # one vote at a time
    plain = Document(small_map())
    assert check_dot(plain, "Ana", "c-s0-l-touch-0") is Refusal.NO_VOTE


def test_the_document_refuses_a_vote_that_breaks_its_rules():
    doc = Document(small_map())
    with pytest.raises(EditRefused, match="named twice"):
        run(doc, open_vote(doc, ["Ana", "ana "], 2))
    with pytest.raises(EditRefused, match="budget"):
        run(doc, open_vote(doc, ["Ana"], 0))
    bad = {"budget": 1, "ballots": [{"voter": "Ana", "card_ids": ["a", "b"]}]}
    with pytest.raises(EditRefused, match="2 dots; the budget is 1"):
        doc.update(Entity.MAP, "", {"vote": bad})
    assert doc.map.vote is None


def test_ranking_most_dots_first_ties_in_map_order_with_each_voters_dots():
    doc = opened(budget=3)
    for voter, card in (("Ana", "c-s2-l-touch-0"), ("Bo", "c-s2-l-touch-0"), ("Ana", "c-s1-l-touch-1"),
                        ("Bo", "c-s0-l-touch-1"), ("Bo", "c-s2-l-touch-0")):  # fmt: skip
        dot(doc, voter, card)
    rows = ranking(doc)
    assert [(r.card_id, r.dots) for r in rows[:3]] == [
        ("c-s2-l-touch-0", 3),
        ("c-s0-l-touch-1", 1),  # ties: in map order (stage 0 before stage 1)
        ("c-s1-l-touch-1", 1),
    ]
    assert rows[0].by_voter == {"Ana": 1, "Bo": 2}
    assert len(rows) == 6 and all(r.dots == 0 for r in rows[3:])  # every card of the lane


def test_closing_writes_the_totals_as_one_step_and_ends_the_vote():
    m = small_map()
    m.cards[2].votes = 9  # c-s0-l-touch-0 held votes of an earlier vote
    doc = Document(m)
    run(doc, open_vote(doc, ["Ana", "Bo"], 2, TOUCH))
    dot(doc, "Ana", "c-s0-l-touch-1")
    dot(doc, "Bo", "c-s0-l-touch-1")
    dot(doc, "Bo", "c-s1-l-touch-0")
    before = doc.map.model_dump()
    close = close_vote(doc)
    run(doc, close)
    votes = {c.id: c.votes for c in doc.map.cards if c.lane_id == TOUCH}
    assert votes["c-s0-l-touch-1"] == 2 and votes["c-s1-l-touch-0"] == 1 and votes["c-s0-l-touch-0"] == 0
    assert doc.map.vote is None and close.label == "Close vote"
    assert doc.card("c-s0-l-act-0").votes == 0  # outside the vote: untouched
    run(doc, close, undo=True)
    assert doc.map.model_dump() == before


def test_discard_ends_the_vote_without_touching_cards():
    doc = opened()
    dot(doc, "Ana", "c-s0-l-touch-1")
    run(doc, discard_vote(doc))
    assert doc.map.vote is None and doc.card("c-s0-l-touch-1").votes == 0


def test_a_deleted_card_keeps_its_dots_for_undo_and_does_not_count():
    from app.model.commands import remove_cards

    doc = opened()
    dot(doc, "Ana", "c-s0-l-touch-1")
    remove = remove_cards(doc, ["c-s0-l-touch-1"])
    run(doc, remove)
    assert tallies(doc) == {} and dots_left(doc.map.vote, "Ana") == 1
    run(doc, remove, undo=True)
    assert tallies(doc) == {"c-s0-l-touch-1": 1}


def test_files_round_trip_a_vote_and_older_files_have_none(tmp_path):
    doc = opened(hidden=True)
    dot(doc, "Ana", "c-s0-l-touch-1")
    text = dumps_map(doc.map)
    assert json.loads(text)["map"]["vote"]["ballots"][0]["card_ids"] == ["c-s0-l-touch-1"]
    again = loads_map(text)
    assert again.vote == doc.map.vote and again.vote.hidden
    assert dumps_map(again) == text
    assert load_current(text, 100) == again  # the fast reader takes it, as the same map
    plain = dumps_map(small_map())
    assert '"vote"' not in plain and loads_map(plain).vote is None  # files without a vote: as ever
    path = tmp_path / "voting.journey.json"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    data = json.loads(text)
    data["map"]["vote"]["budget"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) != 0


def test_a_map_model_without_a_vote_is_unchanged():
    assert Map().vote is None and "vote" not in Map().model_dump()
