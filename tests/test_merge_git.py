"""`journeymap merge-driver` under real `git merge` runs in temporary repositories, installed as the
README says (.gitattributes + git config), and through app.cli.main for its error cases."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from app.model.schema import Card, Map, Stage
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]
MAP = "journey.journey.json"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check, timeout=120
    )


def make_repo(tmp_path: Path, base: Map, *, driver: bool = True) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.com")
    if driver:  # the two lines the README gives, with this checkout's interpreter for `journeymap`
        command = f"{shlex.quote(sys.executable)} -m app.cli merge-driver %O %A %B %P"
        git(repo, "config", "merge.journeymap.driver", command)
        (repo / ".gitattributes").write_text("*.journey.json merge=journeymap\n", encoding="utf-8")
        git(repo, "add", ".gitattributes")
    save_map(base, repo / MAP, backup=False)
    git(repo, "add", MAP)
    git(repo, "commit", "-q", "-m", "base")
    return repo


def commit_version(repo: Path, branch: str, m: Map, *, new_branch: bool = False) -> None:
    git(repo, "checkout", "-q", *(["-b"] if new_branch else []), branch)
    save_map(m, repo / MAP, backup=False)
    git(repo, "commit", "-q", "-am", f"edit on {branch}")


def two_branches(tmp_path: Path, ours: Map, theirs: Map, base: Map, *, driver: bool = True) -> Path:
    repo = make_repo(tmp_path, base, driver=driver)
    commit_version(repo, "theirs", theirs, new_branch=True)
    commit_version(repo, "main", ours)
    return repo


def test_git_merge_combines_edits_of_both_branches(tmp_path):
    base = small_map()
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.cards[0].title = "Order the laptop"
    ours.stages[0].name = "Aware"
    theirs.cards[0].body = "Takes three days"
    theirs.cards[1].stage_id = "s2"
    theirs.stages.append(Stage(id="s-renew", name="Renew"))
    theirs.cards.append(Card(id="c-renew", stage_id="s-renew", lane_id="l-act", title="Renew the contract"))
    repo = two_branches(tmp_path, ours, theirs, base)
    done = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(repo, "status", "--porcelain").stdout == ""
    m = load_map(repo / MAP)
    assert (m.cards[0].title, m.cards[0].body) == ("Order the laptop", "Takes three days")
    assert next(c for c in m.cards if c.id == base.cards[1].id).stage_id == "s2"
    assert [s.name for s in m.stages] == ["Aware", "Stage 1", "Stage 2", "Renew"]
    assert any(c.id == "c-renew" for c in m.cards) and not any("conflict" in c.tags for c in m.cards)
    assert not list(repo.glob("*.bak")) and not list(repo.glob(".*.tmp*"))


def test_without_the_driver_git_sees_a_text_conflict_in_the_same_edits(tmp_path):
    base = small_map()
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.cards[0].title = "Order the laptop"  # one field each of one card: adjacent lines of the file
    theirs.cards[0].body = "Takes three days"
    repo = two_branches(tmp_path, ours, theirs, base, driver=False)
    assert git(repo, "merge", "--no-edit", "theirs", check=False).returncode != 0
    assert "<<<<<<<" in (repo / MAP).read_text(encoding="utf-8")
    git(repo, "merge", "--abort")
    git(
        repo,
        "config",
        "merge.journeymap.driver",
        f"{shlex.quote(sys.executable)} -m app.cli merge-driver %O %A %B %P",
    )
    (repo / ".git" / "info" / "attributes").write_text("*.journey.json merge=journeymap\n", encoding="utf-8")
    assert git(repo, "merge", "--no-edit", "theirs", check=False).returncode == 0
    m = load_map(repo / MAP)
    assert (m.cards[0].title, m.cards[0].body) == ("Order the laptop", "Takes three days")


def test_git_merge_reports_a_true_conflict_and_keeps_both_values(tmp_path):
    base = small_map()
    ours, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    ours.cards[0].title = "Ours"
    theirs.cards[0].title = "Theirs"
    theirs.cards[2].votes = 4  # a clean edit beside the conflict
    repo = two_branches(tmp_path, ours, theirs, base)
    done = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert f'{MAP}: conflict: card "Ours" ({base.cards[0].id}): title: ours "Ours", theirs "Theirs"' in output
    assert "CONFLICT" in output and git(repo, "status", "--porcelain").stdout.startswith(f"UU {MAP}")
    m = load_map(repo / MAP)  # the working file is a valid map, no conflict markers
    c = m.cards[0]
    assert c.title == "Ours" and "conflict" in c.tags and "Theirs" in c.notes
    assert c.__pydantic_extra__["merge_conflicts"] == [{"field": "title", "ours": "Ours", "theirs": "Theirs"}]
    assert m.cards[2].votes == 4
    git(repo, "add", MAP)  # the facilitator resolves it in the editor, then commits
    git(repo, "commit", "-q", "--no-edit")


def test_merge_driver_refuses_a_broken_side_with_one_line_and_leaves_ours(tmp_path, capsys):
    base, ours = tmp_path / "base.json", tmp_path / "ours.json"
    save_map(small_map(), base, backup=False)
    save_map(small_map(), ours, backup=False)
    theirs = tmp_path / "theirs.json"
    theirs.write_text("<<<<<<< HEAD\n", encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(theirs) in err and "Traceback" not in err
    assert ours.read_bytes() == before


def test_merge_driver_with_an_empty_base_merges_two_added_files(tmp_path, capsys):
    base, ours, theirs = tmp_path / "base", tmp_path / "ours.json", tmp_path / "theirs.json"
    base.write_bytes(b"")
    m = small_map()
    save_map(m, ours, backup=False)
    other = m.model_copy(deep=True)
    other.stages.append(Stage(id="s-extra", name="Extra"))
    save_map(other, theirs, backup=False)
    assert main(["merge-driver", str(base), str(ours), str(theirs), "plan.journey.json"]) == 0
    assert [s.id for s in load_map(ours).stages] == ["s0", "s1", "s2", "s-extra"]
    assert capsys.readouterr().err == ""
