"""Frames (issue 14): what an edit costs with the clock around everything the user waits for.

Each figure starts the clock before the command (or the mouse event) and stops it once the
event loop is idle again: the document's events, the scene following the layout, the viewport
repainted (a paint counter on the viewport; ``processEvents`` until two rounds in a row paint
nothing and no link waits to be routed after the frame). Offscreen, the real main window
(1600 x 1000) with the Analysis and Flows docks closed (they recompute the whole map 150 ms
after an edit: a separate, known cost; see Quick capture).

- one card move: ``session.push(MoveCards)`` of a random card to a random cell of its lane
  (median and p95), at 100 % (the view centred on the card) and with the whole map visible;
- drag: real mouse events on the viewport (press on a card, moves to the centre of another cell
  in sight, release): the frame that starts the drag (the move past the drag distance) and the
  drop (release -> idle); every drag must move its card (``moved`` counts those that did);
- undo and redo of a 50-card multi-move, paste of 100 cards, deleting a stage (~1,400 cards at
  10,000);
- open -> first painted frame (new window, open, fit, ``viewport().grab()``) and the process's
  peak memory (the process's own high-water mark, ``peak_mb``) after it, in a fresh process per
  map size.

Per move it also counts what the scene touched (``scene.touched``), the viewport paints and the
repainted area (in viewport pixels).

``python -m benchmarks frames`` runs it on this tree. ``python -m benchmarks.bench_frames
--against REV [--rounds N]`` extracts ``REV`` (``git archive``) to a temporary directory and runs
both trees alternately, each size in a fresh process, and prints medians of the rounds (the
machine is shared: interleaving is the fair comparison). Each tree's bytecode is written first
(``_compiled``), as an installed editor has it. ``--links local`` gives the maps links between
neighbouring cells (``generate.with_local_links``, a real journey's) instead of links across the
whole map.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

# the same window and open (absolute: --against loads this file alone)
from benchmarks.bench_gui import _window, timed_open  # noqa: E402

SIZES = (1_000, 5_000, 10_000)
MOVES = 40
DRAGS = 6
HEAVY_DOCKS = ("analysis", "flows")
IDLE_LIMIT_S = 10.0


class PaintCounter(QObject):
    """Counts the viewport's paint events and the area they repaint (viewport pixels)."""

    def __init__(self, vp):
        super().__init__(vp)
        self.paints = 0
        self.area = 0
        vp.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            self.area += sum(r.width() * r.height() for r in event.region())
        return False


def idle(w, counter: PaintCounter) -> None:
    """Run the event loop until nothing paints twice in a row, no link waits for the frame and
    no card for its item (late_cards, after an open)."""
    app = QApplication.instance()
    scene = w.scene
    late = getattr(scene, "late", None)
    cards = getattr(scene, "late_cards", None)
    deadline = time.perf_counter() + IDLE_LIMIT_S
    quiet = 0
    while quiet < 2 and time.perf_counter() < deadline:
        before = counter.paints
        app.processEvents()
        waiting = (late is not None and (late.pending or late.timer.isActive())) or bool(cards)
        quiet = 0 if (counter.paints != before or waiting) else quiet + 1


def timed(w, counter: PaintCounter, action) -> dict:
    scene = w.scene
    p0, a0 = counter.paints, counter.area
    t = time.perf_counter()
    action()
    idle(w, counter)
    ms = (time.perf_counter() - t) * 1000
    return {"ms": ms, "paints": counter.paints - p0, "area": counter.area - a0, "touched": len(scene.touched)}


def random_move(doc, rng: random.Random):
    """A random card, another stage (same lane) and a place in that cell: (card, stage id, index)."""
    m = doc.map
    while True:
        card = m.cards[rng.randrange(len(m.cards))]
        stage = m.stages[rng.randrange(len(m.stages))].id
        if stage != card.stage_id:
            return card, stage, rng.randrange(len(doc.cell_cards(stage, card.lane_id)) + 1)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _view_at(w, fit: bool, card_id: str | None = None) -> None:
    view = w.view
    if fit:
        view.fit_map()
    else:
        view.zoom_actual()
        if card_id is not None:
            view.centerOn(w.scene.card_item(card_id))


def card_moves(w, counter, fit: bool, moves: int, seed: int) -> list[dict]:
    from app.model import commands as cmd

    doc = w.session.doc
    rng = random.Random(seed)
    out = []
    _view_at(w, fit)
    idle(w, counter)
    while len(out) < moves:
        card, stage, index = random_move(doc, rng)
        if not fit:
            _view_at(w, False, card.id)
            idle(w, counter)
        out.append(
            timed(
                w,
                counter,
                lambda c=card, s=stage, i=index: w.session.push(cmd.MoveCards([c.id], s, c.lane_id, i)),
            )
        )
    return out


def _mouse(kind, vp, pos: QPoint, button, buttons) -> None:
    ev = QMouseEvent(
        kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(vp, ev)


def drag_target(view, card, start: QPoint) -> tuple[tuple[str, str], QPoint] | None:
    """A cell other than ``card``'s whose centre is in sight and at least three drag distances
    away on screen (at the whole-map zoom a stage is a few pixels wide: another lane then)."""
    from app.widgets.canvas.card_tool import cell_at

    lay = view.scene().layout
    vp_rect = view.viewport().rect().adjusted(8, 8, -8, -8)
    far = 3 * QApplication.startDragDistance()
    best = None
    for cell in lay.cells():
        if cell == (card.stage_id, card.lane_id):
            continue
        r = lay.cell_rect(*cell)
        p = view.mapFromScene(QPointF(r.x + r.w / 2, r.y + min(r.h / 2, 40.0)))
        back = view.mapToScene(p)  # zoomed out a pixel is many points: the cell under the pixel
        if not vp_rect.contains(p) or cell_at(lay, back.x(), back.y()) != cell:
            continue
        d = (p - start).manhattanLength()
        if d >= far and (best is None or d < best[0]):
            best = (d, cell, p)
    return None if best is None else (best[1], best[2])


def drags(w, counter, fit: bool, n: int, seed: int) -> list[dict]:
    """Drag ``n`` cards to another cell with the mouse; each result: start frame, drop, moved."""
    from app.widgets.canvas.interaction import element_at

    view, scene = w.view, w.scene
    vp = view.viewport()
    doc = w.session.doc
    rng = random.Random(seed)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    out = []
    tries = 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        card = doc.map.cards[rng.randrange(len(doc.map.cards))]
        w.selection.clear()
        _view_at(w, fit, card.id)
        idle(w, counter)
        item = scene.card_item(card.id)
        start = view.mapFromScene(item.sceneBoundingRect().center())
        hit = element_at(view.items(start)) if vp.rect().contains(start) else None
        if hit is None or hit.data(1) != "card":
            continue  # under a link or a curve, or out of sight: another card
        # the card the press lands on (zoomed out a card is a pixel or two: maybe its neighbour)
        card = doc.card(hit.data(0))
        target = drag_target(view, card, start)
        if target is None:
            continue
        cell, end = target
        _mouse(QEvent.Type.MouseButtonPress, vp, start, left, left)
        idle(w, counter)
        steps = 8
        start_frame = None
        frames = []  # the moves after the start: a frame each while the card follows the mouse
        for k in range(1, steps + 1):
            pos = start + (end - start) * (k / steps)
            gesture = view.interaction.gesture
            was = getattr(gesture, "started", False)
            r = timed(w, counter, lambda p=pos: _mouse(QEvent.Type.MouseMove, vp, p, none, left))
            if not was and getattr(gesture, "started", False):
                start_frame = r["ms"]
            elif was:
                frames.append(r["ms"])
        drop = timed(w, counter, lambda e=end: _mouse(QEvent.Type.MouseButtonRelease, vp, e, left, none))
        moved = doc.card(card.id)
        out.append(
            {"start": start_frame, "frames": frames, "drop": drop["ms"],
             "moved": (moved.stage_id, moved.lane_id) == cell}  # fmt: skip
        )
    return out


def bulk_edits(w, counter, seed: int, clock=timed, fit: bool = True) -> dict:
    """Undo and redo of a 50-card move, paste of 100 cards (and its undo), delete a stage.
    ``clock(w, counter, action)`` times one edit (default :func:`timed`; ``--bulk`` passes one
    that also keeps the CPU time, and ``--bulk --profile-bulk`` one that profiles). With the
    whole map visible, or (``fit`` False, ``--bulk`` only) at 100 % on the top of the cell the
    cards are moved and pasted into."""
    from app.model import commands as cmd
    from app.widgets.canvas.clipboard import cards_payload, mime_for, paste_command, payload_from

    doc, stack = w.session.doc, w.session.undo_stack
    rng = random.Random(seed)
    out = {}
    m = doc.map
    lane = m.lanes[len(m.lanes) // 2].id
    stage = m.stages[1].id
    if fit:
        w.view.fit_map()
    else:
        w.view.zoom_actual()
        r = w.scene.layout.cell_rect(stage, lane)
        w.view.centerOn(QPointF(r.x + r.w / 2, r.y + 400))
    idle(w, counter)
    pool = [c for c in m.cards if c.lane_id == lane]
    ids = [c.id for c in rng.sample(pool, min(50, len(pool)))]  # (a small test map has fewer)
    out["move 50: push"] = clock(w, counter, lambda: w.session.push(cmd.MoveCards(ids, stage, lane, 0)))["ms"]
    out["move 50: undo"] = clock(w, counter, stack.undo)["ms"]
    out["move 50: redo"] = clock(w, counter, stack.redo)["ms"]
    src = [c.id for c in rng.sample(list(m.cards), min(100, len(m.cards)))]
    mime = mime_for(cards_payload(doc, src))  # the clipboard's content; reading it is in the clock

    def paste():
        w.session.push(paste_command(doc, payload_from(mime), stage, lane, 0)[0])

    out["paste 100"] = clock(w, counter, paste)["ms"]
    out["paste 100: undo"] = clock(w, counter, stack.undo)["ms"]
    victim = max(m.stages, key=lambda s: sum(1 for c in m.cards if c.stage_id == s.id))
    n = sum(1 for c in m.cards if c.stage_id == victim.id)
    out["stage cards"] = n
    out["delete stage"] = clock(w, counter, lambda: w.session.push(cmd.remove_stage(doc, victim.id)))["ms"]
    out["delete stage: undo"] = clock(w, counter, stack.undo)["ms"]
    return out


def open_map(path: Path, work: Path) -> tuple[object, dict]:
    """A warm-up window, then the clock over a new window, open, fit and the first painted frame;
    the process's peak memory after the events that follow. Returns the window and the figures
    ("open s", "open cpu s", "cards made s": until every card has its item, "peak MB")."""
    from app.model import fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts.chain(False), fonts.chain(True)
    warm = _window(work)  # imports and the first window's one-off costs, outside the clock
    warm.show()
    app.processEvents()
    warm.close()
    open_s, open_cpu, w = timed_open(path, work)
    return w, {"open s": open_s, "open cpu s": open_cpu, "cards made s": getattr(w, "cards_made_s", open_s), "peak MB": peak_mb()}


def peak_mb() -> float:
    """This process's peak resident memory in MB: the high-water mark of its own memory
    (``VmHWM``, which starts again at an exec) where Linux gives it. ``ru_maxrss`` is kept
    across an exec, so a child started by ``make bench`` after the 100,000-card validation
    reported that process's ~595 MB for every map."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_open(path: Path) -> dict:
    """Only :func:`open_map`'s figures (``--open-only``), in this process (a fresh one)."""
    with tempfile.TemporaryDirectory() as tmp:
        w, res = open_map(path, Path(tmp))
        w.session.undo_stack.setClean()
        w.close()
    return res


def measure(path: Path, moves: int = MOVES, n_drags: int = DRAGS) -> dict:
    """Everything for one map, in this process (a fresh one: the memory figure is its peak)."""
    with tempfile.TemporaryDirectory() as tmp:
        w, opened = open_map(path, Path(tmp))
        counter = _quiet(w)
        res: dict = {k: opened[k] for k in ("open s", "cards made s", "peak MB")}
        for fit in (False, True):
            tag = "whole" if fit else "100"
            mv = card_moves(w, counter, fit, moves, seed=3 if fit else 5)
            ms = [r["ms"] for r in mv]
            res[f"move {tag}"] = ms
            res[f"move {tag} paints"] = statistics.median(r["paints"] for r in mv)
            res[f"move {tag} area"] = statistics.median(r["area"] for r in mv)
            res[f"move {tag} touched"] = statistics.median(r["touched"] for r in mv)
            dr = drags(w, counter, fit, n_drags, seed=7 if fit else 11)
            res[f"drag {tag}"] = dr
        res.update(bulk_edits(w, counter, seed=13))
        w.session.undo_stack.setClean()
        w.close()
    return res


# ---------------------------------------------------------------------- profile
def profile(path: Path, moves: int, fit: bool, top: int = 25) -> None:
    """cProfile over ``moves`` card moves (push -> idle) and counts per move: items the scene
    touched by kind, geometry changes (``prepareGeometryChange``), positions set on top-level
    items (each updates the scene's index), link routes asked of the layout, paints and the
    repainted area."""
    import cProfile
    import pstats
    from collections import Counter

    from PySide6.QtWidgets import QGraphicsItem

    from app.model import commands as cmd
    from app.model import fonts
    from app.widgets.canvas import cell_item, link_item
    from app.widgets.canvas import items as canvas_items

    QApplication.instance() or QApplication(sys.argv[:1])
    fonts.chain(False), fonts.chain(True)
    counts: Counter = Counter()

    def counting(cls, name, key):
        orig = getattr(cls, name)

        def wrapper(self, *a, **k):
            counts[key] += 1
            return orig(self, *a, **k)

        setattr(cls, name, wrapper)

    counting(canvas_items.MapItem, "prepareGeometryChange", "geometry changes")
    counting(canvas_items.CardItem, "setRect", "geometry changes")  # (cards and links are rectangle items)
    counting(link_item.LinkItem, "setRect", "geometry changes")
    counting(QGraphicsItem, "setPos", "setPos (all items)")
    counting(link_item.LinkItem, "set_geometry", "links re-made")
    counting(cell_item.CellItem, "set_rect", "cells set")
    with tempfile.TemporaryDirectory() as tmp:
        w = _window(Path(tmp))
        w.show()
        w.session.open(path)
        for name in HEAVY_DOCKS:
            w.docks.docks[name].hide()
        lay = w.scene.layout
        counting(type(lay), "link", "layout.link calls")
        counter = PaintCounter(w.view.viewport())
        doc = w.session.doc
        rng = random.Random(5)
        _view_at(w, fit)
        idle(w, counter)
        counts.clear()
        kinds: Counter = Counter()
        prof = cProfile.Profile()
        p0, a0 = counter.paints, counter.area
        done = 0
        t = time.perf_counter()
        while done < moves:
            card, stage, index = random_move(doc, rng)
            if not fit:
                _view_at(w, False, card.id)
                idle(w, counter)
            prof.enable()
            w.session.push(cmd.MoveCards([card.id], stage, card.lane_id, index))
            kinds.update(k for k, _ in w.scene.touched)
            idle(w, counter)
            prof.disable()
            done += 1
        wall = time.perf_counter() - t
        print(
            f"{moves} moves, {'whole map' if fit else '100 %'}: {wall * 1000 / moves:.1f} ms a move (incl. centring)"
        )
        print("per move: " + ", ".join(f"{k} {v / moves:.1f}" for k, v in sorted(counts.items())))
        print("touched per move: " + ", ".join(f"{k} {v / moves:.1f}" for k, v in sorted(kinds.items())))
        print(
            f"paints per move {(counter.paints - p0) / moves:.1f}, area {(counter.area - a0) / moves / 1000:.0f} kpx"
        )
        pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
        pstats.Stats(prof).sort_stats("tottime").print_stats(top)
        w.session.undo_stack.setClean()
        w.close()


# ---------------------------------------------------------------------- bulk edits alone
def _open_for_bulk(work: Path, path: Path):
    """The window of :func:`measure` with ``path`` open and the heavy docks closed."""
    from app.model import fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts.chain(False), fonts.chain(True)
    w = _window(work)
    w.show()
    if not w.session.open(path):
        raise RuntimeError(f"could not open {path}")
    app.processEvents()
    return w, _quiet(w)


def _quiet(w) -> PaintCounter:
    """Close the docks that compute the whole map after an edit, count the viewport's paints
    and wait until the window is idle; returns the counter."""
    for name in HEAVY_DOCKS:
        dock = getattr(w, "docks", None) and w.docks.docks.get(name)
        if dock is not None:
            dock.hide()
    counter = PaintCounter(w.view.viewport())
    idle(w, counter)
    return counter


def measure_bulk(path: Path, fit: bool = True) -> dict:
    """Only :func:`bulk_edits` on one map (``--bulk``): wall and CPU time of each edit (the
    command -> idle, as :func:`timed`) and the wall time to the end of the first round of events
    that painted (the edit on screen; links out of sight may still wait), with the whole map
    visible (``fit``) or at 100 % (keys ending in "@100%")."""
    got: list[tuple[float, float, float]] = []

    def clock(w, counter, action):
        c = time.process_time()
        t = time.perf_counter()
        p0 = counter.paints
        action()
        first = None  # the end of the first round of events that painted: the edit on screen
        while first is None and time.perf_counter() - t < IDLE_LIMIT_S:
            QApplication.processEvents()
            if counter.paints != p0:
                first = (time.perf_counter() - t) * 1000
        idle(w, counter)
        got.append(((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, first or 0.0))
        return {"ms": got[-1][0]}

    with tempfile.TemporaryDirectory() as tmp:
        w, counter = _open_for_bulk(Path(tmp), path)
        out = bulk_edits(w, counter, seed=13, clock=clock, fit=fit)
        w.session.undo_stack.setClean()
        w.close()
    names = [k for k in out if k != "stage cards"]
    at = "" if fit else " @100%"
    res: dict = {"stage cards": out["stage cards"]} if fit else {}
    for name, (ms, cpu, first) in zip(names, got, strict=True):
        res[name + at] = ms
        res[f"{name} cpu{at}"] = cpu
        res[f"{name} first frame{at}"] = first
    return res


def profile_bulk(path: Path, top: int = 20) -> None:
    """cProfile over each bulk edit (the command -> idle) with counts: the layout's updates and
    the changes they got, link routes asked of the layout, labels placed, items made, removed
    and given a new geometry, geometry changes, paints and the repainted area."""
    import cProfile
    import pstats
    from collections import Counter

    from PySide6.QtWidgets import QGraphicsItem

    from app.model import layout as layout_mod
    from app.model import linklabels
    from app.widgets.canvas import items as canvas_items
    from app.widgets.canvas import link_item
    from app.widgets.canvas import scene as scene_mod

    counts: Counter = Counter()

    def counting(cls, name, key, size=None):
        orig = getattr(cls, name)

        def wrapper(self, *a, **k):
            counts[key] += 1
            if size is not None:
                counts[key + " (items)"] += size(*a)
            return orig(self, *a, **k)

        setattr(cls, name, wrapper)

    counting(layout_mod.MapLayout, "update", "layout updates", lambda ch, *_: len(ch))
    counting(layout_mod.MapLayout, "link", "layout.link calls")
    counting(linklabels.LinkLabels, "_place", "labels placed")
    counting(canvas_items.MapItem, "prepareGeometryChange", "geometry changes")
    counting(canvas_items.CardItem, "setRect", "geometry changes")  # (cards and links are rectangle items)
    counting(link_item.LinkItem, "setRect", "geometry changes")
    counting(link_item.LinkItem, "set_geometry", "links re-made")
    counting(canvas_items.CardItem, "set_geometry", "cards re-made")
    counting(QGraphicsItem, "setPos", "setPos (all items)")
    counting(scene_mod.MapScene, "addItem", "items added")
    counting(scene_mod.MapScene, "removeItem", "items removed")

    def clock(w, counter, action):
        counts.clear()
        p0, a0 = counter.paints, counter.area
        prof = cProfile.Profile()
        c = time.process_time()
        prof.enable()
        r = timed(w, counter, action)
        prof.disable()
        cpu = (time.process_time() - c) * 1000
        kinds = Counter(k for k, _ in w.scene.touched)
        print(f"\n===== {r['ms']:.0f} ms wall, {cpu:.0f} ms CPU (profiled)")
        print("counts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print("touched: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        print(f"paints {counter.paints - p0}, area {(counter.area - a0) / 1000:.0f} kpx")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
        pstats.Stats(prof).sort_stats("tottime").print_stats(top)
        return r

    with tempfile.TemporaryDirectory() as tmp:
        w, counter = _open_for_bulk(Path(tmp), path)
        bulk_edits(w, counter, seed=13, clock=clock)
        w.session.undo_stack.setClean()
        w.close()


def _child_bulk(tree: Path, path: Path, fit: bool = True) -> dict:
    return _in_child(tree, path, f"measure_bulk(p, {fit})")


def compare_bulk(rev: str, rounds: int, size: int, after: str = "") -> None:
    """``--bulk --against REV``: only the bulk edits on one map size, both trees alternately
    (each run a fresh process; the whole map visible, then at 100 %), medians and ranges of the
    rounds, wall and CPU."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        trees = [("before", _extract(root, rev, Path(tmp) / "base"))]
        trees.append(("after", _extract(root, after, Path(tmp) / "after") if after else _compiled(root)))
        path = _maps(Path(tmp), (size,))[size]
        got: dict[str, list[dict]] = {"before": [], "after": []}
        for r in range(rounds):
            for label, tree in trees if r % 2 == 0 else trees[::-1]:
                res = {**_child_bulk(tree, path), **_child_bulk(tree, path, fit=False)}
                got[label].append(res)
                print(json.dumps({"round": r + 1, "tree": label, "load": os.getloadavg()[0], **res}),
                      file=sys.stderr, flush=True)  # fmt: skip
        print(f"| {size:,} cards | before | after |")
        print("|---|---|---|")
        for k in got["after"][0]:
            cells = []
            for label in ("before", "after"):
                vals = [g[k] for g in got[label]]
                med = statistics.median(vals)
                cells.append(
                    f"{_fmt(med)} ({_fmt(min(vals))}-{_fmt(max(vals))})" if len(vals) > 1 else _fmt(med)
                )
            print(f"| {k} | " + " | ".join(cells) + " |")


# ---------------------------------------------------------------------- runs and comparison
LINKS = "random"  # the maps' links: "random" (across the whole map) or "local" (--links local)


def _maps(work: Path, sizes) -> dict[int, Path]:
    from app.io.mapsave import save_map

    from .generate import generate_map, with_local_links

    paths = {}
    for n in sizes:
        paths[n] = work / f"map-{n}.journey.json"
        m = generate_map(n)
        save_map(with_local_links(m, len(m.links)) if LINKS == "local" else m, paths[n], backup=False)
    return paths


def _compiled(tree: Path) -> Path:
    """``tree`` with its modules' bytecode written: an installed editor has it (pip writes it),
    and with PYTHONDONTWRITEBYTECODE set (as here) every fresh process compiled ~200 modules
    again inside the open's clock (~0.1-0.2 s)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "app")], check=True)
    return tree


def _child(tree: Path, path: Path, moves: int, drags_n: int, open_only: bool = False) -> dict:
    """Run :func:`measure` (``open_only``: :func:`measure_open`) in a fresh process importing
    ``app`` from ``tree``."""
    return _in_child(tree, path, "measure_open(p)" if open_only else f"measure(p, {moves}, {drags_n})")


def _in_child(tree: Path, path: Path, call: str) -> dict:
    """``call`` (an expression of this module's functions and ``p``, the map's path) in a fresh
    process importing ``app`` from ``tree``; its JSON result."""
    here = Path(__file__).resolve()
    code = (
        "import json,sys,importlib.util;"
        f"spec=importlib.util.spec_from_file_location('bench_frames', {str(here)!r});"
        "mod=importlib.util.module_from_spec(spec);spec.loader.exec_module(mod);"
        f"p=__import__('pathlib').Path({str(path)!r});"
        f"print('RESULT'+json.dumps(mod.{call}))"
    )
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, timeout=1800
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT"):
            return json.loads(line[6:])
    raise RuntimeError(f"{tree}: {out.stderr[-2000:]}")


def summary(res: dict) -> dict:
    """One row of figures from one :func:`measure` (or :func:`measure_open`) result."""
    if "move 100" not in res:
        return dict(res)
    row = {}
    for tag in ("100", "whole"):
        ms = res[f"move {tag}"]
        row[f"move {tag} med"] = statistics.median(ms)
        row[f"move {tag} p95"] = _pct(ms, 0.95)
        row[f"move {tag} paints"] = res[f"move {tag} paints"]
        row[f"move {tag} area kpx"] = res[f"move {tag} area"] / 1000
        row[f"move {tag} touched"] = res[f"move {tag} touched"]
        dr = res[f"drag {tag}"]
        drops = [d["drop"] for d in dr]
        starts = [d["start"] for d in dr if d["start"] is not None]
        row[f"drop {tag} med"] = statistics.median(drops) if drops else float("nan")
        row[f"drop {tag} max"] = max(drops) if drops else float("nan")
        row[f"drag start {tag} med"] = statistics.median(starts) if starts else float("nan")
        row[f"drag start {tag} max"] = max(starts) if starts else float("nan")
        frames = [f for d in dr for f in d.get("frames", ())]
        row[f"drag frame {tag} p95"] = _pct(frames, 0.95) if frames else float("nan")
        row[f"drags moved {tag}"] = f"{sum(d['moved'] for d in dr)}/{len(dr)}"
    for k, v in res.items():
        if not (k.startswith("drag ") or (k.startswith("move ") and not k.startswith("move 50"))):
            row[k] = v
    return row


def _fmt(v) -> str:
    if isinstance(v, str):
        return v
    return f"{v:.3g}" if abs(v) < 10 else f"{v:.0f}"


def run(sizes=SIZES, open_only: bool = False) -> list[dict]:
    """`python -m benchmarks frames`: this tree, each size in a fresh process."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = _maps(Path(tmp), sizes)
        tree = _compiled(Path(__file__).resolve().parents[1])
        for n in sizes:
            s = summary(_child(tree, paths[n], MOVES, DRAGS, open_only))
            rows.extend({"cards": f"{n:,}", "measure": k, "result": _fmt(v)} for k, v in s.items())
    return rows


def _extract(root: Path, rev: str, into: Path) -> Path:
    into.mkdir()
    archive = subprocess.run(["git", "-C", str(root), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return _compiled(into)


def compare(
    rev: str, rounds: int, sizes, moves: int, drags_n: int, after: str = "", open_only: bool = False
) -> None:
    """Both trees alternately, ``rounds`` times (order swapped each round); medians of rounds.
    ``after``: a revision too (default: this working tree, as it is while the runs go on)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        base = _extract(root, rev, Path(tmp) / "base")
        now = _extract(root, after, Path(tmp) / "after") if after else _compiled(root)
        paths = _maps(Path(tmp), sizes)
        got: dict[tuple[str, int], list[dict]] = {}
        trees = [("before", base), ("after", now)]
        for r in range(rounds):
            for label, tree in trees if r % 2 == 0 else trees[::-1]:
                for n in sizes:
                    t = time.perf_counter()
                    s = summary(_child(tree, paths[n], moves, drags_n, open_only))
                    got.setdefault((label, n), []).append(s)
                    print(f"round {r + 1} {label} {n}: {time.perf_counter() - t:.0f} s; load {os.getloadavg()[0]:.1f}",
                          file=sys.stderr, flush=True)  # fmt: skip
                    print(
                        json.dumps({"round": r + 1, "tree": label, "cards": n, **s}),
                        file=sys.stderr,
                        flush=True,
                    )
        keys = list(got[("after", sizes[0])][0])
        print("| measure | " + " | ".join(f"{lab} {n:,}" for n in sizes for lab, _ in trees) + " |")
        print("|---|" + "---|" * (len(sizes) * 2))
        for k in keys:
            cells = []
            for n in sizes:
                for lab, _ in trees:
                    vals = [s[k] for s in got[(lab, n)]]
                    if isinstance(vals[0], str):
                        cells.append(" ".join(vals))
                    else:
                        med = statistics.median(vals)
                        cells.append(
                            f"{_fmt(med)} ({_fmt(min(vals))}-{_fmt(max(vals))})"
                            if len(vals) > 1
                            else _fmt(med)
                        )
            print(f"| {k} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", help="a git revision to compare with, interleaved")
    ap.add_argument("--after", default="", help="with --against: a git revision instead of this tree")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--moves", type=int, default=MOVES)
    ap.add_argument("--drags", type=int, default=DRAGS)
    ap.add_argument("--profile", choices=("100", "whole"), help="profile card moves on the last size")
    ap.add_argument("--open-only", action="store_true", help="only open -> first frame and the peak memory")
    ap.add_argument("--bulk", action="store_true",
                    help="only the bulk edits, on the last size (with --against: both trees, --rounds)")  # fmt: skip
    ap.add_argument("--profile-bulk", action="store_true", help="with --bulk: profile each bulk edit")
    ap.add_argument("--links", choices=("random", "local"), default="random",
                    help="the maps' links: across the whole map (default) or to neighbouring cells")  # fmt: skip
    a = ap.parse_args()
    LINKS = a.links
    sizes = tuple(int(s) for s in a.sizes.split(","))
    if a.bulk:
        if a.against:
            compare_bulk(a.against, a.rounds, sizes[-1], a.after)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = _maps(Path(tmp), sizes[-1:])[sizes[-1]]
                if a.profile_bulk:
                    profile_bulk(path)
                else:
                    for fit in (True, False):
                        for k, v in measure_bulk(path, fit).items():
                            print(f"{k}: {_fmt(v)}")
    elif a.profile:
        with tempfile.TemporaryDirectory() as tmp:
            profile(_maps(Path(tmp), sizes[-1:])[sizes[-1]], a.moves, a.profile == "whole")
    elif a.against:
        compare(a.against, a.rounds, sizes, a.moves, a.drags, a.after, a.open_only)
    else:
        from benchmarks.__main__ import table

        print(table(run(sizes, a.open_only)))
