"""The participants' phone page and its small JSON API (plain HTTP; no Qt, no asyncio, no sockets).

The room's host answers every plain HTTP request on its port (anything that is not a websocket
upgrade) with :meth:`PhoneDesk.respond`, on the thread that owns the room's
:class:`~app.model.document.Document`; edits made here reach the room through its bridge.

Routes (``K`` is the room key, ``T`` the token :http:`POST /api/join` hands out):

=======  ==============================  ==========================================================
GET      ``/``, ``/?key=K``              the page (``resources/room/index.html``)
GET      ``/static/app.js``,             its script and style sheet (only these two files)
         ``/static/style.css``
GET      ``/api/state?key=K``            JSON: ``version`` (of the map), ``vote`` (null, or the
         ``&participant=T``              open vote's ``budget``, ``lane_id``, ``hidden`` and, unless
         ``&since=V&layout=L``           hidden, ``totals`` per card), ``me`` (``name``,
                                         ``remaining``, own ``dots`` per card; null without T),
                                         ``layout`` and ``map`` (``title``, ``stages``, visible
                                         ``lanes``, the ``cards`` of the open vote), left out when
                                         L is ``layout`` already (a dot does not resend the
                                         cards). With V the current version: only
                                         ``{"version": V, "unchanged": true}``.
POST     ``/api/join``                   ``{key, name}`` -> 201 ``{token, name}`` (the name made
                                         unique in the room: "Ana (2)")
POST     ``/api/note``                   ``{key, token, text, stage_id?, lane_id?}`` -> 201
                                         ``{card_id, stage_id, lane_id}``
POST     ``/api/vote``, ``/api/unvote``  ``{key, token, card_id}`` -> 200 ``{remaining, dots}``
=======  ==============================  ==========================================================

Answers: 403 without the right key (checked with :func:`hmac.compare_digest`; nothing changes),
401 for a token the room does not know (join again), 400 malformed JSON or fields, 404 unknown
route, 405 wrong method, 409 a refused edit (no vote open, no dots left...), 413 a body over
:data:`MAX_BODY` or a note over the card limit, 429 over 60 notes or 120 dots a minute, 500 for a bug (logged).
Errors are ``{"error": message, "code": reason}``. :meth:`PhoneDesk.respond` never raises.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.model.document import Document, EditRefused
from app.model.events import Change, Entity
from app.model.voting import scope_cards, tallies

from .participants import (
    MAX_PARTICIPANTS,
    Participant,
    Refused,
    Roster,
    add_note,
    ballot_of,
    give_dot,
    take_back_dot,
)

log = logging.getLogger(__name__)

PAGE_DIR = Path(__file__).resolve().parents[2] / "resources" / "room"
MAX_BODY = 64 * 1024
MAX_TARGET = 4096
JSON = "application/json; charset=utf-8"
#: Everything the page may load: exact paths only, so no other file can ever be served.
FILES: dict[str, tuple[str, str]] = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
}
POSTS = ("/api/join", "/api/note", "/api/vote", "/api/unvote")
GETS = ("/api/state",)
Response = tuple[int, str, bytes]
_VOTE_ONLY = frozenset({"vote", "modified"})  # map fields whose change leaves the map part as it was


def _json(status: int, data: Any) -> Response:
    return status, JSON, _dumps(data)


def _error(status: int, message: str, code: str = "") -> Response:
    return _json(status, {"error": message, "code": code})


def card_label(card) -> str:
    """What a card is called on a phone: its title, else the first line of its body."""
    text = card.title.strip() or next((ln.strip() for ln in card.body.splitlines() if ln.strip()), "")
    return text[:200]


class PhoneDesk:
    """Answers the phones of one room (one hosting: one key, one roster)."""

    def __init__(self, document: Document, key: str, *, clock: Callable[[], float] = time.monotonic,
                 max_participants: int = MAX_PARTICIPANTS, page_dir: Path = PAGE_DIR):
        self.document = document
        self._key = key.encode()
        self.roster = Roster(clock, max_participants)
        self.page_dir = page_dir
        self.version = 1  # goes up with every change of the map: the page skips redraws meanwhile
        self._edits = 0  # goes up with every change but a dot (what the map part shows)
        self._layout_id = 0
        self._layout_cache: tuple[tuple[int, str | None], int, bytes] | None = None  # (key, id, JSON)
        self._vote_cache: tuple[int, bytes] | None = None  # (version, JSON)
        document.subscribe(self._changed)

    def close(self) -> None:
        """Stop following the document (the room closed)."""
        try:
            self.document.unsubscribe(self._changed)
        except ValueError:
            pass

    def _changed(self, changes: list[Change]) -> None:
        self.version += 1
        if any(ch.entity is not Entity.MAP or not ch.fields <= _VOTE_ONLY for ch in changes):
            self._edits += 1

    # ------------------------------------------------------------------ entry
    def respond(self, method: str, target: str, body: bytes) -> Response:
        """The answer to one plain HTTP request: (status, content type, body). Never raises."""
        try:
            return self._route(str(method).upper(), str(target), bytes(body))
        except Refused as err:
            return _error(err.status, str(err), err.code)
        except EditRefused as err:
            return _error(409, f"The map refused that change: {err}", "refused")
        except Exception:  # noqa: BLE001 - every request gets an answer; the bug goes to the log
            log.exception("phone request %s %s failed", method, target[:200])
            return _error(500, "Something went wrong on the host.", "internal")

    def _route(self, method: str, target: str, body: bytes) -> Response:
        if len(target) > MAX_TARGET:
            return _error(414, "The address is too long.", "too_long")
        parts = urlsplit(target)
        try:
            query = parse_qs(parts.query, keep_blank_values=True, max_num_fields=16)
        except ValueError:
            return _error(400, "Too many query fields.", "bad_query")
        path = parts.path
        if path in FILES:
            if method not in ("GET", "HEAD"):
                return _error(405, "Only GET here.", "method")
            name, kind = FILES[path]
            return 200, kind, (self.page_dir / name).read_bytes()
        if path in GETS:
            if method != "GET":
                return _error(405, "Only GET here.", "method")
            self._check_key(_first(query, "key"))
            return self._state(_first(query, "participant"), _first(query, "since"), _first(query, "layout"))
        if path in POSTS:
            if method != "POST":
                return _error(405, "Only POST here.", "method")
            data = self._payload(body)
            self._check_key(data.get("key"))
            return self._post(path, data)
        return _error(404, "Nothing here.", "not_found")

    # ------------------------------------------------------------------ checks
    def _check_key(self, key: object) -> None:
        given = key.encode() if isinstance(key, str) else b""
        if not hmac.compare_digest(given, self._key):
            raise Refused(403, "Wrong or missing room key: open the link the facilitator shows.", "key")

    @staticmethod
    def _payload(body: bytes) -> dict[str, Any]:
        if len(body) > MAX_BODY:
            raise Refused(413, f"The request is too large (at most {MAX_BODY // 1024} KiB).", "too_large")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise Refused(400, "The request is not valid JSON.", "bad_json") from None
        if not isinstance(data, dict):
            raise Refused(400, "The request must be a JSON object.", "bad_json")
        return data

    def _participant(self, token: object) -> Participant:
        person = self.roster.get(token)
        if person is None:
            raise Refused(401, "This room does not know you (it may have restarted): join again.", "unknown_token")
        return person

    # ------------------------------------------------------------------ posts
    def _post(self, path: str, data: dict[str, Any]) -> Response:
        doc = self.document
        if path == "/api/join":
            person = self.roster.join(data.get("name"))
            return _json(201, {"token": person.token, "name": person.name})
        person = self._participant(data.get("token"))
        if path == "/api/note":
            text = data.get("text")
            if isinstance(text, str) and len(text) > MAX_BODY:  # cheap refusal before the rate is counted
                raise Refused(413, "The note is too long.", "too_long")
            self.roster.check_rate(person)
            card = add_note(doc, person, text, data.get("stage_id"), data.get("lane_id"))
            self.roster.count(person)
            return _json(201, {"card_id": card.id, "stage_id": card.stage_id, "lane_id": card.lane_id})
        self.roster.check_rate(person, "dots")
        if path == "/api/vote":
            give_dot(doc, person, data.get("card_id"))
        else:
            take_back_dot(doc, person, data.get("card_id"))
        self.roster.count(person, "dots")
        return _json(200, self._mine(person))

    # ------------------------------------------------------------------ state
    def _mine(self, person: Participant) -> dict[str, Any]:
        vote = self.document.map.vote
        ballot = ballot_of(vote, person) if vote is not None else None
        dots: dict[str, int] = {}
        for cid in ballot.card_ids if ballot is not None else ():
            dots[cid] = dots.get(cid, 0) + 1
        remaining = 0 if vote is None else vote.budget - sum(dots.values())
        return {"name": person.name, "remaining": remaining, "dots": dots}

    def _layout(self) -> tuple[int, bytes]:
        """The map part of the state as JSON (title, stages, visible lanes, the cards of the open
        vote) and its id: rebuilt only when the map's elements change or a vote opens, closes or
        changes lane. A dot changes only the vote part, so a phone that has this part already
        (``layout`` in its request) is not sent it again."""
        vote = self.document.map.vote
        key = (self._edits, None if vote is None else vote.lane_id or "")
        if self._layout_cache is None or self._layout_cache[0] != key:
            m = self.document.map
            cards = [
                {"id": c.id, "title": card_label(c), "stage_id": c.stage_id, "lane_id": c.lane_id}
                for c in (scope_cards(self.document) if vote is not None else ())
            ]
            part = {
                "title": m.title,
                "stages": [{"id": s.id, "name": s.name} for s in m.stages],
                "lanes": [{"id": ln.id, "name": ln.name, "type": ln.type.value} for ln in m.lanes if not ln.hidden],
                "cards": cards,
            }
            self._layout_id += 1
            self._layout_cache = (key, self._layout_id, _dumps(part))
        return self._layout_cache[1], self._layout_cache[2]

    def _vote(self) -> bytes:
        """The open vote's part of the state (budget, lane, hidden, totals unless hidden) as JSON."""
        if self._vote_cache is None or self._vote_cache[0] != self.version:
            vote = self.document.map.vote
            part = None
            if vote is not None:
                part = {"budget": vote.budget, "lane_id": vote.lane_id, "hidden": vote.hidden}
                if not vote.hidden:
                    part["totals"] = tallies(self.document)
            self._vote_cache = (self.version, _dumps(part))
        return self._vote_cache[1]

    def _state(self, token: str | None, since: str | None, layout: str | None) -> Response:
        person = self._participant(token) if token else None
        if since is not None and since == str(self.version):
            return _json(200, {"version": self.version, "unchanged": True})
        layout_id, layout_raw = self._layout()
        mine = b"null" if person is None else _dumps(self._mine(person))
        raw = b'{"version":%d,"layout":%d,"vote":%s,"me":%s' % (self.version, layout_id, self._vote(), mine)
        if layout != str(layout_id):
            raw += b',"map":' + layout_raw
        return 200, JSON, raw + b"}"


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None
