"""Paper sizes: names, custom ``W x H`` sizes, plotter rolls, orientation and the PDF size limit.

All sizes here are millimetres; :data:`MM` converts to points (1/72 in). A name is matched
ignoring case, spaces, dashes and underscores, so ``"US Letter"``, ``"letter"`` and
``"ANSI-A"`` all name the same sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MM = 72.0 / 25.4  # points per millimetre
PDF_MAX_MM = 5080.0  # 200 in = 14,400 units: the largest page side PDF viewers accept
WALL_MAX_MM = 100_000.0  # a tiled wall (many pages) may be larger than one page, up to 100 m

# portrait width x height in mm
PAPERS: dict[str, tuple[float, float]] = {
    "A6": (105, 148),
    "A5": (148, 210),
    "A4": (210, 297),
    "A3": (297, 420),
    "A2": (420, 594),
    "A1": (594, 841),
    "A0": (841, 1189),
    "2A0": (1189, 1682),
    "4A0": (1682, 2378),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
    "Tabloid": (279.4, 431.8),
    "ANSI A": (215.9, 279.4),
    "ANSI B": (279.4, 431.8),
    "ANSI C": (431.8, 558.8),
    "ANSI D": (558.8, 863.6),
    "ANSI E": (863.6, 1117.6),
    "ARCH A": (228.6, 304.8),
    "ARCH B": (304.8, 457.2),
    "ARCH C": (457.2, 609.6),
    "ARCH D": (609.6, 914.4),
    "ARCH E1": (762.0, 1066.8),
    "ARCH E": (914.4, 1219.2),
}
ALIASES = {"USLETTER": "Letter", "LEDGER": "Tabloid", "USLEGAL": "Legal", "11X17": "Tabloid"}
ROLLS_MM = (610.0, 914.0, 1067.0)  # 24, 36 and 42 in plotter rolls (any ROLL<width> works)
ORIENTATIONS = ("auto", "portrait", "landscape")

_SIZE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)?\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)?\s*$", re.IGNORECASE
)
_ROLL = re.compile(r"^ROLL(\d+(?:\.\d+)?)(MM)?$")
_UNIT_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4}


class PaperError(ValueError):
    """A paper name or size that cannot be used; the message is one line."""


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).upper()


_BY_KEY = {_key(name): name for name in PAPERS} | ALIASES


@dataclass(frozen=True)
class Paper:
    """A sheet (``roll`` False: width x height in portrait) or a roll (``width`` across it,
    ``height`` 0: the length is whatever the poster needs)."""

    name: str
    width: float  # mm
    height: float  # mm; 0 for a roll
    roll: bool = False
    custom: bool = False  # "WxHmm": the finished size as written, width x height, never turned

    @property
    def label(self) -> str:
        if self.roll:
            return f"{self.width:g} mm roll"
        return self.name

    def oriented(self, orientation: str) -> tuple[float, float]:
        """(width, height) in mm for "portrait" or "landscape" (a sheet only)."""
        short, long_ = sorted((self.width, self.height))
        return (long_, short) if orientation == "landscape" else (short, long_)


def parse_paper(text: str, max_mm: float = PDF_MAX_MM) -> Paper:
    """``"A0"``, ``"US Letter"``, ``"ARCH E"``, ``"ROLL914"``, ``"1200x800mm"``, ``"90x60cm"``...

    ``max_mm`` is the largest side allowed: one PDF page by default; a tiled wall passes
    :data:`WALL_MAX_MM` (only its sheets are pages)."""
    if not isinstance(text, str) or not text.strip():
        raise PaperError("no paper size given")
    key = _key(text)
    if key in _BY_KEY:
        name = _BY_KEY[key]
        w, h = PAPERS[name]
        return Paper(name, float(w), float(h))
    roll = _ROLL.match(key)
    if roll:
        width = float(roll.group(1))
        _check_side(width, text, max_mm)
        if width < 50:
            raise PaperError(f"paper {text!r}: a roll must be at least 50 mm wide")
        return Paper(f"ROLL{width:g}", width, 0.0, roll=True)
    size = _SIZE.match(text)
    if size:
        a, ua, b, ub = size.groups()
        unit = (ub or ua or "mm").lower()
        w = float(a) * _UNIT_MM[(ua or unit).lower()]
        h = float(b) * _UNIT_MM[unit]
        for side in (w, h):
            _check_side(side, text, max_mm)
        return Paper(f"{w:g}x{h:g}mm", w, h, custom=True)
    if text.strip().startswith("-"):
        raise PaperError(f"paper {text!r}: sizes must be positive")
    raise PaperError(
        f"unknown paper {text!r}: use A5..A0, 2A0, 4A0, Letter, Legal, Tabloid, ANSI A..E, ARCH A..E, "
        f"ROLL610/ROLL914/ROLL1067, or WxHmm such as 1200x800mm"
    )


def _check_side(side_mm: float, text: str, max_mm: float = PDF_MAX_MM) -> None:
    if side_mm <= 0:
        raise PaperError(f"paper {text!r}: sizes must be positive")
    if side_mm < 20:
        raise PaperError(f"paper {text!r}: a side of {side_mm:g} mm is too small to print on")
    if side_mm > max_mm and max_mm > PDF_MAX_MM:
        raise PaperError(f"paper {text!r}: a side of {side_mm:g} mm is more than {max_mm / 1000:g} m")
    if side_mm > max_mm:
        raise PaperError(
            f"paper {text!r}: a side of {side_mm:g} mm exceeds the PDF limit of {PDF_MAX_MM:g} mm (200 in); "
            f"print at a smaller scale or tile the poster onto sheets"
        )


def check_page(width_mm: float, height_mm: float, what: str = "the page") -> None:
    """Refuse a page side above the PDF limit, suggesting what to do instead."""
    side = max(width_mm, height_mm)
    if side > PDF_MAX_MM + 1e-6:
        raise PaperError(
            f"{what} would be {width_mm:.0f} x {height_mm:.0f} mm: a side above the PDF limit of "
            f"{PDF_MAX_MM:g} mm (200 in); choose a smaller scale or tile the poster onto sheets (--tile A4)"
        )


def paper_names() -> list[str]:
    """Names a GUI can offer (rolls and custom sizes come on top)."""
    return list(PAPERS) + [f"ROLL{w:g}" for w in ROLLS_MM]
