"""The `journeymap` command, in process with capsys and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app import cli
from app.cli import main
from app.io.jsonfile import load_map
from app.io.templates import example_path, template_names
from app.model.schema import SCHEMA_VERSION

EXAMPLE = example_path()
ROOT = Path(__file__).resolve().parents[1]
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "schema-v1.journey.json"


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def envelope(m: dict, version: int = SCHEMA_VERSION) -> dict:
    return {"format": "journeymap", "schema_version": version, "map": m}


def small_v2_map(**changes) -> dict:
    m = {
        "id": "map-small",
        "title": "Small",
        "stages": [{"id": "s1", "name": "Purchase"}],
        "lanes": [{"id": "l1", "name": "Touchpoints", "type": "touchpoints"}],
        "cards": [{"id": "c1", "stage_id": "s1", "lane_id": "l1", "title": "Quote"}],
    }
    m.update(changes)
    return m


def v1_document() -> dict:
    """A schema-1 file as app/io/migrations describes it: cards name their `cell`, emotions 1..7, no metrics."""
    return envelope(
        {
            "id": "map-old",
            "title": "Old café map",
            "journey_type": "support",
            "personas": [{"id": "p1", "name": "Renata"}],
            "stages": [{"id": "s1", "name": "Fix"}, {"id": "s2", "name": "Renew"}],
            "lanes": [{"id": "l1", "name": "Touchpoints", "type": "touchpoints"}],
            "cards": [
                {"id": "c1", "cell": {"stage": "s1", "lane": "l1"}, "title": "Hotline", "moment_of_truth": True},
                {"id": "c2", "cell": {"stage": "s2", "lane": "l1"}, "title": "Renewal", "pain_point": True},
            ],
            "curves": [
                {
                    "id": "cv1",
                    "persona_id": "p1",
                    "points": [{"id": "pt1", "stage_id": "s1", "value": 1}, {"id": "pt2", "stage_id": "s2", "value": 6}],
                }
            ],
            "links": [{"id": "lk1", "source_id": "c1", "target_id": "c2"}],
        },
        version=1,
    )


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def broken(tmp_path) -> Path:
    """A map whose first card sits in a stage that does not exist."""
    m = small_v2_map()
    m["cards"][0]["stage_id"] = "s-gone"
    return write_json(tmp_path / "broken.journey.json", envelope(m))


# ------------------------------------------------------------ templates / new
def test_templates_lists_every_template_with_a_description(capsys):
    assert main(["templates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == template_names()
    assert all(len(line.split(None, 1)[1]) > 20 for line in out)


def test_new_writes_a_valid_map_from_a_template(tmp_path, capsys):
    target = tmp_path / "mine.journey.json"
    assert main(["new", "--template", "b2b", "-o", str(target), "--title", "Laptops für München"]) == 0
    m = load_map(target)
    assert m.title == "Laptops für München"
    assert [s.name for s in m.stages] == ["Purchase", "Deliver/Setup", "Use and Support", "Fix", "Renew"]
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert str(target) in capsys.readouterr().out


def test_new_refuses_to_overwrite_unless_forced(tmp_path, capsys):
    target = write_json(tmp_path / "taken.journey.json", {"precious": True})
    before = target.read_bytes()
    assert main(["new", "--template", "onboarding", "-o", str(target)]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith(f"journeymap: {target}: ") and "--force" in err
    assert target.read_bytes() == before
    assert main(["new", "--template", "onboarding", "-o", str(target), "--force"]) == 0
    assert [s.name for s in load_map(target).stages][0] == "Sign up"


def test_new_with_an_unknown_template_names_the_known_ones(tmp_path, capsys):
    assert main(["new", "--template", "nope", "-o", str(tmp_path / "x.journey.json")]) == 2
    err = one_line(capsys.readouterr().err)
    assert err == "journeymap: unknown template 'nope' (known: b2b, b2c-retail, onboarding, service-blueprint)"
    assert not (tmp_path / "x.journey.json").exists()


# ------------------------------------------------------------------ validate
def test_validate_all_valid_exits_0(tmp_path, capsys):
    small = write_json(tmp_path / "small.journey.json", envelope(small_v2_map()))
    assert main(["validate", str(EXAMPLE), str(small)]) == 0
    out = capsys.readouterr()
    n = len(load_map(EXAMPLE).cards)
    assert out.out.splitlines() == [f"{EXAMPLE}: ok ({n} cards)", f"{small}: ok (1 cards)"]
    assert out.err == ""


def test_validate_mixed_files_reports_every_problem_on_its_own_line(tmp_path, broken, capsys):
    not_json = tmp_path / "cut.journey.json"
    not_json.write_text('{"format": "journeymap", "schema_version": 2, "map": {', encoding="utf-8")
    two_problems = small_v2_map()
    two_problems["cards"][0].update(votes=-1, importance_customer=9)
    many = write_json(tmp_path / "many.journey.json", envelope(two_problems))
    missing = tmp_path / "missing.journey.json"

    assert main(["validate", str(EXAMPLE), str(broken), str(not_json), str(many), str(missing)]) == 2
    out = capsys.readouterr()
    assert out.out.splitlines() == [f"{EXAMPLE}: ok ({len(load_map(EXAMPLE).cards)} cards)"]
    err = out.err.splitlines()
    assert "Traceback" not in out.err
    assert err[0].startswith(f"{broken}: map.cards[0].stage_id: ") and "s-gone" in err[0]
    assert err[1].startswith(f"{not_json}: ")
    assert [line.split(": ")[1] for line in err if line.startswith(f"{many}: ")] == [
        "map.cards[0].importance_customer",
        "map.cards[0].votes",
    ]
    assert err[-1].startswith(f"{missing}: ")
    assert all(line.split(": ")[0] in {str(broken), str(not_json), str(many), str(missing)} for line in err)


def test_validate_needs_a_file(capsys):
    assert main(["validate"]) == 2
    assert "usage:" in capsys.readouterr().err


# ---------------------------------------------------------------------- info
def expected_summary(path: Path) -> dict:
    """Counts taken from the raw JSON, independently of the code under test."""
    m = json.loads(path.read_text(encoding="utf-8"))["map"]
    names = {s["id"]: s["name"] for s in m["stages"]}
    pain_lanes = {lane["id"] for lane in m["lanes"] if lane["type"] == "pain_points"}
    return {
        "counts": {
            "personas": len(m["personas"]),
            "stages": len(m["stages"]),
            "lanes": len(m["lanes"]),
            "cards": len(m["cards"]),
            "curves": len(m["curves"]),
            "points": sum(len(c["points"]) for c in m["curves"]),
            "links": len(m["links"]),
            "metrics": len(m["metrics"]),
        },
        "per_stage": {names[s["id"]]: sum(c["stage_id"] == s["id"] for c in m["cards"]) for s in m["stages"]},
        "truths": sorted(c["title"] for c in m["cards"] if c.get("moment_of_truth")),
        "pains": sorted(c["title"] for c in m["cards"] if c.get("pain_point") or c["lane_id"] in pain_lanes),
    }


def test_info_json_matches_the_example_map(capsys):
    assert main(["info", "--json", str(EXAMPLE)]) == 0
    info = json.loads(capsys.readouterr().out)
    want = expected_summary(EXAMPLE)
    assert info["title"] == "Business laptop fleet: from purchase to renewal"
    assert info["journey_type"] == "custom" and info["schema_version"] == SCHEMA_VERSION
    assert info["counts"] == want["counts"]
    assert info["counts"]["personas"] == 2 and info["counts"]["stages"] == 5 and info["counts"]["cards"] >= 40
    assert {row["stage"]: row["cards"] for row in info["cards_per_stage"]} == want["per_stage"]
    assert [row["stage"] for row in info["cards_per_stage"]] == list(want["per_stage"])
    assert sorted(row["title"] for row in info["moments_of_truth"]) == want["truths"]
    assert sorted(row["title"] for row in info["pain_points"]) == want["pains"]
    assert len(want["truths"]) >= 4 and len(want["pains"]) >= 5


def test_info_text(capsys):
    assert main(["info", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    want = expected_summary(EXAMPLE)
    counts = want["counts"]
    assert f"{counts['cards']} cards, {counts['curves']} curves, {counts['points']} points" in out
    assert f"  schema version: {SCHEMA_VERSION}\n" in out
    for stage, n in want["per_stage"].items():
        assert f"  {n:>6}  {stage}\n" in out
    assert f"moments of truth ({len(want['truths'])}):" in out
    assert f"pain points ({len(want['pains'])}):" in out
    assert "  - Deliver/Setup: 交付延迟: delivery delay\n" in out


def test_info_counts_pain_lane_cards_and_flagged_cards_as_pain_points(tmp_path, capsys):
    m = small_v2_map(lanes=[
        {"id": "l1", "name": "Touchpoints", "type": "touchpoints"},
        {"id": "l2", "name": "Ouch", "type": "pain_points"},
    ])  # fmt: skip
    m["cards"] += [
        {"id": "c2", "stage_id": "s1", "lane_id": "l2", "title": "Unflagged, in the pain lane"},
        {"id": "c3", "stage_id": "s1", "lane_id": "l1", "title": "Flagged", "pain_point": True},
        {"id": "c4", "stage_id": "s1", "lane_id": "l1", "title": "Truth", "moment_of_truth": True},
    ]
    path = write_json(tmp_path / "pains.journey.json", envelope(m))
    assert main(["info", "--json", str(path)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in info["pain_points"]] == ["c2", "c3"]
    assert info["moments_of_truth"] == [{"id": "c4", "title": "Truth", "stage": "Purchase"}]
    assert info["cards_per_stage"] == [{"id": "s1", "stage": "Purchase", "cards": 4}]


def test_info_on_an_old_file_says_it_was_migrated(tmp_path, capsys):
    old = write_json(tmp_path / "old.journey.json", v1_document())
    assert main(["info", str(old)]) == 0
    assert f"  schema version: 1 (migrated to {SCHEMA_VERSION} on load)" in capsys.readouterr().out


# ------------------------------------------------------------------- convert
def test_convert_resaves_a_schema_1_file_at_the_current_version(tmp_path, capsys):
    source = FIXTURE_V1 if FIXTURE_V1.exists() else write_json(tmp_path / "v1.journey.json", v1_document())
    before = source.read_bytes()
    target = tmp_path / "out" / "v2.journey.json"
    target.parent.mkdir()
    assert main(["convert", str(source), "-o", str(target)]) == 0
    assert source.read_bytes() == before
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "journeymap" and data["schema_version"] == SCHEMA_VERSION
    for card in data["map"]["cards"]:  # a v1 cell's unknown keys may stay in "cell", its stage and lane may not
        assert "stage_id" in card and "lane_id" in card
        assert not {"stage", "lane"} & set(card.get("cell", {}))
    assert "metrics" in data["map"]
    assert load_map(target).model_dump() == load_map(source).model_dump()
    assert str(target) in capsys.readouterr().out


def test_convert_shifts_v1_emotions_to_the_fixed_scale(tmp_path):
    source = write_json(tmp_path / "v1.journey.json", v1_document())
    target = tmp_path / "v2.journey.json"
    assert main(["convert", str(source), "-o", str(target)]) == 0
    points = json.loads(target.read_text(encoding="utf-8"))["map"]["curves"][0]["points"]
    assert [p["value"] for p in points] == [-3, 2]


def test_convert_refuses_a_file_from_a_newer_version(tmp_path, capsys):
    future = write_json(tmp_path / "future.journey.json", envelope(small_v2_map(), version=SCHEMA_VERSION + 1))
    target = tmp_path / "out.journey.json"
    assert main(["convert", str(future), "-o", str(target)]) == 2
    assert one_line(capsys.readouterr().err).startswith(f"journeymap: {future}: ")
    assert not target.exists()


# -------------------------------------------------------------------- errors
def test_a_broken_file_is_one_line_naming_file_and_json_path(broken, capsys):
    assert main(["info", str(broken)]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith(f"journeymap: {broken}: map.cards[0].stage_id: ")
    assert "s-gone" in err


def test_a_missing_file_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nowhere.journey.json"
    assert main(["convert", str(missing), "-o", str(tmp_path / "out.json")]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith(f"journeymap: {missing}: ")


def test_keyboard_interrupt_exits_130(monkeypatch, capsys):
    def interrupted(path):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_map", interrupted)
    assert main(["info", str(EXAMPLE)]) == 130
    assert one_line(capsys.readouterr().err) == "journeymap: interrupted"


def test_usage_errors_exit_2_without_raising(capsys):
    assert main(["new", "--template", "b2b"]) == 2  # -o is required
    assert "required" in capsys.readouterr().err
    assert main(["--no-such-option"]) == 2
    assert main(["--help"]) == 0
    assert "COMMAND" in capsys.readouterr().out


# -------------------------------------------------------------------- editor
@pytest.fixture
def fake_editor(monkeypatch):
    calls = []
    module = types.ModuleType("app.widgets.main_window")
    module.run_editor = lambda path=None, join=None: calls.append(path if join is None else ("join", join)) or 0
    monkeypatch.setitem(sys.modules, "app.widgets.main_window", module)
    return calls


def test_without_a_command_the_editor_opens(fake_editor):
    assert main([]) == 0
    assert main([str(EXAMPLE)]) == 0
    assert fake_editor == [None, EXAMPLE]


def test_a_missing_file_or_command_does_not_open_the_editor(tmp_path, fake_editor, capsys):
    assert main(["valdate"]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith("journeymap: valdate: no such file") and "validate" in err
    assert fake_editor == []


# ------------------------------------------------------------- real process
def run(*args: str, exe: list[str] | None = None) -> subprocess.CompletedProcess:
    command = exe or [sys.executable, "-m", "app.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_console_script_validate(broken):
    script = Path(sys.executable).parent / "journeymap"
    assert script.exists(), "pip install -e . installs the journeymap console script"
    done = run("validate", str(EXAMPLE), str(broken), exe=[str(script)])
    assert done.returncode == 2
    assert done.stdout.startswith(f"{EXAMPLE}: ok (")
    assert one_line(done.stderr).startswith(f"{broken}: map.cards[0].stage_id: ")
    done = run("validate", str(EXAMPLE), exe=[str(script)])
    assert (done.returncode, done.stderr) == (0, "")


def test_python_dash_m_and_headless_commands_never_import_qt(tmp_path):
    done = run("info", "--json", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["personas"] == 2
    probe = (
        "import sys; from app.cli import main; "
        f"codes = [main(['validate', {str(EXAMPLE)!r}]), main(['templates']), "
        f"main(['new', '-o', {str(tmp_path / 'n.journey.json')!r}])]; "
        "assert codes == [0, 0, 0], codes; "
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6')); assert not qt, qt"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
