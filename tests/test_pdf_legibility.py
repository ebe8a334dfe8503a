"""Legible at the distance (issue 10, item 4): the rule (16 arc minutes of cap height, ISO
9241-3), the `warning:` line of `journeymap export`, `--viewing-distance`, `--scale distance`,
and the export dialog's live warning and "Fit for distance" choice."""

from __future__ import annotations

import math
import re

import pytest
from PySide6.QtCore import QSettings

from app.cli import main
from app.io.mapsave import save_map
from app.io.pdf import PrintOptions
from app.io.pdf import legibility as lg
from app.io.pdf import plan as pdf_plan
from app.io.pdf.export import render_pdf
from app.model.textlayout import BODY_SIZE, META_SIZE
from app.widgets.export.dialog import ExportDialog
from tests.model_factory import small_map
from tests.pdf_support import text_map

EXAMPLE = "resources/examples/b2b-hardware.journey.json"


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "m.journey.json"
    save_map(text_map(), path)
    return path


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning:")]


# ------------------------------------------------------------------ the rule
def test_the_rule_is_16_arc_minutes_of_cap_height():
    assert lg.CAP_MM_PER_M == pytest.approx(4.654, abs=0.001)
    # measured from Vera's "H": 1493 of 2048 units
    assert lg.cap_ratio() == pytest.approx(1493 / 2048)
    # 8.5 pt at 100 %: 8.5 * 0.729 * 25.4 / 72 = 2.19 mm of capitals, readable from 0.47 m
    assert lg.cap_mm(BODY_SIZE, 1.0) == pytest.approx(2.186, abs=0.002)
    assert lg.readable_from_m(BODY_SIZE, 1.0) == pytest.approx(0.4697, abs=0.001)
    s = lg.scale_for(BODY_SIZE, 2.0)
    assert lg.readable_from_m(BODY_SIZE, s) == pytest.approx(2.0)
    assert math.isclose(s, 2.0 / 0.4697, rel_tol=1e-3)


def test_the_smallest_card_text_is_what_the_cards_print():
    m = text_map()
    assert lg.smallest_card_text(m).size == META_SIZE  # a card has a channel or owner
    for c in m.cards:
        c.channel = c.owner = ""
    assert lg.smallest_card_text(m).size == (BODY_SIZE if any(c.body for c in m.cards) else 10.0)
    assert lg.smallest_card_text(m, blank=True) is None


# ------------------------------------------------------------------ the command
def test_warning_line_when_card_text_is_too_small(map_file, tmp_path, capsys):
    out = tmp_path / "a4.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A4"]) == 0
    lines = _warnings(capsys.readouterr().err)
    assert len(lines) == 1
    line = lines[0]
    assert "readable from about" in line and "not from 2 m" in line and "--scale" in line
    _, layout_plan = pdf_plan(text_map(), PrintOptions(paper="A4"))
    text = lg.smallest_card_text(text_map())
    assert f"{lg.readable_from_m(text.size, layout_plan.scale):.2g} m" in line
    # the fix it names reads from 2 m
    pct = lg.percent_up(lg.scale_for(text.size, 2.0))
    assert f"--scale {pct:g}" in line and lg.readable_from_m(text.size, pct / 100) >= 2.0


def test_no_warning_from_close_enough(map_file, tmp_path, capsys):
    out = tmp_path / "a4.pdf"
    _, layout_plan = pdf_plan(text_map(), PrintOptions(paper="A4"))
    near = lg.readable_from_m(lg.smallest_card_text(text_map()).size, layout_plan.scale) * 0.95
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A4", "--viewing-distance", f"{near:.4f}"]) == 0
    assert _warnings(capsys.readouterr().err) == []
    far = near / 0.95 * 1.1
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A4", "--viewing-distance", f"{far:.4f}"]) == 0
    assert len(_warnings(capsys.readouterr().err)) == 1


@pytest.mark.parametrize("value", ["0", "-1.5", "nan"])
def test_bad_viewing_distance_is_one_line_exit_2_no_file(map_file, tmp_path, capsys, value):
    out = tmp_path / "bad.pdf"
    assert main(["export", str(map_file), "-o", str(out), f"--viewing-distance={value}"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--viewing-distance" in err
    assert not out.exists()


def test_viewing_distance_is_for_pdf_only(map_file, tmp_path, capsys):
    out = tmp_path / "m.svg"
    assert main(["export", str(map_file), "-o", str(out), "--viewing-distance", "2"]) == 2
    assert "--viewing-distance" in capsys.readouterr().err and not out.exists()


def test_scale_distance_on_a_poster_makes_card_text_readable(map_file, tmp_path, capsys):
    m = text_map()
    text = lg.smallest_card_text(m)
    want = lg.percent_up(lg.scale_for(text.size, 1.0))
    out = tmp_path / "fit.pdf"
    args = ["export", str(map_file), "-o", str(out), "--paper", "A0", "--scale", "distance", "--viewing-distance", "1"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert _warnings(captured.err) == []
    assert f"at {want:.3g} %" in captured.out
    _, result = render_pdf(m, PrintOptions(paper="A0", fit_distance=True, viewing_distance=1.0))
    assert result.scale == pytest.approx(want) and result.legibility == ""
    assert lg.readable_from_m(text.size, result.scale / 100) >= 1.0


def test_scale_distance_on_a_too_small_paper_names_a_paper_that_holds_it(map_file, tmp_path, capsys):
    out = tmp_path / "no.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A5", "--scale", "distance"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--scale distance" in err and "A5" in err
    assert re.search(r"--paper \d?A\d|--tile", err)
    assert not out.exists()


def test_scale_distance_tiled_chooses_the_wall(map_file, tmp_path, capsys):
    m = text_map()
    text = lg.smallest_card_text(m)
    out = tmp_path / "wall.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--tile", "A4", "--scale", "distance",
                 "--viewing-distance", "3"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert _warnings(captured.err) == []
    _, result = render_pdf(m, PrintOptions(tile="A4", fit_distance=True, viewing_distance=3.0))
    assert result.scale == pytest.approx(lg.percent_up(lg.scale_for(text.size, 3.0)))
    assert f"{result.poster_mm[0]:.0f} x {result.poster_mm[1]:.0f} mm" in captured.out
    # a wall size and fit-for-distance cannot both size the wall
    assert main(["export", str(map_file), "-o", str(out), "--tile", "A4", "--paper", "2000x1000mm",
                 "--scale", "distance"]) == 2  # fmt: skip
    assert "scale distance" in capsys.readouterr().err


def test_example_a0_poster_warns_and_fits(tmp_path, capsys):
    out = tmp_path / "example.pdf"
    assert main(["export", EXAMPLE, "-o", str(out)]) == 0
    (line,) = _warnings(capsys.readouterr().err)
    assert "not from 2 m" in line and "--tile A4 --scale" in line  # no single sheet holds it


# ------------------------------------------------------------------ the dialog
@pytest.fixture
def dialog(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    d = ExportDialog(small_map(), None, "export", settings=settings)
    qtbot.addWidget(d)
    d.set_kind("pdf")
    d.fit.setChecked(True)
    d.distance.setValue(2.0)
    d.fit_distance.setChecked(False)
    return d


def test_dialog_warning_follows_the_paper(dialog):
    m = dialog.map
    text = lg.smallest_card_text(m)
    dialog.paper.setCurrentText("A5")
    assert not dialog.legibility.isHidden()
    small = dialog.legibility.text()
    assert "not from 2 m" in small and f"{lg.readable_from_m(text.size, dialog.plan.scale):.2g} m" in small
    # a paper on which the fitted poster reads from 2 m: the warning goes
    fits = [p for p in ("A3", "A2", "A1", "A0", "2A0", "4A0")
            if lg.readable_from_m(text.size, pdf_plan(m, PrintOptions(paper=p))[1].scale) >= 2.0]  # fmt: skip
    dialog.paper.setCurrentText(fits[0])
    assert dialog.legibility.isHidden() and dialog.legibility.text() == ""
    dialog.paper.setCurrentText("A4")
    assert not dialog.legibility.isHidden() and dialog.legibility.text() != small  # A4 reads from farther


def test_dialog_fit_for_distance(dialog):
    text = lg.smallest_card_text(dialog.map)
    dialog.paper.setCurrentText("4A0")
    dialog.distance.setValue(1.5)
    dialog.fit_distance.setChecked(True)
    assert not dialog.scale.isEnabled()
    assert dialog.plan.scale * 100 == pytest.approx(lg.percent_up(lg.scale_for(text.size, 1.5)))
    assert dialog.legibility.isHidden()
    assert dialog.print_options().fit_distance and dialog.print_options().viewing_distance == 1.5
