"""Size means size (issue 10, item 1): a ``WxHmm`` paper is the finished poster or wall as
written, the panels go beside the map on a wide area and below it on a tall one, tiled walls may
be larger than one PDF page, empty sheets are left out, sheets are named row then column, and
impossible walls are one-line errors. Through the command line and the PDF it writes."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from app.cli import main
from app.io.jsonfile import load_map
from app.io.pdf import MM, PrintOptions
from app.io.pdf.export import plan
from app.io.pdf.paper import PAPERS
from tests.pdf_support import POPPLER, needs_poppler, pdftotext

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "b2b-hardware.journey.json"
DATE = "2026-05-01"


def sizes_mm(path: Path) -> list[tuple[int, int]]:
    reader = pypdf.PdfReader(path)
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages]


def export(tmp_path: Path, name: str, *flags: str, capsys=None) -> tuple[int, Path, str]:
    out = tmp_path / name
    code = main(["export", str(EXAMPLE), "-o", str(out), *flags])
    text = capsys.readouterr() if capsys is not None else None
    return code, out, (text.out + text.err) if text else ""


@pytest.fixture(scope="module")
def wall(tmp_path_factory):
    """The example as a 3000 x 1500 mm wall of A4 sheets, as the issue asked for it."""
    tmp = tmp_path_factory.mktemp("wall")
    out = tmp / "wall.pdf"
    assert main(["export", str(EXAMPLE), "-o", str(out), "--tile", "A4", "--paper", "3000x1500mm"]) == 0
    return out


def test_custom_wall_is_as_wide_as_written(wall, capsys):
    pages = sizes_mm(wall)
    assert pages[0] == (297, 210)  # the guide: landscape, like the wall
    assert all(sorted(p) == [210, 297] for p in pages[1:])
    m = load_map(EXAMPLE)
    comp, tiles = plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm", date=DATE))
    assert tiles.poster_mm == pytest.approx((3000, 1500))
    assert tiles.content_w <= tiles.poster_w and tiles.content_h <= tiles.poster_h
    # the wall's grid covers 3 m across and 1.5 m down
    assert tiles.grid_w / MM >= 3000 and tiles.grid_h / MM >= 1500
    assert tiles.grid_w / MM < 3000 + tiles.step_x / MM and tiles.grid_h / MM < 1500 + tiles.step_y / MM


@needs_poppler
def test_guide_states_the_finished_size_and_the_grid(wall):
    guide = pdftotext(wall, 1)
    assert "Finished size: 3000 × 1500 mm (width × height)" in guide
    grid = re.search(r"Sheet grid: (\d+) columns × (\d+) rows of A4 (portrait|landscape)", guide)
    assert grid, guide
    cols, rows = int(grid[1]), int(grid[2])
    printed = len(pypdf.PdfReader(wall).pages) - 1
    assert f"{printed} sheets to print; {cols * rows - printed} entirely empty sheets are left out" in guide
    assert f"R{rows}C{cols}" in guide


def test_summary_reports_the_scale_and_the_share(tmp_path, capsys):
    code, out, text = export(tmp_path, "w.pdf", "--tile", "A4", "--paper", "3000x1200mm", capsys=capsys)
    assert code == 0
    share = re.search(r"wall 3000 x 1200 mm, map at ([\d.]+) % filling (\d+) % of it", text)
    assert share, text
    # the map is taller than wide: on a 3000 x 1200 wall its height (inside the 10 mm inset) bounds it
    m = load_map(EXAMPLE)
    comp, tiles = plan(m, PrintOptions(tile="A4", poster_size="3000x1200mm"))
    b = comp.layout.bounds
    assert tiles.map_h / MM == pytest.approx(1180, abs=1) or tiles.content_h / MM == pytest.approx(1180, abs=1)
    assert int(share[2]) == round(b.w * b.h * tiles.scale**2 / (3000 * 1200 * MM * MM) * 100)


def test_one_page_custom_paper_is_never_turned(tmp_path, capsys):
    code, out, _ = export(tmp_path, "wide.pdf", "--paper", "3000x1200mm")
    assert code == 0 and sizes_mm(out) == [(3000, 1200)]
    code, out, _ = export(tmp_path, "tall.pdf", "--paper", "1200x3000mm")
    assert code == 0 and sizes_mm(out) == [(1200, 3000)]
    code, out, text = export(tmp_path, "turned.pdf", "--paper", "3000x1200mm", "--orientation", "portrait",
                             capsys=capsys)  # fmt: skip
    assert code == 2 and "--orientation portrait" in text and not out.exists()
    code, out, _ = export(tmp_path, "a3.pdf", "--paper", "A3", "--orientation", "landscape")
    assert code == 0 and sizes_mm(out) == [(420, 297)]  # named sizes still turn


def test_panels_go_beside_on_a_wide_area_and_below_on_a_tall_one():
    m = load_map(EXAMPLE)
    for paper, turn, where in (("3000x1200mm", "auto", "beside"), ("1000x3000mm", "auto", "below"),
                               ("ROLL914", "landscape", "beside"), ("ROLL914", "portrait", "below")):  # fmt: skip
        opts = PrintOptions(paper=paper, date=DATE, orientation=turn)
        comp, poster = plan(m, opts)
        b = comp.layout.bounds
        panels = [p.rect for p in comp.panels]
        if where == "beside":
            assert all(r.x >= b.w for r in panels), paper
        else:
            assert all(r.y >= b.h for r in panels), paper
        # the map prints as large as the area's shape allows with the panels where they are
        tw, th = poster.trim_mm
        if not paper.startswith("ROLL"):
            fit = min((tw - 20) * MM / comp.width, (th - 20) * MM / comp.height)
            assert poster.scale == pytest.approx(fit)
    wide = plan(m, PrintOptions(paper="3000x1200mm"))[1]
    tall = plan(m, PrintOptions(paper="1000x3000mm"))[1]
    assert 0 < wide.map_share < 1 and 0 < tall.map_share < 1


def test_a_wall_larger_than_one_pdf_page(tmp_path, capsys):
    code, out, text = export(tmp_path, "long.pdf", "--tile", "A3", "--paper", "10000x2000mm", capsys=capsys)
    assert code == 0, text
    pages = sizes_mm(out)
    assert all(sorted(p) == [297, 420] for p in pages)
    assert "wall 10000 x 2000 mm" in text
    if POPPLER:
        assert "Finished size: 10000 × 2000 mm" in pdftotext(out, 1)


def test_empty_sheets_are_left_out_unless_asked_for(tmp_path, capsys):
    m = load_map(EXAMPLE)
    _, tiles = plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm"))
    assert 0 < tiles.total < tiles.grid_total
    code, some, text = export(tmp_path, "some.pdf", "--tile", "A4", "--paper", "3000x1500mm", capsys=capsys)
    assert code == 0 and len(sizes_mm(some)) == 1 + tiles.total
    assert f"{tiles.total} of {tiles.total} sheets ({tiles.cols} x {tiles.rows}, {tiles.empty} empty left out)" in text
    code, every, _ = export(tmp_path, "all.pdf", "--tile", "A4", "--paper", "3000x1500mm", "--all-sheets")
    assert code == 0 and len(sizes_mm(every)) == 1 + tiles.grid_total
    # each sheet left out shows nothing: its window meets neither the map nor a panel
    s = tiles.scale
    kept = set(tiles.wall)
    for c in range(tiles.cols):
        for r in range(tiles.rows):
            x0, y0 = c * tiles.step_x - tiles.offset_x, r * tiles.step_y - tiles.offset_y
            x1, y1 = x0 + tiles.window_w, y0 + tiles.window_h
            meets = any(px * s < x1 and (px + pw) * s > x0 and py * s < y1 and (py + ph) * s > y0
                        for px, py, pw, ph in plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm"))[0].parts())  # fmt: skip
            assert meets == ((c, r) in kept), (c, r)


def test_sheets_turned_to_print_the_fewest():
    m = load_map(EXAMPLE)
    auto, port, land = (
        plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm", tile_orientation=o))[1]
        for o in ("auto", "portrait", "landscape")
    )
    assert auto.total == min(port.total, land.total)
    assert port.total != land.total  # the choice matters here: the empty sheets differ
    # --all-sheets prints the same grid, with the empty sheets too
    every = plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm", all_sheets=True))[1]
    assert (every.cols, every.rows, every.total) == (auto.cols, auto.rows, auto.grid_total)


@needs_poppler
def test_sheet_labels_name_row_and_column_not_a_paper(wall):
    reader = pypdf.PdfReader(wall)
    total = len(reader.pages) - 1
    papers = {re.sub(r"\s", "", n).upper() for n in PAPERS}
    for page in (2, 3, total + 1):
        text = pdftotext(wall, page)
        label = re.search(r"(R(\d+)C(\d+)) - (\d+)/(\d+) - Business laptop fleet", text)
        assert label, text
        assert label[1] not in papers and int(label[5]) == total
    guide = pdftotext(wall, 1)
    names = set(re.findall(r"\bR\d+C\d+\b", guide))
    assert names and not names & papers
    # no spreadsheet names such as "A1" or "B3" left: the only "A4" is the sheet paper
    assert set(re.findall(r"\b[A-Z]{1,2}\d+\b", guide)) <= {"A4"}


def test_choose_sheets_by_row_and_column(tmp_path, capsys):
    code, out, text = export(tmp_path, "two.pdf", "--tile", "A4", "--paper", "3000x1500mm", "--sheets", "R2 C7,R3C7",
                             capsys=capsys)  # fmt: skip
    assert code == 0, text
    assert len(sizes_mm(out)) == 3 and "2 of" in text


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--tile", "A4", "--paper", "20000x10000mm"], "(--paper): it needs 4,200 A4 sheets"),
        (["--tile", "A4", "--paper", "200000x1000mm"], "more than 100 m"),
        (["--tile", "A4", "--grid", "60x40"], "grid 60x40 (--grid) needs 2,400 A4 sheets"),
        (["--tile", "A4", "--scale", "5000"], "scale 5000 % (--scale)"),
        (["--tile", "A4", "--overlap", "400"], "overlap 400 mm: at most half"),
        (["--tile", "A4", "--overlap", "110", "--margin", "5"], "overlap 110 mm"),
        (["--tile", "A4", "--sheets", "A4"], "named by row and column"),
        (["--tile", "A4", "--paper", "3000x1500mm", "--sheets", "R1C1"], "entirely empty (--all-sheets"),
        (["--all-sheets"], "need --tile"),
        (["--paper", "6000x1000mm"], "5080 mm"),  # one page is still limited
        (["--paper", "3000x1200mm", "--orientation", "landscape"], "--orientation"),
    ],
)
def test_impossible_walls_are_one_line_exit_2_and_no_file(tmp_path, capsys, flags, message):
    code, out, text = export(tmp_path, "bad.pdf", *flags, capsys=capsys)
    assert code == 2
    assert message in text and text.count("\n") == 1 and text.startswith("journeymap: ")
    assert not out.exists() and list(tmp_path.iterdir()) == []
