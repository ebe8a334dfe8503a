"""Data formats on the command line (CSV, Mermaid, JSON Canvas: the registry in
:mod:`app.io.formats`):

    journeymap import IN -o OUT.journey.json [--into EXISTING] [--skip-bad] [--force]
    journeymap export MAP -o OUT.csv|.mmd|.canvas [--force]

``import`` reads IN by its suffix and writes a new map file (``--into``: EXISTING plus what IN
adds; stages, lanes and personas matched by name). ``export`` with a data suffix is dispatched here
from the ``export`` command. Neither replaces an existing OUT without ``--force`` (a journey map it
replaces is kept as ``OUT.bak``). Bad input: one line naming the file and the row and column (or
line), exit 2, nothing written; ``--skip-bad`` imports the good rows and lists each bad one on
stderr (still exit 0).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, PROG, _error, _map_in_the_way, _one_line, command, map_file_name
from app.io.formats import EXPORTERS, FORMATS, IMPORTERS, FormatError, export_map, format_for, import_map
from app.io.jsonfile import gc_paused, load_map
from app.io.mapsave import keep_backup, save_map
from app.model.schema import Map

DATA_SUFFIXES = frozenset(EXPORTERS)


def _known(table: dict) -> str:
    return ", ".join(sorted(table))


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", type=Path, metavar="IN", help=f"the file to import ({_known(IMPORTERS)})")
    p.add_argument("--output", "-o", required=True, metavar="OUT",
                   help="the map file to write (.journey.json is added to a name without .json)")  # fmt: skip
    p.add_argument("--into", type=Path, metavar="EXISTING",
                   help="add to this map (stages, lanes and personas matched by name) instead of a new one")  # fmt: skip
    p.add_argument("--skip-bad", action="store_true", help="import the good rows, list the bad ones on stderr")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists (a .bak is kept)")


@command("import", "make a map from a CSV sheet, a Mermaid journey or a JSON Canvas (or add to one: --into)",
         _import_arguments)  # fmt: skip
def cmd_import(args: argparse.Namespace) -> int:
    named = map_file_name(args.output)
    if isinstance(named, str):
        _error(named)
        return EXIT_ERROR
    output: Path = named
    if args.input.suffix.lower() not in IMPORTERS:
        what = f"'{args.input.suffix}' files" if args.input.suffix else "a file without an extension"
        _error(f"{args.input}: cannot import {what}; import reads {_known(IMPORTERS)}")
        return EXIT_ERROR
    if os.path.lexists(output) and not args.force:
        _error(f"{output}: already exists (use --force to replace it, keeping a .bak)")
        return EXIT_ERROR
    into: Map | None = None
    if args.into is not None:
        with gc_paused():
            into = load_map(args.into)
    with gc_paused():
        result = import_map(args.input, into=into, skip_bad=args.skip_bad)
    for problem in result.skipped:
        print(_one_line(f"{PROG}: skipped {problem}"), file=sys.stderr)
    save_map(result.map, output)
    print(_one_line(f"{output}: {_summary(result.map, into)} from {args.input}"
                    + (f" ({len(result.skipped)} bad skipped)" if result.skipped else "")))  # fmt: skip
    return EXIT_OK


def _summary(m: Map, into: Map | None) -> str:
    counts = {"card": len(m.cards), "stage": len(m.stages), "lane": len(m.lanes), "persona": len(m.personas)}
    if into is None:
        return "new map with " + ", ".join(_count(n, what) for what, n in counts.items())
    before = {"card": len(into.cards), "stage": len(into.stages), "lane": len(into.lanes), "persona": len(into.personas)}
    return "added " + ", ".join(_count(n - before[what], what) for what, n in counts.items()) + f" to {into.title!r}"


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------ export
_PICTURE_FLAGS = {  # export's flags for pdf/png/svg, and the value each has when not given
    "paper": None, "scale": None, "margin": None, "tile": None, "overlap": None, "grid": None,
    "orientation": "auto", "bleed": 0.0, "sheets": "", "all_sheets": False, "blank": False, "matrix": None,
    "perspective": None, "viewing_distance": None, "personas": True, "legend": True, "notes": True,
    "dpi": None, "width": None, "transparent": False,
}  # fmt: skip


def export_data(args: argparse.Namespace) -> int:
    """``journeymap export MAP -o OUT`` for a data suffix (.csv, .mmd, .canvas...)."""
    output: Path = args.output
    fmt = format_for(output)
    label = fmt.label if fmt is not None else output.suffix
    given = [name for name, default in _PICTURE_FLAGS.items() if getattr(args, name, default) != default]
    if given:
        flags = ", ".join("--" + ("no-" + n if n in ("personas", "legend", "notes") else n.replace("_", "-"))
                          for n in given)  # fmt: skip
        _error(f"{flags}: for pdf, png or svg, not for a {label} export")
        return EXIT_ERROR
    in_the_way = _map_in_the_way(args.file, output)
    if os.path.lexists(output) and not args.force:
        what = f"is {in_the_way}" if in_the_way else "already exists"
        _error(f"{output}: {what}; refusing to replace it (use --force to replace it"
               + (", keeping a .bak)" if in_the_way else ")"))  # fmt: skip
        return EXIT_ERROR
    with gc_paused():
        m = load_map(args.file)
    if in_the_way:
        keep_backup(output)  # --force: the map it replaces is kept as OUT.bak
    try:
        export_map(m, output)
    except FormatError as err:
        _error(err)
        return EXIT_ERROR
    size = output.stat().st_size
    written = fmt.cards_written(m) if fmt is not None else len(m.cards)
    print(_one_line(f"{output}: {_count(written, 'card')} as {label} ({_size(size)})"))
    return EXIT_OK


def _size(n: int) -> str:
    return f"{n:,} bytes" if n < 10_000 else f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 2**20:.1f} MB"


def data_export_suffixes() -> str:
    """``.canvas, .csv, .mmd``: what ``export`` writes besides pdf, png and svg."""
    return ", ".join(sorted(f.suffix for f in FORMATS if f.writer))
