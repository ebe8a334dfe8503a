"""Writing a file so that a crash, a full disk or a kill never leaves half of it.

``atomic_write`` writes a temporary file in the same folder, fsyncs it, atomically replaces the
target with it (``os.replace``) and fsyncs the folder so the rename itself is durable. On any
failure the old file is unchanged, no temporary file is left, and the OSError propagates for the
caller to word. (Map files add a backup step in the middle: app.io.jsonfile.)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


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


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int = 0o666) -> None:
    """Replace ``path`` with ``data`` atomically (a symbolic link's target is replaced).
    ``mode`` is filtered by the umask, as for any new file."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(tmp, flags, mode)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(folder)
