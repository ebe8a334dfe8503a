"""The Analysis and Flows docks on a 5,000-card generated map, offscreen, in the real main
window (1600 x 1000): ``python -m benchmarks docks`` (``--profile`` prints a cProfile of each case).

- **open, docks hidden:** ``session.new_document(map)`` (the path of File > Open and of joining
  a room once the map is read: the window's ``set_document``) with both docks in their default
  place, tabs behind the lower right docks, so not shown; the clock runs until the events are
  processed (paints included) and no dock timer waits;
- **open, docks shown:** the same with both docks floating and visible: the clock runs until both
  show the new map (their refresh is done);
- **one card edit, docks shown:** one ``Edit`` of a card's votes and owner (both docks care)
  through the undo stack, the clock around the push and the event loop until both docks show it
  (this includes the docks' 150 ms wait for the end of a burst: it is reported apart);
- **a burst of 20 edits, docks shown:** 20 vote edits one after the other (a dot vote), then the
  event loop until idle: how many times each dock computed;
- **priority list:** the table alone, shown: ``set_map`` of a 1,000- and a 5,000-card map (rows
  ranked, the view filled) and a sort by the votes header, against :class:`QSortFilterProxyModel`
  sorting the same model.

"dock work" is the time spent inside the docks' own ``set_document``/``refresh`` (wrapped).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.model import commands as cmd  # noqa: E402
from app.model import fonts  # noqa: E402
from app.model.events import Entity  # noqa: E402

from .bench_gui import _app, _dispose, _window  # noqa: E402
from .generate import generate_map  # noqa: E402

CARDS = 5_000
EDITS = 3
BURST = 20
OPENS = 2
QUICK = "--quick" in sys.argv[1:]  # one run of each (a loaded machine)
IDLE_LIMIT_S = 30.0
SLOW_S = 5.0
BUSY_S = 0.005


class DockClock:
    """Wraps the docks' ``set_document`` and their refresh's work (class attributes, before the window is
    made, so the timers' bound methods are the wrapped ones): time inside them, calls, last exit."""

    def __init__(self) -> None:
        from app.widgets.analysis.dock import AnalysisPanel
        from app.widgets.flows.panel import FlowsPanel

        self.seconds = 0.0
        self.calls: dict[str, int] = {}
        self.last_exit = 0.0
        self._depth = 0
        self._saved = []
        for cls in (AnalysisPanel, FlowsPanel):
            # the work of a refresh: ``_compute`` (called by the lazy refresh), or ``refresh`` in
            # the code before it (which ran the timer itself)
            work = "_compute" if "_compute" in cls.__dict__ else "refresh"
            for name, key in (("set_document", "set_document"), (work, "refresh")):
                original = getattr(cls, name)  # its own, or inherited (LazyPanel.set_document)
                self._saved.append((cls, name, cls.__dict__.get(name)))
                setattr(cls, name, self._wrap(f"{cls.__name__}.{key}", original))

    def _wrap(self, key: str, original):
        clock = self

        def timed(panel, *args, **kwargs):
            clock.calls[key] = clock.calls.get(key, 0) + 1
            clock._depth += 1
            t = time.perf_counter()
            try:
                return original(panel, *args, **kwargs)
            finally:
                clock._depth -= 1
                now = time.perf_counter()
                if clock._depth == 0:
                    clock.seconds += now - t
                clock.last_exit = now

        timed.__name__ = original.__name__
        return timed

    def reset(self) -> None:
        self.seconds, self.calls, self.last_exit = 0.0, {}, 0.0

    def restore(self) -> None:
        for cls, name, own in self._saved:
            if own is None:
                delattr(cls, name)  # inherited again
            else:
                setattr(cls, name, own)

    def refreshes(self) -> str:
        return ", ".join(f"{k.split('Panel.')[0].lower()} {v}" for k, v in sorted(self.calls.items())
                         if k.endswith("refresh")) or "none"  # fmt: skip


def _timers(w) -> list[QTimer]:
    return [t for panel in (w.analysis, w.flows) for t in panel.findChildren(QTimer)]


def settle(w, clock: DockClock, t0: float) -> float:
    """Process events until no dock timer waits and 50 ms passed without a busy round (one that
    took over ``BUSY_S``: a refresh, a paint); the seconds from ``t0`` to the end of the last
    busy round or dock refresh: what the user waits for, paints included."""
    app = QApplication.instance()
    end = last_busy = time.perf_counter()
    quiet_since = None
    deadline = end + IDLE_LIMIT_S
    while time.perf_counter() < deadline:
        t = time.perf_counter()
        app.processEvents()
        done = time.perf_counter()
        if done - t > BUSY_S:
            last_busy = done
        if any(timer.isActive() for timer in _timers(w)):
            quiet_since = None
        else:
            quiet_since = quiet_since or done
            if done - max(quiet_since, last_busy) > 0.05:
                break
        time.sleep(0.001)
    return max(end, last_busy, clock.last_exit) - t0


def _shown(w, shown: bool) -> None:
    for name in ("analysis", "flows"):
        dock = w.docks.docks[name]
        if shown:
            dock.setFloating(True)
            dock.resize(700, 600)
            dock.show()
            dock.raise_()
        else:
            dock.setFloating(False)
            w.tabifyDockWidget(w.docks.docks["history"], dock)
            (w.docks.docks.get("legend") or w.docks.docks["history"]).raise_()
    QApplication.processEvents()


def open_map(w, m, clock: DockClock) -> tuple[float, float]:
    """(wall seconds until the docks are done, seconds of dock work) of opening ``m``."""
    w.session.undo_stack.setClean()
    settle(w, clock, time.perf_counter())
    copy = m.model_copy(deep=True)  # the map as read (not timed)
    clock.reset()
    t0 = time.perf_counter()
    w.session.new_document(copy)
    return settle(w, clock, t0), clock.seconds


def edit_cards(w, clock: DockClock, n: int) -> tuple[list[float], list[float]]:
    """Walls and dock work (seconds) of ``n`` single card edits, each waited for."""
    cards = w.session.doc.map.cards
    walls, work = [], []
    for i in range(n):
        card = cards[(i * 997) % len(cards)]
        clock.reset()
        t0 = time.perf_counter()
        w.session.push(cmd.Edit(Entity.CARD, card.id, {"votes": card.votes + 1 + i % 3, "owner": f"Team {i}"}))
        walls.append(settle(w, clock, t0))
        work.append(clock.seconds)
    return walls, work


def burst(w, clock: DockClock) -> tuple[float, str]:
    cards = w.session.doc.map.cards
    clock.reset()
    t0 = time.perf_counter()
    for i in range(BURST):
        card = cards[(i * 31) % len(cards)]
        w.session.push(cmd.Edit(Entity.CARD, card.id, {"votes": card.votes + 1}))
        QApplication.processEvents()
    return settle(w, clock, t0), clock.refreshes()


def _sort_seconds(model, column: int) -> float:
    """Median seconds of one sort of ``model`` by ``column`` (3 x ascending then descending)."""
    from PySide6.QtCore import Qt

    times = []
    for _ in range(3):
        t = time.perf_counter()
        model.sort(column, Qt.SortOrder.AscendingOrder)
        model.sort(column, Qt.SortOrder.DescendingOrder)
        times.append((time.perf_counter() - t) / 2)
    return statistics.median(times)


def priority_table(sizes: tuple[int, ...] = (1_000, CARDS)) -> list[dict]:
    """The priority list alone, shown (its tab in front): ``set_map`` (rank, fill the filters,
    show the rows) and a sort by the votes header; against a QSortFilterProxyModel sorting the
    same model, when the table has one. A size whose ``set_map`` takes longer than ``SLOW_S`` is
    the last one run (the old QTableWidget, shown, costs far more than linear)."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt

    from app.model.document import Document
    from app.widgets.analysis.priorities import COLUMNS, PriorityTable
    from app.widgets.selection import Selection

    rows = []
    for n in sizes:
        m = generate_map(n)
        table = PriorityTable(Selection(Document(m)))
        table.resize(600, 500)
        table.show()
        QApplication.processEvents()
        firsts, sorts, agains = [], [], []
        for _ in range(1 if QUICK else 3):
            table.set_map(None)
            QApplication.processEvents()
            t = time.perf_counter()
            table.set_map(m)  # the first fill (the map opened)
            QApplication.processEvents()
            firsts.append(time.perf_counter() - t)
            t = time.perf_counter()
            table.table.sortByColumn(COLUMNS.index("votes"), Qt.SortOrder.AscendingOrder)
            QApplication.processEvents()
            table.table.sortByColumn(COLUMNS.index("votes"), Qt.SortOrder.DescendingOrder)
            QApplication.processEvents()
            sorts.append((time.perf_counter() - t) / 2)
            t = time.perf_counter()
            table.set_map(m)  # again, over the rows shown (the refresh after an edit)
            QApplication.processEvents()
            agains.append(time.perf_counter() - t)
            if max(firsts[-1], agains[-1]) > SLOW_S:
                break
        sets = firsts + agains
        rows.append(_row(f"priority list shown: first set_map ({n:,} cards: rank + show)", statistics.median(firsts), None,
                         f"{len(table.rows):,} rows; {len(firsts)} run(s)"))  # fmt: skip
        rows.append(_row(f"priority list shown: set_map again ({n:,} cards, the refresh after an edit)",
                         statistics.median(agains), None, f"{len(agains)} run(s)"))  # fmt: skip
        rows.append(_row(f"priority list shown: sort by a header ({n:,} cards)", statistics.median(sorts), None,
                         "the table's own sort + the repaint"))  # fmt: skip
        source = table.table.model()
        if hasattr(source, "rows"):  # a model of rows: put a proxy over it
            proxy = QSortFilterProxyModel()
            proxy.setSortRole(Qt.ItemDataRole.UserRole + 1)
            proxy.setSourceModel(source)
            rows.append(_row(f"  the model's own sort alone ({n:,} cards)", _sort_seconds(source, COLUMNS.index("votes")),
                             None, "PriorityModel.sort (Python's sort of the rows), no repaint"))  # fmt: skip
            rows.append(_row(f"  alternative: QSortFilterProxyModel sort ({n:,} cards)", _sort_seconds(proxy, COLUMNS.index("votes")),
                             None, "the proxy's sort by the sort role alone, no view"))  # fmt: skip
        table.close()
        table.deleteLater()
        QApplication.processEvents()
        if max(sets) > SLOW_S:
            break  # the bigger map would take far longer
    return rows


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def _row(measure: str, wall: float, work: float | None, how: str) -> dict:
    row = {"measure": measure, "median": _ms(wall), "dock work": "" if work is None else _ms(work), "how": how}
    print(" | ".join(row.values()), file=sys.stderr, flush=True)  # as it comes: a long run shows progress
    return row


def run(profile: bool = False) -> list[dict]:
    _app()
    fonts.chain(False), fonts.chain(True)
    m = generate_map(CARDS)
    clock = DockClock()
    n_opens, n_edits = (1, 1) if QUICK else (OPENS, EDITS)
    rows: list[dict] = []
    profiles: list[tuple[str, cProfile.Profile]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            w = _window(Path(tmp))
            w.show()
            QApplication.processEvents()
            for shown in (False, True):
                _shown(w, shown)
                walls, work = [], []
                for _ in range(n_opens):
                    wall, dock = open_map(w, m, clock)
                    walls.append(wall)
                    work.append(dock)
                rows.append(_row(f"open 5,000 cards, docks {'shown' if shown else 'hidden'}",
                                 statistics.median(walls), statistics.median(work),
                                 f"new_document + events until idle; refreshes {clock.refreshes()}; median of {n_opens}"))  # fmt: skip
                if profile:
                    prof = cProfile.Profile()
                    prof.enable()
                    open_map(w, m, clock)
                    prof.disable()
                    profiles.append((f"open, docks {'shown' if shown else 'hidden'}", prof))
            walls, work = edit_cards(w, clock, n_edits)
            rows.append(_row("one card edit (votes + owner), docks shown", statistics.median(walls),
                             statistics.median(work), f"push + events until both docks show it (incl. the 150 ms wait); median of {n_edits}"))  # fmt: skip
            wall, counts = burst(w, clock)
            rows.append(_row(f"a burst of {BURST} vote edits, docks shown", wall, clock.seconds, f"refreshes: {counts}"))
            if profile:
                prof = cProfile.Profile()
                prof.enable()
                edit_cards(w, clock, 1)
                prof.disable()
                profiles.append(("one edit, docks shown", prof))
            _shown(w, False)
            walls, work = edit_cards(w, clock, n_edits)
            rows.append(_row("one card edit, docks hidden", statistics.median(walls), statistics.median(work),
                             f"refreshes {clock.refreshes()}; median of {n_edits}"))  # fmt: skip
            _dispose(w)
    finally:
        clock.restore()
    rows.extend(priority_table())
    for title, prof in profiles:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print(f"\n### cProfile: {title}\n{out.getvalue()}", file=sys.stderr)
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run(profile="--profile" in sys.argv[1:])))
