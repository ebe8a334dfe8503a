"""Tiled wall print: the poster split onto sheets, with an assembly guide as page 1.

Each sheet, inside the printer margin, has a 5 mm mark band around its image window:

* the window shows its part of the poster, clipped from one form XObject that holds the whole
  poster (drawn once, reused by every sheet and by the guide's thumbnail);
* neighbouring windows overlap by ``overlap``: a sheet is cut along its left and top window edges
  (corner cut marks show where) and laid over its left / upper neighbour up to that neighbour's
  dashed line; the strip under it is the glue zone;
* the bands hold the label "R3C2 - 7/24 - title - date - scale", arrows naming the neighbours,
  cut and glue hints, and a 100 mm calibration bar. The bands are cut off or covered when the
  wall is assembled.

Sheets are named by row and column, counted from 1 at the top left: "R3C2" is row 3, column 2
(a name like "A4" would read like a paper size). A ``WxHmm`` poster size is the finished wall as
written; the composition is centred in it, fitted inside :data:`WALL_INSET_MM`, and sheets that
would show nothing of the map or its panels are left out unless ``all_sheets`` asks for them.
Coordinates in this module are points with y down: poster coordinates for the
finished poster at print scale, page coordinates from the sheet's top-left corner (one
flipping transform per page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportlab.pdfgen.canvas import Canvas

from app.model import fonts as model_fonts
from app.model.layout import LABEL_W, text_block
from app.model.palette import INK, KIND_STRIPE, LANE_FILL, MUTED, blend

from .compose import Composition
from .ops import Ops, text_width
from .options import PrintError, PrintOptions, select_sheets, sheet_name
from .paper import MM, WALL_MAX_MM, PaperError, check_page, parse_paper

BAND = 5.0 * MM  # the mark band between the printer margin and the image window
MAX_SHEETS = 2000
FORM = "journeymap-poster"
HINT = "#CC79A7"  # overlap lines and hints: Okabe-Ito reddish purple
HINT_SIZE = 6.0
CUT_HINT = "cut on the marks, lay on {n} up to its dashed line"
GLUE_HINT = "glue: {n} covers this strip up to the dashed line"
INSET = 3.0 * MM  # text and bars keep clear of the corner cut marks
WALL_INSET_MM = 10.0  # white space kept between a sized wall's edge and the composition


@dataclass(frozen=True)
class Sheet:
    col: int
    row: int
    name: str  # "R3C2"
    index: int  # 1-based position among the wall's sheets (those printed when all are), row by row
    x: float  # the window's top-left corner in poster coordinates (points, print scale)
    y: float


@dataclass(frozen=True)
class TilePlan:
    paper: str  # sheet paper label ("A4")
    orientation: str  # of the sheets
    sheet_w: float  # points
    sheet_h: float
    margin: float  # printer margin, points
    overlap: float
    window_w: float  # the image window on each sheet
    window_h: float
    cols: int
    rows: int
    scale: float  # 1.0 = 100 %
    poster_w: float  # the finished poster or wall, points (a sized wall: as asked; else the composition)
    poster_h: float
    offset_x: float  # the composition's top-left corner inside the grid area
    offset_y: float
    sheets: tuple[Sheet, ...]  # the sheets to print, in order
    content_w: float = 0.0  # the composition at print scale, centred in the poster
    content_h: float = 0.0
    wall: tuple[tuple[int, int], ...] = ()  # (col, row) of the wall's sheets: all but the empty ones
    map_w: float = 0.0  # the map (without the panels) at print scale
    map_h: float = 0.0

    @property
    def total(self) -> int:
        """Sheets the wall is made of (the empty ones left out unless asked for)."""
        return len(self.wall) if self.wall else self.cols * self.rows

    @property
    def grid_total(self) -> int:
        return self.cols * self.rows

    @property
    def empty(self) -> int:
        """Sheets of the grid left out because they would show nothing."""
        return self.grid_total - self.total

    @property
    def map_share(self) -> float:
        """The share of the finished poster's area that the map itself covers (0..1)."""
        return (self.map_w * self.map_h) / max(self.poster_w * self.poster_h, 1e-9)

    @property
    def step_x(self) -> float:
        return self.window_w - self.overlap

    @property
    def step_y(self) -> float:
        return self.window_h - self.overlap

    @property
    def grid_w(self) -> float:
        return self.cols * self.step_x + self.overlap

    @property
    def grid_h(self) -> float:
        return self.rows * self.step_y + self.overlap

    @property
    def window_x(self) -> float:
        """Where the window starts on the sheet page (left and top)."""
        return self.margin + BAND

    def sheet(self, col: int, row: int, index: int = 0) -> Sheet:
        x = col * self.step_x - self.offset_x
        y = row * self.step_y - self.offset_y
        return Sheet(col, row, sheet_name(col, row), index or row * self.cols + col + 1, x, y)

    @property
    def wall_x(self) -> float:
        """The finished wall's top-left corner inside the grid area."""
        return (self.grid_w - self.poster_w) / 2

    @property
    def wall_y(self) -> float:
        return (self.grid_h - self.poster_h) / 2

    @property
    def poster_mm(self) -> tuple[float, float]:
        return self.poster_w / MM, self.poster_h / MM


def _count(length: float, window: float, overlap: float) -> int:
    """Sheets needed to cover ``length`` with windows of ``window`` overlapping by ``overlap``."""
    if length <= window:
        return 1
    return max(1, math.ceil((length - overlap) / (window - overlap) - 1e-9))


def _wall(opts: PrintOptions, cw: float, ch: float) -> tuple[float, float] | None:
    """The finished wall asked for by ``poster_size`` in points: ``WxHmm`` as written, a named
    size turned like the composition; None when the size comes from a scale or a grid."""
    if not opts.poster_size:
        return None
    try:
        target = parse_paper(opts.poster_size, WALL_MAX_MM)
    except PaperError as e:
        raise PrintError(f"poster size: {e}") from None
    if target.custom:
        return target.width * MM, target.height * MM
    tw, th = target.oriented("landscape" if cw >= ch else "portrait")
    return tw * MM, th * MM


def _inset(side: float) -> float:
    return min(WALL_INSET_MM * MM, side * 0.05)


def wall_areas(opts: PrintOptions) -> list[tuple[float, float]] | None:
    """The areas (points) a tiled composition may fill, for :func:`~.compose.compose` to arrange
    its panels: the asked wall inside its inset (a named size either way round), or the grid of
    sheets; None when a scale is given (any shape prints at that scale)."""
    if opts.poster_size:
        try:
            target = parse_paper(opts.poster_size, WALL_MAX_MM)
        except PaperError as e:
            raise PrintError(f"poster size: {e}") from None
        w, h = target.width * MM, target.height * MM
        area = (w - 2 * _inset(w), h - 2 * _inset(h))
        return [area] if target.custom else [area, area[::-1]]
    if opts.grid is not None:
        try:
            paper = parse_paper(opts.tile)
        except PaperError as e:
            raise PrintError(f"sheet: {e}") from None
        cols, rows = opts.grid
        margin, overlap = opts.printer_margin_mm * MM, opts.overlap_mm * MM
        out = []
        for o in ("portrait", "landscape") if opts.tile_orientation == "auto" else (opts.tile_orientation,):
            sw, sh = (v * MM for v in paper.oriented(o))
            ww, wh = sw - 2 * (margin + BAND), sh - 2 * (margin + BAND)
            out.append((cols * (ww - overlap) + overlap, rows * (wh - overlap) + overlap))
        return out
    return None


def plan_tiles(content_w: float, content_h: float, opts: PrintOptions,
               parts: list[tuple[float, float, float, float]] | None = None) -> TilePlan:  # fmt: skip
    """Sheets, scale and offsets for a composition of ``content_w`` x ``content_h`` points.

    ``parts`` are the rectangles (x, y, w, h, composition points) that hold something, the map
    first; a sheet that meets none of them is empty. None: the whole composition is the map."""
    try:
        paper = parse_paper(opts.tile)
    except PaperError as e:
        raise PrintError(f"sheet: {e}") from None
    cw, ch = max(content_w, 1.0), max(content_h, 1.0)
    parts = parts or [(0.0, 0.0, cw, ch)]
    margin = opts.printer_margin_mm * MM
    overlap = opts.overlap_mm * MM
    fixed = None
    wall = _wall(opts, cw, ch)
    if opts.scale is not None:
        fixed = opts.scale / 100.0
    elif wall is not None:
        ww_, wh_ = wall
        fixed = min((ww_ - 2 * _inset(ww_)) / cw, (wh_ - 2 * _inset(wh_)) / ch)
    candidates = []
    for o in ("portrait", "landscape") if opts.tile_orientation == "auto" else (opts.tile_orientation,):
        sw, sh = (v * MM for v in paper.oriented(o))
        ww, wh = sw - 2 * (margin + BAND), sh - 2 * (margin + BAND)
        if ww - overlap <= 1.0 or wh - overlap <= 1.0:
            raise PrintError(
                f"overlap {opts.overlap_mm:g} mm and margin {opts.printer_margin_mm:g} mm leave no room on "
                f"{paper.label} {o} (image window {ww / MM:.0f} x {wh / MM:.0f} mm)"
            )
        if opts.grid is not None:
            cols, rows = opts.grid
            s = min((cols * (ww - overlap) + overlap) / cw, (rows * (wh - overlap) + overlap) / ch)
        else:
            s = fixed if fixed is not None else 1.0
            pw, ph = wall if wall is not None else (cw * s, ch * s)
            cols, rows = _count(pw, ww, overlap), _count(ph, wh, overlap)
        pw, ph = wall if wall is not None else (cw * s, ch * s)
        grid_w = cols * (ww - overlap) + overlap
        grid_h = rows * (wh - overlap) + overlap
        mx, my, mw, mh = parts[0]
        plan = TilePlan(
            paper.label, o, sw, sh, margin, overlap, ww, wh, cols, rows, s, pw, ph,
            (grid_w - cw * s) / 2, (grid_h - ch * s) / 2, (), cw * s, ch * s, (), mw * s, mh * s,
        )  # fmt: skip
        every, full = [], []
        if cols * rows <= MAX_SHEETS:
            every = [(c, r) for r in range(rows) for c in range(cols)]
            full = [cr for cr in every if _shows_something(plan, *cr, parts)]
        # a grid: the larger print; otherwise the fewer sheets with something on them, then the smaller grid
        rank = (-s,) if opts.grid is not None else (len(full) or cols * rows, cols * rows, o != "portrait")
        candidates.append((rank, replace(plan, wall=tuple(every if opts.all_sheets else full))))
    plan = min(candidates, key=lambda c: c[0])[1]
    cols, rows, s = plan.cols, plan.rows, plan.scale
    if cols * rows > MAX_SHEETS:
        if wall is not None:
            what, fix = f"wall size {opts.poster_size} (--paper): it", "a smaller wall"
        elif opts.grid is not None:
            what, fix = f"grid {cols}x{rows} (--grid)", "fewer sheets"
        elif opts.scale is not None:
            what, fix = f"scale {s * 100:.4g} % (--scale): the poster ({plan.poster_w / MM:.0f} x {plan.poster_h / MM:.0f} mm)", "a smaller scale"
        else:
            what, fix = f"at 100 % the poster ({plan.poster_w / MM:.0f} x {plan.poster_h / MM:.0f} mm)", "a wall size (--paper WxHmm), a smaller --scale"
        raise PrintError(
            f"{what} needs {cols * rows:,} {paper.label} sheets ({cols} x {rows}, at most {MAX_SHEETS:,}); "
            f"choose {fix} or larger sheets"
        )
    try:
        check_page(plan.sheet_w / MM, plan.sheet_h / MM, f"a {paper.label} sheet")
    except PaperError as e:
        raise PrintError(str(e)) from None
    index = {cr: i + 1 for i, cr in enumerate(plan.wall)}
    chosen = [cr for cr in select_sheets(opts.sheets, cols, rows) if cr in index]
    if not chosen:
        raise PrintError(f"sheets {opts.sheets}: only sheets that would be entirely empty (--all-sheets prints them)")
    return replace(plan, sheets=tuple(plan.sheet(c, r, index[c, r]) for c, r in chosen))


def _shows_something(plan: TilePlan, col: int, row: int, parts) -> bool:
    """Whether the sheet's window meets the map or a panel (a hairline's touch does not count)."""
    x0, y0 = col * plan.step_x - plan.offset_x, row * plan.step_y - plan.offset_y
    x1, y1 = x0 + plan.window_w, y0 + plan.window_h
    s, eps = plan.scale, 0.5
    return any(
        px * s < x1 - eps and (px + pw) * s > x0 + eps and py * s < y1 - eps and (py + ph) * s > y0 + eps
        for px, py, pw, ph in parts
    )


def pct(scale: float) -> str:
    v = scale * 100
    return f"{v:.1f}".rstrip("0").rstrip(".") if v >= 10 else f"{v:.2g}"


# ---------------------------------------------------------------- drawing
def draw_form(canvas: Canvas, comp: Composition, draw) -> Ops:
    """Draw the composition once into the form XObject every page reuses.

    reportlab's ``endForm`` encodes a form's stream with its "extpdfdoc" codec, a Python
    charmap that costs 0.1 s per 10 MB (a 5,000-card map); a page's stream is encoded as
    Latin-1 at C speed. The operators here are ASCII, so the stream is encoded the fast way
    and handed to ``endForm`` as the form's ``stream`` attribute (which it sets after its own
    encoding, then of an empty list)."""
    canvas.beginForm(FORM, 0, 0, comp.width, comp.height)
    ops = Ops(canvas)
    draw(ops, comp)
    ops.flush()
    code = canvas._code  # reportlab's list of operator strings for the current stream
    try:
        stream = "\n".join([canvas._preamble, *code]).encode("latin-1")
    except UnicodeEncodeError:  # never for our operators; let reportlab encode it then
        canvas.endForm()
        return ops
    code.clear()
    canvas.endForm(stream=stream)
    return ops


def draw_miniature(ops: Ops, comp: Composition, x: float, y: float, scale: float) -> None:
    """The composition as the guide shows it, a few millimetres a metre: the panels and the
    map's headers as grey blocks, its lanes in their fills, every card a block in its colour,
    and no text (at that size it could not be read, and it would lie under the sheet names)."""
    lay = comp.layout
    ops.save()
    ops.transform(scale, 0, 0, scale, x, y)
    ops.fill("#E4E4E4")
    for px, py, pw, ph in comp.parts()[1:]:
        ops.rect(px, py, pw, ph)
    g = lay.grid
    ops.rect(0.0, 0.0, g.w, lay.corner_rect().bottom)
    for lid in lay.lane_ids:
        r = lay.lane_rect(lid)
        ops.fill("#E4E4E4")
        ops.rect(0.0, r.y, LABEL_W, r.h)
        ops.fill(LANE_FILL[lay.lanes_by_id[lid].type])
        ops.rect(LABEL_W, r.y, r.w - LABEL_W, r.h)
    if not comp.blank:
        cards = {c.id: c for c in lay.map.cards}
        for geo in lay.all_cards():
            card = cards[geo.id]
            ops.fill(blend(card.colour or KIND_STRIPE[card.kind], "#FFFFFF", 0.55))
            ops.rect(*geo.rect)
    ops.restore()


def _place_form(ops: Ops, clip: tuple[float, float, float, float], scale: float, x: float, y: float) -> None:
    """Show the form clipped to ``clip`` (page coordinates, y down) with the composition's
    top-left corner at ``x, y`` and ``scale``; the page transform flips y already."""
    ops.save()
    ops.rect(*clip, "W n")
    ops.transform(scale, 0, 0, scale, x, y)
    ops.flush()
    ops.canvas.doForm(FORM)
    ops.restore()


def _begin_page(canvas: Canvas, w: float, h: float) -> Ops:
    canvas.setPageSize((w, h))
    ops = Ops(canvas)
    ops.transform(1, 0, 0, -1, 0, h)  # y down from the top-left corner, like the map
    return ops


def calibration_bar(ops: Ops, x: float, y: float, vertical: bool = False) -> None:
    """A 100 mm bar in 10 mm blocks with its label; (x, y) is its top-left corner."""
    h = 1.6 * MM
    ops.stroke(INK)
    ops.width(0.4)
    for i in range(10):
        bx, by = (x, y + i * 10 * MM) if vertical else (x + i * 10 * MM, y)
        bw, bh = (h, 10 * MM) if vertical else (10 * MM, h)
        ops.fill(INK if i % 2 == 0 else "#FFFFFF")
        ops.rect(bx, by, bw, bh, "B")
    ops.fill(INK)
    if vertical:
        ops.label("100 mm", x + h + 1.5, y + 100 * MM, HINT_SIZE, angle=90)
    else:
        ops.label("100 mm", x + 100 * MM + 2, y + h, HINT_SIZE)


def _arrow(ops: Ops, x: float, y: float, direction: str, size: float = 5.0) -> None:
    d = {"right": (1, 0), "left": (-1, 0), "down": (0, 1), "up": (0, -1)}[direction]
    px, py = -d[1], d[0]
    tip = (x + d[0] * size, y + d[1] * size)
    ops.polygon((tip, (x + px * size * 0.7, y + py * size * 0.7), (x - px * size * 0.7, y - py * size * 0.7)))


def draw_sheet(ops: Ops, plan: TilePlan, sheet: Sheet, title: str, when: str) -> None:
    """One sheet page: its window of the poster, marks, hints, label and calibration bar."""
    W, H = plan.sheet_w, plan.sheet_h  # noqa: N806
    wx = wy = plan.window_x
    ww, wh = plan.window_w, plan.window_h
    s = plan.scale
    _place_form(ops, (wx, wy, ww, wh), s, wx - sheet.x, wy - sheet.y)

    c, r = sheet.col, sheet.row
    on_wall = set(plan.wall) if plan.wall else None  # neighbours left out (empty) get no hints

    def there(col: int, row: int) -> bool:
        inside = 0 <= col < plan.cols and 0 <= row < plan.rows
        return inside and (on_wall is None or (col, row) in on_wall)

    right, below, left, above = there(c + 1, r), there(c, r + 1), there(c - 1, r), there(c, r - 1)
    o = plan.overlap
    band_mid = plan.margin + BAND / 2  # the middle of the band, from the sheet edge

    # corner cut marks, outside the window in the band
    gap, length = 0.8 * MM, BAND - 1.6 * MM
    segs = []
    for x, dx in ((wx, -1), (wx + ww, 1)):
        for y, dy in ((wy, -1), (wy + wh, 1)):
            segs.append((x + dx * gap, y, x + dx * (gap + length), y))
            segs.append((x, y + dy * gap, x, y + dy * (gap + length)))
    ops.stroke(INK)
    ops.width(0.35)
    ops.lines(segs)

    # overlap: dashed lines on the glue zones (right and bottom), where the neighbour's cut edge goes
    ops.stroke(HINT)
    ops.width(0.5)
    ops.dash((3.0, 2.0))
    dashed = []
    if right:
        dashed.append((wx + ww - o, wy, wx + ww - o, wy + wh))
    if below:
        dashed.append((wx, wy + wh - o, wx + ww, wy + wh - o))
    ops.lines(dashed)
    ops.dash()

    ops.fill(HINT)
    mid = wy + wh / 2
    for on, n, x, direction, hint in (
        (right, sheet_name(c + 1, r), W - band_mid, "right", GLUE_HINT),
        (left, sheet_name(c - 1, r), band_mid, "left", CUT_HINT),
    ):
        if on:
            _arrow(ops, x - 1.5 if direction == "right" else x + 1.5, mid, direction, 4.0)
            wn = ops.label(n, x + 2.4, mid - 7, HINT_SIZE + 1, True, angle=90)
            ops.label(hint.format(n=n), x + 2.2, mid - 12 - wn, HINT_SIZE, angle=90)
    for on, n, y, direction, hint in (
        (above, sheet_name(c, r - 1), band_mid, "up", CUT_HINT),
        (below, sheet_name(c, r + 1), H - band_mid, "down", GLUE_HINT),
    ):
        if on:
            x = wx + ww - 9 * MM
            _arrow(ops, x, y + 1.5 if direction == "up" else y - 1.5, direction, 4.0)
            ops.label(n, x + 5, y + 2.4, HINT_SIZE + 1, True)
            ops.label(hint.format(n=n), x - 6, y + 2.2, HINT_SIZE, align="right")

    # the calibration bar (top band) and the sheet label (bottom band)
    if ww >= 100 * MM + 2 * INSET + (70 * MM if above else 10 * MM):
        calibration_bar(ops, wx + INSET, band_mid - 0.8 * MM)
    elif wh >= 100 * MM + 2 * INSET + (70 * MM if left else 10 * MM):
        calibration_bar(ops, band_mid - 0.8 * MM, wy + INSET, vertical=True)
    room = ww - INSET - (65 * MM if below else 10 * MM)
    ops.fill(INK)
    ops.label(sheet_label(plan, sheet, title, when, room), wx + INSET, H - band_mid + 2.2, HINT_SIZE + 0.5)


def sheet_label(plan: TilePlan, sheet: Sheet, title: str, when: str, room: float = 1e9) -> str:
    """ "R3C2 - 7/24 - title - date - scale 35 %", the title shortened to fit ``room`` points."""
    head = f"{sheet.name} - {sheet.index}/{plan.total} - "
    tail = f" - {when} - scale {pct(plan.scale)} %"
    fixed = text_width(head + tail, HINT_SIZE + 0.5)
    short = model_fonts.ellipsize(" ".join(title.split()) or "Untitled", max(30.0, room - fixed), HINT_SIZE + 0.5)
    return head + short + tail


def draw_guide(ops: Ops, plan: TilePlan, comp: Composition, title: str, when: str, paper_w: float,
               paper_h: float) -> None:  # fmt: skip
    """Page 1: the whole poster with the lettered grid, the finished size and how to print."""
    m = plan.margin + BAND
    x, y = m, m
    inner_w = paper_w - 2 * m
    ops.fill(INK)
    ops.label("Assembly guide", x, y + 16, 16, True)
    ops.label(
        model_fonts.ellipsize(" ".join(title.split()) or "Untitled", max(20.0, inner_w - 160), 11, True),
        x + 150, y + 16, 11, True,
    )
    fw, fh = plan.poster_mm
    last = sheet_name(plan.cols - 1, plan.rows - 1)
    first = plan.sheet(*plan.wall[0]).name if plan.wall else "R1C1"
    lines = [
        f"Finished size: {fw:.0f} × {fh:.0f} mm (width × height), the map at {pct(plan.scale)} % of its natural "
        f"size filling {plan.map_share * 100:.0f} % of the area.",
        f"Sheet grid: {plan.cols} columns × {plan.rows} rows of {plan.paper} {plan.orientation}, named by row and "
        f"column: R1C1 at the top left to {last} at the bottom right. Overlap {plan.overlap / MM:g} mm, printer "
        f"margin {plan.margin / MM:g} mm.",
        f"{plan.total} sheets to print"
        + (f"; {plan.empty} entirely empty sheets are left out (grey below): leave their places bare."
           if plan.empty else "."),  # fmt: skip
        "Print at 100 % (actual size), not fit to page. The bar on every sheet must measure 100 mm.",
        f"Assemble from {first}, row by row: cut each sheet along its corner marks on the left and top edges, lay "
        "it over its neighbour up to the dashed line and glue. Trim the outer edges of the wall last.",
    ]
    if len(plan.sheets) < plan.total:
        lines.append(
            f"This file holds {len(plan.sheets)} of the {plan.total} sheets: "
            + ", ".join(s.name for s in plan.sheets[:40])
            + (" …" if len(plan.sheets) > 40 else "")
        )
    ty = y + 34
    ops.fill(INK)
    ops.begin_text()
    for text in lines:
        block, h = text_block(text, inner_w, 8.5, 11.0, x=x, y=ty)
        for line in block:
            ops.text(0.0, 0.0, line)
        ty += h + 2
    ops.end_text()

    # the thumbnail: the grid area, scaled into what is left of the page
    top = ty + 18
    bottom = paper_h - m - 10 * MM
    avail_w, avail_h = inner_w - 20, bottom - top
    if avail_w <= 20 or avail_h <= 20:
        return
    t = min(avail_w / plan.grid_w, avail_h / plan.grid_h)
    gx = x + 20 + (avail_w - plan.grid_w * t) / 2
    gy = top
    ops.fill("#EEEEEE")
    ops.rect(gx, gy, plan.grid_w * t, plan.grid_h * t)
    ops.fill("#FFFFFF")  # the finished wall
    ops.rect(gx + plan.wall_x * t, gy + plan.wall_y * t, plan.poster_w * t, plan.poster_h * t)
    px, py = gx + plan.offset_x * t, gy + plan.offset_y * t
    draw_miniature(ops, comp, px, py, plan.scale * t)

    # the grid: where each sheet's visible part starts (its cut edge)
    xs = [gx + c * plan.step_x * t for c in range(plan.cols)] + [gx + plan.grid_w * t]
    ys = [gy + r * plan.step_y * t for r in range(plan.rows)] + [gy + plan.grid_h * t]
    ops.stroke(INK)
    ops.width(0.6)
    ops.lines([(xv, ys[0], xv, ys[-1]) for xv in xs] + [(xs[0], yv, xs[-1], yv) for yv in ys])
    size = max(4.0, min(11.0, (xs[1] - xs[0]) / 6, (ys[1] - ys[0]) / 3))
    chosen = {(s.col, s.row) for s in plan.sheets}
    on_wall = set(plan.wall) if plan.wall else None
    for r in range(plan.rows):
        for c in range(plan.cols):
            if on_wall is not None and (c, r) not in on_wall:  # left out: greyed, no name
                ops.fill("#CCCCCC")
                ops.rect(xs[c] + 0.5, ys[r] + 0.5, xs[c + 1] - xs[c] - 1, ys[r + 1] - ys[r] - 1)
                continue
            name = sheet_name(c, r)
            cx, cy = (xs[c] + xs[c + 1]) / 2, (ys[r] + ys[r + 1]) / 2
            w = text_width(name, size, True)
            ops.fill("#FFFFFF")
            ops.rect(cx - w / 2 - 1.5, cy - size * 0.5 - 1.5, w + 3, size + 3)
            ops.fill(INK)
            ops.label(name, cx, cy + size * 0.36, size, True, align="center")
            if len(chosen) < plan.total and (c, r) in chosen:
                ops.stroke("#D55E00")
                ops.width(1.5)
                ops.rect(xs[c] + 1, ys[r] + 1, xs[c + 1] - xs[c] - 2, ys[r + 1] - ys[r] - 2, "S")
    ops.fill(MUTED)
    # column and row numbers (bare: "C4" alone would read like an envelope size)
    head = max(4.0, min(8.0, (xs[1] - xs[0]) / 2.5))
    for c in range(plan.cols):
        ops.label(str(c + 1), (xs[c] + xs[c + 1]) / 2, gy - 4, head, True, align="center")
    for r in range(plan.rows):
        ops.label(str(r + 1), gx - 4, (ys[r] + ys[r + 1]) / 2 + 3, 8, True, align="right")

    calibration_bar(ops, x, paper_h - m - 4 * MM)
    ops.fill(INK)
    ops.label(f"Assembly guide - {plan.total} sheets - {when}", x + inner_w, paper_h - m - 2.5 * MM, HINT_SIZE + 0.5,
              align="right")  # fmt: skip


def guide_page_size(plan: TilePlan) -> tuple[float, float]:
    """The guide uses the sheet paper, turned like the poster."""
    short, long_ = sorted((plan.sheet_w, plan.sheet_h))
    return (long_, short) if plan.poster_w >= plan.poster_h else (short, long_)


def render_tiles(canvas: Canvas, comp: Composition, plan: TilePlan, draw, title: str, when: str) -> list[Ops]:
    """The form, the guide page, then one page per chosen sheet."""
    out = [draw_form(canvas, comp, draw)]
    gw, gh = guide_page_size(plan)
    ops = _begin_page(canvas, gw, gh)
    draw_guide(ops, plan, comp, title, when, gw, gh)
    ops.flush()
    canvas.showPage()
    out.append(ops)
    for sheet in plan.sheets:
        ops = _begin_page(canvas, plan.sheet_w, plan.sheet_h)
        draw_sheet(ops, plan, sheet, title, when)
        ops.flush()
        canvas.showPage()
        out.append(ops)
    return out
