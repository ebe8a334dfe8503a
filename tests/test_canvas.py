"""The read-only canvas: one item per model element drawn from the shared layout, incremental
updates that touch only what changed, the view's zoom and pan, and the main window."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QFontInfo, QFontMetricsF, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QStyleOptionGraphicsItem

from app.io.jsonfile import load_map
from app.model import commands as cmd
from app.model import fonts
from app.model.divergence import curve_divergences
from app.model.document import Document
from app.model.events import Entity
from app.model.layout import build_layout
from app.model.palette import marker_shape
from app.model.perspective import BOTH
from app.model.schema import Card, CardKind, LaneType, Link
from app.widgets.canvas import qtfonts
from app.widgets.canvas.items import CardItem
from app.widgets.canvas.link_item import LinkItem
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from app.widgets.main_window import MainWindow, run_editor
from benchmarks.generate import generate_map
from tests.model_factory import small_map

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "examples" / "b2b-hardware.journey.json"


@pytest.fixture
def example():
    return load_map(EXAMPLE)


@pytest.fixture
def scene(qapp, example):
    return MapScene(Document(example))


def close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def check_matches_layout(scene: MapScene) -> None:
    """Every item stands where a freshly built layout of the same map puts its element, and
    there is exactly one item per drawn element."""
    fresh = build_layout(scene.doc.map)
    if scene.layout.room is not None:  # room kept for a card being typed: the same in both
        fresh.set_room(*scene.layout.room, scene.doc, scene.layout.room_reach)
    m = scene.doc.map
    drawn = {c.id for c in m.cards if fresh.card(c.id) is not None}
    assert set(scene.card_items) == drawn
    for cid, item in scene.card_items.items():
        geo = fresh.card(cid)
        pos = item.scenePos()
        assert (pos.x(), pos.y()) == pytest.approx((geo.rect.x, geo.rect.y)), cid
        r = item.boundingRect()
        assert (r.width(), r.height()) == pytest.approx((geo.rect.w, geo.rect.h)), cid
        assert item.rect() == r == item.shape().boundingRect(), cid  # (Qt's rectangle item's own)
        assert item.parentItem() is scene.cell_items[(geo.stage_id, geo.lane_id)]
        # cells promise Qt their cards lie inside them (ItemContainsChildrenInShape)
        cell_item = item.parentItem()
        assert cell_item.mapRectToScene(cell_item.rect).contains(item.sceneBoundingRect()), cid
        assert item.lines == geo.lines
        assert item.card is scene.doc.card(cid)
    assert set(scene.cell_items) == set(fresh.cells())
    for cell, item in scene.cell_items.items():
        r = fresh.cell_rect(*cell)
        assert (item.pos().x(), item.pos().y(), item.rect.width(), item.rect.height()) == (
            pytest.approx((r.x, r.y, r.w, r.h))
        )
        # with room to grow below it (a card added repaints a strip, not the cell)
        assert item.boundingRect().contains(item.rect) and item.shape().boundingRect() == item.rect
    assert set(scene.stage_items) == set(fresh.stage_ids)
    for sid, item in scene.stage_items.items():
        assert item.box == fresh.stage_header(sid)
    assert set(scene.lane_items) == set(fresh.lane_ids)
    for lid, item in scene.lane_items.items():
        assert item.box == fresh.lane_header(lid)
    curves = {c.id for c in m.curves if fresh.curve(c.id) is not None}
    assert set(scene.curve_items) == curves
    for cid, item in scene.curve_items.items():
        assert item.geo == fresh.curve(cid)
    links = {lk.id for lk in m.links if fresh.link(lk.id) is not None}
    assert set(scene.link_items) == links
    for lid, item in scene.link_items.items():
        assert item.geo == fresh.link(lid)
        # its bounding rectangle (Qt's own: a rectangle item) holds the route, arrow and label
        assert item.boundingRect() == item.rect() and item.boundingRect().contains(item.path.boundingRect()), lid
        if item.label_box is not None:
            assert item.boundingRect().contains(item.label_box), lid
    assert scene.title_item.box == fresh.title_box()
    marks = tuple(curve_divergences(fresh)) if scene.perspective == BOTH and fresh.curve_band() else ()
    assert scene.divergence_item.marks == marks == scene.divergence_labels.marks
    vis = scene.visibility_item
    assert vis.isVisible() == (fresh.visibility_y is not None)
    if fresh.visibility_y is not None:
        assert close(vis.pos().y(), fresh.visibility_y)


def render(scene: MapScene, zoom: float) -> QImage:
    """Paint the whole scene (every item) at ``zoom`` device pixels per point, capped in size."""
    rect = scene.map_rect()
    w, h = max(1, int(rect.width() * zoom)), max(1, int(rect.height() * zoom))
    image = QImage(min(w, 4000), min(h, 4000), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, w, h), rect)
    painter.end()
    return image


# ------------------------------------------------------------------ the map on the canvas
def test_one_item_per_card_with_its_id_and_layout_geometry(scene, example):
    layout = build_layout(example)
    cards = [c for c in example.cards if layout.card(c.id) is not None]
    items = [it for it in scene.items() if it.data(1) == "card"]
    assert len(items) == len(cards) == len(example.cards)
    assert {it.data(0) for it in items} == {c.id for c in cards}
    for it in items:
        geo = layout.card(it.data(0))
        assert isinstance(it, CardItem)
        assert it.sceneBoundingRect() == QRectF(geo.rect.x, geo.rect.y, geo.rect.w, geo.rect.h)
        assert it.parentItem().data(1) == "cell"
        assert (it.pos().x(), it.pos().y()) == (geo.local.x, geo.local.y)
    check_matches_layout(scene)


def test_items_for_every_stage_lane_cell_curve_and_link(scene, example):
    kinds: dict[str, set] = {}
    for it in scene.items():
        kinds.setdefault(it.data(1), set()).add(it.data(0) if it.data(1) != "cell" else tuple(it.data(0)))
    assert kinds["stage"] == {s.id for s in example.stages}
    assert kinds["lane"] == {lane.id for lane in example.lanes if not lane.hidden}
    assert kinds["curve"] == {c.id for c in example.curves}
    assert kinds["link"] == {lk.id for lk in example.links}
    assert kinds["cell"] == set(build_layout(example).cells())
    assert {"title", "corner", "visibility"} <= kinds.keys()


def test_curve_markers_encode_the_sign_of_each_value(scene, example):
    assert scene.curve_items
    seen = set()
    for curve in example.curves:
        item = scene.curve_items[curve.id]
        values = [p.value for p in item.geo.points]
        assert item.marker_shapes() == [marker_shape(v) for v in values]
        for v, shape in zip(values, item.marker_shapes(), strict=True):
            assert shape == ("up" if v > 0 else "down" if v < 0 else "circle")
            seen.add(shape)
        assert item.path.elementCount() == 1 + 3 * len(item.geo.segments)
    assert seen == {"up", "down", "circle"}


def test_line_of_visibility_and_emotion_scale(scene):
    layout = scene.layout
    assert layout.visibility_y is not None
    assert scene.visibility_item.isVisible()
    assert scene.visibility_item.pos().y() == layout.visibility_y
    assert scene.visibility_item.geo == layout.visibility()
    feel = layout.feelings_lane
    first = scene.cell_items[(layout.stage_ids[0], feel)]
    assert first.scale == layout.scale_in((layout.stage_ids[0], feel))
    assert [line.text for line in first.scale.labels] == ["+3", "+2", "+1", "0", "-1", "-2", "-3"]
    ys = [line.y for line in first.scale.labels]
    assert ys == sorted(ys) and ys[3] > layout.value_y(0) > ys[2]  # each baseline just below its value
    assert first.scale.start[1] == layout.value_y(0) and first.scale.dash_at == 0
    other = scene.cell_items[(layout.stage_ids[1], feel)]
    rect = layout.cell_rect(layout.stage_ids[1], feel)
    assert other.scale.labels == () and other.scale.start == (rect.x, layout.value_y(0))
    assert other.scale.end[0] == rect.right and other.scale.dash_at == rect.x - first.scale.start[0]


def test_the_whole_map_paints_at_every_level_of_detail(scene):
    far = render(scene, 0.05)
    assert all(it._look is None for it in scene.card_items.values())  # plain blocks: no text prepared
    near = render(scene, 1.0)
    assert all(it._look is not None for it in scene.card_items.values())
    assert far.width() > 0 and near.width() > 0
    # the map is not blank: the cards' fills are there
    colours = {near.pixel(x, y) for x in range(0, near.width(), 37) for y in range(0, near.height(), 37)}
    assert len(colours) > 10


def test_hidden_lane_hides_its_cards(scene, example):
    doc = scene.doc
    lane = next(lane for lane in example.lanes if lane.type is LaneType.TOUCHPOINTS)
    its_cards = {c.id for c in example.cards if c.lane_id == lane.id}
    assert its_cards and its_cards <= set(scene.card_items)
    cmd.Edit(Entity.LANE, lane.id, {"hidden": True}).apply(doc)
    assert not its_cards & set(scene.card_items)
    assert not {it.data(0) for it in scene.items() if it.data(1) == "card"} & its_cards
    assert lane.id not in scene.lane_items
    assert not any(cell[1] == lane.id for cell in scene.cell_items)
    check_matches_layout(scene)
    cmd.Edit(Entity.LANE, lane.id, {"hidden": False}).apply(doc)
    assert its_cards <= set(scene.card_items)
    check_matches_layout(scene)
    assert scene.rebuilds == 1


# ------------------------------------------------------------------ incremental updates
def test_moving_a_card_touches_only_the_two_cells(scene, example):
    doc = scene.doc
    layout = scene.layout
    card = next(c for c in example.cards if len(layout.cell_cards((c.stage_id, c.lane_id))) >= 3)
    source = (card.stage_id, card.lane_id)
    target = next(
        cell
        for cell in layout.cells()
        if cell != source and cell[1] == card.lane_id and layout.cell_cards(cell)
    )
    before = {cid: item for cid, item in scene.card_items.items()}
    local = {cid: (item.pos().x(), item.pos().y()) for cid, item in before.items()}
    in_cells = set(layout.cell_cards(source)) | set(layout.cell_cards(target))

    move = cmd.MoveCards([card.id], *target, index=0)
    move.apply(doc)

    assert scene.rebuilds == 1
    touched_cards = {i for kind, i in scene.touched if kind == "card"}
    assert card.id in touched_cards
    assert touched_cards <= in_cells
    for cid, item in before.items():
        assert scene.card_items[cid] is item  # no card item was made again
    assert scene.card_items[card.id].parentItem() is scene.cell_items[target]
    outside = [cid for cid in before if cid not in in_cells]
    assert outside
    for cid in outside:  # untouched, still where they were in their cells (which may have moved)
        assert ("card", cid) not in scene.touched
        geo = scene.layout.card(cid)
        assert local[cid] == (geo.local.x, geo.local.y)
    # links of the moved card follow it
    for lk in doc.links_of({card.id}):
        assert ("link", lk.id) in scene.touched
    check_matches_layout(scene)

    move.revert(doc)
    check_matches_layout(scene)
    assert scene.rebuilds == 1


def test_editing_a_card_title_changes_its_text_only(scene, example):
    doc = scene.doc
    card = example.cards[0]
    item = scene.card_items[card.id]
    cmd.Edit(Entity.CARD, card.id, {"title": "A brand new title"}).apply(doc)
    assert scene.card_items[card.id] is item
    assert item.text().startswith("A brand new title")
    assert "A brand new title" in item.text()
    touched_cards = {i for kind, i in scene.touched if kind == "card"}
    assert touched_cards <= set(scene.layout.cell_cards((card.stage_id, card.lane_id)))
    assert scene.rebuilds == 1
    check_matches_layout(scene)
    render(scene, 1.0)  # the new look paints


def test_restyle_repaints_one_card(scene, example):
    doc = scene.doc
    card = example.cards[1]
    item = scene.card_items[card.id]
    render(scene, 1.0)
    cmd.Edit(Entity.CARD, card.id, {"votes": 7, "moment_of_truth": True, "kind": CardKind.PAIN}).apply(doc)
    assert scene.touched == {("card", card.id)}
    assert item._look is None  # made again at the next paint
    render(scene, 1.0)
    assert item._look is not None


def test_a_growing_lane_moves_cells_not_cards(qapp):
    m = small_map(cards_per_cell=2)
    scene = MapScene(Document(m))
    first = scene.layout.lane_ids[0]
    card = next(c for c in m.cards if c.lane_id == first)
    below = [c.id for c in m.cards if c.lane_id != first]
    cmd.Edit(Entity.CARD, card.id, {"body": "many words " * 80}).apply(scene.doc)
    touched_cards = {i for kind, i in scene.touched if kind == "card"}
    assert not touched_cards & set(below)  # their cells moved them
    assert any(kind == "cell" and cell[1] != first for kind, cell in scene.touched)
    check_matches_layout(scene)


def test_a_card_grows_and_shrinks_as_qts_own_rectangle(qapp):
    """A card's bounding rectangle and shape are Qt's (a rectangle item without a pen), never a
    Python override: Qt asks for them for every card of a cell that moves (a note that grows
    its lane at 5,000 cards moved ~2,800 cards: ~4 ms of the keypress's frame in Python). A card
    that grows is found by the scene where it grew, and no longer where it shrank from."""
    assert CardItem.boundingRect is QGraphicsRectItem.boundingRect
    assert CardItem.shape is QGraphicsRectItem.shape
    assert LinkItem.boundingRect is QGraphicsRectItem.boundingRect  # (asked at every repaint)
    m = small_map(cards_per_cell=1)
    scene = MapScene(Document(m))
    card = m.cards[0]
    item = scene.card_items[card.id]
    short = item.sceneBoundingRect()
    cmd.Edit(Entity.CARD, card.id, {"body": "many words " * 20}).apply(scene.doc)
    tall = item.sceneBoundingRect()
    assert tall.height() > short.height() + 40 and item.pen().style() == Qt.PenStyle.NoPen
    low = QPointF(tall.center().x(), tall.bottom() - 2)
    assert item in scene.items(low)
    check_matches_layout(scene)
    cmd.Edit(Entity.CARD, card.id, {"body": ""}).apply(scene.doc)
    assert item.sceneBoundingRect().height() <= short.height()
    assert item not in scene.items(low)
    check_matches_layout(scene)


def test_a_header_that_only_moves_keeps_its_drawing(qapp):
    """A lane that grows moves the lane headers below it: each keeps its drawing (its cached
    picture moves with it), as the title band and the corner do; a renamed lane is drawn again."""
    m = small_map(cards_per_cell=2)
    scene = MapScene(Document(m))
    render(scene, 1.0)  # every header drawn once
    first, below = scene.layout.lane_ids[0], scene.layout.lane_ids[-1]
    item = scene.lane_items[below]
    drawn, y = item._text, item.pos().y()
    title_drawn = scene.title_item._text
    assert drawn is not None and title_drawn is not None
    card = next(c for c in m.cards if c.lane_id == first)
    cmd.Edit(Entity.CARD, card.id, {"body": "many words " * 80}).apply(scene.doc)
    assert item.pos().y() > y and item._text is drawn and scene.title_item._text is title_drawn
    check_matches_layout(scene)
    cmd.Edit(Entity.LANE, below, {"name": "Renamed lane"}).apply(scene.doc)
    assert item._text is None  # drawn again with its new name
    check_matches_layout(scene)
    image = render(scene, 1.0)
    assert not image.isNull() and item._text is not None


def test_add_remove_and_structure_edits_follow_the_document(qapp):
    m = small_map()
    scene = MapScene(Document(m))
    doc = scene.doc
    steps = [  # made when their turn comes (the composite commands look at the document)
        lambda: cmd.add_card(Card(id="c-new", stage_id="s1", lane_id="l-touch", order=1, title="New card")),
        lambda: cmd.add_link(Link(id="lk-new", source_id="c-new", target_id=m.cards[0].id, label="hand-off")),
        lambda: cmd.Edit(Entity.STAGE, "s1", {"width": 400.0}),
        lambda: cmd.Edit(Entity.STAGE, "s0", {"name": "Renamed stage", "colour": "#D55E00"}),
        lambda: cmd.Edit(Entity.LANE, "l-back", {"type": LaneType.SUPPORT, "colour": "#009E73"}),
        lambda: cmd.Reorder(Entity.LANE, "l-feel", 0),
        lambda: cmd.Reorder(Entity.STAGE, "s2", 0),
        lambda: cmd.Edit(Entity.MAP, "", {"title": "Another title"}),
        lambda: cmd.Edit(Entity.CURVE, "cv1", {"visible": False}),
        lambda: cmd.remove_cards(doc, ["c-new"]),
        lambda: cmd.remove_stage(doc, "s1"),
        lambda: cmd.remove_lane(doc, "l-on"),
    ]
    done = []
    for make in steps:
        step = make()
        step.apply(doc)
        done.append(step)
        check_matches_layout(scene)
    assert not scene.curve_items["cv1"].isVisible()
    assert scene.lane_items["l-back"].lines[-1].text == "Support processes"
    for step in reversed(done):
        step.revert(doc)
        check_matches_layout(scene)
    assert scene.rebuilds == 1


def test_random_edits_keep_the_canvas_equal_to_a_fresh_layout(qapp):
    rng = random.Random(7)
    m = generate_map(120, seed=3)
    scene = MapScene(Document(m))
    doc = scene.doc
    lanes = [lane.id for lane in m.lanes]
    stages = [s.id for s in m.stages]
    for _ in range(60):
        roll = rng.random()
        cards = doc.map.cards
        if roll < 0.45:
            ids = [rng.choice(cards).id for _ in range(rng.randint(1, 3))]
            step = cmd.MoveCards(
                list(dict.fromkeys(ids)), rng.choice(stages), rng.choice(lanes), rng.randint(0, 5)
            )
        elif roll < 0.6:
            step = cmd.Edit(
                Entity.CARD, rng.choice(cards).id, {"title": " ".join(["word"] * rng.randint(1, 30))}
            )
        elif roll < 0.7:
            lane = rng.choice(doc.map.lanes)
            step = cmd.Edit(Entity.LANE, lane.id, {"hidden": not lane.hidden})
        elif roll < 0.8:
            step = cmd.Edit(Entity.STAGE, rng.choice(stages), {"width": float(rng.randint(120, 400))})
        elif roll < 0.9:
            step = cmd.remove_cards(doc, [rng.choice(cards).id])
        else:
            step = cmd.Edit(
                Entity.CARD, rng.choice(cards).id, {"votes": rng.randint(0, 9), "pain_point": True}
            )
        step.apply(doc)
        check_matches_layout(scene)
    assert scene.rebuilds == 1


def test_a_new_document_rebuilds(scene, qapp):
    scene.set_document(Document(small_map()))
    assert scene.rebuilds == 2
    check_matches_layout(scene)


# ------------------------------------------------------------------ text
def test_qt_fonts_are_the_layouts_faces_with_the_same_advances(qapp, example):
    build_layout(example)  # measures text, loading the faces it needs (CJK in the example)
    checked = 0
    for bold in (False, True):
        for face in fonts.chain(bold).faces():
            font = qtfonts.qfont(face.key, bold)
            info = QFontInfo(font)
            assert info.family() == face.family
            assert font.pixelSize() == qtfonts.PIXEL_SIZE
            assert font.hintingPreference() == font.HintingPreference.PreferNoHinting
            assert not font.kerning()
            sample = next(
                (
                    s
                    for s in ("Journey map: order 42, Müller", "中文字符旅程", "Жизнь")
                    if all(face.has(ord(c)) for c in s)
                ),
                None,
            )
            if sample is None:
                continue
            qt = QFontMetricsF(font).horizontalAdvance(sample)
            units = sum(face.widths.get(ord(c), face.font.face.defaultWidth) for c in sample)
            assert qt == pytest.approx(units * qtfonts.PIXEL_SIZE / 1000, rel=0.005), face.key
            checked += 1
    assert checked >= 2


# ------------------------------------------------------------------ the view
def test_zoom_shortcuts_and_wheel(qtbot, example):
    window = MainWindow(example, EXAMPLE)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.view
    view.setFocus()
    view.zoom_actual()
    assert view.zoom() == pytest.approx(1.0)
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(0.8)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    fit = view.zoom()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.map_rect())
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert window.zoom_label.text() == "100 %"
    assert fit != pytest.approx(1.0)

    centre = QPointF(view.viewport().rect().center())
    under = view.mapToScene(centre.toPoint())
    wheel = QWheelEvent(
        centre, view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    view.wheelEvent(wheel)
    assert view.zoom() == pytest.approx(1.25)
    after = view.mapToScene(centre.toPoint())
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2  # zoomed about the mouse


def test_pan_with_middle_button_and_space_drag(qtbot, example):
    view = MapView(MapScene(Document(example)))
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(2.0)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue(h.maximum() // 2)
    v.setValue(v.maximum() // 2)
    start = (h.value(), v.value())
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=QPoint(300, 200))
    qtbot.mouseMove(vp, QPoint(250, 170))
    qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=QPoint(250, 170))
    assert (h.value(), v.value()) == (start[0] + 50, start[1] + 30)
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(300, 200))
    qtbot.mouseMove(vp, QPoint(320, 210))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(320, 210))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert (h.value(), v.value()) == (start[0] + 30, start[1] + 20)


# ------------------------------------------------------------------ the main window
# (the window itself is tested in tests/test_main_window*.py)
def test_run_editor_refuses_a_bad_file_with_one_line(qapp, tmp_path, capsys):
    bad = tmp_path / "bad.journey.json"
    bad.write_text('{"format": "journeymap", "schema_version": 2, "map": {"cards": 5}}', encoding="utf-8")
    assert run_editor(bad) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeymap: ") and err.count("\n") == 1 and "Traceback" not in err


# ------------------------------------------------------------------ big maps
def test_one_move_in_a_big_map_touches_only_what_changed(qapp):
    m = generate_map(2000, seed=5)
    scene = MapScene(Document(m))
    layout = scene.layout
    card = m.cards[0]
    target = next(c for c in layout.cells() if c != (card.stage_id, card.lane_id) and c[1] == card.lane_id)
    in_cells = set(layout.cell_cards((card.stage_id, card.lane_id))) | set(layout.cell_cards(target))
    links_before = {lk.id: layout.link(lk.id) for lk in m.links}
    cmd.MoveCards([card.id], *target, index=0).apply(scene.doc)
    touched_cards = {i for kind, i in scene.touched if kind == "card"}
    assert card.id in touched_cards and touched_cards <= in_cells
    assert len(in_cells) < len(m.cards) / 10
    ends = {lk.id: {lk.source_id, lk.target_id} for lk in m.links}
    for lid in (i for kind, i in scene.touched if kind == "link"):  # a link is redrawn only if it moved
        assert ends[lid] & in_cells or links_before[lid] != scene.layout.link(lid)
    check_matches_layout(scene)
    assert scene.rebuilds == 1


def test_a_long_link_zoomed_in_is_drawn_where_the_view_shows_it(qapp):
    """A route crossing a big map, seen at 2x through a 400-point window round one of its
    corners: its runs are drawn across the window (stroked whole, cut by the painter's clip)."""
    m = generate_map(600, seed=2)
    scene = MapScene(Document(m))
    longest = max(scene.link_items.values(), key=lambda it: it.length)
    assert longest.length > 3000
    image = QImage(800, 800, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    corner = longest.geo.points[2]  # where the route turns onto its corridor
    window = QRectF(corner[0] - 200, corner[1] - 200, 400, 400)
    painter.scale(2, 2)
    painter.translate(-window.x(), -window.y())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = window
    longest.paint(painter, option)
    painter.end()
    pts = longest.geo.points
    dark = checked = 0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        for k in range(1, 40):
            x, y = x0 + (x1 - x0) * k / 40, y0 + (y1 - y0) * k / 40
            if not window.adjusted(10, 10, -10, -10).contains(x, y) or math.dist((x, y), corner) < 10:
                continue  # outside the window, or on the rounded corner
            checked += 1
            px, py = round((x - window.x()) * 2), round((y - window.y()) * 2)
            dark += min(image.pixelColor(px + dx, py + dy).lightness() for dx in (-1, 0, 1) for dy in (-1, 0, 1)) < 200
    assert checked >= 10 and dark == checked
    # a repaint inside the route's bounding rectangle but away from its runs does not stroke it
    box = longest.boundingRect()
    off = next(
        QRectF(x, y, 20, 20)
        for x in range(int(box.left()), int(box.right()), 40)
        for y in range(int(box.top()), int(box.bottom()), 40)
        if not longest.shape().intersects(QRectF(x - 10, y - 10, 40, 40))
    )
    assert longest.meets(window) and not longest.meets(off)
    calls = []
    painter = QPainter(image)
    painter.drawPath = lambda *a: calls.append(a)  # noqa: E731 - what the item strokes
    option.exposedRect = off
    longest.paint(painter, option)
    painter.end()
    assert calls == []


def test_a_deleted_scene_stops_following_its_document(qapp):
    doc = Document(small_map())
    scene = MapScene(doc)
    assert len(doc._listeners) == 1
    scene.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not doc._listeners
    cmd.Edit(Entity.CARD, doc.map.cards[0].id, {"title": "still fine"}).apply(doc)


def test_a_link_across_lanes_follows_a_boundary_that_moved_under_it(qapp):
    """A card moved from one lane to the next of the same height moves the boundary between
    them and nothing below: a link from a lane above to a lane below crosses the stages on a
    boundary between its lanes, so it is routed again although neither of its ends moved."""
    from app.model.schema import Lane, Map, Stage

    stages = [Stage(id=f"s{i}", name=f"Stage {i}") for i in range(3)]
    lanes = [Lane(id=f"l{i}", name=f"Lane {i}", type=LaneType.TEXT, height=24) for i in range(4)]

    def card(cid, stage, lane, order):
        return Card(id=cid, stage_id=stage, lane_id=lane, order=order, title=f"Card {cid}")

    cards = [card("a", "s0", "l0", 0), card("b1", "s1", "l1", 0), card("b2", "s1", "l1", 1),
             card("c1", "s1", "l2", 0), card("d", "s2", "l3", 0)]  # fmt: skip
    m = Map(title="m", stages=stages, lanes=lanes, cards=cards, links=[Link(id="lk", source_id="a", target_id="d")])
    scene = MapScene(Document(m))
    lay = scene.layout
    heights = {lane: lay.lane_rect(lane).h for lane in ("l1", "l2", "l3")}
    before = scene.link_items["lk"].geo
    cmd.MoveCards(["b2"], "s1", "l2", 1).apply(scene.doc)
    # the boundary between l1 and l2 moved up; l3 and both ends of the link stayed put
    assert lay.lane_rect("l1").h < heights["l1"] and lay.lane_rect("l2").h > heights["l2"]
    assert lay.lane_rect("l3").h == heights["l3"] and lay.card_rect("d") == build_layout(scene.doc.map).card_rect("d")
    assert scene.link_items["lk"].geo != before
    check_matches_layout(scene)


def test_the_canvas_keeps_its_width_when_the_map_grows_past_the_window(qtbot):
    """After Fit Map, an edit that makes the map taller than the window does not make the canvas
    narrower (a vertical scroll bar that came and went shifted it sideways and painted it all a
    second time): the bar is always there, disabled while the map fits."""
    from tests.card_support import make_canvas

    c = make_canvas(qtbot, generate_map(300, seed=2), size=(900, 700))
    c.view.fit_map()
    qtbot.wait(10)
    bar = c.view.verticalScrollBar()
    width = c.view.viewport().width()
    assert bar.isVisible() and bar.maximum() == 0  # the map fits: nothing to scroll
    lay = c.scene.layout
    cell = max(lay.cells(), key=lambda cell: len(lay.cell_cards(cell)))
    body = " ".join(["word"] * 60)
    new = [Card(id=f"tall-{i}", title="Tall", body=body, stage_id=cell[0], lane_id=cell[1]) for i in range(40)]
    cmd.InsertCards(new, *cell, 0).apply(c.doc)
    qtbot.wait(10)
    assert bar.maximum() > 0  # taller than the window now
    assert c.view.viewport().width() == width
