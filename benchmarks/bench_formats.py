"""Import and export of a 10,000-card map in every format of the registry (issue 13: each <= 1 s).

One row per registered format (:data:`app.io.formats.FORMATS`; suffixes sharing a reader and
writer are timed once) and operation:

* export: the registry's writer and the atomic file write (``export_map``), as the editor's
  File > Export Data and ``journeymap export`` run it;
* import: ``import_map`` of that file (reading, decoding, parsing, building and checking the map);
* command: ``journeymap export`` and ``journeymap import`` in a fresh process, everything the user
  waits for (interpreter start, imports, loading or saving the map file, exit).

``alternative``: the strongest fair alternative for the same work, where one is registered in
:data:`ALTERNATIVES` (a format's author adds theirs there). For CSV: the standard library alone,
``csv.DictWriter`` of each card's ``model_dump()`` with its stage and lane names, and
``csv.DictReader`` building the same pydantic cards (stages and lanes by name) and the map, with
no synonyms, separator or encoding detection, formula guard, list escaping or row/column errors.

Mermaid and JSON Canvas: their map and alternatives are in benchmarks/formats_journey.py.

Each figure is the median (and the best) of RUNS runs on benchmarks/generate.py's map; ``cpu s``
is the CPU time (user + system; a process's as its parent sees it), which a busy machine disturbs
less than the wall clock. The target applies to the wall clock.
"""

from __future__ import annotations

import csv
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.io.formats import FORMATS, export_map, import_map
from app.io.jsonfile import gc_paused
from app.io.mapsave import save_map
from app.model.schema import Card, Lane, Map, Stage, new_id

from .formats_journey import ALTERNATIVES as JOURNEY_ALTERNATIVES
from .formats_journey import MAPS
from .generate import generate_map

CARDS = 10_000
TARGET_S = 1.0
RUNS = 5
COMMAND_RUNS = 3
ROOT = Path(__file__).resolve().parents[1]


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _times(work: Callable[[], object], runs: int = RUNS) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``work`` run ``runs`` times."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, t = _cpu(resource.RUSAGE_SELF), time.perf_counter()
        with gc_paused():
            work()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu(resource.RUSAGE_SELF) - cpu)
    return walls, cpus


# ----------------------------------------------------------------- the alternatives
_PLAIN_FIELDS = ["stage", "lane", *(name for name in Card.model_fields if name not in ("stage_id", "lane_id"))]


def plain_csv_export(m: Map, path: Path) -> None:
    stage = {s.id: s.name for s in m.stages}
    lane = {ln.id: ln.name for ln in m.lanes}
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, _PLAIN_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for c in m.cards:
        row = c.model_dump(mode="json")
        row["stage"], row["lane"] = stage[c.stage_id], lane[c.lane_id]
        row["persona_ids"], row["tags"] = ";".join(c.persona_ids), ";".join(c.tags)
        writer.writerow(row)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def plain_csv_import(path: Path) -> Map:
    stages: dict[str, Stage] = {}
    lanes: dict[str, Lane] = {}
    cards = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            s = stages.get(row["stage"]) or stages.setdefault(row["stage"], Stage(id=new_id("stage"), name=row["stage"]))
            ln = lanes.get(row["lane"]) or lanes.setdefault(row["lane"], Lane(id=new_id("lane"), name=row["lane"]))
            data = {k: v for k, v in row.items() if v != "" and k not in ("stage", "lane")}
            data["persona_ids"] = [p for p in row["persona_ids"].split(";") if p]
            data["tags"] = [t for t in row["tags"].split(";") if t]
            cards.append(Card.model_validate({**data, "stage_id": s.id, "lane_id": ln.id}))
    return Map(stages=list(stages.values()), lanes=list(lanes.values()), cards=cards)


#: suffix -> (what it is, export(map, path), import(path)): the fair alternative of a format.
ALTERNATIVES: dict[str, tuple[str, Callable[[Map, Path], None], Callable[[Path], object]]] = {
    ".csv": ("csv.DictWriter / DictReader + pydantic", plain_csv_export, plain_csv_import),
    **JOURNEY_ALTERNATIVES,  # .mmd, .canvas: benchmarks/formats_journey.py
}


# ----------------------------------------------------------------------------- rows
def _command(args: list[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of ``python -m app.cli ARGS`` in a fresh process."""
    walls, cpus = [], []
    for _ in range(COMMAND_RUNS):
        cpu, t = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=300)  # fmt: skip
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu(resource.RUSAGE_CHILDREN) - cpu)
        if done.returncode != 0:
            raise RuntimeError(f"journeymap {' '.join(args)} failed: {done.stderr.strip()}")
    return walls, cpus


def _row(fmt: str, operation: str, cards: int, times: tuple[list[float], list[float]],
         alternative: tuple[list[float], list[float]] | None, what: str) -> dict:  # fmt: skip
    walls, cpus = times
    median = statistics.median(walls)
    return {
        "format": fmt,
        "operation": operation,
        "cards": f"{cards:,}",
        "median s": f"{median:.3f}",
        "best s": f"{min(walls):.3f}",
        "cpu s": f"{statistics.median(cpus):.3f}",
        "target": f"<= {TARGET_S:g} s {'ok' if median <= TARGET_S else 'MISSED'}",
        "alternative": f"{statistics.median(alternative[0]):.3f} s, cpu {statistics.median(alternative[1]):.3f} s ({what})"
        if alternative else "",
    }


def run() -> list[dict]:
    m = generate_map(CARDS)
    rows: list[dict] = []
    seen: set[tuple[str | None, str | None]] = set()
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        folder = Path(tmp)
        map_file = folder / "m.journey.json"
        save_map(m, map_file)
        for f in FORMATS:
            if (f.reader, f.writer) in seen or not f.writer:
                continue
            seen.add((f.reader, f.writer))
            out = folder / f"m{f.suffix}"
            fm, fm_file = m, map_file  # the map this format is timed on (MAPS: a Mermaid journey's)
            if f.suffix in MAPS:
                fm, fm_file = MAPS[f.suffix](CARDS), folder / f"m{f.suffix}.journey.json"
                save_map(fm, fm_file)
            alt = ALTERNATIVES.get(f.suffix)
            alt_out = folder / f"plain{f.suffix}"
            export_times = _times(lambda out=out, fm=fm: export_map(fm, out))
            alt_export = _times(lambda alt=alt, alt_out=alt_out, fm=fm: alt[1](fm, alt_out)) if alt else None
            rows.append(_row(f.label, "export", len(fm.cards), export_times, alt_export, alt[0] if alt else ""))
            if f.reader:
                cards = len(import_map(out).map.cards)
                import_times = _times(lambda out=out: import_map(out))
                alt_import = _times(lambda alt=alt, alt_out=alt_out: alt[2](alt_out)) if alt else None
                rows.append(_row(f.label, "import", cards, import_times, alt_import, alt[0] if alt else ""))
            command_out = folder / f"c{f.suffix}"
            argv = ["export", str(fm_file), "-o", str(command_out), "--force"]
            rows.append(_row(f.label, "journeymap export (process)", len(fm.cards), _command(argv), None, ""))
            if f.reader:
                argv = ["import", str(command_out), "-o", str(folder / "back"), "--force"]
                rows.append(_row(f.label, "journeymap import (process)", cards, _command(argv), None, ""))
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import table

    print(table(run()))
