"""File > Compare with… in the editor, through the menu action: the differences on the canvas
(marks, ghosts, arrows, old curves), the list dock, and the map never edited."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QGraphicsPathItem

from app.io.jsonfile import load_map
from app.io.mapsave import save_map
from app.model.commands import Edit
from app.model.events import Entity
from app.model.schema import Card
from app.widgets.compare.dialog import FILE, REVISION, SAVED, CompareDialog
from app.widgets.compare.overlay import ADDED, EDITED, MOVED, OLD_CURVE, REMOVED, Z_OLD_CURVE
from tests.main_window_support import EXAMPLE, Windows

pytestmark = pytest.mark.usefixtures("qapp")


def older_version(m):
    """The map as it was "last quarter": a card the new one removed is there, one it added is
    not, one it moved sits elsewhere, one it edited has its old title, a curve point had another value."""
    old = m.model_copy(deep=True)
    old.cards.append(Card(id="card-gone", stage_id="st-fix", lane_id="ln-actions", title="Calls the hotline"))
    gone = old.cards[1].id  # the new map added this one
    old.cards = [c for c in old.cards if c.id != gone]
    old.links = [lk for lk in old.links if gone not in (lk.source_id, lk.target_id)]
    for curve in old.curves:
        for p in curve.points:
            if p.card_id == gone:
                p.card_id = None
    old.cards[0].title = "Looks for laptops"
    moved = old.cards[2]
    moved.stage_id, moved.lane_id = "st-renew", "ln-touchpoints"
    old.curves[0].points[1].value = -2.0
    return old, gone, moved.id


def choose(monkeypatch, kind: str, revision: int = 0, file: Path | None = None) -> list[CompareDialog]:
    shown: list[CompareDialog] = []

    def exec_(dialog):
        shown.append(dialog)
        dialog.choose(kind, revision)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CompareDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file) if file else "", ""))
    return shown


def overlay_colours(window) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in window.comparison.overlay.items:
        if isinstance(item, QGraphicsPathItem):
            colour = item.pen().color().name().upper()
            out[colour] = out.get(colour, 0) + 1
    return out


def test_compare_with_another_file_marks_the_canvas_and_never_edits_the_map(qtbot, tmp_path, monkeypatch):
    windows = Windows(qtbot, tmp_path)
    path = windows.copy_example()
    window = windows.make(path=path)
    m = window.doc.map
    old, added, moved = older_version(m)
    other = tmp_path / "last-quarter.journey.json"
    save_map(old, other)
    before = m.model_dump(mode="json")
    undo = window.session.undo_stack
    count, index = undo.count(), undo.index()
    shown = choose(monkeypatch, FILE, file=other)

    window.actions_by_name["compare"].trigger()

    assert shown and shown[0].buttons[SAVED].isEnabled() and not shown[0].buttons[REVISION].isEnabled()
    comparison = window.comparison
    changes = comparison.diff.changes
    kinds = {(c.entity, c.action, c.id) for c in changes}
    assert {("card", "added", added), ("card", "removed", "card-gone"), ("card", "moved", moved)} <= kinds
    assert ("card", "edited", m.cards[0].id) in kinds and any(c.entity == "point" for c in changes)
    colours = overlay_colours(window)
    assert colours.get(ADDED) == 1 and colours.get(REMOVED) == 1 and colours.get(OLD_CURVE) == 1
    assert colours.get(EDITED, 0) >= 1 and colours.get(MOVED, 0) >= 3  # outline, old place, arrow
    ghost = next(
        i
        for i in comparison.overlay.items
        if isinstance(i, QGraphicsPathItem) and i.pen().color().name().upper() == REMOVED
    )
    fix_actions = window.scene.layout.cell_rect("st-fix", "ln-actions")
    assert ghost.sceneBoundingRect().intersects(
        window.scene.cell_items[("st-fix", "ln-actions")].sceneBoundingRect()
    )
    assert fix_actions is not None
    cards_there = [
        window.scene.card_items[i].sceneBoundingRect()
        for i in window.scene.layout.cell_cards(("st-fix", "ln-actions"))
    ]
    assert cards_there and not any(ghost.sceneBoundingRect().intersects(r) for r in cards_there)  # below them
    assert all(i.data(1) is None for i in comparison.overlay.items)  # the canvas tools look through them
    # the old curve goes through the old point where the current map's stage and scale put it
    layout, was = window.scene.layout, old.curves[0].points[1]
    stage = next(c.stage_id for c in m.cards if c.id == was.card_id) if was.card_id else was.stage_id
    column = layout.stage_rect(stage)
    x, y = column.x + was.x * column.w, layout.value_y(was.value)
    old_curve = next(i for i in comparison.overlay.items if i.zValue() == Z_OLD_CURVE)
    path = old_curve.path()
    ends = [(path.elementAt(k).x, path.elementAt(k).y) for k in range(path.elementCount())]
    assert any(abs(ex - x) < 0.01 and abs(ey - y) < 0.01 for ex, ey in ends), (x, y)

    dock = comparison.dock
    assert dock.isVisible() and dock.list.count() == len(changes)
    assert str(len(changes)) in dock.summary.text() and "last-quarter.journey.json" in dock.summary.text()
    row = next(i for i, c in enumerate(changes) if c.id == moved)
    dock.list.setCurrentRow(row)
    assert window.selection.items() == [(Entity.CARD, moved)]
    assert "→" in dock.list.item(row).text()
    dock.step(1)
    assert dock.list.currentRow() == (row + 1) % len(changes)

    assert m.model_dump(mode="json") == before and window.doc.map is m
    assert (undo.count(), undo.index()) == (count, index) and not window.session.modified

    window.grab().save(str(tmp_path / "compare.png"))
    if os.environ.get("JOURNEYMAP_SCREENSHOTS"):
        window.grab().save(os.environ["JOURNEYMAP_SCREENSHOTS"])

    dock.stop.click()
    assert window.comparison is None and not any(i.data(0) == "compare" for i in window.scene.items())
    assert m.model_dump(mode="json") == before


def test_compare_with_the_last_saved_version_follows_edits(qtbot, tmp_path, monkeypatch):
    windows = Windows(qtbot, tmp_path)
    window = windows.make(path=windows.copy_example())
    card = window.doc.map.cards[3]
    window.session.push(Edit(Entity.CARD, card.id, {"title": "Renamed in the workshop"}))
    choose(monkeypatch, SAVED)
    window.actions_by_name["compare"].trigger()
    changes = window.comparison.diff.changes
    assert [(c.entity, c.action, c.id) for c in changes] == [("card", "edited", card.id)]
    assert "Renamed in the workshop" in window.comparison.dock.list.item(0).text()
    window.session.undo_stack.undo()  # the comparison follows the map
    qtbot.waitUntil(lambda: window.comparison.diff.changes == [], timeout=3000)
    assert window.comparison.dock.list.count() == 0
    dock = window.comparison.dock
    history = window.docks.docks["history"]
    window.tabifyDockWidget(history, dock)  # a tab behind another dock: still comparing
    history.raise_()
    qtbot.waitUntil(lambda: dock.visibleRegion().isEmpty())
    qtbot.wait(100)
    assert window.comparison is not None and window.comparison.dock is dock
    dock.raise_()
    dock.close()  # the dock's close button ends the comparison
    assert window.comparison is None


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def test_compare_with_a_git_revision_lists_the_files_commits(qtbot, tmp_path, monkeypatch):
    repo = tmp_path / "maps"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.com")
    path = repo / "plan.journey.json"
    m = load_map(EXAMPLE)
    save_map(m, path, backup=False)
    git(repo, "add", path.name)
    git(repo, "commit", "-q", "-m", "Q1 map")
    m.stages[0].name = "Buy"
    save_map(m, path, backup=False)
    git(repo, "commit", "-q", "-am", "Q2: rename Purchase")
    windows = Windows(qtbot, tmp_path)
    window = windows.make(path=path)
    shown = choose(monkeypatch, REVISION, revision=1)  # the older commit
    window.actions_by_name["compare"].trigger()
    box = shown[0].revision_box
    assert box.count() == 2 and "Q2: rename Purchase" in box.itemText(0) and "Q1 map" in box.itemText(1)
    changes = window.comparison.diff.changes
    assert [(c.entity, c.action, c.id) for c in changes] == [("stage", "renamed", "st-purchase")]
    assert "Q1 map" in window.comparison.dock.summary.text()
    assert window.session.undo_stack.count() == 0


def test_a_file_that_cannot_be_read_is_one_message_and_no_comparison(qtbot, tmp_path, monkeypatch):
    windows = Windows(qtbot, tmp_path)
    window = windows.make(path=windows.copy_example())
    broken = tmp_path / "broken.journey.json"
    broken.write_text("{", encoding="utf-8")
    choose(monkeypatch, FILE, file=broken)
    window.actions_by_name["compare"].trigger()
    assert getattr(window, "comparison", None) is None
    assert len(window.prompter.errors) == 1 and str(broken) in window.prompter.errors[0][0]
