"""The real prompts (message boxes answered by a click, as a user would) and the template chooser
with its previews."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QLabel, QMessageBox

from app.io.templates import load_template, template_names
from app.widgets.files.grid_preview import grid_preview_scene
from app.widgets.files.prompts import Choice, DialogPrompter
from app.widgets.files.recovery import JournalEntry
from app.widgets.files.template_chooser import TemplateChooser
from tests.session_support import FakePrompter, edit_title, new_session


@pytest.fixture(autouse=True)
def _test_paths(qapp):
    QStandardPaths.setTestModeEnabled(True)
    yield


def answer_with(button_text: str, seen: list):
    """When the next modal dialog opens, record its text and click the button labelled so."""

    def click():
        box = QApplication.activeModalWidget()
        if box is None:  # not open yet
            QTimer.singleShot(10, click)
            return
        seen.append(box)
        labels = [label.text() for label in box.findChildren(QLabel)]
        seen.append(labels)
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        box.reject()

    QTimer.singleShot(0, click)


def test_unsaved_changes_box_buttons_mean_what_they_say(qapp):
    prompter = DialogPrompter()
    for text, expected in (
        ("&Save", Choice.SAVE),
        ("&Don't Save", Choice.DISCARD),
        ("Cancel", Choice.CANCEL),
    ):
        seen = []
        answer_with(text, seen)
        assert prompter.unsaved_changes("plan.journey.json") == expected
        assert "Save the changes to plan.journey.json?" in seen[1]


def test_other_boxes(qapp, tmp_path):
    prompter = DialogPrompter()
    seen = []
    answer_with("Open a &Copy", seen)
    assert prompter.locked("plan.journey.json", "process 42 on vm") == Choice.COPY
    assert any("process 42 on vm" in t for t in seen[1])
    answer_with("Save &As…", seen)
    assert prompter.changed_on_disk("plan.journey.json") == Choice.SAVE_AS
    answer_with("&Reload", seen)
    assert prompter.changed_on_disk("plan.journey.json") == Choice.RELOAD
    entry = JournalEntry("abc", tmp_path / "abc.recovery.json", title="Workshop", original_path=None)
    answer_with("&Later", seen)
    assert prompter.recover(entry) == Choice.LATER
    answer_with("&Discard", seen)
    assert prompter.confirm_discard_recovery(entry) is True
    answer_with("Cancel", seen)
    assert prompter.confirm_discard_recovery(entry) is False
    answer_with("&Revert", seen)
    assert prompter.confirm_revert("plan.journey.json") is True
    answer_with("OK", seen)
    prompter.error("plan.journey.json: the disk is full", "Your map is still open here.")
    assert "plan.journey.json: the disk is full" in seen[-1]


def test_user_text_in_boxes_is_plain_text(qapp):
    box = DialogPrompter().box(QMessageBox.Icon.Warning, "<b>evil</b>.journey.json", "<img src='x'>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_template_chooser_lists_templates_with_descriptions_and_previews(qapp):
    chooser = TemplateChooser(use_canvas=False)
    names = [chooser.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(chooser.list.count())]
    assert names == ["", *template_names()]
    chooser.select("b2b")
    assert chooser.selected_name() == "b2b"
    assert chooser.heading.text() == load_template("b2b").title
    assert chooser.description.text()
    scene = chooser.preview_scene()
    texts = {item.text() for item in scene.items() if isinstance(item, QGraphicsSimpleTextItem)}
    assert {s.name for s in load_template("b2b").stages} <= texts
    chooser.select("")
    assert chooser.selected_name() == "" and chooser.description.text().startswith("An empty map")


def test_template_chooser_with_the_canvas_preview(qapp):
    chooser = TemplateChooser()  # the canvas scene when it can be built, else the grid
    chooser.show()
    chooser.select("service-blueprint")
    assert chooser.preview_scene() is not None and chooser.preview_scene().items()
    chooser.close()


def test_grid_preview_draws_cards(qapp):
    from tests.model_factory import small_map

    m = small_map()
    scene = grid_preview_scene(m)
    assert len(scene.items()) > len(m.cards) + len(m.stages)


def test_new_dialog_through_the_real_chooser(qapp, tmp_path):
    s = new_session(tmp_path, DialogPrompter())

    def pick():
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, TemplateChooser):
            QTimer.singleShot(10, pick)
            return
        chooser.select("onboarding")
        chooser.accept()

    QTimer.singleShot(0, pick)
    assert s.new_dialog()
    assert s.doc.map.title == load_template("onboarding").title and s.path is None


def test_default_prompter_is_parented_to_the_window(qapp, tmp_path):
    from PySide6.QtWidgets import QWidget

    from app.widgets.files.recovery import RecoveryJournal
    from app.widgets.files.session import MapSession

    window = QWidget()
    s = MapSession(window, journal=RecoveryJournal(tmp_path / "recovery"), watch_application=False)
    assert isinstance(s.prompter, DialogPrompter) and s.prompter.parent is window


def test_fake_prompter_refuses_unscripted_questions(tmp_path):
    s = new_session(tmp_path, FakePrompter())
    edit_title(s, "x")
    with pytest.raises(AssertionError, match="unexpected question unsaved_changes"):
        s.maybe_close()
