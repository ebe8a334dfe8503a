"""The poster's content: the map (from the shared layout) and, below it, the print-only panels:
a title block, one panel per persona, a legend and the card notes.

The panels exist only on paper (the canvas shows personas and notes in their own widgets), so
their geometry lives here; their text is broken with the layout's :func:`~app.model.layout.text_block`
and measured with the same TrueType metrics. Everything is in points with y down, the map's
top-left corner at (0, 0); the panels go in rows under the map or in columns beside it,
whichever lets the map print largest in the area asked for (beside it on a wide wall, below it on
a tall one), or on a sheet of ISO proportions when no area is given.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from app.model import style
from app.model.divergence import curve_divergences
from app.model.fonts import ellipsize
from app.model.geometry import Rect, TextLine
from app.model.layout import MapLayout, build_layout, make_mark, text_block
from app.model.palette import (
    GAP_MARK,
    GRID,
    INK,
    KIND_FILL,
    KIND_LABEL,
    KIND_STRIPE,
    MUTED,
    OKABE_ITO,
    PERSPECTIVE_DASH,
    PERSPECTIVE_LABEL,
    blend,
    curve_colour,
)
from app.model.perspective import BOTH, GAP_MIN, shows_curve, shows_ratings
from app.model.schema import CardKind, LinkKind, Map, Persona, photo_problem

from . import draw as D
from .ops import Ops, make_line
from .options import PrintError

GAP = 24.0  # between the map and the panels, and between panels
PAD = 10.0  # inside a panel
HEAD_SIZE, HEAD_LEAD = 11.0, 14.0
TEXT_SIZE, TEXT_LEAD = 8.0, 10.2
NOTES_MAX_LINES = 240

TITLE_W, PERSONA_W, LEGEND_W, NOTES_W = 340.0, 300.0, 330.0, 440.0
PHOTO = 64.0


@dataclass
class Panel:
    kind: str  # "title", "persona", "legend", "notes"
    rect: Rect
    lines: list[TextLine] = field(default_factory=list)  # relative to the panel's top-left
    shapes: list[tuple] = field(default_factory=list)  # (kind, ...) relative to the panel
    accent: str = ""  # a colour strip on the panel's left edge


@dataclass
class Composition:
    layout: MapLayout
    width: float
    height: float
    panels: list[Panel]
    blank: bool = False
    view: str = BOTH  # the perspective the map is drawn in (app.model.perspective)

    @property
    def map(self) -> Map:
        return self.layout.map

    def parts(self) -> list[tuple[float, float, float, float]]:
        """What holds something (x, y, w, h): the map first, then the panels."""
        b = self.layout.bounds
        return [(0.0, 0.0, b.w, b.h)] + [(p.rect.x, p.rect.y, p.rect.w, p.rect.h) for p in self.panels]


# ---------------------------------------------------------------- building
class _Flow:
    """Lines and shapes stacked downwards inside a panel of a fixed width."""

    def __init__(self, width: float):
        self.width = width
        self.inner = width - 2 * PAD
        self.y = PAD
        self.lines: list[TextLine] = []
        self.shapes: list[tuple] = []

    def para(self, text: str, size=TEXT_SIZE, lead=TEXT_LEAD, *, bold=False, role="text", x=0.0, max_lines=0,
             width=None) -> None:  # fmt: skip
        if not text:
            return
        w = (width if width is not None else self.inner - x)
        lines, h = text_block(text, w, size, lead, bold=bold, role=role, x=PAD + x, y=self.y, max_lines=max_lines)
        self.lines += lines
        self.y += h

    def field(self, label: str, text: str, max_lines: int = 4) -> None:
        if not text:
            return
        self.para(label, TEXT_SIZE - 0.5, TEXT_LEAD - 0.5, bold=True, role="label")
        self.para(" ".join(text.split()), max_lines=max_lines)
        self.y += 3

    def heading(self, text: str) -> None:
        self.y += 4
        self.para(text, 9.0, 12.0, bold=True, role="heading")
        self.y += 1

    def line_at(self, text: str, x: float, size=TEXT_SIZE, bold=False, role="text") -> None:
        """One line at the current row, ``x`` from the inner left edge (no advance), shortened
        with an ellipsis to the panel's width."""
        text = ellipsize(text, self.inner - x, size, bold)
        self.lines.append(make_line(text, PAD + x, self.y + size, size, bold, role))

    def row(self, h: float = TEXT_LEAD + 2) -> None:
        self.y += h

    def height(self) -> float:
        return self.y + PAD


def _persona_name(m: Map, persona_id: str | None) -> str:
    for p in m.personas:
        if p.id == persona_id:
            return p.name
    return ""


def _photo(p: Persona, index: int) -> bytes | None:
    """The photo's image bytes. A photo the schema refuses (truncated, corrupt, a decompression
    bomb: possible only in a map built around validation) is a one-line :class:`PrintError` naming
    its JSON path, never a crash while drawing nor gigabytes decoded (``photo_problem`` is cached)."""
    if not p.photo:
        return None
    problem = photo_problem(p.photo)
    if problem:
        raise PrintError(f"map.personas[{index}].photo: {problem}")
    return base64.b64decode(p.photo, validate=True)


def title_panel(m: Map, when: str, version: str) -> Panel:
    f = _Flow(TITLE_W)
    f.para(m.title or "Untitled journey", HEAD_SIZE + 3, HEAD_LEAD + 3, bold=True, role="title", max_lines=4)
    f.y += 4
    if m.goal:
        f.para(" ".join(m.goal.split()), max_lines=14)
        f.y += 4
    jt = m.journey_type.value.replace("_", " ").capitalize()
    stats = (
        f"{len(m.stages)} stages · {len([ln for ln in m.lanes if not ln.hidden])} lanes · {len(m.cards)} cards · "
        f"{len(m.personas)} personas"
    )
    for label, value in (("Journey type", jt), ("Date", when), ("Version", version), ("Contents", stats)):
        f.line_at(label, 0.0, TEXT_SIZE - 0.5, True, "label")
        f.line_at(value, 72.0)
        f.row(TEXT_LEAD + 1)
    return Panel("title", Rect(0, 0, TITLE_W, f.height()), f.lines, f.shapes, accent=INK)


def persona_panel(m: Map, p: Persona, index: int) -> Panel:
    f = _Flow(PERSONA_W)
    colour = p.colour or OKABE_ITO[index % len(OKABE_ITO)]
    photo = _photo(p, index)
    x = 0.0
    if photo:
        f.shapes.append(("image", photo, PAD, PAD, PHOTO, PHOTO))
        x = PHOTO + 8
    top = f.y
    f.para(p.name, HEAD_SIZE, HEAD_LEAD, bold=True, role="title", x=x, max_lines=2)
    facts = [p.role, f"{p.age} years" if p.age is not None else "", p.family]
    f.para(" · ".join(t for t in facts if t), x=x, max_lines=4)
    seg = " · ".join(t for t in (p.segment, p.region) if t)
    if seg:
        f.para(seg, x=x, max_lines=1, role="meta")
    if p.tech_familiarity:
        f.para(f"Tech familiarity {p.tech_familiarity}/5", x=x, role="meta")
    if photo:
        f.y = max(f.y, top + PHOTO)
    f.y += 6
    f.field("Goals", p.goals)
    f.field("Needs", p.needs)
    f.field("Frustrations", p.frustrations)
    f.field("Habits", p.habits, 3)
    f.field("Interests", p.interests, 3)
    if p.quote:
        f.y += 2
        f.para(f"“{' '.join(p.quote.split())}”", TEXT_SIZE + 0.5, TEXT_LEAD + 0.5, bold=True, role="quote",
               max_lines=5)  # fmt: skip
    return Panel("persona", Rect(0, 0, PERSONA_W, f.height()), f.lines, f.shapes, accent=colour)


def legend_panel(m: Map, view: str = BOTH, divergent: bool = False) -> Panel:
    """The legend of the map drawn in perspective ``view``; ``divergent``: the map shows where
    customer and internal curves diverge (app.model.divergence)."""
    f = _Flow(LEGEND_W)
    f.para("Legend", HEAD_SIZE, HEAD_LEAD, bold=True, role="title")
    half = f.inner / 2
    f.heading("Card kinds")
    kinds = list(CardKind)
    for i in range(0, len(kinds), 2):
        for j, kind in enumerate(kinds[i : i + 2]):
            x = PAD + j * half
            f.shapes.append(("swatch", x, f.y + 1, 18.0, 9.0, KIND_FILL[kind], KIND_STRIPE[kind]))
            f.line_at(KIND_LABEL[kind], j * half + 24, TEXT_SIZE - 0.5)
        f.row(TEXT_LEAD + 1)

    f.heading("Card markers")
    items = [
        (make_mark("truth", Rect(0, 0, 10, 10), ""), "Moment of truth"),
        (make_mark("pain", Rect(0, 0, 10, 10), ""), "Pain point"),
        (make_mark("rating-customer", Rect(0, 0, 34, 12), "C 4/2"), "Customer rating: importance/performance 1-5"),
        (make_mark("rating-internal", Rect(0, 0, 34, 12), "I 3/4"), "Internal rating: importance/performance 1-5"),
        (make_mark("votes", Rect(0, 0, 22, 12), "7"), "Dot votes"),
    ]
    items = [(mk, text) for mk, text in items if shows_ratings(view, mk.kind.removeprefix("rating-"))]
    if view == BOTH:
        items.append((make_mark("gap", Rect(0, 0, 34, 12), "gap 2"),
                      f"Internal and customer ratings {GAP_MIN} or more apart"))  # fmt: skip
    for mark, text in items:
        f.shapes.append(("mark", mark, PAD, f.y))
        f.line_at(text, 40.0, TEXT_SIZE - 0.5)
        f.row(TEXT_LEAD + 3)

    curves = [c for c in m.curves if c.visible and shows_curve(view, c.perspective)]
    f.heading("Emotion curves (scale +3 to -3)")
    for c in curves:
        colour = curve_colour(m, c)
        name = c.name or _persona_name(m, c.persona_id) or "Curve"
        f.shapes.append(("curve", PAD, f.y + 5, PAD + 30, colour, PERSPECTIVE_DASH[c.perspective], "up"))
        f.line_at(f"{name}: {PERSPECTIVE_LABEL[c.perspective].lower()}", 40.0, TEXT_SIZE - 0.5)
        f.row(TEXT_LEAD + 2)
    if divergent:
        f.shapes.append(("divergence", PAD + 12, f.y, 6.0, 10.0))
        f.line_at(f"Customer and internal curves {GAP_MIN} or more apart", 40.0, TEXT_SIZE - 0.5)
        f.row(TEXT_LEAD + 2)
    for perspective, label in PERSPECTIVE_LABEL.items():
        f.shapes.append(("curve", PAD, f.y + 5, PAD + 30, MUTED, PERSPECTIVE_DASH[perspective], ""))
        f.line_at(label, 40.0, TEXT_SIZE - 0.5, role="meta")
        f.row(TEXT_LEAD + 1)
    x = 0.0
    for shape, label in (("up", "positive"), ("circle", "neutral"), ("down", "negative")):
        f.shapes.append(("marker", shape, PAD + x + 5, f.y + 5, MUTED))
        f.line_at(label, x + 13, TEXT_SIZE - 0.5, role="meta")
        x += 80
    f.row(TEXT_LEAD + 3)

    f.heading("Links and lines")
    for kind in LinkKind:
        f.shapes.append(("link", PAD, f.y + 5, PAD + 30, style.LINK_DASH[kind]))
        f.line_at(style.LINK_LABEL[kind], 40.0, TEXT_SIZE - 0.5)
        f.row(TEXT_LEAD + 1)
    f.shapes.append(("visibility", PAD, f.y + 5, PAD + 30))
    f.line_at("Line of visibility: customers see what is above it", 40.0, TEXT_SIZE - 0.5)
    f.row(TEXT_LEAD + 1)

    channels = Counter(c.channel.strip() for c in m.cards if c.channel.strip())
    if channels:
        f.heading("Channels")
        shown = channels.most_common(24)
        text = " · ".join(f"{name} ({n})" for name, n in shown)
        if len(channels) > len(shown):
            text += f" · and {len(channels) - len(shown)} more"
        f.para(text, max_lines=8)
    return Panel("legend", Rect(0, 0, LEGEND_W, f.height()), f.lines, f.shapes)


def notes_panel(m: Map, layout: MapLayout) -> Panel | None:
    noted = [c for c in m.cards if c.notes.strip()]
    if not noted:
        return None
    stage_index = {sid: i for i, sid in enumerate(layout.stage_ids)}
    lane_index = {lid: i for i, lid in enumerate(layout.lanes_by_id)}
    stage_name = {s.id: s.name for s in m.stages}
    noted.sort(key=lambda c: (stage_index.get(c.stage_id, 1 << 30), lane_index.get(c.lane_id, 1 << 30), c.order))
    f = _Flow(NOTES_W)
    f.para("Notes", HEAD_SIZE, HEAD_LEAD, bold=True, role="title")
    f.y += 4
    used = 0
    shown = 0
    for c in noted:
        if used >= NOTES_MAX_LINES:
            break
        head = f"{c.title or 'Untitled card'} ({stage_name.get(c.stage_id, '?')})"
        before = len(f.lines)
        f.para(head, TEXT_SIZE - 0.5, TEXT_LEAD - 0.5, bold=True, role="label", max_lines=2)
        f.para(" ".join(c.notes.split()), max_lines=min(8, max(1, NOTES_MAX_LINES - used)))
        f.y += 3
        used += len(f.lines) - before
        shown += 1
    if shown < len(noted):
        f.para(f"… and {len(noted) - shown} more cards with notes (see the map file)", role="meta")
    return Panel("notes", Rect(0, 0, NOTES_W, f.height()), f.lines, f.shapes)


def map_version(m: Map, version: str = "") -> str:
    """What the title block prints as the version: the option, the map's own ``version`` field
    (kept from the file when present), else the map's last modification time."""
    if version:
        return version
    extra = (m.model_extra or {}).get("version")
    if extra not in (None, ""):
        return str(extra)
    return f"modified {m.modified.replace('T', ' ').replace('+00:00', ' UTC')}"


def compose(m: Map, *, personas: bool = True, legend: bool = True, notes: bool = True, blank: bool = False,
            when: str = "", version: str = "", area: list[tuple[float, float]] | None = None,
            view: str = BOTH) -> Composition:  # fmt: skip
    """Lay out the poster: the map in perspective ``view``, then the panels below or beside it,
    arranged so the whole prints largest in one of the ``area`` rectangles (points; a side may
    be infinite)."""
    if blank:
        frame = m.model_copy(update={"cards": [], "links": [], "curves": []})
        layout = build_layout(frame)
        b = layout.bounds
        return Composition(layout, b.w, b.h, [], blank=True)
    layout = build_layout(m)
    b = layout.bounds
    when = when or date.today().isoformat()
    panels = [title_panel(m, when, map_version(m, version))]
    if personas:
        panels += [persona_panel(m, p, i) for i, p in enumerate(m.personas)]
    if legend:
        panels.append(legend_panel(m, view, view == BOTH and bool(curve_divergences(layout))))
    if notes:
        np = notes_panel(m, layout)
        if np is not None:
            panels.append(np)
    sizes = [(p.rect.w, p.rect.h) for p in panels]
    if area:
        best = max(_arrangements(sizes, b.w, b.h), key=lambda a: _area_fit(a[0], a[1], area))
    else:
        best = max(_arrangements(sizes, b.w, b.h), key=lambda a: _paper_fit(a[0], a[1]))
    width, height, places = best
    for p, (x, y) in zip(panels, places, strict=True):
        p.rect = Rect(x, y, p.rect.w, p.rect.h)
    return Composition(layout, width, height, panels, view=view)


def _paper_fit(w: float, h: float) -> float:
    """How large a w x h poster prints on a sheet of ISO proportions (larger is better)."""
    long_, short = max(w, h), min(w, h)
    return min(2**0.5 / long_, 1.0 / short)


def _area_fit(w: float, h: float, areas: list[tuple[float, float]]) -> float:
    """The largest scale at which a w x h poster fits one of ``areas`` (larger is better)."""
    return max(min(aw / max(w, 1.0), ah / max(h, 1.0)) for aw, ah in areas)


def _below(sizes, map_w: float, map_h: float, row_w: float):
    x, y, row_h = 0.0, map_h + GAP, 0.0
    width = map_w
    places = []
    for w, h in sizes:
        if x > 0 and x + w > row_w:
            x, y, row_h = 0.0, y + row_h + GAP, 0.0
        places.append((x, y))
        width = max(width, x + w)
        x += w + GAP
        row_h = max(row_h, h)
    return width, y + row_h, places


def _beside(sizes, map_w: float, map_h: float, col_h: float):
    x, y, col_w = map_w + GAP, 0.0, 0.0
    height = map_h
    places = []
    for w, h in sizes:
        if y > 0 and y + h > col_h:
            x, y, col_w = x + col_w + GAP, 0.0, 0.0
        places.append((x, y))
        height = max(height, y + h)
        y += h + GAP
        col_w = max(col_w, w)
    return x + col_w, height, places


def _arrangements(sizes, map_w: float, map_h: float):
    """Panels in rows under the map (at several row widths) or in columns beside it."""
    one_row = sum(w for w, _ in sizes) + GAP * (len(sizes) - 1)
    widest = max(w for w, _ in sizes)
    for row_w in sorted({max(map_w, widest), max(map_w * 1.5, widest), max(map_w * 2, widest), max(map_w, one_row)}):
        yield _below(sizes, map_w, map_h, row_w)
    tallest = max(h for _, h in sizes)
    for col_h in sorted({max(map_h, tallest), max(map_h * 1.5, tallest)}):
        yield _beside(sizes, map_w, map_h, col_h)


# ---------------------------------------------------------------- drawing
def draw_panel(ops: Ops, p: Panel) -> None:
    x0, y0, w, h = p.rect
    ops.fill("#FFFFFF")
    ops.stroke(GRID)
    ops.width(0.75)
    ops.rect(x0, y0, w, h, "B")
    if p.accent:
        ops.fill(p.accent)
        ops.rect(x0, y0, 4.0, h)
    for shape in p.shapes:
        kind = shape[0]
        if kind == "image":
            _, data, x, y, sw, sh = shape
            if not ops.image(data, x0 + x, y0 + y, sw, sh):
                ops.stroke(GRID)
                ops.rect(x0 + x, y0 + y, sw, sh, "S")
        elif kind == "swatch":
            _, x, y, sw, sh, fill, stripe = shape
            ops.fill(fill)
            ops.stroke(blend(stripe, fill, style.CARD_BORDER_ALPHA))
            ops.width(0.5)
            ops.round_rect(x0 + x, y0 + y, sw, sh, 2.0, "B")
            ops.fill(stripe)
            ops.round_rect(x0 + x, y0 + y, 3.0, sh, 2.0, left_only=True)
        elif kind == "mark":
            _, mark, x, y = shape
            D.draw_mark(ops, mark, x0 + x, y0 + y)
        elif kind == "curve":
            _, x1, y, x2, colour, dash, marker = shape
            ops.stroke(colour)
            ops.width(2.0)
            ops.dash(dash)
            ops.line(x0 + x1, y0 + y, x0 + x2, y0 + y)
            ops.dash()
            if marker:
                D.draw_marker(ops, marker, x0 + (x1 + x2) / 2, y0 + y, colour, 3.5)
        elif kind == "marker":
            _, shape_name, x, y, colour = shape
            D.draw_marker(ops, shape_name, x0 + x, y0 + y, colour, 4.0)
        elif kind == "link":
            _, x1, y, x2, dash = shape
            ops.stroke(style.LINK_COLOUR)
            ops.width(0.9)
            ops.dash(dash)
            ops.line(x0 + x1, y0 + y, x0 + x2 - 6, y0 + y)
            ops.dash()
            ops.fill(style.LINK_COLOUR)
            ops.polygon(((x0 + x2, y0 + y), (x0 + x2 - 8, y0 + y - 4), (x0 + x2 - 8, y0 + y + 4)))
        elif kind == "divergence":
            _, x, y, sw, sh = shape
            ops.fill(blend(GAP_MARK, "#FFFFFF", style.DIVERGENCE_ALPHA))
            ops.rect(x0 + x, y0 + y, sw, sh)
        elif kind == "visibility":
            _, x1, y, x2 = shape
            ops.stroke(style.VISIBILITY_COLOUR)
            ops.width(1.5)
            ops.dash(style.VISIBILITY_DASH)
            ops.line(x0 + x1, y0 + y, x0 + x2, y0 + y)
            ops.dash()
    groups: dict[str, list[TextLine]] = {}
    for line in p.lines:
        colour = MUTED if line.role in ("meta", "label") else INK
        groups.setdefault(colour, []).append(line)
    for colour, lines in groups.items():
        ops.fill(colour)
        ops.lines_text(x0, y0, lines)


def draw_composition(ops: Ops, comp: Composition) -> None:
    """Everything, in poster coordinates (y down)."""
    ops.fill("#FFFFFF")
    ops.rect(0.0, 0.0, comp.width, comp.height)
    D.draw_map(ops, comp.layout, blank=comp.blank, view=comp.view)
    for p in comp.panels:
        draw_panel(ops, p)

