"""The one-page poster: page boxes and sizes for every kind of paper, orientation, fit and exact
scale, margins, bleed with TrimBox/BleedBox, the 5080 mm limit, panels, markup as text, and
atomic writes."""

from __future__ import annotations

import os
import zlib

import pypdf
import pytest

from app.io.pdf import MM, PAPERS, PrintError, PrintOptions, export_pdf, parse_paper, render_pdf
from app.io.pdf.compose import compose
from app.io.pdf.poster import plan_poster
from app.model.layout import build_layout
from app.model.schema import Stage
from tests.pdf_support import MARKUP_BODY, TITLES, flat, needs_poppler, pdfinfo, pdftotext, text_map

DATE = "2026-05-01"


def opts(**kw) -> PrintOptions:
    return PrintOptions(date=DATE, **kw)


def page_mm(data: bytes, box: str = "/MediaBox") -> tuple[float, float]:
    import io

    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    x0, y0, x1, y1 = (float(v) for v in page[box])
    return round((x1 - x0) / MM, 1), round((y1 - y0) / MM, 1)


@pytest.fixture(scope="module")
def m():
    return text_map()


@pytest.mark.parametrize("name", ["A4", "A3", "A2", "A1", "A0", "2A0", "Letter", "Legal", "Tabloid", "ANSI C",
                                  "ANSI D", "ANSI E", "ARCH D", "ARCH E"])  # fmt: skip
def test_paper_sizes(m, name):
    data, result = render_pdf(m, opts(paper=name))
    w, h = PAPERS[name]
    got = page_mm(data)
    assert sorted(got) == pytest.approx(sorted((round(w, 1), round(h, 1))), abs=0.15)
    assert result.page_mm == pytest.approx(got, abs=0.15)


def test_orientation(m):
    comp = compose(m, when=DATE)
    wide = comp.width > comp.height
    auto, _ = render_pdf(m, opts(paper="A3", orientation="auto"))
    assert page_mm(auto) == ((420.0, 297.0) if wide else (297.0, 420.0))
    port, _ = render_pdf(m, opts(paper="A3", orientation="portrait"))
    assert page_mm(port) == (297.0, 420.0)
    land, _ = render_pdf(m, opts(paper="A3", orientation="landscape"))
    assert page_mm(land) == (420.0, 297.0)


def test_custom_size_in_mm(m):
    data, _ = render_pdf(m, opts(paper="1200x500mm"))
    assert page_mm(data) == (1200.0, 500.0)
    data, _ = render_pdf(m, opts(paper="90x60cm", orientation="portrait"))
    assert page_mm(data) == (900.0, 600.0)  # a WxH paper is used as written, never turned
    data, _ = render_pdf(m, opts(paper="600x900mm"))
    assert page_mm(data) == (600.0, 900.0)


@pytest.mark.parametrize("width", [610, 914, 1067])
def test_plotter_roll_length_fits_the_poster(m, width):
    comp = compose(m, when=DATE)
    data, result = render_pdf(m, opts(paper=f"ROLL{width}", margin_mm=10))
    w, h = page_mm(data)
    across, along = (h, w) if comp.width >= comp.height else (w, h)
    c_across, c_along = (comp.height, comp.width) if comp.width >= comp.height else (comp.width, comp.height)
    assert across == pytest.approx(width, abs=0.1)  # the map's long side runs along the roll
    s = (width - 20) * MM / c_across
    assert along == pytest.approx((c_along * s) / MM + 20, abs=0.2)
    assert result.scale == pytest.approx(s * 100)


def test_roll_orientation_can_be_forced(m):
    data, _ = render_pdf(m, opts(paper="ROLL914", orientation="portrait"))
    assert page_mm(data)[0] == pytest.approx(914, abs=0.1)
    data, _ = render_pdf(m, opts(paper="ROLL914", orientation="landscape"))
    assert page_mm(data)[1] == pytest.approx(914, abs=0.1)


def test_fit_scale_fills_the_printable_area(m):
    comp = compose(m, when=DATE)
    plan = plan_poster(comp.width, comp.height, opts(paper="A1", margin_mm=15))
    aw, ah = plan.page_w - 30 * MM, plan.page_h - 30 * MM
    assert plan.scale == pytest.approx(min(aw / comp.width, ah / comp.height))
    assert comp.width * plan.scale <= aw + 1e-6 and comp.height * plan.scale <= ah + 1e-6


def test_exact_scale_is_used_and_centred(m):
    comp = compose(m, when=DATE)
    plan = plan_poster(comp.width, comp.height, opts(paper="A0", scale=50))
    assert plan.scale == 0.5
    left = plan.x0
    right = plan.page_w - (plan.x0 + comp.width * 0.5)
    assert left == pytest.approx(right)


def test_scale_too_large_for_the_paper_is_refused(m):
    with pytest.raises(PrintError, match=r"use --scale \d+(\.\d+)? or less") as e:
        render_pdf(m, opts(paper="A4", scale=400))
    assert "\n" not in str(e.value)


def test_margin_written_as_content_transform(m):
    data, _ = render_pdf(m, opts(paper="A2", margin_mm=20))
    comp = compose(m, when=DATE)
    plan = plan_poster(comp.width, comp.height, opts(paper="A2", margin_mm=20))
    assert plan.x0 >= 20 * MM - 1e-6
    assert f"{plan.scale:.6g} 0 0 {-plan.scale:.6g} {plan.x0:.4f} {plan.y0:.4f} cm".encode() in _content(data)


def _content(data: bytes) -> bytes:
    import io

    reader = pypdf.PdfReader(io.BytesIO(data))
    return b"".join(p.get_contents().get_data() for p in reader.pages)


@needs_poppler
def test_bleed_boxes_and_crop_marks(m, tmp_path):
    path = tmp_path / "bleed.pdf"
    export_pdf(m, path, opts(paper="A3", bleed_mm=3))
    info = pdfinfo(path, "-box")
    x0, y0, x1, y1 = (float(v) for v in info["TrimBox"].split())
    assert ((x1 - x0) / MM, (y1 - y0) / MM) == pytest.approx((420, 297), abs=0.05)
    bx0, by0, bx1, by1 = (float(v) for v in info["BleedBox"].split())
    for d in (x0 - bx0, bx1 - x1, y0 - by0, by1 - y1):  # pdfinfo rounds to 1/100 pt
        assert d / MM == pytest.approx(3, abs=0.01)
    mx0, my0, mx1, my1 = (float(v) for v in info["MediaBox"].split())
    assert mx0 < bx0 and mx1 > bx1  # room for the crop marks outside the bleed
    assert b"1 1 1 1 K" in _content(path.read_bytes())  # the crop marks, in registration colour


def test_no_bleed_trim_box_is_the_page(m):
    import io

    data, _ = render_pdf(m, opts(paper="A3"))
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert page["/TrimBox"] == page["/MediaBox"]  # print shops read the finished size from it
    assert "/BleedBox" not in page and "/ArtBox" not in page


@pytest.mark.parametrize(
    "kw",
    [
        {"paper": "6000x800mm"},
        {"paper": "5080x800mm", "bleed_mm": 3},
    ],
)
def test_pages_above_5080_mm_are_refused(m, kw):
    with pytest.raises(PrintError, match="5080 mm") as e:
        render_pdf(m, opts(**kw))
    msg = str(e.value)
    assert "scale" in msg and "tile" in msg
    assert "\n" not in msg


def test_roll_longer_than_5080_mm_is_refused(m):
    wide = m.model_copy(deep=True)
    wide.stages += [Stage(id=f"w{i}", name=f"Extra stage {i}", width=500) for i in range(20)]
    with pytest.raises(PrintError, match="5080 mm.*smaller scale or tile"):
        render_pdf(wide, opts(paper="ROLL1067"))
    data, _ = render_pdf(wide, opts(paper="ROLL1067", scale=50))  # as the message suggests
    assert max(page_mm(data)) <= 5080


def test_exactly_5080_mm_is_fine(m):
    data, _ = render_pdf(m, opts(paper="5080x1000mm"))
    assert page_mm(data)[0] == pytest.approx(5080, abs=0.1)


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"paper": "B7"}, "unknown paper"),
        ({"paper": "-300x200mm"}, "positive"),
        ({"paper": "0x200mm"}, "positive"),
        ({"scale": -5}, "more than 0"),
        ({"scale": 0}, "more than 0"),
        ({"margin_mm": -1}, "negative"),
        ({"bleed_mm": -3}, "negative"),
        ({"orientation": "sideways"}, "portrait, landscape or auto"),
        ({"paper": "A4", "margin_mm": 200}, "margins"),
    ],
)
def test_bad_options_are_one_line_errors(m, kw, message):
    with pytest.raises(PrintError, match=message) as e:
        render_pdf(m, opts(**kw))
    assert "\n" not in str(e.value)


def test_paper_names_are_forgiving():
    assert parse_paper("us letter").name == "Letter"
    assert parse_paper("ansi-e").name == "ANSI E"
    assert parse_paper("Arch E").name == "ARCH E"
    assert parse_paper("roll 914").roll
    assert parse_paper("roll1067").width == 1067
    assert parse_paper("1189 x 841").width == 1189


# ---------------------------------------------------------------- content
@needs_poppler
def test_markup_is_drawn_literally_and_loads_nothing(m, tmp_path, monkeypatch):
    opened = []
    real_open = open

    def spy(file, *a, **kw):
        opened.append(str(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", spy)
    path = tmp_path / "markup.pdf"
    export_pdf(m, path, opts(paper="A2"))
    monkeypatch.undo()
    assert not [f for f in opened if "hostname" in f]
    text = flat(pdftotext(path))
    assert flat(TITLES["markup"]) in text
    assert flat(MARKUP_BODY) in text
    reader = pypdf.PdfReader(path)
    xobjects = reader.pages[0]["/Resources"].get("/XObject", {})
    assert not xobjects  # no image came out of the text


@needs_poppler
def test_poster_shows_cards_headers_title_block_panels(m, tmp_path):
    path = tmp_path / "all.pdf"
    export_pdf(m, path, opts(paper="A1", version="v7"))
    text = pdftotext(path)
    for s in m.stages:
        assert s.name in text
    for lane in m.lanes:
        assert lane.name in text
    for needle in ("Legend", "Moment of truth", "Pain point", "Ana", "Bo", "I want a partner, not a vendor.",
                   "Notes", "Remember to ask legal", "Journey type", DATE, "v7", "line of visibility",
                   "Customer-reported", "Internal assumption", "hand-off", "E-mail · Sales", "I 4/2", "C 3/–"):  # fmt: skip
        assert needle in text, needle


@needs_poppler
def test_panels_can_be_left_out(m, tmp_path):
    path = tmp_path / "bare.pdf"
    export_pdf(m, path, opts(paper="A1", personas=False, legend=False, notes=False))
    text = pdftotext(path)
    assert "Legend" not in text
    assert "I want a partner" not in text
    assert "Remember to ask legal" not in text
    assert "Journey type" in text  # the title block stays


def test_persona_photo_is_embedded_from_the_map(m, tmp_path):
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 50), (200, 30, 30)).save(buf, "PNG")
    m2 = m.model_copy(deep=True)
    m2.personas[0].photo = base64.b64encode(buf.getvalue()).decode()
    data, _ = render_pdf(m2, opts(paper="A2"))
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert any(img["/Subtype"] == "/Image" and img["/Width"] == 40 for img in images)


def test_broken_photo_is_refused_by_its_json_path(m):
    """A photo validation would refuse (here set around it) is one clear error, not a crash
    half-way through drawing (more cases in tests/test_hostile_files.py)."""
    m2 = m.model_copy(deep=True)
    m2.personas[0].__dict__["photo"] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"  # a truncated PNG
    with pytest.raises(PrintError, match=r"^map\.personas\[0\]\.photo: photo cannot be read"):
        render_pdf(m2, opts(paper="A2"))


def test_drawing_follows_the_layout(m):
    """The card rectangles in the content stream are the layout's, under one transform."""
    data, _ = render_pdf(m, opts(paper="A0", scale=100))
    content = _content(data)
    layout = build_layout(m)
    for geo in layout.all_cards():
        r = geo.rect  # a rounded rectangle starts at the top edge, one corner radius in
        top = f"{r.x + 3:.2f} {r.y:.2f} m {r.right - 3:.2f} {r.y:.2f} l"
        assert top.encode() in content, geo.id
        bottom = f"{r.right - 3:.2f} {r.bottom:.2f} c {r.x + 3:.2f} {r.bottom:.2f} l"
        assert bottom.encode() in content, geo.id


def test_blank_workshop_wall_has_frame_only(m):
    data, _ = render_pdf(m, opts(paper="A1", blank=True))
    import io

    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Stage 0" in text and "Actions" in text
    assert "Card 0" not in text and "Legend" not in text


# ---------------------------------------------------------------- files
def test_output_is_replaced_atomically(m, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")
    export_pdf(m, path, opts(paper="A3"))
    assert path.read_bytes().startswith(b"%PDF") and path.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_bad_options_write_nothing(m, tmp_path):
    path = tmp_path / "out.pdf"
    with pytest.raises(PrintError):
        export_pdf(m, path, opts(paper="A4", scale=5000))
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_refused_before_work(m, tmp_path):
    with pytest.raises(PrintError, match="does not exist"):
        export_pdf(m, tmp_path / "missing" / "out.pdf", opts())
    with pytest.raises(PrintError, match="folder"):
        export_pdf(m, tmp_path, opts())
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(PrintError, match="not writable"):
                export_pdf(m, locked / "out.pdf", opts())
        finally:
            locked.chmod(0o700)


def test_failed_write_keeps_the_old_file(m, tmp_path, monkeypatch):
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")

    def boom(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(PrintError, match="the disk is full"):
        export_pdf(m, path, opts(paper="A3"))
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_streams_are_compressed_binary(m):
    data, _ = render_pdf(m, opts(paper="A3"))
    assert b"/ASCII85Decode" not in data
    assert b"/FlateDecode" in data
    zlib.decompressobj()  # the module is used by pypdf above; keep the import honest


@pytest.mark.parametrize("kw", [{}, {"tile": "A4"}, {"blank": True, "paper": "A4"}])
def test_an_empty_map_prints(kw):
    from app.model.schema import Map

    data, result = render_pdf(Map(title=""), opts(**kw))
    assert data.startswith(b"%PDF") and result.pages >= 1
