"""The text of the map's boxes: card text broken into lines at a card's width, header text, and
the footer markers of a card, all in points, measured with the TrueType metrics of
:mod:`app.model.fonts` so that both renderers break lines identically."""

from __future__ import annotations

import math

from . import fonts
from .geometry import CardText, Mark, Point, Rect, Run, Shape, TextLine
from .perspective import BOTH, rating_gap, shows_ratings
from .schema import Card

CELL_PAD = 8.0  # a cell's padding round its cards
CARD_GAP = 6.0  # between two cards of a cell
CARD_PAD = 6.0
STRIPE_W = 4.0  # the kind colour stripe on a card's left edge
FOOTER_H = 12.0  # the marker strip at a card's bottom: ratings, votes, flags
MIN_CARD_H = 40.0

TITLE_SIZE, TITLE_LEAD, TITLE_MAX_LINES = 10.0, 12.5, 0  # titles are never cut (at most 200 characters)
BODY_SIZE, BODY_LEAD, BODY_MAX_LINES = 8.5, 10.5, 6
META_SIZE, META_LEAD = 7.5, 9.5
STAGE_SIZE, STAGE_LEAD = 12.0, 14.0
LANE_SIZE, LANE_LEAD = 10.0, 12.0
SMALL_SIZE, SMALL_LEAD = 7.5, 9.5
MAP_TITLE_SIZE = 18.0

# the footer marks (points, or parts of their box)
MARK_SIZE = 10.0  # the star's and the warning sign's box
MARK_STEP = 3.0  # between two marks
STAR_OVER = 0.5  # the star's points reach this far past its box
STAR_INNER = 0.45  # its inner radius, a share of the outer
EXCLAMATION_BAR = 0.13  # the warning sign's bar: its width, a share of the box width
VOTE_DOT_DX, VOTE_DOT_R, VOTE_TEXT_DX = 5.5, 3.2, 11.0  # the vote dot's centre and the count's start
RATING_PAD, RATING_INSET, RATING_RADIUS = 3.0, 0.25, 2.0  # a rating box: text inset, outline inset, corners
MARK_BASELINE = 0.36  # a mark's text baseline below its box's middle, in font sizes


def text_line(text: str, x: float, y: float, size: float, bold: bool = False, role: str = "text") -> TextLine:
    """One line of text at baseline (x, y), split into runs along the font chain. Renderers
    use it for the few labels they add themselves (marker labels, legends)."""
    if fonts.in_primary(text):
        runs: tuple[Run, ...] = (Run(text, "vera-bold" if bold else "vera", 0.0),)
    else:
        fc = fonts.chain(bold)
        out = []
        dx = 0.0
        for part, face in fc.runs(text):
            out.append(Run(part, face.key, dx))
            dx += fc.width(part, size)
        runs = tuple(out)
    return TextLine(x, y, size, bold, role, runs)


def text_block(
    text: str,
    width: float,
    size: float,
    lead: float,
    *,
    bold: bool = False,
    role: str = "text",
    x: float = 0.0,
    y: float = 0.0,
    max_lines: int = 0,
) -> tuple[list[TextLine], float]:
    """Wrap ``text`` into lines starting at top ``y``; returns the lines and the height used."""
    primary = fonts.in_primary(text)  # then every line is one run of the primary face
    lines = fonts.wrap(text, width, size, bold, primary)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fonts.ellipsize(lines[-1] + " …", width, size, bold)
        primary = False  # the ellipsis is not in the primary face
    y += lead * 0.8  # the first baseline
    if primary:
        face = "vera-bold" if bold else "vera"
        out = [TextLine(x, y + i * lead, size, bold, role, (Run(t, face, 0.0),)) for i, t in enumerate(lines)]
    else:
        out = [text_line(t, x, y + i * lead, size, bold, role) for i, t in enumerate(lines)]
    return out, len(lines) * lead


def card_text(card: Card, width: float) -> CardText:
    """A card's lines (relative to its top-left corner) at card ``width``."""
    inner_x = STRIPE_W + CARD_PAD
    inner_w = max(10.0, width - inner_x - CARD_PAD)
    y = CARD_PAD
    lines, h = text_block(
        card.title, inner_w, TITLE_SIZE, TITLE_LEAD, bold=True, role="title", x=inner_x, y=y, max_lines=TITLE_MAX_LINES
    )
    y += h
    if card.body:
        body, h = text_block(
            card.body, inner_w, BODY_SIZE, BODY_LEAD, role="body", x=inner_x, y=y + 2, max_lines=BODY_MAX_LINES
        )
        lines += body
        y += h + 2
    meta = " · ".join(t for t in (card.channel, card.owner) if t)
    if meta:
        text = fonts.ellipsize(meta, inner_w, META_SIZE)
        lines.append(text_line(text, inner_x, y + META_LEAD * 0.8 + 1, META_SIZE, False, "meta"))
        y += META_LEAD + 1
    height = max(MIN_CARD_H, y + FOOTER_H + CARD_PAD)
    return CardText(width, height, tuple(lines))


def _rating(imp: int | None, perf: int | None) -> str:
    return f"{imp or '–'}/{perf or '–'}"


def star_points(cx: float, cy: float, r: float, inner: float = STAR_INNER) -> tuple[Point, ...]:
    """A five-pointed star of outer radius ``r`` (inner ``inner * r``), first point up."""
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * inner
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return tuple(pts)


def _polygon(part: str, points: tuple[Point, ...]) -> Shape:
    return Shape(part, "polygon", points, None, 0.0)


def _circle(part: str, cx: float, cy: float, r: float) -> Shape:
    return Shape(part, "circle", ((cx, cy),), None, r)


def _rect(part: str, rect: Rect, radius: float = 0.0) -> Shape:
    return Shape(part, "rect", (), rect, radius)


def make_mark(kind: str, rect: Rect, text: str = "", gap: bool = False) -> Mark:
    """A mark of ``kind`` in ``rect`` with its shapes and its text line (see :class:`Mark`);
    ``gap``: a rating box of a card whose ratings differ (its box is a "gap-box")."""
    x, y, w, h = rect
    baseline = y + h / 2 + SMALL_SIZE * MARK_BASELINE
    line = None
    if kind == "truth":
        shapes: tuple[Shape, ...] = (_polygon("star", star_points(rect.cx, rect.cy, w / 2 + STAR_OVER)),)
    elif kind == "pain":
        bar = w * EXCLAMATION_BAR
        shapes = (
            _polygon("warning", ((x + w / 2, y), (x + w, y + h), (x, y + h))),
            _rect("exclamation", Rect(x + w / 2 - bar / 2, y + h * 0.34, bar, h * 0.36)),
            _circle("exclamation", x + w / 2, y + h * 0.84, bar * 0.6),
        )
    elif kind == "votes":
        shapes = (_circle("dot", x + VOTE_DOT_DX, rect.cy, VOTE_DOT_R),)
        line = text_line(text, x + VOTE_TEXT_DX, baseline, SMALL_SIZE, True, "mark")
    elif kind in ("rating-customer", "rating-internal", "gap"):
        inset = RATING_INSET
        part = "gap" if kind == "gap" else "gap-box" if gap else "box"
        shapes = (_rect(part, Rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset), RATING_RADIUS),)
        line = text_line(text, x + RATING_PAD, baseline, SMALL_SIZE, kind == "gap", "mark")
    else:
        raise ValueError(f"no such mark: {kind!r}")
    return Mark(kind, rect, text, shapes, line)


def card_marks(card: Card, width: float, height: float, view: str = BOTH) -> tuple[Mark, ...]:
    """The footer markers of a card of this size, left to right; votes sit at the right edge.
    ``view`` (app.model.perspective) chooses the rating boxes shown; in both, a card whose
    ratings differ by a gap gets its boxes outlined as "gap-box" and a "gap" badge after them."""
    x = STRIPE_W + CARD_PAD
    y = height - CARD_PAD - FOOTER_H
    top = y + (FOOTER_H - MARK_SIZE) / 2
    marks = []
    if card.moment_of_truth:
        marks.append(make_mark("truth", Rect(x, top, MARK_SIZE, MARK_SIZE)))
        x += MARK_SIZE + MARK_STEP
    if card.pain_point:
        marks.append(make_mark("pain", Rect(x, top, MARK_SIZE, MARK_SIZE)))
        x += MARK_SIZE + MARK_STEP
    gap = rating_gap(card) if view == BOTH else 0
    for side, prefix, imp, perf in (
        ("customer", "C", card.importance_customer, card.performance_customer),
        ("internal", "I", card.importance_internal, card.performance_internal),
    ):
        if (imp is not None or perf is not None) and shows_ratings(view, side):
            text = f"{prefix} {_rating(imp, perf)}"
            w = fonts.chain(False).width(text, SMALL_SIZE) + 2 * RATING_PAD
            marks.append(make_mark(f"rating-{side}", Rect(x, y, w, FOOTER_H), text, gap=bool(gap)))
            x += w + MARK_STEP
    if gap:
        text = f"gap {gap}"
        w = fonts.chain(True).width(text, SMALL_SIZE) + 2 * RATING_PAD
        marks.append(make_mark("gap", Rect(x, y, w, FOOTER_H), text))
    if card.votes:
        text = str(card.votes)
        w = VOTE_TEXT_DX + fonts.chain(True).width(text, SMALL_SIZE) + 1
        marks.append(make_mark("votes", Rect(width - CARD_PAD - w, y, w, FOOTER_H), text))
    return tuple(marks)
