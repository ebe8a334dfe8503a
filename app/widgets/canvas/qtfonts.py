"""Qt fonts for the layout's text runs: the SAME TrueType files the layout measured with.

Every :class:`~app.model.geometry.Run` names a face key of :mod:`app.model.fonts`. This module
loads that face's file into Qt once per process (``QFontDatabase.addApplicationFont``; a TTC
collection registers all its faces, and the family the layout read from the file is picked),
and hands out a :class:`QFont` for it that draws exactly as measured:

* a 100-pixel font (pixel size, so the screen's DPI never enters), drawn under
  ``painter.scale(size / 100)`` so that any fractional point size is exact;
* no hinting (advances are the font's design advances, as the layout and the PDF use them);
* no kerning, no ligatures, no font merging (the layout already chose a face per run).

:class:`TextPainter` turns a sequence of :class:`~app.model.geometry.TextLine` into prepared
draw calls (fonts, transforms, colours made once) and draws them; the canvas items and the
PNG/SVG exporter both use it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QTransform

from app.model import fonts
from app.model.fonts import Face
from app.model.geometry import TextLine
from app.model.layout import text_line

PIXEL_SIZE = 100  # the size every QFont is made at; runs are scaled to their own size

_FF_FORCEBOLD = 1 << 18  # reportlab's flag for a face with weight >= 600

_app_fonts: dict[str, list[str]] = {}  # file path -> the families it registered
_families: dict[str, str] = {}  # face key -> Qt family
_qfonts: dict[str, QFont] = {}  # face key -> the 100 px QFont


def face_for(key: str, bold: bool = False) -> Face:
    """The loaded face with this key (looked up in the bold or the regular chain first)."""
    for chain_bold in (bold, not bold):
        try:
            return fonts.chain(chain_bold).face(key)
        except KeyError:
            continue
    return fonts.chain(bold).primary


def _text(value: str | bytes) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def family(face: Face) -> str:
    """The Qt family name of ``face``, registering its file with Qt on first use."""
    fam = _families.get(face.key)
    if fam is not None:
        return fam
    loaded = _app_fonts.get(face.path)
    if loaded is None:
        font_id = QFontDatabase.addApplicationFont(face.path)
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _app_fonts[face.path] = loaded
    if face.family in loaded or not loaded:
        fam = face.family  # not loaded at all: the system's font of that family, if any
    else:
        fam = loaded[0]
    _families[face.key] = fam
    return fam


def qfont(key: str, bold: bool = False) -> QFont:
    """The 100-pixel QFont that draws face ``key`` (see the module notes)."""
    font = _qfonts.get(key)
    if font is not None:
        return font
    face = face_for(key, bold)
    font = QFont(family(face))
    font.setPixelSize(PIXEL_SIZE)
    style = _text(getattr(face.font.face, "styleName", "") or "")
    if style:
        font.setStyleName(style)  # pick this file among the family's files (Roman vs Bold)
    heavy = bool(getattr(face.font.face, "flags", 0) & _FF_FORCEBOLD)
    font.setWeight(QFont.Weight.Bold if heavy else QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)
    font.setStyleStrategy(
        QFont.StyleStrategy(QFont.StyleStrategy.PreferAntialias | QFont.StyleStrategy.NoFontMerging)
    )
    for tag in ("liga", "clig", "calt"):
        font.setFeature(QFont.Tag(tag), 0)
    _qfonts[key] = font
    return font


def make_line(
    text: str, x: float, y: float, size: float, bold: bool = False, role: str = "label"
) -> TextLine:
    """A line the layout did not make (a label of a marker), split into runs along the chain."""
    return text_line(text, x, y, size, bold, role)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width the layout measures for ``text`` (points)."""
    return fonts.chain(bold).width(text, size)


class TextPainter:
    """Lines of text prepared for drawing: one (transform, font, colour, text) per run.

    ``colours`` maps a line's role to its colour; ``default`` colours the other roles. The
    lines' coordinates are relative to the painter's current origin, plus ``(ox, oy)``.
    """

    __slots__ = ("_runs",)

    def __init__(
        self,
        lines: Iterable[TextLine],
        colours: dict[str, str] | None = None,
        default: str = "#1A1A1A",
        ox: float = 0.0,
        oy: float = 0.0,
    ):
        colours = colours or {}
        made: dict[str, QColor] = {}
        runs = []
        for line in lines:
            hex_colour = colours.get(line.role, default)
            colour = made.get(hex_colour)
            if colour is None:
                colour = made[hex_colour] = QColor(hex_colour)
            scale = line.size / PIXEL_SIZE
            for run in line.runs:
                if not run.text.strip():
                    continue
                t = QTransform.fromTranslate(ox + line.x + run.dx, oy + line.y)
                t.scale(scale, scale)
                runs.append((t, qfont(run.face, line.bold), colour, run.text, line.size))
        self._runs = tuple(runs)

    def __bool__(self) -> bool:
        return bool(self._runs)

    def paint(self, painter: QPainter, scale: float = 1.0, min_px: float = 3.0) -> None:
        """Draw the runs; ``scale`` is the device pixels per point (the level of detail): runs
        smaller than ``min_px`` pixels on the device are left out."""
        if not self._runs:
            return
        painter.save()
        base = painter.worldTransform()
        origin = QPointF(0.0, 0.0)
        current_font = current_colour = None
        smallest = min_px / scale if scale > 0 else float("inf")
        for t, font, colour, text, size in self._runs:
            if size < smallest:
                continue
            painter.setWorldTransform(t * base)
            if font is not current_font:
                painter.setFont(font)
                current_font = font
            if colour is not current_colour:
                painter.setPen(colour)
                current_colour = colour
            painter.drawText(origin, text)
        painter.restore()
