"""The layout's TrueType faces, registered with reportlab, and a fix for reportlab's ToUnicode CMaps.

Registration: the layout names a face per text run (``Run.face``: "vera", "wqy", "symbola"...);
:func:`font` returns that face's reportlab ``TTFont`` (constructed once per process by
:mod:`app.model.fonts`) and registers it with ``pdfmetrics`` under the same key, once. Every
face is embedded as a subset by reportlab.

The ToUnicode fix. reportlab (checked up to 5.1) writes each subset's ToUnicode CMap entries as
``"<%02X> <%04X>" % (code, codepoint)``: a character above U+FFFF (emoji, rare CJK) becomes
five or six hex digits, e.g. ``<1F600>``, which is not UTF-16BE. Readers take the first four
digits, so pdftotext turns 😀 into U+1F60 "ὠ". :func:`to_unicode_cmap` writes the same CMap
correctly: UTF-16BE with surrogate pairs above U+FFFF, a codespace of one byte, at most 100
entries per ``bfchar`` block (the CMap limit), and no entries for unused codes (reportlab maps
them to U+0000, which only adds NULs to extracted text). reportlab builds these CMaps through
the module function ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap`` (looked up when a document
is saved), so :func:`install_tounicode_fix` replaces exactly that function, and only when the
installed reportlab still has the bug: BMP-only subsets keep their meaning, and nothing else in
reportlab changes. The alternative, a ``TTFont`` subclass, would mean copying reportlab's whole
``addObjects`` and loading every font a second time, since the layout owns the faces.

Subset tags. reportlab names subset ``n`` of *every* font ``AAAAAA+`` (n=0), ``AAAAAB+``...
(``ttfonts.SUBSETN(n)``), so a PDF with five faces has five fonts tagged ``AAAAAA``; preflight
tools (and the PDF spec, 9.6.4: the tag should differ for different subsets) flag that.
:func:`subset_tag` makes the tag from a hash of the font's name and the subset's number: the same
in every export (reproducible files), different for every font and subset of a document. The
font's name reaches it through :data:`_tagging`, set by the ``addObjects`` wrapper that
:func:`font` puts on each registered face (an instance attribute: reportlab's class is untouched).
"""

# ruff: noqa: UP031  - PDF operators are written with %-templates: the fastest formatting in CPython

from __future__ import annotations

import hashlib
from contextvars import ContextVar

from reportlab.pdfbase import pdfmetrics, ttfonts

from app.model import fonts as model_fonts

_registered: dict[str, ttfonts.TTFont] = {}
_original_cmap = ttfonts.makeToUnicodeCMap

# Characters that take no width and belong to the character before them (variation selectors,
# joiners). A face without a glyph for one would draw a notdef box for it; they are left out.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufe0e\ufe0f\u2060")


def _utf16_hex(cp: int) -> str:
    if cp > 0xFFFF:
        cp -= 0x10000
        return "%04X%04X" % (0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF))
    return "%04X" % cp


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one reportlab subset (``subset[code]`` is the code point drawn by
    byte ``code``), written as UTF-16BE so that characters above U+FFFF extract correctly."""
    entries = [(code, cp) for code, cp in enumerate(subset) if cp]
    out = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname,
        "/Ordering (%s)" % fontname,
        "/Supplement 0",
        ">> def",
        "/CMapName /%s def" % fontname,
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    for i in range(0, len(entries), 100):
        block = entries[i : i + 100]
        out.append("%d beginbfchar" % len(block))
        out.extend("<%02X> <%s>" % (code, _utf16_hex(cp)) for code, cp in block)
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out)


def reportlab_has_cmap_bug() -> bool:
    """True when reportlab's own CMap writer spells a supplementary-plane character wrongly."""
    return "<1F600>" in _original_cmap("X", [0, 0x1F600])


def install_tounicode_fix() -> None:
    """Make reportlab write :func:`to_unicode_cmap` (idempotent; a no-op once reportlab is fixed)."""
    if ttfonts.makeToUnicodeCMap is not to_unicode_cmap and reportlab_has_cmap_bug():
        ttfonts.makeToUnicodeCMap = to_unicode_cmap


_original_subsetn = ttfonts.SUBSETN
_tagging: ContextVar[str | None] = ContextVar("subset_tag_font", default=None)


def subset_tag(font_name: str, n: int) -> bytes:
    """Six capital letters for subset ``n`` of ``font_name`` (bytes, as reportlab's SUBSETN)."""
    digest = hashlib.sha256(f"{font_name}/{n}".encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def _subsetn(n: int) -> bytes:
    name = _tagging.get()
    return _original_subsetn(n) if name is None else subset_tag(name, n)


def _tagged_add_objects(f: ttfonts.TTFont):
    original = f.addObjects

    def add_objects(doc) -> None:
        token = _tagging.set(f.fontName)
        try:
            original(doc)
        finally:
            _tagging.reset(token)

    return add_objects


def font(key: str) -> ttfonts.TTFont:
    """The reportlab font for a layout face key, registered with pdfmetrics (once per process)."""
    f = _registered.get(key)
    if f is None:
        f = _find(key).font
        if f.fontName != key:  # never the case for faces made by app.model.fonts
            raise KeyError(f"font face {key!r} is registered as {f.fontName!r}")
        pdfmetrics.registerFont(f)
        if ttfonts.SUBSETN is not _subsetn:
            ttfonts.SUBSETN = _subsetn
        if "addObjects" not in vars(f):
            f.addObjects = _tagged_add_objects(f)
        _registered[key] = f
    return f


def _find(key: str) -> model_fonts.Face:
    """The loaded face ``key`` (runs only ever name faces their chain has loaded)."""
    for bold in (False, True):
        try:
            return model_fonts.chain(bold).face(key)
        except KeyError:
            continue
    raise KeyError(f"unknown font face {key!r}")


def primary(bold: bool = False) -> str:
    """The key of the first face of the regular or bold chain."""
    return model_fonts.chain(bold).primary.key


def missing_in(texts: list[str] | set[str]) -> str:
    """The characters of ``texts`` that no available face can draw, sorted, as one string."""
    missing = model_fonts.chain(False).missing | model_fonts.chain(True).missing
    if not missing:
        return ""
    found: set[str] = set()
    for t in texts:
        if not t.isascii():
            found.update(missing.intersection(t))
    return "".join(sorted(found))


def describe_missing(chars: str) -> str:
    """A one-line warning naming characters no font can draw."""
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in chars[:20])
    more = f" and {len(chars) - 20} more" if len(chars) > 20 else ""
    return f"no available font can draw {len(chars)} character(s), shown as boxes: {shown}{more}"


install_tounicode_fix()
