"""One wording for operating-system errors, everywhere the program reports one (map files, the
recovery journal, exports, locks): a few common errors in plain words, else the system's own
message in lower case. The file name is not part of it: callers print the path first."""

from __future__ import annotations

import errno

OS_MESSAGES = {
    errno.ENOENT: "no such file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ELOOP: "too many levels of symbolic links",
    errno.EIO: "input/output error (is the disk failing or disconnected?)",
}
if hasattr(errno, "EDQUOT"):
    OS_MESSAGES[errno.EDQUOT] = "the disk quota is exceeded"


def plain_os_error(err: OSError) -> str:
    """A short explanation of an OSError, without the file name. The system's own words start in
    lower case; any other text (which may name a path) is kept as it is."""
    if err.errno in OS_MESSAGES:
        return OS_MESSAGES[err.errno]
    if err.strerror:
        return err.strerror[:1].lower() + err.strerror[1:]
    return str(err) or type(err).__name__
