"""Shared by the file-session tests: a scripted prompter, sessions that keep to tmp_path, and a
second editor instance in another process (``tests/session_helper.py``)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model.events import Entity
from app.widgets.files.prompts import Choice
from app.widgets.files.recovery import RecoveryJournal
from app.widgets.files.session import MapSession
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]


class FakePrompter:
    """Answers each kind of question from a script; any question not scripted fails the test."""

    def __init__(self, **answers):
        self.answers = {
            kind: list(value) if isinstance(value, list) else [value] for kind, value in answers.items()
        }
        self.asked: list[tuple[str, object]] = []
        self.errors: list[tuple[str, str]] = []

    def script(self, **answers) -> None:
        for kind, value in answers.items():
            self.answers.setdefault(kind, []).extend(value if isinstance(value, list) else [value])

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def _next(self, kind: str, arg: object):
        self.asked.append((kind, arg))
        queue = self.answers.get(kind)
        if not queue:
            raise AssertionError(f"unexpected question {kind}({arg!r})")
        return queue.pop(0)

    def unsaved_changes(self, name):
        return self._next("unsaved_changes", name)

    def locked(self, name, owner):
        return self._next("locked", (name, owner))

    def changed_on_disk(self, name):
        return self._next("changed_on_disk", name)

    def confirm_revert(self, name):
        return self._next("confirm_revert", name)

    def confirm_overwrite(self, path):
        return self._next("confirm_overwrite", path)

    def recover(self, entry):
        return self._next("recover", entry)

    def confirm_discard_recovery(self, entry):
        return self._next("confirm_discard_recovery", entry)

    def open_path(self, folder):
        return self._next("open_path", folder)

    def save_path(self, suggested):
        return self._next("save_path", suggested)

    def choose_template(self):
        return self._next("choose_template", None)

    def error(self, text, detail=""):
        self.asked.append(("error", text))
        self.errors.append((text, detail))


def new_session(tmp_path: Path, prompter: FakePrompter | None = None, **kwargs) -> MapSession:
    kwargs.setdefault("autosave_ms", 60_000)
    kwargs.setdefault("watch_application", False)
    return MapSession(
        prompter=prompter if prompter is not None else FakePrompter(),
        journal=RecoveryJournal(tmp_path / "recovery"),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        **kwargs,
    )


def write_map(path: Path, title: str = "Small map") -> Path:
    m = small_map()
    m.title = title
    save_map(m, path, backup=False)
    return path


def edit_title(session: MapSession, title: str) -> None:
    session.push(cmd.Edit(Entity.MAP, "", {"title": title}, label="Rename map"))


def edit_card(session: MapSession, title: str, card_id: str = "c-s0-l-act-0") -> None:
    session.push(cmd.Edit(Entity.CARD, card_id, {"title": title}, label="Edit card"))


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file in ``folder`` (recursively) with its mtime and bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[os.fspath(p.relative_to(folder))] = (p.stat().st_mtime_ns, p.read_bytes())
    return out


class OtherEditor:
    """Another running editor instance: ``tests/session_helper.py`` in its own process."""

    def __init__(self, mode: str, map_path: Path, work: Path, *extra: str):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.fspath(ROOT))
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.session_helper",
                mode,
                os.fspath(map_path),
                os.fspath(work),
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.pid = self.proc.pid
        self.expect("READY")

    def expect(self, word: str, timeout: float = 60.0) -> str:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith(word):
            self.proc.kill()
            _, err = self.proc.communicate(timeout=10)
            raise AssertionError(f"helper said {line!r}, expected {word}; stderr:\n{err}")
        return line

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind, like a crash or a power cut of the process."""
        self.proc.kill()
        self.proc.wait(timeout=30)  # reaped, so its pid no longer exists

    def quit(self) -> None:
        """Close the editor normally (its session shuts down) and wait for it."""
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.expect("BYE")
            self.proc.wait(timeout=30)


__all__ = [
    "Choice",
    "FakePrompter",
    "OtherEditor",
    "edit_card",
    "edit_title",
    "new_session",
    "snapshot",
    "write_map",
]
