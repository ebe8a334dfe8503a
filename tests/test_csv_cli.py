"""`journeymap import IN -o OUT [--into EXISTING] [--skip-bad] [--force]` and
`journeymap export MAP -o OUT.csv` through app.cli.main: exit codes, the lines printed, and
nothing written or replaced on any error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.journey.json"
    save_map(small_map(), path)
    return path


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_then_import_round_trip(map_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.csv"
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: 18 cards as CSV spreadsheet ({out.stat().st_size:,} bytes)\n"
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcard_id,stage,stage_id,lane,lane_id")
    assert main(["import", str(out), "-o", str(tmp_path / "back")]) == 0
    back = tmp_path / "back.journey.json"
    assert capsys.readouterr().out == f"{back}: new map with 18 cards, 3 stages, 5 lanes, 1 persona from {out}\n"
    original, again = load_map(map_file), load_map(back)
    assert {c.id: c for c in again.cards} == {c.id: c for c in original.cards}
    assert [s.id for s in again.stages] == [s.id for s in original.stages]


def test_import_a_hand_made_semicolon_sheet(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "touchpoints.csv"
    sheet.write_bytes("Phase;Swimlane;Touchpoint\nSuchen;Kunde;Preisvergleich\n;Kunde;Café\n".encode("cp1252"))
    assert main(["import", str(sheet), "-o", str(tmp_path / "t.journey.json")]) == 0
    m = load_map(tmp_path / "t.journey.json")
    assert (m.title, [c.title for c in m.cards]) == ("touchpoints", ["Preisvergleich", "Café"])


def test_bad_input_exit_2_one_line_and_nothing_written(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("stage,lane,title,importance_customer\nA,B,ok,2\nA,B,C,7\n", encoding="utf-8")
    before = listing(tmp_path)
    assert main(["import", str(sheet), "-o", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"journeymap: {sheet}: row 3, column 'importance_customer': rating 7 is out of range 1..5\n"
    assert listing(tmp_path) == before


def test_bad_input_with_force_leaves_the_existing_output_alone(map_file: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text('stage,lane,title\nA,B,"unclosed\n', encoding="utf-8")
    before = listing(tmp_path)
    assert main(["import", str(sheet), "-o", str(map_file), "--force"]) == 2
    assert "row 2, column 3: a quote opened on line 2 is never closed" in capsys.readouterr().err
    assert listing(tmp_path) == before


def test_skip_bad_writes_the_good_rows_and_lists_the_bad(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "mixed.csv"
    sheet.write_text("stage,lane,title,kind\nA,B,good,\nA,B,bad,banana\nA,B,fine,note\n", encoding="utf-8")
    out = tmp_path / "mixed.journey.json"
    assert main(["import", str(sheet), "-o", str(out), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (f"journeymap: skipped {sheet}: row 3, column 'kind': unknown kind 'banana' "
                            "(one of touchpoint, action, thought, pain, opportunity, process, note)\n")  # fmt: skip
    assert captured.out == f"{out}: new map with 2 cards, 1 stage, 1 lane, 0 personas from {sheet} (1 bad skipped)\n"
    assert [c.title for c in load_map(out).cards] == ["good", "fine"]


def test_into_an_existing_map(map_file: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "more.csv"
    sheet.write_text("Step,Lane,Title\nStage 2,Touchpoints,New here\nLater,Touchpoints,And here\n", encoding="utf-8")
    out = tmp_path / "merged.journey.json"
    assert main(["import", str(sheet), "-o", str(out), "--into", str(map_file)]) == 0
    assert capsys.readouterr().out == (f"{out}: added 2 cards, 1 stage, 0 lanes, 0 personas to 'Test map' "
                                       f"from {sheet}\n")  # fmt: skip
    m = load_map(out)
    assert [s.name for s in m.stages] == ["Stage 0", "Stage 1", "Stage 2", "Later"]
    new = next(c for c in m.cards if c.title == "New here")
    assert (new.stage_id, new.lane_id) == ("s2", "l-touch")


def test_into_replacing_itself_needs_force_and_keeps_a_backup(map_file: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "more.csv"
    sheet.write_text("stage,lane,title\nStage 0,Actions,Extra\n", encoding="utf-8")
    original = map_file.read_bytes()
    argv = ["import", str(sheet), "-o", str(map_file), "--into", str(map_file)]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"journeymap: {map_file}: already exists (use --force to replace it, keeping a .bak)\n"
    assert map_file.read_bytes() == original
    assert main([*argv, "--force"]) == 0
    assert len(load_map(map_file).cards) == 19
    assert (tmp_path / "m.journey.json.bak").read_bytes() == original


def test_import_refuses_unknown_suffixes_and_broken_into(map_file: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("stage,lane,title\n", encoding="utf-8")
    assert main(["import", str(other), "-o", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err.startswith(f"journeymap: {other}: cannot import '.txt' files; import reads .canvas, .csv")
    broken = tmp_path / "broken.journey.json"
    broken.write_text("{", encoding="utf-8")
    sheet = tmp_path / "s.csv"
    sheet.write_text("stage,lane,title\nA,B,C\n", encoding="utf-8")
    before = listing(tmp_path)
    assert main(["import", str(sheet), "-o", str(tmp_path / "y"), "--into", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"journeymap: {broken}: ") and err.count("\n") == 1
    assert listing(tmp_path) == before


def test_export_never_replaces_without_force(map_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "old.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", str(map_file), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"journeymap: {out}: already exists; refusing to replace it (use --force to replace it)\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(map_file), "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcard_id")


def test_export_over_a_map_needs_force_and_keeps_a_backup(map_file: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "plan.csv"  # a journey map saved under a .csv name
    save_map(small_map(), other)
    original = other.read_bytes()
    assert main(["export", str(map_file), "-o", str(other)]) == 2
    assert capsys.readouterr().err == (f"journeymap: {other}: is a journey map; refusing to replace it "
                                       "(use --force to replace it, keeping a .bak)\n")  # fmt: skip
    assert main(["export", str(map_file), "-o", str(other), "--force"]) == 0
    assert (tmp_path / "plan.csv.bak").read_bytes() == original


def test_export_refuses_picture_flags_and_lists_data_suffixes(map_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", str(map_file), "-o", str(tmp_path / "m.csv"), "--dpi", "300", "--no-legend"]) == 2
    assert capsys.readouterr().err == "journeymap: --no-legend, --dpi: for pdf, png or svg, not for a CSV spreadsheet export\n"
    assert main(["export", str(map_file), "-o", str(tmp_path / "m.xyz")]) == 2
    assert ".csv" in capsys.readouterr().err
    assert not (tmp_path / "m.csv").exists()


def test_import_from_a_real_process_without_qt(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("stage,lane,title\nA,B,C\n", encoding="utf-8")
    code = ("import sys; from app.cli import main; rc = main(sys.argv[1:]); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, "import", str(sheet), "-o", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "o.journey.json").exists()
