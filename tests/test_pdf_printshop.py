"""What print shops check (issue 10, item 5): crop marks in registration colour, TrimBox and
BleedBox (no ArtBox, no CropBox), a distinct subset tag per embedded font, title, author and
subject in the document information and in XMP, and text in K-only black rather than RGB grey."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from pypdf.generic import ContentStream

from app.io.pdf import PrintOptions, render_pdf
from app.io.pdf.metadata import xmp_packet
from app.io.pdf.ops import text_ink
from app.io.pdf.poster import CROP_MARK
from tests.pdf_support import text_map

TITLE = "Ďábelské ódy: 客户 & <co> 😀"
GOAL = "Win back lapsed customers\nsecond line"


def _render(bleed: float = 0.0) -> pypdf.PdfReader:
    m = text_map()
    m.title = TITLE
    m.goal = GOAL
    data, _ = render_pdf(m, PrintOptions(paper="A3", bleed_mm=bleed, date="2026-05-01"))
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def bleed_pdf():
    return _render(3.0)


@pytest.fixture(scope="module")
def plain_pdf():
    return _render(0.0)


def _ops(reader: pypdf.PdfReader):
    page = reader.pages[0]
    return ContentStream(page.get_contents(), reader).operations


def _box(page, name):
    box = page.get(name)
    return None if box is None else [float(v) for v in box]


# ------------------------------------------------------------------ boxes and crop marks
def test_bleed_poster_has_trim_and_bleed_boxes_only(bleed_pdf):
    page = bleed_pdf.pages[0]
    media, trim, bleed = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
    assert "/ArtBox" not in page and "/CropBox" not in page
    assert trim and bleed
    assert media[0] < bleed[0] < trim[0] and trim[2] < bleed[2] < media[2]
    assert trim[0] - bleed[0] == pytest.approx(3 * 72 / 25.4, abs=0.01)


def test_poster_without_bleed_has_a_trim_box(plain_pdf):
    page = plain_pdf.pages[0]
    assert _box(page, "/TrimBox") == pytest.approx(_box(page, "/MediaBox"))
    assert "/ArtBox" not in page and "/CropBox" not in page and "/BleedBox" not in page


def test_crop_marks_are_in_registration_colour(bleed_pdf):
    page = bleed_pdf.pages[0]
    x0, y0, x1, y1 = _box(page, "/TrimBox")
    b0, c0, b1, c1 = _box(page, "/BleedBox")
    ops = _ops(bleed_pdf)
    at = [i for i, (args, op) in enumerate(ops) if op == b"K"]
    assert [[float(a) for a in ops[i][0]] for i in at] == [[1, 1, 1, 1]]  # registration: every plate
    points = []
    for args, op in ops[at[0] :]:
        if op in (b"m", b"l"):
            points.append(tuple(float(a) for a in args))
        elif op == b"S":
            break
    assert len(points) == 16  # 8 marks: two at each corner
    for (ax, ay), (bx, by) in zip(points[::2], points[1::2], strict=True):
        assert max(abs(ax - bx), abs(ay - by)) == pytest.approx(CROP_MARK, abs=0.01)
        if ay == by:  # horizontal: on a trim line, left or right of the bleed
            assert ay in (pytest.approx(y0, abs=0.01), pytest.approx(y1, abs=0.01))
            assert max(ax, bx) < b0 or min(ax, bx) > b1
        else:
            assert ax == bx and ax in (pytest.approx(x0, abs=0.01), pytest.approx(x1, abs=0.01))
            assert max(ay, by) < c0 or min(ay, by) > c1


# ------------------------------------------------------------------ fonts
def test_every_font_has_its_own_subset_tag(plain_pdf):
    fonts = [ref.get_object() for ref in plain_pdf.pages[0]["/Resources"]["/Font"].values()]
    assert len(fonts) >= 4  # Vera, Vera Bold, CJK, emoji
    names = [str(f["/BaseFont"]) for f in fonts]
    tags = [n[1:].split("+")[0] for n in names]
    assert all(re.fullmatch("[A-Z]{6}", t) for t in tags), names
    assert len(set(tags)) == len(tags), names
    for f in fonts:
        assert f["/FontDescriptor"]["/FontName"] == f["/BaseFont"]


def test_subset_tags_are_the_same_in_every_export(plain_pdf):
    def tags(reader):
        return sorted(str(r.get_object()["/BaseFont"]) for r in reader.pages[0]["/Resources"]["/Font"].values())

    assert tags(plain_pdf) == tags(_render(0.0))


# ------------------------------------------------------------------ metadata
def test_info_has_title_author_and_subject(plain_pdf):
    info = plain_pdf.metadata
    assert info.title == TITLE
    assert info.subject == "Win back lapsed customers"
    assert info.author and info.author != "anonymous"
    assert info.creator == "Journey Map Studio"


def test_xmp_says_the_same_as_the_info(plain_pdf):
    info, xmp = plain_pdf.metadata, plain_pdf.xmp_metadata
    assert xmp is not None, "no XMP metadata stream"
    assert xmp.dc_title == {"x-default": info.title}
    assert xmp.dc_creator == [info.author]
    assert xmp.dc_description == {"x-default": info.subject}
    assert xmp.pdf_keywords == info["/Keywords"]
    assert xmp.xmp_creator_tool == info.creator
    assert xmp.xmp_create_date.replace(tzinfo=None) == info.creation_date.replace(tzinfo=None)
    stream = plain_pdf.trailer["/Root"]["/Metadata"].get_object()
    assert not stream.get("/Filter")  # readable without inflating
    assert "Ďábelské".encode() in stream.get_data()


def test_xmp_escapes_markup():
    packet = xmp_packet("a < b & c", "Ann", "s", "k", "tool", "prod", "2026-05-01T00:00:00+00:00")
    assert "a &lt; b &amp; c" in packet and "<b" not in packet.replace("<rdf", "")


# ------------------------------------------------------------------ text colour
def test_neutral_text_ink_is_black_only():
    assert text_ink("#1A1A1A") == "0 0 0 1 k"
    assert text_ink("#333333") == "0 0 0 1 k"  # body text: pure black
    assert text_ink("#5A5A5A") == "0 0 0 0.647 k"  # a caption grey: a tint of black alone
    assert text_ink("#0072B2") is None


def test_text_is_never_neutral_rgb(plain_pdf):
    fill = None
    text_fills = []
    for args, op in _ops(plain_pdf):
        if op in (b"rg", b"k", b"g", b"sc", b"scn"):
            fill = (op, tuple(round(float(a), 3) for a in args))
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            text_fills.append(fill)
    assert text_fills
    for op, values in text_fills:
        if op == b"rg":
            assert len(set(values)) > 1, f"text in neutral RGB {values}"
        else:
            assert op == b"k" and values[:3] == (0, 0, 0), (op, values)
    assert (b"k", (0, 0, 0, 1)) in text_fills
