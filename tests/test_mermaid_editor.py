"""A Mermaid journey and a JSON Canvas open in the editor through File > Import as New Map… and
add to the open map through Import into This Map… (the menu actions; the file dialog
monkeypatched): stages, cards on the canvas, each actor's curve drawn through its points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.io.formats.json_canvas import write_canvas
from app.model.schema import LaneType
from tests.main_window_support import Windows
from tests.model_factory import small_map

DAY = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me, Cat
    section Go home
      Sit down: 2
"""


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


def choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))


def test_a_mermaid_journey_opens_as_a_new_map_with_its_curves_drawn(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    path = tmp_path / "day.mmd"
    path.write_text(DAY, "utf-8")
    choose(monkeypatch, path)
    window.actions_by_name["import_new"].trigger()
    m = window.session.doc.map
    assert m.title == "My working day" and window.session.path is None
    assert [s.name for s in m.stages] == ["Go to work", "Go home"]
    actions = next(lane.id for lane in m.lanes if lane.type is LaneType.ACTIONS)
    assert [c.title for c in m.cards if c.lane_id == actions] == ["Make tea", "Go upstairs", "Sit down"]
    for card in m.cards:
        assert window.scene.card_item(card.id) is not None
    me = next(c for c in m.curves if c.persona_id == next(p.id for p in m.personas if p.name == "Me"))
    item = window.scene.curve_items[me.id]
    geometry = window.scene.layout.curve(me.id)
    assert [p.value for p in geometry.points] == [3.0, 0.0] and item.isVisible()


def test_a_mermaid_journey_adds_to_the_open_map_as_one_undo_step(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    before = len(window.session.doc.map.cards)
    stage = window.session.doc.map.stages[0].name
    path = tmp_path / "more.mmd"
    path.write_text(f"journey\n  section {stage}\n    New step: 4: Me\n", "utf-8")
    choose(monkeypatch, path)
    window.actions_by_name["import_into"].trigger()
    m = window.session.doc.map
    assert len(m.cards) == before + 1
    card = next(c for c in m.cards if c.title == "New step")
    assert card.stage_id == m.stages[0].id and window.scene.card_item(card.id) is not None
    window.session.undo_stack.undo()
    assert len(window.session.doc.map.cards) == before
    assert all(c.title != "New step" for c in window.session.doc.map.cards)


def test_a_json_canvas_opens_as_a_new_map(windows, tmp_path, monkeypatch) -> None:
    source = small_map()
    path = tmp_path / "wall.canvas"
    path.write_bytes(write_canvas(source))
    assert json.loads(path.read_text("utf-8"))["nodes"]
    window = windows.make(small_map(1))
    choose(monkeypatch, path)
    window.actions_by_name["import_new"].trigger()
    m = window.session.doc.map
    assert [s.name for s in m.stages] == [s.name for s in source.stages]
    assert sorted(c.title for c in m.cards) == sorted(c.title for c in source.cards)
    assert all(window.scene.card_item(c.id) is not None for c in m.cards)
