"""What an open map holds. Opening a map: the new map's objects are frozen out of the cyclic
collector's reach, and the whole heap is collected only when something the scene made for the
previous map outlived it (main_window.settle_memory, MapScene.made_refs). Cards are cached as
pixmaps only while the view shows them with their text (MapScene.follow_zoom)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Card
from app.widgets.canvas.items import CARD_DETAIL_LOD
from tests.main_window_support import Windows
from tests.model_factory import small_map


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


@pytest.fixture
def collections(monkeypatch):
    """Counts full collections (gc.collect calls) from here on."""
    calls: list[int] = []
    real = gc.collect

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(gc, "collect", counting)
    return calls


def _documents_in_reach() -> list[Document]:
    """The documents the collector still scans (gc.get_objects leaves out frozen objects)."""
    return [o for o in gc.get_objects() if type(o) is Document]


def test_opening_a_map_freezes_it_without_a_full_collection(windows, collections):
    window = windows.make(small_map(cards_per_cell=2))
    made = window.scene.made_refs()
    assert len(made) >= 3  # the layout, a cell, a card (and a link or a curve when there are)
    collections.clear()
    assert window.session.new_document(small_map(cards_per_cell=3))
    assert all(ref() is None for ref in made)  # the previous scene's objects went by reference counting
    assert collections == []  # so no walk of the whole heap
    doc = window.session.doc
    assert doc not in _documents_in_reach()  # the new map is frozen
    assert window.scene.layout is not None and len(window.scene.card_items) == len(doc.map.cards)


def test_a_previous_layout_held_in_a_cycle_is_collected(windows, collections, request):
    # the full collection this test makes walks whatever the tests before it left in the heap
    # (in the whole suite it crashed inside gc.collect on leftovers of other tests' Qt objects):
    # it runs in a fresh interpreter, as the editor does
    if not os.environ.get("JM_OPEN_MEMORY_ALONE"):
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{request.node.name}"],
            env={**os.environ, "JM_OPEN_MEMORY_ALONE": "1"}, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
        return
    window = windows.make(small_map(cards_per_cell=2))
    old = window.scene.layout
    old.held_in_a_cycle = old  # a reference cycle: only the cyclic collector frees it
    gone = weakref.ref(old)
    del old
    collections.clear()
    assert window.session.new_document(small_map(cards_per_cell=1))
    assert collections  # the whole heap was collected
    assert gone() is None  # and the old layout with it
    assert window.session.doc not in _documents_in_reach()  # then frozen as ever


CACHED, UNCACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache, QGraphicsItem.CacheMode.NoCache


def _modes(scene) -> set:
    return {item.cacheMode() for item in scene.card_items.values()}


def test_cards_are_cached_only_while_the_view_shows_their_text(windows):
    window = windows.make(small_map(cards_per_cell=3))
    view, scene = window.view, window.scene
    assert window.session.new_document(small_map(cards_per_cell=2))  # made uncached, fitted: cached
    assert view.zoom() >= CARD_DETAIL_LOD and _modes(scene) == {CACHED}
    view.zoom_actual()
    assert _modes(scene) == {CACHED}
    view.set_zoom(CARD_DETAIL_LOD * 0.9)  # plain blocks: no pixmaps
    assert _modes(scene) == {UNCACHED}
    # a card made while zoomed out is not cached either, nor one made back at 100 %
    doc = window.session.doc
    stage, lane = doc.map.stages[0].id, doc.map.lanes[0].id
    window.session.push(cmd.add_card(Card(id="c-out", stage_id=stage, lane_id=lane, title="zoomed out")))
    assert _modes(scene) == {UNCACHED}
    view.set_zoom(CARD_DETAIL_LOD * 1.1)
    assert _modes(scene) == {CACHED}
    window.session.push(cmd.add_card(Card(id="c-in", stage_id=stage, lane_id=lane, title="zoomed in")))
    assert _modes(scene) == {CACHED} and len(scene.card_items) == len(doc.map.cards)


def test_a_big_map_opens_zoomed_out_without_card_pixmaps(windows):
    from benchmarks.generate import generate_map

    window = windows.make(generate_map(1_000))
    assert window.view.zoom() < CARD_DETAIL_LOD  # the whole map: cards are blocks
    assert _modes(window.scene) == {UNCACHED}


def _largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of a colour channel between two pictures of one size (0-255)."""
    assert a.size() == b.size()
    diff = a.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(diff)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, b.convertToFormat(QImage.Format.Format_RGB32))
    painter.end()
    data = bytes(diff.constBits())  # 4 bytes a pixel (no padding), the 4th one 0xFF
    return max(max(data[0::4]), max(data[1::4]), max(data[2::4]))


def test_the_picture_is_the_same_cached_or_not(windows):
    """Up to the antialiasing of a pixmap drawn at whole pixels: a step or two of 255."""
    window = windows.make(small_map(cards_per_cell=3))
    view, scene = window.view, window.scene
    for zoom in (CARD_DETAIL_LOD * 0.5, 1.0):
        view.set_zoom(zoom)
        shown = view.viewport().grab().toImage()
        other = UNCACHED if scene.cards_cached else CACHED
        for item in scene.card_items.values():
            item.setCacheMode(other)
        assert _largest_difference(view.viewport().grab().toImage(), shown) <= 2
        scene.cards_cached = other == CACHED  # as the scene has them now


def _pixel_at_card(window, card_id: str) -> tuple[int, int, int]:
    view = window.view
    item = window.scene.card_item(card_id)
    centre = view.mapFromScene(item.sceneBoundingRect().center())
    c = view.viewport().grab().toImage().pixelColor(centre)
    return c.red(), c.green(), c.blue()


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_a_zoomed_out_card_follows_its_colour_and_the_theme(windows):
    from app.model.events import Entity
    from app.widgets.canvas.theme import DARK

    window = windows.make(small_map(cards_per_cell=2))
    view, scene = window.view, window.scene
    card = window.session.doc.map.cards[0]
    view.set_zoom(CARD_DETAIL_LOD * 0.9)  # a plain block, still many pixels wide
    view.centerOn(scene.card_item(card.id))
    before = _pixel_at_card(window, card.id)
    assert before == _rgb(scene.theme.card_fill(card))
    item = scene.card_item(card.id)
    twin = next(  # a card that looks the same: the blocks of both are one
        c.id
        for c in window.session.doc.map.cards[1:]
        if (c.colour, c.kind) == (card.colour, card.kind)
        and scene.card_item(c.id).boundingRect() == item.boundingRect()
    )
    assert scene.card_item(twin).block() is item.block()
    window.session.push(cmd.Edit(Entity.CARD, card.id, {"colour": "#CC79A7"}))
    assert _pixel_at_card(window, card.id) == _rgb("#CC79A7") != before
    view.centerOn(scene.card_item(twin))
    assert _pixel_at_card(window, twin) == before  # its twin keeps its colour
    view.centerOn(scene.card_item(card.id))
    scene.set_theme(DARK)
    assert _pixel_at_card(window, card.id) == _rgb(DARK.card_fill(window.session.doc.card(card.id)))


def test_the_editor_started_on_a_file_reads_it_once(qtbot, tmp_path, monkeypatch):
    """`journeymap FILE` checks the file before any window opens and opens what it checked."""
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from app.io import diskfile
    from app.io.mapsave import save_map
    from app.widgets import main_window as mw
    from app.widgets.files import session as session_module
    from app.widgets.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self: 0)
    path = tmp_path / "start.journey.json"
    m = small_map(cards_per_cell=2)
    m.title = "Read once"
    save_map(m, path, backup=False)
    reads = []
    real = diskfile.read_map_file

    def counting(p):
        reads.append(p)
        return real(p)

    monkeypatch.setattr(mw, "read_map_file", counting)
    monkeypatch.setattr(session_module, "read_map_file", counting)
    seen = {}

    def fake_exec():
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen["title"], seen["path"] = window.session.doc.map.title, window.session.path
        seen["cards"] = len(window.scene.card_items)
        window.session.undo_stack.setClean()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    names = (QApplication.organizationName(), QApplication.applicationName())
    try:
        assert mw.run_editor(path) == 0
    finally:
        QApplication.setOrganizationName(names[0])
        QApplication.setApplicationName(names[1])
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
        QStandardPaths.setTestModeEnabled(False)
    assert len(reads) == 1
    assert seen == {"title": "Read once", "path": path, "cards": len(m.cards)}


def test_the_collector_never_walks_an_opened_map(windows, tmp_path):
    """The map read, its layout and its items are made while the collector waits and frozen
    before it runs again (session.open, MapScene.rebuild): a collection would find nothing."""
    from app.io.mapsave import save_map
    from app.model.layout import MapLayout
    from app.model.schema import Map
    from app.widgets.canvas.items import CardItem

    window = windows.make(small_map(cards_per_cell=1))
    path = tmp_path / "walked.journey.json"
    save_map(small_map(cards_per_cell=4), path, backup=False)
    walked: list[str] = []

    def watch(phase, info):
        if phase != "start":
            return
        for generation in range(info["generation"] + 1):
            for o in gc.get_objects(generation):
                if isinstance(o, Map | Card | MapLayout | CardItem):
                    walked.append(type(o).__name__)

    old = gc.get_threshold()
    gc.set_threshold(20, *old[1:])  # a collection every few allocations
    gc.callbacks.append(watch)
    try:
        assert window.session.open(path)
    finally:
        gc.callbacks.remove(watch)
        gc.set_threshold(*old)
    assert walked == []
    assert 0 < len(window.scene.card_items) == len(window.session.doc.map.cards)


_LAZY_PROBE = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QDockWidget
QStandardPaths.setTestModeEnabled(True)  # the settings and recovery folders of tests, not the user's
app = QApplication([])
from app.widgets.main_window import MainWindow
w = MainWindow()
w.show()
assert w.session.open(Path(sys.argv[1]))
for _ in range(20):
    app.processEvents()
w.view.viewport().grab()
heavy = ("networkx", "pycrdt", "pycrdt_websocket", "uvicorn", "websockets", "anyio", "segno", "app.room.host")
print("opened:", sorted(m for m in heavy if m in sys.modules))
import time
dock = next(d for d in w.findChildren(QDockWidget) if d.objectName() == "flows")
dock.show()
dock.raise_()
end = time.monotonic() + 10
while "networkx" not in sys.modules and time.monotonic() < end:  # the panel computes when shown
    app.processEvents()
print("flows:", "networkx" in sys.modules)
w.session.undo_stack.setClean()
w.close()
"""


def test_opening_the_editor_leaves_graph_analysis_and_the_room_unloaded(tmp_path):
    """networkx (~20 MB) and the room's sync engine and server (pycrdt, uvicorn, websockets:
    ~30 MB) are imported when first used, not to open a map (issue 14: peak memory)."""
    from app.io.mapsave import save_map

    path = tmp_path / "lazy.journey.json"
    save_map(small_map(cards_per_cell=2), path, backup=False)
    done = subprocess.run(
        [sys.executable, "-c", _LAZY_PROBE, str(path)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
             "XDG_DATA_HOME": str(tmp_path)},  # a first start: no dock layout saved by other tests
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "opened: []" in done.stdout, done.stdout
    assert "flows: True" in done.stdout, done.stdout


def test_opening_another_map_lets_the_previous_one_go(windows, qtbot):
    """After another map is opened, nothing holds the previous Document: before, each dock's
    document subscription stayed connected to the dock's ``destroyed`` (holding the map), and
    the Personas dock kept its form on the previous map's persona when the new map had one of
    the same id (its edits went to the map no longer shown)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window = windows.make(small_map(cards_per_cell=2))
    first = weakref.ref(window.session.doc)
    second_map = small_map(cards_per_cell=1)
    second_map.personas[0].name = "Second Ana"  # the same id, p1, as the first map's
    assert window.session.new_document(second_map)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # (what the event loop does)
    assert first() is None  # freed by reference counting: no full collection needed
    panel = window.docks.personas
    edit = panel.form.fields["name"].edit
    assert panel.form.doc is window.session.doc and edit.text() == "Second Ana"
    edit.selectAll()
    qtbot.keyClicks(edit, "Cleo")
    edit.editingFinished.emit()
    assert window.session.doc.get(Entity.PERSONA, "p1").name == "Cleo"
    window.session.undo_stack.setClean()
