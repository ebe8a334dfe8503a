"""Hostile map files and text (issue 8, items 3, 4, 6 and 7) through the real entry points.

A persona photo that is truncated, cannot be decoded, or is a decompression bomb (a 20 KB PNG
declaring 13,000 x 13,000 pixels); a control character in a title; numbers JSON can write but a
map cannot hold (``1e309``, ``NaN``): ``journeymap validate`` and ``export`` name the place (JSON
path or line and column) in one line without a traceback, the editor shows one message and no
wait cursor, and the PDF export of a map built around validation refuses the photo by its JSON
path. Everything the model accepts is text an SVG (XML 1.0) can hold.
"""

from __future__ import annotations

import base64
import io
import json
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.cli import main
from app.io.jsonfile import MapFileError, dumps_map, loads_map
from app.io.pdf import PrintError, PrintOptions, export_pdf
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
PHOTO_PATH = "map.personas[0].photo"


# ------------------------------------------------------------------ hostile images
def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def good_png() -> bytes:
    """A 48 x 48 photo of noise (so that its pixel data is long and does not compress away)."""
    rnd = random.Random(8)
    image = Image.frombytes("RGB", (48, 48), bytes(rnd.randrange(256) for _ in range(48 * 48 * 3)))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def truncated_png() -> bytes:
    data = good_png()
    return data[: len(data) * 6 // 10]  # cut off in the middle of the pixel data


def corrupt_png() -> bytes:
    """A PNG whose header reads but whose pixel data is noise (with valid checksums)."""
    data = good_png()
    at = data.index(b"IDAT") - 4
    length = struct.unpack(">I", data[at : at + 4])[0]
    noise = random.Random(3).randbytes(length)
    return data[:at] + _chunk(b"IDAT", noise) + data[at + 12 + length :]


def bomb_png(side: int = 13_000) -> bytes:
    """A black-and-white PNG of side x side pixels: about 20 KB that decode to 169 megapixels."""
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte, then the row's bits
    z = zlib.compressobj(9)
    body = b"".join(z.compress(row * 1000) for _ in range(side // 1000)) + z.compress(row * (side % 1000)) + z.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


PHOTOS = {
    "truncated": (truncated_png, "cannot be decoded"),
    "corrupt": (corrupt_png, "cannot be decoded"),
    "bomb": (bomb_png, "13000 x 13000 pixels; at most 4096 x 4096"),
}


def map_with_photo(raw: bytes):
    """A map whose first persona holds ``raw`` as its photo, set around validation (as a file
    written by another tool or a map built in memory would hold it)."""
    m = small_map()
    m.personas[0].photo = base64.b64encode(raw).decode("ascii")
    return m


def write(path: Path, m) -> Path:
    path.write_text(dumps_map(m), encoding="utf-8")
    return path


def error_lines(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()


def test_the_bomb_is_small_and_declares_13000_pixels_a_side():
    data = bomb_png()
    assert len(data) < 64 * 1024
    with pytest.warns(Image.DecompressionBombWarning), Image.open(io.BytesIO(data)) as image:
        assert image.size == (13_000, 13_000)
    with Image.open(io.BytesIO(corrupt_png())) as image:  # the header of the corrupt one reads
        assert image.size == (48, 48)


# ------------------------------------------------------------------ validate and export
@pytest.mark.parametrize("kind", sorted(PHOTOS))
def test_validate_names_the_photo_by_its_json_path(kind, tmp_path, capsys):
    make, words = PHOTOS[kind]
    path = write(tmp_path / f"{kind}.journey.json", map_with_photo(make()))
    assert main(["validate", str(path)]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: {PHOTO_PATH}: photo ") and words in lines[0]


def test_export_refuses_a_broken_photo_in_one_line_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path / "m.journey.json", map_with_photo(truncated_png()))
    for out in (tmp_path / "m.pdf", tmp_path / "m.png"):
        assert main(["export", str(path), "-o", str(out)]) == 2
        lines = error_lines(capsys)
        assert len(lines) == 1 and f"{path}: {PHOTO_PATH}: photo cannot be decoded" in lines[0]
        assert not out.exists()


def test_a_real_process_reports_every_file_without_a_traceback(tmp_path):
    paths = [write(tmp_path / f"{kind}.journey.json", map_with_photo(make())) for kind, (make, _) in PHOTOS.items()]
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate", *map(str, paths)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(": ")[:2] for line in lines] == [[str(p), PHOTO_PATH] for p in paths]


def test_a_control_character_in_text_is_refused_with_its_path(tmp_path, capsys):
    m = small_map()
    m.title = "Onboarding\x01"
    m.cards[3].tags = ["ok", "bell\x07"]
    path = write(tmp_path / "m.journey.json", m)
    assert main(["validate", str(path)]) == 2
    assert error_lines(capsys) == [
        f"{path}: map.title: control character U+0001 is not allowed",
        f"{path}: map.cards[3].tags[1]: control character U+0007 is not allowed",
    ]


def _with_number(literal: str, field: str = "value") -> str:
    """A map file holding ``literal`` as its first stage metric's ``field``."""
    data = json.loads(dumps_map(small_map()))
    data["map"]["metrics"][0][field] = "@NUMBER@"
    return json.dumps(data, indent=2).replace('"@NUMBER@"', literal)


def _line_column(text: str, literal: str) -> str:
    at = text.index(literal)
    line = text.count("\n", 0, at) + 1
    return f"line {line}, column {at - text.rfind(chr(10), 0, at)}"


@pytest.mark.parametrize("literal", ["1e309", "-1e400", "1E+309", "0.5e310", "NaN", "Infinity", "-Infinity"])
def test_numbers_a_map_cannot_hold_are_refused_with_line_and_column(literal, tmp_path, capsys):
    text = _with_number(literal)
    assert text.count(literal) == 1
    path = tmp_path / "m.journey.json"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith(f"{path}: {_line_column(text, literal)}: ")
    assert literal in lines[0]


def test_an_unknown_field_cannot_smuggle_infinity_either():
    text = _with_number("2e308", field="x-score")  # kept as it is, unknown to this build
    with pytest.raises(MapFileError, match=rf"^m.journey.json: {_line_column(text, '2e308')}: number 2e308 is out of range"):
        loads_map(text, "m.journey.json")


# ------------------------------------------------------------------ the editor
class CloseBoxes:
    """Closes every modal box the editor opens (however many), recording the text of each."""

    def __init__(self):
        self.boxes: list[list[str]] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._close)
        self.timer.start()

    def _close(self):
        box = QApplication.activeModalWidget()
        if box is not None:
            self.boxes.append([label.text() for label in box.findChildren(QLabel) if label.text()])
            box.close()

    def stop(self):
        self.timer.stop()


@pytest.mark.usefixtures("session_test_paths")
@pytest.mark.parametrize("hostile", ["photo", "control", "infinity"])
def test_the_editor_shows_one_message_and_keeps_the_map(hostile, tmp_path):
    from app.widgets.files.prompts import DialogPrompter
    from tests.session_support import new_session

    path = tmp_path / f"{hostile}.journey.json"
    if hostile == "photo":
        write(path, map_with_photo(truncated_png()))
        where = PHOTO_PATH
    elif hostile == "control":
        m = small_map()
        m.title = "Plan\x01"
        write(path, m)
        where = "map.title"
    else:
        text = _with_number("1e309")
        path.write_text(text, encoding="utf-8")
        where = _line_column(text, "1e309")
    session = new_session(tmp_path, DialogPrompter())
    doc = session.doc
    closer = CloseBoxes()
    try:
        assert not session.open(path)
    finally:
        closer.stop()
    assert len(closer.boxes) == 1
    assert any(text.startswith(f"{path}: {where}: ") for text in closer.boxes[0]), closer.boxes
    assert QApplication.overrideCursor() is None
    assert session.doc is doc and session.path is None


# ------------------------------------------------------------------ exports of maps built in memory
@pytest.mark.parametrize("kind", sorted(PHOTOS))
@pytest.mark.parametrize("tiled", [False, True])
def test_pdf_export_refuses_a_broken_photo_by_its_json_path(kind, tiled, tmp_path):
    make, words = PHOTOS[kind]
    out = tmp_path / "m.pdf"
    opts = PrintOptions(tile="A4") if tiled else PrintOptions()
    with pytest.raises(PrintError) as caught:
        export_pdf(map_with_photo(make()), out, opts)
    message = str(caught.value)
    assert message.startswith(f"{PHOTO_PATH}: photo ") and words in message and "\n" not in message
    assert not out.exists()


def test_pdf_without_persona_panels_never_reads_the_photo(tmp_path):
    result = export_pdf(map_with_photo(truncated_png()), tmp_path / "m.pdf", PrintOptions(personas=False))
    assert result.pages == 1 and (tmp_path / "m.pdf").exists()


def test_pictures_do_not_draw_photos_and_export_all_the_same(tmp_path, qapp):
    """The canvas (and so PNG and SVG) shows no persona photo: a broken one cannot break them."""
    from app.widgets.export.picture import ImageOptions, export_image

    m = map_with_photo(truncated_png())
    for fmt in ("png", "svg"):
        result = export_image(m, tmp_path / f"m.{fmt}", ImageOptions(format=fmt))
        assert result.path.stat().st_size > 0


@pytest.mark.parametrize("kind", ["pdf", "tiles"])
def test_export_dialog_shows_the_error_and_restores_the_cursor(kind, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from app.widgets.export.dialog import ExportDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(map_with_photo(truncated_png()), None, "export", settings=settings)
    qtbot.addWidget(dialog)
    dialog.set_kind(kind)
    # the live check already names the photo and disables Export ...
    assert dialog.error.startswith(f"{PHOTO_PATH}: photo cannot be decoded")
    assert not dialog.export_button.isEnabled()
    # ... and an export started all the same reports it in a box, never a traceback
    out = tmp_path / "m.pdf"
    assert dialog.export_to(out) is None
    assert len(shown) == 1 and str(shown[0]).startswith(f"{PHOTO_PATH}: photo cannot be decoded")
    assert QApplication.overrideCursor() is None
    assert not out.exists()


# ------------------------------------------------------------------ text in an SVG
#: Characters worth trying: every C0 control, DEL and C1 samples, line and paragraph separators,
#: the replacement character and the non-characters U+FFFE/U+FFFF, lone surrogates, the BOM,
#: private use, and characters above U+FFFF (emoji, musical symbols, the last code point).
CANDIDATES = [chr(c) for c in range(0x20)] + [
    "\x7f", "\x80", "\x85", "\x9f", "\u2028", "\u2029", "\ufffd", "\ufffe", "\uffff",
    "\ud800", "\udfff", "\ufeff", "\ue000", "😀", "𝄞", "\U0010fffd", "\U0010ffff",
]  # fmt: skip


def _xml_char(c: str) -> bool:
    """XML 1.0's Char production."""
    n = ord(c)
    return n in (0x9, 0xA, 0xD) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or 0x10000 <= n <= 0x10FFFF


def _accepted(c: str) -> bool:
    """Whether a map file with ``c`` in a card title loads (written with JSON escapes, so that
    lone surrogates and non-characters reach the loader as they would from another tool)."""
    data = json.loads(dumps_map(small_map()))
    data["map"]["cards"][0]["title"] = f"a{c}b"
    try:
        loads_map(json.dumps(data, ensure_ascii=True), "m.journey.json")
    except MapFileError:
        return False
    return True


def test_the_model_accepts_exactly_the_characters_xml_can_hold():
    assert {c for c in CANDIDATES if _accepted(c)} == {c for c in CANDIDATES if _xml_char(c)}


def test_svg_is_valid_xml_for_any_text_the_model_allows(tmp_path, capsys, qapp):
    allowed = "".join(c for c in CANDIDATES if _accepted(c))
    assert "\t" in allowed and "😀" in allowed
    nasty = f'<&>"\' ]]> {allowed} end'
    m = small_map()
    m.title = nasty
    m.goal = nasty
    m.stages[0].name = m.stages[1].description = m.lanes[0].name = nasty
    m.cards[0].title = m.cards[0].body = m.cards[0].owner = m.cards[0].channel = nasty
    m.cards[0].tags = [nasty]
    m.curves[0].name = m.curves[0].points[0].quote = nasty
    m.links[0].label = m.personas[0].name = m.metrics[0].name = m.metrics[0].unit = nasty
    path = write(tmp_path / "m.journey.json", m)
    assert main(["validate", str(path)]) == 0  # the file the SVG is made from is a valid map
    out = tmp_path / "m.svg"
    assert main(["export", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    root = ET.fromstring(out.read_bytes())  # raises ParseError on anything XML cannot hold
    title = next(root.iter(f"{SVG}title")).text
    assert title == nasty.replace("\r\n", "\n").replace("\r", "\n")  # XML reads a CR as a newline
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for piece in ('<&>"', "😀", "\ufffd"):
        assert piece in texts
