"""Tiled wall prints: sheet counts and offsets, the overlap printed on both neighbours, labels,
the assembly guide, one shared form XObject, sheet selection, and the option checks."""

from __future__ import annotations

import io
import math
import re
import subprocess

import pypdf
import pytest

from app.io.pdf import MM, PrintError, PrintOptions, export_pdf, render_pdf
from app.io.pdf.compose import compose
from app.io.pdf.options import parse_sheet, parse_sheets, select_sheets, sheet_name
from app.io.pdf.tiles import BAND, plan_tiles
from benchmarks.generate import generate_map
from tests.pdf_support import flat, needs_poppler, pdftotext, text_map

DATE = "2026-05-01"


def opts(**kw) -> PrintOptions:
    kw.setdefault("tile", "A4")
    return PrintOptions(date=DATE, **kw)


@pytest.fixture(scope="module")
def m():
    return text_map()


@pytest.fixture(scope="module")
def comp(m):
    return compose(m, when=DATE)


def expected_count(length: float, window: float, overlap: float) -> int:
    n = 1
    while n * (window - overlap) + overlap < length - 1e-6:
        n += 1
    return n


@pytest.mark.parametrize(
    "sheet, scale, overlap, margin",
    [("A4", 100, 10, 5), ("A4", 250, 10, 5), ("A3", 300, 20, 8), ("Letter", 180, 12, 6), ("Tabloid", 400, 10, 5),
     ("Legal", 75, 10, 10), ("300x200mm", 220, 15, 5)],
)  # fmt: skip
def test_sheet_count_and_offsets(comp, sheet, scale, overlap, margin):
    plan = plan_tiles(comp.width, comp.height, opts(tile=sheet, scale=scale, overlap_mm=overlap,
                                                    printer_margin_mm=margin))  # fmt: skip
    s = scale / 100
    pw, ph = comp.width * s, comp.height * s
    o = overlap * MM
    counts = {}
    for orient in ("portrait", "landscape"):
        short, long_ = sorted((plan.sheet_w, plan.sheet_h))
        sw, sh = (short, long_) if orient == "portrait" else (long_, short)
        ww, wh = sw - 2 * (margin * MM + BAND), sh - 2 * (margin * MM + BAND)
        counts[orient] = (expected_count(pw, ww, o), expected_count(ph, wh, o))
    best = min(counts.items(), key=lambda kv: (kv[1][0] * kv[1][1], kv[0] != "portrait"))
    assert plan.orientation == best[0]
    assert (plan.cols, plan.rows) == best[1]
    assert plan.scale == pytest.approx(s)
    # the windows cover the poster, overlapping by exactly the overlap
    for sh_ in plan.sheets:
        assert sh_.x == pytest.approx(sh_.col * (plan.window_w - o) - plan.offset_x)
        assert sh_.y == pytest.approx(sh_.row * (plan.window_h - o) - plan.offset_y)
    first, last = plan.sheets[0], plan.sheets[-1]
    assert first.x <= 1e-6 and first.y <= 1e-6
    assert last.x + plan.window_w >= pw - 1e-6 and last.y + plan.window_h >= ph - 1e-6
    assert plan.offset_x >= -1e-6 and plan.offset_y >= -1e-6


def test_tile_offsets_in_the_pdf(m, comp):
    o = opts(scale=200)
    plan = plan_tiles(comp.width, comp.height, o)
    data, result = render_pdf(m, o)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 + plan.total == result.pages
    cm = re.compile(rb"([\d.e+-]+) 0 0 ([\d.e+-]+) ([\d.-]+) ([\d.-]+) cm\s*/(\S+) Do")
    forms = set()
    for sheet, page in zip(plan.sheets, reader.pages[1:], strict=True):
        found = cm.findall(page.get_contents().get_data())
        assert len(found) == 1
        a, d, tx, ty, name = found[0]
        assert float(a) == pytest.approx(plan.scale) and float(d) == pytest.approx(plan.scale)
        assert float(tx) == pytest.approx(plan.window_x - sheet.x, abs=1e-3)
        assert float(ty) == pytest.approx(plan.window_x - sheet.y, abs=1e-3)
        forms.add(page["/Resources"]["/XObject"].raw_get("/" + name.decode()).idnum)
    assert len(forms) == 1  # every sheet shows the same form object


def test_one_form_xobject_holds_the_map(m):
    data, _ = render_pdf(m, opts(scale=250))
    reader = pypdf.PdfReader(io.BytesIO(data))
    forms = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for key in xobjects:
            ref = xobjects.raw_get(key)
            if ref.get_object()["/Subtype"] == "/Form":
                forms.add(ref.idnum)
    assert len(forms) == 1
    # the sheets' own streams are small: the map is not repeated on them
    for page in reader.pages[1:]:
        assert len(page.get_contents().get_data()) < 6000


def test_tiled_file_is_about_the_size_of_the_poster():
    m = generate_map(300)
    poster, _ = render_pdf(m, PrintOptions(paper="A0", date=DATE))
    tiled, result = render_pdf(m, PrintOptions(tile="A4", poster_size="A0", date=DATE))
    assert result.grid and result.grid[0] * result.grid[1] >= 12
    assert len(tiled) <= 1.3 * len(poster)


@needs_poppler
def test_labels_guide_and_hints(m, tmp_path):
    path = tmp_path / "tiles.pdf"
    result = export_pdf(m, path, opts(scale=200))
    cols, rows = result.grid
    total = cols * rows
    assert total >= 4
    guide = pdftotext(path, 1)
    for needle in ("Assembly guide", "print at 100 %", "not fit to page", f"{cols} columns × {rows} rows of A4",
                   f"{total} sheets to print", f"{result.poster_mm[0]:.0f} × {result.poster_mm[1]:.0f} mm",
                   "100 mm"):  # fmt: skip
        assert needle.lower() in guide.lower(), needle
    for r in range(rows):
        for c in range(cols):
            assert sheet_name(c, r) in guide
    for i in range(total):
        c, r = i % cols, i // cols
        text = pdftotext(path, i + 2)
        words = flat(text)  # pdftotext puts turned text one word per line
        label = f"{sheet_name(c, r)} - {i + 1}/{total} - Test map - {DATE} - scale 200 %"
        assert label in text, (label, text)
        assert "100 mm" in text
        if c + 1 < cols:
            assert f"glue:{sheet_name(c + 1, r)}covers" in words
        if c > 0:
            assert f"layon{sheet_name(c - 1, r)}" in words
        if r + 1 < rows:
            assert f"glue: {sheet_name(c, r + 1)} covers" in text
        if r > 0:
            assert f"lay on {sheet_name(c, r - 1)}" in text


@needs_poppler
def test_neighbours_print_the_same_overlap(tmp_path):
    """The right strip of A1 and the left strip of B1 show the same part of the poster."""
    from PIL import Image, ImageChops, ImageStat

    m = generate_map(120)
    o = opts(scale=150, overlap_mm=20)
    path = tmp_path / "t.pdf"
    export_pdf(m, path, o)
    comp = compose(m, when=DATE)
    plan = plan_tiles(comp.width, comp.height, o)
    assert plan.cols >= 2
    dpi = 100
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "2", "-l", "3", "-png", str(path), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    pages = sorted(tmp_path.glob("p-*.png"))
    a, b = (Image.open(p).convert("L") for p in pages)
    px = dpi / 72
    top = int(plan.window_x * px) + 2
    bottom = int((plan.window_x + plan.window_h - plan.overlap) * px) - 4  # above the bottom glue line
    strip = int(plan.overlap * px) - 6
    ax = int((plan.window_x + plan.window_w - plan.overlap) * px) + 3
    bx = int(plan.window_x * px) + 3

    def diff(x1: int, x2: int) -> float:
        ca = a.crop((x1, top, x1 + strip, bottom))
        cb = b.crop((x2, top, x2 + strip, bottom))
        return ImageStat.Stat(ImageChops.difference(ca, cb)).mean[0]

    same = diff(ax, bx)
    shifted = diff(ax + 12, bx)
    assert same < 6, same
    assert shifted > 2 * same + 3, (same, shifted)


def test_orientation_uses_fewer_sheets_unless_forced(comp):
    auto = plan_tiles(comp.width, comp.height, opts(scale=300))
    port = plan_tiles(comp.width, comp.height, opts(scale=300, tile_orientation="portrait"))
    land = plan_tiles(comp.width, comp.height, opts(scale=300, tile_orientation="landscape"))
    assert auto.total == min(port.total, land.total)
    assert port.orientation == "portrait" and port.sheet_w < port.sheet_h
    assert land.orientation == "landscape" and land.sheet_w > land.sheet_h


def test_grid_of_sheets(comp):
    plan = plan_tiles(comp.width, comp.height, opts(grid=(4, 3)))
    assert (plan.cols, plan.rows) == (4, 3)
    assert plan.poster_w <= plan.grid_w + 1e-6 and plan.poster_h <= plan.grid_h + 1e-6
    assert math.isclose(plan.poster_w, plan.grid_w) or math.isclose(plan.poster_h, plan.grid_h)


def test_poster_size_target(comp):
    """A WxHmm wall is the finished size as written; the composition fits inside its inset."""
    for size, want in (("1000x700mm", (1000, 700)), ("700x1000mm", (700, 1000))):
        plan = plan_tiles(comp.width, comp.height, opts(poster_size=size))
        assert plan.poster_mm == pytest.approx(want)
        cw, ch = plan.content_w / MM, plan.content_h / MM
        assert cw <= want[0] - 20 + 1e-6 and ch <= want[1] - 20 + 1e-6
        assert cw == pytest.approx(want[0] - 20) or ch == pytest.approx(want[1] - 20)


def test_default_is_natural_size(comp):
    plan = plan_tiles(comp.width, comp.height, opts())
    assert plan.scale == 1.0


def test_only_some_sheets(m, tmp_path):
    o = opts(scale=400)
    comp = compose(m, when=DATE)
    full = plan_tiles(comp.width, comp.height, o)
    assert full.cols >= 3 and full.rows >= 4
    path = tmp_path / "some.pdf"
    result = export_pdf(m, path, o.but(sheets="R3C2,R1C3-R4C3"))
    assert result.sheets == ["R1C3", "R2C3", "R3C2", "R3C3", "R4C3"]
    assert result.pages == 6
    if POPPLER_OK:
        assert "R3C2 - " in pdftotext(path, 4)
        assert "5 of the" in pdftotext(path, 1)


POPPLER_OK = bool(__import__("shutil").which("pdftotext"))


def test_sheet_names_and_ranges():
    """Sheets are named row then column ("R3C2"): never like a paper size such as "A4"."""
    assert sheet_name(0, 0) == "R1C1"
    assert sheet_name(1, 2) == "R3C2"
    assert sheet_name(26, 9) == "R10C27"
    assert parse_sheet("r10c27") == (26, 9)
    assert parse_sheets("R3C2, R1C3-R4C3") == [((1, 2), (1, 2)), ((2, 0), (2, 3))]
    assert parse_sheets("R3 C2") == [((1, 2), (1, 2))]
    assert select_sheets("R1C1-R2C2", 3, 3) == [(0, 0), (1, 0), (0, 1), (1, 1)]
    assert select_sheets("", 2, 1) == [(0, 0), (1, 0)]
    with pytest.raises(PrintError, match="outside the 3 x 3 grid"):
        select_sheets("R1C4", 3, 3)
    with pytest.raises(PrintError, match="such as R3C2"):
        parse_sheets("3B")
    with pytest.raises(PrintError, match="named by row and column"):
        parse_sheets("A4")


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"overlap_mm": 3, "printer_margin_mm": 5}, "at least the printer margin"),
        ({"overlap_mm": 120}, "at most half the sheet's short side"),
        ({"overlap_mm": -1}, "negative"),
        ({"tile": "ROLL914"}, "not on a roll"),
        ({"tile": "Q5"}, "unknown paper"),
        ({"scale": 100, "grid": (2, 2)}, "only one of"),
        ({"grid": (0, 3)}, "between 1 and 100"),
        ({"sheets": "R99C1"}, "outside"),
        ({"sheets": "B3"}, "named by row and column"),
        ({"scale": 5000}, "sheets"),
        ({"tile": "6000x300mm"}, "5080 mm"),
        ({"tile": "A4", "printer_margin_mm": 100, "overlap_mm": 100}, "too large for an A4 sheet"),
    ],
)
def test_bad_tile_options(m, kw, message):
    with pytest.raises(PrintError, match=message) as e:
        render_pdf(m, opts(**kw))
    assert "\n" not in str(e.value)


@needs_poppler
def test_blank_workshop_wall(m, tmp_path):
    path = tmp_path / "wall.pdf"
    result = export_pdf(m, path, opts(blank=True, poster_size="1500x1000mm"))
    assert result.pages >= 3
    text = pdftotext(path)
    assert "Stage 0" in text and "Actions" in text and "Feelings" in text
    assert "Card 0" not in text and "Legend" not in text and "Café" not in text


def test_persona_photo_inside_the_shared_form():
    import base64

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 50), (200, 30, 30)).save(buf, "JPEG")
    m = text_map()
    m.personas[0].photo = base64.b64encode(buf.getvalue()).decode()
    data, _ = render_pdf(m, opts(scale=150))
    reader = pypdf.PdfReader(io.BytesIO(data))
    form = next(iter(reader.pages[1]["/Resources"]["/XObject"].values())).get_object()
    images = [x.get_object() for x in form["/Resources"]["/XObject"].values()]
    assert [img["/Width"] for img in images if img["/Subtype"] == "/Image"] == [40]
