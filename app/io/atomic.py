"""Writing a file so that a crash, a full disk or a kill never leaves half of it.

``atomic_write`` writes a temporary file in the same folder, fsyncs it, atomically replaces the
target with it (``os.replace``) and fsyncs the folder so the rename itself is durable. On any
failure the old file is unchanged, no temporary file is left, and the OSError propagates for the
caller to word. (Map files add a backup step in the middle: app.io.jsonfile.)

Temporary files are named ``.NAME.1f9c04ab.tmp`` (8 random lower-case hex digits, :func:`temp_name`).
A save that is killed (SIGKILL, power cut) leaves its temporary file behind; the next successful
save into the same folder removes such leftovers (:func:`remove_stale_temps`): only names of exactly
that pattern, only regular files of this user (not symbolic links), and only when neither their
content nor their inode changed for :data:`STALE_TEMP_SECONDS` (10 minutes). A leftover may be a
second hard link to a file (a backup being made when the save was killed): removing that name
loses no data, and making a link changes the inode's ctime, so a backup in progress is fresh. A save in progress
(of this or another process) keeps its file fresh: it writes it, then renames it within moments.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

#: A temporary file untouched (mtime and ctime) for this long is a leftover of a killed save.
STALE_TEMP_SECONDS = 600.0
_TEMP_NAME = re.compile(r"\A\..+\.[0-9a-f]{8}\.tmp\Z", re.S)


def temp_name(folder: Path, name: str) -> Path:
    """A fresh temporary file name for ``name`` in ``folder``: ``.NAME.<8 hex digits>.tmp``."""
    return folder / f".{name}.{secrets.token_hex(4)}.tmp"


def remove_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files killed saves left in ``folder`` (see the module docstring).
    Best effort and silent: returns what was removed."""
    removed: list[Path] = []
    cutoff = time.time() - STALE_TEMP_SECONDS
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = os.scandir(folder)
    except OSError:
        return removed
    with entries:
        for entry in entries:
            if not _TEMP_NAME.match(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue  # a symbolic link, a folder, or not ours
            if max(st.st_mtime, st.st_ctime) > cutoff:
                continue  # recent: possibly a save in progress
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in ``folder`` durable. Best effort: some systems (Windows) cannot open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    mode: int = 0o666,
    *,
    keep_mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically (a symbolic link's target is replaced).

    ``mode`` is filtered by the umask, as for any new file; ``keep_mode`` instead sets exactly
    these permission bits (a save keeps the mode of the file it replaces). ``before_replace``
    runs once the new content is durable and before the rename (a map save keeps the previous
    version as ``NAME.bak`` there). On failure nothing is left behind and the OSError
    propagates with a ``step`` attribute: ``"write"``, ``"before_replace"`` or ``"replace"``.
    Every file the program writes goes through here (maps, exports, the recovery journal)."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    step = "write"
    tmp: Path | None = None
    try:
        for _ in range(100):  # a random name taken by another writer: draw again
            tmp = temp_name(folder, path.name)
            try:
                fd = os.open(tmp, flags, mode)
                break
            except FileExistsError:
                tmp = None
        else:
            raise FileExistsError(errno.EEXIST, "cannot create a temporary file", os.fspath(folder))
        try:
            if keep_mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, keep_mode)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            step = "before_replace"
            before_replace()
        step = "replace"
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        err.step = step  # type: ignore[attr-defined]
        raise
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    fsync_folder(folder)
    remove_stale_temps(folder)


def rewrite_in_place(path: str | os.PathLike[str], data: bytes, old: bytes) -> None:
    """Make ``data`` the content of the existing file ``path`` without replacing the file.

    The inode stays, so every hard link to the file sees the new content (an atomic replace would
    leave the other links holding the old one), and so do its owner, mode and ACLs. This is not
    atomic: a kill in the middle leaves the file torn, so the caller first keeps a durable copy of
    the old content elsewhere (map saves: ``NAME.bak``). On failure the old content ``old`` is
    written back if possible; the OSError propagates, its ``restored`` attribute saying whether
    the file holds ``old`` again.
    """
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            _overwrite(fd, data)
        except OSError as err:
            try:
                _overwrite(fd, old)
                err.restored = True  # type: ignore[attr-defined]
            except OSError:
                err.restored = False  # type: ignore[attr-defined]
            raise
    finally:
        os.close(fd)


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)
