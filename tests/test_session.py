"""The file session: open, edit, save, Save As, Revert, the modified marker, the unsaved-changes
prompt, failures shown in plain words, recent files, files changed by another program."""

from __future__ import annotations

import json
import os

import pytest

from app.io.diskfile import lock_path
from app.io.jsonfile import MapFileError, dumps_map, load_map
from app.io.mapsave import backup_path, save_map
from app.widgets.files import session as session_module
from tests.session_support import (
    Choice,
    FakePrompter,
    edit_card,
    edit_title,
    new_session,
    snapshot,
    write_map,
)

pytestmark = pytest.mark.usefixtures("session_test_paths")


# ----------------------------------------------------------------------------- open, save


def test_open_edit_save_reload_equal(tmp_path, map_file):
    s = new_session(tmp_path)
    replaced = []
    s.documentReplaced.connect(replaced.append)
    assert s.open(map_file)
    assert replaced == [s.doc] and s.path == map_file and not s.modified
    assert lock_path(map_file).exists()
    edit_card(s, "Call the hotline")
    edit_title(s, "Support journey")
    assert s.modified
    assert s.save()
    assert not s.modified
    assert s.doc.map.modified  # stamped at save time
    assert map_file.read_text(encoding="utf-8") == dumps_map(s.doc.map)
    assert backup_path(map_file).exists()  # the previous version is kept
    again = load_map(map_file)
    assert again.model_dump(mode="json") == s.doc.map.model_dump(mode="json")
    assert again.title == "Support journey"
    s.close()
    assert not lock_path(map_file).exists()


def test_save_keeps_fields_this_build_does_not_know(tmp_path, map_file):
    data = json.loads(map_file.read_text(encoding="utf-8"))
    data["map"]["future_field"] = {"kept": [1, 2]}
    map_file.write_text(json.dumps(data, indent=2), encoding="utf-8")
    s = new_session(tmp_path)
    assert s.open(map_file)
    edit_title(s, "Edited")
    assert s.save()
    saved = json.loads(map_file.read_text(encoding="utf-8"))
    assert saved["map"]["future_field"] == {"kept": [1, 2]} and saved["map"]["title"] == "Edited"


def test_save_with_no_changes_writes_nothing(tmp_path, map_file):
    s = new_session(tmp_path)
    assert s.open(map_file)
    before = snapshot(map_file.parent)
    messages = []
    s.message.connect(messages.append)
    assert s.save()
    assert snapshot(map_file.parent) == before
    assert messages == ["No changes to save."]


def test_save_as_switches_to_the_new_file_and_keeps_the_old(tmp_path, map_file):
    s = new_session(tmp_path)
    assert s.open(map_file)
    original = map_file.read_bytes()
    edit_title(s, "Branch")
    other = map_file.with_name("branch.journey.json")
    assert s.save_as(other)
    assert s.path == other and not s.modified
    assert map_file.read_bytes() == original
    assert load_map(other).title == "Branch"
    assert lock_path(other).exists() and not lock_path(map_file).exists()
    assert s.window_title() == "branch.journey.json[*] – Journey Map Studio"
    # Save goes to the new file from now on
    edit_title(s, "Branch 2")
    assert s.save()
    assert load_map(other).title == "Branch 2" and map_file.read_bytes() == original


def test_save_as_asks_for_a_name_adds_the_extension_and_asks_before_replacing(tmp_path, map_file):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    edit_title(s, "Fresh")
    existing = write_map(tmp_path / "maps" / "fresh.journey.json", title="Someone else's")
    prompter.script(save_path=tmp_path / "maps" / "fresh", confirm_overwrite=False)
    assert not s.save()  # untitled: Save asks for a name; the user declined to replace
    assert load_map(existing).title == "Someone else's" and s.modified and s.path is None
    prompter.script(save_path=None)
    assert not s.save_as()  # cancelled
    prompter.script(save_path=None)
    assert not s.save_as(False)  # as QAction.triggered(checked) calls it: asks for a name
    prompter.script(save_path=tmp_path / "maps" / "fresh", confirm_overwrite=True)
    assert s.save()
    assert s.path == existing and load_map(existing).title == "Fresh"
    assert backup_path(existing).exists()
    suggested = [arg for kind, arg in prompter.asked if kind == "save_path"][0]
    assert suggested.name == "Fresh.journey.json"


def test_revert_asks_and_reloads_the_saved_version(tmp_path, map_file):
    prompter = FakePrompter(confirm_revert=[False, True])
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Changed")
    assert not s.revert()  # declined: nothing changes
    assert s.doc.map.title == "Changed" and s.modified
    assert s.revert()
    assert s.doc.map.title == "Small map" and not s.modified and s.undo_stack.count() == 0
    assert s.path == map_file and lock_path(map_file).exists()


def test_revert_of_a_map_never_saved_does_nothing(tmp_path):
    s = new_session(tmp_path)
    edit_title(s, "Draft")
    assert not s.revert()
    assert s.doc.map.title == "Draft" and s.modified


# -------------------------------------------------------------------------- modified marker


def test_modified_marker_clears_when_undo_returns_to_the_saved_state(tmp_path, map_file):
    s = new_session(tmp_path)
    assert s.open(map_file)
    marks, titles = [], []
    s.modifiedChanged.connect(marks.append)
    s.titleChanged.connect(titles.append)
    assert s.title_with_marker() == "plan.journey.json – Journey Map Studio"
    edit_card(s, "One")
    edit_card(s, "Two", "c-s1-l-act-0")
    assert s.modified and s.title_with_marker() == "plan.journey.json* – Journey Map Studio"
    assert titles[-1] == "plan.journey.json[*] – Journey Map Studio"
    s.undo_stack.undo()
    assert s.modified
    s.undo_stack.undo()
    assert not s.modified and marks == [True, False]
    s.undo_stack.redo()
    assert s.modified
    assert s.save()
    s.undo_stack.undo()  # before the saved state
    assert s.modified
    s.undo_stack.redo()
    assert not s.modified and marks[-1] is False


# ------------------------------------------------------------------- unsaved-changes prompt


def test_close_with_unsaved_changes_save(tmp_path, map_file):
    prompter = FakePrompter(unsaved_changes=Choice.SAVE)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Saved on close")
    assert s.close()
    assert prompter.kinds() == ["unsaved_changes"] and prompter.asked[0][1] == "plan.journey.json"
    assert load_map(map_file).title == "Saved on close"
    assert not lock_path(map_file).exists()
    assert not list((tmp_path / "recovery").glob("*.recovery.json"))


def test_close_with_unsaved_changes_discard(tmp_path, map_file):
    prompter = FakePrompter(unsaved_changes=Choice.DISCARD)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    original = map_file.read_bytes()
    edit_title(s, "Thrown away")
    assert s.autosave_now()
    assert list((tmp_path / "recovery").glob("*.recovery.json"))
    assert s.close()
    assert map_file.read_bytes() == original
    assert not list((tmp_path / "recovery").glob("*.recovery.json"))  # discarded: journal gone too
    assert not lock_path(map_file).exists()


def test_close_with_unsaved_changes_cancel_keeps_everything(tmp_path, map_file):
    prompter = FakePrompter(unsaved_changes=Choice.CANCEL)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Keep me")
    assert s.autosave_now()
    before = snapshot(tmp_path)
    assert not s.close()
    assert s.doc.map.title == "Keep me" and s.modified and s.undo_stack.count() == 1
    assert s.path == map_file and lock_path(map_file).exists()
    assert snapshot(tmp_path) == before  # the file, the journal, the lock: all as they were
    edit_title(s, "Still editing")  # the session still works
    assert s.undo_stack.count() == 2


def test_close_save_that_fails_does_not_close(tmp_path, map_file, monkeypatch):
    prompter = FakePrompter(unsaved_changes=Choice.SAVE)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Unsaveable")

    def broken(m, path, backup=True):
        raise MapFileError(
            path,
            "",
            "cannot save (could not write the new file): the disk is full; the previous file is unchanged",
        )

    monkeypatch.setattr(session_module, "save_map", broken)
    assert not s.close()
    assert s.modified and s.doc.map.title == "Unsaveable"


def test_opening_another_file_asks_first_and_cancel_keeps_the_current_map(tmp_path, map_file):
    other = write_map(map_file.with_name("other.journey.json"), title="Other")
    prompter = FakePrompter(unsaved_changes=[Choice.CANCEL, Choice.DISCARD])
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Mine")
    assert not s.open(other)
    assert s.path == map_file and s.doc.map.title == "Mine" and s.modified
    assert lock_path(map_file).exists() and not lock_path(other).exists()
    assert s.open(other)
    assert s.path == other and s.doc.map.title == "Other" and not s.modified
    assert not lock_path(map_file).exists() and lock_path(other).exists()
    assert load_map(map_file).title == "Small map"


def test_new_from_template_asks_about_unsaved_changes(tmp_path, map_file):
    prompter = FakePrompter(unsaved_changes=[Choice.CANCEL, Choice.SAVE], choose_template=["b2b", None, ""])
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Work")
    assert not s.new_dialog()  # cancelled at the unsaved-changes prompt
    assert s.path == map_file
    assert not s.new_dialog()  # cancelled in the chooser: nothing asked about changes
    assert s.new_from_template("b2b")  # saved first
    assert load_map(map_file).title == "Work"
    assert s.path is None and not s.modified and s.doc.map.stages
    assert s.title_with_marker() == "Untitled – Journey Map Studio"
    assert s.new_dialog()  # "" = blank map; nothing to save
    assert not s.doc.map.stages


def test_unknown_template_is_an_error_and_keeps_the_map(tmp_path):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    edit_title(s, "Mine")
    assert not s.new_from_template("no-such-template")
    assert "unknown template" in prompter.errors[0][0]
    assert s.doc.map.title == "Mine"


# ------------------------------------------------------------------- never writes, never loses


def test_opening_and_closing_without_edits_never_writes(tmp_path, map_file):
    os.utime(map_file, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = snapshot(map_file.parent)
    s = new_session(tmp_path)
    assert s.open(map_file)
    s.check_disk()
    s.application_state_changed(session_module.Qt.ApplicationState.ApplicationInactive)
    assert not s.autosave_now()
    assert s.save()  # no changes: nothing written
    assert s.close()
    assert snapshot(map_file.parent) == before
    assert not backup_path(map_file).exists()
    assert not list((tmp_path / "recovery").glob("*.recovery.json"))


def test_a_bad_file_on_open_shows_the_error_and_keeps_the_current_map(tmp_path, map_file):
    bad = tmp_path / "maps" / "bad.journey.json"
    bad.write_text('{"format": "journeymap", "schema_version": 2, "map": {"title": 5}}', encoding="utf-8")
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Current")
    assert not s.open(bad)
    text, detail = prompter.errors[0]
    with pytest.raises(MapFileError) as err:
        load_map(bad)
    assert text == str(err.value) and "\n" not in text
    assert "map.title" in text
    assert s.path == map_file and s.doc.map.title == "Current" and s.modified
    assert "unsaved_changes" not in prompter.kinds()  # nothing asked: the file was refused first
    assert bad.read_text(encoding="utf-8").startswith('{"format"')  # and never touched


def test_a_missing_file_on_open_is_pruned_from_recent_files(tmp_path, map_file):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    s.recent.add(tmp_path / "gone.journey.json")
    assert not s.open(tmp_path / "gone.journey.json")
    assert "no such file" in prompter.errors[0][0]
    assert s.recent_files() == [map_file]


def test_a_failed_save_shows_the_message_and_keeps_the_work(tmp_path, map_file, monkeypatch):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    original = map_file.read_bytes()
    edit_title(s, "Precious")

    def broken(m, path, backup=True):
        raise MapFileError(
            path,
            "",
            "cannot save (could not replace the file): the disk is full; the previous file is unchanged",
        )

    monkeypatch.setattr(session_module, "save_map", broken)
    assert not s.save()
    text, detail = prompter.errors[0]
    assert text.endswith("the disk is full; the previous file is unchanged") and "\n" not in text
    assert "still open" in detail
    assert s.modified and s.doc.map.title == "Precious"
    assert map_file.read_bytes() == original


def test_a_real_failed_save_as_keeps_the_work(tmp_path, map_file):
    folder_in_the_way = tmp_path / "maps" / "taken.journey.json"
    folder_in_the_way.mkdir()
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Precious")
    assert not s.save_as(folder_in_the_way)
    assert "cannot save: is a folder" in prompter.errors[0][0]
    assert s.path == map_file and s.modified and lock_path(map_file).exists()
    assert not lock_path(folder_in_the_way).exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_save_into_a_read_only_folder_fails_plainly(tmp_path, map_file):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    original = map_file.read_bytes()
    edit_title(s, "Precious")
    os.chmod(map_file.parent, 0o555)
    try:
        assert not s.save()
    finally:
        os.chmod(map_file.parent, 0o755)
    assert "permission denied" in prompter.errors[0][0]
    assert s.modified and map_file.read_bytes() == original


# ---------------------------------------------------------------------------- recent files


def test_recent_files_most_recent_first_at_most_ten_missing_pruned(tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    paths = [write_map(folder / f"m{i}.journey.json", title=f"Map {i}") for i in range(12)]
    s = new_session(tmp_path)
    changes = []
    s.recentFilesChanged.connect(lambda: changes.append(1))
    for p in paths:
        assert s.open(p)
    assert s.recent_files() == list(reversed(paths))[:10]
    assert s.open(paths[5])
    assert s.recent_files()[0] == paths[5]
    paths[10].unlink()
    assert paths[10] not in s.recent_files() and len(s.recent_files()) == 9
    assert changes
    # a new session (the next start) sees the same list
    assert new_session(tmp_path).recent_files() == s.recent_files()
    s.clear_recent_files()
    assert s.recent_files() == []


# ------------------------------------------------------------------- changed by another program


def _rewrite(path, title):
    m = load_map(path)
    m.title = title
    save_map(m, path, backup=False)


@pytest.mark.parametrize("answer", [Choice.RELOAD, Choice.OVERWRITE, Choice.SAVE_AS, Choice.CANCEL])
def test_a_file_changed_by_another_program_asks_on_save(tmp_path, map_file, answer):
    other_name = map_file.with_name("mine.journey.json")
    prompter = FakePrompter(changed_on_disk=answer, save_path=other_name)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Mine")
    _rewrite(map_file, "Theirs")
    saved = s.save()
    assert prompter.kinds()[0] == "changed_on_disk"
    if answer == Choice.RELOAD:
        assert not saved
        assert s.doc.map.title == "Theirs" and not s.modified and s.path == map_file
        assert load_map(map_file).title == "Theirs"
    elif answer == Choice.OVERWRITE:
        assert saved and load_map(map_file).title == "Mine" and not s.modified
        assert load_map(backup_path(map_file)).title == "Theirs"  # their version kept as .bak
    elif answer == Choice.SAVE_AS:
        assert saved and s.path == other_name
        assert load_map(other_name).title == "Mine" and load_map(map_file).title == "Theirs"
    else:
        assert not saved and s.modified and s.doc.map.title == "Mine"
        assert load_map(map_file).title == "Theirs"
    if answer != Choice.SAVE_AS:
        assert "save_path" not in prompter.kinds()


def test_the_same_bytes_rewritten_is_not_a_change(tmp_path, map_file):
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file)
    data = map_file.read_bytes()
    os.unlink(map_file)
    map_file.write_bytes(data)  # new inode and times, same content
    edit_title(s, "Mine")
    assert s.save()  # no question
    assert load_map(map_file).title == "Mine"


def test_activation_reloads_a_changed_file_when_there_are_no_local_changes(tmp_path, map_file):
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file)
    messages, replaced = [], []
    s.message.connect(messages.append)
    s.documentReplaced.connect(replaced.append)
    _rewrite(map_file, "Theirs")
    s.application_state_changed(session_module.Qt.ApplicationState.ApplicationActive)
    assert s.doc.map.title == "Theirs" and not s.modified and len(replaced) == 1
    assert "has been reloaded" in messages[-1]
    s.check_disk()  # nothing new: nothing happens
    assert len(replaced) == 1


def test_activation_with_local_changes_keeps_them_and_tells_once(tmp_path, map_file):
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file)
    messages = []
    s.message.connect(messages.append)
    edit_title(s, "Mine")
    _rewrite(map_file, "Theirs")
    s.check_disk()
    s.check_disk()
    assert s.doc.map.title == "Mine" and s.modified
    assert len(messages) == 1 and "changed by another program" in messages[0]


def test_activation_with_an_unreadable_new_version_keeps_the_map(tmp_path, map_file):
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file)
    messages = []
    s.message.connect(messages.append)
    map_file.write_text("{ half a file", encoding="utf-8")
    s.check_disk()
    assert s.doc.map.title == "Small map" and "cannot be read" in messages[-1]


def test_a_deleted_file_makes_the_map_modified_and_save_writes_it_again(tmp_path, map_file):
    prompter = FakePrompter(unsaved_changes=Choice.CANCEL)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    map_file.unlink()
    s.check_disk()
    assert s.modified  # closing must not lose the only copy
    assert not s.close()
    assert s.save()
    assert load_map(map_file).title == "Small map" and not s.modified
