"""Keeping your place when zoomed in (issue 9, item 7): pinned stage and lane headers, and the
overview, in the real window through real events (wheel, mouse, shortcuts)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.model import palette
from app.model.events import Entity
from app.model.layout import HEADER_H, LABEL_W, TITLE_H
from app.widgets.canvas.overview import RENDER_DELAY_MS
from app.widgets.canvas.view import BACKGROUND
from tests.main_window_support import Windows, action_for, press


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


def wheel(view, dy: int = 0, dx: int = 0, times: int = 1) -> None:
    """Turn the mouse wheel over the middle of the canvas (negative: down / right)."""
    vp = view.viewport()
    pos = QPointF(vp.width() / 2, vp.height() / 2)
    for _ in range(times):
        event = QWheelEvent(pos, QPointF(vp.mapToGlobal(pos.toPoint())), QPoint(), QPoint(dx, dy),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(vp, event)
        QApplication.processEvents()


def at_actual_size(windows, qtbot):
    """The example map at 100 %, scrolled to its top-left corner."""
    window = windows.make(path=windows.copy_example())
    press(qtbot, window, "Ctrl+1")
    view = window.view
    wheel(view, dy=120, times=40)  # to the top-left: the headers are where they belong
    wheel(view, dx=120, times=40)
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()
    assert view.horizontalScrollBar().value() == view.horizontalScrollBar().minimum()
    return window


def scroll_below_headers(window) -> None:
    view = window.view
    wheel(view, dy=-120, times=4)  # down the map: the stage header row goes off the top
    assert view.mapFromScene(QPointF(0, TITLE_H + HEADER_H)).y() < 0


def grab(widget, rect: QRect) -> QImage:
    return widget.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)


def on_screen(view, rect: QRect) -> QImage:
    """What the canvas shows in ``rect`` (viewport coordinates), the pinned strips included
    (they are children of the viewport)."""
    return grab(view, rect.translated(view.viewport().geometry().topLeft()))


def differing(a: QImage, b: QImage, tolerance: int = 24) -> float:
    """The share of pixels whose colours differ by more than ``tolerance`` in a channel."""
    assert a.size() == b.size()
    bad = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if max(abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue())) > tolerance:
                bad += 1
    return bad / (a.width() * a.height())


def visible_stages(window) -> list[str]:
    """The stages whose columns the canvas shows, from the layout (not from the strip)."""
    view, lay = window.view, window.scene.layout
    width = view.viewport().width()
    out = []
    for sid in lay.stage_ids:
        r = lay.stage_header_rect(sid)
        left = view.mapFromScene(QPointF(r.x, 0)).x()
        right = view.mapFromScene(QPointF(r.right, 0)).x()
        if right > LABEL_W and left < width:  # right of the pinned lane labels
            out.append(sid)
    return out


def test_headers_not_pinned_while_in_sight(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    assert window.sticky_headers.pinned() == set()
    press(qtbot, window, "Ctrl+0")  # the whole map
    assert window.sticky_headers.pinned() == set()


def test_pinned_stage_headers_look_like_the_real_ones_and_follow_scrolling(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    view, sticky, lay = window.view, window.sticky_headers, window.scene.layout
    wheel(view, dx=-120, times=3)  # a little to the right: the lane labels go off the left edge
    assert view.mapFromScene(QPointF(0, 0)).x() < 0
    sid = visible_stages(window)[1]
    r = lay.stage_header_rect(sid)
    real = view.mapFromScene(QPointF(r.x, r.y))
    size = round(r.w * view.zoom()) - 2, round(r.h * view.zoom()) - 2
    real_pixels = on_screen(view, QRect(real.x() + 1, real.y() + 1, *size))

    scroll_below_headers(window)
    assert {"stage", "lane", "corner"} <= sticky.pinned()
    shown = dict(sticky.shown("stage"))
    assert list(shown) == visible_stages(window)
    names = {s.id: s.name for s in window.doc.map.stages}
    assert "Fix" in [names[s] for s in shown]  # the example's fourth stage, at 100 %

    # the pinned copy, at the top of the canvas, is the stage's own header
    strip = sticky.strips["stage"]
    at = shown[sid]
    assert at.y() == 0 and abs(at.x() - real.x()) <= 1  # same column (no horizontal scroll since)
    pinned_pixels = on_screen(view, QRect(round(at.x()) + 1, 1, *size))
    assert differing(pinned_pixels, real_pixels) < 0.02
    # and it is not the map under it: the top strip is header grey, not lane fill or background
    row = on_screen(view, QRect(strip.origin.x(), strip.height() // 2, strip.width(), 1))
    header = QColor(palette.HEADER_FILL)
    share = sum(row.pixelColor(x, 0) == header for x in range(row.width())) / row.width()
    assert share > 0.5
    assert all(row.pixelColor(x, 0) != QColor(BACKGROUND) for x in range(row.width()))

    # scrolling sideways moves the pinned headers with their columns
    before = view.horizontalScrollBar().value()
    wheel(view, dx=-120, times=2)
    moved = view.horizontalScrollBar().value() - before
    assert moved > 0
    after = dict(sticky.shown("stage"))
    assert abs(after[sid].x() - (at.x() - moved)) <= 1
    assert list(after) == visible_stages(window)
    assert sticky.strips["stage"].isVisible()


def test_pinned_lane_labels_follow_vertical_scrolling(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    view, sticky = window.view, window.sticky_headers
    wheel(view, dx=-120, times=3)
    scroll_below_headers(window)
    shown = dict(sticky.shown("lane"))
    assert shown
    lid, at = list(shown.items())[len(shown) // 2]  # one in the middle: it stays in sight
    before = view.verticalScrollBar().value()
    wheel(view, dy=-120)
    moved = view.verticalScrollBar().value() - before
    assert moved > 0
    assert abs(dict(sticky.shown("lane"))[lid].y() - (at.y() - moved)) <= 1


def dark_share(img: QImage) -> float:
    """The share of text-dark pixels (names are drawn in near-black ink)."""
    dark = sum(img.pixelColor(x, y).lightness() < 110 for y in range(img.height()) for x in range(img.width()))
    return dark / (img.width() * img.height())


def test_a_lane_label_cut_by_the_pinned_row_slides_down_into_sight(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    view, sticky = window.view, window.sticky_headers
    press(qtbot, window, "Ctrl+=")  # zoomed in: lanes taller than their labels
    wheel(view, dx=120, times=40)
    wheel(view, dx=-120, times=2)
    assert view.mapFromScene(QPointF(0, 0)).x() < 0
    cut = None
    for _ in range(40):  # down the map until a lane's top is well above the pinned row's edge
        wheel(view, dy=-60)
        strip = sticky.strips["lane"]
        if not strip.isVisible():
            continue
        edge = strip.origin.y()
        cut = next(((lid, r) for lid, r in sticky.shown("lane") if r.top() < edge - 60 and r.bottom() > edge + 60), None)
        if cut is not None:
            break
    assert cut is not None
    lid, r = cut
    strip = sticky.strips["lane"]
    top = on_screen(view, QRect(strip.origin.x() + 6, strip.origin.y(), strip.width() - 12, 30))
    assert dark_share(top) > 0.02, "the lane's name is drawn at the top of the pinned column"
    # where the real label is, it is scrolled away: the canvas shows no text there
    label_top = view.mapFromScene(QPointF(0, window.scene.layout.lane_header_rect(lid).y))
    assert label_top.y() < 0


def test_click_on_pinned_header_selects_it_and_drag_reorders(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    view, sticky = window.view, window.sticky_headers
    wheel(view, dx=-120, times=3)
    scroll_below_headers(window)
    strip = sticky.strips["stage"]
    shown = sticky.shown("stage")
    (first, r1), (second, r2) = shown[0], shown[1]

    def local(r) -> QPoint:
        return (r.center() - QPointF(strip.origin)).toPoint()

    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local(r2))
    assert window.selection.items() == [(Entity.STAGE, second)]
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, local(r1))
    assert set(window.selection.items()) == {(Entity.STAGE, first), (Entity.STAGE, second)}

    lanes = sticky.strips["lane"]
    lid, lr = sticky.shown("lane")[0]
    qtbot.mouseClick(lanes, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     (lr.center() - QPointF(lanes.origin)).toPoint())  # fmt: skip
    assert window.selection.items() == [(Entity.LANE, lid)]

    # drag the second stage's pinned header left of the first: one reorder, as on the real header
    order = [s.id for s in window.doc.map.stages]
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local(r2))
    for x in range(local(r2).x(), round(r1.left() - strip.origin.x()) + 10, -20):
        qtbot.mouseMove(strip, QPoint(x, local(r2).y()))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(round(r1.left() - strip.origin.x()) + 10, local(r2).y()))  # fmt: skip
    expected = list(order)
    i, j = expected.index(first), expected.index(second)
    expected.insert(i, expected.pop(j))
    assert [s.id for s in window.doc.map.stages] == expected
    assert window.session.undo_stack.undoText() != ""
    assert [sid for sid, _ in sticky.shown("stage")][:2] == [second, first]


def test_overview_follows_the_view_and_a_click_goes_there(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    view, overview = window.view, window.overview
    assert overview.isVisible()  # at 100 % the example does not fit
    # the picture drawn after the open (RENDER_DELAY_MS later) is not a scroll's
    qtbot.waitUntil(lambda: not overview._render_timer.isActive(), timeout=3000)
    QApplication.processEvents()
    renders = overview.renders
    top = overview.frame_rect()
    wheel(view, dy=-120, times=4)
    lower = overview.frame_rect()
    assert lower.y() > top.y() + 2 and lower.bottom() > top.bottom() + 2
    assert overview.renders == renders  # scrolling moves the frame only
    img = grab(overview, overview.rect())
    frame_colour = QColor("#0072B2")
    edge = round(lower.center().x()), round(lower.top() + 0.75)
    found = any(img.pixelColor(edge[0], y) == frame_colour or img.pixelColor(edge[0], y).blue() > 150
                for y in range(edge[1] - 1, edge[1] + 2))  # fmt: skip
    assert found, "the frame is drawn where the view is"

    target = QPoint(overview.width() // 2, overview.height() // 2)
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    centre = view.mapToScene(view.viewport().rect().center())
    wanted = overview.to_scene(QPointF(target))
    assert abs(centre.x() - wanted.x()) < 3 / view.zoom() + 2
    assert abs(centre.y() - wanted.y()) < 3 / view.zoom() + 2
    assert overview.frame_rect().contains(QPointF(target))

    # dragging in it pans
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    qtbot.mouseMove(overview, target + QPoint(0, 20))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target + QPoint(0, 20))
    assert view.mapToScene(view.viewport().rect().center()).y() > centre.y()


def test_overview_hidden_when_the_map_fits_and_toggled_in_view_menu(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    overview = window.overview
    assert overview.isVisible()
    press(qtbot, window, "Ctrl+0")  # Fit Map: nothing to find
    assert not overview.isVisible()
    press(qtbot, window, "Ctrl+1")
    assert overview.isVisible()

    act = action_for(window, "Ctrl+Shift+M")
    assert act.isCheckable() and act.isChecked() and act in window.view_menu.actions()
    press(qtbot, window, "Ctrl+Shift+M")
    assert not act.isChecked() and not overview.isVisible()
    wheel(window.view, dy=-120, times=2)
    assert not overview.isVisible()
    # the choice is kept for the next window
    again = windows.make(path=windows.copy_example("second.journey.json"))
    press(qtbot, again, "Ctrl+1")
    assert not action_for(again, "Ctrl+Shift+M").isChecked() and not again.overview.isVisible()
    press(qtbot, again, "Ctrl+Shift+M")
    assert again.overview.isVisible()


def test_overview_redrawn_after_an_edit_once(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    overview = window.overview
    before = overview.renders
    first = overview._picture.toImage()
    stage = window.doc.map.stages[0]
    window.selection.set([(Entity.STAGE, stage.id)])
    window.actions_by_name["delete_stage"].trigger()
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["redo"].trigger()
    assert overview.renders == before  # not on each change
    qtbot.waitUntil(lambda: overview.renders == before + 1, timeout=RENDER_DELAY_MS + 2000)
    qtbot.wait(RENDER_DELAY_MS + 100)
    assert overview.renders == before + 1
    assert overview._picture.toImage() != first  # a stage fewer


def test_overview_redrawn_for_a_resized_canvas(windows, qtbot):
    window = at_actual_size(windows, qtbot)
    overview = window.overview
    before = overview.size()
    press(qtbot, window, "Ctrl+Shift+F")  # focus on the map: no panels to hold the window wide
    window.resize(560, 380)  # a small canvas: a smaller picture, still in the corner
    qtbot.waitUntil(lambda: overview.size() != before)
    qtbot.waitUntil(lambda: overview._picture.deviceIndependentSize().toSize() == overview.size() - QSize(2, 2),
                    timeout=RENDER_DELAY_MS + 2000)  # fmt: skip
    area = window.view.viewport().geometry()
    assert area.contains(overview.geometry())


def _window_pixels(view) -> QImage:
    """What the window shows of the viewport: its backing store (the offscreen platform grabs
    it), not a new rendering, so pixels moved by a scroll are checked as they are."""
    vp = view.viewport()
    top = vp.mapTo(vp.window(), QPoint(0, 0))
    return vp.screen().grabWindow(vp.window().winId(), top.x(), top.y(), vp.width(), vp.height()).toImage()


def test_scrolling_moves_the_pixels_and_repaints_only_what_comes_into_sight(windows, qtbot):
    """The pinned strips and the overview are children of the viewport: a widget laid over it
    from outside made Qt repaint the whole canvas on every scroll step. A scroll with the strips
    pinned and the overview shown repaints the strip that comes into sight (and the strips and
    the overview), and the window then shows exactly what a full repaint shows."""
    from tests.test_canvas_repaint import _Regions

    window = at_actual_size(windows, qtbot)
    view = window.view
    scroll_below_headers(window)
    wheel(view, dx=-120, times=2)
    assert window.overview.isVisible()
    strips = window.sticky_headers.strips
    assert strips["stage"].isVisible() and strips["lane"].isVisible()
    vp = view.viewport()
    vp.installEventFilter(counter := _Regions())
    try:
        for _ in range(3):
            counter.rects.clear()
            before = view.verticalScrollBar().value()
            view.verticalScrollBar().setValue(before + 60)
            QApplication.processEvents()
            assert view.verticalScrollBar().value() == before + 60
            # the 60 px that came into sight and the overview's corner (it was all of it)
            assert 0 < counter.area() < vp.width() * vp.height() / 4, counter.rects
    finally:
        vp.removeEventFilter(counter)
    shown = _window_pixels(view)
    vp.repaint()
    QApplication.processEvents()
    full = _window_pixels(view).convertToFormat(QImage.Format.Format_RGB32)
    # the same but for the dashes of dashed links through the top edge, a pixel or two apart in
    # the moved pixels (0.1 % of the view here, measured); a strip or a card out of place
    # differs by far more
    assert differing(shown.convertToFormat(QImage.Format.Format_RGB32), full) < 0.003


def test_pinned_strips_are_drawn_again_only_when_what_they_show_changed(windows, qtbot):
    """An edit that changes no header (a card's title) leaves the pinned pictures as they are
    (they were drawn again after every edit: ~2 ms a note typed); a lane that grows, a renamed
    stage, a scroll along a strip draw that strip again, and it then shows what a new drawing shows."""
    from app.model import commands as cmd

    window = at_actual_size(windows, qtbot)
    view, sticky, doc = window.view, window.sticky_headers, window.session.doc
    wheel(view, dx=-120, times=3)
    scroll_below_headers(window)
    strips = sticky.strips
    assert strips["stage"].isVisible() and strips["lane"].isVisible()
    pics = {k: strips[k].picture() for k in ("stage", "lane")}
    card = doc.map.cards[0]
    window.session.push(cmd.Edit(Entity.CARD, card.id, {"title": card.title + "!"}))
    QApplication.processEvents()
    assert all(strips[k].picture() is pics[k] for k in pics)  # not drawn again

    def fresh(kind):
        strip = strips[kind]
        now = strip.picture().toImage()
        strip.invalidate()
        return now == strip.picture().toImage()

    lane = window.scene.layout.lane_ids[0]
    tall = max((c for c in doc.map.cards if c.lane_id == lane), key=lambda c: len(c.body))
    window.session.push(cmd.Edit(Entity.CARD, tall.id, {"body": "a long line of words " * 60}))
    QApplication.processEvents()
    assert strips["lane"].picture() is not pics["lane"] and fresh("lane")  # the lane grew
    assert strips["stage"].picture() is pics["stage"]
    stage = doc.map.stages[1]
    window.session.push(cmd.Edit(Entity.STAGE, stage.id, {"name": "Renamed"}))
    QApplication.processEvents()
    assert strips["stage"].picture() is not pics["stage"] and fresh("stage")
    pics = {k: strips[k].picture() for k in ("stage", "lane", "corner")}
    wheel(view, dy=-120)  # down: the lane column moves, the stage row and the corner do not
    assert strips["lane"].picture() is not pics["lane"] and strips["stage"].picture() is pics["stage"]
    assert strips["corner"].picture() is pics["corner"] and fresh("corner")
