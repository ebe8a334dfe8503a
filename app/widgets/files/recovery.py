"""The recovery journal: autosaved copies of maps with unsaved changes, kept until the user saves
or discards them, offered again after a crash.

One journal entry per open map with unsaved changes, in the user's app-data folder
(``QStandardPaths.AppDataLocation/recovery``, see :func:`default_recovery_folder`)::

    recovery/
      3f9a1c2b8d0e4f11.recovery.json   the entry (written atomically: temp + fsync + replace)
      3f9a1c2b8d0e4f11.lock            a QLockFile held while the editor that owns it runs

An entry is one JSON object: ``format`` (``"journeymap-recovery"``), ``version`` (1), ``id``,
``title`` (what the window called the map), ``original_path`` (the map file, or null for a map
never saved), ``saved_at`` (ISO 8601, UTC), ``pid``, ``base`` (the signature of the file the edits
started from: ``mtime_ns``, ``size``, ``sha256``, or null) and, last, ``map_file``: the complete
map file (the ``{"format": "journeymap", "schema_version": ..., "map": ...}`` object) exactly as
:func:`app.io.jsonfile.dumps_map` writes it, embedded as JSON rather than as an escaped string (a
large map costs no escaping, and the entry stays readable). Restoring passes it through
:func:`app.io.jsonfile.loads_map`: the same checks as opening a file.

The lock tells a live owner from a dead one: :meth:`RecoveryJournal.pending` lists only entries
whose lock can be taken, i.e. whose editor crashed, was killed, or quit while the user chose
nothing (Qt recognises a dead owner from the process id, process name and boot id). Entries are
never deleted except by :meth:`RecoveryJournal.remove`, which the session calls when the user
saves, discards (after a confirmation), or undoes back to the saved state.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from app.io.diskfile import DiskSignature, atomic_write
from app.io.jsonfile import MapFileError, dumps_map, loads_map
from app.io.oserrors import plain_os_error
from app.model.schema import Map
from app.widgets.files.prompts import Choice
from app.widgets.i18n import translate

__all__ = [
    "APPLICATION_NAME",
    "ORGANIZATION_NAME",
    "JOURNAL_FORMAT",
    "JournalEntry",
    "RecoveryJournal",
    "default_recovery_folder",
    "ensure_application_identity",
]

APPLICATION_NAME = "Journey Map Studio"
ORGANIZATION_NAME = "journeymap"
JOURNAL_FORMAT = "journeymap-recovery"
JOURNAL_VERSION = 1
ENTRY_SUFFIX = ".recovery.json"
LOCK_SUFFIX = ".lock"
_DEFAULT_APP_NAMES = {"", "PySideApp", "python", "python3"}


def ensure_application_identity() -> None:
    """Give the application our organisation and name unless the program set its own, so that
    ``AppDataLocation`` and ``QSettings()`` are the same folder on every start (PySide6's default
    name is "PySideApp", or the interpreter's name)."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    name = QCoreApplication.applicationName()
    if name in _DEFAULT_APP_NAMES or name.startswith("python"):
        QCoreApplication.setApplicationName(APPLICATION_NAME)


def default_recovery_folder() -> Path:
    """``AppDataLocation/recovery`` (e.g. ``~/.local/share/journeymap/Journey Map Studio/recovery``)."""
    ensure_application_identity()
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:  # pragma: no cover - no home folder at all
        base = os.path.join(os.path.expanduser("~"), ".journeymap")
    return Path(base) / "recovery"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class JournalEntry:
    """One autosaved map. ``problem`` is why the entry cannot be read ("" when it can)."""

    id: str
    file: Path
    title: str = ""
    original_path: Path | None = None
    saved_at: str = ""
    base: DiskSignature | None = None
    problem: str = ""
    _lock: QLockFile | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ ownership
    @property
    def lock_file(self) -> Path:
        return self.file.with_name(self.id + LOCK_SUFFIX)

    @property
    def claimed(self) -> bool:
        return self._lock is not None and self._lock.isLocked()

    def claim(self) -> bool:
        """Take the entry's lock (False if a live editor holds it). Held until :meth:`release`."""
        if self.claimed:
            return True
        lock = QLockFile(str(self.lock_file))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            return False
        self._lock = lock
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # ------------------------------------------------------------------ content
    def load_map(self) -> Map:
        """The autosaved map; raises :class:`MapFileError` (one line) if it cannot be read."""
        if self.problem:
            raise MapFileError(self.file, "", self.problem)
        try:
            with open(self.file, "rb") as f:
                envelope = json.loads(f.read())
            embedded = envelope["map_file"]
        except OSError as err:
            raise MapFileError(self.file, "", plain_os_error(err)) from None
        except (ValueError, KeyError, TypeError, RecursionError):
            raise MapFileError(self.file, "", "the recovery file is damaged") from None
        if not isinstance(embedded, dict):
            raise MapFileError(self.file, "map_file", "the recovery file is damaged (it holds no map)")
        try:
            text = json.dumps(embedded, ensure_ascii=False)
        except (ValueError, RecursionError):
            raise MapFileError(self.file, "map_file", "the recovery file is damaged") from None
        return loads_map(text, self.file)

    def saved_at_text(self) -> str:
        """When the entry was written, in local time ("2024-05-01 14:03"), or "" if unknown."""
        try:
            return datetime.fromisoformat(self.saved_at).astimezone().strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            return ""

    def describe(self) -> str:
        """One line for a prompt: the title, where it came from, and when it was autosaved."""
        where = str(self.original_path) if self.original_path else translate("Recovery", "never saved to a file")
        when = self.saved_at_text()
        title = self.title or translate("Recovery", "Untitled")
        if when:
            return translate("Recovery", "“{title}” ({where}), autosaved {time}").format(title=title, where=where, time=when)
        return translate("Recovery", "“{title}” ({where})").format(title=title, where=where)


class RecoveryJournal:
    """The folder of journal entries (see the module docstring)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None):
        self.folder = Path(folder) if folder is not None else default_recovery_folder()

    def _file(self, entry_id: str) -> Path:
        return self.folder / f"{entry_id}{ENTRY_SUFFIX}"

    def new_entry(self) -> JournalEntry:
        """A fresh, claimed entry (nothing is written until :meth:`write`). Raises OSError if the
        folder cannot be created or the entry cannot be locked."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(10):
            entry_id = secrets.token_hex(8)
            entry = JournalEntry(entry_id, self._file(entry_id))
            if not entry.file.exists() and entry.claim():
                return entry
        raise OSError(f"cannot create a recovery entry in {self.folder}")

    def write(
        self,
        entry: JournalEntry,
        m: Map,
        *,
        title: str,
        original_path: Path | None,
        base: DiskSignature | None,
    ) -> None:
        """Replace the entry's file with ``m`` atomically. Raises OSError, or ValueError if the map
        cannot be written as JSON (the old entry, if any, is then unchanged)."""
        map_file = dumps_map(m)
        entry.title = title
        entry.original_path = original_path
        entry.saved_at = _now()
        entry.base = base
        meta: dict[str, Any] = {
            "format": JOURNAL_FORMAT,
            "version": JOURNAL_VERSION,
            "id": entry.id,
            "title": title,
            "original_path": os.fspath(original_path) if original_path else None,
            "saved_at": entry.saved_at,
            "pid": os.getpid(),
            "base": base.to_dict() if base else None,
        }
        head = json.dumps(meta, ensure_ascii=False, indent=2)  # ends with "\n}"
        text = f'{head[:-2]},\n  "map_file": {map_file.rstrip()}\n}}\n'
        data = text.encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(entry.file, data)

    def remove(self, entry: JournalEntry) -> None:
        """Delete the entry's file and release its lock (the user saved or discarded it)."""
        try:
            entry.file.unlink(missing_ok=True)
        finally:
            entry.release()

    def read(self, file: Path) -> JournalEntry:
        """The metadata of one entry file; a damaged file gives an entry with ``problem`` set."""
        entry = JournalEntry(file.name[: -len(ENTRY_SUFFIX)], file)
        try:
            with open(file, "rb") as f:
                envelope = json.loads(f.read())
        except OSError as err:
            entry.problem = f"cannot read the recovery file: {plain_os_error(err)}"
            return entry
        except (ValueError, RecursionError):  # (RecursionError: nested too deep)
            entry.problem = "the recovery file is damaged (not valid JSON)"
            return entry
        if not isinstance(envelope, dict) or envelope.get("format") != JOURNAL_FORMAT:
            entry.problem = "not a recovery file of this program"
            return entry
        if not isinstance(envelope.get("version"), int) or envelope["version"] > JOURNAL_VERSION:
            entry.problem = "written by a newer version of the program"
            return entry
        entry.title = str(envelope.get("title") or "")
        original = envelope.get("original_path")
        entry.original_path = Path(original) if isinstance(original, str) and original else None
        entry.saved_at = str(envelope.get("saved_at") or "")
        entry.base = DiskSignature.from_dict(envelope.get("base")) if envelope.get("base") else None
        if not isinstance(envelope.get("map_file"), dict):
            entry.problem = "the recovery file holds no map"
        return entry

    def entries(self) -> list[JournalEntry]:
        """Every entry file in the folder, newest first (live ones included)."""
        try:
            files = [
                p
                for p in self.folder.iterdir()
                if p.name.endswith(ENTRY_SUFFIX) and not p.name.startswith(".")
            ]
        except OSError:
            return []
        found = [self.read(p) for p in files]
        found.sort(key=lambda e: e.saved_at, reverse=True)
        return found

    def offer(self, prompter, restore: Callable[[JournalEntry], bool]) -> int:
        """Ask about each entry a crashed or killed editor left (Restore; Discard, after a
        confirmation; Later keeps it for next time); ``restore(entry)`` opens one and says
        whether it did. Returns how many were restored. Nothing is deleted unless confirmed."""
        restored = 0
        for entry in self.pending():
            if not entry.claim():
                continue  # another editor took it meanwhile
            choice = prompter.recover(entry)
            if choice == Choice.RESTORE:
                if restore(entry):
                    restored += 1
                else:
                    entry.release()
            elif choice == Choice.DISCARD and prompter.confirm_discard_recovery(entry):
                try:
                    self.remove(entry)
                except OSError as err:
                    prompter.error(f"Could not remove {entry.file}: {plain_os_error(err)}")
            else:
                entry.release()
        return restored

    def pending(self) -> list[JournalEntry]:
        """Entries no running editor owns: what a crash or kill left behind, newest first."""
        orphans = []
        for entry in self.entries():
            if entry.claim():  # the owner is gone (or never locked it)
                entry.release()
                orphans.append(entry)
        return orphans
