"""The map file on disk, as the editor session sees it: what was read, whether it changed since,
who else has it open.

- :class:`DiskSignature` - ``(mtime_ns, size, sha256)`` of the bytes a map was read from or saved
  as (plus the inode and ctime as a cheap hint). :func:`compare` says whether the file is still
  that one (``SAME``), was rewritten by someone else (``CHANGED``) or is gone (``MISSING``). A
  quick comparison trusts an identical ``stat``; a full one (before saving) always hashes.
- :func:`read_map_file` reads a map once and returns it with the signature of exactly the bytes
  parsed (never a second read that could see a newer file). Reading never writes.
- :class:`FileLock` - a :class:`QLockFile` beside the map (``.~NAME.lock``) that says "an editor
  has this open". Stale locks (the owner died: crash, ``kill -9``, reboot) are taken over by Qt's
  own detection from the process id, process name and boot id; the stale *time* is 0, so a lock
  held by a live editor for hours is never mistaken for a stale one. A second lock is named after
  the file's identity (device and inode, ``DEV-INO.lock`` in a per-user runtime folder:
  ``$XDG_RUNTIME_DIR/journeymap-locks``, else ``journeymap-locks-UID`` in the temporary folder,
  mode 0700 and owned by the user or not used), so that two *hard links* to one file, whose
  names (and so path locks) differ, are still seen as one file. A save that gives the file a new
  inode (the atomic replace) moves that lock to the new identity (:meth:`FileLock.follow`).
- :func:`atomic_write` - temp file + fsync + ``os.replace`` + folder fsync, for the recovery journal.

No dialogs here; :mod:`app.widgets.files.session` decides what to ask.
"""

from __future__ import annotations

import enum
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile

from app.io.atomic import atomic_write as write_atomically
from app.io.jsonfile import MAX_FILE_BYTES, load_map, loads_map
from app.io.oserrors import plain_os_error
from app.model.schema import Map

__all__ = [
    "DiskSignature",
    "DiskState",
    "FileLock",
    "LockStatus",
    "atomic_write",
    "compare",
    "identity_lock_path",
    "lock_path",
    "plain_os_error",
    "read_map_file",
    "signature_of",
]


@dataclass(frozen=True)
class DiskSignature:
    """What a map file was when the editor last read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str
    ino: int = 0
    ctime_ns: int = 0

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> DiskSignature:
        return cls(st.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest(), st.st_ino, st.st_ctime_ns)

    def same_stat(self, st: os.stat_result) -> bool:
        return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns) == (
            self.mtime_ns,
            self.size,
            self.ino,
            self.ctime_ns,
        )

    def to_dict(self) -> dict[str, Any]:
        return {"mtime_ns": self.mtime_ns, "size": self.size, "sha256": self.sha256}

    @classmethod
    def from_dict(cls, d: Any) -> DiskSignature | None:
        try:
            return cls(int(d["mtime_ns"]), int(d["size"]), str(d["sha256"]))
        except (TypeError, KeyError, ValueError):
            return None


class DiskState(enum.Enum):
    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


def _read_checked(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and the stat of the open file; a MapFileError in plain words."""
    try:
        first = os.stat(path)  # before opening: opening a FIFO would block
        if not stat.S_ISREG(first.st_mode) or first.st_size > MAX_FILE_BYTES:
            load_map(path)  # raises the jsonfile message (a folder, not a file, too large)
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        load_map(path)  # raises MapFileError naming the problem (no such file, permission denied...)
        raise  # pragma: no cover - the file became readable in between
    return data, st


def read_map_file(path: str | os.PathLike[str]) -> tuple[Map, DiskSignature]:
    """Read and validate the map at ``path``; raises :class:`MapFileError` (one line)."""
    path = Path(path)
    data, st = _read_checked(path)
    m = loads_map(data, path)
    return m, DiskSignature.of(data, st)


def signature_of(path: str | os.PathLike[str]) -> DiskSignature | None:
    """The signature of the file as it is now, or None if it does not exist / cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except (OSError, ValueError):
        return None
    return DiskSignature.of(data, st)


def compare(
    path: str | os.PathLike[str], signature: DiskSignature | None, *, full: bool = False
) -> DiskState:
    """Is the file at ``path`` still the one ``signature`` describes?

    Without ``full`` an unchanged ``stat`` (mtime, size, inode, ctime) is trusted; otherwise, or
    when the ``stat`` differs, the content is hashed, so that ``touch`` or a rewrite with the same
    bytes is not a change. ``signature`` None (never read) with an existing file is ``CHANGED``.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return DiskState.MISSING
    except OSError:
        return DiskState.CHANGED  # cannot even stat it: let the caller ask rather than overwrite
    if signature is None:
        return DiskState.CHANGED
    if not full and signature.same_stat(st):
        return DiskState.SAME
    if st.st_size != signature.size:
        return DiskState.CHANGED
    now = signature_of(path)
    if now is None:
        return DiskState.CHANGED
    return DiskState.SAME if now.sha256 == signature.sha256 else DiskState.CHANGED


# ---------------------------------------------------------------------------------------- locks


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file that marks ``path`` as open in an editor: ``.~NAME.lock`` beside it (beside the
    file a symbolic link points to, so two names for one file share one lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".~{real.name}.lock")


def _lock_folder() -> Path | None:
    """The per-user folder of identity locks (module docstring), or None if there is no safe one."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        folder = Path(runtime) / "journeymap-locks"
    else:
        folder = Path(tempfile.gettempdir()) / ("journeymap-locks" if uid is None else f"journeymap-locks-{uid}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or (uid is not None and (st.st_uid != uid or st.st_mode & 0o077)):
        return None  # a symbolic link, or a folder others can write: not ours to trust
    return folder


def identity_lock_path(path: str | os.PathLike[str]) -> Path | None:
    """The lock named after the identity (device, inode) of the file at ``path``, or None when the
    file does not exist (yet) or there is no lock folder."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    folder = _lock_folder()
    return None if folder is None else folder / f"{st.st_dev:x}-{st.st_ino:x}.lock"


class LockStatus(enum.Enum):
    ACQUIRED = "acquired"
    HELD_ELSEWHERE = "held elsewhere"  # another live editor has the file open
    UNAVAILABLE = "unavailable"  # no lock possible (read-only folder, ...): open without one


def _qlock(file: Path) -> QLockFile:
    lock = QLockFile(str(file))
    lock.setStaleLockTime(0)  # a long-lived lock: only a dead owner makes it stale
    return lock


class FileLock:
    """``.~NAME.lock`` beside a map and ``DEV-INO.lock`` in the lock folder while an editor has it
    open (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.file = lock_path(path)
        self._lock = _qlock(self.file)
        self.identity_file: Path | None = None
        self._identity: QLockFile | None = None
        self._blocker = self._lock  # the lock another editor holds, for owner()

    def acquire(self) -> LockStatus:
        if self._lock.isLocked():
            return LockStatus.ACQUIRED
        if not self._lock.tryLock(0):
            self._blocker = self._lock
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return LockStatus.HELD_ELSEWHERE
            return LockStatus.UNAVAILABLE
        if self._take_identity() is LockStatus.HELD_ELSEWHERE:  # another link to the same file
            self._lock.unlock()
            return LockStatus.HELD_ELSEWHERE
        return LockStatus.ACQUIRED

    def _take_identity(self) -> LockStatus:
        file = identity_lock_path(self.path)
        if file is None:
            return LockStatus.UNAVAILABLE  # no file yet (Save As), or no lock folder: the path lock only
        if file == self.identity_file and self._identity is not None and self._identity.isLocked():
            return LockStatus.ACQUIRED
        lock = _qlock(file)
        if lock.tryLock(0):
            if self._identity is not None:
                self._identity.unlock()
            self._identity, self.identity_file = lock, file
            return LockStatus.ACQUIRED
        if lock.error() == QLockFile.LockError.LockFailedError:
            self._blocker = lock
            return LockStatus.HELD_ELSEWHERE
        return LockStatus.UNAVAILABLE

    def follow(self) -> None:
        """After a save or a reload: lock the file's identity as it is now (an atomic save gives the
        file a new inode). Best effort: the path lock still marks the file."""
        if self._lock.isLocked():
            self._take_identity()

    @property
    def locked(self) -> bool:
        return self._lock.isLocked()

    def owner(self) -> str:
        """Who holds the lock, in words ("process 1234 on host vm"), or "" if unknown."""
        try:
            info = self._blocker.getLockInfo()
        except (RuntimeError, TypeError):  # pragma: no cover - binding differences
            return ""
        if not info or len(info) != 3:
            return ""
        pid, host, _app = info
        if not pid:
            return ""
        return f"process {pid} on {host}" if host else f"process {pid}"

    def release(self) -> None:
        if self._identity is not None:
            self._identity.unlock()
            self._identity, self.identity_file = None, None
        self._lock.unlock()


# ---------------------------------------------------------------------------------------- write


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by the user only (the recovery journal
    holds the user's unsaved work). On failure (OSError) the old file is unchanged."""
    write_atomically(path, data, mode=0o600)
