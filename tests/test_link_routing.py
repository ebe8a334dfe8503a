"""Links cross no card, and their labels cover no card, header, scale label or other label: on the
example, the templates and generated maps, after edits, on the canvas, in the PDF and in the SVG."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.io.jsonfile import load_map
from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.layout import LABEL_W, build_layout
from app.model.linklabels import NEAR
from app.model.schema import Card, LaneType, Link
from app.model.style import SCALE_LABEL_W
from benchmarks.generate import generate_map, with_cyclic_links
from tests.model_factory import small_map

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "b2b-hardware.journey.json"
TEMPLATES = sorted((ROOT / "resources" / "templates").glob("*.journey.json"))


def labelled(m, every: int = 1):
    for i, lk in enumerate(m.links):
        if i % every == 0 and not lk.label:
            lk.label = ("hand-off", "escalation to tier 2", "order placed", "reply within 2 days")[i % 4]
    return m


def route_problems(layout) -> list[str]:
    """Everything wrong with the links of ``layout``, checked against the cards themselves (not
    through the layout's own tests)."""
    m = layout.map
    cards = {geo.id: geo.rect for geo in layout.all_cards()}
    grid = layout.grid
    top = layout.lane_rect(layout.lane_ids[0]).y if layout.lane_ids else grid.bottom
    problems = []
    labels = []
    for lk in m.links:
        geo = layout.link(lk.id)
        if geo is None:
            continue
        pts = geo.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            if x0 != x1 and y0 != y1:
                problems.append(f"{lk.id}: a slanted run")
            lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            for cid, r in cards.items():
                if cid in (lk.source_id, lk.target_id):
                    continue
                if lo_x < r.right and r.x < hi_x + 1e-9 and lo_y < r.bottom and r.y < hi_y + 1e-9:
                    if (hi_x > lo_x and r.y < y0 < r.bottom) or (hi_y > lo_y and r.x < x0 < r.right):
                        problems.append(f"{lk.id} crosses card {cid}")
        assert layout.link_crosses(lk.id) == [] or problems
        if geo.label is not None:
            labels.append((lk.id, geo.label.rect))
    for lid, r in labels:
        for cid, c in cards.items():
            if r.intersects(c):
                problems.append(f"label of {lid} covers card {cid}")
        if r.x < LABEL_W or r.y < top or r.right > grid.right or r.bottom > grid.bottom:
            problems.append(f"label of {lid} leaves the cells or covers a header: {r}")
        band = layout.curve_band()
        if band is not None:
            lane = layout.lane_rect(layout.feelings_lane)
            if r.intersects(type(r)(band.x - 12, lane.y, SCALE_LABEL_W + 12, lane.h)):
                problems.append(f"label of {lid} covers the emotion scale's labels")
    labels.sort(key=lambda item: item[1].x)
    for i, (a, ra) in enumerate(labels):
        for b, rb in labels[i + 1 :]:
            if rb.x >= ra.right:
                break
            if ra.intersects(rb):
                problems.append(f"labels of {a} and {b} overlap")
    return problems


def filled(m, seed: int = 4):
    """A template with one to three cards in each cell and labelled links between them."""
    rng = random.Random(seed)
    lanes = [lane for lane in m.lanes if lane.type is not LaneType.FEELINGS]
    for s in m.stages:
        for lane in lanes:
            for k in range(rng.randint(1, 3)):
                m.cards.append(Card(id=f"c-{s.id}-{lane.id}-{k}", stage_id=s.id, lane_id=lane.id, order=k,
                                    title=f"{lane.name} in {s.name}, note {k}"))  # fmt: skip
    for i in range(len(m.cards) // 3):
        a, b = rng.sample(m.cards, 2)
        m.links.append(Link(id=f"lk-{i}", source_id=a.id, target_id=b.id))
    return labelled(m, every=2)


def maps():
    yield "example", load_map(EXAMPLE)
    for path in TEMPLATES:
        yield path.name, filled(load_map(path))
    for seed in (1, 2):
        yield f"generated-{seed}", labelled(generate_map(300, seed=seed))
    yield "cyclic", labelled(with_cyclic_links(generate_map(120, seed=3), 2), every=2)


@pytest.mark.parametrize("name,m", list(maps()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_link_crosses_a_card_and_no_label_covers_anything(name, m):
    layout = build_layout(m)
    assert m.links
    assert route_problems(layout) == []
    drawn = [lk for lk in m.links if layout.link(lk.id) is not None]
    crossing = [lk.id for lk in drawn if layout.link_crosses(lk.id)]
    assert crossing == []  # the share of links that cross a card: 0 of len(drawn)


def test_example_labels_sit_on_their_links_as_labels_not_markers():
    m = load_map(EXAMPLE)
    layout = build_layout(m)
    for lk in m.links:
        geo = layout.link(lk.id)
        if not lk.label:
            assert geo.label is None
            continue
        assert geo.label.number == 0 and geo.label.line.text == lk.label
        r = geo.label.rect  # on its route, or on the lane boundary just past the route's end
        assert any(
            min(a[0], b[0]) - NEAR <= r.right and r.x <= max(a[0], b[0]) + NEAR
            and min(a[1], b[1]) - NEAR <= r.bottom and r.y <= max(a[1], b[1]) + NEAR
            for a, b in zip(geo.points, geo.points[1:], strict=False)
        ), lk.id  # fmt: skip
    assert layout.link_key() is None and layout.bounds == layout.grid


def test_routes_use_the_gutters():
    m = small_map(cards_per_cell=3)
    m.links = [
        Link(id="fwd", source_id="c-s0-l-act-0", target_id="c-s2-l-back-1"),
        Link(id="back", source_id="c-s2-l-act-2", target_id="c-s0-l-touch-0"),
    ]
    layout = build_layout(m)
    s0, s1 = layout.stage_rect("s0"), layout.stage_rect("s1")
    fwd = layout.link("fwd")
    xs = [p[0] for p in fwd.points]
    assert fwd.points[0][0] == layout.card_rect("c-s0-l-act-0").right
    assert abs(xs[1] - s0.right) < 8 and abs(xs[3] - s1.right) < 8  # down the gutters before and after s1
    corridor = fwd.points[2][1]
    assert any(abs(corridor - layout.lane_rect(lid).bottom) < 8 for lid in layout.lane_ids)
    back = layout.link("back")
    assert back.points[0][0] == layout.card_rect("c-s2-l-act-2").x  # leaves by the left side
    assert back.points[-1][0] == layout.card_rect("c-s0-l-touch-0").right  # enters by the right
    assert back.arrow[1][0] > back.points[-1][0]  # the arrow points left, into the card
    assert route_problems(layout) == []


def crowded_map():
    """Two columns whose cells are full, many labelled links from one to the next inside one
    lane: the gutter has room for markers only."""
    m = small_map(cards_per_cell=6)
    act = [c.id for c in m.cards if c.lane_id == "l-act"]
    left = [c for c in act if c.startswith("c-s0")]
    right = [c for c in act if c.startswith("c-s1")]
    m.links = [
        Link(id=f"x{i}", source_id=a, target_id=b, label=f"step {i} of the hand-over with a long name")
        for i, (a, b) in enumerate(zip(left, right, strict=False))
    ]
    return m


def test_labels_with_no_room_become_numbered_markers_with_a_key():
    m = crowded_map()
    layout = build_layout(m)
    assert route_problems(layout) == []
    markers = [layout.link(lk.id).label for lk in m.links if layout.link(lk.id).label.number]
    assert len(markers) >= 2
    assert [mk.number for mk in markers] == list(range(1, len(markers) + 1))  # in the links' order
    assert all(mk.line.text == str(mk.number) for mk in markers)
    key = layout.link_key()
    assert key is not None and key.rect.y >= layout.grid.bottom
    texts = [line.text for line in key.lines]
    assert texts[0] == "Link labels"
    for lk in m.links:
        label = layout.link(lk.id).label
        if label.number:
            assert f"{label.number}  {lk.label}" in texts
    assert layout.bounds.bottom == key.rect.bottom > layout.grid.bottom


@pytest.mark.parametrize("make", [
    lambda: labelled(generate_map(250, seed=5), every=2),
    lambda: load_map(EXAMPLE),
    lambda: filled(load_map(TEMPLATES[-1]), seed=8),
], ids=["generated", "example", "template"])  # fmt: skip
def test_labels_after_random_edits_are_those_of_a_fresh_layout(make):
    """The layout kept current edit by edit places every label where a fresh layout of the same
    map does (so the canvas shows what the PDF prints), and nothing is covered."""
    from tests.test_layout import apply, snapshot

    m = make()
    doc = Document(m)
    layout = build_layout(m)
    rng = random.Random(11)
    for step in range(60):
        card = rng.choice(m.cards)
        kind = step % 6
        if kind == 5 and m.links:
            lk = rng.choice(m.links)
            apply(doc, layout, cmd.Edit(Entity.LINK, lk.id, {"label": "" if lk.label else "now labelled"}))
        else:
            stage = rng.choice(m.stages).id
            lane = (
                card.lane_id
                if kind < 3
                else rng.choice([lane.id for lane in m.lanes if lane.type is not LaneType.FEELINGS])
            )
            index = rng.randint(0, len(doc.cell_cards(stage, lane)))
            apply(doc, layout, cmd.MoveCards([card.id], stage, lane, index))
        layout.take_label_changes()
        assert snapshot(layout) == snapshot(build_layout(doc.map)), step
    assert route_problems(layout) == []


def test_the_canvas_draws_the_layouts_labels_markers_and_key(qapp):
    from app.widgets.canvas.scene import MapScene

    m = crowded_map()
    m.links[0].label = "short"
    scene = MapScene(Document(m))
    lay = scene.layout
    for lid, item in scene.link_items.items():
        geo = lay.link(lid)
        assert item.geo == geo
        r = item.label_box
        assert (r.x(), r.y(), r.width(), r.height()) == pytest.approx(tuple(geo.label.rect))
        assert item.marker == bool(geo.label.number)
        assert item.toolTip() == (m.links[[lk.id for lk in m.links].index(lid)].label if item.marker else "")
    assert scene.key_item is not None and scene.key_item.box == lay.link_key()
    assert scene.map_rect().bottom() == lay.bounds.bottom
    # moving cards out of the way makes room: markers turn back into labels, the key goes
    doc = scene.doc
    markers = {lid for lid, item in scene.link_items.items() if item.marker}
    cmd.MoveCards(
        [c.id for c in m.cards if c.stage_id == "s1" and c.lane_id == "l-act"][1:], "s2", "l-act", 0
    ).apply(doc)
    fresh = build_layout(doc.map)
    for lid, item in scene.link_items.items():
        assert item.geo == fresh.link(lid)
        assert bool(item.toolTip()) == item.marker  # a marker's tooltip goes with it
    assert any(not scene.link_items[lid].marker for lid in markers)
    assert (scene.key_item is None) == (fresh.link_key() is None)


def test_pdf_and_svg_draw_the_same_labels_and_key(qapp, tmp_path):
    import xml.etree.ElementTree as ET

    from app.io.pdf import PrintOptions, render_pdf
    from app.widgets.export.picture import ImageOptions, export_image
    from tests.pdf_support import flat, pdftotext

    m = crowded_map()
    layout = build_layout(m)
    data, _ = render_pdf(m, PrintOptions(paper="A2", legend=False))
    (tmp_path / "m.pdf").write_bytes(data)
    text = flat(pdftotext(tmp_path / "m.pdf"))
    assert "Linklabels" in text
    for n, label in layout.labels.markers():
        assert flat(f"{n} {label}") in text
    export_image(m, tmp_path / "m.svg", ImageOptions(format="svg"))
    root = ET.parse(tmp_path / "m.svg").getroot()
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Link labels" in texts
    for n, label in layout.labels.markers():
        assert f"{n}  {label}" in texts and str(n) in texts


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Every word's box on every page (pdftotext -bbox: points, y down)."""
    import re
    import subprocess
    import xml.etree.ElementTree as ET

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(
        re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    )
    return [
        [
            (w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("word")
        ]
        for page in root.iter("page")
    ]


def _overlapping(words, tol: float = 0.3) -> list[tuple]:
    """Pairs of words printed on top of each other."""
    boxes = sorted((x0, y0, x1, y1, text) for text, x0, y0, x1, y1 in words)
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b[0] >= a[2] - tol:
                break
            if min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol:
                pairs.append((a[4], b[4]))
    return pairs


def _in_window(words, window):
    """The printed part of the map's words on a sheet: those the image window shows, cut to it."""
    wx0, wy0, wx1, wy1 = window
    return [
        (text, max(x0, wx0), max(y0, wy0), min(x1, wx1), min(y1, wy1))
        for text, x0, y0, x1, y1 in words
        if x0 < wx1 and wx0 < x1 and y0 < wy1 and wy0 < y1
    ]


def test_the_example_prints_with_no_two_words_overlapping(tmp_path, monkeypatch):
    """The issue's bar: the example as an A0 poster and as a 3000 x 1500 mm wall on A4 sheets,
    not one pair of printed words on top of each other."""
    from app.io.pdf import PrintOptions, render_pdf
    from app.io.pdf import plan as pdf_plan
    from app.io.pdf import tiles as tiles_module
    from app.io.pdf.options import options_from_flags

    m = load_map(EXAMPLE)
    data, _ = render_pdf(m, PrintOptions(paper="A0"))
    (tmp_path / "a0.pdf").write_bytes(data)
    (page,) = _words(tmp_path / "a0.pdf")
    assert len(page) > 1000 and _overlapping(page) == []

    opts = options_from_flags(paper="3000x1500mm", tile="A4", orientation="landscape")  # as the CLI reads them
    _, tiles = pdf_plan(m, opts)
    data, _ = render_pdf(m, opts)
    (tmp_path / "wall.pdf").write_bytes(data)
    pages = _words(tmp_path / "wall.pdf")
    assert len(pages) == len(tiles.sheets) + 1 > 30  # the assembly guide, then the sheets
    # every sheet's text layer holds the whole map, clipped to the sheet's window: what prints
    # is the map's words inside the window and the sheet's own words (label, hints) outside it
    with monkeypatch.context() as mp:
        mp.setattr(tiles_module, "_place_form", lambda *a: None)
        own, _ = render_pdf(m, opts)
    (tmp_path / "own.pdf").write_bytes(own)
    own_pages = _words(tmp_path / "own.pdf")
    assert _overlapping(pages[0]) == [], "the assembly guide"
    w = tiles.window_x
    window = (w, w, w + tiles.window_w, w + tiles.window_h)
    for i, (words, sheet_words) in enumerate(zip(pages[1:], own_pages[1:], strict=True)):
        assert sheet_words and not _in_window(sheet_words, window)  # the sheet's words: outside
        printed = _in_window(words, window) + sheet_words
        assert _overlapping(printed) == [], tiles.sheets[i]


@pytest.mark.parametrize("seed", range(4))
def test_labels_placed_a_few_at_a_time_between_edits_are_those_of_a_fresh_layout(seed):
    """The canvas places labels a slice at a time after a frame (place_labels with a deadline),
    and edits can come between two slices: placing goes on where it stopped, with the new stale
    labels, and ends where a fresh layout puts every label."""
    from tests.test_layout import apply, snapshot

    m = labelled(generate_map(250, seed=5 + seed), every=2)
    doc = Document(m)
    layout = build_layout(m)
    layout.link_key()
    rng = random.Random(seed)
    cut = 0
    for step in range(30):
        card = rng.choice(m.cards)
        lane = card.lane_id if step % 3 else rng.choice([ln.id for ln in m.lanes if ln.type is not LaneType.FEELINGS])
        stage = rng.choice(m.stages).id
        apply(doc, layout, cmd.MoveCards([card.id], stage, lane, rng.randint(0, len(doc.cell_cards(stage, lane)))))
        for _ in range(rng.randint(0, 6)):  # a deadline already past: one label a call
            if layout.place_labels(0.0):
                break
            cut += 1
        if step % 10 == 9:
            layout.take_label_changes()
            assert snapshot(layout) == snapshot(build_layout(doc.map)), step
    layout.take_label_changes()
    assert not layout.labels_stale
    assert snapshot(layout) == snapshot(build_layout(doc.map))
    assert cut > 10  # placing was cut short and went on many times
