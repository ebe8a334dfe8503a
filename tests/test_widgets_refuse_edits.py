"""One rule, in the model: the editor's text fields never cut what is typed to stay inside the
schema's limits. An edit the model refuses (a 500-character title) leaves the map as it was,
shows the model's message in the window's status bar, and the field keeps the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import MAX_SHORT_TEXT
from app.widgets.canvas.clipboard import put_on_clipboard
from app.widgets.docks.personas import PersonasPanel, copy_name
from app.widgets.undo import push
from tests.dock_support import DockEnv
from tests.main_window_support import Windows, press

LONG = "x" * 500
TOO_LONG = f"text is too long (at most {MAX_SHORT_TEXT} characters)"


@pytest.fixture
def window(qtbot, tmp_path):
    w = Windows(qtbot, tmp_path).make(path=Windows(qtbot, tmp_path).copy_example())
    w.view.setFocus()
    return w


def snapshot(window) -> tuple[str, int]:
    return window.session.doc.map.model_dump_json(), window.session.undo_stack.count()


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_a_long_title_typed_in_the_inline_editor_is_refused_and_kept(window, qtbot):
    card = window.session.doc.map.cards[0]
    window.selection.set([(Entity.CARD, card.id)])
    before = snapshot(window)
    press(qtbot, window.view, "F2")
    editor = window.card_actions.editor
    assert editor.active and editor.card_id == card.id
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, LONG)
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert status(window) == f"Edit card text refused: card '{card.id}'.title: {TOO_LONG}"
    assert snapshot(window) == before
    assert editor.active and editor.title.text() == LONG  # nothing cut, still editing
    editor.title.setText("Short again")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.active and window.session.doc.card(card.id).title == "Short again"


def test_a_long_title_pasted_into_the_inspector_is_refused_and_kept(window, qtbot):
    card = window.session.doc.map.cards[1]
    window.selection.set([(Entity.CARD, card.id)])
    edit = window.docks.inspector.field("title").edit
    before = snapshot(window)
    data = QMimeData()
    data.setText(LONG)
    put_on_clipboard(data)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    press(qtbot, edit, "Ctrl+V")
    assert edit.text() == LONG  # Qt did not cut the paste
    assert status(window) == f"Edit card title refused: card '{card.id}'.title: {TOO_LONG}"
    assert snapshot(window) == before
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # still one character too many
    assert snapshot(window) == before and edit.text() == LONG[:-1]


def test_a_long_name_in_the_outline_is_refused_and_the_old_name_comes_back(window, qtbot):
    stages = window.docks.outline.stages
    stage = window.session.doc.map.stages[1]
    before = snapshot(window)
    window.selection.set([(Entity.STAGE, stage.id)])
    stages.list.setFocus()
    qtbot.waitUntil(stages.list.hasFocus)
    qtbot.keyClick(stages.list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, LONG)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits from the event loop
    expected = f"Rename stage refused: stage '{stage.id}'.name: {TOO_LONG}"
    qtbot.waitUntil(lambda: status(window) == expected)
    assert snapshot(window) == before
    assert stages.list.item(1).text() == stage.name


def test_a_long_name_in_the_header_editor_is_refused_and_kept(window, qtbot):
    lane = window.session.doc.map.lanes[0]
    before = snapshot(window)
    before_cards = len(window.session.doc.map.cards)
    editor = window.header_tool.rename(Entity.LANE, lane.id)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, LONG)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert status(window) == f"Rename lane refused: lane '{lane.id}'.name: {TOO_LONG}"
    assert snapshot(window) == before
    assert editor.isVisible() and editor.text() == LONG
    editor.setText("Renamed lane")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter is the editor's, not the canvas "add card"
    assert not editor.isVisible() and window.session.doc.get(Entity.LANE, lane.id).name == "Renamed lane"
    stack = window.session.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Rename lane"
    assert len(window.session.doc.map.cards) == before_cards


def test_pasting_a_long_text_line_is_refused_whole(window, qtbot):
    card = window.session.doc.map.cards[0]
    window.selection.set([(Entity.CARD, card.id)])
    before = snapshot(window)
    data = QMimeData()
    data.setText(f"A fine line\n{LONG}\nAnother")
    put_on_clipboard(data)
    window.view.setFocus()
    press(qtbot, window.view, "Ctrl+V")
    assert status(window).startswith("Paste 3 cards refused: card '")
    assert status(window).endswith(f"'.title: {TOO_LONG}")
    assert snapshot(window) == before  # not the two short lines either: one paste, all or nothing
    assert window.selection.items() == [(Entity.CARD, card.id)]


def test_a_copy_of_a_persona_named_at_the_limit_keeps_within_it(qtbot):
    env = DockEnv(qtbot, PersonasPanel, (380, 900))
    long_name = "N" * (MAX_SHORT_TEXT - 3) + "end"
    assert push(env.stack, env.doc, cmd.Edit(Entity.PERSONA, "p1", {"name": long_name}))
    env.widget._choose("p1")
    copy_id = env.widget.duplicate()
    copy = env.doc.get(Entity.PERSONA, copy_id)
    assert len(copy.name) == MAX_SHORT_TEXT and copy.name.endswith(" (copy)")
    assert copy.name == "N" * (MAX_SHORT_TEXT - len(" (copy)")) + " (copy)"
    assert env.stack.undoText() == "Duplicate persona"


def test_copy_name_leaves_short_names_whole():
    assert copy_name("Ana") == "Ana (copy)"
    room = MAX_SHORT_TEXT - len(" (copy)")
    assert copy_name("a" * room) == "a" * room + " (copy)"
    assert copy_name("b" * (room - 1) + "  tail") == "b" * (room - 1) + " (copy)"  # no space before the suffix
