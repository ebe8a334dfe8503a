"""benchmarks/bench_gui.py measures what it says, on a small generated map: a real drag through
the card tool (mouse events on the viewport) and moves pushed through the undo stack."""

from __future__ import annotations

from app.io.mapsave import save_map
from benchmarks import bench_gui
from benchmarks.generate import generate_map


def test_bench_gui_measures_a_real_drag_and_pushed_moves(qapp, tmp_path):
    path = tmp_path / "small.journey.json"
    save_map(generate_map(300), path, backup=False)
    seconds, window = bench_gui.open_to_first_frame(path, tmp_path)
    try:
        assert 0 < seconds < 30
        assert len(window.scene.card_items) == 300
        moves = bench_gui.card_moves(window, moves=5)
        assert len(moves) == 5 and window.session.undo_stack.count() == 5
        for fit in (False, True):
            frames, start_ms, how = bench_gui.drag_frames(window, fit, steps=12)
            assert 5 <= len(frames) < 12 and all(t > 0 for t in frames) and start_ms > 0
            # the card tool took the press and the card moved on screen with the mouse
            assert how == "mouse events (card tool)"
            assert window.view.interaction.gesture is None  # released
    finally:
        bench_gui._dispose(window)
