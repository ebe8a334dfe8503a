"""Map files: format, golden files of every schema version, unknown fields, atomic save, and one
clear one-line error (never a traceback) for every kind of bad input."""

from __future__ import annotations

import base64
import copy
import errno
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io import jsonfile
from app.io.jsonfile import (
    EXTENSION,
    FORMAT,
    MAX_FILE_BYTES,
    MAX_NESTING,
    MapFileError,
    dumps_map,
    load_map,
    loads_map,
    read_envelope,
)
from app.io.mapsave import backup_path, save_map
from app.model.schema import SCHEMA_VERSION, CardKind, JourneyType, LaneType, LinkKind, Map, Perspective
from benchmarks.generate import generate_map
from tests.model_factory import small_map

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "schema-v1.journey.json"
V2 = FIXTURES / "schema-v2.journey.json"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def v2_data() -> dict:
    return json.loads(V2.read_text(encoding="utf-8"))


def envelope(map_data: dict, version: int = SCHEMA_VERSION) -> str:
    return json.dumps({"format": FORMAT, "schema_version": version, "map": map_data}, indent=2)


def check_line(err: MapFileError, path: Path | str) -> None:
    """The error names the file first, is one line, and str() is exactly path: where: message."""
    text = str(err)
    assert "\n" not in text and "\r" not in text
    assert err.path == Path(path)
    assert text.startswith(f"{path}: ")
    assert text == (f"{path}: {err.where}: {err.message}" if err.where else f"{path}: {err.message}")
    assert err.problems and err.problems[0] == text
    for line in err.problems:
        assert "\n" not in line and line.startswith(f"{path}: ")


def load_error(tmp_path: Path, content: str | bytes, name: str = "bad.journey.json") -> MapFileError:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    check_line(info.value, path)
    return info.value


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


# ------------------------------------------------------------------------------------ the format


def test_constants() -> None:
    assert FORMAT == "journeymap"
    assert EXTENSION == ".journey.json"
    assert MAX_FILE_BYTES == 256 * 1024 * 1024


def test_dumps_layout() -> None:
    text = dumps_map(small_map())
    assert text.startswith('{\n  "format": "journeymap",\n  "schema_version": 2,\n  "map": {\n    "id": "map-test",\n')
    assert text.endswith("\n  }\n}\n") and not text.endswith("\n\n")
    doc = json.loads(text)
    assert list(doc) == ["format", "schema_version", "map"]
    # declaration order; an open vote (Map.vote) is written only while there is one
    assert list(doc["map"]) == [f for f in Map.model_fields if f != "vote"]
    assert list(doc["map"]["cards"][0])[:3] == ["id", "stage_id", "lane_id"]


def test_dumps_is_json_dumps_of_model_dump() -> None:
    """Same bytes as the obvious (five times slower) json.dumps of model_dump(mode="json")."""
    for m in (small_map(), load_map(V2), generate_map(50)):
        expected = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "map": m.model_dump(mode="json")}
        assert dumps_map(m) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_non_ascii_is_written_as_is(tmp_path: Path) -> None:
    m = small_map()
    m.title = "Café São Paulo — 東京 😀"
    path = tmp_path / "m.journey.json"
    save_map(m, path)
    raw = path.read_bytes()
    assert "Café São Paulo — 東京 😀".encode() in raw
    assert b"\\u" not in raw
    assert load_map(path).title == "Café São Paulo — 東京 😀"


def test_save_then_load_gives_an_equal_map(tmp_path: Path) -> None:
    for m in (small_map(), generate_map(300), Map()):
        path = tmp_path / "m.journey.json"
        save_map(m, path)
        assert load_map(path) == m


def test_resaving_a_file_this_build_wrote_is_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "golden.journey.json"
    path.write_bytes(V2.read_bytes())
    save_map(load_map(path), path)
    assert path.read_bytes() == V2.read_bytes()
    assert dumps_map(loads_map(V2.read_bytes(), V2)).encode("utf-8") == V2.read_bytes()

    m = generate_map(200)
    save_map(m, path)
    first = path.read_bytes()
    save_map(load_map(path), path)
    assert path.read_bytes() == first


def test_loads_map_accepts_str_and_bytes() -> None:
    text = V2.read_text(encoding="utf-8")
    assert loads_map(text, "x") == loads_map(text.encode("utf-8"), "x") == load_map(V2)


def test_a_byte_order_mark_is_tolerated() -> None:
    assert loads_map(b"\xef\xbb\xbf" + V2.read_bytes(), "bom.json") == load_map(V2)


def test_read_envelope_returns_the_stored_version_unmigrated() -> None:
    env = read_envelope(V1)
    assert env["format"] == FORMAT and env["schema_version"] == 1
    assert env["map"]["cards"][0]["cell"] == {"stage": "st-purchase", "lane": "ln-actions"}
    assert read_envelope(V2)["schema_version"] == 2


# ------------------------------------------------------------------------------- golden files


def check_golden_common(m: Map) -> None:
    """What schema 1 and 2 golden files have in common, as concrete values."""
    assert m.id == "map-golden"
    assert m.title == "Laptop refresh — B2B purchase"
    assert m.journey_type is JourneyType.PURCHASE
    assert m.created == "2025-03-04T09:30:00+00:00" and m.modified == "2025-03-05T16:45:10+00:00"
    assert m.model_extra == {"x_workshop": {"room": "Salle 4", "facilitator": "Zoë", "dots_per_person": 5}}

    ana, bo = m.personas
    assert (ana.id, ana.name, ana.age, ana.role, ana.tech_familiarity, ana.region, ana.colour) == (
        "p-ana", "Ana Müller", 41, "IT procurement lead", 4, "DACH", "#0072B2",
    )  # fmt: skip
    assert ana.quote == "I just want it to work on day one."
    photo = base64.b64decode(ana.photo)
    assert photo.startswith(b"\x89PNG\r\n\x1a\n") and len(photo) == 69
    assert (bo.id, bo.name, bo.age, bo.photo) == ("p-bo", "Bo Chen", None, "")

    assert [(s.id, s.name, s.width, s.colour) for s in m.stages] == [
        ("st-purchase", "Purchase", 260.0, "#E69F00"),
        ("st-deliver", "Deliver/Setup", 220.0, ""),
        ("st-use", "Use and Support", 300.0, "#009E73"),
    ]
    assert [(ln.id, ln.type, ln.hidden) for ln in m.lanes] == [
        ("ln-actions", LaneType.ACTIONS, False),
        ("ln-feel", LaneType.FEELINGS, False),
        ("ln-touch", LaneType.TOUCHPOINTS, False),
        ("ln-back", LaneType.BACKSTAGE, False),
        ("ln-pain", LaneType.PAIN_POINTS, False),
        ("ln-notes", LaneType.TEXT, True),
    ]
    assert m.lanes[0].height == 120.0 and m.lanes[3].colour == "#CC79A7"

    assert [(c.id, c.stage_id, c.lane_id, c.order) for c in m.cards] == [
        ("c-order", "st-purchase", "ln-actions", 0),
        ("c-portal", "st-purchase", "ln-touch", 0),
        ("c-ship", "st-deliver", "ln-back", 0),
        ("c-late", "st-deliver", "ln-pain", 0),
        ("c-call", "st-use", "ln-touch", 1),
    ]
    order = m.cards[0]
    assert order.kind is CardKind.ACTION and order.channel == "Web portal" and order.owner == "Sales"
    assert (order.importance_internal, order.performance_internal) == (4, 3)
    assert (order.importance_customer, order.performance_customer) == (5, 2)
    assert order.moment_of_truth and not order.pain_point
    assert order.tags == ["portal", "PO"] and order.votes == 3 and order.colour == "#F0E442"
    assert order.persona_ids == ["p-ana"]
    assert order.model_extra == {"x_sticky": {"paper": "yellow", "author": "Zoë"}}
    late = m.cards[3]
    assert late.kind is CardKind.PAIN and late.pain_point and late.votes == 7
    assert m.cards[1].persona_ids == ["p-ana", "p-bo"] and m.cards[1].importance_internal is None

    ana_curve, internal = m.curves
    assert (ana_curve.persona_id, ana_curve.perspective, ana_curve.visible) == ("p-ana", Perspective.CUSTOMER, True)
    assert [(p.id, p.stage_id, p.x, p.value, p.card_id) for p in ana_curve.points] == [
        ("pt-1", "st-purchase", 0.3, 1.0, None),
        ("pt-2", "st-deliver", 0.5, -3.0, "c-late"),
        ("pt-3", "st-use", 0.7, 2.5, None),
    ]
    assert ana_curve.points[1].quote == "Where are my laptops?"
    assert (internal.persona_id, internal.perspective, internal.visible) == (None, Perspective.INTERNAL, False)
    assert [(p.id, p.value, p.x) for p in internal.points] == [("pt-4", 0.0, 0.5)]

    assert [(lk.id, lk.source_id, lk.target_id, lk.kind, lk.label) for lk in m.links] == [
        ("lk-1", "c-order", "c-portal", LinkKind.FLOW, ""),
        ("lk-2", "c-portal", "c-ship", LinkKind.HANDOFF, "order sent to warehouse"),
        ("lk-3", "c-ship", "c-late", LinkKind.DEPENDENCY, ""),
    ]


def test_golden_schema_2() -> None:
    m = load_map(V2)
    check_golden_common(m)
    assert [(x.id, x.stage_id, x.name, x.value, x.target, x.unit) for x in m.metrics] == [
        ("m-nps", "st-use", "NPS", 31.0, 40.0, "points"),
        ("m-otd", "st-deliver", "On-time delivery", 0.82, 0.95, "%"),
    ]
    assert m.metrics[1].model_extra == {"x_source": "ERP report"}


def test_golden_schema_1_is_upgraded() -> None:
    m = load_map(V1)
    check_golden_common(m)  # cell -> stage_id/lane_id, emotions 5, 1, 6.5, 4 -> 1, -3, 2.5, 0
    assert m.metrics == []
    assert "cell" not in m.cards[0].model_extra
    expected = load_map(V2)
    expected.metrics = []
    assert m == expected


def test_there_is_a_golden_file_for_every_schema_version() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        path = FIXTURES / f"schema-v{version}.journey.json"
        assert read_envelope(path)["schema_version"] == version
        load_map(path)


# ----------------------------------------------------------------------------- unknown fields


def test_unknown_fields_survive_at_every_level(tmp_path: Path) -> None:
    data = v2_data()
    data["map"]["x_tool"] = {"name": "other", "list": [1, 2.5, None, True, "é"]}
    data["map"]["personas"][1]["x_pronouns"] = "they"
    data["map"]["stages"][0]["x_sla_days"] = 3
    data["map"]["lanes"][2]["x_swimlane_style"] = {"dashed": True}
    data["map"]["cards"][4]["x_ticket"] = "HELP-42"
    data["map"]["curves"][0]["x_smoothing"] = 0.4
    data["map"]["curves"][0]["points"][2]["x_confidence"] = "low"
    data["map"]["links"][0]["x_weight"] = 12
    path = tmp_path / "extra.journey.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    m = load_map(path)
    save_map(m, path)
    saved = json.loads(path.read_text(encoding="utf-8"))["map"]
    assert saved["x_tool"] == {"name": "other", "list": [1, 2.5, None, True, "é"]}
    assert saved["x_workshop"]["facilitator"] == "Zoë"
    assert saved["personas"][1]["x_pronouns"] == "they"
    assert saved["stages"][0]["x_sla_days"] == 3
    assert saved["lanes"][2]["x_swimlane_style"] == {"dashed": True}
    assert saved["cards"][0]["x_sticky"] == {"paper": "yellow", "author": "Zoë"}
    assert saved["cards"][4]["x_ticket"] == "HELP-42"
    assert saved["curves"][0]["x_smoothing"] == 0.4
    assert saved["curves"][0]["points"][2]["x_confidence"] == "low"
    assert saved["links"][0]["x_weight"] == 12
    assert saved["metrics"][1]["x_source"] == "ERP report"
    # unknown fields are written after the known ones
    assert list(saved)[-2:] == ["x_workshop", "x_tool"]
    assert list(saved["cards"][4])[-1] == "x_ticket"
    assert load_map(path) == m


# ---------------------------------------------------------------------------- newer versions


def test_a_newer_schema_version_is_refused(tmp_path: Path) -> None:
    data = v2_data()
    data["schema_version"] = 7
    data["map"]["something_new"] = {"we": "do not know"}
    err = load_error(tmp_path, json.dumps(data))
    assert err.where == ""
    assert err.message == (
        f"written by a newer version of Journey Map Studio (schema 7; this build reads up to {SCHEMA_VERSION})"
    )


def test_a_newer_file_with_an_unreadable_map_is_still_reported_as_newer(tmp_path: Path) -> None:
    err = load_error(tmp_path, '{"format": "journeymap", "schema_version": 3, "map": [], "new": 1}')
    assert "newer version" in err.message and "schema 3" in err.message


@pytest.mark.parametrize("layout", ["canonical", "other"])
def test_save_refuses_to_overwrite_a_newer_file(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "new.journey.json"
    if layout == "canonical":
        text = '{\n  "format": "journeymap",\n  "schema_version": 9,\n  "map": {"future": true}\n}\n'
    else:  # schema_version after the map, other spacing: found by parsing the whole file
        text = '{"map": {"future": true}, "format": "journeymap", "schema_version": 9}'
    path.write_text(text, encoding="utf-8")
    before = listing(tmp_path)
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), path)
    check_line(info.value, path)
    assert info.value.message == (
        "refusing to overwrite a file written by a newer version of Journey Map Studio "
        f"(schema 9; this build reads up to {SCHEMA_VERSION})"
    )
    assert path.read_text(encoding="utf-8") == text
    assert listing(tmp_path) == before  # no backup, no temporary file


def test_save_may_replace_files_that_are_not_newer_maps(tmp_path: Path) -> None:
    for text in ('{"format": "journeymap", "schema_version": 1, "map": {}}', "not json at all", "", "[1, 2]"):
        path = tmp_path / "old.journey.json"
        path.write_text(text, encoding="utf-8")
        save_map(small_map(), path)
        assert load_map(path) == small_map()
        assert backup_path(path).read_text(encoding="utf-8") == text


# ------------------------------------------------------------------------------ atomic saving


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "x.journey.json"
    first, second, third = small_map(), small_map(), small_map()
    second.title, third.title = "Second", "Third"
    save_map(first, path)
    assert not backup_path(path).exists()  # nothing to keep yet
    save_map(second, path)
    assert backup_path(path) == tmp_path / "x.journey.json.bak"
    assert load_map(backup_path(path)) == first
    save_map(third, path)
    assert load_map(path).title == "Third" and load_map(backup_path(path)).title == "Second"
    assert sorted(os.listdir(tmp_path)) == ["x.journey.json", "x.journey.json.bak"]


def test_save_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "x.journey.json"
    save_map(small_map(), path, backup=False)
    save_map(small_map(), path, backup=False)
    assert os.listdir(tmp_path) == ["x.journey.json"]


def test_backup_is_a_copy_where_hard_links_are_not_supported(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(V2.read_bytes())

    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    save_map(small_map(), path)
    assert backup_path(path).read_bytes() == V2.read_bytes()
    assert load_map(path) == small_map()
    assert sorted(os.listdir(tmp_path)) == ["x.journey.json", "x.journey.json.bak"]


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(V2.read_bytes())
    os.chmod(path, 0o640)
    save_map(small_map(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = tmp_path / "x.journey.json"
        save_map(small_map(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not the 0600 of a temp file
    finally:
        os.umask(umask)


def test_save_through_a_symbolic_link_replaces_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.journey.json"
    real.write_bytes(V2.read_bytes())
    link = tmp_path / "link.journey.json"
    link.symlink_to(real)
    save_map(small_map(), link)
    assert link.is_symlink()
    assert load_map(real) == small_map()
    assert (tmp_path / "real.journey.json.bak").read_bytes() == V2.read_bytes()


def failing_save(tmp_path: Path, monkeypatch, target: str, exc: OSError) -> MapFileError:
    """Save over a golden file while ``os.<target>`` fails; the old file must stay as it was."""
    path = tmp_path / "x.journey.json"
    path.write_bytes(V2.read_bytes())
    before = listing(tmp_path)

    def fail(*args, **kwargs):
        raise exc

    monkeypatch.setattr(os, target, fail)
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), path)
    monkeypatch.undo()
    check_line(info.value, path)
    assert info.value.where == ""
    assert path.read_bytes() == V2.read_bytes()
    assert listing(tmp_path) == before  # no temporary file, no backup left behind
    return info.value


def test_a_full_disk_while_writing_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    err = failing_save(tmp_path, monkeypatch, "write", OSError(errno.ENOSPC, "No space left on device"))
    assert err.message == "cannot save (could not write the new file): the disk is full; the previous file is unchanged"


def test_a_failing_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    err = failing_save(tmp_path, monkeypatch, "fsync", OSError(errno.EIO, "Input/output error"))
    assert err.message.startswith("cannot save (could not write the new file): input/output error")


def test_a_failing_replace_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    err = failing_save(tmp_path, monkeypatch, "replace", OSError(errno.EBUSY, "Device or resource busy"))
    assert "could not keep the previous version" in err.message or "could not replace" in err.message
    assert err.message.endswith("the previous file is unchanged")


def test_a_read_only_folder_simulated(tmp_path: Path, monkeypatch) -> None:
    err = failing_save(tmp_path, monkeypatch, "open", PermissionError(errno.EACCES, "Permission denied"))
    assert err.message == (
        f"cannot save (could not write the new file): permission denied in {tmp_path}; the previous file is unchanged"
    )


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root may write in read-only folders")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "x.journey.json"
    path.write_bytes(V2.read_bytes())
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(MapFileError) as info:
            save_map(small_map(), path)
        check_line(info.value, path)
        assert "permission denied" in info.value.message
        assert path.read_bytes() == V2.read_bytes()
        assert os.listdir(folder) == ["x.journey.json"]
    finally:
        os.chmod(folder, 0o755)


def test_a_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(V2.read_bytes())
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # root may write anything
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), path)
    check_line(info.value, path)
    assert info.value.message == "cannot save: the file is read-only"
    assert path.read_bytes() == V2.read_bytes()


def test_a_backup_that_cannot_be_made_stops_the_save(tmp_path: Path) -> None:
    path = tmp_path / "x.journey.json"
    path.write_bytes(V2.read_bytes())
    backup_path(path).mkdir()  # a folder where the backup goes
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), path)
    check_line(info.value, path)
    assert info.value.message.startswith("cannot save (could not keep the previous version as x.journey.json.bak)")
    assert path.read_bytes() == V2.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["x.journey.json", "x.journey.json.bak"]


def test_save_into_a_missing_folder_or_over_a_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "x.journey.json"
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), missing)
    check_line(info.value, missing)
    assert "no such file" in info.value.message
    folder = tmp_path / "folder.journey.json"
    folder.mkdir()
    with pytest.raises(MapFileError) as info:
        save_map(small_map(), folder)
    check_line(info.value, folder)
    assert info.value.message == "cannot save: is a folder"


def test_a_map_that_cannot_be_written_as_json(tmp_path: Path) -> None:
    m = small_map()
    m.title = "lone \ud800 surrogate"
    path = tmp_path / "x.journey.json"
    with pytest.raises(MapFileError) as info:
        save_map(m, path)
    check_line(info.value, path)
    assert info.value.message.startswith("cannot save: the map cannot be written as JSON")
    assert not path.exists() and os.listdir(tmp_path) == []


def test_reading_never_writes(tmp_path: Path) -> None:
    for golden in (V1, V2):
        path = tmp_path / golden.name
        path.write_bytes(golden.read_bytes())
    (tmp_path / "bad.journey.json").write_text('{"format": "journeymap", "schema_version": 1, "map": {"cards": [{}]}}')
    before = listing(tmp_path)
    load_map(tmp_path / V1.name)  # upgraded in memory only
    load_map(tmp_path / V2.name)
    read_envelope(tmp_path / V1.name)
    with pytest.raises(MapFileError):
        load_map(tmp_path / "bad.journey.json")
    assert listing(tmp_path) == before


# ----------------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.journey.json"
    with pytest.raises(MapFileError) as info:
        load_map(path)
    check_line(info.value, path)
    assert (info.value.where, info.value.message) == ("", "no such file")


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(MapFileError) as info:
        load_map(tmp_path)
    check_line(info.value, tmp_path)
    assert str(info.value) == f"{tmp_path}: is a folder, not a map file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.journey.json"
    os.mkfifo(fifo)
    with pytest.raises(MapFileError) as info:
        load_map(fifo)  # must not block reading a pipe
    check_line(info.value, fifo)
    assert info.value.message == "not a regular file"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.journey.json"
    path.write_bytes(V2.read_bytes())

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(jsonfile, "open", denied, raising=False)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    check_line(info.value, path)
    assert str(info.value) == f"{path}: permission denied"


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root may read anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.journey.json"
    path.write_bytes(V2.read_bytes())
    os.chmod(path, 0)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    assert str(info.value) == f"{path}: permission denied"


def test_empty_file(tmp_path: Path) -> None:
    for content in ("", "  \n\t\n"):
        err = load_error(tmp_path, content)
        assert (err.where, err.message) == ("", "the file is empty")


def test_truncated_json(tmp_path: Path) -> None:
    text = V2.read_text(encoding="utf-8")
    err = load_error(tmp_path, text[: len(text) // 2])
    lines = text[: len(text) // 2].splitlines()
    assert err.where.startswith(f"line {len(lines)}, column ")
    assert err.message.startswith("not valid JSON: ")
    assert err.message.endswith("(the file ends too early: was it cut off?)")

    err = load_error(tmp_path, '{"format": "journeymap", "schema_version": 2, "map": {"title": "Unfinish')
    assert err.where == "line 1, column 64"
    assert err.message == "not valid JSON: Unterminated string starting here (the file ends too early: was it cut off?)"


def test_not_json(tmp_path: Path) -> None:
    err = load_error(tmp_path, "Stage,Lane,Title\nPurchase,Actions,Order\n")
    assert (err.where, err.message) == ("line 1, column 1", "not valid JSON: Expecting value")
    err = load_error(tmp_path, '{\n  "format": "journeymap",\n  "schema_version": 2\n  "map": {}\n}\n')
    assert (err.where, err.message) == ("line 4, column 3", "not valid JSON: Expecting ',' delimiter")


def test_invalid_utf8(tmp_path: Path) -> None:
    content = b'{\n  "format": "journeymap",\n  "map": {"title": "Caf\xe9 \xff"}}'
    err = load_error(tmp_path, content)
    assert err.where == "line 3, column 24"
    assert err.message == "not valid UTF-8 text (byte 0xE9 at offset 51)"
    err = load_error(tmp_path, b'{"t": "\xc3\xa9\xff"}')  # the column counts characters, not bytes
    assert (err.where, err.message) == ("line 1, column 9", "not valid UTF-8 text (byte 0xFF at offset 9)")


def test_utf16(tmp_path: Path) -> None:
    err = load_error(tmp_path, V2.read_text(encoding="utf-8").encode("utf-16"))
    assert (err.where, err.message) == ("", "the file is UTF-16 text; map files are UTF-8")


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("[1, 2, 3]", "", 'not a Journey Map Studio map: the file holds a list, not an object with "format": "journeymap"'),
        ('"journeymap"', "", 'not a Journey Map Studio map: the file holds a single value, not an object with "format": "journeymap"'),
        ('{"foo": 1}', "", 'not a Journey Map Studio map (no "format": "journeymap")'),
        ('{"format": "excalidraw", "schema_version": 2, "map": {}}', "format",
         'not a Journey Map Studio map: expected "journeymap", found "excalidraw"'),
        ('{"format": 1}', "format", 'not a Journey Map Studio map: expected "journeymap", found 1'),
        ('{"format": "journeymap", "map": {}}', "schema_version", "missing"),
        ('{"format": "journeymap", "schema_version": "2", "map": {}}', "schema_version", 'expected a whole number, found "2"'),
        ('{"format": "journeymap", "schema_version": 2.0, "map": {}}', "schema_version", "expected a whole number, found 2.0"),
        ('{"format": "journeymap", "schema_version": true, "map": {}}', "schema_version", "expected a whole number, found true"),
        ('{"format": "journeymap", "schema_version": null, "map": {}}', "schema_version", "expected a whole number, found null"),
        ('{"format": "journeymap", "schema_version": 0, "map": {}}', "schema_version", "unknown schema version 0 (the first is 1)"),
        ('{"format": "journeymap", "schema_version": 2}', "map", "missing"),
        ('{"format": "journeymap", "schema_version": 2, "map": [1]}', "map", "expected an object, found a list"),
        ('{"format": "journeymap", "schema_version": 2, "map": {}, "comment": "hi"}', "comment",
         'unknown top-level field (a map\'s fields belong inside "map")'),
    ],
)  # fmt: skip
def test_other_json_documents(tmp_path: Path, content: str, where: str, message: str) -> None:
    err = load_error(tmp_path, content)
    assert (err.where, err.message) == (where, message)


def map_error(tmp_path: Path, edit, version: int = SCHEMA_VERSION, base: Path = V2) -> MapFileError:
    data = json.loads(base.read_text(encoding="utf-8"))["map"]
    edit(data)
    return load_error(tmp_path, envelope(data, version))


def test_wrong_types(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["cards"][2].update(title=42))
    assert (err.where, err.message) == ("map.cards[2].title", "Input should be a valid string")
    err = map_error(tmp_path, lambda d: d["lanes"][1].update(type="emotions"))
    assert err.where == "map.lanes[1].type" and err.message.startswith("Input should be 'actions', 'thoughts'")
    err = map_error(tmp_path, lambda d: d.update(cards={"c-1": {}}))
    assert (err.where, err.message) == ("map.cards", "Input should be a valid list")
    err = map_error(tmp_path, lambda d: d["personas"].append("Ana"))
    assert err.where == "map.personas[2]"


def test_missing_required_field(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["stages"][1].pop("name"))
    assert (err.where, err.message) == ("map.stages[1].name", "Field required")


def test_dangling_references(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["cards"][3].update(stage_id="st-gone"))
    assert str(err) == f"{tmp_path / 'bad.journey.json'}: map.cards[3].stage_id: unknown stage 'st-gone'"
    err = map_error(tmp_path, lambda d: d["links"][1].update(target_id="c-gone"))
    assert (err.where, err.message) == ("map.links[1].target_id", "unknown card 'c-gone'")


def test_duplicate_ids(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["cards"][4].update(id="c-order"))
    assert err.where == "map.cards[4].id"
    assert err.message == "duplicate id 'c-order' (first used at map.cards[0])"


def test_out_of_range_values(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["cards"][0].update(importance_customer=6))
    assert (err.where, err.message) == ("map.cards[0].importance_customer", "Input should be less than or equal to 5")
    err = map_error(tmp_path, lambda d: d["curves"][0]["points"][1].update(value=-4))
    assert (err.where, err.message) == ("map.curves[0].points[1].value", "Input should be greater than or equal to -3")


def test_every_problem_is_listed_one_line_each(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["cards"][0]["stage_id"] = "st-gone"
        d["cards"][1]["performance_customer"] = 0
        d["cards"][2]["lane_id"] = "line\nbreak"  # user text with a newline stays on one line

    err = map_error(tmp_path, edit)
    path = tmp_path / "bad.journey.json"
    assert err.problems == [f"{path}: map.cards[1].performance_customer: Input should be greater than or equal to 1"]
    err = map_error(tmp_path, lambda d: (d["cards"][0].update(stage_id="st-gone"), d["cards"][2].update(lane_id="a\nb")))
    assert err.problems == [
        f"{path}: map.cards[0].stage_id: unknown stage 'st-gone'",
        f"{path}: map.cards[2].lane_id: unknown lane 'a\\nb'",
    ]
    assert str(err) == err.problems[0]


def test_a_50_mb_title(tmp_path: Path) -> None:
    data = v2_data()
    data["map"]["title"] = "x" * (50 * 1024 * 1024)
    text = json.dumps(data)
    with pytest.raises(MapFileError) as info:
        loads_map(text, "huge.journey.json")
    check_line(info.value, "huge.journey.json")
    assert info.value.where == "map.title"
    assert info.value.message == "text is too long (at most 200 characters)"
    assert len(str(info.value)) < 200


def test_nesting_10000_deep(tmp_path: Path) -> None:
    head = '{"format": "journeymap", "schema_version": 2, "map": {"x": '
    err = load_error(tmp_path, head + "[" * 10_000 + "]" * 10_000 + "}}")
    assert err.message == f"nesting is too deep (more than {MAX_NESTING} levels)"
    # the envelope and map are levels 1 and 2: the bracket that is one too many
    assert err.where == f"line 1, column {len(head) + MAX_NESTING - 1}"


def test_nesting_deeper_than_the_limit_in_an_unknown_field(tmp_path: Path) -> None:
    """Valid JSON the parser accepts, but nested too deep to be written back: refused on load."""
    deep: list = []
    for _ in range(MAX_NESTING):
        deep = [deep]
    err = map_error(tmp_path, lambda d: d["cards"][1].update(x_deep=deep))
    assert (err.where, err.message) == ("map.cards[1].x_deep", f"nesting is too deep (more than {MAX_NESTING} levels)")
    shallow: list = []
    for _ in range(MAX_NESTING - 5):
        shallow = [shallow]
    path = tmp_path / "ok.journey.json"
    data = v2_data()
    data["map"]["cards"][1]["x_deep"] = shallow  # card at level 4: 4 + 95 + 1 = the limit
    path.write_text(json.dumps(data))
    m = load_map(path)
    save_map(m, path)
    assert load_map(path) == m


def test_a_file_over_the_size_limit(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "huge.journey.json"
    with open(path, "wb") as f:  # sparse: takes no disk space
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    check_line(info.value, path)
    assert info.value.message == "the file is too large (256.0 MB; at most 256.0 MB)"

    monkeypatch.setattr(jsonfile, "MAX_FILE_BYTES", 1000)
    err = load_error(tmp_path, V2.read_bytes())
    assert (err.where, err.message) == ("", "the file is too large (0.0 MB; at most 0.0 MB)")
    with pytest.raises(MapFileError, match="too large"):
        loads_map(V2.read_bytes(), V2)


def test_duplicate_keys(tmp_path: Path) -> None:
    text = V2.read_text(encoding="utf-8").replace('"title": "Places the order",', '"title": "A", "title": "B",')
    err = load_error(tmp_path, text)
    assert err.where == "map.cards[0].title"
    assert err.message == 'duplicate key "title" in one object (a key may appear only once)'
    err = load_error(tmp_path, '{"format": "journeymap", "format": "journeymap"}')
    assert err.where == "format"


def test_nan_and_infinity(tmp_path: Path) -> None:
    err = load_error(tmp_path, '{"format": "journeymap", "schema_version": 2,\n "map": {"x": "NaN", "y": NaN}}')
    assert (err.where, err.message) == ("line 2, column 27", "not valid JSON: NaN is not a number JSON allows")
    err = load_error(tmp_path, '{"map": {"metrics": [-Infinity]}}')
    assert err.where == "line 1, column 22" and "-Infinity" in err.message


def test_lone_surrogates(tmp_path: Path) -> None:
    text = V2.read_text(encoding="utf-8").replace('"Places the order"', '"Places \\ud83d the order"')
    err = load_error(tmp_path, text)
    assert err.where == "map.cards[0].title"
    assert err.message == "text holds an invalid character (a lone UTF-16 surrogate escape)"
    # a proper escaped pair is fine
    text = V2.read_text(encoding="utf-8").replace('"Places the order"', '"Places \\ud83d\\ude00 the order"')
    assert loads_map(text, "ok").cards[0].title == "Places 😀 the order"


def test_an_absurdly_long_number(tmp_path: Path) -> None:
    err = load_error(tmp_path, '{"format": "journeymap", "schema_version": 2, "map": {"x": ' + "9" * 5000 + "}}")
    assert err.where == "line 1, column 60"
    assert err.message == "number 999999999999… has 5000 digits: too long for a number in a map"  # no Python advice


def test_errors_pickle() -> None:
    import pickle

    err = MapFileError("a/b.journey.json", "map.title", "text is too long", ["one", "two"])
    copy_ = pickle.loads(pickle.dumps(err))
    assert (str(copy_), copy_.path, copy_.where, copy_.message, copy_.problems) == (
        str(err), Path("a/b.journey.json"), "map.title", "text is too long", ["one", "two"],
    )  # fmt: skip


def test_odd_file_names_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.journey.json"
    path.write_text("[]")
    with pytest.raises(MapFileError) as info:
        load_map(path)
    assert "\n" not in str(info.value) and "two\\nlines" in str(info.value)


# --------------------------------------------------------------------------- schema-1 problems


def test_schema_1_file_problems_name_the_place(tmp_path: Path) -> None:
    err = map_error(tmp_path, lambda d: d["cards"][2].pop("cell"), version=1, base=V1)
    assert err.where == "map.cards[2].cell"
    assert err.message.startswith("missing")
    err = map_error(tmp_path, lambda d: d["curves"][0]["points"][0].update(value=0), version=1, base=V1)
    assert (err.where, err.message) == ("map.curves[0].points[0].value", "0 is outside the schema-1 emotion scale 1..7")
    err = map_error(tmp_path, lambda d: d["cards"][1]["cell"].update(stage="st-gone"), version=1, base=V1)
    assert (err.where, err.message) == (
        "map.cards[1].stage_id",
        "unknown stage 'st-gone' (in the file upgraded from schema 1)",
    )


# -------------------------------------------------------------------------------------- fuzzing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_gives_a_map_or_one_clear_error(data) -> None:
    raw = bytearray(V2.read_bytes() if data.draw(st.booleans()) else V1.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = data.draw(st.integers(0, len(raw)))
        if action == "flip" and pos < len(raw):
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[pos:]
        elif action == "insert":
            raw[pos:pos] = data.draw(st.sampled_from([b"{", b"[", b'"', b",", b"null", b"\xff", b"-1", b"1e400", b"\\"]))
        elif action == "delete":
            del raw[pos : pos + data.draw(st.integers(1, 50))]
    try:
        m = loads_map(bytes(raw), "fuzz.journey.json")
    except MapFileError as err:
        check_line(err, "fuzz.journey.json")
    else:
        assert isinstance(m, Map)
        loads_map(dumps_map(m), "again")  # whatever loads can be written and read back


@settings(max_examples=60, deadline=None)
@given(edit=st.sampled_from(["cards", "curves", "links", "personas", "stages", "lanes", "metrics"]), value=st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
))  # fmt: skip
def test_wrong_values_in_lists_give_a_path(edit: str, value) -> None:
    data = v2_data()
    items = data["map"][edit]
    items[0] = copy.deepcopy(value) if not isinstance(value, dict) else {**items[0], **value}
    try:
        loads_map(json.dumps(data), "v.journey.json")
    except MapFileError as err:
        check_line(err, "v.journey.json")
        # usually map.<edit>[0]...; a changed id can also surface as a dangling reference elsewhere
        assert err.where.startswith("map.")
