"""Print options: one plain dataclass that a print dialog fills, that the CLI builds from its
flags, and that can be stored with a map (:meth:`PrintOptions.to_dict` gives JSON values).

Two modes: a one-page poster on ``paper`` (``tile`` empty), or a tiled wall print on sheets of
``tile`` paper. Lengths are millimetres; ``scale`` is a percentage of the map's natural size,
where one layout point prints as one point (1/72 in).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields, replace

from .paper import ORIENTATIONS, WALL_MAX_MM, PaperError, parse_paper

#: The matrix page's views ("" = no matrix page): customer ratings, internal ones, or both with
#: an arrow from internal to customer per touchpoint (app.model.matrix.View).
MATRIX_VIEWS = ("", "customer", "internal", "both")
#: The perspectives the map prints in (app.model.perspective.VIEWS, as View > Perspective shows it).
PERSPECTIVES = ("customer", "internal", "both")


class PrintError(ValueError):
    """Options or an output that cannot be printed; the message is one line for the user."""


@dataclass
class PrintOptions:
    # ---- the one-page poster
    paper: str = "A0"  # a paper name, "ROLL914" (length to fit) or "WxHmm" (as written, never turned)
    orientation: str = "auto"  # of a named paper or roll: "portrait", "landscape" or "auto" (the larger map)
    scale: float | None = None  # percent; None: fit to the page (or, tiled: 100 % unless sized otherwise)
    margin_mm: float = 10.0  # white border between the paper edge and the poster
    bleed_mm: float = 0.0  # e.g. 3: extra paper beyond the trim with crop marks, TrimBox and BleedBox
    # ---- what the poster shows
    personas: bool = True  # a panel per persona
    legend: bool = True
    notes: bool = True  # the card notes panel
    blank: bool = False  # a blank workshop wall: stage headers, lane labels, empty cells only
    matrix: str = ""  # a last page with the importance-versus-performance matrix: one of MATRIX_VIEWS
    perspective: str = "both"  # the map's ratings and curves as customers report them, as assumed, or both
    date: str = ""  # printed in the title block and on every sheet ("" = today)
    version: str = ""  # printed in the title block ("" = the map's version or modification time)
    # ---- legibility (app/io/pdf/legibility.py: the rule and its source)
    viewing_distance: float = 2.0  # metres the print is read from; export warns when card text is too small
    fit_distance: bool = False  # choose the scale that makes card text readable from viewing_distance
    # ---- tiled wall print (tile = the sheet paper; "" = no tiling)
    tile: str = ""  # "A4", "A3", "Letter", "Legal", "Tabloid" or "WxHmm"
    tile_orientation: str = "auto"  # "auto" uses whichever orientation needs fewer sheets
    poster_size: str = ""  # the finished wall: a paper name or "WxHmm" (as written, any size); fit into it
    grid: tuple[int, int] | None = None  # fit the poster onto columns x rows sheets
    overlap_mm: float = 10.0  # printed twice on neighbouring sheets, for gluing
    printer_margin_mm: float = 5.0  # what the printer cannot print at each sheet edge
    sheets: str = ""  # print only these sheets, e.g. "R3C2,R1C3-R4C3" ("" = all)
    all_sheets: bool = False  # also print sheets that would be entirely empty

    # ------------------------------------------------------------ storage
    def to_dict(self) -> dict:
        d = asdict(self)
        d["grid"] = list(self.grid) if self.grid else None
        return d

    @classmethod
    def from_dict(cls, data: dict) -> PrintOptions:
        """Options stored by :meth:`to_dict` (unknown keys are ignored; the result is validated)."""
        if not isinstance(data, dict):
            raise PrintError("print options must be an object")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("grid") is not None:
            g = values["grid"]
            if not (isinstance(g, list | tuple) and len(g) == 2):
                raise PrintError("print option grid: expected [columns, rows]")
            values["grid"] = (g[0], g[1])
        opts = cls(**values)
        opts.validate()
        return opts

    def but(self, **changes) -> PrintOptions:
        return replace(self, **changes)

    @property
    def tiled(self) -> bool:
        return bool(self.tile)

    # ------------------------------------------------------------ checks
    def validate(self) -> None:
        """Raise :class:`PrintError` (one line) for anything that cannot be printed."""
        for name in ("paper", "orientation", "tile", "tile_orientation", "poster_size", "sheets", "date", "version",
                     "matrix", "perspective"):  # fmt: skip
            if not isinstance(getattr(self, name), str):
                raise PrintError(f"print option {name}: expected text")
        for name in ("personas", "legend", "notes", "blank", "all_sheets"):
            if not isinstance(getattr(self, name), bool):
                raise PrintError(f"print option {name}: expected true or false")
        for name in ("orientation", "tile_orientation"):
            if getattr(self, name) not in ORIENTATIONS:
                raise PrintError(f"orientation {getattr(self, name)!r}: use portrait, landscape or auto")
        if self.scale is not None:
            s = _number("scale", self.scale)
            if not 0 < s <= 10_000:
                raise PrintError(f"scale {s:g} %: must be more than 0 and at most 10000 %")
        for name, limit in (("margin_mm", 1000.0), ("bleed_mm", 25.0), ("overlap_mm", 1000.0),
                            ("printer_margin_mm", 100.0)):  # fmt: skip
            v = _number(name, getattr(self, name))
            if v < 0:
                raise PrintError(f"{_label(name)} {v:g} mm: must not be negative")
            if v > limit:
                raise PrintError(f"{_label(name)} {v:g} mm: at most {limit:g} mm")
        if self.matrix not in MATRIX_VIEWS:
            raise PrintError(f"matrix {self.matrix!r}: use customer, internal or both")
        if self.perspective not in PERSPECTIVES:
            raise PrintError(f"perspective {self.perspective!r}: use customer, internal or both")
        if len(self.date) > 40 or len(self.version) > 80:
            raise PrintError("print option date or version: too long")
        distance = _number("viewing_distance", self.viewing_distance)
        if not 0 < distance <= 1000:
            raise PrintError(f"viewing distance {distance:g} m: must be more than 0 m and at most 1000 m")
        if not isinstance(self.fit_distance, bool):
            raise PrintError("print option fit distance: expected true or false")
        if self.fit_distance and self.scale is not None:
            raise PrintError("give a scale or fit for distance, not both")
        if not self.tiled:
            _paper(self.paper, "paper")
            return
        sheet = _paper(self.tile, "sheet")
        if sheet.roll:
            raise PrintError(f"sheet {self.tile!r}: tiles are printed on sheets, not on a roll")
        short = min(sheet.width, sheet.height)
        if self.printer_margin_mm * 2 >= short / 2:
            raise PrintError(f"printer margin {self.printer_margin_mm:g} mm: too large for {_a(sheet.label)} {sheet.label} sheet")
        if self.overlap_mm < self.printer_margin_mm:
            raise PrintError(
                f"overlap {self.overlap_mm:g} mm: must be at least the printer margin ({self.printer_margin_mm:g} mm)"
            )
        if self.overlap_mm > short / 2:
            raise PrintError(
                f"overlap {self.overlap_mm:g} mm: at most half the sheet's short side ({short / 2:g} mm for {sheet.label})"
            )
        sizing = [n for n, v in (("scale", self.scale), ("scale distance", self.fit_distance),
                                 ("poster size", self.poster_size), ("grid", self.grid)) if v]
        if len(sizing) > 1:
            raise PrintError(f"give only one of {' / '.join(sizing)} for a tiled print")
        if self.poster_size:
            p = _paper(self.poster_size, "poster size", WALL_MAX_MM)
            if p.roll:
                raise PrintError(f"poster size {self.poster_size!r}: give a paper name or WxHmm, not a roll")
        if self.grid is not None:
            cols, rows = self.grid
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (cols, rows)):
                raise PrintError("grid: columns and rows must be whole numbers")
            if not (1 <= cols <= 100 and 1 <= rows <= 100):
                raise PrintError(f"grid {cols}x{rows}: between 1 and 100 sheets each way")
        if self.sheets:
            parse_sheets(self.sheets)


def _label(name: str) -> str:
    return name.removesuffix("_mm").replace("_", " ")


def _number(name: str, v) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise PrintError(f"print option {_label(name)}: expected a number, got {v!r}")
    return float(v)


def _paper(text: str, what: str, max_mm: float | None = None):
    try:
        return parse_paper(text) if max_mm is None else parse_paper(text, max_mm)
    except PaperError as e:
        raise PrintError(str(e) if what == "paper" else f"{what}: {e}") from None


# ---------------------------------------------------------------- sheet names
# Sheets are named by row and column, both counted from 1 at the top left: "R2C3" is row 2,
# column 3. A name like "A4" or "B3" would read like a paper size on a sheet of A4 paper.
_SHEET = re.compile(r"^R(\d{1,4})C(\d{1,4})$")
_JOIN = re.compile(r"(R\d+)\s+(C\d)", re.IGNORECASE)  # "R2 C3" is "R2C3"


def sheet_name(col: int, row: int) -> str:
    """Row and column from 1: ``sheet_name(col=2, row=1) == "R2C3"``."""
    return f"R{row + 1}C{col + 1}"


def parse_sheet(text: str) -> tuple[int, int]:
    """``"R3C2"`` -> (1, 2): zero-based column and row."""
    t = text.strip().upper()
    m = _SHEET.match(t)
    if not m or int(m.group(1)) < 1 or int(m.group(2)) < 1:
        hint = " (sheets are named by row and column)" if re.match(r"^[A-Z]{1,3}\d+$", t) else ""
        raise PrintError(f"sheet {text.strip()!r}: expected a row and a column such as R3C2{hint}")
    return int(m.group(2)) - 1, int(m.group(1)) - 1


def parse_sheets(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``"R3C2, R1C3-R4C3"`` -> rectangles ((col0, row0), (col1, row1)), corners inclusive."""
    out = []
    parts = [p for p in re.split(r"[,;\s]+", _JOIN.sub(r"\1\2", text.strip())) if p]
    if not parts:
        raise PrintError("sheets: none named (e.g. R3C2,R1C3-R4C3)")
    for part in parts:
        ends = re.split(r"[-–:]", part)
        if len(ends) == 1:
            a = parse_sheet(ends[0])
            out.append((a, a))
        elif len(ends) == 2:
            a, b = parse_sheet(ends[0]), parse_sheet(ends[1])
            out.append(((min(a[0], b[0]), min(a[1], b[1])), (max(a[0], b[0]), max(a[1], b[1]))))
        else:
            raise PrintError(f"sheets {part!r}: expected a sheet such as R3C2 or a range such as R1C3-R4C3")
    return out


def select_sheets(text: str, cols: int, rows: int) -> list[tuple[int, int]]:
    """The (col, row) sheets named by ``text`` in a cols x rows grid, in print order."""
    if not text.strip():
        return [(c, r) for r in range(rows) for c in range(cols)]
    chosen: set[tuple[int, int]] = set()
    last = sheet_name(cols - 1, rows - 1)
    for (c0, r0), (c1, r1) in parse_sheets(text):
        for c, r in ((c0, r0), (c1, r1)):
            if c >= cols or r >= rows:
                raise PrintError(
                    f"sheet {sheet_name(c, r)} is outside the {cols} x {rows} grid (R1C1 to {last})"
                )
        chosen.update((c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    return sorted(chosen, key=lambda cr: (cr[1], cr[0]))


# ---------------------------------------------------------------- command line flags
def options_from_flags(*, paper: str | None = None, orientation: str = "auto", scale: str | None = None,
                       margin: float | None = None, bleed: float = 0.0, tile: str | None = None,
                       overlap: float | None = None, grid: str | None = None, sheets: str = "",
                       blank: bool = False, personas: bool = True, legend: bool = True,
                       notes: bool = True, all_sheets: bool = False, matrix: str = "",
                       perspective: str = "both") -> PrintOptions:  # fmt: skip
    """Validated :class:`PrintOptions` from ``journeymap export`` flags, as the command line
    spells them: ``scale`` "50", "50%" or "fit"; ``grid`` "4x3"; with ``tile``, ``paper`` is
    the finished poster size, ``orientation`` the sheets' and ``margin`` the printer margin.
    A ``WxHmm`` paper is the finished size as written: ``orientation`` does not turn it."""
    pct = None
    if scale is not None and scale.strip().lower() != "fit":
        try:
            pct = float(scale.strip().rstrip("%"))
        except ValueError:
            raise PrintError(f"--scale {scale!r}: give a percentage such as 50, or fit") from None
    cells = None
    if grid:
        cols, _, rows = grid.lower().partition("x")
        if not (cols.strip().isdigit() and rows.strip().isdigit()):
            raise PrintError(f"--grid {grid!r}: give columns x rows, such as 4x3")
        cells = (int(cols), int(rows))
    common = {"scale": pct, "blank": blank, "personas": personas, "legend": legend, "notes": notes,
              "matrix": matrix or "", "perspective": perspective or "both"}  # fmt: skip
    if not tile:
        if overlap is not None or sheets or cells or all_sheets:
            raise PrintError("--overlap, --grid, --sheets and --all-sheets need --tile")
        if orientation != "auto" and paper and _paper(paper, "paper").custom:
            raise PrintError(
                f"--orientation {orientation}: --paper {paper} is used as written (width x height); "
                "swap the numbers to turn it"
            )
        opts = PrintOptions(paper=paper or "A0", orientation=orientation, bleed_mm=bleed,
                            margin_mm=10.0 if margin is None else margin, **common)  # fmt: skip
    else:
        if bleed:
            raise PrintError("--bleed is for a one-page poster, not for --tile")
        if scale is not None and pct is None and not paper:
            raise PrintError("--scale fit with --tile needs --paper, the finished poster size")
        opts = PrintOptions(
            tile=tile, tile_orientation=orientation, poster_size=paper or "", grid=cells,
            overlap_mm=10.0 if overlap is None else overlap, printer_margin_mm=5.0 if margin is None else margin,
            sheets=sheets, all_sheets=all_sheets, **common,
        )  # fmt: skip
    opts.validate()
    return opts


def _a(word: str) -> str:
    """The article for a sheet's name: "an A4", "a Letter"."""
    return "an" if word[:1].upper() in "AEFHILMNORSX" and not word[:2].isalpha() or word[:1].upper() in "AEIO" else "a"
