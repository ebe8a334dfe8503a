"""The benchmark's alternatives (benchmarks/formats_journey.py) do the same work as the Mermaid
and JSON Canvas formats they are compared with: the same cards in the same cells from the same
files, so the figures compare like with like."""

from __future__ import annotations

from app.io.formats import export_map, import_map
from app.model.schema import Map
from benchmarks.formats_journey import (
    journey_map,
    plain_canvas_export,
    plain_canvas_import,
    plain_mermaid_export,
    plain_mermaid_import,
)
from benchmarks.generate import generate_map


def cells(m: Map) -> dict:
    stages = {s.id: s.name for s in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    out: dict = {}
    for c in sorted(m.cards, key=lambda c: (c.order, c.id)):
        out.setdefault((stages[c.stage_id], lanes[c.lane_id]), []).append(c.title)
    return out


def test_the_journey_map_has_every_task_in_the_actions_lane():
    m = journey_map(70)
    assert len(m.cards) == 70 and len({c.lane_id for c in m.cards}) == 1
    assert {p.name for p in m.personas} == {"Ana", "Ben", "Chloé"}


def test_the_plain_mermaid_code_reads_and_writes_the_same_journey(tmp_path):
    m = journey_map(70)
    plain_mermaid_export(m, tmp_path / "plain.mmd")
    export_map(m, tmp_path / "ours.mmd")
    assert (tmp_path / "plain.mmd").read_text("utf-8") == (tmp_path / "ours.mmd").read_text("utf-8")
    plain = plain_mermaid_import(tmp_path / "ours.mmd")
    ours = import_map(tmp_path / "ours.mmd").map
    assert list(cells(plain).values()) == list(cells(ours).values())
    assert sum(len(c.points) for c in plain.curves) == sum(len(c.points) for c in ours.curves)


def test_the_plain_canvas_code_reads_the_same_cells(tmp_path):
    m = generate_map(300)
    plain_canvas_export(m, tmp_path / "plain.canvas")
    export_map(m, tmp_path / "ours.canvas")
    assert cells(plain_canvas_import(tmp_path / "ours.canvas")) == cells(import_map(tmp_path / "ours.canvas").map)
    assert len(plain_canvas_import(tmp_path / "plain.canvas").cards) == len(m.cards)
