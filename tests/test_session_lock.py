"""A map another running editor has open (its QLockFile, held by a real second process) is
offered read-only or as a copy; a dead editor's lock is taken over without a question."""

from __future__ import annotations

import pytest

from app.io.diskfile import FileLock, LockStatus, lock_path
from app.io.jsonfile import load_map
from tests.session_support import (
    Choice,
    FakePrompter,
    OtherEditor,
    edit_title,
    new_session,
    snapshot,
)

pytestmark = pytest.mark.usefixtures("session_test_paths")


@pytest.fixture
def other_editor(tmp_path, map_file):
    work = tmp_path / "other"
    work.mkdir()
    editor = OtherEditor("open", map_file, work)
    yield editor
    if editor.proc.poll() is None:
        editor.quit()


def test_a_file_open_elsewhere_can_be_opened_read_only(tmp_path, map_file, other_editor):
    before = map_file.read_bytes()
    prompter = FakePrompter(locked=Choice.READ_ONLY)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    name, owner = prompter.asked[0][1]
    assert name == "plan.journey.json" and f"process {other_editor.pid}" in owner
    assert s.read_only and s.path == map_file and s.doc.map.title == "Small map"
    assert s.title_with_marker() == "plan.journey.json (read-only) – Journey Map Studio"
    # Save never writes over the file the other editor has open: it asks for a new name
    edit_title(s, "My variant")
    mine = map_file.with_name("variant.journey.json")
    prompter.script(save_path=mine)
    assert s.save()
    assert map_file.read_bytes() == before and load_map(mine).title == "My variant"
    assert s.path == mine and not s.read_only and lock_path(mine).exists()
    assert lock_path(map_file).exists()  # still the other editor's
    s.close()


def test_a_file_open_elsewhere_can_be_opened_as_a_copy(tmp_path, map_file, other_editor):
    prompter = FakePrompter(locked=Choice.COPY)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    assert s.path is None and s.copy_of == map_file and not s.read_only and not s.modified
    assert s.title_with_marker() == "Copy of plan.journey.json – Journey Map Studio"
    edit_title(s, "Copied")
    prompter.script(save_path=None)
    assert not s.save()
    suggested = [arg for kind, arg in prompter.asked if kind == "save_path"][0]
    assert suggested == map_file.with_name("plan (copy).journey.json")
    assert load_map(map_file).title == "Small map"


def test_cancel_keeps_the_current_map(tmp_path, map_file, other_editor):
    prompter = FakePrompter(locked=Choice.CANCEL)
    s = new_session(tmp_path, prompter)
    edit_title(s, "Current")
    assert not s.open(map_file)
    assert s.path is None and s.doc.map.title == "Current" and s.modified
    assert prompter.kinds() == ["locked"]


def test_save_as_onto_a_file_open_elsewhere_is_refused(tmp_path, map_file, other_editor):
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    edit_title(s, "Mine")
    before = snapshot(map_file.parent)
    assert not s.save_as(map_file)
    assert "open in another Journey Map Studio window" in prompter.errors[0][0]
    assert snapshot(map_file.parent) == before and s.modified and s.path is None


def test_the_lock_is_free_again_when_the_other_editor_quits(tmp_path, map_file, other_editor):
    other_editor.quit()
    assert not lock_path(map_file).exists()
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file) and not s.read_only


def test_a_read_only_map_can_be_saved_to_its_file_once_the_other_editor_quits(
    tmp_path, map_file, other_editor
):
    prompter = FakePrompter(locked=Choice.READ_ONLY, save_path=[map_file, map_file])
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Mine after all")
    assert not s.save()  # still open there: refused, nothing written
    assert "still open in another" in prompter.errors[0][0] and load_map(map_file).title == "Small map"
    other_editor.quit()
    assert s.save()
    assert load_map(map_file).title == "Mine after all"
    assert (
        not s.read_only
        and lock_path(map_file).exists()
        and s.title_with_marker().startswith("plan.journey.json –")
    )


def test_a_dead_editors_lock_is_taken_over(tmp_path, map_file):
    work = tmp_path / "other"
    work.mkdir()
    editor = OtherEditor("open", map_file, work)
    editor.kill()
    assert lock_path(map_file).exists()
    s = new_session(tmp_path, FakePrompter())
    assert s.open(map_file)  # no question asked
    assert not s.read_only and s.path == map_file
    assert FileLock(map_file).acquire() is LockStatus.HELD_ELSEWHERE  # ours now, and live


def test_two_sessions_in_one_process_exclude_each_other(tmp_path, map_file):
    first = new_session(tmp_path, FakePrompter())
    assert first.open(map_file)
    prompter = FakePrompter(locked=Choice.CANCEL)
    second = new_session(tmp_path, prompter)
    assert not second.open(map_file)
    assert prompter.kinds() == ["locked"]
    first.close()
    assert second.open(map_file)
