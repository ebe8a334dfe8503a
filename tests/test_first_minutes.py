"""Issue 9: friction a new user met in the first five minutes, each through real events."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from app.model.commands import Edit, Insert
from app.model.events import Entity
from tests.test_main_window_support import Windows


def toolbar_geometry(window) -> dict[str, tuple[int, int, int, int]]:
    bar = window.findChild(QToolBar, "mainToolbar")
    out = {}
    for act in bar.actions():
        button = bar.widgetForAction(act)
        if isinstance(button, QToolButton):
            g = button.geometry()
            out[act.iconText()] = (g.x(), g.y(), g.width(), g.height())
    return out


def test_undo_and_redo_keep_their_toolbar_buttons_still(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(path=Windows(qtbot, tmp_path).copy_example())
    before = toolbar_geometry(window)
    assert "Undo" in before and "Redo" in before
    label = "Rename the map to something long enough to push every other button away"
    window.session.push(Edit(Entity.MAP, "", {"title": "Another title"}, label=label))
    qtbot.wait(20)
    assert toolbar_geometry(window) == before
    undo = window.actions_by_name["undo"]
    assert undo.text() == f"&Undo {label}"  # the Edit menu says what will be undone
    assert label in undo.toolTip()  # and so does the button's tooltip
    undo.trigger()
    qtbot.wait(20)
    assert toolbar_geometry(window) == before
    assert label in window.actions_by_name["redo"].toolTip()


def test_the_status_bar_counts_in_words(qtbot, tmp_path):
    from app.model.schema import Card, Lane, LaneType, Map, Stage

    m = Map(stages=[Stage(id="s", name="Buy")], lanes=[Lane(id="l", name="Do", type=LaneType.ACTIONS)],
            cards=[Card(id="c", stage_id="s", lane_id="l", title="Pay")])  # fmt: skip
    window = Windows(qtbot, tmp_path).make(m)
    assert window.counts_label.text() == "1 stage · 1 lane · 1 card · 0 links"
    window.session.push(Insert(Entity.CARD, Card(id="c2", stage_id="s", lane_id="l", title="Wait", order=2)))
    assert window.counts_label.text() == "1 stage · 1 lane · 2 cards · 0 links"
