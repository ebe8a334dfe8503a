"""benchmarks/bench_frames.py measures what it says on a small generated map: moves pushed
through the undo stack with the repaint inside the clock, real mouse drags that move their card,
the bulk edits, and the comparison table's rows."""

from __future__ import annotations

from app.io.mapsave import save_map
from benchmarks import bench_frames
from benchmarks.generate import generate_map


def test_bench_frames_measures_moves_drags_and_bulk_edits_with_the_repaint(qapp, tmp_path):
    path = tmp_path / "small.journey.json"
    save_map(generate_map(300), path, backup=False)
    res = bench_frames.measure(path, moves=3, n_drags=2)
    for tag in ("100", "whole"):
        assert len(res[f"move {tag}"]) == 3 and all(ms > 0 for ms in res[f"move {tag}"])
        assert res[f"move {tag} paints"] >= 1  # the clock covered a repaint
        assert res[f"move {tag} area"] > 0 and res[f"move {tag} touched"] > 0
        drags = res[f"drag {tag}"]
        assert len(drags) == 2 and all(d["moved"] and d["start"] is not None for d in drags)
    for key in ("move 50: push", "move 50: undo", "move 50: redo", "paste 100", "delete stage"):
        assert res[key] > 0
    assert res["stage cards"] > 0 and res["open s"] > 0 and res["peak MB"] > 0
    row = bench_frames.summary(res)
    assert row["drags moved 100"] == "2/2" and row["move whole p95"] >= row["move whole med"]
