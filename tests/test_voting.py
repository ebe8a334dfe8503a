"""Dot voting in the editor (issue 11, item 3), through real events: Workshop > Open Vote… and
its dialog, clicks on the canvas's cards, the Vote dock (voter picker, next voter, ranked list,
close), undo, hidden counts, and the counts drawn on the cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.io.jsonfile import load_map
from app.io.templates import example_path
from app.model.events import Entity
from app.widgets.workshop.vote_dialog import OpenVoteDialog
from tests.main_window_support import Windows
from tests.model_factory import small_map

LEFT = Qt.MouseButton.LeftButton
TOUCH = "l-touch"


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


def fill_dialog(qtbot, window, *, lane=TOUCH, budget=2, personas=(), names=(), hidden=False, problems=None):
    """Trigger Workshop > Open Vote… and fill its dialog through its widgets; OK is clicked.
    ``problems`` (a list) collects the dialog's complaint after a first click on OK, which is
    then fixed by typing the names."""
    failures = []

    def answer():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, OpenVoteDialog)
            dialog.scope.setCurrentIndex(dialog.scope.findData(lane))
            dialog.budget.selectAll()
            qtbot.keyClicks(dialog.budget, str(budget))
            for row in personas:
                dialog.personas.setFocus()
                dialog.personas.setCurrentRow(row)
                qtbot.keyClick(dialog.personas, Qt.Key.Key_Space)
            if hidden:
                qtbot.mouseClick(dialog.hidden, LEFT)
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            if problems is not None:
                qtbot.mouseClick(ok, LEFT)
                problems.append(dialog.problem.text())
                assert dialog.isVisible()
            for k, name in enumerate(names):
                qtbot.keyClicks(dialog.names, name)
                if k < len(names) - 1:
                    qtbot.keyClick(dialog.names, Qt.Key.Key_Return)
            qtbot.mouseClick(ok, LEFT)
            if dialog.isVisible():  # refused: say why, and give up
                if problems is not None:
                    problems.append(dialog.problem.text())
                dialog.reject()
        except BaseException as err:  # noqa: BLE001 - reported after the dialog is gone
            failures.append(err)
            dialog.reject()

    QTimer.singleShot(0, answer)
    window.actions_by_name["vote_open"].trigger()
    if failures:
        raise failures[0]


def click_card(qtbot, window, card_id: str) -> None:
    item = window.scene.card_item(card_id)
    window.view.ensureVisible(item, 40, 40)
    r = item.sceneBoundingRect()
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=window.view.mapFromScene(r.center()))


def status(window) -> str:
    return window.statusBar().currentMessage()


def panel(window):
    return window.workshop.vote_dock.widget()


def badge_counts(window) -> dict[str, int | None]:
    marks = window.workshop.voting.marks
    return {cid: b.shown_count for cid, b in marks.badges.items()}


def test_a_vote_on_one_lane_with_two_voters_budget_scope_undo_and_close(windows, qtbot):
    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=2, personas=(0, 1))  # Ana and Bo, the personas
    vote = window.doc.map.vote
    assert vote is not None and vote.lane_id == TOUCH and vote.budget == 2
    assert [b.voter for b in vote.ballots] == ["Ana", "Bo"]
    assert window.workshop.vote_dock.isVisible()
    p = panel(window)
    assert p.voters.currentData() == "Ana"

    click_card(qtbot, window, "c-s0-l-touch-0")
    click_card(qtbot, window, "c-s0-l-touch-0")  # a second dot on the same card
    assert "Ana has used every dot" in status(window)
    click_card(qtbot, window, "c-s1-l-touch-0")  # budget spent: refused, said why
    assert "Ana has used all 2 dots" in status(window)
    assert [b.card_ids for b in window.doc.map.vote.ballots] == [["c-s0-l-touch-0"] * 2, []]

    qtbot.mouseClick(p.next_button, LEFT)  # Bo's turn
    assert window.workshop.voting.voter == "Bo" and p.voters.currentData() == "Bo"
    click_card(qtbot, window, "c-s0-l-act-0")  # not in the vote's lane: nothing but a reason
    assert "not part of the vote" in status(window) and "Touchpoints" in status(window)
    assert window.doc.map.vote.ballots[1].card_ids == []
    assert not window.selection.items()  # the click did not select the card either
    click_card(qtbot, window, "c-s2-l-touch-1")
    click_card(qtbot, window, "c-s1-l-touch-0")
    qtbot.waitUntil(lambda: badge_counts(window).get("c-s1-l-touch-0") == 1)
    assert badge_counts(window)["c-s0-l-touch-0"] == 2
    assert p.rows()[:3] == [("Card 0 in Stage 0", 2), ("Card 0 in Stage 1", 1), ("Card 1 in Stage 2", 1)]

    window.session.undo_stack.undo()  # one dot back
    assert window.doc.map.vote.ballots[1].card_ids == ["c-s2-l-touch-1"]
    qtbot.waitUntil(lambda: badge_counts(window).get("c-s1-l-touch-0") is None)
    assert p.rows()[1] == ("Card 1 in Stage 2", 1)
    click_card(qtbot, window, "c-s2-l-touch-1")  # Bo's second dot, on the same card
    qtbot.mouseClick(p.next_button, LEFT)  # nobody has dots left: the turn stays, and why
    assert window.workshop.voting.voter == "Bo" and "Every voter has used every dot" in status(window)

    qtbot.mouseClick(p.close_button, LEFT)
    assert window.doc.map.vote is None
    votes = {c.id: c.votes for c in window.doc.map.cards if c.lane_id == TOUCH}
    assert votes["c-s0-l-touch-0"] == 2 and votes["c-s2-l-touch-1"] == 2 and sum(votes.values()) == 4
    assert window.session.undo_stack.undoText() == "Close vote"
    assert p.heading.text() == "Result of the last vote:" and p.rows()[0][1] == 2
    assert not badge_counts(window)  # the cards show their votes themselves now
    click_card(qtbot, window, "c-s0-l-touch-0")  # no vote: a click selects again
    assert window.selection.items()
    window.session.undo_stack.undo()  # the vote is back, the cards as before
    assert window.doc.map.vote is not None and window.doc.card("c-s0-l-touch-0").votes == 0


def test_hidden_counts_show_no_numbers_until_the_vote_closes(windows, qtbot):
    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=3, names=("Carla", "Dev"), hidden=True)
    vote = window.doc.map.vote
    assert vote.hidden and [b.voter for b in vote.ballots] == ["Carla", "Dev"]
    click_card(qtbot, window, "c-s0-l-touch-1")
    click_card(qtbot, window, "c-s0-l-touch-1")
    qtbot.waitUntil(lambda: "c-s0-l-touch-1" in badge_counts(window))
    assert set(badge_counts(window).values()) == {None}  # badges on every card of the vote, no count
    p = panel(window)
    assert p.rows() == [] and "hidden" in p.heading.text()
    assert p.voters.itemText(0) == "Carla (1 of 3 left)"
    qtbot.mouseClick(p.close_button, LEFT)
    assert window.doc.card("c-s0-l-touch-1").votes == 2
    assert p.rows()[0] == ("Card 1 in Stage 0", 2)


def test_the_dialog_refuses_no_voters_and_a_name_twice(windows, qtbot):
    window = windows.make(small_map())
    problems: list[str] = []
    fill_dialog(qtbot, window, lane=None, budget=1, names=("Eve", "eve "), problems=problems)
    assert "Name at least one voter" in problems[0]
    assert "named twice" in problems[1]
    assert window.doc.map.vote is None
    problems = []
    fill_dialog(qtbot, window, lane=None, budget=2, names=("Eve",), problems=problems)
    assert len(problems) == 1  # the first click on OK only
    vote = window.doc.map.vote
    assert vote.lane_id is None and [b.voter for b in vote.ballots] == ["Eve"]
    click_card(qtbot, window, "c-s0-l-act-0")  # all cards take part
    assert window.doc.map.vote.ballots[0].card_ids == ["c-s0-l-act-0"]
    acts = window.actions_by_name
    acts["vote_open"].trigger()  # one vote at a time: no dialog, a reason
    assert "open already" in status(window)
    window.selection.set([(Entity.CARD, "c-s1-l-back-0")])
    acts["vote_dot"].trigger()  # the keyboard's way: a dot on the selected card
    assert window.doc.map.vote.ballots[0].card_ids == ["c-s0-l-act-0", "c-s1-l-back-0"]
    acts["vote_discard"].trigger()  # ends the vote, the cards untouched
    assert window.doc.map.vote is None and window.doc.card("c-s0-l-act-0").votes == 0
    for name in ("vote_dot", "vote_next", "vote_close", "vote_discard"):
        acts[name].trigger()
        assert "No vote is open" in status(window), name


def dot_centre_colour(window, card_id: str, table: str):
    """The colour drawn at the centre of the vote dot of ``card_id``'s badge in the vote marks'
    ``table`` ("badges": this vote's, "earlier": a total of earlier votes), as the view shows it."""
    badge = getattr(window.workshop.voting.marks, table)[card_id]
    window.view.ensureVisible(badge.parentItem(), 40, 40)
    QApplication.processEvents()
    circle = badge._mark.shapes[0]
    centre = badge.mapToScene(QPointF(*circle.points[0]))
    return window.view.viewport().grab().toImage().pixelColor(window.view.mapFromScene(centre))


def test_totals_of_earlier_votes_do_not_look_like_dots_of_the_vote(windows, qtbot):
    """Cards outside the vote that carry totals of earlier votes show them as a ring with the
    count in the muted colour, not as the filled dots of the vote going on; closing the vote
    gives them their usual look back."""
    m = small_map()
    for c in m.cards:
        if c.id in ("c-s0-l-act-0", "c-s0-l-touch-1"):
            c.votes = 5  # an earlier vote's totals: one outside the next vote's lane, one in it
    window = windows.make(m)
    fill_dialog(qtbot, window, lane=TOUCH, budget=2, personas=(0,))
    marks = window.workshop.voting.marks
    qtbot.waitUntil(lambda: "c-s0-l-act-0" in marks.earlier)
    assert set(marks.earlier) == {"c-s0-l-act-0"}  # the card in the vote shows this vote's count
    assert marks.earlier["c-s0-l-act-0"].shown_count == 5 and marks.earlier["c-s0-l-act-0"].earlier
    click_card(qtbot, window, "c-s1-l-touch-0")
    qtbot.waitUntil(lambda: badge_counts(window).get("c-s1-l-touch-0") == 1)
    fill = QColor(window.scene.theme.card_fill(window.doc.card("c-s0-l-act-0")))
    earlier = dot_centre_colour(window, "c-s0-l-act-0", "earlier")
    live = dot_centre_colour(window, "c-s1-l-touch-0", "badges")
    assert earlier.lightness() > live.lightness() + 100  # a ring, not a filled dot
    assert abs(earlier.lightness() - fill.lightness()) < 12
    window.session.undo_stack.undo()  # the dot back: the earlier total stays as it was
    qtbot.waitUntil(lambda: "c-s1-l-touch-0" not in {k for k, v in badge_counts(window).items() if v})
    assert marks.earlier["c-s0-l-act-0"].shown_count == 5
    qtbot.mouseClick(panel(window).close_button, LEFT)
    qtbot.waitUntil(lambda: not marks.earlier)  # no vote: every card shows its own total
    assert not badge_counts(window)


def test_a_vote_survives_saving_and_reopening(windows, qtbot, tmp_path):
    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=2, personas=(1,))
    click_card(qtbot, window, "c-s1-l-touch-1")
    path = tmp_path / "vote.journey.json"
    assert window.session.save_as(path)
    window.close()  # lets go of the file's lock
    again = windows.make(path=path)  # File > Open of the saved file in a new window
    assert again.doc.map.vote.ballots[0].card_ids == ["c-s1-l-touch-1"]
    assert again.workshop.voting.voter == "Bo"
    qtbot.waitUntil(lambda: badge_counts(again).get("c-s1-l-touch-1") == 1)


def test_screenshot_of_a_vote_in_progress_on_the_example_map(windows, qtbot, tmp_path):
    import os
    from pathlib import Path

    window = windows.make(load_map(example_path()), size=(1600, 1000))
    fill_dialog(qtbot, window, lane="ln-pain", budget=3, personas=(0, 1), names=("Team lead",))
    pains = [c.id for c in window.doc.map.cards if c.lane_id == "ln-pain"]
    for voter_cards in ((0, 1, 1), (1, 3, 4), (1,)):
        for k in voter_cards:
            click_card(qtbot, window, pains[k])
        qtbot.mouseClick(panel(window).next_button, LEFT)
    qtbot.waitUntil(lambda: badge_counts(window).get(pains[1]) == 4)
    assert panel(window).rows()[0][1] == 4
    window.view.zoom_actual()
    window.view.centerOn(window.scene.card_item(pains[2]))
    window.resizeDocks([window.workshop.vote_dock], [420], Qt.Orientation.Vertical)
    QApplication.processEvents()
    shot = window.grab()
    assert not shot.isNull()
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")  # where to keep the picture, when asked
    out = Path(folder) / "vote.png" if folder else tmp_path / "vote.png"
    assert shot.save(str(out))


@pytest.mark.usefixtures("session_test_paths")
def test_an_open_vote_is_recovered_after_a_crash(tmp_path):
    from app.model.voting import cast_dot, open_vote
    from app.widgets.files.prompts import Choice
    from tests.session_support import FakePrompter, new_session, write_map

    path = write_map(tmp_path / "plan.journey.json")
    s = new_session(tmp_path)
    assert s.open(path)
    s.push(open_vote(s.doc, ["Ana", "Bo"], 2, TOUCH, hidden=True))
    s.push(cast_dot(s.doc, "Ana", "c-s0-l-touch-0"))
    assert s.autosave_now()
    s.shutdown()  # gone without saving, as after a crash
    again = new_session(tmp_path, FakePrompter(recover=Choice.RESTORE))
    assert again.offer_recovery() == 1
    vote = again.doc.map.vote
    assert vote.hidden and [b.card_ids for b in vote.ballots] == [["c-s0-l-touch-0"], []]


def test_a_quick_double_click_is_two_dots_not_the_text_editor(windows, qtbot):
    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=3, names=("Eve",))
    item = window.scene.card_item("c-s1-l-touch-0")
    window.view.ensureVisible(item, 40, 40)
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    # as a platform delivers a double click: press and release, then the double-click event
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=pos)
    qtbot.mouseDClick(window.view.viewport(), LEFT, pos=pos)
    assert window.doc.map.vote.ballots[0].card_ids == ["c-s1-l-touch-0"] * 2
    assert not window.card_actions.editor.active  # no text editor opened


def test_a_long_ranking_lists_its_top_rows_and_says_how_many_more(windows, qtbot, monkeypatch):
    from app.widgets.workshop import vote_panel

    monkeypatch.setattr(vote_panel, "MAX_ROWS", 4)
    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=2, names=("Eve",))
    click_card(qtbot, window, "c-s2-l-touch-1")
    p = panel(window)
    assert p.rows()[0] == ("Card 1 in Stage 2", 1) and len(p.rows()) == 4
    assert p.more.text().startswith("2 more cards")  # 6 cards in the lane


def test_voting_while_presenting_keys_and_reasons_over_the_map(windows, qtbot):
    from PySide6.QtWidgets import QToolTip

    from tests.main_window_support import activate, press

    window = windows.make(small_map())
    fill_dialog(qtbot, window, lane=TOUCH, budget=1, personas=(0, 1))
    activate(qtbot, window)  # the dialog is gone: the window has the keys again
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.view.viewport().size() == window.screen().geometry().size())
    assert not window.statusBar().isVisible()
    click_card(qtbot, window, "c-s0-l-act-0")  # outside the vote: the reason over the map
    qtbot.waitUntil(lambda: "not part of the vote" in QToolTip.text())
    click_card(qtbot, window, "c-s0-l-touch-0")
    press(qtbot, window, "Ctrl+Shift+N")  # the next voter by keyboard, the menu hidden
    assert window.workshop.voting.voter == "Bo"
    window.selection.set([(Entity.CARD, "c-s1-l-touch-0")])
    press(qtbot, window, "Ctrl+Shift+D")
    assert [b.card_ids for b in window.doc.map.vote.ballots] == [["c-s0-l-touch-0"], ["c-s1-l-touch-0"]]
    assert "Bo has used every dot" in QToolTip.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
