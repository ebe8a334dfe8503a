"""Presentation mode (issue 11, item 1) through the real window: F5 and the Workshop menu, the
steps (whole map, then each stage column with its lanes, page by page when too tall to read),
the caption and shade, Esc putting the window back exactly, and the second screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QDockWidget, QLineEdit, QToolBar

from app.io.jsonfile import load_map
from app.io.templates import example_path
from app.model import commands as cmd
from app.model.events import Entity
from app.model.layout import LABEL_W
from app.model.textlayout import BODY_SIZE
from app.widgets.workshop.screen_window import other_screen
from app.widgets.workshop.steps import MARGIN, READABLE_LINES
from tests.main_window_support import ROOT, Windows, action_for
from tests.model_factory import small_map


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


def short_map():
    """Three stages, two lanes shown: every stage column fits the screen at a readable size."""
    m = small_map(1)
    for lane in m.lanes:
        lane.hidden = lane.id not in ("l-act", "l-touch")
    return m


def seen(presenter, headers) -> QRectF:
    """The part of the scene in sight: above the caption, right of the pinned lane names and
    below the pinned stage header (``headers``: the view's StickyHeaders)."""
    view = presenter.view
    r = view.viewport().rect()
    r.setHeight(r.height() - presenter.caption.height())
    pinned = headers.strip_rects()
    if "lane" in pinned:
        r.setLeft(pinned["lane"].right() + 1)
    if "stage" in pinned:
        r.setTop(pinned["stage"].bottom() + 1)
    return view.mapToScene(r).boundingRect()


def column(window, stage_id: str) -> QRectF:
    r = window.scene.layout.stage_rect(stage_id)
    return QRectF(r.x, r.y, r.w, r.h)


def shown_parts(window) -> dict[str, bool]:
    parts = {d.objectName(): d.isVisible() for d in window.findChildren(QDockWidget)}
    parts.update({t.objectName(): t.isVisible() for t in window.findChildren(QToolBar)})
    parts["menu"] = window.menuBar().isVisible()
    parts["status"] = window.statusBar().isVisible()
    return parts


def key(qtbot, widget, k) -> None:
    qtbot.keyClick(widget, k)


def present(qtbot, window):
    """F5, and wait for the full-screen size; the presenter."""
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.view.viewport().size() == window.screen().geometry().size())
    return window.workshop.presentation.presenter


def test_f5_presents_each_stage_and_esc_puts_the_window_back(windows, qtbot):
    window = windows.make(short_map())
    view = window.view
    assert action_for(window, "F5") is window.actions_by_name["present"]
    window.docks.show("personas")
    view.set_zoom(0.8)
    view.centerOn(300, 200)
    before = shown_parts(window)
    assert before["menu"] and before["status"] and before["mainToolbar"]
    geometry, zoom = window.geometry(), view.zoom()
    centre = view.mapToScene(view.viewport().rect().center())

    pr = present(qtbot, window)
    p = window.workshop.presentation
    assert p.active and window.isFullScreen()
    qtbot.waitUntil(lambda: not any(shown_parts(window).values()))  # only the map
    assert window.actions_by_name["present"].isChecked()
    # the first step: the whole map, with the map's title in the caption
    assert pr.step.stage_id is None
    assert seen(pr, window.sticky_headers).adjusted(-1, -1, 1, 1).contains(window.scene.map_rect())
    assert pr.caption.title.text() == window.doc.map.title
    stages = window.doc.map.stages
    for i, stage in enumerate(stages):
        key(qtbot, window, Qt.Key.Key_Right)
        assert pr.step.stage_id == stage.id
        col, now = column(window, stage.id), seen(pr, window.sticky_headers)
        assert now.adjusted(-1, -1, 1, 1).contains(col), (stage.id, now, col)
        # as close as the picture's shape allows: the column (and the lane names) fill its
        # width or its height, with a margin
        assert (
            now.width() <= col.width() + LABEL_W + 2 * MARGIN + 2
            or now.height() <= col.height() + 2 * MARGIN + 2
        )
        assert pr.shade.focus[0] == col  # the other stages in the shade
        assert pr.caption.title.text() == stage.name
        assert pr.caption.position.text() == f"Stage {i + 1} of {len(stages)}"
        assert pr.step.pages == 1
    key(qtbot, window, Qt.Key.Key_Right)  # past the last stage: stays
    assert pr.step.stage_id == stages[-1].id
    key(qtbot, window, Qt.Key.Key_Left)
    assert pr.step.stage_id == stages[-2].id
    key(qtbot, window, Qt.Key.Key_Home)
    assert pr.step.stage_id is None
    for k in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):  # what a clicker sends
        key(qtbot, window, k)
    assert pr.step.stage_id == stages[1].id
    key(qtbot, window, Qt.Key.Key_PageUp)
    assert pr.step.stage_id == stages[0].id
    key(qtbot, window, Qt.Key.Key_End)
    assert pr.step.stage_id == stages[-1].id

    key(qtbot, window, Qt.Key.Key_Escape)
    assert not p.active and not window.isFullScreen()
    assert not window.actions_by_name["present"].isChecked()
    qtbot.waitUntil(lambda: shown_parts(window) == before)
    assert window.geometry() == geometry
    assert view.zoom() == pytest.approx(zoom)
    after = view.mapToScene(view.viewport().rect().center())
    assert abs(after.x() - centre.x()) < 2 and abs(after.y() - centre.y()) < 2
    assert window.findChild(type(pr.caption)) is None  # nothing of the presentation is left


def test_a_tall_stage_is_shown_in_readable_pages(windows, qtbot):
    window = windows.make(load_map(example_path()))
    pr = present(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right)
    step = pr.step
    vp = window.view.viewport()
    # the body text is at least 1/54 of the picture's height: legible from the back of a room
    assert step.zoom * BODY_SIZE >= (vp.height() - pr.caption.height()) / READABLE_LINES - 0.01
    assert step.pages > 1 and "part 1 of" in pr.caption.position.text()
    col = column(window, step.stage_id)
    covered = QRectF()
    for page in range(step.pages):
        now = seen(pr, window.sticky_headers)
        assert now.left() <= col.left() + 1 and now.right() >= col.right() - 1  # the column's width
        assert pr.step.page == page
        covered = covered.united(now.intersected(col))
        if page < step.pages - 1:
            key(qtbot, window, Qt.Key.Key_PageDown)
    assert covered.top() <= col.top() + 1 and covered.bottom() >= col.bottom() - 1  # all of it seen
    key(qtbot, window, Qt.Key.Key_PageDown)  # after the last part: the next stage
    assert pr.step.stage_id == window.doc.map.stages[1].id and pr.step.page == 0
    key(qtbot, window, Qt.Key.Key_Up)  # back: the last part of the stage before
    assert pr.step.stage_id == window.doc.map.stages[0].id and pr.step.page == step.pages - 1
    key(qtbot, window, Qt.Key.Key_F5)  # F5 again leaves too
    assert not window.workshop.presentation.active


def test_the_shade_darkens_the_other_stages(windows, qtbot):
    window = windows.make(short_map())
    pr = present(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right)
    view, stages = window.view, window.doc.map.stages
    col = column(window, stages[0].id)
    inside = view.mapFromScene(col.center())
    above = view.mapFromScene(col.center().x(), col.top() - 8)  # the title band: not the stage
    lane_name = view.mapFromScene(LABEL_W / 2, col.center().y())
    assert view.viewport().rect().contains(above) and view.viewport().rect().contains(lane_name)
    shaded = view.grab().toImage()
    pr.shade.hide()
    plain = view.grab().toImage()
    pr.shade.show()
    lum = lambda img, pt: img.pixelColor(pt).lightness()  # noqa: E731
    assert lum(shaded, above) < lum(plain, above) - 20
    assert lum(shaded, inside) == lum(plain, inside)
    assert lum(shaded, lane_name) == lum(plain, lane_name)  # the lane names stay bright
    key(qtbot, window, Qt.Key.Key_Home)  # the whole map: nothing in the shade
    assert pr.shade.focus == []


def test_the_pinned_lane_names_stay_bright_in_the_shade(windows, qtbot):
    """At a stage whose lane column has scrolled out on the left, the pinned lane names are
    drawn over the view: the shade covers none of the strip (it left a dark band over all but
    the part where the real column would be, across the lane names)."""
    window = windows.make(short_map())
    pr = present(qtbot, window)
    view = window.view
    for _ in range(3):  # the whole map, then the stages; the last ones pin the lane names
        key(qtbot, window, Qt.Key.Key_Right)
    pinned = window.sticky_headers.strip_rects()
    assert "lane" in pinned, pinned
    strip = pinned["lane"]
    real_column = view.mapFromScene(QPointF(LABEL_W, 0)).x()
    assert real_column < strip.right() - 10  # the real column ends left of the strip's edge
    shaded = view.grab().toImage()
    pr.shade.hide()
    plain = view.grab().toImage()
    pr.shade.show()
    y = strip.center().y()
    for x in range(strip.left() + 2, strip.right() - 1, 7):  # across the whole strip
        assert shaded.pixelColor(x, y) == plain.pixelColor(x, y), (x, y)
    right_of = QPoint(strip.right() + 20, y)  # the map beside it is still in the shade
    assert shaded.pixelColor(right_of).lightness() < plain.pixelColor(right_of).lightness() - 20


def test_an_edit_while_presenting_keeps_the_step(windows, qtbot):
    window = windows.make(short_map())
    pr = present(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Right)
    stage = window.doc.map.stages[1]
    window.session.push(
        cmd.Edit(Entity.STAGE, stage.id, {"name": "Onboarding <b>now</b>"}, label="Rename stage")
    )
    window.session.push(cmd.Edit(Entity.STAGE, stage.id, {"width": stage.width + 80}, label="Widen stage"))
    assert pr.step.stage_id == stage.id
    assert pr.caption.title.text() == "Onboarding <b>now</b>"  # map text, shown as plain text
    assert pr.caption.title.textFormat() == Qt.TextFormat.PlainText
    assert (
        seen(pr, window.sticky_headers).adjusted(-1, -1, 1, 1).contains(column(window, stage.id))
    )  # the wider column


def test_a_full_screen_window_stays_full_screen_after_presenting(windows, qtbot):
    window = windows.make(short_map())
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen)
    before = shown_parts(window)
    present(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.isFullScreen() and shown_parts(window) == before


def test_closing_while_presenting_keeps_the_window_as_it_was(windows, qtbot):
    window = windows.make(short_map(), size=(700, 500))
    window.docks.docks["personas"].close()
    window.resize(720, 530)
    qtbot.waitUntil(lambda: window.height() == 530)
    present(qtbot, window)
    assert window.close()
    again = windows.make(short_map(), size=None)  # the same settings
    assert (again.width(), again.height()) == (720, 530) and not again.isFullScreen()
    assert not again.docks.docks["personas"].isVisible() and again.docks.docks["inspector"].isVisible()
    assert again.menuBar().isVisible() and again.statusBar().isVisible()


def test_a_text_field_keeps_its_keys_while_presenting(windows, qtbot):
    window = windows.make(short_map())
    pr = present(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the find bar
    field = window.find_bar.findChild(QLineEdit)
    qtbot.waitUntil(field.hasFocus)
    for k in (Qt.Key.Key_T, Qt.Key.Key_R, Qt.Key.Key_Space, Qt.Key.Key_Left):
        qtbot.keyClick(field, k)
    assert field.text() == "tr " and not window.workshop.timer.started
    assert pr.step.stage_id == window.doc.map.stages[0].id  # no step
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # closes the find bar, not the presentation
    assert window.workshop.presentation.active and not window.find_bar.isVisible()
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.workshop.presentation.active


def test_present_on_other_screen_with_one_screen_presents_here(windows, qtbot):
    window = windows.make(small_map())
    act = window.actions_by_name["present_other_screen"]
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    p = window.workshop.presentation
    assert p.active and not p.on_other_screen and window.isFullScreen()
    assert act.isChecked() is False and window.actions_by_name["present"].isChecked()
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not p.active and not window.isFullScreen()


def test_steps_keep_a_column_in_the_view_whatever_its_shape():
    from app.model.layout import build_layout
    from app.widgets.workshop.steps import all_steps

    m = short_map()
    m.stages[1].width = 2400  # far wider than the view at a readable size
    steps = all_steps(build_layout(m), 800, 720)
    assert [s.stage_id for s in steps] == [None, "s0", "s1", "s2"]
    wide = steps[2]
    assert wide.pages == 1 and wide.rect.left() <= wide.target.left() - LABEL_W + 1
    assert wide.rect.right() >= wide.target.right() - 1  # the whole width, lane names beside it
    empty = short_map()
    empty.stages, empty.cards, empty.links, empty.curves, empty.metrics = [], [], [], [], []
    assert [s.stage_id for s in all_steps(build_layout(empty), 800, 720)] == [None]


def test_a_map_without_stages_presents_the_whole_map(windows, qtbot):
    window = windows.make(short_map())
    for stage in list(window.doc.map.stages):
        window.session.push(cmd.remove_stage(window.doc, stage.id))
    assert window.doc.map.stages == []
    pr = present(qtbot, window)
    for k in (Qt.Key.Key_Right, Qt.Key.Key_End, Qt.Key.Key_PageDown, Qt.Key.Key_Left):
        key(qtbot, window, k)
    assert pr.step.stage_id is None and pr.caption.position.text() == "The whole map: 0 stages"
    key(qtbot, window, Qt.Key.Key_Escape)


def test_the_welcome_page_is_not_presented(windows, qtbot):
    window = windows.make(welcome=True)
    assert window.welcome is not None
    for mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        qtbot.keyClick(window, Qt.Key.Key_F5, mods)
        assert not window.workshop.presentation.active and not window.isFullScreen()
        assert window.statusBar().currentMessage() == "Open or start a map to present it"


def test_other_screen_is_the_one_the_editor_is_not_on():
    laptop, projector, third = (SimpleNamespace(name=n) for n in ("laptop", "projector", "third"))
    assert other_screen([laptop], laptop) is None
    assert other_screen([laptop, projector], laptop) is projector
    assert other_screen([laptop, projector], projector) is laptop
    assert other_screen([laptop, projector, third], projector) is laptop


SECOND_SCREEN = r"""
import json, sys, tempfile
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget
app = QApplication([])
from app.io.jsonfile import load_map
from app.io.templates import example_path
from app.widgets.files.recovery import RecoveryJournal
from app.widgets.main_window import MainWindow
folder = tempfile.mkdtemp()
w = MainWindow(load_map(example_path()), settings=QSettings(folder + "/s.ini", QSettings.Format.IniFormat),
               journal=RecoveryJournal(folder), watch_application=False)
w.setScreen(app.screens()[0]); w.setGeometry(100, 100, 1200, 700); w.show(); app.processEvents()
out = {"screens": [s.name() for s in app.screens()]}
docks = lambda: sorted(d.objectName() for d in w.findChildren(QDockWidget) if d.isVisible())
before = docks(); zoom = w.view.zoom()
QTest.keyClick(w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier); app.processEvents()
p = w.workshop.presentation
pw = p.screen_window
out.update(active=p.active, on_other=p.on_other_screen, screen=pw.screen().name(), full=pw.isFullScreen(),
           geometry=list(pw.geometry().getRect()), editor_full=w.isFullScreen(), editor_docks=docks() == before,
           editor_zoom=w.view.zoom() == zoom, same_scene=pw.view.scene() is w.scene)
QTest.keyClick(pw, Qt.Key.Key_Right); app.processEvents()
out["stage"] = p.presenter.step.stage_id
QTest.keyClick(w.view, Qt.Key.Key_Right); app.processEvents()  # keys in the editor are the editor's
out["stage_after_editor_key"] = p.presenter.step.stage_id
w.appearance.set_choice("dark"); app.processEvents()  # the editor's theme: the presentation's too
out["dark"] = pw.view.backgroundBrush().color().name() == w.view.backgroundBrush().color().name() != "#ffffff"
QTest.keyClick(pw, Qt.Key.Key_Escape); app.processEvents()
out.update(left=not p.active, window_gone=not pw.isVisible(), editor_after=docks() == before)
QTest.keyClick(w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier); app.processEvents()
p.screen_removed(app.screens()[0])  # another screen gone: nothing changes
out["kept"] = p.on_other_screen
p.screen_removed(app.screens()[1])  # the projector unplugged: the presentation ends
out["unplugged"] = not p.active and not w.isFullScreen()
print(json.dumps(out))
"""


def test_a_second_screen_presents_while_the_editor_stays(tmp_path):
    """Qt's offscreen platform with two screens (a laptop and a projector), in a process of its
    own since the platform is chosen when the application starts."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]}))  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-c", SECOND_SCREEN], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["screens"] == ["Laptop", "Projector"]
    assert out["active"] and out["on_other"] and out["same_scene"]
    assert out["screen"] == "Projector" and out["full"] and out["geometry"] == [1366, 0, 1920, 1080]
    assert not out["editor_full"] and out["editor_docks"] and out["editor_zoom"]  # the editor as it was
    m = load_map(example_path())
    assert out["stage"] == m.stages[0].id
    assert out["stage_after_editor_key"] == m.stages[0].id
    assert out["left"] and out["window_gone"] and out["editor_after"]
    assert out["dark"] and out["kept"] and out["unplugged"]
