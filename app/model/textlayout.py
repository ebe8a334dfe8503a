"""The text of the map's boxes: card text broken into lines at a card's width, header text, and
the footer markers of a card, all in points, measured with the TrueType metrics of
:mod:`app.model.fonts` so that both renderers break lines identically."""

from __future__ import annotations

from . import fonts
from .geometry import CardText, Mark, Rect, Run, TextLine
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
    lines = fonts.wrap(text, width, size, bold)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fonts.ellipsize(lines[-1] + " …", width, size, bold)
    baseline = lead * 0.8
    out = [text_line(t, x, y + baseline + i * lead, size, bold, role) for i, t in enumerate(lines)]
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


def card_marks(card: Card, width: float, height: float) -> tuple[Mark, ...]:
    """The footer markers of a card of this size, left to right; votes sit at the right edge."""
    x = STRIPE_W + CARD_PAD
    y = height - CARD_PAD - FOOTER_H
    marks = []
    if card.moment_of_truth:
        marks.append(Mark("truth", Rect(x, y + 1, 10, 10), ""))
        x += 13
    if card.pain_point:
        marks.append(Mark("pain", Rect(x, y + 1, 10, 10), ""))
        x += 13
    for kind, prefix, imp, perf in (
        ("rating-customer", "C", card.importance_customer, card.performance_customer),
        ("rating-internal", "I", card.importance_internal, card.performance_internal),
    ):
        if imp is not None or perf is not None:
            text = f"{prefix} {_rating(imp, perf)}"
            w = fonts.chain(False).width(text, SMALL_SIZE) + 6
            marks.append(Mark(kind, Rect(x, y, w, FOOTER_H), text))
            x += w + 3
    if card.votes:
        text = str(card.votes)
        w = fonts.chain(True).width(text, SMALL_SIZE) + 12
        marks.append(Mark("votes", Rect(width - CARD_PAD - w, y, w, FOOTER_H), text))
    return tuple(marks)
