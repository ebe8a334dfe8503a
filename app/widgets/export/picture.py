"""PNG and SVG pictures of a journey map: the editor's own canvas scene, rendered off screen.

A PNG is the canvas itself: it draws the real :class:`~app.widgets.canvas.scene.MapScene`, so
the picture is what the canvas shows (hence this module lives with the widgets: its dependencies
point one way, widgets -> io -> model). Qt is imported only when a PNG is made (an SVG needs
none); :func:`ensure_qt` starts an offscreen ``QApplication`` when the
process has none (a headless ``journeymap export``).

* :class:`ImageOptions` - format ("png"/"svg"), ``dpi`` or a pixel ``width``, ``transparent``;
  ``to_dict``/``from_dict``/``validate`` like :class:`~app.io.pdf.PrintOptions`;
* :func:`image_size` - the pixel size for a rectangle of map points (1 point = 1/72 in, so
  pixels = points * dpi / 72), refusing pictures over :data:`MAX_SIDE` px a side or
  :data:`MAX_PIXELS` in all with a one-line message that names a DPI that fits;
* :func:`render_png` - bytes, from a scene and a rectangle (an SVG is written from the layout
  without Qt: :mod:`app.io.svg_export`);
* :func:`export_image` - a Map or a Document (whole map, or the bounding rectangle of some
  cards) to a file, checked first (nothing written on error), then written atomically (temp
  file + fsync + replace). Raises :class:`ImageError` (a :class:`~app.io.pdf.PrintError`).

Level of detail: the canvas leaves out text smaller than 3 device pixels. A PNG is rendered
with the painter scaled to the output (150 dpi: 2.08 px per point, so all text of 1.5 points
or more is drawn). An SVG holds all text as ``<text>``.
"""

from __future__ import annotations

import gc
import math
import os
import struct
import zlib
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from app.io.pdf.export import check_output, write_atomic
from app.io.pdf.options import PrintError
from app.model import fonts as model_fonts
from app.model.geometry import Rect
from app.model.schema import Map

FORMATS = ("png", "svg")
DEFAULT_DPI = 150.0
MIN_DPI, MAX_DPI = 10.0, 2400.0
MAX_SIDE = 65_535  # pixels, either side (the widest most viewers and PNG tools accept)
MAX_PIXELS = 500_000_000  # 500 MP
CLEAR = "#00FFFFFF"  # QColor's #AARRGGBB: no colour at all


class ImageError(PrintError):
    """A picture that cannot be made or written; the message is one line for the user."""


@dataclass
class ImageOptions:
    format: str = "png"  # "png" or "svg"
    dpi: float = DEFAULT_DPI  # PNG pixels per inch (1 map point = 1/72 in)
    width: int | None = None  # PNG: this many pixels wide instead (the height follows)
    transparent: bool = False  # no white background behind the map
    selection: bool = False  # only the selected cards' bounding rectangle (GUI)
    perspective: str = "both"  # customer, internal or both (app.model.perspective), as View > Perspective

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImageOptions:
        if not isinstance(data, dict):
            raise ImageError("image options must be an object")
        known = {f.name for f in fields(cls)}
        opts = cls(**{k: v for k, v in data.items() if k in known})
        opts.validate()
        return opts

    def but(self, **changes) -> ImageOptions:
        return replace(self, **changes)

    def validate(self) -> None:
        """Raise :class:`ImageError` (one line) for options no picture can have."""
        if self.format not in FORMATS:
            raise ImageError(f"image format {self.format!r}: use png or svg")
        for name in ("transparent", "selection"):
            if not isinstance(getattr(self, name), bool):
                raise ImageError(f"image option {name}: expected true or false")
        dpi = self.dpi
        if isinstance(dpi, bool) or not isinstance(dpi, int | float) or not math.isfinite(dpi):
            raise ImageError(f"dpi {dpi!r}: expected a number")
        if self.perspective not in ("customer", "internal", "both"):
            raise ImageError(f"perspective {self.perspective!r}: use customer, internal or both")
        if not MIN_DPI <= dpi <= MAX_DPI:
            raise ImageError(f"dpi {dpi:g}: between {MIN_DPI:g} and {MAX_DPI:g}")
        if self.width is not None:
            w = self.width
            if isinstance(w, bool) or not isinstance(w, int):
                raise ImageError(f"width {w!r}: expected a whole number of pixels")
            if not 1 <= w <= MAX_SIDE:
                raise ImageError(f"width {w} px: between 1 and {MAX_SIDE} px")


@dataclass
class ImageResult:
    """What was written, for the CLI's and the GUI's messages."""

    path: Path | None
    format: str
    size_px: tuple[int, int]  # SVG: the viewBox in map points
    dpi: float  # the effective pixels per inch
    bytes: int = 0
    missing: str = ""  # characters no available font can draw (shown as boxes)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = f"{self.path}: " if self.path else ""
        w, h = self.size_px
        if self.format == "svg":
            return f"{where}SVG {w / 72 * 25.4:.0f} x {h / 72 * 25.4:.0f} mm ({w} x {h} pt)"
        return f"{where}PNG {w} x {h} px at {self.dpi:.4g} dpi"


# ------------------------------------------------------------------ Qt
def ensure_qt():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        ensure_qt.app = app  # kept alive for the process
    return app


# ------------------------------------------------------------------ sizes
def image_size(w_pt: float, h_pt: float, opts: ImageOptions) -> tuple[int, int, float]:
    """Pixels (width, height) and the effective dpi for ``w_pt`` x ``h_pt`` map points.
    Raises :class:`ImageError` for a picture over the limits, naming a dpi that fits."""
    w_pt, h_pt = max(w_pt, 1.0), max(h_pt, 1.0)
    dpi = opts.width * 72.0 / w_pt if opts.width else float(opts.dpi)
    px_w = max(1, round(w_pt * dpi / 72.0))
    px_h = max(1, round(h_pt * dpi / 72.0))
    if px_w > MAX_SIDE or px_h > MAX_SIDE or px_w * px_h > MAX_PIXELS:
        fit = min(
            MAX_SIDE * 72.0 / w_pt, MAX_SIDE * 72.0 / h_pt, math.sqrt(MAX_PIXELS / (w_pt * h_pt)) * 72.0
        )
        fit_width = math.floor(fit * w_pt / 72.0)  # --width has no dpi floor
        if fit >= MIN_DPI:
            how = f"use {math.floor(fit)} dpi or less"
        elif fit_width >= 1:  # a dpi that small is refused: propose a width instead
            how = f"use a width of {fit_width} px or less (under {MIN_DPI:g} dpi)"
        else:
            how = "the map is too large for a PNG"
        raise ImageError(
            f"a PNG of {px_w} x {px_h} px ({px_w * px_h / 1e6:.0f} MP) is too big: at most {MAX_SIDE} px a side "
            f"and {MAX_PIXELS // 1_000_000} MP; {how}"
        )
    return px_w, px_h, dpi


def _missing(m: Map) -> str:
    gone = model_fonts.chain(False).missing | model_fonts.chain(True).missing
    if not gone:
        return ""
    texts = [m.title, m.goal]
    texts += [s.name for s in m.stages] + [lane.name for lane in m.lanes]
    for c in m.cards:
        texts += [c.title, c.body, c.channel, c.owner]
    found: set[str] = set()
    for t in texts:
        if t and not t.isascii():
            found.update(gone.intersection(t))
    return "".join(sorted(found))


# ------------------------------------------------------------------ scenes
def make_scene(source):
    """A fresh :class:`MapScene` for a Map or a Document (nothing selected, no marks, no item
    caches); the map is wrapped in its own :class:`Document`, so the editor's is untouched."""
    ensure_qt()
    from app.model.document import Document
    from app.widgets.canvas.scene import MapScene

    m = source if isinstance(source, Map) else source.map
    scene = MapScene(Document(m))
    uncache(scene)
    return scene


def uncache(scene) -> None:
    """No item caches: a cached item is drawn from a pixmap, which an SVG would embed as an
    image instead of text, and which a large PNG would only have to fill first."""
    from PySide6.QtWidgets import QGraphicsItem

    for item in scene.items():
        if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)


def dispose_scene(scene) -> None:
    if scene._unfollow is not None:
        scene._unfollow()
        scene._unfollow = None
    scene.clear()


@contextmanager
def _background(scene, transparent: bool):
    """A transparent picture leaves the title band (white on the canvas) see-through too."""
    item = getattr(scene, "title_item", None)
    if not transparent or item is None:
        yield
        return
    box, fill = item.box, item.fill
    item.set_box(box, CLEAR)
    try:
        yield
    finally:
        item.set_box(box, fill)


def export_rect(scene, card_ids=()):
    """The map's rectangle, or the bounding rectangle of the cards ``card_ids`` (QRectF)."""
    from PySide6.QtCore import QRectF

    if not card_ids:
        return scene.map_rect()
    rect = None
    for cid in card_ids:
        geo = scene.layout.card(cid)
        if geo is None:
            continue
        r = QRectF(geo.rect.x, geo.rect.y, geo.rect.w, geo.rect.h)
        rect = r if rect is None else rect.united(r)
    if rect is None:
        raise ImageError("none of the selected cards is on the map (hidden lane or stage?)")
    return rect


BAND_BYTES = 64 << 20  # a PNG is drawn in bands of about this many bytes (ARGB) ...
PIECE_ROWS = 2048  # ... and compressed in pieces of this many rows, on worker threads
PNG_LEVEL = 1  # zlib level: flat colours compress as well at 1 as at 6, three times faster


def render_band(scene, rect, opts: ImageOptions, size: tuple[int, int], y0: int, rows: int):
    """A QImage of pixel rows ``y0 .. y0 + rows`` of the ``size`` picture of ``rect`` (map points)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    w, h = size
    fmt = QImage.Format.Format_ARGB32_Premultiplied if opts.transparent else QImage.Format.Format_RGB32
    image = QImage(w, rows, fmt)
    if image.isNull():
        raise ImageError(f"not enough memory for a {w} x {rows} px image; use a lower dpi")
    image.fill(Qt.GlobalColor.transparent if opts.transparent else Qt.GlobalColor.white)
    # One scale for both axes (the dpi's; with --width, the one that fits the width): the rounded
    # size leaves at most half a pixel at the right or bottom edge. Qt strokes lines fast only
    # under a uniform scale: fitting each axis to its rounded size made x and y differ by a hair,
    # and every link went through the general antialiased stroker (4,000 links: 6x the export).
    s = w / max(rect.width(), 1.0) if opts.width else opts.dpi / 72.0  # pixels per map point
    source = QRectF(rect.x(), rect.y() + y0 / s, w / s, rows / s)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        scene.render(painter, QRectF(0, 0, w, rows), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        painter.end()
    return image


def render_image(scene, rect, opts: ImageOptions):
    """The whole picture of ``rect`` as one QImage (ARGB32 premultiplied, or RGB32 when opaque)."""
    w, h, dpi = image_size(rect.width(), rect.height(), opts)
    image = render_band(scene, rect, opts, (w, h), 0, h)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflate_rows(band, width: int, first: int, count: int, last: bool):
    """Rows ``first .. first + count`` of a band (filter byte 0 + the pixel bytes) as a raw
    deflate piece that ends on a byte boundary (a sync flush, or the final block), with its
    Adler-32 and length. (The QImage itself is passed: it must live until the piece is done.)"""
    bits, bpl = memoryview(band.constBits()), band.bytesPerLine()
    raw = b"".join(b"\0" + bits[i * bpl : i * bpl + width] for i in range(first, first + count))
    z = zlib.compressobj(PNG_LEVEL, zlib.DEFLATED, -15)
    out = z.compress(raw) + z.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
    return out, zlib.adler32(raw), len(raw)


def _adler_combine(a: int, b: int, len_b: int) -> int:
    """Adler-32 of two pieces joined, from their own (zlib's adler32_combine)."""
    base = 65521
    rem = len_b % base
    s1a, s2a = a & 0xFFFF, a >> 16
    s1b, s2b = b & 0xFFFF, b >> 16
    s1 = (s1a + s1b - 1) % base
    s2 = (rem * s1a + s2a + s2b - rem) % base
    return (s2 << 16) | s1


def render_png(scene, rect, opts: ImageOptions) -> tuple[bytes, tuple[int, int], float]:
    """PNG bytes, the pixel size and the effective dpi.

    Drawn in bands of about :data:`BAND_BYTES`; each band is compressed in pieces of
    :data:`PIECE_ROWS` rows on worker threads (zlib releases the GIL) while the next band is
    drawn, each piece a part of one deflate stream (as pigz does). Memory stays at a few bands
    however large the picture, and a 140 MP PNG takes about a third of the time Qt's own PNG
    writer needs. (Fewer, larger bands: the scene draws all the cards of a cell that a band
    touches, and a cell of a big map is thousands of pixels tall.)"""
    from PySide6.QtGui import QImage

    w, h, dpi = image_size(rect.width(), rect.height(), opts)
    alpha = opts.transparent
    fmt = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    width = w * (4 if alpha else 3)
    band_rows = max(PIECE_ROWS, BAND_BYTES // (4 * w) // PIECE_ROWS * PIECE_ROWS)
    pieces: list = []
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool, _background(scene, opts.transparent):
        for y0 in range(0, h, band_rows):
            rows = min(band_rows, h - y0)
            band = render_band(scene, rect, opts, (w, h), y0, rows).convertToFormat(fmt)
            for first in range(0, rows, PIECE_ROWS):
                count = min(PIECE_ROWS, rows - first)
                last = y0 + first + count >= h
                pieces.append(pool.submit(_deflate_rows, band, width, first, count, last))
            while sum(not f.done() for f in pieces) > workers * 4:
                wait([f for f in pieces if not f.done()], return_when=FIRST_COMPLETED)
        parts = [f.result() for f in pieces]
    adler = 1
    for _, a, n in parts:
        adler = _adler_combine(adler, a, n)
    dots = round(dpi / 0.0254)
    out = [
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6 if alpha else 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", dots, dots, 1)),
        _chunk(b"IDAT", b"\x78\x01"),  # the zlib header; the stream goes on in the next chunks
    ]
    for data, _, _ in parts:
        for i in range(0, len(data), 1 << 24):
            out.append(_chunk(b"IDAT", data[i : i + (1 << 24)]))
    out.append(_chunk(b"IDAT", struct.pack(">I", adler)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out), (w, h), dpi


# ------------------------------------------------------------------ export
def _png(source, scene, opts: ImageOptions, card_ids):
    """PNG bytes, size and dpi of ``source`` (through ``scene`` if given), and its Map."""
    own = scene is None
    if own:
        scene = make_scene(source)
        scene.set_perspective(opts.perspective)
    try:
        rect = export_rect(scene, tuple(card_ids))
        return (*render_png(scene, rect, opts), scene.doc.map)
    finally:
        if own:
            dispose_scene(scene)


def _layout_rect(layout, card_ids) -> Rect:
    """The map's rectangle, or the bounding rectangle of the cards ``card_ids`` (map points)."""
    if not card_ids:
        return layout.bounds
    rects = [geo.rect for geo in map(layout.card, card_ids) if geo is not None]
    if not rects:
        raise ImageError("none of the selected cards is on the map (hidden lane or stage?)")
    x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
    return Rect(x0, y0, max(r.right for r in rects) - x0, max(r.bottom for r in rects) - y0)


def export_image(source, path: str | os.PathLike, opts: ImageOptions | None = None, card_ids=(),
                 scene=None) -> ImageResult:  # fmt: skip
    """Write a PNG or SVG of ``source`` (a Map or a Document) to ``path``: the whole map, or
    with ``card_ids`` the bounding rectangle of those cards. A PNG is the canvas scene drawn
    off screen; ``scene`` reuses one made by :func:`make_scene` (it is left alone). An SVG is
    written from the layout without Qt (:mod:`app.io.svg_export`). Checks everything before
    writing; raises :class:`ImageError`."""
    opts = opts or ImageOptions()
    opts.validate()
    target = check_output(path)
    if opts.format == "svg":
        from app.io.svg_export import render_svg
        from app.model.layout import build_layout

        m = scene.doc.map if scene is not None else source if isinstance(source, Map) else source.map
        layout = scene.layout if scene is not None else build_layout(m)
        rect = _layout_rect(layout, tuple(card_ids))
        data = render_svg(layout, rect, transparent=opts.transparent, title=m.title, view=opts.perspective)
        size, dpi = (max(1, math.ceil(rect.w)), max(1, math.ceil(rect.h))), 72.0
    else:
        # The cyclic garbage collector is paused while the picture is made (as build_layout and
        # the scene's rebuild do): a fresh scene holds a big map's hundreds of thousands of
        # objects, each band's painting leaves a few behind, and every full collection scanned
        # them all again (2,000 cards and 4,000 links: ~0.25 s of collections in the export).
        enabled = gc.isenabled()
        gc.disable()
        try:
            data, size, dpi, m = _png(source, scene, opts, card_ids)
        finally:
            if enabled:
                gc.enable()
    write_atomic(target, data)
    result = ImageResult(target, opts.format, size, dpi, len(data), _missing(m))
    if result.missing:
        from app.io.pdf.fonts import describe_missing

        result.warnings.append(describe_missing(result.missing))
    return result
