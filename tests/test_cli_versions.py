"""`journeymap diff` through app.cli.main: exit status, the text report and the JSON format."""

from __future__ import annotations

import io
import json

from app.cli import main
from app.io.mapsave import save_map
from tests.model_factory import small_map


def two_versions(tmp_path):
    old = small_map()
    new = old.model_copy(deep=True)
    new.cards[0].title = "Order laptop"
    new.cards[1].stage_id = "s2"
    new.stages[1].name = "Deliver"
    a, b = tmp_path / "q1.journey.json", tmp_path / "q2.journey.json"
    save_map(old, a)
    save_map(new, b)
    return a, b


def test_diff_of_the_same_map_exits_0(tmp_path, capsys):
    a, _ = two_versions(tmp_path)
    assert main(["diff", str(a), str(a)]) == 0
    assert capsys.readouterr().out.strip() == f"{a} and {a}: the same map"


def test_diff_text_names_cells_and_fields_and_exits_1(tmp_path, capsys):
    a, b = two_versions(tmp_path)
    assert main(["diff", str(a), str(b)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{a} -> {b}: 3 changes (stages 1 renamed; cards 1 moved, 1 edited)"
    assert out[1:] == [
        "stages",
        '  renamed    "Deliver": name "Stage 1" -> "Deliver"',
        "cards",
        '  edited     "Order laptop": title "Card 0 in Stage 0" -> "Order laptop"',
        '  moved      "Card 1 in Stage 0": Stage 0 / Actions -> Stage 2 / Actions',
    ]


def test_diff_json_is_the_documented_format(tmp_path, capsys):
    a, b = two_versions(tmp_path)
    assert main(["diff", str(a), str(b), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["format"], report["version"], report["same"]) == ("journeymap-diff", 1, False)
    assert report["counts"] == {"stage": {"renamed": 1}, "card": {"moved": 1, "edited": 1}}
    moved = report["changes"][2]
    assert moved == {
        "entity": "card", "action": "moved", "id": "c-s0-l-act-1", "name": "Card 1 in Stage 0",
        "before": {"position": 2, "stage_id": "s0", "stage": "Stage 0", "lane_id": "l-act", "lane": "Actions"},
        "after": {"position": 2, "stage_id": "s2", "stage": "Stage 2", "lane_id": "l-act", "lane": "Actions"},
        "fields": [],
    }  # fmt: skip
    assert main(["diff", str(a), str(a), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


def test_diff_of_a_broken_file_is_one_line_naming_it_exit_2(tmp_path, capsys):
    a, _ = two_versions(tmp_path)
    broken = tmp_path / "broken.journey.json"
    broken.write_text('{"format": "journeymap", "schema_version": 2, "map": {"title": 3', encoding="utf-8")
    assert main(["diff", str(a), str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(broken) in err and "Traceback" not in err
    assert main(["diff", str(tmp_path / "missing.json"), str(a)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.json" in err


def test_diff_reads_one_version_from_standard_input(tmp_path, capsys, monkeypatch):
    a, b = two_versions(
        tmp_path
    )  # as `git show HEAD~1:plan.journey.json | journeymap diff - plan.journey.json`
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(a.read_bytes())))
    assert main(["diff", "-", str(b)]) == 1
    assert (
        capsys.readouterr().out.splitlines()[0]
        == f"- -> {b}: 3 changes (stages 1 renamed; cards 1 moved, 1 edited)"
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"not json")))
    assert main(["diff", "-", str(b)]) == 2
    assert capsys.readouterr().err.startswith("journeymap: <stdin>: line 1, column 1:")
    assert main(["diff", "-", "-"]) == 2
