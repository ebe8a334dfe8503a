"""Issue 9: friction a new user met in the first five minutes, each through real events."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from app.model.commands import Edit, Insert
from app.model.events import Entity
from tests.main_window_support import Windows


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


def card_window(qtbot, tmp_path):
    windows = Windows(qtbot, tmp_path)
    window = windows.make(path=windows.copy_example())
    return window


def test_adding_a_card_and_typing_its_title_is_one_undo_step(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    stack = window.session.undo_stack
    cards_before, steps_before = len(doc.map.cards), stack.count()
    cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))  # a cell of a plain lane
    window.card_actions.cell = cell
    window.view.viewport().setFocus()
    window.actions_by_name["new_card"].trigger()
    editor = window.card_actions.editor
    assert editor.active and editor.hint.isVisible() and "Ctrl+Enter" in editor.hint.text()
    QTest.keyClicks(editor.title, "Call the helpdesk")
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.active
    assert len(doc.map.cards) == cards_before + 1
    assert stack.count() == steps_before + 1  # one step: "Add card" with its text
    card = doc.get(Entity.CARD, window.selected_card_ids()[0])
    assert card.title == "Call the helpdesk"
    stack.undo()
    assert len(doc.map.cards) == cards_before
    stack.redo()
    assert doc.get(Entity.CARD, card.id).title == "Call the helpdesk"
    # a later edit of the same card is a step of its own
    window.card_actions.edit_card(card.id)
    QTest.keyClicks(editor.title, "!")
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert stack.count() == steps_before + 2


def test_a_card_from_the_pain_point_palette_is_marked_as_a_pain_point(qtbot, tmp_path):
    from app.model.schema import CardKind

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    window.card_actions.cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))
    window.docks.palette.kindActivated.emit(CardKind.PAIN.value)
    card = doc.get(Entity.CARD, window.selected_card_ids()[0])
    assert card.kind is CardKind.PAIN and card.pain_point


def test_the_first_window_fits_a_small_screen_and_a_big_one(qapp):
    from PySide6.QtCore import QRect

    from app.widgets.screen_fit import default_geometry, fits

    laptop = QRect(0, 0, 1366, 740)  # 1366 x 768 less a task bar
    g = default_geometry(laptop)
    assert fits(g, laptop) and g.width() <= 1366 and g.height() <= 740
    assert g.width() > 1200 and g.height() > 650  # most of the screen
    big = QRect(1920, 0, 2560, 1400)  # a second monitor to the right
    g = default_geometry(big)
    assert (g.width(), g.height()) == (1400, 900) and big.contains(g)


def test_the_window_can_shrink_to_a_1366_by_768_screen(qtbot, tmp_path):
    window = card_window(qtbot, tmp_path)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740, hint
    window.resize(1300, 700)
    qtbot.wait(20)
    assert window.width() <= 1366 and window.height() <= 740
    # the status bar and the docks are inside the window
    assert window.statusBar().geometry().bottom() <= window.height()


def test_geometry_saved_on_a_big_screen_is_not_restored_off_a_small_one(qtbot, tmp_path):
    from PySide6.QtCore import QRect

    from app.widgets.screen_fit import restore_geometry

    windows = Windows(qtbot, tmp_path)
    big = windows.make()
    big.setGeometry(QRect(2000, 100, 2400, 1300))
    saved = big.saveGeometry()
    small = windows.make()
    before = small.geometry()
    assert restore_geometry(small, saved, QRect(0, 0, 1366, 740)) is False
    assert small.geometry() == before
    assert restore_geometry(small, saved, QRect(0, 0, 5000, 2000)) is True


def test_focus_on_map_hides_every_panel_and_brings_them_back(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDockWidget

    window = card_window(qtbot, tmp_path)
    shown = {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}
    assert shown
    central = window.view.width()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(QDockWidget)), timeout=2000)
    assert not window.findChild(QToolBar, "mainToolbar").isVisible()
    assert window.actions_by_name["focus_map"].isChecked()
    qtbot.waitUntil(lambda: window.view.width() > central, timeout=2000)  # the map takes the room
    window.actions_by_name["focus_map"].trigger()
    qtbot.waitUntil(lambda: {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()} == shown,
                    timeout=2000)  # fmt: skip
    assert window.findChild(QToolBar, "mainToolbar").isVisible()


def test_recovery_after_a_restart_on_the_same_file_restores_into_that_window(qtbot, tmp_path):
    """`journeymap plan.journey.json` after a crash while editing it: the first window holds the
    file, and the recovered work goes into it, at the file's own path, not into a second
    window as "Copy of ..."."""
    from PySide6.QtWidgets import QApplication

    from app.io.diskfile import DiskSignature
    from app.io.jsonfile import load_map
    from app.widgets.files.prompts import Choice
    from app.widgets.files.recovery import RecoveryJournal
    from app.widgets.main_window import MainWindow
    from tests.session_support import FakePrompter

    windows = Windows(qtbot, tmp_path)
    path = windows.copy_example("plan.journey.json")
    lost = load_map(path)
    lost.title = "Edited before the crash"
    journal = RecoveryJournal(windows.journal_folder)
    entry = journal.new_entry()  # what the crashed editor left
    base = DiskSignature.of(path.read_bytes(), path.stat())  # the file as the crashed editor opened it
    journal.write(entry, lost, title=lost.title, original_path=path, base=base)
    entry.release()

    prompter = FakePrompter(recover=Choice.RESTORE)
    window = windows.make(path=path, prompter=prompter)
    before = {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
    assert window.offer_recovery() == 1
    after = {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}
    assert after == before  # no second window
    s = window.session
    assert s.path == path and s.copy_of is None
    assert s.doc.map.title == "Edited before the crash" and s.modified
    assert "Copy of" not in window.windowTitle()
    assert s.save()
    assert load_map(path).title == "Edited before the crash"
    assert journal.entries() == []  # saved: the recovery copy is gone


def test_opening_find_does_not_move_the_map(qtbot, tmp_path):
    window = card_window(qtbot, tmp_path)
    view = window.view
    window.actions_by_name["zoom_actual"].trigger()
    qtbot.wait(20)

    def where():
        return (view.geometry(), view.viewport().geometry(), view.mapToScene(0, 0),
                view.horizontalScrollBar().value(), view.verticalScrollBar().value())  # fmt: skip

    before = where()
    window.actions_by_name["find"].trigger()
    qtbot.waitUntil(window.find_bar.isVisible, timeout=2000)
    qtbot.wait(20)
    assert where() == before
    bar = window.find_bar.geometry()
    assert view.viewport().geometry().contains(bar)  # floats over the map's top-right corner
    assert bar.right() > view.viewport().geometry().center().x()
    window.find_bar.close_bar()
    qtbot.wait(20)
    assert where() == before


def test_return_in_a_text_field_never_adds_a_card(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    stack = window.session.undo_stack
    window.card_actions.cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))
    cards = len(doc.map.cards)
    # the find bar floats over the canvas (a child of the view, where Return means "add a card")
    window.actions_by_name["find"].trigger()
    QTest.keyClicks(window.find_bar.edit, "laptop")
    QTest.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.count_label.text().startswith("2 of")  # Return stepped to the next match
    window.find_bar.close_bar()
    # a field of the Inspector (the map's title)
    window.selection.set([])
    window.docks.show_inspector()
    title = next(e for e in window.docks.inspector.findChildren(QLineEdit) if e.isVisible() and e.isEnabled())
    title.setFocus()
    QTest.keyClicks(title, " (draft)")
    QTest.keyClick(title, Qt.Key.Key_Return)
    assert len(doc.map.cards) == cards
    assert all("Add card" not in stack.text(i) for i in range(stack.count()))
    # the canvas still adds a card on Return when it has the focus
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert len(doc.map.cards) == cards + 1


def test_a_paste_too_big_for_one_go_says_what_it_left_out(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from app.widgets.canvas.clipboard import MAX_TEXT_LINES

    window = card_window(qtbot, tmp_path)
    doc = window.session.doc
    window.card_actions.cell = next(c for c in window.card_actions.layout.cells() if doc.cell_cards(*c))
    cards = len(doc.map.cards)
    QGuiApplication.clipboard().setText("\n".join(f"Line {i}" for i in range(MAX_TEXT_LINES + 12)))
    window.view.setFocus()
    window.actions_by_name["paste"].trigger()
    assert len(doc.map.cards) == cards + MAX_TEXT_LINES
    message = window.statusBar().currentMessage()
    assert f"first {MAX_TEXT_LINES} of {MAX_TEXT_LINES + 12} lines" in message
