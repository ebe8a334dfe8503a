"""Autosave to the recovery journal, and recovery after a crash: a real process killed with
SIGKILL, restore / discard (confirmed) / later."""

from __future__ import annotations

import json
import os
import signal

import pytest
from PySide6.QtCore import Qt

from app.io.diskfile import lock_path
from app.io.jsonfile import load_map
from app.widgets.files.recovery import JOURNAL_FORMAT, RecoveryJournal, default_recovery_folder
from tests.session_support import (
    Choice,
    FakePrompter,
    OtherEditor,
    edit_card,
    edit_title,
    new_session,
    write_map,
)

pytestmark = pytest.mark.usefixtures("session_test_paths")


def journal_files(tmp_path):
    return sorted((tmp_path / "recovery").glob("*.recovery.json"))


def crashed_session(tmp_path, path=None, title="Unsaved work"):
    """A session that autosaved and then went away without anyone answering anything (as after a
    crash, a kill or a logout): its journal entry is left for the next start."""
    s = new_session(tmp_path)
    if path is not None:
        assert s.open(path)
    edit_title(s, title)
    assert s.autosave_now()
    s.shutdown()
    return s


# ------------------------------------------------------------------------------- autosave


def test_the_test_mode_keeps_the_default_journal_out_of_the_real_app_data(qapp):
    folder = default_recovery_folder()
    assert folder.name == "recovery" and ".qttest" in str(folder)


def test_autosave_after_the_timer_writes_a_journal_and_saving_removes_it(tmp_path, map_file, qtbot):
    s = new_session(tmp_path, autosave_ms=100)
    assert s.open(map_file)
    original = map_file.read_bytes()
    edit_card(s, "Typed in the workshop")
    assert journal_files(tmp_path) == []  # not at once
    qtbot.waitUntil(lambda: len(journal_files(tmp_path)) == 1, timeout=5000)
    assert map_file.read_bytes() == original  # autosave never touches the map file
    data = json.loads(journal_files(tmp_path)[0].read_text(encoding="utf-8"))
    assert data["format"] == JOURNAL_FORMAT and data["original_path"] == str(map_file)
    assert data["title"] == "plan.journey.json" and data["base"]["size"] == len(original)
    assert data["map_file"]["format"] == "journeymap"
    assert any(c["title"] == "Typed in the workshop" for c in data["map_file"]["map"]["cards"])
    # further edits update the same entry
    edit_card(s, "Second thought")
    qtbot.waitUntil(
        lambda: "Second thought" in journal_files(tmp_path)[0].read_text(encoding="utf-8"), timeout=5000
    )
    assert len(journal_files(tmp_path)) == 1
    assert s.save()
    assert journal_files(tmp_path) == []
    assert not list((tmp_path / "recovery").glob("*.lock"))


def test_steady_editing_is_still_journaled(tmp_path, qtbot):
    """The timer starts at the first change and is not pushed back by later ones."""
    s = new_session(tmp_path, autosave_ms=300)
    for i in range(8):
        edit_title(s, f"edit {i}")
        qtbot.wait(60)  # an edit every 60 ms, for longer than the autosave interval
    assert len(journal_files(tmp_path)) == 1


def test_deactivation_autosaves_at_once(tmp_path, map_file):
    s = new_session(tmp_path)  # 60 s timer: only deactivation can write now
    assert s.open(map_file)
    edit_title(s, "Switching to the slides")
    s.application_state_changed(Qt.ApplicationState.ApplicationInactive)
    assert len(journal_files(tmp_path)) == 1
    assert s.journal_entry is not None and s.journal_entry.file == journal_files(tmp_path)[0]


def test_the_application_signal_is_watched(tmp_path, qapp):
    s = new_session(tmp_path, watch_application=True)
    edit_title(s, "Watched")
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert len(journal_files(tmp_path)) == 1
    s.shutdown()


def test_undo_back_to_the_saved_state_removes_the_journal(tmp_path, map_file):
    s = new_session(tmp_path)
    assert s.open(map_file)
    edit_title(s, "Oops")
    assert s.autosave_now() and journal_files(tmp_path)
    s.undo_stack.undo()
    assert not s.modified and journal_files(tmp_path) == []


def test_a_failed_autosave_is_told_once_and_retried(tmp_path, monkeypatch):
    s = new_session(tmp_path)
    messages = []
    s.message.connect(messages.append)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(s.journal, "write", full)
    edit_title(s, "A")
    assert not s.autosave_now()
    edit_title(s, "B")
    assert not s.autosave_now()
    assert messages == ["Autosave failed (the disk is full). Save your work to keep it."]
    monkeypatch.undo()
    assert s.autosave_now()
    assert messages[-1] == "Autosave works again."
    assert s.doc.map.title == "B" and s.modified


# ---------------------------------------------------------------------- a real killed process


def test_a_killed_editor_is_recovered_on_the_next_start(tmp_path, map_file):
    original = map_file.read_bytes()
    other = OtherEditor("edit", map_file, tmp_path, "Edited before the crash")
    try:
        assert len(journal_files(tmp_path)) == 1
        # while it runs, its journal is its own: a second editor does not offer it
        assert RecoveryJournal(tmp_path / "recovery").pending() == []
        assert lock_path(map_file).exists()
    finally:
        os.kill(other.pid, signal.SIGKILL)
        other.proc.wait(timeout=30)
    assert other.proc.returncode == -signal.SIGKILL
    assert map_file.read_bytes() == original  # the edit never reached the file
    assert lock_path(map_file).exists()  # the dead editor's lock is left behind

    prompter = FakePrompter(recover=Choice.RESTORE)
    s = new_session(tmp_path, prompter)
    pending = s.journal.pending()
    assert [e.original_path for e in pending] == [map_file] and pending[0].title == "plan.journey.json"
    assert s.offer_recovery() == 1
    assert prompter.kinds() == ["recover"]  # no "locked" question: the dead editor's lock is stale
    assert s.doc.map.title == "Edited before the crash"
    assert s.modified and s.path == map_file and not s.read_only
    assert s.title_with_marker() == "plan.journey.json* – Journey Map Studio"
    assert s.journal.pending() == []  # this session owns the entry now
    assert s.save()
    assert load_map(map_file).title == "Edited before the crash"
    assert journal_files(tmp_path) == []


def test_a_killed_editor_with_a_never_saved_map(tmp_path):
    crashed_session(tmp_path, title="Workshop notes")
    prompter = FakePrompter(recover=Choice.RESTORE)
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery() == 1
    assert s.path is None and s.modified and s.doc.map.title == "Workshop notes"
    entry = prompter.asked[0][1]
    assert entry.title == "Workshop notes" and entry.describe().startswith(
        "“Workshop notes” (never saved to a file)"
    )


# --------------------------------------------------------------------- restore, discard, later


def test_discard_needs_a_confirmation(tmp_path, map_file):
    crashed_session(tmp_path, map_file)
    assert len(journal_files(tmp_path)) == 1
    prompter = FakePrompter(recover=[Choice.DISCARD, Choice.DISCARD], confirm_discard_recovery=[False, True])
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery() == 0
    assert len(journal_files(tmp_path)) == 1  # not confirmed: kept
    assert s.offer_recovery() == 0  # offered again
    assert journal_files(tmp_path) == []
    assert prompter.kinds() == ["recover", "confirm_discard_recovery"] * 2
    assert s.doc.map.title != "Unsaved work" and load_map(map_file).title == "Small map"


def test_later_keeps_the_journal_for_the_next_start(tmp_path, map_file):
    crashed_session(tmp_path, map_file)
    s = new_session(tmp_path, FakePrompter(recover=Choice.LATER))
    assert s.offer_recovery() == 0
    assert len(journal_files(tmp_path)) == 1 and s.path is None
    assert len(RecoveryJournal(tmp_path / "recovery").pending()) == 1  # and free for the next start
    s2 = new_session(tmp_path, FakePrompter(recover=Choice.RESTORE))
    assert s2.offer_recovery() == 1 and s2.doc.map.title == "Unsaved work"


def test_each_entry_is_asked_about_and_extra_ones_can_open_elsewhere(tmp_path, map_file):
    other = write_map(map_file.with_name("other.journey.json"), title="Other")
    crashed_session(tmp_path, map_file, title="First")
    crashed_session(tmp_path, other, title="Second")
    opened = []

    def open_elsewhere(entry):
        window = new_session(tmp_path)
        opened.append(window)
        return window.restore(entry)

    prompter = FakePrompter(recover=[Choice.RESTORE, Choice.RESTORE])
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery(open_elsewhere) == 2
    titles = {s.doc.map.title, opened[0].doc.map.title}
    assert titles == {"First", "Second"} and len(opened) == 1
    assert len(journal_files(tmp_path)) == 2  # both still journaled until saved


def test_restore_when_the_file_changed_meanwhile_asks_on_save(tmp_path, map_file):
    crashed_session(tmp_path, map_file, title="Mine")
    m = load_map(map_file)
    m.title = "Theirs"
    from app.io.mapsave import save_map

    save_map(m, map_file, backup=False)
    prompter = FakePrompter(recover=Choice.RESTORE, changed_on_disk=Choice.OVERWRITE)
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery() == 1
    assert s.save()
    assert prompter.kinds() == ["recover", "changed_on_disk"]
    assert load_map(map_file).title == "Mine"


def test_restore_asks_about_the_current_maps_unsaved_changes(tmp_path, map_file):
    crashed_session(tmp_path, title="Recovered")
    prompter = FakePrompter(recover=Choice.RESTORE, unsaved_changes=Choice.CANCEL)
    s = new_session(tmp_path, prompter)
    edit_title(s, "Typed since the start")
    assert s.offer_recovery() == 0
    assert s.doc.map.title == "Typed since the start"
    assert len(RecoveryJournal(tmp_path / "recovery").pending()) == 1  # still there for later


def test_a_damaged_journal_is_reported_and_never_deleted(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    damaged = folder / "0123456789abcdef.recovery.json"
    damaged.write_text(
        '{"format": "journeymap-recovery", "version": 1, "map_file": {"format": "journ', encoding="utf-8"
    )
    prompter = FakePrompter(recover=[Choice.RESTORE, Choice.LATER])
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery() == 0
    assert "damaged" in prompter.errors[0][0] and str(folder) in prompter.errors[0][1]
    assert damaged.exists()
    assert s.offer_recovery() == 0 and damaged.exists()


def test_an_unreadable_map_inside_a_journal_is_reported(tmp_path):
    crashed_session(tmp_path, title="Fine")
    entry_file = journal_files(tmp_path)[0]
    data = json.loads(entry_file.read_text(encoding="utf-8"))
    data["map_file"]["map"]["title"] = 12
    entry_file.write_text(json.dumps(data), encoding="utf-8")
    prompter = FakePrompter(recover=Choice.RESTORE)
    s = new_session(tmp_path, prompter)
    assert s.offer_recovery() == 0
    assert "map.title" in prompter.errors[0][0] and entry_file.exists()


def test_shutdown_without_an_answer_keeps_the_work_for_the_next_start(tmp_path, map_file):
    s = new_session(tmp_path)
    assert s.open(map_file)
    edit_title(s, "Not journaled yet")
    s.shutdown()  # e.g. the session manager ends the program: the edit is journaled first
    pending = RecoveryJournal(tmp_path / "recovery").pending()
    assert len(pending) == 1 and pending[0].load_map().title == "Not journaled yet"
    assert not lock_path(map_file).exists()
