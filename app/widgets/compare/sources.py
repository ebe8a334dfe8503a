"""Where the version to compare with comes from: another file, the last saved version of the open
file, or a git revision of it (``git log`` lists the recent commits that touched the file, ``git
show REV:PATH`` reads it). No Qt: plain functions that return a map or raise :class:`SourceError`
with one line naming the file (or revision) and the reason.

git runs as a subprocess with a time limit, never through a shell, with the file's folder as its
working directory; a machine without git, or a file outside a repository, has no revisions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from app.io.jsonfile import MapFileError, load_map, loads_map
from app.io.oserrors import plain_os_error
from app.model.schema import Map

GIT_TIMEOUT_S = 20
MAX_REVISIONS = 30


class SourceError(Exception):
    """The other version cannot be read; ``str()`` is one line naming it."""


@dataclass(frozen=True)
class Revision:
    commit: str  # the full hash
    short: str
    date: str  # YYYY-MM-DD
    author: str
    subject: str


def read_file(path: str | os.PathLike[str]) -> Map:
    try:
        return load_map(path)
    except MapFileError as err:
        raise SourceError(str(err)) from None
    except OSError as err:
        raise SourceError(f"{path}: {plain_os_error(err)}") from None


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """``git ARGS`` in ``folder``; None when git is missing, failed to start or took too long."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        return subprocess.run(
            [git, *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT_S, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None


def _repo_path(path: Path) -> str | None:
    """``path`` relative to the top of its git work tree (with /), or None outside one."""
    done = _git(path.parent, "rev-parse", "--show-toplevel")
    if done is None or done.returncode != 0:
        return None
    top = Path(os.fsdecode(done.stdout.strip()))
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None


def revisions(path: str | os.PathLike[str], limit: int = MAX_REVISIONS) -> list[Revision]:
    """The most recent commits that changed the file at ``path``, newest first ([] outside git)."""
    path = Path(path)
    rel = _repo_path(path)
    if rel is None:
        return []
    done = _git(path.parent, "log", f"-n{limit}", "--date=short", "--format=%H%x1f%h%x1f%ad%x1f%an%x1f%s",
                "--", f":(top,literal){rel}")  # fmt: skip
    if done is None or done.returncode != 0:
        return []
    out = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\x1f")
        if len(parts) == 5:
            out.append(Revision(*parts))
    return out


def read_revision(path: str | os.PathLike[str], commit: str) -> Map:
    """The map as it was at ``commit`` (``git show COMMIT:PATH``)."""
    path = Path(path)
    rel = _repo_path(path)
    name = f"{path.name} at {commit[:12]}"
    if rel is None:
        raise SourceError(f"{path}: not in a git repository")
    done = _git(path.parent, "show", f"{commit}:{rel}")
    if done is None:
        raise SourceError(f"{name}: git is not available or did not answer")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"{name}: {reason[-1] if reason else 'git show failed'}")
    try:
        return loads_map(done.stdout, name)
    except MapFileError as err:
        raise SourceError(str(err)) from None
