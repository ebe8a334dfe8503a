"""A small, fast writer of PDF content-stream operators onto a reportlab canvas.

The map is drawn in its own coordinates (points, y growing *down*, as the layout gives them)
under one flipping transform set by the caller; text lines set a flipped text matrix so glyphs
stand upright. Text is written run by run exactly as the layout broke it: each run in its own
face (``font.splitString`` picks reportlab's subset and byte codes, ``escapePDF`` escapes
them), so user text is only ever glyphs; nothing in it is interpreted as markup. Operators are
collected in a list and handed to the canvas in one ``addLiteral`` (per flush), which keeps a
5,000-card map to one Python call per operator instead of a canvas call with its state
bookkeeping per operator.

Text in a neutral colour (grey or black, red = green = blue) is written in DeviceCMYK with black
ink only: RGB near-black becomes four-colour "rich" grey in a print shop's CMYK conversion, which
smears small type when the plates are a hair out of register. Dark text (ink and body text, up to
``#333333``) is pure black, ``0 0 0 1 k``; lighter greys (captions) are a tint of black alone.
Coloured text stays RGB.
"""

# ruff: noqa: UP031  - PDF operators are written with %-templates: the fastest formatting in CPython

from __future__ import annotations

import io
import re

from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.model import fonts as model_fonts
from app.model.geometry import TextLine
from app.model.layout import text_line

from . import fonts
from .shapes import KAPPA, round_rect_numbers

_NEEDS_ESCAPE = re.compile(rb"[^\x20-\x7e]|[()\\]")


def escape(codes: bytes) -> str:
    """``codes`` as the inside of a PDF string: printable ASCII as is (the common case, fast),
    anything else through reportlab's escaper (octal escapes, backslashed parentheses)."""
    if _NEEDS_ESCAPE.search(codes) is None:
        return codes.decode("ascii")
    return escapePDF(codes)


def rgb(hex_colour: str) -> str:
    """``"#0072B2"`` -> ``"0 0.447 0.698"`` (cached)."""
    s = _RGB.get(hex_colour)
    if s is None:
        h = hex_colour.lstrip("#")
        if len(h) != 6:
            h = "000000"
        s = " ".join(f"{int(h[i : i + 2], 16) / 255:.3f}".rstrip("0").rstrip(".") or "0" for i in (0, 2, 4))
        _RGB[hex_colour] = s
    return s


_RGB: dict[str, str] = {}
_BLACK_UP_TO = 0x33  # neutral text this dark or darker prints as 100 % black


def text_ink(hex_colour: str) -> str | None:
    """The K-only fill operator for text in a neutral colour (``"#333333"`` -> ``"0 0 0 1 k"``,
    ``"#5A5A5A"`` -> ``"0 0 0 0.647 k"``); None for a coloured one (cached)."""
    op = _INK.get(hex_colour, "")
    if op == "":
        h = hex_colour.lstrip("#")
        op = None
        if len(h) == 6 and h[0:2] == h[2:4] == h[4:6]:
            v = int(h[0:2], 16)
            k = 1.0 if v <= _BLACK_UP_TO else 1 - v / 255
            op = "0 0 0 %s k" % (f"{k:.3f}".rstrip("0").rstrip(".") or "0")
        _INK[hex_colour] = op
    return op


_INK: dict[str, str | None] = {}


def make_line(text: str, x: float, y: float, size: float, bold: bool = False, role: str = "text") -> TextLine:
    """One line of text split into runs along the font chain (as the layout does it)."""
    return text_line(text, x, y, size, bold, role)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return model_fonts.chain(bold).width(text, size)


class Ops:
    """Operators for one content stream (a page or a form) of ``canvas``."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.doc = canvas._doc  # reportlab's document: font subsets are tracked per document
        self.buf: list[str] = []
        self.add = self.buf.append
        self._names: dict[tuple[str, int], str] = {}
        self._fonts: dict[str, object] = {}
        self._tf: tuple[str, float] | None = None
        self._fill = ""  # the fill colour set (text in a neutral one is drawn K-only)
        self._saved: list[str] = []  # the fill colour at each open "q"
        self.texts: set[str] = set()  # every non-ASCII run drawn (to report missing glyphs)

    # ------------------------------------------------------------ stream
    def flush(self) -> None:
        if self.buf:
            self.canvas.addLiteral("\n".join(self.buf))
            self.buf.clear()

    def save(self) -> None:
        self.add("q")
        self._saved.append(self._fill)
        self._tf = None

    def restore(self) -> None:
        self.add("Q")
        self._fill = self._saved.pop() if self._saved else ""
        self._tf = None

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        self.add("%.6g %.6g %.6g %.6g %.4f %.4f cm" % (a, b, c, d, e, f))

    # ------------------------------------------------------------ style
    def fill(self, colour: str) -> None:
        self.add(rgb(colour) + " rg")
        self._fill = colour

    def stroke(self, colour: str) -> None:
        self.add(rgb(colour) + " RG")

    def width(self, w: float) -> None:
        self.add("%.2f w" % w)

    def dash(self, pattern: tuple[float, ...] = (), phase: float = 0.0) -> None:
        self.add("[%s] %.2f d" % (" ".join("%.2f" % v for v in pattern), phase))

    # ------------------------------------------------------------ shapes
    def rect(self, x: float, y: float, w: float, h: float, op: str = "f") -> None:
        """``op``: "f" fill, "S" stroke, "B" both, "W n" clip."""
        self.add("%.2f %.2f %.2f %.2f re %s" % (x, y, w, h, op))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.add("%.2f %.2f m %.2f %.2f l S" % (x1, y1, x2, y2))

    def lines(self, segments: list[tuple[float, float, float, float]]) -> None:
        """Many separate straight segments stroked as one path."""
        if segments:
            self.add(" ".join("%.2f %.2f m %.2f %.2f l" % s for s in segments) + " S")

    def polygon(self, points, op: str = "f") -> None:
        first, *rest = points
        path = ["%.2f %.2f m" % first]
        path += ["%.2f %.2f l" % p for p in rest]
        path.append("h " + op)
        self.add(" ".join(path))

    def bezier(self, start, segments, op: str = "S") -> None:
        """A path from ``start`` through ``segments``: cubics ``(c1, c2, end)`` and lines ``(end,)``."""
        path = ["%.2f %.2f m" % start]
        path += [
            "%.2f %.2f %.2f %.2f %.2f %.2f c" % (*sg[0], *sg[1], *sg[2])
            if len(sg) == 3
            else "%.2f %.2f l" % sg[0]
            for sg in segments
        ]
        path.append(op)
        self.add(" ".join(path))

    def circle(self, cx: float, cy: float, r: float, op: str = "f") -> None:
        k = r * KAPPA
        self.add(
            "%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c "
            "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c h %s"
            % (
                cx + r, cy,
                cx + r, cy + k, cx + k, cy + r, cx, cy + r,
                cx - k, cy + r, cx - r, cy + k, cx - r, cy,
                cx - r, cy - k, cx - k, cy - r, cx, cy - r,
                cx + k, cy - r, cx + r, cy - k, cx + r, cy,
                op,
            )
        )  # fmt: skip

    def round_rect(self, x: float, y: float, w: float, h: float, r: float, op: str = "f",
                   left_only: bool = False) -> None:  # fmt: skip
        """A rectangle with corners of radius ``r`` (``left_only``: round on the left side only)."""
        self.add(
            "%.2f %.2f m %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c "
            "%.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c h %s"
            % (*round_rect_numbers(x, y, w, h, r, left_only), op)
        )

    # ------------------------------------------------------------ text
    def begin_text(self) -> None:
        ink = text_ink(self._fill) if self._fill else None
        if ink is not None:
            self.add(ink)
        self.add("BT")
        self._tf = None

    def end_text(self) -> None:
        self.add("ET")

    def _font(self, key: str):
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = fonts.font(key)
        return f

    def text(self, x: float, y: float, line: TextLine, vertical: bool = False) -> None:
        """Draw ``line`` (relative to the box at ``x, y``); call between begin_text/end_text.
        ``vertical``: turned 90 degrees, reading upwards from ``x, y``."""
        bx = x + line.x
        by = y + line.y
        size = line.size
        add = self.add
        doc = self.doc
        for run in line.runs:
            text = run.text
            font = self._font(run.face)
            if not text.isascii():
                self.texts.add(text)
                if not ZW.isdisjoint(text):
                    has = font.face.charToGlyph
                    text = "".join(c for c in text if c not in ZW or ord(c) in has)
            if vertical:
                add("0 -1 -1 0 %.2f %.2f Tm" % (bx, by - run.dx))
            else:
                add("1 0 0 -1 %.2f %.2f Tm" % (bx + run.dx, by))
            for subset, codes in font.splitString(text, doc):
                key = (run.face, subset)
                name = self._names.get(key)
                if name is None:
                    name = self._names[key] = font.getSubsetInternalName(subset, doc)
                if self._tf != (name, size):
                    add("%s %.2f Tf" % (name, size))
                    self._tf = (name, size)
                add("(%s) Tj" % escape(codes))

    def lines_text(self, x: float, y: float, lines) -> None:
        """A block of lines in one text object."""
        if lines:
            self.begin_text()
            for line in lines:
                self.text(x, y, line)
            self.end_text()

    def label(self, text: str, x: float, y: float, size: float, bold: bool = False, align: str = "left",
              angle: int = 0) -> float:  # fmt: skip
        """One line of plain text at baseline ``(x, y)``; returns its width. ``angle`` 90: reading
        upwards, starting at ``(x, y)`` ("left"), ending there ("right") or centred on it."""
        w = text_width(text, size, bold)
        shift = w if align == "right" else w / 2 if align == "center" else 0.0
        line = make_line(text, 0.0, 0.0, size, bold)
        self.begin_text()
        if angle == 90:
            self.text(x, y + shift, line, vertical=True)
        else:
            self.text(x - shift, y, line)
        self.end_text()
        return w

    # ------------------------------------------------------------ images
    def image(self, data: bytes, x: float, y: float, w: float, h: float) -> bool:
        """A PNG or JPEG from memory (never a file name) upright in the box; False if unreadable."""
        try:
            reader = ImageReader(io.BytesIO(data))
            iw, ih = reader.getSize()
        except Exception:  # noqa: BLE001 - a broken photo must not stop the export
            return False
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        self.flush()
        c = self.canvas
        c.saveState()
        c.transform(1, 0, 0, -1, x + (w - dw) / 2, y + (h + dh) / 2)
        c.drawImage(reader, 0, 0, dw, dh, mask="auto")
        c.restoreState()
        self._tf = None
        return True


ZW = fonts.ZERO_WIDTH
