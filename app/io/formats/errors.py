"""The one error every data-format importer raises: :class:`FormatError`.

Kept apart from the registry (``app.io.formats``) so that format modules can import it without
importing the registry that names them."""

from __future__ import annotations

import os

from app.io.jsonfile import MapFileError


def place(row: int | None = None, column: str | None = None, *, line: int | None = None) -> str:
    """The ``where`` of a :class:`FormatError`: ``"row 12, column 'rating'"``, ``"row 12"``,
    ``"column 'stage'"`` or ``"line 4"`` (a text format's line), or ``""`` for the whole file."""
    parts = []
    if line is not None:
        parts.append(f"line {line}")
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts)


class FormatError(MapFileError):
    """A data file (CSV, Mermaid, JSON Canvas...) that cannot be imported or exported.

    ``FormatError(path, where, message)``: ``where`` is the place in the file, usually made by
    :func:`place` (``"row 12, column 'rating'"``, ``"line 4"``; ``""`` for the whole file).
    ``str(err)`` is one line, ``"FILE: row 12, column 'rating': rating 7 is out of range 1..5"``:
    control characters are escaped and the length is bounded (see :class:`MapFileError`, whose
    handlers therefore report it too)."""

    def __init__(self, path: str | os.PathLike[str], where: str, message: str):
        super().__init__(path, where, message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.where, self.message))
