"""Stage metrics edited in the inspector through its real widgets (the list, Add…, Edit…, Remove
and the metric dialog): each change is one undo step, shows in the stage header on the canvas,
and undo restores it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import StageMetric
from app.widgets.docks.inspector.metrics import metric_text, parse_number
from app.widgets.undo import push
from tests.main_window_support import Windows
from tests.model_factory import small_map


@pytest.fixture
def window(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(small_map())
    window.docks.show_inspector()
    return window


def header_metrics(window, stage_id: str) -> list[str]:
    """The metric line of the stage's header item on the canvas."""
    return [line.text for line in window.scene.stage_items[stage_id].lines if line.role == "metric"]


def metrics_of(window, stage_id: str):
    window.selection.set([(Entity.STAGE, stage_id)])
    section = window.docks.inspector.metrics
    assert section is not None and section.isVisible() and section.stage_id == stage_id
    return section


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    QTest.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def open_dialog(qtbot, section, button):
    click(button)
    dialog = section.dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_adding_a_csat_metric_shows_in_the_header_and_undo_removes_it(window, qtbot):
    section = metrics_of(window, "s1")
    stack = window.session.undo_stack
    assert section.list.count() == 0 and header_metrics(window, "s1") == []
    assert not section.edit_button.isEnabled() and not section.remove_button.isEnabled()
    dialog = open_dialog(qtbot, section, section.add_button)
    assert dialog.name.text() == "NPS"  # the first kind
    QTest.keyClick(dialog.preset, Qt.Key.Key_Down)  # CSAT: its name and unit
    assert (dialog.name.text(), dialog.unit.text()) == ("CSAT", "/5")
    qtbot.keyClicks(dialog.value, "3,4")  # a decimal comma is read too
    qtbot.keyClicks(dialog.target, "4.2")
    steps = stack.count()
    click(ok_button(dialog))
    assert not dialog.isVisible()
    added = [mt for mt in window.session.doc.map.metrics if mt.stage_id == "s1"]
    assert [(mt.name, mt.value, mt.target, mt.unit) for mt in added] == [("CSAT", 3.4, 4.2, "/5")]
    assert stack.count() == steps + 1
    assert [section.list.item(i).text() for i in range(section.list.count())] == [
        "CSAT: 3.4/5 (target 4.2/5)"
    ]
    assert header_metrics(window, "s1") == ["CSAT 3.4 / 4.2/5"]  # value against target
    stack.undo()
    assert header_metrics(window, "s1") == [] and section.list.count() == 0
    stack.redo()
    assert header_metrics(window, "s1") == ["CSAT 3.4 / 4.2/5"] and section.list.count() == 1


def test_editing_a_metric_is_one_undo_step(window, qtbot):
    section = metrics_of(window, "s0")
    stack = window.session.undo_stack
    assert header_metrics(window, "s0") == ["NPS 31 / 40"]
    section.list.setCurrentRow(0)
    dialog = open_dialog(qtbot, section, section.edit_button)
    assert (dialog.name.text(), dialog.value.text(), dialog.target.text()) == ("NPS", "31", "40")
    assert dialog.preset is None  # the kind is chosen when adding only
    retype(qtbot, dialog.value, "45")
    retype(qtbot, dialog.target, "")  # no target any more
    retype(qtbot, dialog.unit, "pts")
    steps = stack.count()
    click(ok_button(dialog))
    assert stack.count() == steps + 1
    mt = window.session.doc.get(Entity.METRIC, "m1")
    assert (mt.value, mt.target, mt.unit) == (45.0, None, "pts")
    assert header_metrics(window, "s0") == ["NPS 45pts"]
    assert section.list.item(0).text() == "NPS: 45 pts"
    stack.undo()
    mt = window.session.doc.get(Entity.METRIC, "m1")
    assert (mt.value, mt.target, mt.unit) == (31.0, 40.0, "")
    assert (
        header_metrics(window, "s0") == ["NPS 31 / 40"]
        and section.list.item(0).text() == "NPS: 31 (target 40)"
    )


def test_a_double_click_edits_and_cancel_changes_nothing(window, qtbot):
    section = metrics_of(window, "s0")
    stack = window.session.undo_stack
    steps = stack.count()
    item = section.list.item(0)
    rect = section.list.visualItemRect(item)
    # a double-click is a press and release followed by a second press that Qt reports as one
    qtbot.mouseClick(section.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(section.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = section.dialog
    qtbot.waitExposed(dialog)
    retype(qtbot, dialog.value, "99")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert stack.count() == steps and window.session.doc.get(Entity.METRIC, "m1").value == 31.0


def test_removing_a_metric_and_undo(window, qtbot):
    section = metrics_of(window, "s0")
    stack = window.session.undo_stack
    section.list.setCurrentRow(0)
    click(section.remove_button)
    assert window.session.doc.find(Entity.METRIC, "m1") is None
    assert header_metrics(window, "s0") == [] and section.list.count() == 0
    assert not section.remove_button.isEnabled()
    stack.undo()
    assert window.session.doc.find(Entity.METRIC, "m1") is not None
    assert header_metrics(window, "s0") == ["NPS 31 / 40"] and section.list.count() == 1


def test_the_dialog_refuses_what_is_not_a_metric(window, qtbot):
    section = metrics_of(window, "s2")
    dialog = open_dialog(qtbot, section, section.add_button)
    dialog.preset.setCurrentIndex(2)  # Other: the user names it
    assert dialog.name.text() == "" and not ok_button(dialog).isEnabled()
    assert dialog.problem.text() == "Give the metric a name."
    qtbot.keyClicks(dialog.name, "Time to <b>resolve</b>")
    assert ok_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.value, "fast")
    assert (
        not ok_button(dialog).isEnabled()
        and dialog.problem.text() == "Value and target are numbers, or empty."
    )
    retype(qtbot, dialog.value, "inf")
    assert not ok_button(dialog).isEnabled()
    retype(qtbot, dialog.value, "2.6")
    qtbot.keyClicks(dialog.unit, "days")
    click(ok_button(dialog))
    added = [mt for mt in window.session.doc.map.metrics if mt.stage_id == "s2"]
    assert [(mt.name, mt.value, mt.target) for mt in added] == [("Time to <b>resolve</b>", 2.6, None)]
    assert section.list.item(0).text() == "Time to <b>resolve</b>: 2.6 days"  # plain text


def test_a_metric_the_model_refuses_keeps_the_dialog_open_with_the_reason(window, qtbot):
    section = metrics_of(window, "s2")
    dialog = open_dialog(qtbot, section, section.add_button)
    qtbot.keyClicks(dialog.value, "1")
    dialog.name.setText("NPS\x01")  # a control character (pasted): the Document refuses it
    steps = window.session.undo_stack.count()
    click(ok_button(dialog))
    assert dialog.isVisible() and "refused" in dialog.problem.text()
    assert window.session.undo_stack.count() == steps
    assert not [mt for mt in window.session.doc.map.metrics if mt.stage_id == "s2"]


def test_the_section_follows_the_selected_stage_and_leaves_with_it(window):
    section = metrics_of(window, "s0")
    assert section.list.count() == 1
    window.selection.set([(Entity.STAGE, "s1")])
    assert window.docks.inspector.metrics.list.count() == 0
    window.selection.set([(Entity.CARD, "c-s0-l-act-0")])
    assert window.docks.inspector.metrics is None
    window.selection.set([(Entity.STAGE, "s0"), (Entity.STAGE, "s1")])
    assert window.docks.inspector.metrics is None  # one stage at a time


def test_metric_text_and_numbers():
    assert metric_text(StageMetric(id="m", stage_id="s", name="On time", value=78, target=95, unit="%")) == (
        "On time: 78% (target 95%)"
    )
    assert metric_text(StageMetric(id="m", stage_id="s", name="NPS")) == "NPS: –"
    assert parse_number(" 4,5 ") == 4.5 and parse_number("") is None
    for bad in ("nan", "1e999", "x"):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_map_stage_metrics_opens_the_stage_of_the_selected_card(window, qtbot):
    from tests.main_window_support import all_actions

    action = window.actions_by_name["stage_metrics"]
    assert action in all_actions(window)
    window.selection.set([(Entity.CARD, "c-s0-l-act-0")])
    action.trigger()
    assert window.selection.items() == [(Entity.STAGE, "s0")]
    section = window.docks.inspector.metrics
    qtbot.waitUntil(lambda: section.isVisible() and section.list.hasFocus())
    assert section.current_id() == "m1"
    QTest.keyClick(section.list, Qt.Key.Key_Delete)  # Del removes the chosen metric, not the stage
    assert window.session.doc.find(Entity.METRIC, "m1") is None
    assert window.session.doc.find(Entity.STAGE, "s0") is not None and header_metrics(window, "s0") == []
    window.session.undo_stack.undo()
    assert header_metrics(window, "s0") == ["NPS 31 / 40"]


def test_editing_a_metric_removed_meanwhile_says_why(window, qtbot):
    section = metrics_of(window, "s0")
    section.list.setCurrentRow(0)
    dialog = open_dialog(qtbot, section, section.edit_button)
    retype(qtbot, dialog.value, "50")
    # the metric goes away while the dialog is open (an edit elsewhere)
    assert push(window.session.undo_stack, window.session.doc, cmd.Remove(Entity.METRIC, "m1"))
    steps = window.session.undo_stack.count()
    click(ok_button(dialog))
    assert dialog.isVisible() and "m1" in dialog.problem.text()
    assert window.session.undo_stack.count() == steps
