"""The command line's conventions (issue 9, item 8): --version, file names for `new -o`,
an empty map's analysis, help that reads well."""

from __future__ import annotations

import json
import subprocess
import sys

from app import version
from app.cli import main
from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from app.io.templates import load_template


def test_version_is_printed_by_the_program_and_its_commands_parser(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"journeymap {version()}"


def test_version_as_a_real_process():
    done = subprocess.run([sys.executable, "-m", "app.cli", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip().startswith("journeymap ")


def test_new_adds_the_map_extension_to_a_bare_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "-o", "plan"]) == 0
    assert (tmp_path / "plan.journey.json").is_file() and not (tmp_path / "plan").exists()
    assert "plan.journey.json" in capsys.readouterr().out
    load_map(tmp_path / "plan.journey.json")
    assert main(["new", "-o", "kept.json"]) == 0  # a .json name is kept as given
    assert (tmp_path / "kept.json").is_file()


def test_new_refuses_a_folder_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for name in ("maps", "maps/", "not-yet/"):
        assert main(["new", "-o", name]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is a folder" in err and f"{name.rstrip('/')}/plan.journey.json" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_analyze_an_empty_map_says_so_on_every_line(tmp_path, capsys):
    m = load_template("onboarding")
    path = tmp_path / "empty.journey.json"
    save_map(m, path)
    assert main(["analyze", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.strip() for line in lines), lines  # no empty line
    assert all(not line.endswith(": ") for line in lines), lines
    assert "  none rated" in lines and lines[-1] == "longest flow: no links"
    assert main(["analyze", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["longest_flow"] == []


def test_help_never_puts_a_commands_text_on_a_line_of_its_own(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["--help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    commands = [line for line in lines if line.startswith("    ") and not line.startswith("      ")]
    assert {line.split()[0] for line in commands} >= {"new", "templates", "validate", "export"}
    for line in commands:
        assert len(line.split(maxsplit=1)) == 2, f"help text wrapped away from {line.strip()!r}"
    assert max(len(line) for line in lines) <= 80
