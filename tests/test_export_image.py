"""PNG and SVG pictures of the canvas scene (app/widgets/export/picture.py): sizes for a dpi or a width,
transparency, card colours where the layout puts the cards, selections, SVG text, limits, and
the PDF poster agreeing with the canvas to a pixel at 30 dpi."""

from __future__ import annotations

import math
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from app.io.pdf import PrintError, PrintOptions, render_pdf
from app.io.pdf import plan as pdf_plan
from app.io.pdf.paper import MM
from app.model.document import Document
from app.model.layout import build_layout
from app.model.palette import KIND_FILL, KIND_STRIPE
from app.model.schema import CardKind
from app.widgets.export import picture as ie
from app.widgets.export.picture import ImageError, ImageOptions, export_image, image_size, make_scene
from tests.model_factory import small_map

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


def _bounds(m):
    return build_layout(m).bounds


def _load(path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable PNG"
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _near(c: QColor, hex_colour: str, tol: int = 3) -> bool:
    want = QColor(hex_colour)
    return all(
        abs(a - b) <= tol
        for a, b in ((c.red(), want.red()), (c.green(), want.green()), (c.blue(), want.blue()))
    )


def _px(pt: float, dpi: float) -> int:
    return int(pt * dpi / 72)


# ------------------------------------------------------------------ sizes
@pytest.mark.parametrize("dpi", [72, 150, 300])
def test_png_size_follows_the_dpi(tmp_path, dpi):
    m = small_map()
    b = _bounds(m)
    result = export_image(m, tmp_path / "m.png", ImageOptions(dpi=dpi))
    image = _load(tmp_path / "m.png")
    assert (image.width(), image.height()) == (round(b.w * dpi / 72), round(b.h * dpi / 72))
    assert result.size_px == (image.width(), image.height())
    assert round(image.dotsPerMeterX() * 0.0254) == dpi  # the pHYs chunk


def test_png_width_sets_the_scale(tmp_path):
    m = small_map()
    b = _bounds(m)
    result = export_image(m, tmp_path / "m.png", ImageOptions(width=1000))
    image = _load(tmp_path / "m.png")
    assert image.width() == 1000
    assert image.height() == round(b.h * 1000 / b.w)
    assert result.dpi == pytest.approx(1000 * 72 / b.w)


def test_png_in_many_bands_is_the_same_picture(tmp_path, monkeypatch):
    """Bands and compressed pieces join without seams: a picture drawn in bands of ~90 rows,
    compressed 30 rows at a time, decodes to the picture drawn in one go."""
    m = small_map()
    export_image(m, tmp_path / "one.png", ImageOptions(dpi=100))
    monkeypatch.setattr(ie, "BAND_BYTES", 90 * 4 * 1200)
    monkeypatch.setattr(ie, "PIECE_ROWS", 30)
    export_image(m, tmp_path / "bands.png", ImageOptions(dpi=100))
    a, b = _load(tmp_path / "one.png"), _load(tmp_path / "bands.png")
    assert a.size() == b.size()
    differ = sum(
        a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height(), 3) for x in range(0, a.width(), 3)
    )
    assert differ <= a.width() * a.height() // 9 // 1000  # a few antialiased pixels on band edges at most


# ------------------------------------------------------------------ pixels
def test_cards_are_drawn_in_their_kind_fill_where_the_layout_puts_them(tmp_path):
    m = small_map(cards_per_cell=1)
    m.cards[1].kind = CardKind.PAIN
    m.cards[2].colour = "#B3DE69"
    export_image(m, tmp_path / "m.png", ImageOptions(dpi=150))
    image = _load(tmp_path / "m.png")
    lay = build_layout(m)
    b = lay.bounds
    for card in m.cards:
        r = lay.card(card.id).rect
        x, y = _px(r.x - b.x + r.w / 2, 150), _px(r.y - b.y + 2.5, 150)  # above the title
        colour = image.pixelColor(x, y)
        assert _near(colour, card.colour or KIND_FILL[card.kind]), (card.id, colour.name())
        below = image.pixelColor(x, _px(r.y - b.y + r.h + 2.5, 150))  # the cell under the card
        assert not _near(below, card.colour or KIND_FILL[card.kind], 1)


def test_text_is_drawn_at_150_dpi(tmp_path):
    """The canvas drops text under 3 device pixels; an export at 150 dpi draws every line."""
    m = small_map(cards_per_cell=1)
    export_image(m, tmp_path / "m.png", ImageOptions(dpi=150))
    image = _load(tmp_path / "m.png")
    lay = build_layout(m)
    for card in m.cards[:3]:
        geo = lay.card(card.id)
        for line in geo.lines:  # dark pixels along each line's baseline band
            y0 = _px(geo.rect.y + line.y - line.size * 0.7, 150)
            y1 = _px(geo.rect.y + line.y, 150)
            x0 = _px(geo.rect.x + line.x, 150)
            dark = sum(
                image.pixelColor(x, y).lightness() < 128
                for y in range(y0, y1)
                for x in range(x0, x0 + _px(min(40.0, geo.rect.w - line.x), 150))
            )
            assert dark > 5, (card.id, line.role)


def test_transparent_background(tmp_path):
    m = small_map()
    lay = build_layout(m)
    b = lay.bounds
    card = lay.card(m.cards[0].id).rect
    spots = {"title band, right": (b.w - 5, 10), "card": (card.x - b.x + card.w / 2, card.y - b.y + 2.5)}
    export_image(m, tmp_path / "clear.png", ImageOptions(transparent=True))
    export_image(m, tmp_path / "white.png", ImageOptions())
    clear, white = _load(tmp_path / "clear.png"), _load(tmp_path / "white.png")
    x, y = (_px(v, 150) for v in spots["title band, right"])
    assert clear.pixelColor(x, y).alpha() == 0
    assert white.pixelColor(x, y) == QColor("#FFFFFF")
    x, y = (_px(v, 150) for v in spots["card"])
    assert clear.pixelColor(x, y).alpha() == 255
    assert _near(clear.pixelColor(x, y), KIND_FILL[m.cards[0].kind])


def test_selection_crops_to_the_selected_cards(tmp_path):
    m = small_map(cards_per_cell=1)
    lay = build_layout(m)
    a, c = m.cards[0], m.cards[4]
    ra, rc = lay.card(a.id).rect, lay.card(c.id).rect
    x0, y0 = min(ra.x, rc.x), min(ra.y, rc.y)
    x1, y1 = max(ra.x + ra.w, rc.x + rc.w), max(ra.y + ra.h, rc.y + rc.h)
    result = export_image(Document(m), tmp_path / "sel.png", ImageOptions(dpi=144), card_ids=[a.id, c.id])
    image = _load(tmp_path / "sel.png")
    assert (image.width(), image.height()) == (round((x1 - x0) * 2), round((y1 - y0) * 2))
    assert result.size_px == (image.width(), image.height())
    for card, r in ((a, ra), (c, rc)):
        x, y = round((r.x - x0 + r.w / 2) * 2), round((r.y - y0 + 2.5) * 2)
        assert _near(image.pixelColor(x, y), KIND_FILL[card.kind])
    corner = image.pixelColor(3, 20)  # the top-left card's kind stripe starts at the crop's edge
    assert any(_near(corner, KIND_STRIPE[k.kind]) for k in (a, c)), corner.name()


def test_selection_of_cards_not_on_the_map_is_an_error(tmp_path):
    with pytest.raises(ImageError, match="none of the selected cards"):
        export_image(small_map(), tmp_path / "x.png", ImageOptions(), card_ids=["no-such-card"])
    assert not (tmp_path / "x.png").exists()


def test_export_scene_leaves_the_document_alone(tmp_path):
    """The picture is drawn by a scene of its own: the editor's document gains no listener."""
    doc = Document(small_map())
    before = list(doc._listeners)
    export_image(doc, tmp_path / "m.png", ImageOptions(dpi=30))
    assert doc._listeners == before


# ------------------------------------------------------------------ svg
def test_svg_is_xml_with_the_card_titles_as_text(tmp_path):
    m = small_map(cards_per_cell=1)
    m.cards[0].title = 'Quote <b>&amp; "this"'
    result = export_image(m, tmp_path / "m.svg", ImageOptions(format="svg"))
    root = ET.parse(tmp_path / "m.svg").getroot()
    assert root.tag == f"{SVG}svg"
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    for card in m.cards:
        assert card.title in texts
    assert m.title in texts and m.stages[0].name in texts
    assert not list(root.iter(f"{SVG}image"))  # nothing drawn from a pixmap cache
    b = _bounds(m)
    assert float(root.get("width").removesuffix("mm")) == pytest.approx(b.w / 72 * 25.4, abs=0.5)
    assert result.format == "svg"


def test_svg_background(tmp_path):
    m = small_map()
    export_image(m, tmp_path / "white.svg", ImageOptions(format="svg"))
    export_image(m, tmp_path / "clear.svg", ImageOptions(format="svg", transparent=True))
    first_rect = lambda p: next(ET.parse(p).getroot().iter(f"{SVG}rect"))  # noqa: E731
    white = first_rect(tmp_path / "white.svg")
    assert (white.get("x"), white.get("y")) == ("0", "0")
    clear = first_rect(tmp_path / "clear.svg")
    assert (clear.get("x"), clear.get("y"), clear.get("width")) != ("0", "0", white.get("width"))


# ------------------------------------------------------------------ options and errors
@pytest.mark.parametrize(
    "opts, message",
    [
        (ImageOptions(dpi=0), "dpi 0: between"),
        (ImageOptions(dpi=float("nan")), "expected a number"),
        (ImageOptions(width=0), "width 0 px"),
        (ImageOptions(width=12.5), "whole number"),
        (ImageOptions(format="gif"), "png or svg"),
    ],
)
def test_bad_options(tmp_path, opts, message):
    with pytest.raises(ImageError, match=message):
        export_image(small_map(), tmp_path / "x.png", opts)
    assert list(tmp_path.iterdir()) == []


def test_too_big_names_a_dpi_that_fits(tmp_path):
    m = small_map()
    with pytest.raises(ImageError) as err:
        export_image(m, tmp_path / "x.png", ImageOptions(dpi=2400))
    text = str(err.value)
    assert "\n" not in text and "too big" in text and "dpi or less" in text
    fits = int(text.rsplit("use ", 1)[1].split()[0])
    b = _bounds(m)
    assert image_size(b.w, b.h, ImageOptions(dpi=fits))
    with pytest.raises(ImageError):
        image_size(b.w, b.h, ImageOptions(dpi=fits + 2))
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_writes_nothing(tmp_path):
    with pytest.raises(PrintError, match="does not exist"):
        export_image(small_map(), tmp_path / "no" / "x.png", ImageOptions())
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "m.png"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.io.pdf.export.os.fsync", boom)
    with pytest.raises(PrintError, match="the disk is full"):
        export_image(small_map(), target, ImageOptions(dpi=30))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.png"]


def test_options_round_trip():
    opts = ImageOptions(format="svg", dpi=300, width=None, transparent=True, selection=True)
    assert ImageOptions.from_dict(opts.to_dict()) == opts
    assert ImageOptions.from_dict({"dpi": 96, "junk": 1}).dpi == 96
    with pytest.raises(ImageError):
        ImageOptions.from_dict({"width": -5})


# ------------------------------------------------------------------ PDF agrees with canvas
def _boxes(image: QImage, hex_colour: str, expected: dict[str, tuple[int, int, int, int]], pad: int = 4):
    """For each card: the bounding box (x0, y0, x1, y1) of the pixels of its fill colour found
    within ``pad`` pixels of where it is expected."""
    out = {}
    for cid, (x0, y0, x1, y1) in expected.items():
        xs, ys = [], []
        for y in range(max(0, y0 - pad), min(image.height(), y1 + pad)):
            for x in range(max(0, x0 - pad), min(image.width(), x1 + pad)):
                if _near(image.pixelColor(x, y), hex_colour, 6):
                    xs.append(x)
                    ys.append(y)
        assert xs, f"card {cid}: no pixel of its colour near {x0, y0, x1, y1}"
        out[cid] = (min(xs), min(ys), max(xs), max(ys))
    return out


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
def test_pdf_poster_and_canvas_agree_at_30_dpi(tmp_path):
    """The PDF rasterised and the canvas rendered at the same scale put every card rectangle
    in the same place, within 1 px at 30 dpi."""
    m = small_map(cards_per_cell=1)
    colour = "#D81B60"  # a fill nothing else on the map has
    for card in m.cards:
        card.colour = colour
        card.body = ""
    comp, _ = pdf_plan(m, PrintOptions(personas=False, legend=False, notes=False))
    opts = PrintOptions(paper=f"{comp.width / MM:.6f}x{comp.height / MM:.6f}mm", scale=100, margin_mm=0,
                        personas=False, legend=False, notes=False)  # fmt: skip
    _, page = pdf_plan(m, opts)
    assert page.scale == 1.0 and page.x0 == pytest.approx(0, abs=1e-6)
    assert page.page_h - page.y0 == pytest.approx(0, abs=1e-6)  # the map's corner on the page's
    data, _ = render_pdf(m, opts)
    (tmp_path / "p.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", str(tmp_path / "p.pdf"), str(tmp_path / "pdf")],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    pdf = _load(tmp_path / "pdf.png")
    export_image(m, tmp_path / "canvas.png", ImageOptions(dpi=30))
    canvas = _load(tmp_path / "canvas.png")
    lay = build_layout(m)
    b = lay.bounds
    assert (b.x, b.y) == (0, 0)  # the composition puts the map's corner at (0, 0) too
    expected = {}
    for card in m.cards:
        r = lay.card(card.id).rect
        expected[card.id] = (_px(r.x, 30), _px(r.y, 30), _px(r.x + r.w, 30), _px(r.y + r.h, 30))
    in_pdf, on_canvas = _boxes(pdf, colour, expected), _boxes(canvas, colour, expected)
    for cid in expected:
        assert all(abs(p - c) <= 1 for p, c in zip(in_pdf[cid], on_canvas[cid], strict=True)), (
            cid, in_pdf[cid], on_canvas[cid], expected[cid],
        )  # fmt: skip
        w = on_canvas[cid][2] - on_canvas[cid][0]
        assert w >= (expected[cid][2] - expected[cid][0]) - 4  # the box is the card, not a speck


def test_make_scene_has_no_item_caches():
    from PySide6.QtWidgets import QGraphicsItem

    scene = make_scene(small_map())
    assert scene.items()
    assert all(i.cacheMode() == QGraphicsItem.CacheMode.NoCache for i in scene.items())


# ------------------------------------------------------------------ SVG from the layout
def test_svg_holds_every_card_and_every_link(tmp_path):
    """The SVG is written from the layout: every card's title line, one path per link (with the
    link's own end points), and no element per piece of a long link."""
    from tests.model_factory import small_map as make

    m = make(cards_per_cell=2)
    assert m.links
    export_image(m, tmp_path / "m.svg", ImageOptions(format="svg"))
    root = ET.parse(tmp_path / "m.svg").getroot()
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    layout = build_layout(m)
    for geo in layout.all_cards():
        assert geo.lines[0].text in texts
    curves = [p.get("d") for p in root.iter(f"{SVG}path") if p.get("fill") == "none"]
    for lk in m.links:
        geo = layout.link(lk.id)
        start = "M{:.2f} {:.2f}".format(*geo.start)
        end = "{:.2f} {:.2f}".format(*geo.segments[-1][-1])
        assert sum(d.startswith(start) and d.endswith(end) for d in curves) == 1


def test_svg_text_is_always_valid_xml(tmp_path):
    m = small_map(cards_per_cell=1)
    m.cards[0].title = "a <b>&amp; \"q\" 'x' \U0001f600 \u6f22"
    m.cards[1].title = "bad \x01\ufffe char"  # past validation (a map built in code)
    export_image(m, tmp_path / "m.svg", ImageOptions(format="svg"))
    root = ET.parse(tmp_path / "m.svg").getroot()
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert "a <b>&amp; \"q\" 'x' \U0001f600 \u6f22" in texts
    assert "bad  char" in texts


def test_svg_of_a_selection_has_the_cards_view_box(tmp_path):
    m = small_map()
    a, c = m.cards[0], m.cards[-1]
    export_image(m, tmp_path / "sel.svg", ImageOptions(format="svg"), card_ids=[a.id, c.id])
    root = ET.parse(tmp_path / "sel.svg").getroot()
    layout = build_layout(m)
    ra, rc = layout.card(a.id).rect, layout.card(c.id).rect
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    assert (x, y) == pytest.approx((min(ra.x, rc.x), min(ra.y, rc.y)), abs=0.01)
    assert x + w == pytest.approx(max(ra.right, rc.right), abs=0.01)
    assert y + h == pytest.approx(max(ra.bottom, rc.bottom), abs=0.01)


def test_svg_export_needs_no_qt_scene(tmp_path, monkeypatch):
    """An SVG is drawn from the layout: making a canvas scene for it is an error."""
    monkeypatch.setattr(ie, "make_scene", lambda *a: pytest.fail("SVG export built a Qt scene"))
    export_image(small_map(), tmp_path / "m.svg", ImageOptions(format="svg"))


def test_svg_looks_like_the_png(tmp_path):
    """Rendered with Qt's SVG renderer at the PNG's size, the SVG shows each card's fill where
    the PNG (the canvas scene) has it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer

    m = small_map(cards_per_cell=1)
    export_image(m, tmp_path / "m.png", ImageOptions(dpi=72))
    export_image(m, tmp_path / "m.svg", ImageOptions(format="svg"))
    png = _load(tmp_path / "m.png")
    svg = QImage(png.width(), png.height(), QImage.Format.Format_ARGB32)
    svg.fill(Qt.GlobalColor.white)
    painter = QPainter(svg)
    QSvgRenderer(str(tmp_path / "m.svg")).render(painter)
    painter.end()
    for geo in build_layout(m).all_cards():
        card = next(c for c in m.cards if c.id == geo.id)
        x, y = int(geo.rect.right - 6), int(geo.rect.y + 3)  # inside the card, right of its text
        assert _near(png.pixelColor(x, y), KIND_FILL[card.kind])
        assert _near(svg.pixelColor(x, y), KIND_FILL[card.kind])


def test_svg_export_from_the_command_line_never_loads_qt(tmp_path):
    import sys

    from app.io.mapsave import save_map

    save_map(small_map(), tmp_path / "m.json")
    code = (
        "import sys; from app.cli import main; rc = main(sys.argv[1:]);"
        "sys.exit(rc or any(k.startswith('PySide6') for k in sys.modules))"
    )
    args = [sys.executable, "-c", code, "export", str(tmp_path / "m.json"), "-o", str(tmp_path / "m.svg")]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert ET.parse(tmp_path / "m.svg").getroot().tag == f"{SVG}svg"


# ------------------------------------------------------------------ links in a picture
def _link_map():
    """small_map with its first link solid, the second dashed (hand-off)."""
    from app.model.schema import LinkKind

    m = small_map(cards_per_cell=1)
    m.links[1].kind = LinkKind.HANDOFF
    return m


def _dark(image: QImage, x: float, y: float) -> bool:
    """Some pixel within one pixel of (x, y) is dark (the link colour, or most of it at 72 dpi
    where a 1-px antialiased line may share its ink between two pixels)."""
    return any(
        max(image.pixelColor(round(x) + dx, round(y) + dy).getRgb()[:3]) < 170
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    )


@pytest.mark.parametrize("dpi", [72, 100, 150])
def test_bands_are_drawn_at_one_scale(tmp_path, monkeypatch, dpi):
    """Both axes are scaled alike (Qt's fast line paths need it): fitting each axis to its rounded
    pixel size made x and y differ by a hair, which sent every link to the slow stroker."""
    from app.widgets.canvas import link_layer

    scales = []
    paint = link_layer.LinkLayer.paint

    def spy(self, painter, option, widget=None):  # (the layer draws the links: link_layer)
        t = painter.worldTransform()
        scales.append((t.m11(), t.m22()))
        paint(self, painter, option, widget)

    monkeypatch.setattr(link_layer.LinkLayer, "paint", spy)
    export_image(small_map(), tmp_path / "m.png", ImageOptions(dpi=dpi))
    assert scales
    assert all(
        sx == pytest.approx(dpi / 72, rel=1e-12) and sy == pytest.approx(sx, rel=1e-12) for sx, sy in scales
    )


def test_wide_solid_links_are_stroked_as_segments(tmp_path, monkeypatch):
    """At 150 dpi a 1-point link is 2 px wide: solid links go through drawLines (Qt's general
    antialiased stroker took ~3.5x longer); dashed ones and 1-px lines keep drawPath."""
    from app.widgets.canvas import link_layer
    from app.widgets.canvas.paint import draw_lines_in

    calls = []
    monkeypatch.setattr(
        link_layer,
        "draw_lines_in",
        lambda p, lines, area, pen: calls.append(pen) or draw_lines_in(p, lines, area, pen),
    )
    m = _link_map()
    export_image(m, tmp_path / "m150.png", ImageOptions(dpi=150))
    assert calls and all(p.style() == p.style().SolidLine for p in calls)
    solid = len(calls)
    calls.clear()
    export_image(m, tmp_path / "m72.png", ImageOptions(dpi=72))
    assert not calls  # one pixel wide: Qt's thin-line path is faster still
    assert solid >= 1


@pytest.mark.parametrize("dpi", [72, 150])
def test_links_are_drawn_with_arrows_and_dashes(tmp_path, dpi):
    """Along the solid link's runs every sampled point is dark; the dashed one has gaps; the
    arrow heads are filled."""
    m = _link_map()
    export_image(m, tmp_path / "m.png", ImageOptions(dpi=dpi))
    image = _load(tmp_path / "m.png")
    lay = build_layout(m)
    b = lay.bounds
    k = dpi / 72

    def at(p):
        return (p[0] - b.x) * k, (p[1] - b.y) * k

    def runs(g, step):  # points along the straight runs of the route, every ``step`` points
        out, pos = [], g.start
        for seg in g.segments:
            if len(seg) == 1:
                n = int(math.dist(pos, seg[0]) // step)
                out += [
                    (pos[0] + (seg[0][0] - pos[0]) * i / n, pos[1] + (seg[0][1] - pos[1]) * i / n)
                    for i in range(1, n)
                ]
            pos = seg[-1]
        return out

    solid, dashed = (lay.link(link.id) for link in m.links)
    samples = [at(p) for p in runs(solid, 1.0)]
    assert len(samples) > 50 and all(_dark(image, x, y) for x, y in samples)
    gaps = [not _dark(image, x, y) for x, y in (at(p) for p in runs(dashed, 0.5))]
    assert any(gaps) and not all(gaps) and sum(gaps) < len(gaps) * 0.6
    for g in (solid, dashed):
        (x0, y0), (x1, y1), (x2, y2) = (at(p) for p in g.arrow)
        assert _dark(image, (x0 + x1 + x2) / 3, (y0 + y1 + y2) / 3)


def test_lines_look_like_the_stroked_route(qapp):
    """paint.draw_lines_in against QPainter.drawPath for a link's route (long runs and rounded
    corners) at 150 dpi, cut to a band that ends halfway: the same line (the chords of the
    corners and the cut do not show; the runs are drawn crisp, without antialiasing)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPainter, QPen

    from app.model.routing import rounded
    from app.widgets.canvas.paint import (
        draw_lines_in,
        pen,
        route_lines,
        route_path,
        segment_pen,
        strokes_as_segments,
    )

    start, segs = rounded(((10.0, 10.0), (120.0, 10.0), (120.0, 280.0), (230.0, 280.0), (230.0, 200.0)))
    path = route_path(start, segs)
    images = []
    for segments in (False, True):
        image = QImage(520, 620, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(150 / 72, 150 / 72)
        line = QPen(pen("#000000", 1.0))
        assert strokes_as_segments(painter, line)
        if segments:
            band = QRectF(0, 0, 250, 150)  # a band of a PNG ends here: then the rest
            draw_lines_in(painter, route_lines(start, segs), band, segment_pen("#000000", 1.0))
            draw_lines_in(
                painter, route_lines(start, segs), QRectF(0, 150, 250, 150), segment_pen("#000000", 1.0)
            )
        else:
            line.setCapStyle(Qt.PenCapStyle.FlatCap)  # the segments' ends: compare the line itself
            painter.setPen(line)
            painter.drawPath(path)
        painter.end()
        images.append(image.convertToFormat(QImage.Format.Format_Grayscale8))
    a, b = images
    ink = [
        sum(255 - QColor(im.pixel(x, y)).red() for y in range(im.height()) for x in range(0, im.width()))
        for im in (a, b)
    ]
    assert ink[0] > 255 * 600  # a long line was drawn
    assert abs(ink[1] - ink[0]) <= ink[0] * 0.06  # the level and upright runs crisp: 4 % less ink
    worst = max(
        abs(QColor(a.pixel(x, y)).red() - QColor(b.pixel(x, y)).red())
        for y in range(0, 620, 2)
        for x in range(520)
    )
    assert worst <= 140  # no missing or doubled stretch (a gap or a second line would be 255 away)
