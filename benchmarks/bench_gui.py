"""Editor figures on generated maps (1,000, 5,000 and 10,000 cards), offscreen, in the real
main window (1600 x 1000):

- open -> first frame: a new ``MainWindow`` shown, ``session.open(file)`` (read, validate, lay
  out, build the scene, fit the map) and the first frame of the canvas (``viewport().grab()``);
- one card move: ``session.push(MoveCards)`` through the undo stack with the scene following
  the document (median and p95 over 50 moves of random cards to random cells of their lane);
- frame while dragging one card: real mouse events on the viewport (press on a card, then 60
  moves with the button held, the card tool's drag), each move followed by
  ``viewport().repaint()``; p50 / p95 of move + repaint once the drag has started, at 100 % and
  with the whole map visible, and the frame that starts the drag (past the drag distance);
- peak memory: ``ru_maxrss`` of the process after the 10,000-card map is open.

``run()`` returns one row per figure with its target (DESIGN: edits cost what they change; the
canvas keeps up with a drag) and whether it is met.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.io.mapsave import save_map
from app.model import commands as cmd  # noqa: E402
from app.model import fonts  # noqa: E402
from app.widgets.canvas.interaction import element_at  # noqa: E402

from .generate import generate_map  # noqa: E402

SIZES = (1_000, 5_000, 10_000)
WINDOW = (1600, 1000)
MOVES = 50
DRAG_STEPS = 60


class _NoQuestions:
    """A benchmark never answers a dialog."""

    def __getattr__(self, name):
        def fail(*args):
            raise RuntimeError(f"benchmark asked {name}{args}")

        return fail


def _app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return app


def _window(work: Path):
    from app.widgets.files.recovery import RecoveryJournal
    from app.widgets.main_window import MainWindow

    w = MainWindow(
        prompter=_NoQuestions(),
        journal=RecoveryJournal(work / "recovery"),
        settings=QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat),
        autosave_ms=3_600_000,
        watch_application=False,
    )
    w.resize(*WINDOW)
    return w


def _dispose(w) -> None:
    w.session.undo_stack.setClean()
    w.close()
    w.deleteLater()
    QApplication.processEvents()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed_open(path: Path, work: Path) -> tuple[float, float, object]:
    """Wall and CPU seconds from a new window to the first painted frame of the map (open,
    fit, a grab of the viewport); returns them and the window. ``w.cards_made_s``: seconds
    from the same start until every card has its item (a big map makes them after the first
    frame: app/widgets/canvas/late_cards.py)."""
    app = _app()
    t, cpu = time.perf_counter(), time.process_time()
    w = _window(work)
    w.show()
    if not w.session.open(path):
        raise RuntimeError(f"could not open {path}")
    w.view.fit_map()
    w.view.viewport().grab()
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    app.processEvents()
    deadline = time.perf_counter() + 30.0
    while getattr(w.scene, "late_cards", None) and time.perf_counter() < deadline:
        app.processEvents()
    w.cards_made_s = time.perf_counter() - t
    return elapsed, cpu, w


def open_to_first_frame(path: Path, work: Path) -> tuple[float, object]:
    """Seconds from a new window to the first painted frame of the map; returns the window."""
    elapsed, _cpu, w = timed_open(path, work)
    return elapsed, w


def card_moves(w, moves: int = MOVES, seed: int = 3) -> list[float]:
    """Milliseconds of one MoveCards pushed through the undo stack, scene updated."""
    doc = w.session.doc
    m = doc.map
    rng = random.Random(seed)
    out: list[float] = []
    while len(out) < moves:
        card = m.cards[rng.randrange(len(m.cards))]
        stage = m.stages[rng.randrange(len(m.stages))].id
        if stage == card.stage_id:
            continue
        index = rng.randrange(len(doc.cell_cards(stage, card.lane_id)) + 1)
        t = time.perf_counter()
        w.session.push(cmd.MoveCards([card.id], stage, card.lane_id, index))
        out.append((time.perf_counter() - t) * 1000)
    QApplication.processEvents()
    return out


def _mouse(kind: QEvent.Type, vp, pos: QPoint, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
    ev = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons,
                     Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(vp, ev)


def drag_frames(w, fit: bool, steps: int = DRAG_STEPS) -> tuple[list[float], float, str]:
    """Milliseconds of (mouse move + viewport repaint) while dragging one card with the mouse:
    the frames once the drag has started, and the frame that starts it (the move past the
    platform's drag distance; the moves before it are a press, not a drag, and not counted)."""
    view, scene = w.view, w.scene
    vp = view.viewport()
    m = w.session.doc.map
    w.selection.clear()
    if fit:
        view.fit_map()
    for card in m.cards[len(m.cards) // 2:]:  # a card whose centre is not under a link or a curve
        item = scene.card_item(card.id)
        if not fit:
            view.zoom_actual()
            view.centerOn(item)
        start = view.mapFromScene(item.sceneBoundingRect().center())
        if element_at(view.items(start)) is item:
            break
    QApplication.processEvents()
    vp.repaint()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(QEvent.Type.MouseButtonPress, vp, start, left, left)
    gesture = view.interaction.gesture
    real = gesture is not None
    before = item.scenePos()
    times: list[float] = []
    start_ms = 0.0
    step = QPoint(3, 1) if not fit else QPoint(2, 1)
    pos = QPoint(start)
    for _ in range(steps):
        pos += step
        was_dragging = getattr(gesture, "started", True)
        t = time.perf_counter()
        if real:
            _mouse(QEvent.Type.MouseMove, vp, pos, none, left)
        else:  # no card tool in this build: move the item itself
            item.setPos(item.pos() + QPointF(step) / view.zoom())
        vp.repaint()
        ms = (time.perf_counter() - t) * 1000
        if was_dragging:
            times.append(ms)
        elif getattr(gesture, "started", True):
            start_ms = ms
    moved = item.scenePos() != before or bool(getattr(gesture, "started", False))
    if real:
        _mouse(QEvent.Type.MouseButtonRelease, vp, pos, left, none)
    QApplication.processEvents()
    how = "mouse events (card tool)" if real else "setPos + repaint (no card tool)"
    if not moved:
        how += "; the card did not move"
    return times, start_ms, how


def _row(measure: str, cards: int, result: str, target: str, met: bool | None, how: str = "") -> dict:
    return {
        "measure": measure,
        "cards": f"{cards:,}",
        "result": result,
        "target": target,
        "met": "" if met is None else ("yes" if met else "NO"),
        "how": how,
    }


def run() -> list[dict]:
    _app()
    fonts.chain(False), fonts.chain(True)  # font loading is paid once per process
    rows: list[dict] = []
    edit_1k: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in SIZES:
            path = work / f"map-{n}.journey.json"
            save_map(generate_map(n), path, backup=False)
            seconds, w = open_to_first_frame(path, work)
            rows.append(_row("open -> first frame", n, f"{seconds:.2f} s", "<= 1.5 s at 10,000",
                             seconds <= 1.5 if n == 10_000 else None, "new window, open, fit, grab"))  # fmt: skip
            moves = card_moves(w)
            median = statistics.median(moves)
            if n == 1_000:
                edit_1k = median
            target = "<= 5 ms" if n != 10_000 else "<= 5 ms and <= 1.5 x 1,000"
            met = median <= 5 and (n != 10_000 or edit_1k is None or median <= 1.5 * edit_1k)
            rows.append(_row("one card move (push)", n, f"{median:.2f} ms (p95 {_pct(moves, 0.95):.2f})",
                             target, met, f"median of {MOVES} MoveCards via the undo stack; the push only, events and repaint after the clock (with them: frames)"))  # fmt: skip
            for fit in (False, True):
                frames, start_ms, how = drag_frames(w, fit)
                p50, p95 = statistics.median(frames), _pct(frames, 0.95)
                how += f"; drag start frame {start_ms:.0f} ms"
                if fit:
                    target, met = "p95 <= 33 ms at 5,000", (p95 <= 33 if n == 5_000 else None)
                else:
                    target, met = "p95 <= 8 ms at 10,000", (p95 <= 8 if n == 10_000 else None)
                rows.append(_row(f"drag frame, {'whole map' if fit else '100 %'}", n,
                                 f"p50 {p50:.2f} / p95 {p95:.2f} ms", target, met, how))  # fmt: skip
            if n == 10_000:
                peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                rows.append(_row("peak memory (maxrss)", n, f"{peak_mb:.0f} MB", "(reported)", None,
                                 "whole process, map open"))  # fmt: skip
            _dispose(w)
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run()))
