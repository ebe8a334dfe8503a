"""The one-page poster: choose the page (paper, orientation, roll length), the scale (fit or
exact), margins and bleed; then draw the composition once, with crop marks when bleeding.

Page coordinates are PDF points with y up; the composition is drawn in its own coordinates
(points, y down) under one transform ``[s 0 0 -s x0 y0]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from .compose import Composition, draw_composition
from .ops import Ops
from .options import PrintError, PrintOptions
from .paper import MM, PaperError, check_page, parse_paper
from .tiles import wall_areas

CROP_MARK = 6.0 * MM  # length of a crop mark
CROP_GAP = 2.0 * MM  # paper around the marks


@dataclass(frozen=True)
class PosterPlan:
    page_w: float  # points: the whole sheet (MediaBox)
    page_h: float
    trim: tuple[float, float, float, float]  # x0, y0, x1, y1 in page points: the finished poster
    bleed: tuple[float, float, float, float] | None  # the BleedBox (None: no bleed)
    scale: float  # 1.0 = 100 %
    x0: float  # where the composition's top-left corner lands, page points
    y0: float
    orientation: str  # "portrait" or "landscape"
    paper: str  # a label: "A0", "914 mm roll", "1200x800mm"
    map_w: float = 0.0  # the map (without the panels) at print scale, points
    map_h: float = 0.0

    @property
    def trim_mm(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.trim
        return (x1 - x0) / MM, (y1 - y0) / MM

    @property
    def page_mm(self) -> tuple[float, float]:
        return self.page_w / MM, self.page_h / MM

    @property
    def map_share(self) -> float:
        """The share of the finished poster's (trimmed) area that the map itself covers (0..1)."""
        x0, y0, x1, y1 = self.trim
        return (self.map_w * self.map_h) / max((x1 - x0) * (y1 - y0), 1e-9)


def asked_areas(opts: PrintOptions) -> list[tuple[float, float]] | None:
    """The areas (points) the composition may fill, for :func:`~.compose.compose` to place its
    panels beside or below the map: the paper inside its margins (a named sheet either way round
    unless an orientation is given; a ``WxHmm`` paper as written; a roll's length is unbounded),
    or the tiled wall's. None: no area asked (a tiled print at a given scale)."""
    if opts.tiled:
        return wall_areas(opts)
    try:
        paper = parse_paper(opts.paper)
    except PaperError as e:
        raise PrintError(str(e)) from None
    margin = opts.margin_mm * MM
    inf = float("inf")
    if paper.roll:
        across = paper.width * MM - 2 * margin
        both = {"portrait": (across, inf), "landscape": (inf, across)}
    elif paper.custom:
        return [(paper.width * MM - 2 * margin, paper.height * MM - 2 * margin)]
    else:
        both = {o: tuple(v * MM - 2 * margin for v in paper.oriented(o)) for o in ("portrait", "landscape")}
    return list(both.values()) if opts.orientation == "auto" else [both[opts.orientation]]


def _fits(cw: float, ch: float, aw: float, ah: float) -> float:
    return min(aw / cw, ah / ch)


def plan_poster(content_w: float, content_h: float, opts: PrintOptions,
                map_size: tuple[float, float] | None = None) -> PosterPlan:  # fmt: skip
    """Page and scale for a composition of ``content_w`` x ``content_h`` points (of which the map
    is ``map_size``; None: all of it). A ``WxHmm`` paper is used as written, never turned."""
    try:
        paper = parse_paper(opts.paper)
    except PaperError as e:
        raise PrintError(str(e)) from None
    margin = opts.margin_mm * MM
    want = None if opts.scale is None else opts.scale / 100.0
    cw, ch = max(content_w, 1.0), max(content_h, 1.0)

    if paper.roll:
        across = paper.width * MM
        if across <= 2 * margin:
            raise PrintError(f"margins of {opts.margin_mm:g} mm leave nothing of a {paper.label}")
        orientation = opts.orientation
        if orientation == "auto":
            orientation = "landscape" if cw >= ch else "portrait"
        # portrait: the roll's width is the page width; landscape: the roll runs left to right
        c_across, c_along = (cw, ch) if orientation == "portrait" else (ch, cw)
        s = (across - 2 * margin) / c_across if want is None else want
        if c_across * s > across - 2 * margin + 1e-6:
            raise PrintError(
                f"at {s * 100:g} % the poster is {c_across * s / MM:.0f} mm across, wider than the "
                f"{paper.label} allows with {opts.margin_mm:g} mm margins; use --scale "
                f"{_floor_pct((across - 2 * margin) / c_across)} or less, or fit"
            )
        length = c_along * s + 2 * margin
        w, h = (across, length) if orientation == "portrait" else (length, across)
    else:
        if paper.custom:
            options = ("landscape" if paper.width > paper.height else "portrait",)
        else:
            options = ("portrait", "landscape") if opts.orientation == "auto" else (opts.orientation,)
        best = None
        for o in options:
            pw, ph = (v * MM for v in ((paper.width, paper.height) if paper.custom else paper.oriented(o)))
            aw, ah = pw - 2 * margin, ph - 2 * margin
            if aw <= 0 or ah <= 0:
                raise PrintError(f"margins of {opts.margin_mm:g} mm leave nothing of {paper.label}")
            fit = _fits(cw, ch, aw, ah)
            # the orientation that prints the map larger (or that holds the exact scale)
            rank = fit if want is None else (fit + 1e-9 >= want, fit)
            if best is None or rank > best[0]:
                best = (rank, o, pw, ph, fit)
        _, orientation, w, h, fit = best
        s = fit if want is None else want
        if want is not None and fit + 1e-9 < want:
            raise PrintError(
                f"at {want * 100:g} % the poster is {cw * want / MM:.0f} x {ch * want / MM:.0f} mm, larger than "
                f"{paper.label} {orientation} with {opts.margin_mm:g} mm margins; use --scale "
                f"{_floor_pct(fit)} or less, --scale fit, a larger paper or --tile"
            )

    bleed = opts.bleed_mm * MM
    extra = bleed + CROP_MARK + CROP_GAP if bleed > 0 else 0.0
    page_w, page_h = w + 2 * extra, h + 2 * extra
    try:
        check_page(page_w / MM, page_h / MM, f"the {paper.label} page")
    except PaperError as e:
        raise PrintError(str(e)) from None
    trim = (extra, extra, extra + w, extra + h)
    bleed_box = (extra - bleed, extra - bleed, extra + w + bleed, extra + h + bleed) if bleed > 0 else None
    # centre the poster in the area inside the margins
    x0 = extra + margin + (w - 2 * margin - cw * s) / 2
    y0 = extra + h - margin - (h - 2 * margin - ch * s) / 2
    mw, mh = map_size or (cw, ch)
    return PosterPlan(page_w, page_h, trim, bleed_box, s, x0, y0, orientation, paper.label, mw * s, mh * s)


def _floor_pct(scale: float) -> str:
    pct = scale * 100
    for digits in (0, 1, 2, 3):
        v = int(pct * 10**digits) / 10**digits
        if v > 0:
            return f"{v:g}"
    return f"{pct:.2g}"


def crop_marks(ops: Ops, trim: tuple[float, float, float, float], bleed: float) -> None:
    """Hairlines at the trim corners, outside the bleed (page coordinates), in registration colour:
    100 % of every process ink, so that they print on each separation and show its register."""
    x0, y0, x1, y1 = trim
    off = bleed + 0.5 * MM
    segs = []
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            segs.append((x + dx * off, y, x + dx * (off + CROP_MARK), y))  # horizontal, on the trim line
            segs.append((x, y + dy * off, x, y + dy * (off + CROP_MARK)))
    ops.add("1 1 1 1 K")  # registration: C, M, Y and K at 100 %
    ops.width(0.25)
    ops.lines(segs)


def render_poster(canvas: Canvas, comp: Composition, plan: PosterPlan) -> Ops:
    """Draw the poster as the current page of ``canvas`` (and end the page)."""
    canvas.setPageSize((plan.page_w, plan.page_h))
    canvas.setTrimBox(plan.trim)  # the finished poster, with or without bleed (no ArtBox or CropBox)
    if plan.bleed:
        canvas.setBleedBox(plan.bleed)
    ops = Ops(canvas)
    ops.save()
    clip = plan.bleed or plan.trim
    ops.rect(clip[0], clip[1], clip[2] - clip[0], clip[3] - clip[1], "W n")
    s = plan.scale
    ops.transform(s, 0, 0, -s, plan.x0, plan.y0)
    draw_composition(ops, comp)
    ops.restore()
    if plan.bleed:
        crop_marks(ops, plan.trim, plan.trim[0] - plan.bleed[0])
    ops.flush()
    canvas.showPage()
    return ops
