"""Fonts both renderers share: TrueType files, their metrics, and per-character fallback.

The canvas (Qt, ``QFontDatabase.addApplicationFont``) and the PDF (reportlab ``TTFont``) load the
*same* TTF files, and the layout measures text with the metrics read here, so both break lines
identically on every machine.

The chain, in order (the first face that has a glyph for a character draws it):

1. Bitstream Vera Sans: shipped inside reportlab, so always present (Latin-1);
2. DejaVu Sans: the rest of Latin, Greek, Cyrillic, many symbols (Linux, ``fonts-dejavu``);
3. WenQuanYi Micro Hei: Chinese, Japanese, Korean (``fonts-wqy-microhei``);
4. Symbola: emoji and pictographs (``fonts-symbola``);
5. the usual Windows and macOS families (Arial, Arial Unicode, Microsoft YaHei, Segoe UI
   Symbol), where those exist.

A face counts as having a character only when its cmap maps it to a glyph other than .notdef
*and* that glyph has an outline (a non-empty entry in ``glyf``, read through reportlab's own
parser, ``loca`` offsets): Vera maps Ď, Đ, ―, ∅, ≡, ‣ and more to .notdef, which a cmap check
alone takes for coverage and prints as a box. Spaces and format characters draw nothing by
design, so for them a cmap entry is enough. A character no face covers is drawn with the first
face (a box) and recorded in ``missing`` so exporters can warn. Faces beyond the first are
loaded only when a character needs them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError, TTFont

_REPORTLAB_FONTS = Path(__import__("reportlab").__file__).resolve().parent / "fonts"
_RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_WIN = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"

# (key, candidate paths, subfont index); the key is what the layout writes into each text run.
_REGULAR: list[tuple[str, list[Path], int]] = [
    ("vera", [_REPORTLAB_FONTS / "Vera.ttf"], 0),
    ("dejavu", [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), _RESOURCE_FONTS / "DejaVuSans.ttf"], 0),
    ("wqy", [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), _RESOURCE_FONTS / "wqy-microhei.ttc"], 0),
    (
        "symbola",
        [
            Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
            Path("/usr/share/fonts/truetype/symbola/Symbola.ttf"),
            _RESOURCE_FONTS / "Symbola.ttf",
        ],
        0,
    ),
    (
        "arialuni",
        [Path("/Library/Fonts/Arial Unicode.ttf"), Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf")],
        0,
    ),
    ("arial", [_WIN / "arial.ttf"], 0),
    ("yahei", [_WIN / "msyh.ttc"], 0),
    ("segoesym", [_WIN / "seguisym.ttf"], 0),
]
_BOLD: list[tuple[str, list[Path], int]] = [
    ("vera-bold", [_REPORTLAB_FONTS / "VeraBd.ttf"], 0),
    (
        "dejavu-bold",
        [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), _RESOURCE_FONTS / "DejaVuSans-Bold.ttf"],
        0,
    ),
    ("arial-bold", [_WIN / "arialbd.ttf"], 0),
    *_REGULAR[2:],  # no bold CJK or emoji faces: the regular ones draw them
]

# Characters that take no width and belong to the character before them (emoji variation
# selectors, joiners): they never pick a face of their own.
_ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0xFE0E, 0xFE0F, 0x2060}


@dataclass(frozen=True)
class Face:
    key: str
    path: str
    subfont: int
    family: str  # the family name stored in the file (what Qt reports after loading it)
    font: TTFont

    @property
    def widths(self) -> dict[int, float]:
        return self.font.face.charWidths

    @cached_property
    def drawable(self) -> frozenset[int]:
        """The code points this face draws: mapped to a glyph that is not .notdef and has an
        outline (or, for spaces and format characters, mapped at all)."""
        return drawable_codepoints(self.font.face.charToGlyph, self.font.face.glyphPos)

    def has(self, cp: int) -> bool:
        return cp in self.drawable


# Categories whose characters are invisible by design: an empty glyph is their correct outline.
_BLANK_CATEGORIES = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))


def drawable_codepoints(char_to_glyph: dict[int, int], glyph_pos: list[int]) -> frozenset[int]:
    """The code points of a cmap (``char_to_glyph``) whose glyph has an outline, given the
    ``loca`` offsets (``glyph_pos``, one more than there are glyphs); glyph 0 is .notdef."""
    out = []
    last = len(glyph_pos) - 1
    for cp, gid in char_to_glyph.items():
        if gid <= 0 or gid >= last:
            continue
        if (
            glyph_pos[gid + 1] > glyph_pos[gid]
            or cp in _ZERO_WIDTH
            or unicodedata.category(chr(cp)) in _BLANK_CATEGORIES
        ):
            out.append(cp)
    return frozenset(out)


@cache
def _load(key: str, paths: tuple[Path, ...], subfont: int) -> Face | None:
    """The face from the first of ``paths`` that loads; each face is parsed once per process
    (the bold chain shares the CJK and emoji faces with the regular one)."""
    for path in paths:
        if path.is_file():
            try:
                font = TTFont(key, str(path), subfontIndex=subfont)
            except (TTFError, OSError, ValueError):
                continue
            family = font.face.familyName
            if isinstance(family, bytes):
                family = family.decode("utf-8", "replace")
            return Face(key, str(path), subfont, family, font)
    return None


class FontChain:
    """An ordered list of faces with per-character fallback and cached measuring."""

    def __init__(self, candidates: list[tuple[str, list[Path], int]]):
        self._candidates = candidates
        self._faces: list[Face | None] = []  # loaded lazily, in chain order
        self._char_face: dict[str, Face] = {}
        self._word_width: dict[str, float] = {}
        self.missing: set[str] = set()
        first = self._face_at(0)
        if first is None:
            raise RuntimeError(f"the primary font is missing: {candidates[0][1][0]}")
        self.primary: Face = first

    def _face_at(self, i: int) -> Face | None:
        while len(self._faces) <= i:
            key, paths, sub = self._candidates[len(self._faces)]
            self._faces.append(_load(key, tuple(paths), sub))
        return self._faces[i]

    def faces(self) -> list[Face]:
        """The faces loaded so far (the ones any measured text needed)."""
        return [f for f in self._faces if f is not None]

    def face(self, key: str) -> Face:
        for f in self.faces():
            if f.key == key:
                return f
        raise KeyError(key)

    def face_for(self, ch: str) -> Face:
        face = self._char_face.get(ch)
        if face is not None:
            return face
        cp = ord(ch)
        face = None
        for i in range(len(self._candidates)):
            f = self._face_at(i)
            if f is not None and f.has(cp):
                face = f
                break
        if face is None:
            if unicodedata.category(ch) not in ("Cc", "Cf", "Zs"):
                self.missing.add(ch)
            face = self.primary
        self._char_face[ch] = face
        return face

    def runs(self, text: str) -> list[tuple[str, Face]]:
        """Split text into runs of consecutive characters drawn by the same face."""
        out: list[tuple[str, Face]] = []
        if not text:
            return out
        primary = self.primary
        start = 0
        current: Face | None = None
        for i, ch in enumerate(text):
            cp = ord(ch)
            if cp in _ZERO_WIDTH and current is not None:
                continue
            face = primary if (cp < 0x250 and primary.has(cp)) else self.face_for(ch)
            if face is not current:
                if current is not None:
                    out.append((text[start:i], current))
                current, start = face, i
        out.append((text[start:], current or primary))
        return out

    def units(self, text: str) -> float:
        """Advance width of ``text`` in thousandths of the font size (cached per word)."""
        w = self._word_width.get(text)
        if w is None:
            w = 0.0
            for run, face in self.runs(text):
                widths, default = face.widths, face.font.face.defaultWidth
                w += sum(0.0 if ord(c) in _ZERO_WIDTH else widths.get(ord(c), default) for c in run)
            if len(self._word_width) < 200_000:
                self._word_width[text] = w
        return w

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` points."""
        return self.units(text) * size / 1000.0


def in_primary(text: str) -> bool:
    """True when the primary faces (Vera, which covers all of Latin-1) draw every character."""
    return text.isascii() or max(text) <= "\xff"


@cache
def chain(bold: bool = False) -> FontChain:
    """The process-wide font chain (regular or bold); fonts are loaded once per process."""
    return FontChain(_BOLD if bold else _REGULAR)


# A break is allowed after spaces and around every CJK ideograph, kana or hangul syllable.
_TOKEN = re.compile(
    r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef][\u3001\u3002\uff0c\uff0e\uff1f\uff01]?"
    r"|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+"
    r"|\s+"
)


def wrap(text: str, width: float, size: float, bold: bool = False, primary: bool = False) -> list[str]:
    """Break text into lines no wider than ``width`` (a word wider than a line is split).
    ``primary``: the caller found ``in_primary(text)`` (so is every paragraph)."""
    fc = chain(bold)
    limit = width * 1000.0 / size
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        if primary or in_primary(para):  # words split at spaces
            _wrap_words(fc, para.split(), limit, lines)
        else:  # CJK characters break anywhere
            _wrap_tokens(fc, _TOKEN.findall(para), False, limit, lines)
    return lines


def _wrap_words(fc: FontChain, words: list[str], limit: float, lines: list[str]) -> None:
    """:func:`_wrap_tokens` for words split at spaces (every word after the first is glued to
    the line by a space): the common case, written out (a 10,000-card map wraps ~20,000 texts
    when it opens). Appends the lines to ``lines``."""
    known, units = fc._word_width.get, fc.units
    space = units(" ")
    line: list[str] = []
    used = 0.0
    for i, word in enumerate(words):
        tw = known(word)
        if tw is None:
            tw = units(word)
        if not line:
            if tw > limit:
                return _wrap_tokens(fc, words[i:], True, limit, lines, line, used)
            line.append(word)
            used = tw
        elif used + space + tw <= limit:
            line.append(word)
            used += space + tw
        elif tw <= limit:
            lines.append(" ".join(line))
            line, used = [word], tw
        else:  # too long for any line: split between characters, as _wrap_tokens does
            return _wrap_tokens(fc, words[i:], True, limit, lines, [" ".join(line)], used, glue=True)
    lines.append(" ".join(line))


def _wrap_tokens(
    fc: FontChain, tokens: list[str], spaced: bool, limit: float, lines: list[str],
    line: list[str] | None = None, used: float = 0.0, glue: bool = False,
) -> None:  # fmt: skip
    """Lay ``tokens`` (words, CJK characters and runs of spaces) into lines of at most ``limit``
    units after the partial ``line`` (``used`` units wide; ``glue``: a space separates the
    next token from it), appending them to ``lines``. A token wider than a line is split
    between characters."""
    units = fc.units
    space = units(" ")
    line = [] if line is None else line
    for tok in tokens:
        if tok[0].isspace():
            glue = True
            continue
        tw = units(tok)
        gap = space if (glue and line) else 0.0
        if used + gap + tw <= limit:
            if gap:
                line.append(" ")
            line.append(tok)
            used += gap + tw
        elif tw <= limit:
            lines.append("".join(line))
            line, used = [tok], tw
        else:  # too long for any line: split between characters
            if gap and used + gap < limit:
                line.append(" ")
                used += gap
            for ch in tok:
                cw = units(ch)
                if used + cw > limit and line:
                    lines.append("".join(line).rstrip())
                    line, used = [], 0.0
                line.append(ch)
                used += cw
        glue = spaced
    lines.append("".join(line))


def ellipsize(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut to fit ``width`` with a trailing ellipsis when it does not fit."""
    fc = chain(bold)
    if fc.width(text, size) <= width:
        return text
    ell = "…"
    room = width - fc.width(ell, size)
    used = 0.0
    for i, ch in enumerate(text):
        used += fc.width(ch, size)
        if used > room:
            return text[:i].rstrip() + ell
    return text
