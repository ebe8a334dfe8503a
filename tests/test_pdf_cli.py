"""`journeymap export`: exit codes, one-line errors, nothing written on failure, warnings on
stderr; and PrintOptions as a GUI stores them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.cli import main
from app.io.mapsave import save_map
from app.io.pdf import PrintError, PrintOptions, options_from_flags
from tests.pdf_support import add_card, needs_poppler, pdfinfo, text_map


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "m.journey.json"
    save_map(text_map(), path)
    return path


def test_export_pdf(map_file, tmp_path, capsys):
    out = tmp_path / "poster.pdf"
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    stdout = capsys.readouterr().out
    assert str(out) in stdout and "mm" in stdout


@needs_poppler
def test_export_paper_and_tiles(map_file, tmp_path):
    out = tmp_path / "a3.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A3", "--orientation", "portrait"]) == 0
    assert pdfinfo(out)["Page size"].startswith("841.89 x 1190.55")
    tiles = tmp_path / "tiles.pdf"
    args = ["export", str(map_file), "-o", str(tiles), "--tile", "A4", "--scale", "300", "--overlap", "12"]
    assert main(args) == 0
    pages = int(pdfinfo(tiles)["Pages"])
    assert pages >= 3
    some = tmp_path / "some.pdf"
    assert main([*args[:3], str(some), *args[4:], "--sheets", "R1C1,R1C2"]) == 0
    assert int(pdfinfo(some)["Pages"]) == 3


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--paper", "Z9"], "unknown paper"),
        (["--paper=-200x100mm"], "positive"),
        (["--paper", "6000x900mm"], "5080 mm"),
        (["--scale", "abc"], "percentage"),
        (["--scale", "-20"], "more than 0"),
        (["--paper", "A4", "--scale", "900"], "use --scale"),
        (["--margin", "-3"], "negative"),
        (["--tile", "A4", "--overlap", "150"], "at most half"),
        (["--tile", "A4", "--overlap", "2"], "at least the printer margin"),
        (["--tile", "A4", "--sheets", "R77C1"], "outside"),
        (["--tile", "A4", "--bleed", "3"], "--bleed"),
        (["--sheets", "R1C1"], "need --tile"),
        (["--tile", "A4", "--grid", "4by3"], "columns x rows"),
    ],
)
def test_bad_options_exit_2_with_one_line_and_write_nothing(map_file, tmp_path, capsys, extra, message):
    out = tmp_path / "out.pdf"
    assert main(["export", str(map_file), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("journeymap: ")
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.journey.json"]


@pytest.mark.parametrize("name", ["out.jpg", "out.txt", "out"])
def test_formats_not_available_are_refused(map_file, tmp_path, capsys, name):
    assert main(["export", str(map_file), "-o", str(tmp_path / name)]) == 2
    assert "export writes pdf, png, svg" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_format_flag_offers_pdf_png_svg_only(map_file, tmp_path, capsys):
    assert main(["export", str(map_file), "-o", str(tmp_path / "x.pdf"), "--format", "jpg"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unwritable_output(map_file, tmp_path, capsys):
    assert main(["export", str(map_file), "-o", str(tmp_path / "no" / "such" / "out.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", str(map_file), "-o", str(tmp_path), "--format", "pdf"]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_missing_map_file(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.journey.json"), "-o", str(tmp_path / "o.pdf")]) == 2
    assert capsys.readouterr().err.startswith("journeymap: ")
    assert not (tmp_path / "o.pdf").exists()


def test_missing_glyphs_warn_on_stderr_and_still_export(tmp_path, capsys):
    m = text_map()
    add_card(m, "private use \ue123")
    path = tmp_path / "m.journey.json"
    save_map(m, path)
    out = tmp_path / "o.pdf"
    assert main(["export", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "U+E123" in err
    assert out.exists()


def test_real_process_exit_codes(map_file, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "app.cli", "export", str(map_file), "-o", str(tmp_path / "a.pdf")],
                        capture_output=True, text=True)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "app.cli", "export", str(map_file), "-o", str(tmp_path / "b.pdf"),
                          "--paper", "nonsense"], capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- PrintOptions for a GUI
def test_options_round_trip_through_json():
    import json

    opts = PrintOptions(tile="A3", grid=(3, 2), overlap_mm=12, sheets="R1C1-R2C2", legend=False, date="2026-02-03")
    data = json.loads(json.dumps(opts.to_dict()))
    assert PrintOptions.from_dict(data) == opts
    assert PrintOptions.from_dict({"paper": "A1", "unknown": 1}) == PrintOptions(paper="A1")


@pytest.mark.parametrize("data", [{"scale": "big"}, {"personas": "yes"}, {"grid": [1]}, {"paper": 3}, []])
def test_stored_options_are_checked(data):
    with pytest.raises(PrintError):
        PrintOptions.from_dict(data)


def test_flags_mean_what_the_help_says():
    o = options_from_flags(paper="A1", scale="fit", margin=15)
    assert (o.paper, o.scale, o.margin_mm, o.tiled) == ("A1", None, 15, False)
    t = options_from_flags(paper="A0", tile="A4", orientation="landscape", margin=4, overlap=8, grid=None)
    assert (t.poster_size, t.tile_orientation, t.printer_margin_mm, t.overlap_mm) == ("A0", "landscape", 4, 8)
    assert options_from_flags(tile="A4", scale="50%").scale == 50
    assert options_from_flags(tile="A4", grid="4x3").grid == (4, 3)
    with pytest.raises(PrintError, match="needs --paper"):
        options_from_flags(tile="A4", scale="fit")
