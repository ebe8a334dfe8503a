"""Legible at the distance: how tall printed card text is, from how far it can be read, and the
scale that makes it readable from a given viewing distance.

The rule
--------
A capital letter is readable when its height subtends at least **16 minutes of arc** at the
eye. This is the minimum character height of ISO 9241-3 ("Character heights of from 20 to 22
minutes of arc are preferred for most tasks. The minimum character height shall be 16 minutes
of arc"; kept in ISO 9241-303:2011 and in the U.S. NRC's human-factors guideline NUREG-0700,
section 1.3.1-4, which gives the conversion ``height = 2 pi D MA / 21600``). Character height is
measured, as those standards do, on a non-accented capital letter: the cap height.

16 arc minutes is 2 * tan(8') = 4.65 mm of cap height per metre of viewing distance, so text
read from 2 m needs capitals 9.3 mm tall. (The sign makers' rule of thumb of 1 inch of letter
height per 10 feet, 8.3 mm per metre, is stricter: it is for signs read at a glance.)

The printed cap height of a line of text is its font size in points x the export scale x the
font's cap-height ratio, measured from the primary font's "H" (1493 of 2048 units, 0.729, for
Bitstream Vera / DejaVu Sans). The smallest card text is what a wall map is read for: the card
titles, bodies and channel/owner lines (:mod:`app.model.textlayout` sizes them).

No Qt here: the CLI, the export dialog and the tests share these numbers.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from functools import cache

from app.model import fonts
from app.model.schema import Map
from app.model.textlayout import BODY_SIZE, META_SIZE, TITLE_SIZE

from .options import PrintError, PrintOptions
from .paper import MM, PAPERS
from .poster import plan_poster

MIN_ARCMIN = 16.0  # ISO 9241-3: the minimum character (capital) height
CAP_MM_PER_M = 2000.0 * math.tan(math.radians(MIN_ARCMIN / 60.0 / 2.0))  # 4.654 mm per metre
DEFAULT_DISTANCE_M = 2.0  # a room reads a wall or poster from about 2 m
VERA_CAP = 1493 / 2048  # used only when the font file cannot be read
PT_MM = 25.4 / 72.0
_SUGGEST = ("A3", "A2", "A1", "A0", "2A0", "4A0")  # papers a fix may name, smallest first


@cache
def cap_ratio() -> float:
    """Cap height / font size of the primary font, measured from the outline of its "H"."""
    try:
        face = fonts.chain(False).faces()[0].font.face
        glyph = face.charToGlyph[ord("H")]
        offset = face.table["glyf"]["offset"] + face.glyphPos[glyph]
        y_max = struct.unpack(">h", face.get_chunk(offset + 8, 2))[0]
        ratio = y_max / face.unitsPerEm
    except (AttributeError, IndexError, KeyError, LookupError, struct.error):
        return VERA_CAP
    return ratio if 0.4 < ratio < 1.0 else VERA_CAP


@dataclass(frozen=True)
class CardText:
    size: float  # points at 100 %
    what: str  # "card body text", ...


def smallest_card_text(m: Map, *, blank: bool = False) -> CardText | None:
    """The smallest text printed on the map's cards (None: a blank wall or no cards)."""
    if blank or not m.cards:
        return None
    if any(c.channel or c.owner for c in m.cards):
        return CardText(META_SIZE, "card channel/owner text")
    if any(c.body for c in m.cards):
        return CardText(BODY_SIZE, "card body text")
    return CardText(TITLE_SIZE, "card title text")


def cap_mm(size_pt: float, scale: float) -> float:
    """Printed cap height in mm of ``size_pt`` text at ``scale`` (1.0 = 100 %)."""
    return size_pt * scale * cap_ratio() * PT_MM


def readable_from_m(size_pt: float, scale: float) -> float:
    """The farthest distance, in metres, from which the text can be read."""
    return cap_mm(size_pt, scale) / CAP_MM_PER_M


def scale_for(size_pt: float, distance_m: float) -> float:
    """The smallest scale (1.0 = 100 %) at which ``size_pt`` text reads from ``distance_m``."""
    return distance_m * CAP_MM_PER_M / (size_pt * cap_ratio() * PT_MM)


def percent_up(scale: float) -> float:
    """``scale`` as a percentage rounded up to a tenth (so the rounded scale still reads)."""
    return math.ceil(scale * 1000 - 1e-9) / 10


def paper_for(content_w: float, content_h: float, scale: float, margin_mm: float) -> str:
    """The smallest paper of A3..4A0 that holds the composition at ``scale`` ('' if none)."""
    w = content_w * scale / MM + 2 * margin_mm
    h = content_h * scale / MM + 2 * margin_mm
    for name in _SUGGEST:
        pw, ph = PAPERS[name]
        if (w <= pw and h <= ph) or (w <= ph and h <= pw):
            return name
    return ""


def check(m: Map, opts: PrintOptions, content_w: float, content_h: float, scale: float, *, gui: bool = False) -> str:
    """One sentence when the smallest card text printed at ``scale`` cannot be read from
    ``opts.viewing_distance`` metres, saying from how far it can and what would fix it (the
    command's flags, or with ``gui`` the export dialog's controls); else ''."""
    text = smallest_card_text(m, blank=opts.blank)
    distance = opts.viewing_distance
    if text is None or readable_from_m(text.size, scale) + 1e-9 >= distance:
        return ""
    need = scale_for(text.size, distance)
    pct = percent_up(need)
    wall = f"{content_w * need / MM:,.0f} x {content_h * need / MM:,.0f} mm"
    paper = "" if opts.tiled else paper_for(content_w, content_h, need, opts.margin_mm)
    if gui:
        where = f"a {wall} wall" if opts.tiled else (f"{paper} paper" if paper else f"a tiled {wall} wall")
        fix = f"print at {pct:g} % ({where}) or tick Fit for distance"
    elif opts.tiled:
        fix = f"use --scale {pct:g} (a {wall} wall) or --scale distance"
    elif paper:
        fix = f"use --scale {pct:g} on {paper} paper (--paper {paper} --scale distance)"
    else:
        fix = f"tile it: --tile A4 --scale {pct:g} (a {wall} wall) or --tile A4 --scale distance"
    flag = "" if gui else " (--viewing-distance)"
    return (
        f"{text.what} is {cap_mm(text.size, scale):.1f} mm tall (capitals) at {scale * 100:.3g} %: readable from "
        f"about {readable_from_m(text.size, scale):.2g} m, not from {distance:g} m{flag}; {fix}"
    )


# ---------------------------------------------------------------- choosing the scale
def viewing_options(opts: PrintOptions, viewing_distance: float | None, fit_distance: bool) -> PrintOptions:
    """``opts`` with the ``--viewing-distance`` and ``--scale distance`` flags applied (validated)."""
    if viewing_distance is not None:
        if not (math.isfinite(viewing_distance) and viewing_distance > 0):
            raise PrintError(f"--viewing-distance {viewing_distance:g}: give the distance in metres, more than 0")
        if viewing_distance > 1000:
            raise PrintError(f"--viewing-distance {viewing_distance:g}: at most 1000 m")
        opts = opts.but(viewing_distance=float(viewing_distance))
    if fit_distance:
        opts = opts.but(fit_distance=True, scale=None)
    opts.validate()
    return opts


def fitted(m: Map, opts: PrintOptions, content_w: float, content_h: float) -> PrintOptions:
    """Options with ``fit_distance`` turned into the scale at which the smallest card text reads
    from ``opts.viewing_distance`` (rounded up to a tenth of a percent). A tiled wall grows to
    that scale; a one-page poster must hold it (else: which paper would, or tiling)."""
    if not opts.fit_distance:
        return opts
    text = smallest_card_text(m, blank=opts.blank)
    if text is None:  # nothing on cards to read: fit the page (or 100 % tiled)
        return opts.but(fit_distance=False)
    need = scale_for(text.size, opts.viewing_distance)
    pct = percent_up(need)
    out = opts.but(fit_distance=False, scale=pct)
    if opts.tiled:
        return out
    try:
        plan_poster(content_w, content_h, out)
    except PrintError:
        paper = paper_for(content_w, content_h, pct / 100, opts.margin_mm)
        fix = f"use --paper {paper}" if paper else "tile it (--tile A4 --scale distance)"
        w, h = content_w * pct / 100 / MM, content_h * pct / 100 / MM
        raise PrintError(
            f"--scale distance: {text.what} reads from {opts.viewing_distance:g} m at {pct:g} %, a {w:,.0f} x "
            f"{h:,.0f} mm poster that {opts.paper} paper cannot hold; {fix}"
        ) from None
    return out
