"""A second editor instance for the file-session tests, run as ``python -m tests.session_helper
MODE MAP WORK [TITLE]`` with the map file and a work folder (its recovery journal and settings).

- ``open``: open MAP (taking its lock), print READY, wait for "quit" on stdin, close, print BYE.
- ``edit``: the same, but first rename the map to TITLE through an undo command and autosave
  the journal (the test kills this one with SIGKILL instead of asking it to quit).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.model import commands as cmd  # noqa: E402
from app.model.events import Entity  # noqa: E402
from app.widgets.files.recovery import RecoveryJournal  # noqa: E402
from app.widgets.files.session import MapSession  # noqa: E402


class NoQuestions:
    """This instance must never need to ask anything."""

    def __getattr__(self, name):
        def fail(*args):
            print(f"ASKED {name} {args}", flush=True)
            raise SystemExit(3)

        return fail


def main() -> int:
    mode, map_path, work = sys.argv[1:4]
    app = QGuiApplication(sys.argv[:1])
    work_dir = Path(work)
    session = MapSession(
        prompter=NoQuestions(),
        journal=RecoveryJournal(work_dir / "recovery"),
        settings=QSettings(os.fspath(work_dir / "helper.ini"), QSettings.Format.IniFormat),
        watch_application=False,
    )
    if not session.open(map_path):
        print("FAILED to open", flush=True)
        return 2
    if mode == "edit":
        session.push(cmd.Edit(Entity.MAP, "", {"title": sys.argv[4]}, label="Rename map"))
        if not session.autosave_now():
            print("FAILED to autosave", flush=True)
            return 2
    print("READY", session.journal_entry.file if session.journal_entry else "", flush=True)
    sys.stdin.readline()  # until "quit" (or killed)
    session.shutdown()
    print("BYE", flush=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
