"""Data formats a map is imported from and exported to, by file suffix (CSV, ...).

The registry is :data:`FORMATS`. Adding a format is ONE line there::

    DataFormat(".mmd", "Mermaid journey", "mermaid:read_mermaid_map", "mermaid:write_mermaid"),

naming the suffix, the label a file dialog shows (``"Mermaid journey (*.mmd)"``) and the reader
and writer as ``"module:function"`` inside this package (``None`` when a format is export-only or
import-only). Modules are imported on first use, so the registry costs nothing at start-up and a
format module may import :class:`FormatError` from ``app.io.formats.errors`` freely.
:data:`IMPORTERS` and :data:`EXPORTERS` (suffix -> function) follow from it; the CLI
(``journeymap import``/``export``), the editor (File > Import / Export Data) and the benchmark
(``benchmarks/bench_formats.py``) all read them.

The contract of a format's two functions:

* reader ``read(path: Path, *, into: Map | None = None, skip_bad: bool = False) -> ImportResult``
  reads the file. Without ``into`` it builds a new map; with ``into`` it returns a NEW map that is
  a copy of ``into`` plus what the file adds (existing stages, lanes, personas matched by name;
  ``into`` itself is never changed; the new map may share ``into``'s unchanged elements, so
  change neither: the editor applies the difference as one undo step, see ``additions.py``). Bad input raises :class:`FormatError` naming the file and the
  place (row and column, or line); with ``skip_bad`` a reader that can skip a bad row or element
  does so and lists each one in ``ImportResult.skipped`` instead (a whole-file problem such as an
  undecodable file still raises). The map returned is valid (built through ``app.model.schema``).
* writer ``write(m: Map) -> bytes`` encodes the whole map as the file's bytes. Writing to disk is
  :func:`export_map`'s job (atomic; nothing is left behind on failure).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app.io.formats.errors import FormatError, place
from app.model.schema import Map

__all__ = [
    "EXPORTERS", "FORMATS", "IMPORTERS", "DataFormat", "FormatError", "ImportResult",
    "export_map", "format_for", "import_map", "place",
]


@dataclass
class ImportResult:
    """What a reader returns: the map, and the bad rows or elements skipped (``skip_bad``)."""

    map: Map
    skipped: list[FormatError] = field(default_factory=list)


class Reader(Protocol):
    def __call__(self, path: Path, *, into: Map | None = None, skip_bad: bool = False) -> ImportResult: ...


Writer = Callable[[Map], bytes]


@dataclass(frozen=True)
class DataFormat:
    """One registered format: see the module docstring."""

    suffix: str  # lower case, with the dot: ".csv"
    label: str  # shown in file dialogs and help: "CSV spreadsheet"
    reader: str | None  # "module:function" in app.io.formats, or None
    writer: str | None
    #: "module:function(map) -> int": how many cards the writer writes, when not all of them
    written: str | None = None

    def cards_written(self, m: Map) -> int:
        return len(m.cards) if self.written is None else int(_resolve(self.written)(m))

    def dialog_filter(self) -> str:
        return f"{self.label} (*{self.suffix})"


#: The registry: one line per format (see the module docstring).
FORMATS: tuple[DataFormat, ...] = (
    # DataFormat(suffix, label, "module:reader", "module:writer"),
    DataFormat(".csv", "CSV spreadsheet", "csv_import:read_csv_map", "csv_export:write_csv"),
    DataFormat(".mmd", "Mermaid journey", "mermaid:read_mermaid_map", "mermaid:write_mermaid", "mermaid:tasks_written"),
    DataFormat(".mermaid", "Mermaid journey", "mermaid:read_mermaid_map", "mermaid:write_mermaid",
               "mermaid:tasks_written"),
    DataFormat(".canvas", "JSON Canvas", "json_canvas:read_canvas", "json_canvas:write_canvas"),
)


def _resolve(name: str) -> Callable[..., object]:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


class _Lazy:
    """A registry entry's function, imported on its first call."""

    def __init__(self, name: str):
        self.name = name
        self._function: Callable[..., object] | None = None

    def __call__(self, *args: object, **kwargs: object) -> object:
        if self._function is None:
            self._function = _resolve(self.name)
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<format function {self.name}>"


#: suffix -> reader, suffix -> writer (see the module docstring for their contracts).
IMPORTERS: dict[str, Reader] = {f.suffix: _Lazy(f.reader) for f in FORMATS if f.reader}  # type: ignore[misc]
EXPORTERS: dict[str, Writer] = {f.suffix: _Lazy(f.writer) for f in FORMATS if f.writer}  # type: ignore[misc]


def format_for(path: str | os.PathLike[str]) -> DataFormat | None:
    """The registered format of ``path``'s suffix (case-insensitive), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if f.suffix == suffix), None)


def _suffixes(table: dict[str, object]) -> str:
    return ", ".join(sorted(table)) or "none"


def import_map(path: str | os.PathLike[str], *, into: Map | None = None, skip_bad: bool = False) -> ImportResult:
    """Read ``path`` with the reader its suffix names; FormatError for an unknown suffix."""
    path = Path(path)
    reader = IMPORTERS.get(path.suffix.lower())
    if reader is None:
        raise FormatError(path, "", f"cannot import '{path.suffix or path.name}' files; "
                          f"known formats: {_suffixes(IMPORTERS)}")
    return reader(path, into=into, skip_bad=skip_bad)


def export_map(m: Map, path: str | os.PathLike[str]) -> None:
    """Write ``m`` to ``path`` in the format its suffix names, atomically: on any failure the
    file is as it was. FormatError for an unknown suffix or an OS error (one line)."""
    from app.io.atomic import atomic_write
    from app.io.oserrors import plain_os_error

    path = Path(path)
    writer = EXPORTERS.get(path.suffix.lower())
    if writer is None:
        raise FormatError(path, "", f"cannot export to '{path.suffix or path.name}' files; "
                          f"known formats: {_suffixes(EXPORTERS)}")
    data = writer(m)
    try:
        atomic_write(path, data)
    except OSError as err:
        raise FormatError(path, "", f"cannot write: {plain_os_error(err)}") from None
