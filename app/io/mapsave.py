"""Saving map files (:func:`save_map`; the format and reading are :mod:`app.io.jsonfile`).

The JSON goes to a temporary file in the same folder (created with the permissions a
new file gets, or the old file's mode), is flushed and fsynced; the previous file is kept as
``NAME.bak`` (a hard link to the old file where the file system allows, else a copy); the
temporary file atomically replaces the map (``os.replace``) and the folder is fsynced. A failed
save leaves the old file byte-identical and no temporary file behind. A symbolic link is
followed: the file it points to is replaced, the link stays. Temporary files are named and
cleaned up as :mod:`app.io.atomic` describes: after a successful save, the leftovers of saves
killed more than 10 minutes ago in that folder are removed.

Hard links: replacing a file that has several hard links (``st_nlink > 1``) by a new one would cut
it off from its other names, which would keep showing the old map. Such a file is saved in place
instead: its old content is copied to ``NAME.bak`` (a copy, not a link, fsynced), then the new
JSON is written over the file itself (same inode; truncated, fsynced): every link shows the saved
map, and the owner and permissions stay. This is not atomic: if writing fails, the old content is
written back; a kill or power cut in the middle can leave the file torn, and then ``NAME.bak``
holds the previous version complete (and the editor's recovery journal the unsaved work).

Refusing newer files: before replacing a file, its schema version is read from its first bytes,
else from the parsed file, else, for a file that does not parse (broken, cut off or too large), by
a tolerant scan of its top-level keys (:func:`scan_envelope`); a file from a newer version is never
replaced, even one this build cannot read.
"""

from __future__ import annotations

import errno
import mmap
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError

from app.io import jsonfile
from app.io.atomic import (
    atomic_write,
    fsync_folder,
    remove_stale_temps,
    rewrite_in_place,
    temp_name,
    write_all,
)
from app.io.jsonfile import FORMAT, MapFileError, _fail, _newer_message, _parse_json, dumps_map
from app.io.mapscan import scan_envelope
from app.io.oserrors import plain_os_error
from app.model.schema import SCHEMA_VERSION, Map

BACKUP_SUFFIX = ".bak"

__all__ = ["BACKUP_SUFFIX", "backup_path", "keep_backup", "save_map"]


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where :func:`save_map` keeps the previous version of ``path``: ``NAME.bak`` beside it."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def keep_backup(path: str | os.PathLike[str]) -> Path:
    """Keep the current content of the file at ``path`` as ``NAME.bak`` beside it (as a save does),
    e.g. before another writer replaces it. Returns the backup's path; raises :class:`MapFileError`."""
    target = _resolve_link(Path(path))
    try:
        _make_backup(target)
    except OSError as err:
        _fail(path, "", f"cannot keep a backup copy ({backup_path(target).name}): {plain_os_error(err)}")
    return backup_path(target)


def save_map(m: Map, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Write ``m`` to ``path`` atomically, keeping the previous file as ``NAME.bak`` if ``backup``.

    Refuses (:class:`MapFileError`) to replace a map written by a newer version, a folder, or a
    file that is read-only; on any failure the old file is unchanged and no temporary file is left.
    The map is written as it is: ``modified`` is the caller's (the document's) to update.
    """
    path = Path(path)
    try:
        data = dumps_map(m).encode("utf-8")
    except (PydanticSerializationError, UnicodeEncodeError, ValueError, TypeError) as err:
        _fail(path, "", f"cannot save: the map cannot be written as JSON ({err})")
    target = _resolve_link(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as err:
        _fail(path, "", f"cannot save: {plain_os_error(err)}")
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            _fail(path, "", "cannot save: is a folder")
        if not stat.S_ISREG(st.st_mode):
            _fail(path, "", "cannot save: not a regular file")
        if not os.access(target, os.W_OK):
            _fail(path, "", "cannot save: the file is read-only")
        existing = _existing_schema_version(target, path)
        if existing is not None and existing > SCHEMA_VERSION:
            _fail(path, "", f"refusing to overwrite a file {_newer_message(existing)}")
    if st is not None and st.st_nlink > 1:
        _write_in_place(target, data, path, backup=backup)
        return
    _write_atomically(target, data, path, mode=None if st is None else stat.S_IMODE(st.st_mode), backup=backup and st is not None)


def _resolve_link(path: Path) -> Path:
    """The file to replace: a symbolic link's target (so the link survives), else ``path``."""
    try:
        if path.is_symlink():
            return Path(os.path.realpath(path))
    except (OSError, ValueError):
        pass
    return path


_CANONICAL_HEAD = re.compile(
    rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"journeymap"\s*,\s*"schema_version"\s*:\s*(-?[0-9]{1,9})\s*[,}]'
)
def _existing_schema_version(target: Path, path: Path) -> int | None:
    """The schema version of the map file about to be replaced, or None if it is not a map.

    Files written by any version start with format and schema_version, so the first bytes
    usually tell; otherwise the whole file is parsed. A file that does not parse (broken, cut
    off, or over :data:`MAX_FILE_BYTES`) is scanned tolerantly (:func:`scan_envelope`, the whole file,
    mapped, not read into memory), so that a newer version's file this build cannot read is still
    recognised and never overwritten.
    """
    try:
        with open(target, "rb") as f:
            if os.fstat(f.fileno()).st_size > jsonfile.MAX_FILE_BYTES:  # too large to parse: scan it, mapped
                with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    return _scanned_version(mapped)
            data = f.read(jsonfile.MAX_FILE_BYTES + 1)
    except OSError as err:
        _fail(path, "", f"cannot save: cannot read the existing file to check its version: {plain_os_error(err)}")
    match = _CANONICAL_HEAD.match(data)
    if match:
        return int(match.group(1))
    try:
        doc = _parse_json(data, target)
    except MapFileError:
        return _scanned_version(data)  # broken: perhaps a newer version's syntax
    if isinstance(doc, dict) and doc.get("format") == FORMAT:
        version = doc.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return None  # readable, and not a map of any version


def _scanned_version(data: Any) -> int | None:
    match = _CANONICAL_HEAD.match(data)
    if match:
        return int(match.group(1))
    found = scan_envelope(data)
    if found.get("format", FORMAT) != FORMAT:
        return None  # another program's file
    version: int | None = found.get("schema_version")
    return version


def _write_atomically(target: Path, data: bytes, path: Path, *, mode: int | None, backup: bool) -> None:
    """A map save through the one atomic writer (app.io.atomic), keeping the previous version as
    NAME.bak just before the rename; one clear line naming the step that failed."""
    steps = {
        "write": "write the new file",
        "before_replace": f"keep the previous version as {backup_path(target).name}",
        "replace": "replace the file",
    }
    try:
        atomic_write(target, data, keep_mode=mode, before_replace=(lambda: _make_backup(target)) if backup else None)
    except OSError as err:
        step = steps.get(getattr(err, "step", "write"), "write the new file")
        where = f" in {target.parent}" if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else ""
        _fail(path, "", f"cannot save (could not {step}): {plain_os_error(err)}{where}; the previous file is unchanged")


def _write_in_place(target: Path, data: bytes, path: Path, *, backup: bool) -> None:
    """Save over a file with several hard links: a copy of it becomes ``NAME.bak`` (fsynced), then
    the file itself is rewritten in place, so that every link shows the saved map (module docstring)."""
    folder = target.parent
    step = "read the previous version"
    try:
        with open(target, "rb") as f:
            old = f.read()
        if backup:
            step = f"keep the previous version as {backup_path(target).name}"
            _make_backup(target, copy=True)
            fsync_folder(folder)
        step = "write the file in place"
        rewrite_in_place(target, data, old)
    except OSError as err:
        if step != "write the file in place" or getattr(err, "restored", False):
            kept = "the previous file is unchanged"
        elif backup:
            kept = f"the file may be incomplete: the previous version is kept as {backup_path(target).name}"
        else:
            kept = "the file may be incomplete"
        _fail(path, "", f"cannot save (could not {step}): {plain_os_error(err)}; {kept}")
    remove_stale_temps(folder)


def _make_backup(target: Path, *, copy: bool = False) -> None:
    """Make ``NAME.bak`` the current content of ``target``: a hard link (instant) or else (or with
    ``copy``: the file is about to be rewritten in place) a copy."""
    bak = backup_path(target)
    tmp = temp_name(target.parent, bak.name)
    try:
        try:
            if copy:
                raise OSError(errno.EMLINK, "a copy is needed")
            os.link(target, tmp, follow_symlinks=False)
        except OSError:  # file systems without hard links (FAT, some network shares)
            _copy_file(target, tmp)
        os.replace(tmp, bak)
    except BaseException:
        _quietly(os.unlink, tmp)
        raise


def _copy_file(source: Path, dest: Path) -> None:
    with open(source, "rb") as f:
        data = f.read()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(os.stat(source).st_mode))
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _quietly(func: Any, *args: Any) -> None:
    try:
        func(*args)
    except OSError:
        pass
