"""PDF export: options in, one atomically written file out.

:func:`render_pdf` builds the document in memory; :func:`export_pdf` checks the output path
first (so bad options or an unwritable folder write nothing), renders, then writes through a
temporary file in the same folder, fsyncs it and replaces the target: a reader never sees half
a PDF, and a failed export leaves an existing file untouched.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from app.io.atomic import atomic_write
from app.io.oserrors import plain_os_error
from app.model.schema import Map

from . import fonts, legibility
from .compose import Composition, compose, draw_composition
from .matrix_page import render_matrix_page
from .metadata import set_metadata
from .options import PrintError, PrintOptions
from .paper import MM
from .poster import PosterPlan, asked_areas, plan_poster, render_poster
from .tiles import TilePlan, plan_tiles, render_tiles

CREATOR = "Journey Map Studio"


@dataclass
class ExportResult:
    """What was written, for the CLI's and the GUI's messages."""

    path: Path | None
    pages: int
    page_mm: tuple[float, float]  # the first page (the poster, or a tiled print's guide)
    poster_mm: tuple[float, float]  # the finished poster
    scale: float  # percent of the map's natural size
    sheets: list[str] = field(default_factory=list)  # tiled: the sheets printed
    grid: tuple[int, int] | None = None  # tiled: columns x rows
    missing: str = ""  # characters no available font can draw (shown as boxes)
    warnings: list[str] = field(default_factory=list)
    wall_sheets: int = 0  # tiled: the sheets of the wall (the grid less the empty ones left out)
    map_share: float = 0.0  # the share of the finished poster's area the map itself covers (0..1)
    legibility: str = ""  # the smallest card text cannot be read from the viewing distance (and the fix)
    size: int = 0  # bytes
    matrix_page: int = 0  # the page number of the importance-versus-performance matrix (0: none)

    def summary(self) -> str:
        if self.matrix_page:
            return f"{self._summary()}; the importance-versus-performance matrix on page {self.matrix_page}"
        return self._summary()

    def _summary(self) -> str:
        w, h = self.poster_mm
        where = f"{self.path}: " if self.path else ""
        if self.grid:
            cells = self.grid[0] * self.grid[1]
            wall = self.wall_sheets or cells
            left_out = f", {cells - wall} empty left out" if wall < cells else ""
            return (
                f"{where}{len(self.sheets)} of {wall} sheets ({self.grid[0]} x {self.grid[1]}{left_out}) "
                f"and an assembly guide; wall {w:.0f} x {h:.0f} mm, map at {self.scale:.3g} % filling "
                f"{self.map_share * 100:.0f} % of it"
            )
        return (
            f"{where}poster {w:.0f} x {h:.0f} mm, map at {self.scale:.3g} % filling {self.map_share * 100:.0f} % of it, "
            f"on a {self.page_mm[0]:.0f} x {self.page_mm[1]:.0f} mm page"
        )


@contextmanager
def _no_ascii85():
    """Compressed streams stay binary (reportlab's default ASCII85 wrapping adds 25 % to every
    stream). rl_config is process-wide, so the previous value is restored afterwards."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def plan(m: Map, opts: PrintOptions) -> tuple[Composition, PosterPlan | TilePlan]:
    """Validate, compose and choose the pages, without drawing (a print dialog's preview numbers)."""
    opts.validate()
    comp = compose(
        m, personas=opts.personas, legend=opts.legend, notes=opts.notes, blank=opts.blank,
        when=opts.date or date.today().isoformat(), version=opts.version, area=asked_areas(opts),
        view=opts.perspective,
    )  # fmt: skip
    return comp, plan_pages(m, comp, opts)


def plan_pages(m: Map, comp: Composition, opts: PrintOptions) -> PosterPlan | TilePlan:
    """The pages for a composed map; ``opts.fit_distance`` first chooses the scale at which card
    text reads from ``opts.viewing_distance`` (:mod:`.legibility`)."""
    opts = legibility.fitted(m, opts, comp.width, comp.height)
    if opts.tiled:
        return plan_tiles(comp.width, comp.height, opts, comp.parts())
    return plan_poster(comp.width, comp.height, opts, comp.parts()[0][2:])


def render_pdf(m: Map, opts: PrintOptions | None = None) -> tuple[bytes, ExportResult]:
    """The PDF for ``m`` as bytes, and what it holds. Raises :class:`PrintError`."""
    opts = opts or PrintOptions()
    comp, layout_plan = plan(m, opts)
    when = opts.date or date.today().isoformat()
    buf = io.BytesIO()
    with _no_ascii85():
        canvas = Canvas(buf, pageCompression=1, initialFontName=fonts.font(fonts.primary()).fontName)
        subject = m.goal.splitlines()[0] if m.goal else "Customer journey map"
        set_metadata(canvas, m.title, subject, CREATOR, "customer journey map")
        if isinstance(layout_plan, TilePlan):
            ops_list = render_tiles(canvas, comp, layout_plan, draw_composition, m.title, when)
            pages = 1 + len(layout_plan.sheets)
            tw, th = sorted((layout_plan.sheet_w / MM, layout_plan.sheet_h / MM))
            page_mm = (th, tw) if layout_plan.poster_w >= layout_plan.poster_h else (tw, th)
            result = ExportResult(
                None, pages, page_mm, layout_plan.poster_mm, layout_plan.scale * 100,
                [s.name for s in layout_plan.sheets], (layout_plan.cols, layout_plan.rows),
            )  # fmt: skip
            result.wall_sheets = layout_plan.total
        else:
            ops_list = [render_poster(canvas, comp, layout_plan)]
            result = ExportResult(None, 1, layout_plan.page_mm, layout_plan.trim_mm, layout_plan.scale * 100)
        result.map_share = layout_plan.map_share
        if opts.matrix:
            if isinstance(layout_plan, TilePlan):  # on a sheet of the wall, else on the poster's paper
                size = (layout_plan.sheet_w, layout_plan.sheet_h)
            else:
                size = (layout_plan.page_w, layout_plan.page_h)
            ops_list.append(render_matrix_page(canvas, m, opts.matrix, *size))
            result.pages += 1
            result.matrix_page = result.pages
        canvas.save()
    data = buf.getvalue()
    texts: set[str] = set()
    for ops in ops_list:
        texts |= ops.texts
    result.missing = fonts.missing_in(texts)
    if result.missing:
        result.warnings.append(fonts.describe_missing(result.missing))
    result.legibility = legibility.check(m, opts, comp.width, comp.height, layout_plan.scale)
    result.size = len(data)
    return data, result


def check_output(path: str | os.PathLike) -> Path:
    """Refuse an output that cannot be written, before any work is done."""
    p = Path(path)
    if p.exists() and p.is_dir():
        raise PrintError(f"{p}: is a folder")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise PrintError(f"{p}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PrintError(f"{p}: folder {folder} is not writable")
    if p.exists() and not os.access(p, os.W_OK):
        raise PrintError(f"{p}: file is not writable")
    return p


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder + fsync + replace (+ fsync of the folder): never a half PDF."""
    try:
        atomic_write(path, data)
    except OSError as e:
        raise PrintError(f"{path}: cannot write: {plain_os_error(e)}") from None


def export_pdf(m: Map, path: str | os.PathLike, opts: PrintOptions | None = None) -> ExportResult:
    """Write ``m`` as a PDF poster or tiled print to ``path`` (atomically). Raises :class:`PrintError`."""
    target = check_output(path)
    data, result = render_pdf(m, opts)
    write_atomic(target, data)
    result.path = target
    return result
