"""The rules of the participants' phones in a workshop room (no Qt, no sockets, no asyncio).

:class:`Roster` keeps who has joined: a random token identifies a participant, the name is only
what the room shows (and the voter name of their dots). Two people who type the same name stay
distinct: the second "Ana" is "Ana (2)". A room takes at most :data:`MAX_PARTICIPANTS`, and each
participant adds at most :data:`NOTES_PER_MINUTE` notes in any 60 seconds (and gives or takes back
at most :data:`DOTS_PER_MINUTE` dots, so that no phone floods the room with edits).

The edits a phone makes go through the :class:`~app.model.document.Document` like any other
edit (so a room's bridge sends them to every peer):

* :func:`add_note` puts a note card into the chosen cell, or into the "From the room" inbox lane
  (a Notes lane, added at the bottom of the map when missing) in the chosen or first stage;
* :func:`give_dot` casts one dot of the participant in the open vote (their ballot is added on
  their first dot: the facilitator need not list phone voters) and :func:`take_back_dot` takes
  one back, both through :mod:`app.model.voting`'s rules.
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.model.commands import Edit, InsertCards, Macro, add_lane, run
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import (
    LANE_KIND,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_VOTERS,
    Ballot,
    Card,
    CardKind,
    Lane,
    LaneType,
    Vote,
    illegal_character_message,
    new_id,
)
from app.model.voting import Refusal, VoteRefused, cast_dot

MAX_PARTICIPANTS = 200
NOTES_PER_MINUTE = 60
DOTS_PER_MINUTE = 120  # dots given or taken back: a budget of 3 needs a handful
RATE_WINDOW_S = 60.0
MAX_NAME = 60  # characters of a display name (a voter name may hold 200: room for " (200)")
INBOX_LANE = "From the room"


class Refused(Exception):
    """A request the rules refuse: ``status`` is the HTTP status to answer, ``str()`` the message
    shown to the participant, ``code`` a short machine-readable reason."""

    def __init__(self, status: int, message: str, code: str = ""):
        self.status = status
        self.code = code
        super().__init__(message)


@dataclass
class Participant:
    token: str
    name: str  # unique in the room (casefolded): also the voter name of the participant's dots
    notes: deque[float] = field(default_factory=deque)  # when the recent notes were added
    dots: deque[float] = field(default_factory=deque)  # when the recent dots were given or taken back


def clean_text(text: object, what: str, limit: int) -> str:
    """Plain text a map can hold, stripped, or :class:`Refused` saying why not."""
    if not isinstance(text, str):
        raise Refused(400, f"The {what} must be text.", "not_text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise Refused(400, f"The {what} is empty.", "empty")
    if len(text) > limit:
        raise Refused(413, f"The {what} is too long: at most {limit:,} characters (this one has {len(text):,}).",
                      "too_long")
    problem = illegal_character_message(text)
    if problem:
        raise Refused(400, f"The {what} cannot be stored: {problem}.", "bad_character")
    return text


class Roster:
    """The participants of one room, by token."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, limit: int = MAX_PARTICIPANTS):
        self.clock = clock
        self.limit = limit
        self._by_token: dict[str, Participant] = {}
        self._names: set[str] = set()  # casefolded names taken

    def __len__(self) -> int:
        return len(self._by_token)

    def __iter__(self) -> Iterator[Participant]:
        """The participants in the order they joined."""
        return iter(list(self._by_token.values()))

    def get(self, token: object) -> Participant | None:
        return self._by_token.get(token) if isinstance(token, str) else None

    def join(self, name: object) -> Participant:
        """A new participant with a fresh token; their name made unique in the room."""
        name = " ".join(clean_text(name, "name", MAX_NAME).split())
        if len(self._by_token) >= self.limit:
            raise Refused(403, f"The room is full: at most {self.limit} participants can join.", "room_full")
        unique = name
        n = 2
        while unique.casefold() in self._names:
            unique = f"{name} ({n})"
            n += 1
        token = secrets.token_urlsafe(24)
        while token in self._by_token:  # pragma: no cover - 192 random bits
            token = secrets.token_urlsafe(24)
        person = Participant(token, unique)
        self._by_token[token] = person
        self._names.add(unique.casefold())
        return person

    def check_rate(self, person: Participant, what: str = "notes") -> None:
        """:class:`Refused` (429) when the participant added :data:`NOTES_PER_MINUTE` notes
        (``what="notes"``) or moved :data:`DOTS_PER_MINUTE` dots (``"dots"``) in the last minute."""
        limit = NOTES_PER_MINUTE if what == "notes" else DOTS_PER_MINUTE
        now = self.clock()
        times: deque[float] = getattr(person, what)
        while times and now - times[0] >= RATE_WINDOW_S:
            times.popleft()
        if len(times) >= limit:
            wait = max(1, round(RATE_WINDOW_S - (now - times[0])))
            raise Refused(429, f"Slow down: at most {limit} {what} a minute. Try again in {wait} s.", "rate_limited")

    def count(self, person: Participant, what: str = "notes") -> None:
        """A note was added or a dot moved: it counts against the rate (a refused one does not)."""
        getattr(person, what).append(self.clock())


# ------------------------------------------------------------------ notes
def note_fields(text: str) -> tuple[str, str]:
    """A note's title and body: the first line is the title when it fits a title, the rest the
    body; a first line longer than a title keeps the whole text in the body."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if len(first) <= MAX_SHORT_TEXT:
        return first, rest.strip()
    return "", text


def inbox_lane(doc: Document) -> Lane | None:
    return next((ln for ln in doc.map.lanes if ln.name == INBOX_LANE), None)


def _target(doc: Document, stage_id: object, lane_id: object) -> tuple[str, str | None]:
    """The stage (chosen or first) and the chosen lane (None: the inbox) of a note."""
    m = doc.map
    if not m.stages:
        raise Refused(409, "The map has no stages yet: ask the facilitator to add one.", "no_stage")
    for value, what in ((stage_id, "stage"), (lane_id, "lane")):
        if value is not None and not isinstance(value, str):
            raise Refused(400, f"The {what} must be given by its id.", "bad_id")
    stage = m.stages[0].id
    if stage_id:
        if doc.find(Entity.STAGE, stage_id) is None:
            raise Refused(400, "That stage is no longer on the map.", "unknown_stage")
        stage = stage_id
    if lane_id:
        lane = doc.find(Entity.LANE, lane_id)
        if lane is None or lane.hidden:
            raise Refused(400, "That lane is no longer on the map.", "unknown_lane")
        return stage, lane_id
    return stage, None


def add_note(doc: Document, person: Participant, text: object, stage_id: object = None,
             lane_id: object = None) -> Card:
    """Add the participant's note (one undoable step) and return its card."""
    text = clean_text(text, "note", MAX_LONG_TEXT)
    stage, lane = _target(doc, stage_id, lane_id)
    title, body = note_fields(text)
    parts = []
    chosen = doc.find(Entity.LANE, lane) if lane is not None else None
    if lane is None:
        inbox = inbox_lane(doc)
        if inbox is None:
            inbox = Lane(id=new_id("lane"), name=INBOX_LANE, type=LaneType.TEXT)
            parts.append(add_lane(inbox))
        lane = inbox.id
    kind = CardKind.NOTE if chosen is None else LANE_KIND.get(chosen.type, CardKind.NOTE)  # as "add card here"
    card = Card(id=new_id("card"), stage_id=stage, lane_id=lane, kind=kind, title=title, body=body,
                notes=f"Added from a phone by {person.name}")
    parts.append(InsertCards([card], stage, lane, label="Note from the room"))
    run(doc, Macro("Note from the room", parts))
    return doc.card(card.id)


# ------------------------------------------------------------------ dots
REFUSAL_MESSAGES = {
    Refusal.NO_VOTE: "No vote is open right now.",
    Refusal.NO_CARD: "That card is no longer on the map.",
    Refusal.OUT_OF_SCOPE: "That card is not part of this vote.",
    Refusal.UNKNOWN_VOTER: "You are not a voter in this vote.",
    Refusal.BUDGET_SPENT: "You have used all your dots.",
    Refusal.ALREADY_OPEN: "A vote is open already.",
}


def _set_vote(vote: dict, label: str) -> Edit:
    return Edit(Entity.MAP, "", {"vote": vote}, label=label)


def ballot_of(vote: Vote, person: Participant) -> Ballot | None:
    """The participant's ballot: the one of their name, compared as the vote compares voters
    (so "ana" on a phone votes on the "Ana" the facilitator listed)."""
    key = person.name.casefold()
    return next((b for b in vote.ballots if b.voter.strip().casefold() == key), None)


def give_dot(doc: Document, person: Participant, card_id: object) -> None:
    """One dot of the participant on the card, as one step: their ballot is added first when the
    vote has none of that name. Refused (nothing changed) as :mod:`app.model.voting` refuses."""
    if not isinstance(card_id, str) or not card_id:
        raise Refused(400, "Which card? card_id is missing.", "bad_id")
    vote = doc.map.vote
    if vote is None:
        raise Refused(409, REFUSAL_MESSAGES[Refusal.NO_VOTE], Refusal.NO_VOTE.value)
    try:
        with doc.batch():  # all or nothing: a refused dot leaves no empty ballot behind
            ballot = ballot_of(vote, person)
            if ballot is None:
                if len(vote.ballots) >= MAX_VOTERS:
                    raise Refused(409, f"This vote has its maximum of {MAX_VOTERS} voters.", "too_many_voters")
                grown = vote.model_dump()  # a copy (cheaper than a deep model copy)
                grown["ballots"].append({"voter": person.name, "card_ids": []})
                run(doc, _set_vote(grown, f"{person.name} joins the vote"))
            run(doc, cast_dot(doc, person.name if ballot is None else ballot.voter, card_id))
    except VoteRefused as err:
        raise Refused(409, REFUSAL_MESSAGES[err.refusal], err.refusal.value) from None


def take_back_dot(doc: Document, person: Participant, card_id: object) -> None:
    """Take back the participant's last dot on the card (one step)."""
    if not isinstance(card_id, str) or not card_id:
        raise Refused(400, "Which card? card_id is missing.", "bad_id")
    vote = doc.map.vote
    if vote is None:
        raise Refused(409, REFUSAL_MESSAGES[Refusal.NO_VOTE], Refusal.NO_VOTE.value)
    ballot = ballot_of(vote, person)
    if ballot is None or card_id not in ballot.card_ids:
        raise Refused(409, "You have no dot on that card.", "no_dot")
    smaller = vote.model_dump()
    dots = next(b for b in smaller["ballots"] if b["voter"] == ballot.voter)["card_ids"]
    del dots[len(dots) - 1 - dots[::-1].index(card_id)]
    run(doc, _set_vote(smaller, f"Dot taken back by {person.name}"))
