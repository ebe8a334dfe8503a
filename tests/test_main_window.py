"""The main window, through the real window: menus and shortcuts, docks, title and modified
marker, saving and closing, window state across instances, the status bar and `journeymap FILE`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QByteArray, QEvent, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model.events import Entity
from app.widgets.files.prompts import Choice
from app.widgets.files.recovery import RecoveryJournal
from app.widgets.main_window import MainWindow
from tests.main_window_support import ROOT, Windows, action_for, activate, all_actions, press
from tests.model_factory import small_map
from tests.session_support import FakePrompter, edit_title


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)

MENUS = ["&File", "&Edit", "&View", "&Insert", "&Map", "&Workshop", "&Help"]
STATEFUL = {
    "undo", "redo", "cut", "copy", "paste", "duplicate", "delete", "edit_card", "new_card",
    "rename_stage", "delete_stage", "rename_lane", "delete_lane", "hide_lane", "revert", "fit_selection",
}  # fmt: skip
DOCKS = {"inspector", "personas", "outline", "palette", "history"}


def card_count(window) -> int:
    return len(window.session.doc.map.cards)


# ------------------------------------------------------------------------------ menus
def test_menu_bar_has_the_seven_menus_and_every_entry_does_something(windows):
    window = windows.make(small_map())
    assert [a.text() for a in window.menuBar().actions()] == MENUS
    actions = all_actions(window)
    assert len(actions) >= 25
    for act in actions:
        assert act.text().strip(), "an entry without text"
        # a C++ or Python slot is connected to every entry: nothing is a no-op placeholder
        assert act.receivers("2triggered(bool)") + act.receivers("2toggled(bool)") > 0, act.text()
    # entries disabled now are only those waiting for a state, and each gets enabled by one
    disabled = {a.objectName() for a in actions if not a.isEnabled()}
    assert disabled <= STATEFUL, disabled - STATEFUL
    acts = window.actions_by_name
    edit_title(window.session, "Renamed")
    edit_title(window.session, "Renamed again")
    window.session.undo_stack.undo()
    assert acts["undo"].isEnabled() and acts["redo"].isEnabled()
    m = window.session.doc.map
    window.selection.set([(Entity.CARD, m.cards[0].id)])
    for name in ("cut", "copy", "duplicate", "delete", "edit_card", "new_card", "fit_selection"):
        assert acts[name].isEnabled(), name
    acts["copy"].trigger()
    assert acts["paste"].isEnabled()
    window.selection.set([(Entity.STAGE, m.stages[0].id)])
    assert acts["rename_stage"].isEnabled() and acts["delete_stage"].isEnabled()
    window.selection.set([(Entity.LANE, m.lanes[0].id)])
    for name in ("rename_lane", "delete_lane", "hide_lane"):
        assert acts[name].isEnabled(), name
    assert window.lane_type_menu.isEnabled()


def test_no_shortcut_is_bound_twice(windows):
    window = windows.make(small_map())
    seen: dict[str, str] = {}
    for act in all_actions(window):
        for key in act.shortcuts():
            text = key.toString()
            assert text not in seen, (text, seen.get(text), act.text())
            seen[text] = act.text()
    for shortcut in ("Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+Q", "Ctrl+Z", "Ctrl+Shift+Z",
                     "Ctrl+Y", "Ctrl+F", "F3", "Shift+F3", "Ctrl+0", "Ctrl+1", "Ctrl+2", "Ctrl++", "Ctrl+-"):
        assert shortcut in seen, shortcut


def test_view_menu_lists_every_dock_and_the_toolbar(windows):
    window = windows.make(small_map())
    docks = {d.objectName() for d in window.findChildren(QDockWidget)}
    assert DOCKS <= docks
    view_entries = {a.text() for a in window.view_menu.actions()}
    for dock in window.findChildren(QDockWidget):
        assert dock.toggleViewAction().text() in view_entries
    assert "&Toolbar" in view_entries


def test_docks_close_and_come_back_from_the_view_menu(windows, qtbot):
    window = windows.make(small_map())
    for dock in window.findChildren(QDockWidget):
        name = dock.objectName()
        toggle = window.actions_by_name[f"toggle_{name}"]
        assert toggle in window.view_menu.actions()
        dock.close()
        qtbot.waitUntil(lambda d=dock: not d.isVisible())
        assert not toggle.isChecked(), name
        toggle.trigger()
        qtbot.waitUntil(lambda d=dock: d.isVisible())
        assert toggle.isChecked(), name


# ------------------------------------------------------------------------------ shortcuts
def test_file_shortcuts(windows, qtbot, tmp_path):
    path = windows.copy_example()
    prompter = FakePrompter(open_path=path, choose_template="", save_path=tmp_path / "other.journey.json")
    window = windows.make(small_map(), prompter=prompter)

    press(qtbot, window, "Ctrl+O")  # open: the prompter names the file
    assert window.session.path == path and card_count(window) == len(load_map(path).cards)
    assert len(window.scene.card_items) == card_count(window)

    edit_title(window.session, "Saved by Ctrl+S")
    press(qtbot, window, "Ctrl+S")
    assert load_map(path).title == "Saved by Ctrl+S" and not window.isWindowModified()

    press(qtbot, window, "Ctrl+Shift+S")
    assert window.session.path == tmp_path / "other.journey.json"
    assert load_map(tmp_path / "other.journey.json").title == "Saved by Ctrl+S"

    press(qtbot, window, "Ctrl+N")  # new: the chooser's blank map
    assert window.session.path is None and card_count(window) == 0
    assert prompter.kinds() == ["open_path", "save_path", "choose_template"]
    assert window.scene.doc is window.session.doc and window.context.doc is window.session.doc

    press(qtbot, window, "Ctrl+Q")
    qtbot.waitUntil(lambda: not window.isVisible())


def test_undo_redo_shortcuts_and_texts(windows, qtbot):
    window = windows.make(small_map())
    before = window.session.doc.map.title
    edit_title(window.session, "New title")
    undo, redo = action_for(window, "Ctrl+Z"), action_for(window, "Ctrl+Y")
    assert undo.text() == "&Undo Rename map"
    assert action_for(window, "Ctrl+Shift+Z") is redo
    press(qtbot, window, "Ctrl+Z")
    assert window.session.doc.map.title == before
    assert redo.text() == "&Redo Rename map"
    press(qtbot, window, "Ctrl+Shift+Z")
    assert window.session.doc.map.title == "New title"
    press(qtbot, window, "Ctrl+Z")
    press(qtbot, window, "Ctrl+Y")
    assert window.session.doc.map.title == "New title"


def test_zoom_shortcuts(windows, qtbot):
    window = windows.make(load_map(windows.copy_example()))
    view = window.view
    press(qtbot, window, "Ctrl+1")
    assert view.zoom() == pytest.approx(1.0) and window.zoom_label.text() == "100 %"
    press(qtbot, window, "Ctrl++")
    assert view.zoom() == pytest.approx(1.25)
    press(qtbot, window, "Ctrl+-")
    press(qtbot, window, "Ctrl+-")
    assert view.zoom() == pytest.approx(0.8)
    press(qtbot, window, "Ctrl+0")
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.map_rect()) and view.zoom() < 0.8


def test_fit_selection_zooms_to_the_selected_cards(windows, qtbot):
    window = windows.make(load_map(windows.copy_example()))
    view = window.view
    press(qtbot, window, "Ctrl+0")
    whole = view.zoom()
    card = window.session.doc.map.cards[5]
    window.selection.set([(Entity.CARD, card.id)])
    window.scene.card_item(card.id).setSelected(True)
    press(qtbot, window, "Ctrl+2")
    assert view.zoom() > whole * 3
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.card_item(card.id).sceneBoundingRect())
    window.selection.clear()
    window.scene.clearSelection()
    assert not action_for(window, "Ctrl+2").isEnabled()  # nothing selected: nothing to fit
    zoom = view.zoom()
    press(qtbot, window, "Ctrl+2")
    assert view.zoom() == zoom


# ------------------------------------------------------------------------------ title and files
def test_title_and_modified_marker_follow_edits_saves_and_undo(windows, qtbot):
    path = windows.copy_example("plan.journey.json")
    window = windows.make(path=path)
    assert window.windowTitle() == "plan.journey.json[*] – Journey Map Studio"
    assert not window.isWindowModified()
    assert window.status.state_label.text() == "Saved"
    edit_title(window.session, "Changed")
    assert window.isWindowModified() and window.status.state_label.text() == "Modified"
    press(qtbot, window, "Ctrl+Z")  # back to the saved state: clean again
    assert not window.isWindowModified() and window.status.state_label.text() == "Saved"
    edit_title(window.session, "Changed again")
    assert window.isWindowModified()
    press(qtbot, window, "Ctrl+S")
    assert not window.isWindowModified() and window.status.state_label.text() == "Saved"
    assert load_map(path).title == "Changed again"


def test_save_and_reload_through_the_window_gives_the_same_map(windows, qtbot, tmp_path):
    path = windows.copy_example()
    window = windows.make(path=path)
    doc = window.session.doc
    card = doc.map.cards[3]
    window.session.push(cmd.Edit(Entity.CARD, card.id, {"title": "Edited ✓ 日本", "tags": ["x", "y"]}, label="Edit"))
    stage = doc.map.stages[1]
    window.session.push(cmd.Edit(Entity.STAGE, stage.id, {"name": "Renamed stage"}, label="Rename"))
    press(qtbot, window, "Ctrl+S")
    window.close()
    again = windows.make(path=path)
    assert again.session.doc.map.model_dump() == doc.map.model_dump()
    assert again.session.doc.map.cards[3].title == "Edited ✓ 日本"
    assert len(again.scene.card_items) == len(doc.map.cards)


def test_closing_with_unsaved_changes_asks(windows, qtbot):
    prompter = FakePrompter(unsaved_changes=[Choice.CANCEL, Choice.DISCARD])
    window = windows.make(small_map(), prompter=prompter)
    edit_title(window.session, "Unsaved")
    assert not window.close()  # Cancel: the window stays, with its changes
    assert window.isVisible() and window.isWindowModified()
    assert window.close()  # Don't Save
    assert prompter.kinds() == ["unsaved_changes", "unsaved_changes"]
    assert not window.isVisible()


def test_closing_with_save_writes_the_file(windows, qtbot):
    path = windows.copy_example()
    prompter = FakePrompter(unsaved_changes=Choice.SAVE)
    window = windows.make(path=path, prompter=prompter)
    edit_title(window.session, "Saved on close")
    assert window.close()
    assert load_map(path).title == "Saved on close"


def test_recent_files_menu_opens_a_file(windows, qtbot, tmp_path):
    first, second = windows.copy_example("first.journey.json"), windows.copy_example("second.journey.json")
    window = windows.make(path=first)
    window.session.open(second)
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [os.path.basename(a.data()) for a in entries] == ["second.journey.json", "first.journey.json"]
    entries[1].trigger()
    assert window.session.path == first
    clear = next(a for a in window.recent_menu.actions() if "Clear" in a.text())
    clear.trigger()
    assert not [a for a in window.recent_menu.actions() if a.data()] and not window.recent_menu.isEnabled()


# ------------------------------------------------------------------------------ window state
@pytest.fixture
def user_settings(tmp_path):
    """QSettings() and AppDataLocation in tmp_path for this test."""
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield tmp_path / "config"
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    QStandardPaths.setTestModeEnabled(False)


def test_window_state_and_recent_files_persist_across_windows(qtbot, tmp_path, user_settings):
    path = tmp_path / "kept.journey.json"
    path.write_bytes((ROOT / "resources/examples/b2b-hardware.journey.json").read_bytes())
    journal = RecoveryJournal(tmp_path / "recovery")
    first = MainWindow(prompter=FakePrompter(), journal=journal, watch_application=False)
    qtbot.addWidget(first)
    activate(qtbot, first)
    first.resize(720, 530)  # within the offscreen screen (800 x 600)
    first.docks.docks["personas"].close()
    first.removeDockWidget(first.docks.docks["history"])
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.docks.docks["history"])
    first.docks.docks["history"].show()
    first.session.open(path)
    size = (first.width(), first.height())
    assert size != (1400, 900) and first.height() == 530  # not the first-start size
    assert first.close()
    assert any(p.suffix == ".ini" for p in user_settings.rglob("*")), "QSettings() did not use the test folder"

    second = MainWindow(prompter=FakePrompter(), journal=journal, watch_application=False)
    qtbot.addWidget(second)
    activate(qtbot, second)
    assert (second.width(), second.height()) == size
    assert not second.docks.docks["personas"].isVisible()
    assert second.dockWidgetArea(second.docks.docks["history"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert second.session.recent_files() == [path]
    assert [a.data() for a in second.recent_menu.actions() if a.data()] == [str(path)]
    assert isinstance(second.settings.value("window/state"), QByteArray)


# ------------------------------------------------------------------------------ other entries
def test_insert_persona_and_map_properties(windows, qtbot):
    window = windows.make(small_map())
    before = len(window.session.doc.map.personas)
    window.actions_by_name["insert_persona"].trigger()
    assert len(window.session.doc.map.personas) == before + 1
    assert window.docks.docks["personas"].isVisible()
    stage = window.session.doc.map.stages[0]
    window.selection.set([(Entity.STAGE, stage.id)])
    window.docks.docks["inspector"].close()
    window.actions_by_name["map_properties"].trigger()
    assert window.selection.items() == [] and window.docks.docks["inspector"].isVisible()
    assert window.docks.inspector.target()[0] is Entity.MAP


def test_about_names_the_version(windows, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = windows.make(small_map())
    window.actions_by_name["about"].trigger()
    assert len(shown) == 1 and "0.1.0" in shown[0] and "journey map" in shown[0]


def test_status_bar_counts_and_save_states(windows, qtbot):
    window = windows.make(small_map(), autosave_ms=50)
    m = window.session.doc.map
    assert window.counts_label.text() == (
        f"{len(m.stages)} stages · {len(m.lanes)} lanes · {len(m.cards)} cards · {len(m.links)} links"
    )
    card = m.cards[0]
    window.session.push(cmd.remove_cards(window.session.doc, [card.id]))
    assert f"{len(m.cards)} cards" in window.counts_label.text()
    assert window.status.state_label.text() == "Modified"
    qtbot.waitUntil(lambda: window.status.state_label.text().startswith("Autosaved "), timeout=5000)
    assert len(window.status.state_label.text()) == len("Autosaved 12:03")


def test_a_file_that_cannot_be_read_keeps_the_map(windows, tmp_path):
    bad = tmp_path / "bad.journey.json"
    bad.write_text("{not json", encoding="utf-8")
    window = windows.make(small_map())
    doc = window.session.doc
    assert not window.open_path(bad)
    assert window.prompter.kinds() == ["error"] and "bad.journey.json" in window.prompter.errors[0][0]
    assert window.session.doc is doc and window.scene.doc is doc


def test_recovery_is_offered_and_restores_into_the_window(windows, qtbot, tmp_path):
    journal = RecoveryJournal(windows.journal_folder)
    m = small_map()
    m.title = "Crashed work"
    entry = journal.new_entry()
    journal.write(entry, m, title="Crashed work", original_path=None, base=None)
    entry.release()
    window = windows.make(prompter=FakePrompter(recover=Choice.RESTORE))
    assert window.offer_recovery() == 1
    assert window.session.doc.map.title == "Crashed work" and window.isWindowModified()
    assert window.scene.doc is window.session.doc


# ------------------------------------------------------------------------------ journeymap FILE
def test_journeymap_with_a_bad_file_prints_one_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.journey.json"
    bad.write_text('{"format": "journeymap", "schema_version": 2, "map": {"cards": 5}}', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.fspath(ROOT))
    code = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, os.fspath(bad)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("journeymap: ")
    assert "bad.journey.json" in done.stderr or "cards" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_export_shortcut_opens_the_export_dialog_with_the_selected_cards(windows, qtbot, monkeypatch):
    from app.widgets.export import dialog as export

    calls = []

    class Result:
        def summary(self):
            return "Exported poster.pdf"

    def fake(window, doc, ids, path):
        calls.append((window, doc, list(ids), path))
        return Result()

    monkeypatch.setattr(export, "export_via_dialog", fake)
    path = windows.copy_example()
    window = windows.make(path=path)
    card = window.session.doc.map.cards[2]
    window.selection.set([(Entity.CARD, card.id)])
    press(qtbot, window, "Ctrl+E")
    assert calls == [(window, window.session.doc, [card.id], path)]
    assert window.statusBar().currentMessage() == "Exported poster.pdf"


def test_activation_reloads_a_file_another_program_changed(windows, qtbot):
    path = windows.copy_example()
    window = windows.make(path=path)
    m = load_map(path)
    m.title = "Changed by another program"
    save_map(m, path, backup=False)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert window.session.doc.map.title == "Changed by another program"
    assert window.scene.doc is window.session.doc
    assert "reloaded" in window.statusBar().currentMessage()


def test_run_editor_opens_the_file_and_offers_recovery(qtbot, tmp_path, user_settings, monkeypatch):
    """`journeymap FILE`: names set, the file open in the window, recovery offered once shown."""
    from app.widgets import main_window as mw
    from app.widgets.files.prompts import DialogPrompter
    from app.widgets.files.recovery import default_recovery_folder

    path = tmp_path / "start.journey.json"
    path.write_bytes((ROOT / "resources/examples/b2b-hardware.journey.json").read_bytes())
    old_names = (QApplication.organizationName(), QApplication.applicationName())
    QApplication.setOrganizationName("journeymap")
    QApplication.setApplicationName("Journey Map Studio")
    journal = RecoveryJournal(default_recovery_folder())  # where the editor looks at start-up
    for old in journal.entries():  # (test mode: ~/.qttest, shared by runs)
        journal.remove(old)
    QApplication.setOrganizationName("someone-else")  # run_editor must set its own names
    QApplication.setApplicationName("other")
    lost = small_map()
    lost.title = "Lost in a crash"
    entry = journal.new_entry()
    journal.write(entry, lost, title="Lost in a crash", original_path=None, base=None)
    entry.release()
    asked = []
    monkeypatch.setattr(DialogPrompter, "recover", lambda self, e: asked.append(e.title) or Choice.LATER)
    seen = {}

    def fake_exec():
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)  # offered once the loop runs
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen["path"] = window.session.path
        seen["names"] = (QApplication.organizationName(), QApplication.applicationName())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    try:
        assert mw.run_editor(path) == 0
    finally:
        for left in journal.entries():
            journal.remove(left)
        QApplication.setOrganizationName(old_names[0])
        QApplication.setApplicationName(old_names[1])
    assert seen["path"] == path and seen["names"] == ("journeymap", "Journey Map Studio")
    assert asked == ["Lost in a crash"]


def test_revert_is_offered_only_with_a_saved_version_and_changes(windows, qtbot):
    path = windows.copy_example()
    prompter = FakePrompter(confirm_revert=True)
    window = windows.make(path=path, prompter=prompter)
    revert = window.actions_by_name["revert"]
    title = window.session.doc.map.title
    assert not revert.isEnabled()
    edit_title(window.session, "To be reverted")
    assert revert.isEnabled()
    revert.trigger()
    assert prompter.kinds() == ["confirm_revert"]
    assert window.session.doc.map.title == title and not window.isWindowModified()
    assert window.scene.doc is window.session.doc and not revert.isEnabled()


def test_a_file_open_elsewhere_opens_read_only(windows, tmp_path):
    from tests.session_support import OtherEditor

    path = windows.copy_example()
    other = OtherEditor("open", path, tmp_path / "other")
    try:
        window = windows.make(prompter=FakePrompter(locked=Choice.READ_ONLY))
        assert window.session.open(path)
        assert window.status.state_label.text() == "Read-only"
        assert "(read-only)" in window.windowTitle()
    finally:
        other.quit()


def test_an_opened_map_is_kept_out_of_the_cyclic_collector(windows):
    import gc

    window = windows.make(small_map(cards_per_cell=4))
    frozen = gc.get_freeze_count()
    assert frozen > 10 * card_count(window)  # the map, its layout and the scene's items
    window.session.new_document(small_map(cards_per_cell=1))  # another map: unfrozen, collected, refrozen
    assert gc.get_freeze_count() > 0
