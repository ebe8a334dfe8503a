"""Model and file figures: load+validate, save, full layout, relayout after one card move, links.

Generated maps of N cards (benchmarks/generate.py). Each figure is the median of several runs;
the relayout figure is the median over many random single-card moves (a drag to a random
position of a random cell in the same lane, as a workshop does), with its p90. "+ every link":
the full layout and then every link's route and label (placed when first asked for, as the
canvas and the PDF do at once). "+ links" adds
what the canvas asks for right after: the route and label of every link the update names (labels
are placed when first asked for). "links crossing a card" checks every route against the cards
themselves; "labels as markers" counts the labels that found no free place on their route.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from app.io.jsonfile import dumps_map, load_map
from app.io.mapsave import save_map
from app.model import commands as cmd
from app.model import fonts
from app.model.document import Document
from app.model.layout import build_layout

from .generate import generate_map

SIZES = (100, 1_000, 10_000)


def _median_ms(fn, runs: int) -> float:
    """Median milliseconds of ``fn()``; its result is freed after the clock stops (freeing a
    10,000-card map takes ~20 ms that is not loading's)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        del result
    return statistics.median(times) * 1000


def _with_links(m) -> None:
    """The layout and every link's route and label, as a renderer asks for them at once."""
    layout = build_layout(m)
    for lk in m.links:
        layout.link(lk.id)


def relayout_times(m, moves: int = 300, seed: int = 7, links: bool = False) -> list[float]:
    """Milliseconds of ``layout.update`` after each of ``moves`` random single-card moves (with
    ``links``, also the routes and labels of every link the update names, as the canvas asks
    for them right after)."""
    doc = Document(m)
    layout = build_layout(m)
    rng = random.Random(seed)
    out: list[float] = []
    batches: list = []
    doc.subscribe(batches.append)
    while len(out) < moves:
        card = m.cards[rng.randrange(len(m.cards))]
        stage = m.stages[rng.randrange(len(m.stages))].id
        index = rng.randrange(len(doc.cell_cards(stage, card.lane_id)) + 1)
        batches.clear()
        cmd.MoveCards([card.id], stage, card.lane_id, index).apply(doc)
        if not batches:
            continue
        t = time.perf_counter()
        for batch in batches:
            d = layout.update(batch, doc)
            if links:
                for lid in d.links:
                    layout.link(lid)
                for lid in layout.take_label_changes():
                    layout.link(lid)
        out.append((time.perf_counter() - t) * 1000)
    return out


def run() -> list[dict]:
    fonts.chain(False), fonts.chain(True)  # font loading is paid once per process
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            m = generate_map(n)
            path = Path(tmp) / f"map-{n}.journey.json"
            save_map(m, path)
            runs = 5 if n >= 10_000 else 15
            relayout = sorted(relayout_times(generate_map(n)))
            with_links = sorted(relayout_times(generate_map(n), links=True))
            layout = build_layout(m)
            drawn = [lk.id for lk in m.links if layout.link(lk.id) is not None]
            crossing = sum(bool(layout.link_crosses(lid)) for lid in drawn)
            labels = [layout.link(lid).label for lid in drawn if layout.link(lid).label is not None]
            rows.append(
                {
                    "cards": n,
                    "file MB": round(len(dumps_map(m).encode()) / 1e6, 2),
                    "load+validate ms": round(_median_ms(lambda p=path: load_map(p), runs), 1),
                    "save ms": round(_median_ms(lambda p=path, m=m: save_map(m, p, backup=False), runs), 1),
                    "full layout ms": round(_median_ms(lambda m=m: build_layout(m), runs), 1),
                    "+ every link ms": round(_median_ms(lambda m=m: _with_links(m), runs), 1),
                    "relayout median ms": round(statistics.median(relayout), 3),
                    "relayout p90 ms": round(relayout[int(len(relayout) * 0.9)], 3),
                    "+ links median ms": round(statistics.median(with_links), 3),
                    "+ links p90 ms": round(with_links[int(len(with_links) * 0.9)], 3),
                    "links crossing a card": f"{crossing} of {len(drawn)}",
                    "labels as markers": f"{sum(lb.number > 0 for lb in labels)} of {len(labels)}",
                }
            )
    return rows
