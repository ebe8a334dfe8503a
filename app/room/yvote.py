"""The dot vote in the room's shared document (docs/room-protocol.md).

While a vote is open, the ``map`` root holds ``vote``: a Y.Map of the vote's own fields
(``lane_id``, ``budget``, ``hidden``; defaults left out), ``ballots`` (Y.Map: voter name -> JSON
array of the card ids of that voter's dots, in the order cast) and ``voters`` (Y.Array of voter
names: the order of the ballots). No vote open: no ``vote`` entry. So two people casting dots at
once both keep them; one voter's dots are one entry (the last writer wins).
"""

from __future__ import annotations

import json
from typing import Any

from pycrdt import Array
from pycrdt import Map as YMap

from app.model.schema import Vote

from .yorder import EXTRA, add_extra, first_places, ordered, sync_order, write_fields

VOTE = "vote"
BALLOTS = "ballots"
VOTERS = "voters"


def vote_fields(vote: Vote) -> dict[str, Any]:
    data = vote.model_dump(mode="json", exclude_defaults=True)
    data.pop(BALLOTS, None)
    extra = vote.__pydantic_extra__
    if extra:
        whole = vote.model_dump(mode="json")
        for name in extra:
            data.pop(name, None)
        data[EXTRA] = json.dumps({name: whole[name] for name in extra}, ensure_ascii=False)
    return data


def new_vote(vote: Vote) -> YMap:
    fields: dict[str, Any] = vote_fields(vote)
    fields[BALLOTS] = YMap({b.voter: list(b.card_ids) for b in vote.ballots})
    fields[VOTERS] = Array([b.voter for b in vote.ballots])
    return YMap(fields)


def write_vote(meta: YMap, vote: Vote | None) -> None:
    """Make ``meta``'s ``vote`` hold ``vote`` (None: no vote), writing only what differs."""
    current = meta.get(VOTE)
    if vote is None:
        if VOTE in meta:
            del meta[VOTE]
        return
    ballots = current.get(BALLOTS) if isinstance(current, YMap) else None
    voters = current.get(VOTERS) if isinstance(current, YMap) else None
    if not (isinstance(ballots, YMap) and isinstance(voters, Array)):
        meta[VOTE] = new_vote(vote)
        return
    write_fields(current, vote_fields(vote))
    wanted = {b.voter: list(b.card_ids) for b in vote.ballots}
    changed: set[str] = set()
    removed = False
    for voter in list(ballots.keys()):
        if voter not in wanted:
            del ballots[voter]
            changed.add(voter)
            removed = True
    for voter, card_ids in wanted.items():
        have = ballots.get(voter)
        if have is None:
            changed.add(voter)
        if have != card_ids:
            ballots[voter] = card_ids
    if changed:
        sync_order(voters, list(wanted), changed, added_only=not removed)


def read_vote(value: Any) -> dict[str, Any] | None:
    """The vote as the schema reads it (plain data), or None when none is open."""
    if not isinstance(value, YMap):
        return None
    data = {k: v for k, v in value.items() if k != EXTRA and not isinstance(v, (YMap, Array))}
    add_extra(data, value.get(EXTRA))
    ballots = value.get(BALLOTS)
    voters = value.get(VOTERS)
    names = (
        ordered(first_places(voters) if isinstance(voters, Array) else [], ballots.keys())
        if isinstance(ballots, YMap)
        else []
    )
    data[BALLOTS] = [{"voter": voter, "card_ids": ballots[voter]} for voter in names]
    return data
