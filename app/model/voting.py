"""Dot voting: the rules and the undoable edits of a vote (pure Python, no Qt).

The vote in progress is ``Map.vote`` (:class:`~app.model.schema.Vote`): its scope (all cards or
one lane's cards), the budget of dots per voter, whether counts stay hidden until it closes, and
one ballot per voter (the card ids of that voter's dots). Every step is a command on the map, so
autosave keeps the vote and each dot is one undo step:

* :func:`open_vote` starts a vote (refused while one is open);
* :func:`cast_dot` gives a card one dot of a voter, or raises :class:`VoteRefused` with a
  :class:`Refusal` saying why not (no vote, card outside the vote, budget spent, ...);
* :func:`close_vote` writes each card's total into its ``votes`` and ends the vote (one step);
  :func:`discard_vote` ends it without touching the cards.

:func:`tallies` and :func:`ranking` count the dots (only on cards that exist and are in scope).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .commands import Command, Edit, Macro
from .document import Document
from .events import Entity
from .schema import Ballot, Card, Vote


class Refusal(StrEnum):
    NO_VOTE = "no_vote"  # no vote is open
    NO_CARD = "no_card"  # the card does not exist
    OUT_OF_SCOPE = "out_of_scope"  # the card is not in the vote's lane
    UNKNOWN_VOTER = "unknown_voter"  # the voter has no ballot in this vote
    BUDGET_SPENT = "budget_spent"  # the voter has cast every dot
    ALREADY_OPEN = "already_open"  # a vote is open already


class VoteRefused(ValueError):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal
        super().__init__(refusal.value)


@dataclass(frozen=True)
class Result:
    """One card's line in the ranking: its dots in all and per voter (in ballot order)."""

    card_id: str
    dots: int
    by_voter: dict[str, int] = field(default_factory=dict)


def in_scope(vote: Vote, card: Card) -> bool:
    return vote.lane_id is None or card.lane_id == vote.lane_id


def find_ballot(vote: Vote, voter: str) -> Ballot | None:
    for ballot in vote.ballots:
        if ballot.voter == voter:
            return ballot
    return None


def dots_left(vote: Vote, voter: str) -> int:
    ballot = find_ballot(vote, voter)
    return 0 if ballot is None else vote.budget - len(ballot.card_ids)


def check_dot(doc: Document, voter: str, card_id: str) -> Refusal | None:
    """Why ``voter`` may not put a dot on the card now, or None."""
    vote = doc.map.vote
    if vote is None:
        return Refusal.NO_VOTE
    card = doc.find(Entity.CARD, card_id)
    if card is None:
        return Refusal.NO_CARD
    if not in_scope(vote, card):
        return Refusal.OUT_OF_SCOPE
    if find_ballot(vote, voter) is None:
        return Refusal.UNKNOWN_VOTER
    if dots_left(vote, voter) <= 0:
        return Refusal.BUDGET_SPENT
    return None


def _counted(doc: Document, vote: Vote, card_id: str) -> bool:
    card = doc.find(Entity.CARD, card_id)
    return card is not None and in_scope(vote, card)


def tallies(doc: Document) -> dict[str, int]:
    """Dots per card of the open vote (cards with none left out); empty without a vote.
    Costs O(dots cast)."""
    vote = doc.map.vote
    counts: dict[str, int] = {}
    if vote is None:
        return counts
    for ballot in vote.ballots:
        for cid in ballot.card_ids:
            if _counted(doc, vote, cid):
                counts[cid] = counts.get(cid, 0) + 1
    return counts


def scope_cards(doc: Document) -> list[Card]:
    """The cards the open vote is about, in map order (stage, lane, stack)."""
    vote = doc.map.vote
    if vote is None:
        return []
    m = doc.map
    if vote.lane_id is None:
        cells = [(s.id, ln.id) for s in m.stages for ln in m.lanes]
    else:
        cells = [(s.id, vote.lane_id) for s in m.stages]
    return [c for cell in cells for c in doc.cell_cards(*cell)]


def ranking(doc: Document) -> list[Result]:
    """Every card of the vote with its dots, most dots first; ties in map order."""
    vote = doc.map.vote
    if vote is None:
        return []
    per_card: dict[str, dict[str, int]] = {}
    for ballot in vote.ballots:
        for cid in ballot.card_ids:
            mine = per_card.setdefault(cid, {})
            mine[ballot.voter] = mine.get(ballot.voter, 0) + 1
    results = [
        Result(c.id, sum(per_card.get(c.id, {}).values()), per_card.get(c.id, {})) for c in scope_cards(doc)
    ]
    results.sort(key=lambda r: -r.dots)  # stable: ties keep map order
    return results


# ------------------------------------------------------------------ commands
def _set_vote(vote: Vote | None, label: str) -> Edit:
    return Edit(Entity.MAP, "", {"vote": None if vote is None else vote.model_dump()}, label=label)


def open_vote(
    doc: Document, voters: list[str], budget: int, lane_id: str | None = None, hidden: bool = False
) -> Command:
    """Start a vote for ``voters`` (in turn order) on all cards or one lane's cards."""
    if doc.map.vote is not None:
        raise VoteRefused(Refusal.ALREADY_OPEN)
    vote = Vote.model_construct(
        lane_id=lane_id,
        budget=budget,
        hidden=hidden,
        ballots=[Ballot.model_construct(voter=v, card_ids=[]) for v in voters],
    )
    return _set_vote(vote, "Open vote")


def cast_dot(doc: Document, voter: str, card_id: str) -> Command:
    """One dot of ``voter`` on the card (one undo step); VoteRefused when the rules forbid it."""
    refusal = check_dot(doc, voter, card_id)
    if refusal is not None:
        raise VoteRefused(refusal)
    vote = doc.map.vote.model_copy(deep=True)
    find_ballot(vote, voter).card_ids.append(card_id)
    return _set_vote(vote, f"Dot from {voter}")


def close_vote(doc: Document) -> Command:
    """Write each card's dots into its ``votes`` (every card of the vote: 0 for none) and end
    the vote, as one undo step."""
    if doc.map.vote is None:
        raise VoteRefused(Refusal.NO_VOTE)
    counts = tallies(doc)
    parts: list[Command] = [
        Edit(Entity.CARD, c.id, {"votes": counts.get(c.id, 0)})
        for c in scope_cards(doc)
        if c.votes != counts.get(c.id, 0)
    ]
    parts.append(_set_vote(None, "End vote"))
    return Macro("Close vote", parts)


def discard_vote(doc: Document) -> Command:
    """End the vote without writing its dots into the cards."""
    if doc.map.vote is None:
        raise VoteRefused(Refusal.NO_VOTE)
    return _set_vote(None, "Discard vote")
