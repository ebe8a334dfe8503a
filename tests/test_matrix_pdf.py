"""The importance-versus-performance matrix as a page of the PDF (`journeymap export --matrix`):
present with the option (after the poster, or after a tiled print's sheets), absent without it,
drawn from the same chart geometry as the editor's dock, refused for pictures and bad views."""

from __future__ import annotations

import re

import pytest

from app.cli import main
from app.io.mapsave import save_map
from app.io.pdf import PrintError, PrintOptions, options_from_flags, render_pdf
from app.io.pdf.matrix_page import CHART_W, PAGE_MARGIN
from app.model.matrix import QUADRANT_LABEL, matrix_chart
from tests.main_window_support import EXAMPLE
from tests.pdf_support import flat, needs_poppler, pdfinfo, pdftotext, run
from tests.test_matrix_model import rated_map

QUADRANTS = [flat(q) for q in QUADRANT_LABEL.values()]


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "rated.journey.json"
    save_map(rated_map(), path)
    return path


@needs_poppler
def test_the_matrix_page_follows_the_poster(map_file, tmp_path, capsys):
    out = tmp_path / "poster.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A3", "--matrix", "customer"]) == 0
    assert "matrix on page 2" in capsys.readouterr().out
    assert pdfinfo(out)["Pages"] == "2"
    page = flat(pdftotext(out, 2))
    assert all(q in page for q in QUADRANTS), page
    assert flat("Importance versus performance: customer view") in page
    assert all(f"T{c}" in page for c in "abcde")  # the key names the rated cards (T a .. T e)
    poster = flat(pdftotext(out, 1))
    assert not any(q in poster for q in QUADRANTS)
    # the page has the poster's size
    sizes = pdfinfo(out, "-f", "1", "-l", "2")
    assert sizes["Page    1 size"] == sizes["Page    2 size"]


@needs_poppler
def test_without_the_option_there_is_no_matrix_page(map_file, tmp_path):
    out = tmp_path / "poster.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A3"]) == 0
    assert pdfinfo(out)["Pages"] == "1"
    assert not any(q in flat(pdftotext(out)) for q in QUADRANTS)


@needs_poppler
def test_tiled_print_ends_with_the_matrix_on_a_sheet(tmp_path):
    out = tmp_path / "wall.pdf"
    assert (
        main(["export", str(EXAMPLE), "-o", str(out), "--tile", "A4", "--grid", "2x1", "--matrix", "both"])
        == 0
    )
    pages = int(pdfinfo(out)["Pages"])
    assert pages == 1 + 2 + 1  # guide, two sheets, the matrix
    last = flat(pdftotext(out, pages))
    assert all(q in last for q in QUADRANTS)
    assert flat("internal (dashed) to customer") in last
    sizes = pdfinfo(out, "-f", "2", "-l", str(pages))
    assert sizes["Page    2 size"] == sizes[f"Page    {pages} size"]


@needs_poppler
def test_the_page_draws_the_models_placement(map_file, tmp_path):
    """The page's chart is the model's chart at the page's proportions: each marker's number
    is printed where the model puts the marker (scaled into the page's margin)."""
    from app.io.jsonfile import load_map

    m = load_map(map_file)
    opts = PrintOptions(paper="A4", orientation="landscape", matrix="internal", personas=False, legend=False,
                        notes=False)  # fmt: skip
    data, result = render_pdf(m, opts)
    assert result.pages == 2 and result.matrix_page == 2
    out = tmp_path / "m.pdf"
    out.write_bytes(data)
    words = []
    for line in run("pdftotext", "-bbox", "-f", "2", "-l", "2", str(out), "-").splitlines():
        found = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line
        )
        if found:
            x0, y0, x1, y1 = (float(v) for v in found.groups()[:4])
            words.append((found.group(5), (x0 + x1) / 2, (y0 + y1) / 2))
    w, h = 841.89, 595.28
    chart = matrix_chart(m, "internal", CHART_W, CHART_W * (h - 2 * PAGE_MARGIN) / (w - 2 * PAGE_MARGIN))
    s = (w - 2 * PAGE_MARGIN) / CHART_W
    assert {mk.card_id for mk in chart.markers} == {"a", "c", "d"}
    for mk in chart.markers:
        x, y = PAGE_MARGIN + mk.x * s, PAGE_MARGIN + mk.y * s
        near = [t for t, wx, wy in words if abs(wx - x) < 2.5 and abs(wy - y) < 3.5]
        assert str(mk.number) in near, (mk.card_id, x, y, [wd for wd in words if wd[0] == str(mk.number)])


@pytest.mark.parametrize("bad", ["sideways", 3, None])
def test_bad_matrix_views_are_refused(bad):
    with pytest.raises(PrintError, match="matrix|expected text"):
        PrintOptions(matrix=bad).validate()
    assert options_from_flags(matrix="both").matrix == "both"
    assert PrintOptions.from_dict(PrintOptions(matrix="internal").to_dict()).matrix == "internal"


def test_matrix_is_for_a_pdf_not_a_picture(map_file, tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["export", str(map_file), "-o", str(out), "--matrix", "both"]) == 2
    assert "--matrix" in capsys.readouterr().err and not out.exists()
    assert main(["export", str(map_file), "-o", str(tmp_path / "x.pdf"), "--matrix", "upside"]) == 2


@needs_poppler
def test_the_export_dialog_offers_the_matrix_page(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from app.widgets.export.dialog import ExportDialog

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    m = rated_map()
    d = ExportDialog(m, None, "export", settings=settings)
    qtbot.addWidget(d)
    d.show()
    combo = d.matrix
    assert combo.currentData() == "" and d.print_options().matrix == ""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "internal" and d.print_options().matrix == "internal"
    out = tmp_path / "poster.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), a[-1]))
    d.paper.setEditText("A4")
    d.export_button.click()
    assert d.last_result.pages == 2 and d.last_result.matrix_page == 2
    page = flat(pdftotext(out, 2))
    assert all(q in page for q in QUADRANTS) and flat("internal view") in page
    again = ExportDialog(m, None, "export", settings=settings)  # remembered with the map's options
    qtbot.addWidget(again)
    assert again.matrix.currentData() == "internal"
