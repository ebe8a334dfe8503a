"""File > Export dialog: the live preview follows the options (sheet counts from the plan),
invalid options disable Export with their message, options are remembered per map, and Export
writes the file the (monkeypatched) file dialog names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.io.pdf import PrintOptions
from app.io.pdf import plan as pdf_plan
from app.model.document import Document
from app.widgets.export import dialog as ed
from app.widgets.export.dialog import ExportDialog, export_via_dialog
from tests.model_factory import small_map


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make(qtbot, settings):
    def make(m=None, **kw):
        dialog = ExportDialog(m if m is not None else small_map(), None, "export", settings=settings, **kw)
        qtbot.addWidget(dialog)
        return dialog

    return make


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[2] if len(a) > 2 else ""))
        )
    return shown


def _save_as(monkeypatch, path):
    asked = []

    def fake(parent, caption, start, filters):
        asked.append((start, filters))
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def test_wall_size_empty_sheets_and_custom_paper(make):
    """A WxHmm wall leaves its empty sheets out unless asked; the summary says how much of the
    area the map fills; a WxHmm page cannot be turned."""
    from app.io.jsonfile import load_map
    from tests.test_pdf_wall import EXAMPLE

    m = load_map(EXAMPLE)
    d = make(m)
    d.set_kind("tiles")
    d.tile.setEditText("A4")
    d.size_poster.setChecked(True)
    d.poster_size.setEditText("3000x1500mm")
    tiles = pdf_plan(m, PrintOptions(tile="A4", poster_size="3000x1500mm"))[1]
    assert tiles.total < tiles.grid_total
    assert d.sheet_count == tiles.total
    assert f"the map fills {tiles.map_share * 100:.0f} % of the area" in d.summary.text()
    d.all_sheets.setChecked(True)
    assert d.sheet_count == tiles.grid_total
    d.set_kind("pdf")
    d.paper.setEditText("A1")
    assert d.orientation.isEnabled()
    d.paper.setEditText("1200x800mm")
    assert not d.orientation.isEnabled()


def test_preview_sheet_count_follows_the_plan(make):
    m = small_map()
    d = make(m)
    d.set_kind("tiles")
    d.tile.setEditText("A4")
    d.size_poster.setChecked(True)
    d.poster_size.setEditText("A0")
    want = len(pdf_plan(m, PrintOptions(tile="A4", poster_size="A0"))[1].sheets)
    assert want > 4
    assert d.sheet_count == want
    assert f"{want} of {want} A4 sheets" in d.summary.text()
    assert d.preview.plan is d.plan and d.preview.plan.total == want
    d.tile.setEditText("A3")
    want_a3 = len(pdf_plan(m, PrintOptions(tile="A3", poster_size="A0"))[1].sheets)
    assert want_a3 < want and d.sheet_count == want_a3
    d.sheets.setText("R1C1,R1C2-R2C2")
    assert d.sheet_count == 3 and d.summary.text().startswith(f"3 of {want_a3}")
    d.size_grid.setChecked(True)
    d.grid_cols.setValue(2)
    d.grid_rows.setValue(2)
    assert d.plan.cols * d.plan.rows == 4


def test_poster_preview_and_page(make):
    d = make()
    d.set_kind("pdf")
    d.paper.setEditText("A3")
    d.orientation.setCurrentText("landscape")
    assert d.plan.paper == "A3" and d.plan.orientation == "landscape"
    assert "A3 landscape" in d.summary.text() and d.sheet_count == 1
    d.fit.setChecked(False)
    d.scale.setValue(5000)
    assert "use --scale" in d.message.text() or "larger than" in d.message.text()
    assert not d.export_button.isEnabled()


def test_invalid_overlap_disables_export_and_shows_the_message(make):
    d = make()
    d.set_kind("tiles")
    assert d.export_button.isEnabled() and d.message.text() == ""
    d.printer_margin.setValue(5)
    d.overlap.setValue(2)
    assert not d.export_button.isEnabled()
    assert d.message.text() == "overlap 2 mm: must be at least the printer margin (5 mm)"
    assert not d.message.isHidden()
    assert d.preview.plan is None
    d.overlap.setValue(8)
    assert d.export_button.isEnabled() and d.message.isHidden()


def test_bad_sheet_list_and_too_big_picture(make):
    d = make()
    d.set_kind("tiles")
    d.sheets.setText("R99C1")
    assert "outside" in d.message.text() and not d.export_button.isEnabled()
    d.set_kind("png")
    assert d.export_button.isEnabled()
    d.dpi.setValue(2400)
    assert "dpi or less" in d.message.text() and not d.export_button.isEnabled()
    d.by_width.setChecked(True)
    d.px_width.setValue(1000)
    assert d.export_button.isEnabled()
    assert d.summary.text().startswith("PNG 1000 x ")


def test_options_remembered_per_map(make, settings):
    m, other = small_map(), small_map()
    other.id = "map-other"
    d = make(m)
    d.set_kind("tiles")
    d.tile.setEditText("A3")
    d.size_grid.setChecked(True)
    d.grid_cols.setValue(4)
    d.grid_rows.setValue(2)
    d.overlap.setValue(12)
    d.sheets.setText("R1C1-R2C2")
    d.legend.setChecked(False)
    d.reject()
    again = make(m)
    assert again.kind() == "tiles"
    opts = again.tile_options()
    assert (opts.tile, opts.grid, opts.overlap_mm, opts.sheets, opts.legend) == (
        "A3",
        (4, 2),
        12.0,
        "R1C1-R2C2",
        False,
    )
    assert again.sheet_count == 4
    fresh = make(other)
    assert fresh.kind() == "pdf" and fresh.tile_options().grid is None and fresh.legend.isChecked()
    stored = settings.value(f"export/{m.id}")
    assert '"grid": [4, 2]' in stored


def test_picture_options_remembered(make):
    m = small_map()
    d = make(m)
    d.set_kind("svg")
    d.transparent.setChecked(True)
    d.by_width.setChecked(True)
    d.px_width.setValue(1234)
    d.accept()
    again = make(m)
    assert again.kind() == "svg"
    opts = again.image_options()
    assert (opts.format, opts.transparent, opts.width) == ("svg", True, 1234)


def test_unreadable_settings_fall_back_to_defaults(make, settings):
    m = small_map()
    settings.setValue(f"export/{m.id}", '{"kind": "tiles", "tiles": {"overlap_mm": -4}}')
    d = make(m)
    assert d.kind() == "pdf" and d.export_button.isEnabled()


def test_export_pdf_writes_the_file(make, monkeypatch, tmp_path, messages):
    out = tmp_path / "poster.pdf"
    d = make(path_hint=tmp_path / "trip.journey.json")
    asked = _save_as(monkeypatch, out)
    d.set_kind("pdf")
    d.paper.setEditText("A3")
    d.export_button.click()
    assert asked[0][0] == str(tmp_path / "trip.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert d.last_result.path == out and d.last_result.pages == 1
    assert d.result() == ExportDialog.DialogCode.Accepted
    assert messages == []


def test_export_png_of_the_selection(make, monkeypatch, tmp_path, messages):
    from PySide6.QtGui import QImage

    m = small_map()
    out = tmp_path / "sel"  # no suffix: the format's is added
    d = make(Document(m), selection_ids=[m.cards[0].id])
    _save_as(monkeypatch, out)
    d.set_kind("png")
    d.selected.setChecked(True)
    d.dpi.setValue(72)
    d.export_button.click()
    png = tmp_path / "sel.png"
    image = QImage(str(png))
    assert not image.isNull()
    geo = d._layout.card(m.cards[0].id).rect
    assert (image.width(), image.height()) == (round(geo.w), round(geo.h))


def test_export_svg_and_cancel(make, monkeypatch, tmp_path):
    d = make()
    d.set_kind("svg")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    d.export_button.click()
    assert d.last_result is None and list(tmp_path.iterdir()) == []
    _save_as(monkeypatch, tmp_path / "m.svg")
    d.export_button.click()
    assert (tmp_path / "m.svg").read_text().lstrip().startswith("<?xml")


def test_missing_glyphs_are_reported(make, monkeypatch, tmp_path, messages):
    m = small_map()
    m.cards[0].title = "Private \ue123 use"
    d = make(m)
    _save_as(monkeypatch, tmp_path / "m.pdf")
    d.export_button.click()
    assert d.last_result.missing == "\ue123"
    assert messages and messages[0][0] == "warning" and "U+E123" in messages[0][1]


def test_export_error_is_shown_and_the_dialog_stays(make, monkeypatch, tmp_path, messages):
    d = make()
    _save_as(monkeypatch, tmp_path / "no" / "such" / "m.pdf")
    d.export_button.click()
    assert d.last_result is None
    assert "does not exist" in d.message.text()
    assert messages and messages[0][0] == "warning"
    assert d.isVisible() or d.result() != ExportDialog.DialogCode.Accepted


@pytest.mark.parametrize("kind", ["pdf", "tiles", "png", "svg"])
def test_preview_paints(make, kind):
    d = make(selection_ids=["c-s0-l-act-0"])
    d.set_kind(kind)
    d.resize(900, 600)
    image = d.preview.grab().toImage()
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 5  # more than the grey backdrop: the page and the map


def test_export_via_dialog(qtbot, monkeypatch, tmp_path, settings):
    out = tmp_path / "m.pdf"
    _save_as(monkeypatch, out)
    monkeypatch.setattr(ed, "QSettings", lambda: settings)
    monkeypatch.setattr(ExportDialog, "exec", lambda self: self.on_export())
    result = export_via_dialog(None, Document(small_map()), (), None)
    assert result is not None and result.path == out and out.exists()
    monkeypatch.setattr(ExportDialog, "exec", lambda self: self.reject())
    assert export_via_dialog(None, Document(small_map()), (), None) is None


@pytest.mark.parametrize("answer", ["cancel", "yes"])
def test_export_over_a_journey_map_asks_and_keeps_a_bak(make, monkeypatch, tmp_path, answer):
    from app.io.mapsave import save_map

    target = tmp_path / "plan.journey.json"
    save_map(small_map(), target, backup=False)
    old = target.read_bytes()
    asked = []
    choice = QMessageBox.StandardButton.Yes if answer == "yes" else QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or choice)
    d = make(path_hint=tmp_path / "trip.journey.json")
    _save_as(monkeypatch, target)  # the user picked the map file itself in the save dialog
    d.set_kind("pdf")
    d.export_button.click()
    assert len(asked) == 1 and "plan.journey.json" in asked[0] and "is a journey map" in asked[0]
    if answer == "cancel":
        assert target.read_bytes() == old and not (tmp_path / "plan.journey.json.bak").exists()
        assert d.last_result is None
    else:
        assert target.read_bytes().startswith(b"%PDF")
        assert (tmp_path / "plan.journey.json.bak").read_bytes() == old
