"""`journeymap export -o OUT.png|OUT.svg`: formats from the extension, --dpi/--width/--transparent,
exit codes, one-line errors that write nothing, and a headless run without a display."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli import main
from app.io.mapsave import save_map
from app.model.layout import build_layout
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def map_file(tmp_path, qapp):
    path = tmp_path / "m.journey.json"
    save_map(small_map(), path)
    return path


def _size(path) -> tuple[int, int]:
    image = QImage(str(path))
    assert not image.isNull()
    return image.width(), image.height()


def _only_map_file(tmp_path) -> None:
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.journey.json"]


def test_png_at_the_default_150_dpi(map_file, tmp_path, capsys):
    out = tmp_path / "m.png"
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    b = build_layout(small_map()).bounds
    assert _size(out) == (round(b.w * 150 / 72), round(b.h * 150 / 72))
    stdout = capsys.readouterr().out
    assert stdout.count("\n") == 1 and "150 dpi" in stdout


def test_png_dpi_width_and_transparent(map_file, tmp_path):
    b = build_layout(small_map()).bounds
    out = tmp_path / "m.png"
    assert main(["export", str(map_file), "-o", str(out), "--dpi", "72"]) == 0
    assert _size(out) == (round(b.w), round(b.h))
    assert main(["export", str(map_file), "-o", str(out), "--width", "640", "--transparent"]) == 0
    assert _size(out)[0] == 640
    image = QImage(str(out))
    assert image.hasAlphaChannel() and image.pixelColor(639, 5).alpha() == 0


def test_format_flag_overrides_the_extension(map_file, tmp_path):
    out = tmp_path / "picture.img"
    assert main(["export", str(map_file), "-o", str(out), "--format", "png"]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_svg(map_file, tmp_path, capsys):
    out = tmp_path / "m.svg"
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Card 0 in Stage 0" in texts
    assert "SVG" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name, extra, message",
    [
        ("m.png", ["--dpi", "0"], "--dpi 0: between"),
        ("m.png", ["--dpi", "abc"], "--dpi 'abc'"),
        ("m.png", ["--dpi", "5000"], "between 10 and 2400"),
        ("m.png", ["--width", "12.5"], "whole number"),
        ("m.png", ["--width", "0"], "--width 0 px"),
        ("m.png", ["--width", "99999"], "between 1 and"),
        ("m.png", ["--dpi", "100", "--width", "800"], "not both"),
        ("m.png", ["--dpi", "2400"], "dpi or less"),  # too big: 27000 x 24770 px
        ("m.png", ["--tile", "A4"], "--tile: for a PDF"),
        ("m.png", ["--paper", "A3", "--no-legend"], "--paper, --no-legend: for a PDF"),
        ("m.svg", ["--dpi", "300"], "for png"),
        ("m.pdf", ["--transparent"], "--transparent: for png or svg"),
        ("m.gif", [], "export writes pdf, png, svg"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(map_file, tmp_path, capsys, name, extra, message):
    assert main(["export", str(map_file), "-o", str(tmp_path / name), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count("\n") == 1 and err.startswith("journeymap: ")
    _only_map_file(tmp_path)


@pytest.mark.parametrize("name", ["m.png", "m.svg"])
def test_unwritable_output(map_file, tmp_path, capsys, name):
    assert main(["export", str(map_file), "-o", str(tmp_path / "no" / name)]) == 2
    assert "does not exist" in capsys.readouterr().err
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        assert main(["export", str(map_file), "-o", str(ro / name)]) == 2
        err = capsys.readouterr().err
        assert "not writable" in err and err.count("\n") == 1
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)


def test_a_folder_as_output(map_file, tmp_path, capsys):
    folder = tmp_path / "x.png"
    folder.mkdir()
    assert main(["export", str(map_file), "-o", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_headless_without_a_display(map_file, tmp_path):
    """No DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM: the exporter goes offscreen itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "m.png"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "export", str(map_file), "-o", str(out), "--dpi", "30"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_pdf_export_stays_qt_free(map_file, tmp_path):
    code = (
        "import sys; from app.cli import main; "
        f"rc = main(['export', {str(map_file)!r}, '-o', {str(tmp_path / 'm.pdf')!r}]); "
        "assert rc == 0; assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
