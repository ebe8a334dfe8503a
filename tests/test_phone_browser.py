"""The participants' phone page in a real browser (issue 12): Debian's chromium, headless, driven by
selenium, against a real room host (app.room.host.RoomHost) on 127.0.0.1.

Join, add notes (they land in the host's Document), dot-vote within the facilitator's budget (the
4th dot is refused with 0 left shown), a note whose text is HTML shows as text, a wrong key is
told, and a host that goes away shows "Reconnecting…"."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.io.jsonfile import dumps_map
from app.model.commands import run
from app.model.schema import LaneType
from app.model.voting import cast_dot, open_vote, tallies
from app.room.host import RoomHost
from app.room.participants import INBOX_LANE
from app.room.phone import PhoneDesk
from tests.model_factory import small_map

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
    pytest.skip("needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                "apt-get install chromium chromium-driver", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extra)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT_S = 15
TOUCH = "l-touch"
ATTACK = "<img src=x onerror=alert(1)>"


class Host:
    """A room host serving a small map in a thread of its own, as `journeymap serve` runs it."""

    def __init__(self, path: Path):
        path.write_text(dumps_map(small_map()), encoding="utf-8")
        self.room = RoomHost(path, bind="127.0.0.1", port=0)
        self.loop: asyncio.AbstractEventLoop | None = None
        started = threading.Event()

        def ready(room: RoomHost) -> None:
            self.loop = asyncio.get_running_loop()
            started.set()

        self.thread = threading.Thread(target=lambda: asyncio.run(self.room.run(ready)), daemon=True)
        self.thread.start()
        assert started.wait(WAIT_S), "the room host did not start"

    def on_loop(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the host's loop thread (the one thread that may touch its Document)."""

        async def call() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(WAIT_S)

    def stop(self) -> None:
        if self.thread.is_alive():
            self.room.stop()
            self.thread.join(WAIT_S)


@pytest.fixture
def host(tmp_path) -> Iterator[Host]:
    running = Host(tmp_path / "room.journey.json")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=390,844", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-default-browser-check", "--metrics-recording-only"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT_S)
    try:
        yield driver
    finally:
        driver.quit()


def until(driver, condition: Callable[[Any], Any], what: str) -> Any:
    return WebDriverWait(driver, WAIT_S, poll_frequency=0.05).until(condition, message=what)


def text_of(driver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def shown(driver, element_id: str) -> bool:
    return driver.find_element(By.ID, element_id).is_displayed()


def join(driver, host: Host, name: str) -> None:
    driver.delete_all_cookies()
    driver.get(host.room.address.url)
    driver.execute_script("window.localStorage.clear()")
    driver.get(host.room.address.url)
    until(driver, lambda d: shown(d, "join"), "the join form")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "join-button").click()
    until(driver, lambda d: shown(d, "note"), "the note form after joining")
    until(driver, lambda d: text_of(d, "who").startswith("You are "), "the first state after joining")


def add_note(driver, text: str, lane: str | None = None) -> None:
    if lane is not None:
        Select(driver.find_element(By.ID, "note-lane")).select_by_visible_text(lane)
    box = driver.find_element(By.ID, "note-text")
    box.clear()
    box.send_keys(text)
    driver.execute_script("document.getElementById('note-message').textContent = ''")
    driver.find_element(By.ID, "note-button").click()
    until(driver, lambda d: text_of(d, "note-message") == "Added to the map.", f"note {text!r} added")


def remaining(driver) -> str:
    return driver.find_element(By.ID, "remaining").get_attribute("data-remaining")


def test_join_add_notes_and_vote_within_the_budget(browser, host):
    doc = host.room.document
    join(browser, host, "Ana")
    assert text_of(browser, "who") == "You are Ana"
    assert text_of(browser, "title") == "Test map"
    assert not shown(browser, "vote")  # no vote open yet

    add_note(browser, "The queue at the desk")
    inbox = host.on_loop(lambda: [(ln.id, ln.type) for ln in doc.map.lanes if ln.name == INBOX_LANE])
    assert [t for _, t in inbox] == [LaneType.TEXT]
    assert host.on_loop(lambda: [c.title for c in doc.cell_cards("s0", inbox[0][0])]) == ["The queue at the desk"]

    Select(browser.find_element(By.ID, "note-stage")).select_by_visible_text("Stage 1")
    add_note(browser, ATTACK, lane="Touchpoints")
    attack_ids = host.on_loop(lambda: [c.id for c in doc.cell_cards("s1", TOUCH) if c.title == ATTACK])
    assert len(attack_ids) == 1

    host.on_loop(lambda: run(doc, open_vote(doc, ["Facilitator"], 3, TOUCH)))
    until(browser, lambda d: shown(d, "vote"), "the vote section once the facilitator opens a vote")
    until(browser, lambda d: remaining(d) == "3", "3 dots to give")
    cards = browser.find_elements(By.CSS_SELECTOR, "#vote-cards button.give")
    in_scope = host.on_loop(lambda: {c.id for c in doc.map.cards if c.lane_id == TOUCH})
    assert {c.get_attribute("data-card") for c in cards} == in_scope

    # the HTML note is text on the page: no image element, no script run
    attack = browser.find_element(By.CSS_SELECTOR, f'button.give[data-card="{attack_ids[0]}"] .card-title')
    assert attack.text == ATTACK
    assert browser.find_elements(By.TAG_NAME, "img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018

    target = f'button.give[data-card="{attack_ids[0]}"]'
    for left in ("2", "1", "0"):
        browser.find_element(By.CSS_SELECTOR, target).click()
        until(browser, lambda d, left=left: remaining(d) == left, f"{left} dots left")
    assert "No dots left (0 of 3)" in text_of(browser, "remaining")
    browser.find_element(By.CSS_SELECTOR, target).click()  # the 4th dot
    until(browser, lambda d: text_of(d, "vote-message") == "You have used all your dots.", "the 4th dot refused")
    assert remaining(browser) == "0"
    assert host.on_loop(lambda: tallies(doc)) == {attack_ids[0]: 3}
    assert host.on_loop(lambda: [b.card_ids for b in doc.map.vote.ballots if b.voter == "Ana"]) == [[attack_ids[0]] * 3]
    own = browser.find_element(By.CSS_SELECTOR, f"{target} .card-dots").text
    assert own == "●●●"

    browser.find_element(By.CSS_SELECTOR, f'button.take[data-card="{attack_ids[0]}"]').click()
    until(browser, lambda d: remaining(d) == "1", "a dot taken back")
    assert host.on_loop(lambda: tallies(doc)) == {attack_ids[0]: 2}


def test_same_name_twice_and_totals_from_others(browser, host):
    doc = host.room.document
    host.on_loop(lambda: run(doc, open_vote(doc, ["Ana"], 2, TOUCH)))
    host.on_loop(lambda: run(doc, cast_dot(doc, "Ana", "c-s0-l-touch-0")))
    join(browser, host, "Ana")
    assert text_of(browser, "who") == "You are Ana"  # the facilitator's voter "Ana" is not a participant
    until(browser, lambda d: remaining(d) == "1", "Ana's ballot: one dot already cast on a laptop")
    total = browser.find_element(By.CSS_SELECTOR, 'button.give[data-card="c-s0-l-touch-0"] .card-total').text
    assert total == "1 dot in all"


def test_a_wrong_key_is_told_and_nothing_can_be_joined(browser, host):
    url = host.room.address.url.replace(host.room.key, "not-the-key")
    browser.get(url)
    until(browser, lambda d: "room key is wrong" in text_of(d, "connection"), "the wrong key told")
    assert not shown(browser, "join") and not shown(browser, "note")


def test_a_phone_the_room_forgot_joins_again_under_its_name(browser, host):
    """A host restarted on the same room (same key, a new roster) answers the old token with 401:
    the page joins again by itself under the name it had, once."""
    join(browser, host, "Dee")
    fresh = host.on_loop(lambda: PhoneDesk(host.room.document, host.room.key))
    old, host.room.desk = host.room.desk, fresh
    host.on_loop(old.close)
    until(browser, lambda d: len(fresh.roster) == 1, "the page joined the new roster")
    assert [p.name for p in fresh.roster] == ["Dee"]
    assert shown(browser, "note") and not shown(browser, "join")
    add_note(browser, "Still here")
    assert host.on_loop(lambda: [c.title for c in host.room.document.map.cards if c.title == "Still here"])


def test_a_page_without_a_key_says_so(browser, host):
    browser.get(host.room.address.url.split("?")[0])
    until(browser, lambda d: "needs the room's link" in text_of(d, "connection"), "the missing key told")
    assert not shown(browser, "join")


def test_a_host_that_goes_away_shows_reconnecting(browser, host):
    join(browser, host, "Bo")
    until(browser, lambda d: not shown(d, "connection"), "connected")
    host.stop()
    until(browser, lambda d: shown(d, "connection") and text_of(d, "connection") == "Reconnecting…",
          "the reconnecting line")


def test_no_request_leaves_the_host(browser, host):
    """Everything the page loads comes from the host: the browser's resource timing lists only
    the host's own origin."""
    join(browser, host, "Cy")
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
        ".concat([location.origin])")
    assert set(origins) == {f"http://127.0.0.1:{host.room.port}"}


def test_a_host_two_editors_and_a_phone_work_together(browser, host):
    """The issue's end-to-end: two joined editors and a participant's page on one room."""
    from app.model.commands import Edit
    from app.model.events import Entity
    from tests.room_support import HeadlessEditor

    editors = [HeadlessEditor(host.room.address.url, name) for name in ("Ana", "Ben")]
    try:
        for e in editors:
            e.join()
        a, b = editors

        def settle(condition: Callable[[], bool], what: str) -> None:
            for _ in range(WAIT_S * 20):
                for e in editors:
                    e.pump(0.02)
                if condition():
                    return
            raise AssertionError(what)

        join(browser, host, "Chiara")
        add_note(browser, "Chiara's note from a phone")
        settle(lambda: all(any(c.title == "Chiara's note from a phone" for c in e.document.map.cards) for e in editors),
               "the phone's note on both laptops")
        a.edit(open_vote(a.document, ["Ana"], 3, TOUCH))  # the facilitator opens a vote on a laptop
        first = next(c.id for c in a.document.map.cards if c.lane_id == TOUCH)
        b.edit(Edit(Entity.CARD, first, {"title": "Renamed by Ben"}))
        settle(lambda: a.document.find(Entity.CARD, first).title == "Renamed by Ben", "Ben's edit on Ana's laptop")
        until(browser, lambda d: shown(d, "vote"), "the laptop's vote on the phone")
        button = f'button.give[data-card="{first}"]'
        until(browser, lambda d: d.find_element(By.CSS_SELECTOR, f"{button} .card-title").text == "Renamed by Ben",
              "Ben's edit on the phone")
        browser.find_element(By.CSS_SELECTOR, button).click()
        until(browser, lambda d: remaining(d) == "2", "a dot given on the phone")
        settle(lambda: all(tallies(e.document) == {first: 1} for e in editors), "the phone's dot on both laptops")
    finally:
        for e in editors:
            e.close()
