"""The participants' phones (issue 12): every route and rule of app.room.phone.PhoneDesk through
respond(), on a real Document, as the room's host calls it for each plain HTTP request."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from pycrdt import Doc

from app.io.jsonfile import dumps_map
from app.model.commands import Edit, run
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import MAX_LONG_TEXT, CardKind, LaneType
from app.model.voting import open_vote, tallies
from app.room.bridge import Bridge
from app.room.participants import DOTS_PER_MINUTE, INBOX_LANE, MAX_PARTICIPANTS, NOTES_PER_MINUTE
from app.room.phone import MAX_BODY, PAGE_DIR, PhoneDesk
from app.room.ydoc import doc_to_map, map_to_doc
from tests.model_factory import small_map

KEY = "k-3f9a1c2b8d7e6f50a1b2c3d4e5f60718"
TOUCH = "l-touch"
TOUCH_CARD = "c-s0-l-touch-0"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Phones:
    """A PhoneDesk on a small map, with helpers that speak its JSON."""

    def __init__(self, **kwargs) -> None:
        self.doc = Document(small_map())
        self.clock = Clock()
        self.desk = PhoneDesk(self.doc, KEY, clock=self.clock, **kwargs)

    def post(self, path: str, payload: dict, key: str | None = KEY) -> tuple[int, dict]:
        if key is not None:
            payload = {"key": key, **payload}
        status, kind, body = self.desk.respond("POST", path, json.dumps(payload).encode())
        assert kind.startswith("application/json")
        return status, json.loads(body)

    def get(self, target: str) -> tuple[int, dict]:
        status, kind, body = self.desk.respond("GET", target, b"")
        assert kind.startswith("application/json")
        return status, json.loads(body)

    def join(self, name: str = "Ana") -> str:
        status, data = self.post("/api/join", {"name": name})
        assert status == 201, data
        return data["token"]

    def note(self, token: str, text: str = "Queue too long", **where) -> tuple[int, dict]:
        return self.post("/api/note", {"token": token, "text": text, **where})

    def state(self, token: str | None = None) -> dict:
        target = f"/api/state?key={KEY}" + (f"&participant={token}" if token else "")
        status, data = self.get(target)
        assert status == 200, data
        return data

    def open_vote(self, budget: int = 3, lane: str | None = None, hidden: bool = False,
                  voters: tuple[str, ...] = ("Facilitator",)) -> None:
        run(self.doc, open_vote(self.doc, list(voters), budget, lane, hidden))

    def snapshot(self) -> str:
        return dumps_map(self.doc.map)


@pytest.fixture
def phones() -> Phones:
    return Phones()


# ------------------------------------------------------------------ the page and its files
def test_page_and_its_two_files_are_served(phones):
    for target in ("/", f"/?key={KEY}", "/index.html"):
        status, kind, body = phones.desk.respond("GET", target, b"")
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert body == (PAGE_DIR / "index.html").read_bytes()
    status, kind, body = phones.desk.respond("GET", "/static/app.js", b"")
    assert (status, kind, body) == (200, "text/javascript; charset=utf-8", (PAGE_DIR / "app.js").read_bytes())
    status, kind, body = phones.desk.respond("GET", "/static/style.css", b"")
    assert (status, kind, body) == (200, "text/css; charset=utf-8", (PAGE_DIR / "style.css").read_bytes())


@pytest.mark.parametrize(
    "target",
    [
        "/static/../../pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/../pyproject.toml",
        "/static/app.js/../../../pyproject.toml",
        "/static//etc/passwd",
        "//etc/passwd",
        "/static/index.html",
        "/static/",
        "/resources/room/app.js",
        "/app/room/phone.py",
        "/static/app.js%00.py",
        "/static\\..\\..\\pyproject.toml",
    ],
)
def test_no_other_file_is_ever_served(phones, target):
    status, kind, body = phones.desk.respond("GET", target, b"")
    assert status == 404
    assert kind.startswith("application/json")
    assert b"[project]" not in body and b"root:" not in body and b"import" not in body


def test_the_page_puts_text_only_through_textcontent():
    """The page's script never turns a string into HTML (the browser test shows it on a note)."""
    script = (PAGE_DIR / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script
    page = (PAGE_DIR / "index.html").read_text()
    assert "script-src 'self'" in page  # the CSP forbids inline scripts and handlers too
    assert "http://" not in page + script and "https://" not in page + script  # no external requests
    assert "//" not in (PAGE_DIR / "style.css").read_text().replace("/*", "").replace("*/", "")


# ------------------------------------------------------------------ the key
def _requests(token: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", "/api/state", None),
        ("POST", "/api/join", {"name": "Mallory"}),
        ("POST", "/api/note", {"token": token, "text": "sneaky"}),
        ("POST", "/api/vote", {"token": token, "card_id": TOUCH_CARD}),
        ("POST", "/api/unvote", {"token": token, "card_id": TOUCH_CARD}),
    ]


@pytest.mark.parametrize("key", [None, "", "wrong", KEY[:-1] + "0", KEY + "x", KEY.upper(), 12345, [KEY]])
def test_every_api_request_without_the_right_key_is_403_and_changes_nothing(phones, key):
    token = phones.join()
    phones.open_vote()
    assert phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})[0] == 200
    before, version, people = phones.snapshot(), phones.desk.version, len(phones.desk.roster)
    for method, path, payload in _requests(token):
        if method == "GET":
            target = path + f"?participant={token}" + ("" if key is None else f"&key={key}")
            status, data = phones.get(target)
        else:
            body = dict(payload)
            if key is not None:
                body["key"] = key
            status, kind, raw = phones.desk.respond("POST", path + f"?key={KEY}", json.dumps(body).encode())
            data = json.loads(raw)
        assert status == 403, (path, data)
        assert "key" in data["error"]
    assert phones.snapshot() == before
    assert phones.desk.version == version
    assert len(phones.desk.roster) == people


# ------------------------------------------------------------------ joining
def test_join_hands_out_a_random_token_and_same_names_stay_distinct(phones):
    names = [phones.post("/api/join", {"name": n})[1] for n in ("Ana", "Ana", "  ana ", "Bo", "Ana (2)")]
    assert [n["name"] for n in names] == ["Ana", "Ana (2)", "ana (3)", "Bo", "Ana (2) (2)"]
    tokens = {n["token"] for n in names}
    assert len(tokens) == 5 and all(len(t) >= 32 for t in tokens)
    assert phones.state(names[1]["token"])["me"]["name"] == "Ana (2)"


@pytest.mark.parametrize(
    ("name", "status"),
    [("", 400), ("   ", 400), (None, 400), (42, 400), ("x" * 61, 413), ("bad\x00name", 400)],
)
def test_join_refuses_a_bad_name(phones, name, status):
    code, data = phones.post("/api/join", {"name": name})
    assert code == status and data["error"]
    assert len(phones.desk.roster) == 0


def test_the_201st_participant_is_refused(phones):
    for i in range(MAX_PARTICIPANTS):
        phones.join(f"P{i}")
    status, data = phones.post("/api/join", {"name": "One too many"})
    assert status == 403
    assert "full" in data["error"] and str(MAX_PARTICIPANTS) in data["error"]
    assert len(phones.desk.roster) == MAX_PARTICIPANTS


def test_an_unknown_token_is_told_to_join_again(phones):
    phones.join()
    for path, extra in (("/api/note", {"text": "hi"}), ("/api/vote", {"card_id": TOUCH_CARD})):
        status, data = phones.post(path, {"token": "not-a-token", **extra})
        assert status == 401 and "join again" in data["error"]
    status, data = phones.get(f"/api/state?key={KEY}&participant=nobody")
    assert status == 401


# ------------------------------------------------------------------ notes
def test_a_note_lands_in_a_new_inbox_lane_in_the_first_stage_then_reuses_it(phones):
    token = phones.join()
    lanes_before = len(phones.doc.map.lanes)
    status, data = phones.note(token, "<b>Waiting</b> too long\nat the desk, 20 min")
    assert status == 201
    inbox = phones.doc.get(Entity.LANE, data["lane_id"])
    assert (inbox.name, inbox.type) == (INBOX_LANE, LaneType.TEXT)
    assert phones.doc.map.lanes[-1] is inbox and len(phones.doc.map.lanes) == lanes_before + 1
    card = phones.doc.card(data["card_id"])
    assert (card.stage_id, card.lane_id) == ("s0", inbox.id)
    assert (card.title, card.body) == ("<b>Waiting</b> too long", "at the desk, 20 min")
    assert card.kind == CardKind.NOTE
    assert "Ana" in card.notes
    status, second = phones.note(token, "Second", stage_id="s2")
    assert status == 201 and second["lane_id"] == inbox.id and second["stage_id"] == "s2"
    assert len(phones.doc.map.lanes) == lanes_before + 1
    assert [c.title for c in phones.doc.cell_cards("s0", inbox.id)] == ["<b>Waiting</b> too long"]


def test_a_note_lands_in_the_chosen_cell_or_the_chosen_lane_of_the_first_stage(phones):
    token = phones.join()
    status, data = phones.note(token, "Chosen cell", stage_id="s1", lane_id=TOUCH)
    assert status == 201 and (data["stage_id"], data["lane_id"]) == ("s1", TOUCH)
    assert phones.doc.cell_cards("s1", TOUCH)[-1].title == "Chosen cell"
    assert phones.doc.cell_cards("s1", TOUCH)[-1].kind == CardKind.TOUCHPOINT  # the lane's kind, as "add card here"
    status, data = phones.note(token, "Lane only", lane_id="l-act")
    assert (data["stage_id"], data["lane_id"]) == ("s0", "l-act")
    assert phones.doc.card(data["card_id"]).kind == CardKind.ACTION
    assert all(ln.name != INBOX_LANE for ln in phones.doc.map.lanes)


def test_a_note_is_one_notification_and_one_bridge_transaction_seen_by_another_peer(phones):
    host_ydoc = map_to_doc(phones.doc.map)
    updates: list[bytes] = []
    bridge = Bridge(phones.doc, host_ydoc)
    bridge.on_update = updates.append
    batches: list[list] = []
    phones.doc.subscribe(batches.append)
    other = Doc()
    other.apply_update(host_ydoc.get_update())
    token = phones.join()
    phones.note(token, "Seen everywhere")
    phones.open_vote()
    phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})
    assert len(batches) == 3  # note (lane + card), the vote, the dot (ballot + dot)
    for update in updates:
        other.apply_update(update)
    seen = doc_to_map(other)
    assert "Seen everywhere" in [c.title for c in seen.cards]
    assert [b.card_ids for b in seen.vote.ballots if b.voter == "Ana"] == [[TOUCH_CARD]]
    bridge.close()


@pytest.mark.parametrize(
    ("where", "status"),
    [
        ({"stage_id": "nope"}, 400),
        ({"lane_id": "nope"}, 400),
        ({"stage_id": 3}, 400),
        ({"lane_id": ["l-act"]}, 400),
    ],
)
def test_a_note_for_a_place_that_is_not_there_is_refused(phones, where, status):
    token = phones.join()
    before = phones.snapshot()
    code, data = phones.note(token, "Where?", **where)
    assert code == status and data["error"]
    assert phones.snapshot() == before


def test_a_note_in_a_hidden_lane_is_refused_and_hidden_lanes_are_not_offered(phones):
    token = phones.join()
    run(phones.doc, Edit(Entity.LANE, "l-back", {"hidden": True}))
    assert "l-back" not in [ln["id"] for ln in phones.state(token)["map"]["lanes"]]
    before = phones.snapshot()
    assert phones.note(token, "Hidden?", lane_id="l-back")[0] == 400
    assert phones.snapshot() == before


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("", 400, "empty"),
        ("  \n ", 400, "empty"),
        (None, 400, "text"),
        ({"html": "<b>"}, 400, "text"),
        ("x" * (MAX_LONG_TEXT + 1), 413, "10,000"),
        ("bell\x07", 400, "U+0007"),
        ("x" * (MAX_BODY + 1), 413, "too"),
    ],
)
def test_a_note_outside_the_card_limits_is_refused_with_a_clear_message(phones, text, status, words):
    token = phones.join()
    before = phones.snapshot()
    code, kind, raw = phones.desk.respond(
        "POST", "/api/note", json.dumps({"key": KEY, "token": token, "text": text}).encode()
    )
    assert code == status
    assert words in json.loads(raw)["error"]
    assert phones.snapshot() == before


def test_a_note_at_the_limit_is_kept_whole(phones):
    token = phones.join()
    long_line = "y" * 250
    status, data = phones.note(token, long_line + "\n" + "z" * (MAX_LONG_TEXT - 251))
    assert status == 201
    card = phones.doc.card(data["card_id"])
    assert card.title == "" and len(card.body) == MAX_LONG_TEXT  # a first line too long for a title
    status, data = phones.note(token, "t" * 200)
    assert phones.doc.card(data["card_id"]).title == "t" * 200


def test_at_most_60_notes_a_minute_per_participant(phones):
    ana, bo = phones.join("Ana"), phones.join("Bo")
    for i in range(NOTES_PER_MINUTE):
        phones.clock.now += 0.5
        assert phones.note(ana, f"note {i}")[0] == 201
    cards = len(phones.doc.map.cards)
    status, data = phones.note(ana, "one too many")
    assert status == 429 and "60 notes a minute" in data["error"]
    assert len(phones.doc.map.cards) == cards
    assert phones.note(bo, "Bo is not limited by Ana")[0] == 201
    phones.clock.now = 1000.5 + 60  # Ana's first note is now 60 s old, her second 59.5 s
    assert phones.note(ana, "room again")[0] == 201
    assert phones.note(ana, "but only for one")[0] == 429


def test_at_most_120_dots_a_minute_per_participant(phones):
    token = phones.join()
    phones.open_vote(budget=1)
    for i in range(DOTS_PER_MINUTE // 2):
        phones.clock.now += 0.1
        assert phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})[0] == 200, i
        assert phones.post("/api/unvote", {"token": token, "card_id": TOUCH_CARD})[0] == 200, i
    before = phones.snapshot()
    status, data = phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})
    assert status == 429 and "120 dots a minute" in data["error"]
    assert phones.snapshot() == before
    phones.clock.now += 60
    assert phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})[0] == 200


def test_a_refused_note_does_not_count_against_the_rate(phones):
    token = phones.join()
    for _ in range(NOTES_PER_MINUTE + 5):
        assert phones.note(token, "x" * (MAX_LONG_TEXT + 1))[0] == 413
    assert phones.note(token, "still allowed")[0] == 201


# ------------------------------------------------------------------ votes
def test_dots_follow_the_facilitators_budget_and_can_be_taken_back(phones):
    token = phones.join()
    assert phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD}) == (
        409, {"error": "No vote is open right now.", "code": "no_vote"})
    phones.open_vote(budget=3)
    assert phones.state(token)["me"]["remaining"] == 3
    for n in (2, 1, 0):
        status, data = phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})
        assert status == 200 and data["remaining"] == n
    before = phones.snapshot()
    status, data = phones.post("/api/vote", {"token": token, "card_id": "c-s1-l-touch-0"})
    assert (status, data["code"]) == (409, "budget_spent")
    assert phones.snapshot() == before
    assert tallies(phones.doc) == {TOUCH_CARD: 3}
    status, data = phones.post("/api/unvote", {"token": token, "card_id": TOUCH_CARD})
    assert status == 200 and data == {"name": "Ana", "remaining": 1, "dots": {TOUCH_CARD: 2}}
    status, data = phones.post("/api/unvote", {"token": token, "card_id": "c-s1-l-touch-0"})
    assert (status, data["code"]) == (409, "no_dot")
    assert phones.post("/api/vote", {"token": token, "card_id": "c-s1-l-touch-0"})[0] == 200
    assert phones.state(token)["me"]["dots"] == {TOUCH_CARD: 2, "c-s1-l-touch-0": 1}


def test_the_budget_is_the_open_votes_and_a_lane_vote_refuses_other_cards(phones):
    token = phones.join()
    phones.open_vote(budget=5, lane=TOUCH)
    state = phones.state(token)
    assert state["vote"]["budget"] == 5 and state["me"]["remaining"] == 5
    assert {c["lane_id"] for c in state["map"]["cards"]} == {TOUCH}
    assert {c["id"] for c in state["map"]["cards"]} == {c.id for c in phones.doc.map.cards if c.lane_id == TOUCH}
    before = phones.snapshot()
    for card, code in (("c-s0-l-act-0", "out_of_scope"), ("gone", "no_card")):
        status, data = phones.post("/api/vote", {"token": token, "card_id": card})
        assert (status, data["code"]) == (409, code)
    assert phones.snapshot() == before  # no empty ballot left behind by a refused first dot
    assert phones.post("/api/vote", {"token": token})[0] == 400


def test_two_participants_called_ana_are_two_voters(phones):
    first, second = phones.join("Ana"), phones.join("Ana")
    phones.open_vote(budget=1)
    assert phones.post("/api/vote", {"token": first, "card_id": TOUCH_CARD})[0] == 200
    assert phones.post("/api/vote", {"token": second, "card_id": TOUCH_CARD})[0] == 200
    ballots = {b.voter: b.card_ids for b in phones.doc.map.vote.ballots}
    assert ballots == {"Facilitator": [], "Ana": [TOUCH_CARD], "Ana (2)": [TOUCH_CARD]}
    assert tallies(phones.doc) == {TOUCH_CARD: 2}


def test_a_participant_named_like_a_listed_voter_votes_on_that_ballot(phones):
    token = phones.join("ana")
    phones.open_vote(budget=2, voters=("Ana", "Bo"))
    assert phones.post("/api/vote", {"token": token, "card_id": TOUCH_CARD})[0] == 200
    assert [b.voter for b in phones.doc.map.vote.ballots] == ["Ana", "Bo"]
    assert phones.state(token)["me"] == {"name": "ana", "remaining": 1, "dots": {TOUCH_CARD: 1}}


@pytest.mark.parametrize("hidden", [True, False])
def test_hidden_totals_stay_hidden(phones, hidden):
    ana, bo = phones.join("Ana"), phones.join("Bo")
    phones.open_vote(budget=3, hidden=hidden)
    for _ in range(2):
        phones.post("/api/vote", {"token": bo, "card_id": TOUCH_CARD})
    phones.post("/api/vote", {"token": ana, "card_id": TOUCH_CARD})
    status, kind, raw = phones.desk.respond("GET", f"/api/state?key={KEY}&participant={ana}", b"")
    state = json.loads(raw)
    assert state["vote"]["hidden"] is hidden
    assert state["me"]["dots"] == {TOUCH_CARD: 1}  # own dots are always shown
    assert TOUCH_CARD in [c["id"] for c in state["map"]["cards"]]
    if hidden:
        assert "totals" not in state["vote"] and all(set(c) == {"id", "title", "stage_id", "lane_id"}
                                                      for c in state["map"]["cards"])
        assert b"Bo" not in raw and b"totals" not in raw  # nor anything of Bo's two dots
    else:
        assert state["vote"]["totals"] == {TOUCH_CARD: 3}


# ------------------------------------------------------------------ state
def test_state_lists_the_map_and_skips_a_redraw_when_nothing_changed(phones):
    token = phones.join()
    state = phones.state(token)
    assert state["map"]["title"] == "Test map"
    assert [s["name"] for s in state["map"]["stages"]] == ["Stage 0", "Stage 1", "Stage 2"]
    assert [(ln["id"], ln["type"]) for ln in state["map"]["lanes"]][:2] == [("l-act", "actions"),
                                                                            ("l-feel", "feelings")]
    assert state["map"]["cards"] == []  # no vote open: nothing to vote on
    assert state["vote"] is None and state["me"] == {"name": "Ana", "remaining": 0, "dots": {}}
    assert phones.get(f"/api/state?key={KEY}&participant={token}&since={state['version']}") == (
        200, {"version": state["version"], "unchanged": True})
    run(phones.doc, Edit(Entity.MAP, "", {"title": "Renamed"}))
    fresh = phones.get(f"/api/state?key={KEY}&participant={token}&since={state['version']}")[1]
    assert fresh["version"] > state["version"] and fresh["map"]["title"] == "Renamed"
    assert phones.state()["me"] is None  # before joining: the map only


def test_a_dot_does_not_resend_the_map_part(phones):
    ana, bo = phones.join("Ana"), phones.join("Bo")
    base = f"/api/state?key={KEY}&participant={ana}"
    first = phones.get(base)[1]
    assert first["map"]["cards"] == []
    phones.open_vote(lane=TOUCH)  # the cards to vote on change: the map part comes again
    opened = phones.get(base + f"&layout={first['layout']}")[1]
    assert opened["layout"] != first["layout"] and len(opened["map"]["cards"]) == 6
    phones.post("/api/vote", {"token": bo, "card_id": TOUCH_CARD})
    dotted = phones.get(base + f"&since={opened['version']}&layout={opened['layout']}")[1]
    assert dotted["version"] > opened["version"] and dotted["layout"] == opened["layout"]
    assert "map" not in dotted and dotted["vote"]["totals"] == {TOUCH_CARD: 1}
    run(phones.doc, Edit(Entity.CARD, TOUCH_CARD, {"title": "Renamed card"}))
    edited = phones.get(base + f"&since={dotted['version']}&layout={dotted['layout']}")[1]
    assert edited["layout"] != dotted["layout"]
    assert "Renamed card" in [c["title"] for c in edited["map"]["cards"]]


def test_html_in_a_note_stays_text_in_the_state(phones):
    token = phones.join("<script>alert(1)</script>")
    attack = "<img src=x onerror=alert(1)>"
    status, data = phones.note(token, attack, lane_id=TOUCH)
    phones.open_vote(lane=TOUCH)
    status, kind, raw = phones.desk.respond("GET", f"/api/state?key={KEY}&participant={token}", b"")
    assert kind == "application/json; charset=utf-8"
    state = json.loads(raw)
    assert attack in [c["title"] for c in state["map"]["cards"]]
    assert state["me"]["name"] == "<script>alert(1)</script>"


# ------------------------------------------------------------------ malformed requests
@pytest.mark.parametrize(
    ("method", "target", "body", "status"),
    [
        ("POST", "/api/join", b"{not json", 400),
        ("POST", "/api/join", b"[1, 2]", 400),
        ("POST", "/api/join", b"\xff\xfe", 400),
        ("POST", "/api/join", b"", 400),
        ("POST", "/api/join", b"[" * 100_000, 413),
        ("POST", "/api/join", b'{"key": "' + b"k" * MAX_BODY + b'"}', 413),
        ("POST", "/api/join", b"[" * 30_000 + b"]" * 30_000, 400),
        ("GET", "/api/nothing", b"", 404),
        ("POST", "/api/nothing", b"{}", 404),
        ("GET", "/nothing", b"", 404),
        ("GET", "/api/join", b"", 405),
        ("POST", "/api/state", b"{}", 405),
        ("DELETE", "/", b"", 405),
        ("BREW", "/api/note", b"{}", 405),
        ("GET", "/api/state?" + "&".join(f"a{i}=1" for i in range(50)), b"", 400),
        ("GET", "/" + "a" * 5000, b"", 414),
    ],
)
def test_malformed_requests_get_a_clear_answer_and_change_nothing(phones, method, target, body, status):
    before = phones.snapshot()
    code, kind, raw = phones.desk.respond(method, target, body)
    assert code == status
    assert json.loads(raw)["error"]
    assert phones.snapshot() == before


def test_respond_never_raises(phones, monkeypatch):
    rng = random.Random(12)
    token = phones.join()
    paths = ["/", "/api/state", "/api/join", "/api/note", "/api/vote", "/api/unvote", "/static/app.js", ""]
    for _ in range(400):
        payload = rng.choice([
            bytes(rng.randrange(256) for _ in range(rng.randrange(40))),
            json.dumps({"key": KEY, "token": rng.choice([token, 7, None]),
                        "text": rng.choice(["a", 3, [], None]), "card_id": rng.choice([TOUCH_CARD, {}, 1]),
                        "stage_id": rng.choice(["s1", 0, None, "zz"]), "name": rng.choice(["Zed", 1])}).encode(),
        ])
        query = rng.choice(["", f"?key={KEY}", f"?key={KEY}&participant={token}&since=x", "?%zz"])
        status, kind, body = phones.desk.respond(rng.choice(["GET", "POST", "PUT", "get"]),
                                                 rng.choice(paths) + query, payload)
        assert 200 <= status < 500 and isinstance(body, bytes)
    monkeypatch.setattr(PhoneDesk, "_state", lambda *a: 1 / 0)
    status, kind, body = phones.desk.respond("GET", f"/api/state?key={KEY}", b"")
    assert status == 500 and "went wrong" in json.loads(body)["error"]


def test_close_stops_following_the_document(phones):
    version = phones.desk.version
    run(phones.doc, Edit(Entity.MAP, "", {"title": "A"}))
    assert phones.desk.version == version + 1
    phones.desk.close()
    run(phones.doc, Edit(Entity.MAP, "", {"title": "B"}))
    assert phones.desk.version == version + 1


def test_the_page_folder_is_shipped_beside_the_other_resources():
    assert PAGE_DIR == Path(__file__).resolve().parents[1] / "resources" / "room"
    assert {p.name for p in PAGE_DIR.iterdir()} >= {"index.html", "app.js", "style.css"}
