"""Run in a real X11 window (under xvfb-run, QT_QPA_PLATFORM=xcb) by tests/test_drag_pixels.py.

Drags a card across the map step by step and after every step compares what the X server holds
for the canvas (the pixels on screen, read back with grabWindow) with a fresh render of the same
widget (QWidget.grab paints it anew). Pieces of the card or its outline left behind along the
path ("trails") show as differing pixels. Prints one JSON line: the most pixels that differed
after any step, and how many steps were compared. ``--break`` turns the viewport's updates off
during the drag, so that the screen keeps stale pixels: the check must see them.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView, QScrollBar, QWidget


def main(folder: str, broken: bool) -> None:
    app = QApplication(sys.argv[:1])
    from app.io.jsonfile import load_map
    from app.io.templates import example_path
    from app.widgets.files.recovery import RecoveryJournal
    from app.widgets.main_window import MainWindow

    window = MainWindow(load_map(example_path()), None, journal=RecoveryJournal(f"{folder}/journal"),
                        settings=QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat),
                        watch_application=False)  # fmt: skip
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    window.view.zoom_actual()
    QTest.qWait(300)
    view, vp = window.view, window.view.viewport()
    item = window.scene.card_item(window.session.doc.map.cards[3].id)
    view.centerOn(item)  # the dragged card and its path in the middle of the screen
    QTest.qWait(300)
    start = view.mapFromScene(item.sceneBoundingRect().center())
    assert vp.rect().contains(start), (start, vp.rect())
    def differing() -> set[tuple[int, int]] | None:
        """Sampled pixels where the screen differs from a fresh render (None: sizes differ)."""
        app.processEvents()
        top = view.mapTo(window, QPoint(0, 0))
        shown = QGuiApplication.primaryScreen().grabWindow(window.winId(), top.x(), top.y(), view.width(), view.height())
        screen = shown.toImage().convertToFormat(QImage.Format.Format_RGB32)
        fresh = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        if screen.size() != fresh.size():
            return None
        # the canvas only: the viewport, less the widgets floating over it (overview, pinned
        # headers, find bar), which are painted on their own
        area = QRegion(vp.geometry())
        for child in view.findChildren(QWidget):
            if child.isVisible() and child is not vp and child.parent() in (view, vp) and not isinstance(child, QScrollBar):
                area -= QRegion(QRect(child.mapTo(view, QPoint(0, 0)), child.size()).adjusted(-8, -8, 8, 8))
        return {(x, y) for y in range(0, fresh.height(), 2) for x in range(0, fresh.width(), 2)
                if area.contains(QPoint(x, y)) and screen.pixel(x, y) != fresh.pixel(x, y)}  # fmt: skip

    # pixels that differ before anything moves (e.g. a label's text antialiased differently on
    # screen and in a grab) are not trails: only new differences count
    before = differing() or set()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    if broken:  # the canvas stops repainting what the drag leaves behind
        from app.widgets.canvas.card_tool import FrozenFrame

        FrozenFrame.moved = lambda self: None
        view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
    worst, steps, where = 0, 0, []
    for k in range(1, 21):
        QTest.mouseMove(vp, start + QPoint(9 * k, 5 * k))
        QTest.qWait(40)
        found = differing()
        if found is None:
            continue
        steps += 1
        new = found - before
        if len(new) > worst:
            worst, where = len(new), sorted(new)[:10]
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(180, 100))
    print(json.dumps({"worst": worst, "steps": steps, "where": where}))
    window.session.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], "--break" in sys.argv)
