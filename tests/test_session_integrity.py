"""The editor's Save and Save As against hostile and unlucky files (issue 8, items 8, 9 and 11):
a newer version's file this build cannot parse is never overwritten, a save removes what killed
saves left behind, and hard links are one file: locked as one, and saved in place."""

from __future__ import annotations

import os
import time
import types

import pytest

from app.io import atomic
from app.io.jsonfile import backup_path, load_map
from app.model.schema import SCHEMA_VERSION
from tests.session_support import Choice, FakePrompter, edit_title, new_session, snapshot

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
