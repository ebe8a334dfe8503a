"""What an edit repaints (issue 11's quick capture, issue 14's frames): a note added to a tall
cell repaints about the card, not the cell's column; a link whose label alone moved repaints
the label's old and new places, not its map-wide bounding rectangle. And the pixels those
partial repaints leave on screen are exactly those of a full repaint (the offscreen platform
grabs the window's backing store: what the user sees)."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import Card, new_id
from app.widgets.canvas.cell_item import GROW_MIN, grow_room, grow_slack
from app.widgets.canvas.link_item import keeps_bounds
from app.widgets.canvas.scroll_ahead import ScrollAhead
from benchmarks.generate import generate_map
from tests.card_support import make_canvas

K = Qt.Key


class _Regions(QObject):
    """The regions the viewport repaints."""

    def __init__(self):
        super().__init__()
        self.rects: list = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.rects.extend(event.region())
        return False

    def area(self) -> int:
        return sum(r.width() * r.height() for r in self.rects)


def _idle(c) -> None:
    """Run the event loop until no link waits to be routed (at most 5 s: the slices are timer
    events, and a busy machine can take more than a count of passes to reach them), then until
    two passes in a row paint nothing (the repaint the last slice asks for comes a pass or two
    later: a grab before it saw the old picture)."""
    deadline = time.monotonic() + 5.0
    aheads = c.view.findChildren(ScrollAhead)  # (quick capture scrolls on after a card's frame)
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if not c.scene.links_pending and not c.scene.late.timer.isActive() and not any(a.waiting for a in aheads):
            break
    paints = _Regions()
    c.view.viewport().installEventFilter(paints)
    quiet = 0
    for _ in range(50):
        before = len(paints.rects)
        QApplication.processEvents()
        quiet = quiet + 1 if len(paints.rects) == before else 0
        if quiet == 2:
            break
    c.view.viewport().removeEventFilter(paints)


def _next_frame(regions: _Regions) -> list:
    """Run the event loop until the viewport paints (at most 2 s); the rectangles of that frame."""
    deadline = time.monotonic() + 2.0
    while not regions.rects and time.monotonic() < deadline:
        QApplication.processEvents()
    return list(regions.rects)


def _on_screen(c):
    """The viewport's pixels as the window shows them (its backing store, not a new render)."""
    vp = c.view.viewport()
    top = vp.mapTo(vp.window(), vp.rect().topLeft())
    return vp.screen().grabWindow(vp.window().winId(), top.x(), top.y(), vp.width(), vp.height()).toImage()


def _full_repaint(c):
    c.view.viewport().repaint()
    QApplication.processEvents()
    return _on_screen(c)


def _tall_cell(c, room: float = 400.0):
    """The cell with the most cards among those shorter than their lane (it grows alone, with
    the room quick capture keeps for the card being typed: ~130 points at 100 %)."""
    lay = c.scene.layout

    def bottom(cell):
        return max((lay.card_rect(i).bottom for i in lay.cell_cards(cell)), default=0.0)

    tallest = {}
    for cell in lay.cells():
        tallest[cell[1]] = max(tallest.get(cell[1], 0.0), bottom(cell))
    cells = [cell for cell in lay.cells() if lay.cell_cards(cell) and bottom(cell) < tallest[cell[1]] - room]
    return max(cells, key=lambda cell: len(lay.cell_cards(cell)))


def test_a_note_in_a_tall_cell_repaints_about_the_card_not_the_column(qtbot):
    c = make_canvas(qtbot, generate_map(1500, seed=3), size=(900, 700))
    cell = _tall_cell(c, room=700.0)  # (eight notes do not make it set its lane's height)
    c.actions.select_cell(cell)
    last = c.scene.card_item(c.scene.layout.cell_cards(cell)[-1])
    c.view.centerOn(last)
    c.view.setFocus()
    _idle(c)
    card_area = last.sceneBoundingRect().width() * last.sceneBoundingRect().height()
    regions = _Regions()
    c.view.viewport().installEventFilter(regions)
    scroll = c.view.verticalScrollBar()
    scrolled_in_frame = 0
    try:
        for i in range(8):
            for ch in f"note {i}":
                qtbot.keyClicks(QApplication.focusWidget(), ch)
            QApplication.processEvents()
            _idle(c)
            regions.rects.clear()
            at = scroll.value()
            qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)
            frame = _next_frame(regions)  # the note's own frame
            assert frame, "the new card was not painted"
            scrolled_in_frame += scroll.value() != at
            # the card, the cell's new bottom edge, the editor's next place: a few cards' worth
            # (it was the whole visible cell and its links: about a third of the view)
            assert sum(r.width() * r.height() for r in frame) < 4 * card_area, (i, frame)
            _idle(c)  # (the view scrolls ahead of the next card after the frame)
            editor = c.view.mapFromScene(c.actions.editor._new_rect()).boundingRect()
            assert c.view.viewport().rect().contains(editor), (i, editor)  # the next card shows
    finally:
        c.view.viewport().removeEventFilter(regions)
    # the view scrolled ahead of the cards after their frames (a card each, in every frame, before)
    assert scrolled_in_frame <= 1, scrolled_in_frame
    assert [c.doc.card(x).title for x in c.scene.layout.cell_cards(cell)[-8:]] == [f"note {i}" for i in range(8)]
    assert _on_screen(c) == _full_repaint(c)


def test_a_link_whose_label_alone_moved_repaints_the_label(qtbot):
    c = make_canvas(qtbot, generate_map(400, seed=5), size=(900, 700))
    c.view.fitInView(c.scene.sceneRect())
    _idle(c)
    item = max(
        (it for it in c.scene.link_items.values() if it.geo.label is not None and not it.marker),
        key=lambda it: it.boundingRect().height(),
    )
    geo, link = item.geo, c.doc.get(Entity.LINK, item.ident)
    lab = geo.label
    moved = geo._replace(
        label=lab._replace(rect=lab.rect._replace(y=lab.rect.y - 40), line=lab.line._replace(y=lab.line.y - 40))
    )
    assert item.boundingRect().contains(QRectF(lab.rect.x, lab.rect.y - 40, lab.rect.w, lab.rect.h))
    bounds = QRectF(item.boundingRect())
    regions = _Regions()
    c.view.viewport().installEventFilter(regions)
    try:
        item.set_geometry(moved, link)
        QApplication.processEvents()
    finally:
        c.view.viewport().removeEventFilter(regions)
    assert item.boundingRect() == bounds  # kept: Qt would repaint all of the old one
    view_bounds = c.view.mapFromScene(bounds).boundingRect()
    assert regions.rects and regions.area() < view_bounds.width() * view_bounds.height() / 4
    assert _on_screen(c) == _full_repaint(c)


def test_partial_repaints_leave_the_pixels_of_a_full_repaint(qtbot):
    """Random edits that grow and shrink cells, move labels, mark cells and move cards; after
    each, what the window shows equals a repaint of the whole view."""
    c = make_canvas(qtbot, generate_map(700, seed=8), size=(800, 600))
    doc, rng = c.doc, random.Random(4)
    cell = _tall_cell(c)
    c.view.centerOn(c.scene.card_item(c.scene.layout.cell_cards(cell)[-1]))
    _idle(c)
    for step in range(16):
        kind = rng.choice(["add", "add", "remove", "body", "mark", "move"])
        # as quick capture does: the links wait for the frame, left out of it where it repaints
        c.scene.links_after_frame = step % 2 == 0
        cards = c.scene.layout.cell_cards(cell)
        if kind == "add":
            new = Card(id=new_id("c"), title=f"n{step}", stage_id=cell[0], lane_id=cell[1])
            cmd.InsertCards([new], *cell, len(cards)).apply(doc)
        elif kind == "remove" and cards:
            cmd.Remove(Entity.CARD, cards[-1]).apply(doc)
        elif kind == "body":
            cmd.Edit(Entity.CARD, rng.choice(cards), {"body": " ".join(["word"] * rng.randint(0, 30))}).apply(doc)
        elif kind == "mark":
            c.actions.select_cell(rng.choice(list(c.scene.layout.cells())))
        else:
            card = rng.choice(doc.map.cards)
            cmd.MoveCards([card.id], *cell, rng.randint(0, len(cards))).apply(doc)
        if c.scene.links_pending:
            QApplication.processEvents()  # the frame without the waiting links
        c.scene.links_after_frame = False
        _idle(c)
        assert not c.scene.links_pending
        assert _on_screen(c) == _full_repaint(c), (step, kind)


def test_notes_that_grow_their_lane_leave_the_waiting_links_out_of_the_frame_then_draw_them(qtbot):
    """A note in the cell that sets its lane's height moves every lane below; their links wait
    for the frame that shows the card and are not drawn in it where it repaints (their routes
    are out of date); then every link is drawn where the layout puts it."""
    c = make_canvas(qtbot, generate_map(1500, seed=3), size=(900, 700))
    lay = c.scene.layout
    lane = lay.lane_ids[1]
    cell = max((x for x in lay.cells() if x[1] == lane), key=lambda x: len(lay.cell_cards(x)))
    c.actions.select_cell(cell)
    c.view.centerOn(c.scene.card_item(lay.cell_cards(cell)[-1]))
    c.view.setFocus()
    _idle(c)
    below = lay.lane_rect(lay.lane_ids[2]).y
    for ch in "grows":
        qtbot.keyClicks(QApplication.focusWidget(), ch)
    QApplication.processEvents()
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)
    waiting = set(c.scene.late.pending)
    assert lay.lane_rect(lay.lane_ids[2]).y > below and len(waiting) > 24
    QApplication.processEvents()  # the frame with the card
    assert any(c.scene.link_items[i]._skipped for i in waiting), "no waiting link was in the repaint"
    _idle(c)
    assert not c.scene.links_pending
    assert not any(it._skipped for it in c.scene.link_items.values())  # all drawn again
    assert _on_screen(c) == _full_repaint(c)


def test_a_cells_room_to_grow():
    assert grow_slack(100) == GROW_MIN and grow_slack(4000) == 1000
    assert grow_room(500, 500 + grow_slack(500))  # a fresh one fits
    assert grow_room(700, 500 + grow_slack(500))  # grown within the room: kept
    assert not grow_room(800, 500 + grow_slack(500))  # past it: a new one
    assert not grow_room(100, 5000)  # shrunk well inside it: a new, tighter one
    assert keeps_bounds(QRectF(0, 0, 100, 100), QRectF(10, 10, 80, 80))
    assert not keeps_bounds(QRectF(0, 0, 100, 100), QRectF(10, 10, 20, 20))  # far too big
    assert not keeps_bounds(QRectF(0, 0, 100, 100), QRectF(10, 10, 100, 80))  # left it


def test_a_link_left_out_while_it_waited_is_drawn_again_even_where_it_stays(qtbot):
    """A waiting link is left out of repaints; when the scene draws it (its route unchanged, or
    only its label moved) it is drawn whole again, not just where it changed."""
    c = make_canvas(qtbot, generate_map(400, seed=5), size=(900, 700))
    c.view.fitInView(c.scene.sceneRect())
    _idle(c)
    items = [it for it in c.scene.link_items.values() if it.geo.label is not None and not it.marker]
    same, relabelled = items[0], items[1]
    late = c.scene.late
    for item in (same, relabelled):
        late.pending[item.ident] = None  # as a batch that moved the map under it leaves it
    c.view.viewport().repaint()  # a repaint while they wait: they are left out
    assert same._skipped and relabelled._skipped
    for item in (same, relabelled):
        del late.pending[item.ident]
    lab = relabelled.geo.label
    moved = relabelled.geo._replace(label=lab._replace(rect=lab.rect._replace(y=lab.rect.y - 20),
                                                       line=lab.line._replace(y=lab.line.y - 20)))
    c.scene._update_link(same.ident, same.geo)  # the layout's route: what it was
    relabelled.set_geometry(moved, c.doc.get(Entity.LINK, relabelled.ident))
    QApplication.processEvents()
    assert not same._skipped and not relabelled._skipped
    assert _on_screen(c) == _full_repaint(c)


def test_a_route_that_changes_inside_its_bounds_repaints_its_old_and_new_runs(qtbot):
    """A link whose new route stays inside its bounding rectangle repaints its runs, old and new,
    one by one: the run it no longer has is wiped, and nothing but runs is repainted."""
    c = make_canvas(qtbot, generate_map(400, seed=5), size=(900, 700))
    c.view.fitInView(c.scene.sceneRect())
    _idle(c)

    def kinds(it):  # "l" a straight run, "c" a rounded corner
        return "".join("l" if len(seg) == 1 else "c" for seg in it.geo.segments)

    def second_last_run(it):
        (x0, y0), (x1, y1) = it.geo.points[-3:-1]
        return abs(x1 - x0) + abs(y1 - y0)

    item = max(
        (it for it in c.scene.link_items.values() if len(it.geo.points) >= 5 and kinds(it).endswith("lclcl")),
        key=second_last_run,
    )
    assert second_last_run(item) > 40
    geo = item.geo
    # without its last two runs and the corners before them (it ends at the corner before)
    shorter = geo._replace(segments=geo.segments[:-4], points=geo.points[:-2])
    bounds = QRectF(item.boundingRect())
    regions = _Regions()
    c.view.viewport().installEventFilter(regions)
    try:
        item.set_geometry(shorter, c.doc.get(Entity.LINK, item.ident))
        QApplication.processEvents()
    finally:
        c.view.viewport().removeEventFilter(regions)
    assert item.boundingRect() == bounds
    view_bounds = c.view.mapFromScene(bounds).boundingRect()
    assert regions.rects and regions.area() < view_bounds.width() * view_bounds.height() / 2
    assert _on_screen(c) == _full_repaint(c)  # the run it lost is gone from the screen


def _drop_case(qtbot, seed: int):
    """A canvas at 100 % and a real mouse drag of a card to another cell in sight, unreleased."""
    from benchmarks.bench_frames import drag_target
    from tests.card_support import press_drag

    c = make_canvas(qtbot, generate_map(600, seed=seed), size=(1000, 700))
    rng = random.Random(seed)
    for _ in range(100):
        card = rng.choice(c.doc.map.cards)
        c.view.centerOn(c.scene.card_item(card.id))
        start = c.view.mapFromScene(c.scene.card_item(card.id).sceneBoundingRect().center())
        target = drag_target(c.view, card, start)
        if target is not None and c.view.itemAt(start) is c.scene.card_item(card.id):
            break
    else:
        raise AssertionError("no card to drag")
    _idle(c)
    cell, end = target
    press_drag(qtbot, c, start, end)
    return c, card.id, cell, end


def test_a_drop_repaints_what_it_changed_and_leaves_the_pixels_of_a_full_repaint(qtbot):
    """During a drag the view shows a snapshot; a drop repainted all of the view. Now it repaints
    what the drag drew and what the move changed, and the window shows what a full repaint does."""
    for seed in (2, 5):
        c, card_id, cell, end = _drop_case(qtbot, seed)
        regions = _Regions()
        vp = c.view.viewport()
        vp.installEventFilter(regions)
        try:
            qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
            _idle(c)
        finally:
            vp.removeEventFilter(regions)
        after = c.doc.card(card_id)
        assert (after.stage_id, after.lane_id) == cell
        assert 0 < regions.area() < vp.width() * vp.height() * 0.9, regions.rects
        assert _on_screen(c) == _full_repaint(c), seed
        c.view.close()


def test_what_changed_under_a_drag_is_on_screen_after_the_drop(qtbot):
    """An edit that lands during a drag (from the workshop room, say) is hidden by the snapshot;
    after the drop it is on screen."""
    c, card_id, cell, end = _drop_case(qtbot, 3)
    seen = c.view.mapToScene(c.view.viewport().rect()).boundingRect()
    other = next(
        x for x in c.doc.map.cards
        if x.id != card_id and c.scene.card_item(x.id).sceneBoundingRect().intersects(seen)
    )  # fmt: skip
    cmd.Edit(Entity.CARD, other.id, {"title": "Changed while you dragged"}).apply(c.doc)
    QApplication.processEvents()
    qtbot.mouseRelease(c.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    _idle(c)
    assert _on_screen(c) == _full_repaint(c)


def test_notes_typed_past_the_bottom_of_the_window_scroll_a_strip(qtbot, tmp_path):
    """In the real window (pinned headers and the overview over the canvas), notes typed one
    below the other down past the window's bottom scroll the canvas ahead after their frames,
    and Qt moves the pixels it has: each Enter paints about its card, each scroll a strip,
    never the whole canvas. (An edit that repainted a widget over the canvas before the scroll
    (the overview raised over the pinned strips, the editor hidden and shown again, its fields
    cleared) made Qt paint the whole canvas again: ~20 ms a note at 5,000 cards.) The pixels
    equal a full repaint."""
    from tests.main_window_support import Windows

    window = Windows(qtbot, tmp_path).make(generate_map(1000, seed=3), size=(1200, 800))
    c = window  # (the names _idle and _on_screen use)
    c.view.zoom_actual()
    cell = _tall_cell(c, 200.0)
    window.card_actions.select_cell(cell)
    last = c.scene.card_item(c.scene.layout.cell_cards(cell)[-1]).sceneBoundingRect()
    vp = c.view.viewport()
    c.view.centerOn(last.center().x(), last.bottom() - vp.height() / 2 + 60)  # near the bottom
    c.view.setFocus()
    _idle(c)
    assert window.overview.isVisible() and any(s.isVisible() for s in window.sticky_headers.strips.values())
    bar, editor = c.view.verticalScrollBar(), window.card_actions.editor
    paints: list = []  # the area of each paint after an Enter

    class Paints(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                paints.append(sum(r.width() * r.height() for r in event.region()))
            return False

    watch = Paints()
    vp.installEventFilter(watch)
    scrolled = []
    try:
        for i in range(8):
            for ch in f"note {i}":
                qtbot.keyClicks(QApplication.focusWidget(), ch)
            _idle(c)
            paints.clear()
            before = bar.value()
            qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)
            _idle(c)
            assert editor.active and editor.frame.isVisible() and editor.title.text() == ""
            assert vp.rect().contains(editor.frame.geometry())  # all of the editor in view, body too
            assert paints and paints[0] < vp.width() * vp.height() / 8, paints  # the note's frame
            if bar.value() != before:
                scrolled.append(max(paints))
    finally:
        vp.removeEventFilter(watch)
    assert len(scrolled) >= 2, "the notes did not go past the window's bottom"
    # a scroll ahead paints the strip it brings in (~35 % of the view, with the note: ~47 % here)
    assert max(scrolled) < vp.width() * vp.height() * 2 / 3, scrolled  # it was all of it
    assert [c.doc.card(x).title for x in c.scene.layout.cell_cards(cell)[-8:]] == [f"note {i}" for i in range(8)]
    assert _on_screen(c) == _full_repaint(c)
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Escape)
    assert not editor.active and not editor.frame.isVisible()
    window.session.undo_stack.setClean()


class _Recorder(QPainter):
    """A painter that notes what a link's paint asks of it."""

    def __init__(self, device):
        super().__init__(device)
        self.calls: list[str] = []

    def drawPath(self, *args):  # noqa: N802 - Qt's name
        self.calls.append("path")
        super().drawPath(*args)

    def drawPolygon(self, *args):  # noqa: N802 - Qt's name
        self.calls.append("arrow")
        super().drawPolygon(*args)

    def drawRoundedRect(self, *args):  # noqa: N802 - Qt's name
        self.calls.append("label")
        super().drawRoundedRect(*args)


def test_a_repaint_across_a_links_run_draws_neither_its_arrow_head_nor_its_label(qtbot):
    """A long link crosses many repaints that show only a piece of its run: those stroke the
    run, and leave the arrow head and the label (drawn where a repaint reaches them) alone."""
    c = make_canvas(qtbot, generate_map(300, seed=4))
    item = max(
        (it for it in c.scene.link_items.values() if it.label_box is not None and it.length > 600),
        key=lambda it: it.length,
    )
    pts = item.geo.points
    a, b = max(
        zip(pts, pts[1:], strict=False), key=lambda ab: abs(ab[1][0] - ab[0][0]) + abs(ab[1][1] - ab[0][1])
    )
    mid = QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    piece = QRectF(mid.x() - 4, mid.y() - 4, 8, 8)
    assert not piece.intersects(item.label_box) and not piece.intersects(item.arrow.boundingRect())
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    for exposed, wanted in ((piece, ["path"]), (item.boundingRect(), ["path", "arrow", "label"])):
        option = QStyleOptionGraphicsItem()
        option.exposedRect = exposed
        painter = _Recorder(image)
        item.paint(painter, option, None)
        painter.end()
        assert painter.calls == wanted


def test_the_last_card_of_a_cell_moved_to_the_next_stage_leaves_no_trace(qtbot):
    """Qt did not repaint the old place of a card that changed cells when it was the last card
    of the cell it left: the card stayed on screen there too. A card that changes cells now
    asks for its old place to be repainted."""
    c = make_canvas(qtbot, generate_map(200, seed=3), size=(900, 700))
    doc, lay = c.doc, c.scene.layout
    third = doc.map.stages[2].id
    card = next(
        cd for cd in doc.map.cards
        if cd.stage_id == third and len(lay.cell_cards((third, cd.lane_id))) > 3
        and lay.cell_cards((third, cd.lane_id))[-1] == cd.id
    )  # fmt: skip
    c.view.centerOn(c.scene.card_item(card.id).sceneBoundingRect().center())
    _idle(c)
    cmd.MoveCards([card.id], doc.map.stages[3].id, card.lane_id, 0).apply(doc)
    _idle(c)
    assert _on_screen(c) == _full_repaint(c)
