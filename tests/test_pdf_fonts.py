"""Fonts in the PDF: embedded subsets, per-character fallback, extractable text including emoji
(the ToUnicode fix), and a warning for characters no font can draw."""

from __future__ import annotations

import pypdf
import pytest
from reportlab.pdfbase import ttfonts

from app.io.pdf import PrintOptions, export_pdf, render_pdf
from app.io.pdf import fonts as pdf_fonts
from tests.pdf_support import TITLES, add_card, flat, needs_poppler, pdffonts, pdftotext, text_map

OPTS = PrintOptions(paper="A2", date="2026-05-01")


@pytest.fixture(scope="module")
def poster(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "poster.pdf"
    result = export_pdf(text_map(), path, OPTS)
    return path, result


def test_cmap_writes_utf16_surrogates_above_ffff():
    cmap = pdf_fonts.to_unicode_cmap("F", [0, 0x41, 0x1F600, 0x4E2D])
    assert "<01> <0041>" in cmap
    assert "<02> <D83DDE00>" in cmap  # 😀 as a UTF-16BE surrogate pair
    assert "<03> <4E2D>" in cmap
    assert "<00> <0000>" not in cmap  # unused codes are left out
    assert "1F600" not in cmap


def test_cmap_blocks_hold_at_most_100_entries():
    cmap = pdf_fonts.to_unicode_cmap("F", [0] + list(range(0x100, 0x1FF)))
    counts = [int(line.split()[0]) for line in cmap.splitlines() if line.endswith("beginbfchar")]
    assert counts == [100, 100, 55]


def test_fix_is_installed_exactly_where_reportlab_is_broken():
    assert pdf_fonts.reportlab_has_cmap_bug(), "reportlab fixed its CMaps: the patch can go"
    assert ttfonts.makeToUnicodeCMap is pdf_fonts.to_unicode_cmap
    pdf_fonts.install_tounicode_fix()  # idempotent
    assert ttfonts.makeToUnicodeCMap is pdf_fonts.to_unicode_cmap


@needs_poppler
def test_every_card_title_is_extractable_with_pdftotext(poster):
    path, _ = poster
    text = flat(pdftotext(path))
    for title in TITLES.values():
        assert flat(title) in text, title
    m = text_map()
    for card in m.cards:
        assert flat(card.title) in text


@needs_poppler
def test_emoji_title_extracts_exactly(poster):
    path, _ = poster
    lines = pdftotext(path).splitlines()
    assert TITLES["emoji"] in lines  # one line, emoji included, nothing mangled
    assert "ὠ" not in "".join(lines)  # what reportlab's unfixed CMap made of 😀


def test_titles_extract_with_pypdf(poster):
    path, _ = poster
    text = flat(pypdf.PdfReader(path).pages[0].extract_text())
    for key in ("accented", "cjk", "emoji", "markup"):
        assert flat(TITLES[key]) in text, key


@needs_poppler
def test_fonts_are_embedded_subsets(poster):
    path, _ = poster
    rows = pdffonts(path)
    assert rows, "no fonts"
    for row in rows:
        # name type encoding emb sub uni object id: emb, sub and uni are "yes"
        assert row[-5:-2] == ["yes", "yes", "yes"], row
    names = " ".join(r[0] for r in rows)
    assert "Vera" in names and "WenQuanYi" in names and "Symbola" in names
    assert "Helvetica" not in names  # reportlab's default base font never slips in


def test_fonts_in_pdf_objects_have_font_files(poster):
    path, _ = poster
    reader = pypdf.PdfReader(path)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]
        assert "/ToUnicode" in font


def test_missing_characters_are_reported(tmp_path):
    m = text_map()
    add_card(m, "Private use \ue000\ue001 and Linear B 𐀀")
    result = export_pdf(m, tmp_path / "m.pdf", OPTS)
    assert "\ue000" in result.missing and "\ue001" in result.missing
    assert any("U+E000" in w for w in result.warnings)


def test_no_warning_when_every_character_has_a_font(poster):
    _, result = poster
    assert result.missing == ""
    assert result.warnings == []


def test_font_faces_are_registered_once():
    first = pdf_fonts.font("vera")
    assert pdf_fonts.font("vera") is first
    render_pdf(text_map(), OPTS)
    assert pdf_fonts.font("vera") is first
