"""Canvas versus PDF on the bundled example map (issue 10, item 6): the card marks (star,
warning sign, rating boxes, vote dots), the emotion scale (labels and neutral line) and the line
of visibility (line and label) are drawn where the shared layout puts them, on the canvas scene
(the drawing objects of its items, in scene coordinates) and in the PDF (its content stream,
and the words ``pdftotext -bbox-layout`` finds there), and so where each other draws them.

The PDF is printed at 100 % with no margins or panels, so its user space under the one
flipping transform is map points, as the scene's coordinates are."""

from __future__ import annotations

import io
import math
import re
import subprocess
import xml.etree.ElementTree as ET

import pypdf
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.io.jsonfile import load_map
from app.io.pdf import PrintOptions, render_pdf
from app.io.pdf import plan as pdf_plan
from app.io.pdf.paper import MM
from app.io.templates import example_path
from app.model import palette, style
from app.model.divergence import curve_divergences
from app.model.geometry import Rect, Shape
from app.model.layout import build_layout, card_marks
from app.model.palette import KIND_FILL, PERSPECTIVE_DASH
from app.model.perspective import shows_curve
from app.model.schema import Perspective
from app.widgets.export.picture import dispose_scene, make_scene
from tests.pdf_support import needs_poppler

EPS = 0.006  # the PDF writes coordinates with two decimals
COLOUR_EPS = 1.5 / 255  # the PDF writes colours with three decimals


# ------------------------------------------------------------------ the example, drawn twice
@pytest.fixture(scope="module")
def example():
    return load_map(example_path())


@pytest.fixture(scope="module")
def layout(example):
    return build_layout(example)


@pytest.fixture(scope="module")
def pdf_bytes(example) -> bytes:
    panels = {"personas": False, "legend": False, "notes": False}
    comp, _ = pdf_plan(example, PrintOptions(**panels))
    opts = PrintOptions(
        paper=f"{comp.width / MM:.6f}x{comp.height / MM:.6f}mm", scale=100, margin_mm=0, **panels
    )
    _, page = pdf_plan(example, opts)
    assert page.scale == 1.0 and page.x0 == pytest.approx(0, abs=1e-6)
    assert page.page_h - page.y0 == pytest.approx(0, abs=1e-6)  # the map's corner at the page's
    data, _ = render_pdf(example, opts)
    return data


@pytest.fixture(scope="module")
def pdf(pdf_bytes) -> Stream:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    (page,) = reader.pages
    return Stream(page.get_contents().get_data())


@pytest.fixture(scope="module")
def scene(qapp, example):
    """The export scene (the canvas's items, no caches), painted once at half size so that
    every card prepares its drawing objects (text and marks) as the canvas does."""
    scene = make_scene(example)
    rect = scene.layout.bounds
    image = QImage(int(rect.w / 2) + 1, int(rect.h / 2) + 1, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(rect.x, rect.y, rect.w, rect.h))
    painter.end()
    yield scene
    dispose_scene(scene)


# ------------------------------------------------------------------ reading the PDF
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)|\[[^\]]*\]|/[^\s/\[\]()<>]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'\"]+"
)
_PAINT = {b"f", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"n"}


class Path:
    """A painted path of the content stream: its points (curve control points too), the
    operators that built it, how it was painted, and the fill colour then."""

    def __init__(self, points, ops, paint, fill, dash):
        self.points, self.ops, self.paint, self.fill, self.dash = points, ops, paint, fill, dash
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))


class Stream:
    """The operators of a page's content stream that this test reads: paths (m l c re h and a
    painting operator), fill colours (rg), dashes (d), and text (Tm, Tf, Tj)."""

    def __init__(self, data: bytes):
        self.paths: list[Path] = []
        self.texts: list[tuple[float, float, float, tuple[float, ...] | None]] = []  # x, y, size, fill
        stack: list[bytes] = []
        points: list[tuple[float, float]] = []
        ops: list[bytes] = []
        fill: tuple[float, ...] | None = None
        dash: tuple[float, ...] = ()
        size, at = 0.0, None
        for tok in _TOKEN.findall(data):
            if tok[:1] in b"([/" or tok[:1].isdigit() or tok[:1] in b"-+.":
                stack.append(tok)
                continue
            nums = [float(t) for t in stack if t[:1].isdigit() or t[:1] in b"-+."]
            if tok == b"m" or tok == b"l":
                points.append((nums[-2], nums[-1]))
                ops.append(tok)
            elif tok == b"c":
                points += [(nums[-6], nums[-5]), (nums[-4], nums[-3]), (nums[-2], nums[-1])]
                ops.append(tok)
            elif tok == b"re":
                x, y, w, h = nums[-4:]
                points += [(x, y), (x + w, y + h)]
                ops.append(tok)
            elif tok in _PAINT:
                if points and tok != b"n":
                    self.paths.append(Path(points, ops, tok.decode(), fill, dash))
                points, ops = [], []
            elif tok == b"rg":
                fill = tuple(nums[-3:])
            elif tok == b"k":
                fill = None  # text ink (black only)
            elif tok == b"d":
                dash = tuple(float(v) for v in stack[-2][1:-1].split()) if stack else ()
            elif tok == b"Tf":
                size = nums[-1]
            elif tok == b"Tm":
                at = (nums[-2], nums[-1])
            elif tok == b"Tj" and at is not None:
                self.texts.append((at[0], at[1], size, fill))
                at = None  # a second Tj of a run goes on after the first
            stack.clear()

    def shape(self, want: tuple[float, float, float, float]) -> list[Path]:
        """The filled paths whose bounding box is ``want`` (left, top, right, bottom)."""
        return [
            p
            for p in self.paths
            if p.paint != "S" and all(abs(a - b) <= EPS for a, b in zip(p.bbox, want, strict=True))
        ]

    def text_at(self, x: float, y: float, size: float) -> bool:
        return any(
            abs(tx - x) <= EPS and abs(ty - y) <= EPS and ts == pytest.approx(size)
            for tx, ty, ts, _ in self.texts
        )


def _flat(points) -> list[float]:
    return [v for p in points for v in p]


def _rgb(colour: QColor | str) -> tuple[float, float, float]:
    c = QColor(colour)
    return (c.redF(), c.greenF(), c.blueF())


# ------------------------------------------------------------------ what the layout says
def _bbox(shape: Shape, dx: float, dy: float) -> tuple[float, float, float, float]:
    if shape.form == "polygon":
        xs, ys = [x + dx for x, _ in shape.points], [y + dy for _, y in shape.points]
        return (min(xs), min(ys), max(xs), max(ys))
    if shape.form == "circle":
        ((cx, cy),) = shape.points
        r = shape.radius
        return (cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r)
    r = shape.rect
    return (r.x + dx, r.y + dy, r.right + dx, r.bottom + dy)


def _marks(example, layout):
    """(card, its rectangle, its marks) for every card of the map with marks."""
    cards = {c.id: c for c in example.cards}
    out = []
    for geo in layout.all_cards():
        marks = card_marks(cards[geo.id], geo.rect.w, geo.rect.h)
        if marks:
            out.append((cards[geo.id], geo.rect, marks))
    return out


def _labels(layout):
    """Every label line the layout places on the map itself: the scale's, the visibility's and
    the links' labels."""
    scale, vis = layout.emotion_scale(), layout.visibility()
    assert scale is not None and vis is not None  # the example has both
    links = [geo.label.line for geo in map(layout.link, (lk.id for lk in layout.map.links)) if geo and geo.label]
    assert len(links) >= 9  # the example's labelled links
    return [*scale.labels, vis.label, *links]


def test_the_example_has_every_kind_of_mark(example, layout):
    kinds = {mk.kind for _, _, marks in _marks(example, layout) for mk in marks}
    assert kinds == {"truth", "pain", "rating-customer", "rating-internal", "gap", "votes"}
    for _, rect, marks in _marks(example, layout):
        for mk in marks:
            assert Rect(0, 0, rect.w, rect.h).contains(mk.rect)
            for shape in mk.shapes:  # a shape stays in its mark (the star's points a little past it)
                x0, y0, x1, y1 = _bbox(shape, 0, 0)
                pad = 0.6 if shape.part == "star" else 1e-6
                assert mk.rect.x - pad <= x0 and x1 <= mk.rect.right + pad, (mk, shape)
                assert mk.rect.y - pad <= y0 and y1 <= mk.rect.bottom + pad, (mk, shape)
            if mk.line is not None:
                assert mk.line.text == mk.text and mk.rect.x < mk.line.x < mk.rect.right
                assert mk.rect.y < mk.line.y < mk.rect.bottom


# ------------------------------------------------------------------ the canvas
def _scene_path(item, path):
    return item.sceneTransform().map(path)


def _canvas_shapes(scene, card_id):
    """(scene path, effective fill colour) of each mark shape the card's item draws."""
    item = scene.card_items[card_id]
    look = item._look
    assert look is not None, card_id
    fill = look.fill
    out = []
    for path, brush, _pen in look.marks:
        c = brush.color()
        a = c.alphaF()  # a translucent brush shows the card through it
        colour = tuple(x * a + y * (1 - a) for x, y in zip(_rgb(c), _rgb(fill), strict=True))
        out.append((_scene_path(item, path), colour))
    return out


def _canvas_runs(item, painter_runs) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size) of a TextPainter's runs, the origins in scene coordinates."""
    out = []
    for t, _font, _colour, text, size in painter_runs._runs:
        p = item.mapToScene(QPointF(t.dx(), t.dy()))
        out.append((text, p.x(), p.y(), size))
    return out


def _has_run(runs, text: str, x: float, y: float, size: float, eps: float = 1e-6) -> bool:
    return any(
        t == text and abs(rx - x) <= eps and abs(ry - y) <= eps and rs == size for t, rx, ry, rs in runs
    )


def test_canvas_draws_the_layouts_marks(scene, example, layout):
    checked = 0
    for card, rect, marks in _marks(example, layout):
        shapes = [s for mk in marks for s in mk.shapes]
        drawn = _canvas_shapes(scene, card.id)
        assert len(drawn) == len(shapes), card.id
        for shape, (path, _) in zip(shapes, drawn, strict=True):
            box = path.boundingRect()
            got = (box.left(), box.top(), box.right(), box.bottom())
            assert got == pytest.approx(_bbox(shape, rect.x, rect.y), abs=1e-4), (card.id, shape)
            if shape.form == "polygon":  # every corner where the layout put it
                pts = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(len(shape.points))]
                want = [(x + rect.x, y + rect.y) for x, y in shape.points]
                assert _flat(pts) == pytest.approx(_flat(want), abs=1e-6), (card.id, shape.part)
            elif shape.form == "rect" and shape.radius:  # the corner's arc ends radius from the corner
                corner = (shape.rect.x + rect.x + shape.radius, shape.rect.y + rect.y)
                ends = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
                assert any(math.dist(e, corner) < 1e-4 for e in ends), (card.id, ends)
            checked += 1
        runs = _canvas_runs(scene.card_items[card.id], scene.card_items[card.id]._look.text)
        for mk in marks:
            if mk.line is not None:
                for run in mk.line.runs:
                    x, y = rect.x + mk.line.x + run.dx, rect.y + mk.line.y
                    assert _has_run(runs, run.text, x, y, mk.line.size), (card.id, mk.text, runs[-3:])
    assert checked > 50


def test_canvas_draws_the_layouts_scale_and_visibility(scene, layout):
    scale = layout.emotion_scale()
    runs = []
    pieces = []
    for item in scene.cell_items.values():
        if item.scale is None:
            continue
        line_pen, ends, labels = item.scale_look()
        runs += _canvas_runs(item, labels)
        if ends is not None:
            a, b = item.mapToScene(ends[0]), item.mapToScene(ends[1])
            pieces.append((a.x(), b.x(), a.y(), line_pen.dashOffset() * line_pen.widthF()))
    for line in scale.labels:
        assert _has_run(runs, line.text, line.x, line.y, line.size), line.text
    assert len(runs) == len(scale.labels)
    # the cells' pieces make the one neutral line, its dashes going on from piece to piece
    pieces.sort()
    assert pieces[0][0] == pytest.approx(scale.start[0]) and pieces[-1][1] == pytest.approx(scale.end[0])
    for (_, right, _, _), (left, _, _, _) in zip(pieces, pieces[1:], strict=False):
        assert left == pytest.approx(right)
    for left, _, y, dash_at in pieces:
        assert y == pytest.approx(scale.start[1]) and dash_at == pytest.approx(left - scale.start[0])

    vis, item = layout.visibility(), scene.visibility_item
    line_pen, end, label = item.themed()
    start = item.mapToScene(QPointF(0, 0))
    stop = item.mapToScene(end)
    assert (start.x(), start.y(), stop.x(), stop.y()) == pytest.approx((*vis.start, *vis.end))
    runs = _canvas_runs(item, label)
    for run in vis.label.runs:
        assert _has_run(runs, run.text, vis.label.x + run.dx, vis.label.y, vis.label.size)


# ------------------------------------------------------------------ the PDF
def test_pdf_draws_the_layouts_marks(pdf, example, layout):
    for card, rect, marks in _marks(example, layout):
        for mk in marks:
            for shape in mk.shapes:
                found = pdf.shape(_bbox(shape, rect.x, rect.y))
                assert found, (card.id, mk.kind, shape.part)
                if shape.form == "polygon":
                    want = [(x + rect.x, y + rect.y) for x, y in shape.points]
                    assert any(p.ops.count(b"l") == len(want) - 1 and _flat(p.points) == pytest.approx(_flat(want), abs=EPS)
                               for p in found), (card.id, shape.part)  # fmt: skip
                elif shape.form == "rect" and shape.radius:
                    start = (shape.rect.x + rect.x + shape.radius, shape.rect.y + rect.y)
                    assert any(math.dist(p.points[0], start) <= EPS for p in found), (card.id, shape.part)
            if mk.line is not None:
                for run in mk.line.runs:
                    x, y = rect.x + mk.line.x + run.dx, rect.y + mk.line.y
                    assert pdf.text_at(x, y, mk.line.size), (card.id, mk.text)


def test_pdf_draws_the_layouts_scale_and_visibility(pdf, layout):
    for line in _labels(layout):
        for run in line.runs:
            assert pdf.text_at(line.x + run.dx, line.y, line.size), line.text
    scale, vis = layout.emotion_scale(), layout.visibility()
    for (x0, y0), (x1, y1) in ((scale.start, scale.end), (vis.start, vis.end)):
        strokes = [p for p in pdf.paths if p.paint == "S" and p.dash and len(p.points) == 2]
        assert any(_flat(p.points) == pytest.approx([x0, y0, x1, y1], abs=EPS) for p in strokes), (x0, y0)


@needs_poppler
def test_pdf_words_are_the_layouts_labels(pdf_bytes, example, layout, tmp_path):
    """What a reader of the PDF finds (pdftotext): each mark text and label, the word where
    the layout starts its line and round its baseline."""
    path = tmp_path / "parity.pdf"
    path.write_bytes(pdf_bytes)
    html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout  # fmt: skip
    words = []
    for el in ET.fromstring(html).iter():
        if el.tag.endswith("word"):
            box = tuple(float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((el.text, *box))
    lines = list(_labels(layout))
    for _, rect, marks in _marks(example, layout):
        lines += [mk.line._replace(x=mk.line.x + rect.x, y=mk.line.y + rect.y) for mk in marks if mk.line]
    assert len(lines) > 40
    for line in lines:
        first = line.text.split()[0]
        hits = [w for w in words if w[0] == first and abs(w[1] - line.x) < 0.05 and w[2] < line.y < w[4]]
        assert hits, (line.text, line.x, line.y, [w for w in words if w[0] == first][:5])


# ------------------------------------------------------------------ canvas and PDF together
def test_canvas_and_pdf_draw_the_same_marks_in_the_same_colours(scene, pdf, example, layout):
    """Shape by shape, the canvas's path and the PDF's path have one bounding box and one
    fill (a translucent canvas brush counted over the card's fill, as the eye sees it)."""
    for card, _, marks in _marks(example, layout):
        shapes = [s for mk in marks for s in mk.shapes]
        for shape, (path, colour) in zip(shapes, _canvas_shapes(scene, card.id), strict=True):
            box = path.boundingRect()
            got = (box.left(), box.top(), box.right(), box.bottom())
            found = pdf.shape(got)
            assert found, (card.id, shape.part, got)
            fills = [p.fill for p in found if p.fill is not None]
            assert any(f == pytest.approx(colour, abs=COLOUR_EPS) for f in fills), (
                card.id, shape.part, colour, fills, card.colour or KIND_FILL[card.kind],
            )  # fmt: skip


def test_canvas_and_pdf_put_text_at_the_same_baselines(scene, pdf, example, layout):
    runs = []
    for card, _, _ in _marks(example, layout):
        item = scene.card_items[card.id]
        runs += _canvas_runs(item, item._look.text)
    for item in scene.cell_items.values():
        if item.scale is not None:
            runs += _canvas_runs(item, item.scale_look()[2])
    runs += _canvas_runs(scene.visibility_item, scene.visibility_item.themed()[2])
    for item in scene.link_items.values():
        label = item.themed()[3]
        if label is not None:
            runs += _canvas_runs(item, label)
    wanted = {(line.text, line.size) for line in _labels(layout)}
    for _, _, marks in _marks(example, layout):
        wanted |= {(mk.line.text, mk.line.size) for mk in marks if mk.line}
    compared = 0
    for text, x, y, size in runs:
        if (text, size) in wanted:
            assert pdf.text_at(x, y, size), (text, x, y)
            compared += 1
    assert compared > 40


# ------------------------------------------------------------------ the perspectives (issue 11, item 5)
CURVE_DASHES = {p: PERSPECTIVE_DASH[p] for p in Perspective}


@pytest.fixture(scope="module", params=["customer", "internal", "both"])
def drawn(request, qapp, example):
    """(view, the canvas scene in that perspective, painted, and the PDF printed in it)."""
    view = request.param
    panels = {"personas": False, "legend": False, "notes": False}
    comp, _ = pdf_plan(example, PrintOptions(**panels))
    opts = PrintOptions(paper=f"{comp.width / MM:.6f}x{comp.height / MM:.6f}mm", scale=100, margin_mm=0,
                        perspective=view, **panels)  # fmt: skip
    data, _ = render_pdf(example, opts)
    (page,) = pypdf.PdfReader(io.BytesIO(data)).pages
    scene = make_scene(example)
    scene.set_perspective(view)
    rect = scene.layout.bounds
    image = QImage(int(rect.w / 2) + 1, int(rect.h / 2) + 1, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(rect.x, rect.y, rect.w, rect.h))
    painter.end()
    yield view, scene, Stream(page.get_contents().get_data())
    dispose_scene(scene)


def test_each_perspective_draws_the_same_marks_on_canvas_and_pdf(drawn, example, layout):
    """The marks of the perspective (card_marks(view)) and only those: shape by shape, one
    bounding box and one fill on the canvas and in the PDF, the text at the same baselines."""
    view, scene, pdf = drawn
    cards = {c.id: c for c in example.cards}
    kinds = set()
    for geo in layout.all_cards():
        marks = card_marks(cards[geo.id], geo.rect.w, geo.rect.h, view)
        kinds |= {mk.kind for mk in marks}
        shapes = [s for mk in marks for s in mk.shapes]
        drawn_shapes = _canvas_shapes(scene, geo.id) if marks else []
        assert len(drawn_shapes) == len(shapes), geo.id
        for shape, (path, colour) in zip(shapes, drawn_shapes, strict=True):
            box = path.boundingRect()
            got = (box.left(), box.top(), box.right(), box.bottom())
            assert got == pytest.approx(_bbox(shape, geo.rect.x, geo.rect.y), abs=1e-4)
            fills = [p.fill for p in pdf.shape(got) if p.fill is not None]
            assert any(f == pytest.approx(colour, abs=COLOUR_EPS) for f in fills), (geo.id, shape.part)
        runs = _canvas_runs(scene.card_items[geo.id], scene.card_items[geo.id]._look.text)
        for mk in marks:
            if mk.line is not None:
                for run in mk.line.runs:
                    x, y = geo.rect.x + mk.line.x + run.dx, geo.rect.y + mk.line.y
                    assert _has_run(runs, run.text, x, y, mk.line.size), (geo.id, mk.text)
                    assert pdf.text_at(x, y, mk.line.size), (geo.id, mk.text)
    other = {"customer": "rating-internal", "internal": "rating-customer"}.get(view)
    assert other not in kinds and f"rating-{view}" in kinds if other else {"rating-customer", "rating-internal"} <= kinds
    assert ("gap" in kinds) == (view == "both")  # the example has cards whose ratings differ


def test_each_perspective_draws_its_curves_and_divergences_on_canvas_and_pdf(drawn, example, layout):
    view, scene, pdf = drawn
    shown = {c.id for c in example.curves if c.visible and shows_curve(view, c.perspective)}
    assert {cid for cid, item in scene.curve_items.items() if item.isVisible()} == shown
    # the dashed curves (internal, to-be) stroked in the PDF: the solid customer ones look like flow links
    dashes = {d for d in CURVE_DASHES.values() if d}
    curve_strokes = {p.dash for p in pdf.paths if p.paint == "S" and b"c" in p.ops and p.dash in dashes}
    assert curve_strokes == {CURVE_DASHES[c.perspective] for c in example.curves if c.id in shown} & dashes
    item, label_item = scene.divergence_item, scene.divergence_labels
    band = palette.blend(palette.GAP_MARK, "#FFFFFF", style.DIVERGENCE_ALPHA)
    bands = [p for p in pdf.paths if p.paint == "f" and p.fill == pytest.approx(_rgb(band), abs=COLOUR_EPS)]
    boxes = [p for p in pdf.paths if p.paint == "B" and p.fill == pytest.approx((1.0, 1.0, 1.0))]
    if view != "both":
        assert not item.isVisible() and not item.marks and not label_item.isVisible() and not bands
        return
    marks = curve_divergences(layout)
    assert len(marks) == 4 and item.isVisible() and item.marks == label_item.marks == tuple(marks)  # the example's four
    assert item.zValue() < min(c.zValue() for c in scene.curve_items.values()) < label_item.zValue()
    brush, paper, outline, labels = label_item.themed()
    assert _rgb(brush.color()) == pytest.approx(_rgb(band), abs=COLOUR_EPS) and paper.color().name() == "#ffffff"
    assert outline.color().name().upper() == palette.GAP_MARK
    runs = _canvas_runs(label_item, labels)

    def at(paths, r):  # a far corner is a corner plus a size, each written rounded: twice the error
        want = (r.x, r.y, r.right, r.bottom)
        return any(all(abs(a - b) <= 2 * EPS for a, b in zip(p.bbox, want, strict=True)) for p in paths)

    for d in marks:
        assert at(bands, d.rect) and at(boxes, d.box), d.stage_id
        assert d.box.x < d.line.x and d.line.y < d.box.bottom and d.box.right > d.line.x + 20
        for run in d.line.runs:
            assert _has_run(runs, run.text, d.line.x + run.dx, d.line.y, d.line.size), d.line.text
            assert pdf.text_at(d.line.x + run.dx, d.line.y, d.line.size), d.line.text
    assert len(bands) == len(marks)
