"""The editor's Save and Save As against hostile and unlucky files (issue 8, items 8, 9 and 11):
a newer version's file this build cannot parse is never overwritten, a save removes what killed
saves left behind, and hard links are one file: locked as one, and saved in place."""

from __future__ import annotations

import os
import time
import types

import pytest

from app.io import atomic
from app.io.jsonfile import load_map
from app.io.mapsave import backup_path
from app.model.schema import SCHEMA_VERSION
from tests.session_support import Choice, FakePrompter, OtherEditor, edit_title, new_session, snapshot

pytestmark = pytest.mark.usefixtures("session_test_paths")

NEWER = SCHEMA_VERSION + 5
# Only a tolerant scan finds this version: it is not in the first bytes and the JSON is cut off.
BROKEN_NEWER = (
    '{"map": {"title": "from the future", "stages": [{"id": "s1"\n  ]}, "schema_version": NEWER, "format": "journeymap"'
).replace("NEWER", str(NEWER))


def refused_newer(prompter: FakePrompter, path) -> None:
    assert [kind for kind in prompter.kinds() if kind == "error"] == ["error"]
    text, detail = prompter.errors[0]
    assert text == (
        f"{path}: refusing to overwrite a file written by a newer version of Journey Map Studio "
        f"(schema {NEWER}; this build reads up to {SCHEMA_VERSION})"
    )
    assert "not changed" in detail


def test_save_never_overwrites_a_newer_file_it_cannot_parse(tmp_path, map_file):
    prompter = FakePrompter(changed_on_disk=Choice.OVERWRITE)
    s = new_session(tmp_path, prompter)
    assert s.open(map_file)
    edit_title(s, "Mine")
    map_file.write_text(BROKEN_NEWER, encoding="utf-8")  # a newer editor saved over it meanwhile
    before = snapshot(map_file.parent)
    assert not s.save()
    refused_newer(prompter, map_file)
    assert snapshot(map_file.parent) == before
    assert s.modified and s.doc.map.title == "Mine"
    prompter.script(unsaved_changes=Choice.DISCARD)
    assert s.close()


def test_save_as_never_overwrites_a_newer_file_it_cannot_parse(tmp_path):
    future = tmp_path / "future.journey.json"
    future.write_text(BROKEN_NEWER, encoding="utf-8")
    prompter = FakePrompter(save_path=future)
    s = new_session(tmp_path, prompter)
    edit_title(s, "Mine")
    before = snapshot(tmp_path)
    assert not s.save_as()
    refused_newer(prompter, future)
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("recovery")} == {
        k: v for k, v in before.items() if not k.startswith("recovery")
    }
    assert s.path is None and s.modified


def test_save_removes_stale_temporary_files_of_killed_saves(tmp_path, map_file, monkeypatch):
    folder = map_file.parent
    stale = folder / ".plan.journey.json.5f5f5f5f.tmp"
    stale.write_text('{"format": "journeymap", "sche', encoding="utf-8")
    foreign = folder / ".plan.journey.json.tmp"
    foreign.write_text("another program's", encoding="utf-8")
    for path in (stale, foreign):
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    # 11 minutes later (os.utime cannot age a file's ctime, so the save's clock moves instead)
    shift = atomic.STALE_TEMP_SECONDS + 60
    monkeypatch.setattr(atomic, "time", types.SimpleNamespace(time=lambda: time.time() + shift))
    s = new_session(tmp_path)
    assert s.open(map_file)
    edit_title(s, "Saved")
    assert s.save()
    assert not stale.exists() and foreign.exists()
    assert load_map(map_file).title == "Saved" and backup_path(map_file).exists()
    s.close()


# ---------------------------------------------------------------------------------- hard links


@pytest.fixture
def second_link(map_file):
    """Another name (a hard link) for the map file, in another folder."""
    folder = map_file.parent.parent / "elsewhere"
    folder.mkdir()
    link = folder / "same plan.journey.json"
    os.link(map_file, link)
    return link


def test_a_hard_link_to_a_file_open_in_another_editor_is_detected(tmp_path, map_file, second_link):
    work = tmp_path / "other"
    work.mkdir()
    other = OtherEditor("open", map_file, work)
    try:
        prompter = FakePrompter(locked=Choice.READ_ONLY)
        s = new_session(tmp_path, prompter)
        assert s.open(second_link)
        name, owner = prompter.asked[0][1]
        assert name == second_link.name and f"process {other.pid}" in owner
        assert s.read_only
        s.close()
        # Save As onto the other name is refused too: it is the file the other editor has open
        prompter = FakePrompter()
        s = new_session(tmp_path, prompter)
        edit_title(s, "Mine")
        assert not s.save_as(second_link)
        assert prompter.kinds() == ["error"] and "open in another Journey Map Studio window" in prompter.errors[0][0]
        assert load_map(map_file).title == "Small map"
    finally:
        other.quit()
    s = new_session(tmp_path, FakePrompter())
    assert s.open(second_link) and not s.read_only  # free again once the other editor quit
    s.close()


def test_two_sessions_in_one_process_see_two_links_as_one_file(tmp_path, map_file, second_link):
    first = new_session(tmp_path)
    assert first.open(map_file)
    edit_title(first, "Saved through the first name")
    assert first.save()  # the lock follows the file through the save
    prompter = FakePrompter(locked=Choice.CANCEL)
    second = new_session(tmp_path, prompter)
    assert not second.open(second_link)
    assert prompter.kinds() == ["locked"]
    assert first.open(second_link)  # the same session: it is already open
    assert first.path == map_file
    first.close()
    second.close()


def test_saving_through_a_hard_link_keeps_the_link(tmp_path, map_file, second_link):
    before = map_file.read_bytes()
    inode = map_file.stat().st_ino
    s = new_session(tmp_path)
    assert s.open(second_link)
    edit_title(s, "Saved through the second name")
    assert s.save()
    assert second_link.stat().st_ino == inode and map_file.stat().st_ino == inode and map_file.stat().st_nlink == 2
    assert load_map(map_file).title == "Saved through the second name"  # the other name sees it
    bak = backup_path(second_link)
    assert bak.read_bytes() == before and bak.stat().st_ino != inode  # a copy, not a third link
    edit_title(s, "Again")
    assert s.save() and load_map(map_file).title == "Again" and map_file.stat().st_ino == inode
    s.close()


def test_a_failed_save_through_a_hard_link_leaves_the_file_as_it_was(tmp_path, map_file, second_link, monkeypatch):
    before = map_file.read_bytes()
    prompter = FakePrompter()
    s = new_session(tmp_path, prompter)
    assert s.open(second_link)
    edit_title(s, "A much longer title than the one saved in the file before")
    real_ftruncate = os.ftruncate
    calls = []

    def disk_full_once(fd, length):  # the new content is written, then the disk is full
        calls.append(length)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_ftruncate(fd, length)

    monkeypatch.setattr(os, "ftruncate", disk_full_once)
    assert not s.save()
    monkeypatch.undo()
    text, detail = prompter.errors[0]
    assert text == (
        f"{second_link}: cannot save (could not write the file in place): the disk is full; "
        "the previous file is unchanged"
    )
    assert map_file.read_bytes() == before and second_link.read_bytes() == before
    assert map_file.stat().st_nlink == 2 and s.modified
    prompter.script(unsaved_changes=Choice.DISCARD)
    assert s.close()


def test_an_autosave_failure_message_keeps_the_paths_case(tmp_path, monkeypatch):
    s = new_session(tmp_path)
    messages = []
    s.message.connect(messages.append)
    edit_title(s, "Unsaved")

    def failing(*args, **kwargs):  # a library's OSError: no errno, its text names a path
        raise OSError("Recovery folder /Volumes/USB Stick/Journeys is not mounted")

    monkeypatch.setattr(s.journal, "write", failing)
    assert not s.autosave_now()
    assert messages == [
        "Autosave failed (Recovery folder /Volumes/USB Stick/Journeys is not mounted). Save your work to keep it."
    ]
    monkeypatch.undo()
    prompter = s.prompter
    prompter.script(unsaved_changes=Choice.DISCARD)
    assert s.close()
