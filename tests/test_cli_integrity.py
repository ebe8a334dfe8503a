"""Hostile and unlucky files through the `journeymap` command (issue 8, items 8-12): newer files
this build cannot parse are never overwritten, killed saves' temporary files are cleaned up,
an export never silently replaces a map, and messages stay one honest line."""

from __future__ import annotations

import json
import os
import time
import types
from pathlib import Path

import pytest

from app.cli import main
from app.io import atomic, jsonfile
from app.io.jsonfile import load_map
from app.model.schema import SCHEMA_VERSION
from tests.test_cli import envelope, one_line, small_v2_map, v1_document, write_json

NEWER = SCHEMA_VERSION + 97

# A newer version's files that this build cannot parse: the version is not in the canonical
# first bytes, so only a tolerant scan finds it.
BROKEN_NEWER = {
    "version first, then broken": '{"schema_version": NEWER, "format": "journeymap", "map": {"stages": [{"id": ',
    "version after the map, cut off": (
        '{"format": "journeymap", "map": {"title": "a \\"schema_version\\": 1 in text", "stages": []},\n'
        '  "schema_version": NEWER, "map2": {"x": [1, 2'
    ),
    "new syntax around the version": (
        '{\n  // comments, allowed by that version\n  "format": "journeymap",\n  "schema_version": NEWER,\n  "map": {}\n}'
    ),
}


@pytest.fixture(params=sorted(BROKEN_NEWER))
def newer_file(request, tmp_path) -> Path:
    path = tmp_path / "future.journey.json"
    path.write_text(BROKEN_NEWER[request.param].replace("NEWER", str(NEWER)), encoding="utf-8")
    return path


def refused_newer(path: Path, before: bytes, err: str) -> None:
    line = one_line(err)
    assert line == (
        f"journeymap: {path}: refusing to overwrite a file written by a newer version of Journey Map Studio "
        f"(schema {NEWER}; this build reads up to {SCHEMA_VERSION})"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no backup, no temp file


def test_convert_never_overwrites_a_newer_file_it_cannot_parse(tmp_path, newer_file, capsys):
    sources = tmp_path.parent / f"{tmp_path.name}-sources"
    sources.mkdir()
    source = write_json(sources / "v1.json", v1_document())
    before = newer_file.read_bytes()
    assert main(["convert", str(source), "-o", str(newer_file)]) == 2
    refused_newer(newer_file, before, capsys.readouterr().err)


def test_new_force_never_overwrites_a_newer_file_it_cannot_parse(newer_file, capsys):
    before = newer_file.read_bytes()
    assert main(["new", "-o", str(newer_file), "--force"]) == 2
    refused_newer(newer_file, before, capsys.readouterr().err)


def test_a_newer_file_too_large_to_parse_is_never_overwritten(tmp_path, monkeypatch, capsys):
    # The map comes first and is larger than the file limit: the version is found by the scan.
    monkeypatch.setattr(jsonfile, "MAX_FILE_BYTES", 4096)
    path = write_json(tmp_path / "huge.journey.json", {"map": small_v2_map(notes="x" * 5000), "format": "journeymap"})
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:-2] + f',\n  "schema_version": {NEWER}\n}}', encoding="utf-8")
    assert path.stat().st_size > 4096
    before = path.read_bytes()
    assert main(["new", "-o", str(path), "--force"]) == 2
    refused_newer(path, before, capsys.readouterr().err)


@pytest.mark.parametrize(
    "text",
    [
        '{"schema_version": 99, "format": "something-else", "data": [',  # another program's file
        '{"notes": "\\"schema_version\\": 99", "items": [',  # the words inside a string only
        '{"nested": {"schema_version": 99}, "x": [',  # not at the top level
        "not json at all",
    ],
)
def test_broken_files_that_are_not_newer_maps_may_still_be_replaced(tmp_path, text, capsys):
    path = tmp_path / "old.journey.json"
    path.write_text(text, encoding="utf-8")
    assert main(["new", "-o", str(path), "--force"]) == 0
    assert load_map(path).stages
    assert (tmp_path / "old.journey.json.bak").read_text(encoding="utf-8") == text


# ------------------------------------------------------------------ stale temporary files


def aged(path: Path, seconds: float) -> Path:
    """Make ``path`` look untouched for ``seconds`` (its mtime; the clock is moved for the ctime)."""
    st = path.lstat()
    os.utime(path, (st.st_atime - seconds, st.st_mtime - seconds), follow_symlinks=False)
    return path


@pytest.fixture
def later(monkeypatch):
    """The save's clock runs 11 minutes ahead, so that files made now count as made 11 minutes
    ago (os.utime cannot move a file's ctime). Returns how to make a file that is fresh then."""
    shift = atomic.STALE_TEMP_SECONDS + 60
    monkeypatch.setattr(atomic, "time", types.SimpleNamespace(time=lambda: time.time() + shift))

    def fresh(path: Path) -> Path:
        return aged(path, -shift)  # touched "now" on the moved clock

    return fresh


def test_the_next_save_removes_a_killed_saves_temporary_files(tmp_path, later, capsys):
    folder = tmp_path / "maps"
    folder.mkdir()
    target = folder / "plan.journey.json"
    leftover = folder / ".plan.journey.json.0a1b2c3d.tmp"
    leftover.write_text('{"format": "journeymap", "schema_v', encoding="utf-8")
    aged(leftover, 3600)
    other_map_leftover = folder / ".other.journey.json.deadbeef.tmp"
    other_map_leftover.write_bytes(b"half")
    aged(other_map_leftover, 3600)
    old_map = folder / "old.journey.json"
    old_map.write_text("the previous version", encoding="utf-8")
    aged(old_map, 3600)
    bak_leftover = folder / ".plan.journey.json.bak.12345678.tmp"  # a killed save's backup link
    os.link(old_map, bak_leftover)
    kept = {
        "fresh": folder / ".plan.journey.json.89abcdef.tmp",  # a save in progress
        "foreign": folder / ".plan.journey.json.tmp",  # another program's name
        "foreign2": folder / ".foo.tmp",
        "upper": folder / ".plan.journey.json.0A1B2C3D.tmp",  # not our pattern
        "no dot": folder / "plan.journey.json.0a1b2c3d.tmp",
        "target": folder / "precious.txt",
        "old map": old_map,
    }
    for name, path in kept.items():
        if name not in ("fresh", "old map"):
            path.write_text(name, encoding="utf-8")
            aged(path, 3600)
    kept["fresh"].write_text("fresh", encoding="utf-8")
    later(kept["fresh"])
    link = folder / ".precious.txt.fedcba98.tmp"  # a symbolic link with our name: kept, and its target
    link.symlink_to(kept["target"])
    aged(link, 3600)
    assert main(["new", "-o", str(target)]) == 0
    names = {p.name for p in folder.iterdir()}
    assert leftover.name not in names and other_map_leftover.name not in names and bak_leftover.name not in names
    assert {p.name for p in kept.values()} | {link.name, target.name} == names
    assert kept["target"].read_text(encoding="utf-8") == "target" and link.is_symlink()
    assert old_map.read_text(encoding="utf-8") == "the previous version" and old_map.stat().st_nlink == 1


def test_a_save_without_leftovers_to_remove_keeps_recent_temporary_files(tmp_path, capsys):
    # Without the moved clock a leftover made a moment ago is still a possible save in progress.
    target = tmp_path / "plan.journey.json"
    recent = tmp_path / ".plan.journey.json.0a1b2c3d.tmp"
    recent.write_text("in progress", encoding="utf-8")
    aged(recent, 3600)  # mtime old, but ctime now: someone just renamed or linked it
    assert main(["new", "-o", str(target)]) == 0
    assert recent.exists()


def test_convert_removes_stale_temporary_files_in_the_output_folder(tmp_path, later, capsys):
    source = write_json(tmp_path / "v1.json", v1_document())
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".v2.journey.json.00000000.tmp"
    stale.write_bytes(b"")
    aged(stale, 601)
    assert main(["convert", str(source), "-o", str(out / "v2.journey.json")]) == 0
    assert not stale.exists()
    assert json.loads((out / "v2.journey.json").read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION



# ------------------------------------------------------------------ export over a map


@pytest.fixture
def plan(tmp_path) -> Path:
    return write_json(tmp_path / "plan.journey.json", envelope(small_v2_map()))


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_export_over_the_map_itself_is_refused_unless_forced(plan, fmt, capsys):
    before = plan.read_bytes()
    assert main(["export", str(plan), "-o", str(plan), "--format", fmt]) == 2
    assert one_line(capsys.readouterr().err) == (
        f"journeymap: {plan}: is the map being exported; refusing to replace it with the {fmt.upper()} "
        "(use --force to replace it, keeping a .bak)"
    )
    assert plan.read_bytes() == before and sorted(p.name for p in plan.parent.iterdir()) == [plan.name]
    assert main(["export", str(plan), "-o", str(plan), "--format", fmt, "--force"]) == 0
    assert plan.read_bytes().startswith(b"%PDF" if fmt == "pdf" else b"<?xml")
    assert plan.with_name(plan.name + ".bak").read_bytes() == before


def test_export_over_another_map_is_refused_even_a_broken_or_newer_one(plan, tmp_path, capsys):
    others = {
        "map.pdf": plan.read_bytes(),  # a map, whatever its name says
        "broken.png": b'{"format": "journeymap", "schema_version": 1, "map": {"stages": [',
        "newer.svg": b'{"map": {"stages": []}, "schema_version": 99, "format": "journeymap", "x": }',
        "unlabelled.pdf": b'{"map": {"title": "no format key", "stages": [{"id": "s1"}]',
    }
    for name, data in others.items():
        out = tmp_path / name
        out.write_bytes(data)
        assert main(["export", str(plan), "-o", str(out)]) == 2
        err = one_line(capsys.readouterr().err)
        assert err.startswith(f"journeymap: {out}: is a journey map; refusing to replace it") and "--force" in err
        assert out.read_bytes() == data
    link = tmp_path / "link.pdf"  # another name for the map: the same file
    link.symlink_to(plan)
    assert main(["export", str(plan), "-o", str(link)]) == 2
    assert "is the map being exported" in one_line(capsys.readouterr().err)
    assert not list(tmp_path.glob("*.bak"))


def test_export_replaces_files_that_are_not_maps_as_before(plan, tmp_path, capsys):
    old = tmp_path / "old.pdf"
    old.write_bytes(b"%PDF-1.4 last week's poster")
    notes = tmp_path / "notes.svg"
    notes.write_text('{"title": "some other JSON", "items": {"stages": 3}}', encoding="utf-8")  # "stages" too deep
    assert main(["export", str(plan), "-o", str(old)]) == 0
    assert main(["export", str(plan), "-o", str(notes)]) == 0
    assert notes.read_bytes().startswith(b"<?xml")
    assert not list(tmp_path.glob("*.bak"))


# ------------------------------------------------------------------------------ hard links


def test_convert_through_a_hard_link_keeps_the_link_and_a_backup(tmp_path, capsys):
    source = write_json(tmp_path / "v1.json", v1_document())
    target = write_json(tmp_path / "plan.journey.json", envelope(small_v2_map()))
    other_name = tmp_path / "shared" / "plan.journey.json"
    other_name.parent.mkdir()
    os.link(target, other_name)
    before = target.read_bytes()
    assert main(["convert", str(source), "-o", str(other_name)]) == 0
    assert os.path.samefile(target, other_name) and target.stat().st_nlink == 2
    assert load_map(target).title == "Old café map"
    assert (other_name.parent / "plan.journey.json.bak").read_bytes() == before


def test_when_writing_in_place_and_restoring_both_fail_the_backup_is_named(tmp_path, monkeypatch, capsys):
    source = write_json(tmp_path / "v1.json", v1_document())
    target = write_json(tmp_path / "plan.journey.json", envelope(small_v2_map()))
    os.link(target, tmp_path / "second name.journey.json")
    before = target.read_bytes()

    def failing(fd, length):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "ftruncate", failing)
    assert main(["convert", str(source), "-o", str(target)]) == 2
    monkeypatch.undo()
    assert one_line(capsys.readouterr().err) == (
        f"journeymap: {target}: cannot save (could not write the file in place): input/output error "
        "(is the disk failing or disconnected?); the file may be incomplete: the previous version is kept "
        "as plan.journey.json.bak"
    )
    assert (tmp_path / "plan.journey.json.bak").read_bytes() == before


# ------------------------------------------------------------------------------ small ones


def test_png_too_big_advice_proposes_something_the_command_accepts(tmp_path, capsys, qapp):
    # 100 stages of the widest kind: even the smallest dpi (10) is too big for a PNG
    stages = [{"id": f"s{i}", "name": f"Stage {i}", "width": 5000} for i in range(100)]
    cards = [{"id": "c1", "stage_id": "s0", "lane_id": "l1", "title": "Quote"}]
    plan = write_json(tmp_path / "wide.journey.json", envelope(small_v2_map(stages=stages, cards=cards)))
    out = tmp_path / "wide.png"
    assert main(["export", str(plan), "-o", str(out), "--dpi", "10"]) == 2
    err = one_line(capsys.readouterr().err)
    assert "is too big" in err and "dpi or less" not in err  # no dpi under 10 is proposed
    width = int(err.split("use a width of ")[1].split(" px")[0])
    assert main(["export", str(plan), "-o", str(out), "--width", str(width)]) == 0
    assert f"PNG {width} x " in capsys.readouterr().out


def test_an_integer_too_long_for_python_is_a_plain_message(tmp_path, capsys):
    path = tmp_path / "digits.journey.json"
    path.write_text('{"format": "journeymap", "schema_version": 2,\n "map": {"votes": ' + "9" * 5000 + "}}", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = one_line(capsys.readouterr().err)
    assert err == f"{path}: line 2, column 19: number 999999999999… has 5000 digits: too long for a number in a map"
    assert "sys." not in err and "set_int_max_str_digits" not in err


def test_error_messages_keep_the_paths_case(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Plans").mkdir()
    real_replace = os.replace

    def refusing(src, dst):  # e.g. a library's OSError: no errno, its text names the path
        if str(dst).endswith(".journey.json"):
            raise OSError("Plans/Q3 Map.journey.json is locked by SyncTool")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refusing)
    assert main(["new", "-o", "Plans/Q3 Map.journey.json"]) == 2
    assert one_line(capsys.readouterr().err) == (
        "journeymap: Plans/Q3 Map.journey.json: cannot save (could not replace the file): "
        "Plans/Q3 Map.journey.json is locked by SyncTool; the previous file is unchanged"
    )


def test_file_names_with_newlines_and_control_characters_are_escaped(tmp_path, capsys):
    tricky = tmp_path / "two\nlines\x1b[31m.journey.json"
    shown = str(tricky).replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert main(["new", "-o", str(tricky)]) == 0
    assert one_line(capsys.readouterr().out) == f"{shown}: new map from template 'b2b'"
    assert main(["validate", str(tricky)]) == 0
    assert one_line(capsys.readouterr().out).startswith(f"{shown}: ok (")
    assert main(["new", "-o", str(tricky)]) == 2
    assert one_line(capsys.readouterr().err).startswith(f"journeymap: {shown}: already exists")
    out = tmp_path / "out\r.journey.json"
    assert main(["convert", str(tricky), "-o", str(out)]) == 0
    assert one_line(capsys.readouterr().out) == f"{shown} -> {tmp_path}/out\\r.journey.json (schema version {SCHEMA_VERSION})"
