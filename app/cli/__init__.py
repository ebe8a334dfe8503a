"""The ``journeymap`` command: opens the editor, or runs one headless subcommand.

    journeymap [FILE]                     open the editor (on FILE)
    journeymap COMMAND [ARGS...]          see COMMANDS below, or `journeymap --help`

Subcommands live in the ``COMMANDS`` registry: each is a small function ``run(args) -> int`` with
a function that declares its arguments. Groups of commands live in their own modules of this
package (imported at the end of this one, which registers them). Headless subcommands never import Qt. Every failure is
one line on stderr ("journeymap: FILE: WHERE: MESSAGE") and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.io.jsonfile import MapFileError, escape_controls, gc_paused, load_map, looks_like_map, read_envelope
from app.io.mapsave import keep_backup, save_map
from app.io.oserrors import plain_os_error
from app.io.templates import SUFFIX as MAP_SUFFIX
from app.io.templates import UnknownTemplate, load_template, template_info, template_names
from app.model.schema import SCHEMA_VERSION, Card, LaneType, Map

PROG = "journeymap"
EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


@dataclass(frozen=True)
class Command:
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, arguments: Callable[[argparse.ArgumentParser], None] = lambda p: None):
    """Register ``run(args) -> int`` as the subcommand ``name``."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(help, arguments, run)
        return run

    return register


def _one_line(text: object) -> str:
    """One line of output: a newline or other control character (in a file name, a title) escaped."""
    return escape_controls(str(text))


def _error(text: object) -> None:
    print(f"{PROG}: {_one_line(text)}", file=sys.stderr)


# ------------------------------------------------------------------ new
def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", "-t", default="b2b", metavar="NAME", help="template name (default: b2b)")
    p.add_argument("--output", "-o", required=True, metavar="FILE",
                   help=f"the map file to write ({MAP_SUFFIX} is added to a name without .json)")
    p.add_argument("--title", help="the map title (default: the template's)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def map_file_name(name: str) -> Path | str:
    """The file ``new -o NAME`` writes: ``plan`` -> ``plan.journey.json``; a folder is refused
    (the message, a str)."""
    path = Path(name)
    if path.is_dir() or name.endswith(("/", os.sep)):
        return f"{name}: is a folder; give a file name, e.g. {path / ('plan' + MAP_SUFFIX)}"
    if path.suffix.lower() != ".json":
        return path.with_name(path.name + MAP_SUFFIX)
    return path


@command("new", "write a fresh map from a template", _new_arguments)
def cmd_new(args: argparse.Namespace) -> int:
    named = map_file_name(args.output)
    if isinstance(named, str):
        _error(named)
        return EXIT_ERROR
    args.output = named
    if args.output.exists() and not args.force:
        _error(f"{args.output}: already exists (use --force to overwrite)")
        return EXIT_ERROR
    m = load_template(args.template)
    if args.title is not None:
        m.title = args.title
    save_map(m, args.output)
    print(_one_line(f"{args.output}: new map from template '{args.template}'"))
    return EXIT_OK


# ------------------------------------------------------------ templates
@command("templates", "list the templates")
def cmd_templates(args: argparse.Namespace) -> int:
    infos = template_info()
    width = max((len(t.name) for t in infos), default=0)
    for t in infos:
        print(f"{t.name:<{width}}  {t.description}")
    return EXIT_OK


# ------------------------------------------------------------- validate
def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")


@command("validate", "check map files; exit 0 when all are valid, 2 otherwise", _validate_arguments)
def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            with gc_paused():  # the map is freed before the collector walks it (0.15 s at 100,000 cards)
                cards = len(load_map(path).cards)
        except MapFileError as err:
            for problem in err.problems or [str(err)]:
                print(_one_line(problem), file=sys.stderr)
            status = EXIT_ERROR
        except OSError as err:
            print(_one_line(f"{path}: {plain_os_error(err)}"), file=sys.stderr)
            status = EXIT_ERROR
        else:
            print(_one_line(f"{path}: ok ({cards} cards)"))
    return status


# ----------------------------------------------------------------- info
def map_summary(m: Map) -> dict:
    """Counts and highlights of a map, as plain JSON data."""
    stage_names = {s.id: s.name for s in m.stages}
    pain_lanes = {lane.id for lane in m.lanes if lane.type is LaneType.PAIN_POINTS}
    per_stage = {s.id: 0 for s in m.stages}
    for c in m.cards:
        per_stage[c.stage_id] = per_stage.get(c.stage_id, 0) + 1

    def brief(c: Card) -> dict:
        return {"id": c.id, "title": c.title, "stage": stage_names.get(c.stage_id, c.stage_id)}

    return {
        "title": m.title,
        "journey_type": str(m.journey_type),
        "counts": {
            "personas": len(m.personas),
            "stages": len(m.stages),
            "lanes": len(m.lanes),
            "cards": len(m.cards),
            "curves": len(m.curves),
            "points": sum(len(curve.points) for curve in m.curves),
            "links": len(m.links),
            "metrics": len(m.metrics),
        },
        "cards_per_stage": [{"id": sid, "stage": stage_names.get(sid, sid), "cards": n} for sid, n in per_stage.items()],
        "moments_of_truth": [brief(c) for c in m.cards if c.moment_of_truth],
        "pain_points": [brief(c) for c in m.cards if c.pain_point or c.lane_id in pain_lanes],
    }


def _info_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


@command("info", "print a summary of a map: counts, cards per stage, moments of truth, pain points", _info_arguments)
def cmd_info(args: argparse.Namespace) -> int:
    m = load_map(args.file)
    stored = read_envelope(args.file)["schema_version"]  # before migration
    summary = {"file": str(args.file), "schema_version": stored, **map_summary(m)}
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return EXIT_OK
    version = summary["schema_version"]
    migrated = f" (migrated to {SCHEMA_VERSION} on load)" if version != SCHEMA_VERSION else ""
    counts = summary["counts"]
    lines = [
        f"{args.file}",
        f"  title:          {m.title}",
        f"  journey type:   {summary['journey_type']}",
        f"  schema version: {version}{migrated}",
        "  " + ", ".join(f"{n} {what}" for what, n in counts.items()),
        "cards per stage:",
        *(f"  {row['cards']:>6}  {row['stage']}" for row in summary["cards_per_stage"]),
    ]
    for key, label in (("moments_of_truth", "moments of truth"), ("pain_points", "pain points")):
        lines.append(f"{label} ({len(summary[key])}):")
        lines += [f"  - {row['stage']}: {row['title']}" for row in summary[key]]
    print("\n".join(_one_line(line) for line in lines))
    return EXIT_OK


# -------------------------------------------------------------- analyze
def _analyze_arguments(p: argparse.ArgumentParser) -> None:
    _info_arguments(p)
    p.add_argument("--path", nargs=2, metavar=("A", "B"),
                   help="the chain of links from card A to card B (card ids or exact titles)")  # fmt: skip


@command("analyze", "touchpoint graph: priorities, hand-offs, stages the flow skips, orphans, longest flow",
         _analyze_arguments)  # fmt: skip
def cmd_analyze(args: argparse.Namespace) -> int:
    from app.model import analysis, flows

    m = load_map(args.file)
    ends = None
    if args.path:
        try:
            ends = [flows.resolve_card(m, name) for name in args.path]
        except flows.CardNotFound as err:
            _error(f"{args.file}: --path: {err}")
            return EXIT_ERROR
    titles = {c.id: c.title for c in m.cards}
    stage_names = {s.id: s.name for s in m.stages}
    stage_of = {c.id: c.stage_id for c in m.cards}
    ends_of = {lk.id: (lk.source_id, lk.target_id) for lk in m.links}
    longest = flows.longest_flow(m)
    report = {
        "priorities": [vars(p) for p in analysis.moments_of_truth_ranking(m)],
        "handoffs": [vars(h) for h in analysis.handoffs(m)],
        "stages_without_links": [stage_names[s] for s in analysis.stage_gaps(m)],
        "orphans": flows.orphans(m),
        "longest_flow": list(longest.cards),
        "cycle_links_left_out": list(longest.left_out),
    }
    if ends is not None:
        path = flows.find_path(m, *ends)
        report["path"] = {"cards": list(path.cards), "links": list(path.links), "follows_links": path.directed}  # fmt: skip
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return EXIT_OK
    lines = ["touchpoints to fix first (score, importance - performance gap):"]
    lines += [f"  {p['score']:>6}  gap {p['gap']:+d}  {p['title']}" for p in report["priorities"]] or ["  none rated"]
    lines.append(f"hand-offs ({len(report['handoffs'])}):")
    lines += [
        f"  {titles[h['source']]} ({h['from_owner'] or '?'}) -> {titles[h['target']]} ({h['to_owner'] or '?'})"
        for h in report["handoffs"]
    ]
    lines.append("stages no link reaches: " + (", ".join(report["stages_without_links"]) or "none"))
    lines.append(f"orphans, touchpoints and processes with no link ({len(report['orphans'])}):")
    lines += [f"  - {stage_names.get(stage_of[c], '?')}: {titles[c]}" for c in report["orphans"]]
    flow = " -> ".join(titles[c] for c in longest.cards) or "no links"
    if longest.left_out:
        closing = ", ".join(" -> ".join(titles[c] for c in ends_of[lk]) for lk in longest.left_out)
        n = len(longest.left_out)
        flow += f" ({'a link that closes a cycle' if n == 1 else f'{n} links that close cycles'} left out: {closing})"
    lines.append("longest flow: " + flow)
    if ends is not None:
        lines.append("path: " + _path_text(path, ends, titles, ends_of))
    print("\n".join(_one_line(line) for line in lines))
    return EXIT_OK


def _path_text(path, ends: list[str], titles: dict[str, str], ends_of: dict[str, tuple[str, str]]) -> str:
    """The path as "A -> B <- C": an arrow per link, as the link points."""
    if not path:
        return f"none: no links join {titles[ends[0]]} and {titles[ends[1]]}"
    text = titles[path.cards[0]]
    for before, card, link in zip(path.cards, path.cards[1:], path.links, strict=False):
        arrow = "->" if ends_of[link] == (before, card) else "<-"
        text += f" {arrow} {titles[card]}"
    return text if path.directed else text + " (against the links' direction)"


# -------------------------------------------------------------- convert
def _convert_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", type=Path, metavar="IN")
    p.add_argument("--output", "-o", required=True, type=Path, metavar="OUT")


@command("convert", "re-save a map at the current schema version (atomic)", _convert_arguments)
def cmd_convert(args: argparse.Namespace) -> int:
    save_map(load_map(args.input), args.output)
    print(_one_line(f"{args.input} -> {args.output} (schema version {SCHEMA_VERSION})"))
    return EXIT_OK


# --------------------------------------------------------------- export
EXPORT_FORMATS = ("pdf", "png", "svg")  # png and svg draw the canvas scene (Qt, offscreen without a display)
PDF_FLAGS = ("paper", "scale", "margin", "tile", "overlap", "grid")


def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--output", "-o", required=True, type=Path, metavar="OUT")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: from OUT's extension")
    p.add_argument("--paper", metavar="A0|WxHmm",
                   help="paper (default A0); with --tile: the finished wall (any size); WxHmm is width x height "
                   "as written, never turned")  # fmt: skip
    p.add_argument("--orientation", choices=("portrait", "landscape", "auto"), default="auto",
                   help="of a named paper, or with --tile of the sheets (default auto)")  # fmt: skip
    p.add_argument("--scale", metavar="PCT|fit|distance",
                   help="percent of natural size, fit, or distance (card text readable from --viewing-distance); "
                   "default fit, tiled 100")  # fmt: skip
    p.add_argument("--margin", type=float, metavar="MM", help="page margin (10), or with --tile printer margin (5)")
    p.add_argument("--bleed", type=float, default=0.0, metavar="MM", help="bleed with crop marks, e.g. 3")
    p.add_argument("--tile", metavar="SHEET", help="tile onto sheets: A4, A3, Letter, Legal, Tabloid or WxHmm")
    p.add_argument("--overlap", type=float, metavar="MM", help="tile overlap (default 10)")
    p.add_argument("--grid", metavar="COLSxROWS", help="tile onto exactly this many sheets, e.g. 4x3")
    p.add_argument("--sheets", default="", metavar="LIST",
                   help="print only these sheets, named row then column: e.g. R3C2,R1C3-R4C3")  # fmt: skip
    p.add_argument("--all-sheets", action="store_true", help="with --tile: also print sheets that would be empty")
    p.add_argument("--blank", action="store_true", help="blank workshop wall: headers, labels, empty cells")
    p.add_argument("--matrix", choices=("customer", "internal", "both"),
                   help="pdf: add a page with the importance-versus-performance matrix of the customer, the internal "
                   "or both ratings (both: an arrow from internal to customer per touchpoint)")  # fmt: skip
    p.add_argument("--perspective", choices=("customer", "internal", "both"),
                   help="the map's ratings and emotion curves as customers report them, as the internal team "
                   "assumes them, or both with their differences marked (default both)")  # fmt: skip
    p.add_argument("--viewing-distance", type=float, metavar="M",
                   help="pdf: metres the print is read from (default 2); --scale distance makes card text readable "
                   "from there")  # fmt: skip
    for what in ("personas", "legend", "notes"):
        p.add_argument(f"--no-{what}", dest=what, action="store_false", help=f"leave out the {what}")
    p.add_argument("--dpi", metavar="N", help="png: pixels per inch, 1 map point = 1/72 in (default 150)")
    p.add_argument("--width", metavar="PX", help="png: the picture's width in pixels (instead of --dpi)")
    p.add_argument("--transparent", action="store_true", help="png/svg: no white background")
    p.add_argument("--force", action="store_true", help="replace OUT even if it is a journey map (a .bak is kept)")


@command("export", "print a map as a PDF poster or tiled wall print, or a PNG or SVG picture; or write its data "
         "as CSV, Mermaid or JSON Canvas (by OUT's extension)", _export_arguments)
def cmd_export(args: argparse.Namespace) -> int:
    from app.cli.formats import DATA_SUFFIXES, data_export_suffixes, export_data  # CSV, Mermaid, Canvas

    if args.format is None and args.output.suffix.lower() in DATA_SUFFIXES:
        return export_data(args)  # before the PDF package is imported (0.45 s)
    from app.io.pdf import PrintError, check_output, export_pdf, options_from_flags
    from app.io.pdf.legibility import viewing_options

    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        what = f"format {args.format or args.output.suffix.lstrip('.')!r}" if fmt else "no file extension"
        _error(f"{args.output}: {what}: export writes {', '.join(EXPORT_FORMATS)} (use --format or a .pdf, .png or .svg name)"
               f" and data as {data_export_suffixes()}")  # fmt: skip
        return EXIT_ERROR
    in_the_way = _map_in_the_way(args.file, args.output)
    if in_the_way and not args.force:
        _error(
            f"{args.output}: is {in_the_way}; refusing to replace it with the {fmt.upper()} "
            "(use --force to replace it, keeping a .bak)"
        )
        return EXIT_ERROR
    try:
        if fmt == "pdf":
            image_only = [f"--{f}" for f in ("dpi", "width", "transparent") if getattr(args, f)]
            if image_only:
                raise PrintError(f"{', '.join(image_only)}: for png or svg, not for a PDF")
            flags = ("paper", "orientation", "scale", "margin", "bleed", "tile", "overlap", "grid", "sheets", "blank",
                     "all_sheets")  # fmt: skip
            by_distance = (args.scale or "").strip().lower() == "distance"
            given = {f: getattr(args, f) for f in (*flags, "personas", "legend", "notes", "matrix", "perspective")}
            opts = options_from_flags(**(given | {"scale": None} if by_distance else given))
            opts = viewing_options(opts, args.viewing_distance, by_distance)
            check_output(args.output)
            m = load_map(args.file)
            if in_the_way:
                keep_backup(args.output)  # --force: the map it replaces is kept as OUT.bak
            result = export_pdf(m, args.output, opts)
        else:
            result = _export_image(args, fmt, keep=bool(in_the_way))
    except PrintError as err:
        _error(err)
        return EXIT_ERROR
    for warning in result.warnings:
        _error(f"warning: {warning}")
    if getattr(result, "legibility", ""):
        print(f"warning: {_one_line(result.legibility)}", file=sys.stderr)
    print(_one_line(result.summary()))
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _map_in_the_way(source: Path, output: Path) -> str:
    """What an export to ``output`` would replace, if it is a journey map (the one exported, or
    any other: judged by content, so a broken or newer map counts too); "" otherwise."""
    if not os.path.isfile(output):
        return ""
    if _same_file(source, output):
        return "the map being exported"
    return "a journey map" if looks_like_map(output) else ""  # not e.g. last week's PDF


def _image_options(args: argparse.Namespace, fmt: str):
    """ImageOptions from the flags; PDF-only flags and bad numbers are one-line errors."""
    from app.widgets.export.picture import ImageError, ImageOptions

    pdf_only = [f"--{f}" for f in PDF_FLAGS if getattr(args, f) is not None]
    pdf_only += ["--orientation"] if args.orientation != "auto" else []
    pdf_only += ["--bleed"] if args.bleed else []
    pdf_only += ["--sheets"] if args.sheets else []
    pdf_only += ["--all-sheets"] if args.all_sheets else []
    pdf_only += ["--blank"] if args.blank else []
    pdf_only += ["--matrix"] if args.matrix else []
    pdf_only += ["--viewing-distance"] if args.viewing_distance is not None else []
    pdf_only += [f"--no-{w}" for w in ("personas", "legend", "notes") if not getattr(args, w)]
    if pdf_only:
        raise ImageError(f"{', '.join(pdf_only)}: for a PDF, not for {fmt}")
    if fmt == "svg" and (args.dpi is not None or args.width is not None):
        raise ImageError("--dpi and --width: for png (an SVG is drawn at the map's size)")
    if args.dpi is not None and args.width is not None:
        raise ImageError("give --dpi or --width, not both")
    opts = ImageOptions(format=fmt, transparent=args.transparent, perspective=args.perspective or "both")
    if args.dpi is not None:
        try:
            opts.dpi = float(args.dpi)
        except ValueError:
            raise ImageError(f"--dpi {args.dpi!r}: give a number such as 150") from None
    if args.width is not None:
        if not args.width.strip().isdigit():
            raise ImageError(f"--width {args.width!r}: give a whole number of pixels such as 4000")
        opts.width = int(args.width)
    try:
        opts.validate()
    except ImageError as err:
        raise ImageError(f"--{err}" if str(err).startswith(("dpi ", "width ")) else str(err)) from None
    return opts


def _export_image(args: argparse.Namespace, fmt: str, *, keep: bool = False):
    from app.io.pdf import check_output
    from app.widgets.export.picture import ensure_qt, export_image

    opts = _image_options(args, fmt)
    check_output(args.output)
    m = load_map(args.file)
    if fmt == "png":  # an SVG is written from the layout, without Qt
        ensure_qt()
    if keep:
        keep_backup(args.output)  # --force: the map it replaces is kept as OUT.bak
    return export_image(m, args.output, opts)


# ----------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [FILE]\n       {PROG} COMMAND [ARGS...]",
        description="Journey Map Studio. Without a command, open the editor (on FILE if given).",
        epilog=f"templates: {', '.join(template_names())}",
        formatter_class=_Help,
    )
    _version_argument(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, cmd in COMMANDS.items():
        cmd.arguments(sub.add_parser(name, prog=f"{PROG} {name}", help=cmd.help, description=cmd.help, formatter_class=_Help))
    return parser


class _Help(argparse.HelpFormatter):
    """Help text wrapped to the terminal (at most 100 columns), command names in one column
    wide enough that no command's help starts on a line of its own."""

    def __init__(self, prog: str):
        import shutil

        super().__init__(prog, max_help_position=26, width=min(shutil.get_terminal_size().columns, 100))
        # argparse sizes the name column from the top-level options only, so a command name
        # longer than "-h, --help" (the indented "templates") got its help on the next line
        self._action_max_length = max(self._action_max_length, 2 + 2 + max(map(len, COMMANDS)))


def _version_argument(parser: argparse.ArgumentParser) -> None:
    from app import version

    parser.add_argument("--version", action="version", version=f"{PROG} {version()}")


def _editor_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Open the Journey Map Studio editor.", formatter_class=_Help)
    _version_argument(parser)
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the map to open")
    parser.add_argument("--join", metavar="URL", help="join the workshop room at URL (as `journeymap serve` prints it)")
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status of --help (0) or a usage error (2)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_ERROR


def open_editor(path: Path | None, join: str | None = None) -> int:
    if join is not None:
        from app.room.address import BadRoomAddress, RoomAddress
        from app.room.connection import probe

        if path is not None:
            _error(f"{path}: give a map or --join, not both")
            return EXIT_ERROR
        try:
            reason = probe(RoomAddress.parse(join))
        except BadRoomAddress as err:
            reason = str(err)
        if reason:
            _error(reason)
            return EXIT_ERROR
    if path is not None and not path.exists():
        _error(f"{path}: no such file (and not a command: {', '.join(COMMANDS)})")
        return EXIT_ERROR
    from app.widgets.main_window import run_editor  # Qt only when the editor opens

    return run_editor(path, join=join)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
            args = _parse(build_parser(), argv)
            return args if isinstance(args, int) else COMMANDS[args.command].run(args)
        args = _parse(_editor_parser(), argv)
        return args if isinstance(args, int) else open_editor(args.file, args.join)
    except (MapFileError, UnknownTemplate) as err:
        _error(err)
    except BrokenPipeError:  # e.g. `journeymap info FILE | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as err:
        _error(f"{err.filename}: {plain_os_error(err)}" if err.filename else plain_os_error(err))
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    return EXIT_ERROR



from app.cli import formats  # noqa: E402,F401,I001  (import; export to CSV, Mermaid, Canvas)
from app.cli import versions  # noqa: E402,F401  (diff, merge-driver)
from app.cli import room  # noqa: E402,F401  (serve)
