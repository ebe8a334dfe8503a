"""Screenshots for issue 11 of the real editor on the example map, driven through its menus, keys
and clicks: presentation mode with the timer, a dot vote in progress, the matrix. Not part of the app.

    .venv/bin/python docs/screenshots/make_issue11_shots.py

Qt's offscreen platform with one 1600 x 1000 screen, so that full screen is that size anywhere.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp()
SCREEN = {"name": "Projector", "x": 0, "y": 0, "width": 1600, "height": 1000, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
Path(TMP, "screens.json").write_text(json.dumps({"screens": [SCREEN]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={TMP}/screens.json"
app = QApplication(sys.argv)

from app.io.jsonfile import load_map  # noqa: E402 - after the QApplication
from app.io.templates import example_path  # noqa: E402
from app.model.layout import LABEL_W  # noqa: E402
from app.widgets.files.recovery import RecoveryJournal  # noqa: E402
from app.widgets.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs"
LEFT = Qt.MouseButton.LeftButton


def wait(ms: int) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def window(name: str) -> MainWindow:
    """A window of its own settings (the default layout) on the example map, shown and active."""
    w = MainWindow(load_map(example_path()), settings=QSettings(f"{TMP}/{name}.ini", QSettings.Format.IniFormat),
                   journal=RecoveryJournal(Path(TMP) / name), watch_application=False)  # fmt: skip
    w.resize(1600, 1000)
    w.show()
    activate(w)
    wait(300)
    return w


def activate(w) -> None:
    w.activateWindow()
    for _ in range(200):
        if QApplication.activeWindow() is w:
            return
        wait(20)
    raise SystemExit("the window did not become active")


def on_dialog(answer) -> None:
    QTimer.singleShot(100, lambda: answer(QApplication.activeModalWidget()))


def save(w, name: str) -> None:
    wait(400)
    path = DOCS / name
    assert w.grab().toImage().save(str(path), "PNG", 0), path
    print(path, path.stat().st_size // 1024, "KB")


def presentation() -> None:
    w = window("presentation")

    def minutes(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setIntValue(10)
        dialog.accept()

    on_dialog(minutes)
    w.actions_by_name["timer_minutes"].trigger()  # Workshop > Set Timer…: 10 minutes
    activate(w)  # back from the dialog
    QTest.keyClick(w, Qt.Key.Key_F5)
    wait(800)
    assert w.workshop.presentation.active and w.isFullScreen()
    for _ in range(2):  # the whole map, then the first stage, then the second
        QTest.keyClick(w, Qt.Key.Key_Right)
        wait(300)
    QTest.keyClick(w, Qt.Key.Key_T)  # T: start the timer
    wait(2500)
    assert w.workshop.timer.running
    save(w, "screenshot-presentation.png")
    QTest.keyClick(w, Qt.Key.Key_Escape)
    w.session.undo_stack.setClean()
    w.close()


def click_card(w, card_id: str) -> None:
    item = w.scene.card_item(card_id)
    w.view.ensureVisible(item, 40, 40)
    pos = w.view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(w.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, pos)
    wait(50)


def vote() -> None:
    w = window("vote")

    def open_vote(dialog):
        dialog.scope.setCurrentIndex(dialog.scope.findData("ln-pain"))
        dialog.budget.selectAll()
        QTest.keyClicks(dialog.budget, "3")
        for row in (0, 1):  # both personas vote
            dialog.personas.setFocus()
            dialog.personas.setCurrentRow(row)
            QTest.keyClick(dialog.personas, Qt.Key.Key_Space)
        QTest.keyClicks(dialog.names, "Team lead")
        QTest.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), LEFT)

    on_dialog(open_vote)
    w.actions_by_name["vote_open"].trigger()  # Workshop > Open Vote…
    assert w.doc.map.vote is not None and w.doc.map.vote.budget == 3
    pains = [c.id for c in w.doc.map.cards if c.lane_id == "ln-pain"]
    panel = w.workshop.vote_dock.widget()
    for turn in ((0, 1, 1), (1, 3, 4), (2,)):  # the third voter has two dots left
        for k in turn:
            click_card(w, pains[k])
        QTest.mouseClick(panel.next_button, LEFT)
    assert [len(b.card_ids) for b in w.doc.map.vote.ballots] == [3, 3, 1]
    w.resizeDocks([w.workshop.vote_dock], [430], Qt.Orientation.Horizontal)
    w.resizeDocks([w.workshop.vote_dock], [380], Qt.Orientation.Vertical)
    wait(200)
    w.view.zoom_actual()  # Purchase's column just right of the pinned lane names, the pain points in sight
    stage = w.scene.layout.stage_rect("st-purchase")
    pain = w.scene.card_item(pains[0]).sceneBoundingRect()
    w.view.centerOn(stage.x - LABEL_W - 8 + w.view.viewport().width() / 2, pain.center().y())
    save(w, "screenshot-vote.png")
    w.session.undo_stack.setClean()
    w.close()


def matrix() -> None:
    w = window("matrix")
    dock = w.docks.docks["analysis"]
    if not w.actions_by_name["toggle_analysis"].isChecked():
        w.actions_by_name["toggle_analysis"].trigger()  # View > Analysis
    dock.raise_()  # its tab in front
    wait(300)
    w.resizeDocks([dock], [950], Qt.Orientation.Horizontal)
    w.resizeDocks([w.docks.docks["inspector"], dock], [120, 880], Qt.Orientation.Vertical)
    combo = w.analysis.matrix.view_combo
    combo.setFocus()
    while combo.currentIndex() < combo.count() - 1:  # customer -> internal -> both, with arrows
        QTest.keyClick(combo, Qt.Key.Key_Down)
    wait(300)
    QTest.mouseMove(w.analysis.matrix.chart_view, QPoint(5, 5))
    save(w, "screenshot-matrix.png")
    w.session.undo_stack.setClean()
    w.close()


if __name__ == "__main__":
    presentation()
    vote()
    matrix()
