"""`journeymap diff` of two 10,000-card maps (the issue's target: <= 1 s) and `journeymap
merge-driver` on 10,000 cards, against the strongest fair alternatives.

The maps: the generated map of benchmarks/generate.py ("last quarter") and a later version with
what a quarter of workshops does to it: 2 % of the cards edited (title, ratings, tags), 100
moved to another cell, 100 added, 100 removed (with their links), a stage renamed, two stages
swapped, curve points changed, links relabelled. For the merge, two branches edit the same base,
each half of those edits (different cards), so the merge is clean.

Rows, each the median (and best) of several runs, the clock round all the user waits for, with
the CPU seconds (user + system, of the process and its children), which a busy machine disturbs
less than the wall clock:

* the whole command in a fresh process (interpreter start, imports, reading both files, the
  diff, printing the report); CPU is the child's user + system time;
* the same work in process: load both maps and diff them (text report included);
* alternatives, fair in that they start from the same two files and end with a list of changes:
  a generic deep diff of the two JSON documents (json.load both, then compare recursively, lists
  of objects matched by their ``id`` so that one removed card does not shift every later one),
  which names JSON paths rather than cells, stages and titles and reports every renumbered order
  as a change; and GNU ``diff -u`` of the two pretty-printed files (what ``git diff`` shows);
* the interpreter start and imports every ``journeymap`` command pays (``templates``), the floor
  under the whole-process rows;
* merge: the whole ``journeymap merge-driver`` process, against ``git merge-file`` (git's own
  line-based three-way merge of the same files, what runs without the driver), with whether each
  one conflicted.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.cli.versions import diff_text
from app.io.jsonfile import gc_paused, load_map
from app.io.mapsave import save_map
from app.model.mapdiff import diff_maps
from app.model.schema import Card, Map

from .generate import generate_map

CARDS = 10_000
TARGET_S = 1.0
RUNS = 5
ROOT = Path(__file__).resolve().parents[1]


def quarter_of_edits(m: Map, rng: random.Random, share: slice = slice(None)) -> Map:
    """``m`` after a quarter of workshops (see the module docstring); ``share`` picks the cards
    this version may touch (a branch edits its half)."""
    new = m.model_copy(deep=True)
    cards = new.cards[share]
    for c in rng.sample(cards, len(cards) // 50):
        c.title = c.title + " (revised)"
        c.importance_customer = rng.randint(1, 5)
        c.tags = [*c.tags, "q3"]
    for c in rng.sample(cards, 100 * len(cards) // len(new.cards)):
        c.stage_id, c.lane_id = (
            rng.choice(new.stages).id,
            rng.choice([ln.id for ln in new.lanes if ln.type != "feelings"]),
        )
    gone = {c.id for c in rng.sample(cards, 100 * len(cards) // len(new.cards))}
    new.cards = [c for c in new.cards if c.id not in gone]
    new.links = [lk for lk in new.links if lk.source_id not in gone and lk.target_id not in gone]
    tag = "a" if share.start is None else "b"
    for k in range(100 * len(cards) // len(m.cards)):
        new.cards.append(
            Card(
                id=f"c-new-{tag}-{k}",
                stage_id=rng.choice(new.stages).id,
                lane_id="ln-3",
                title=f"New touchpoint {k}",
            )
        )
    if share.start is None:
        new.stages[1].name = "Buy"
        new.stages[2], new.stages[3] = new.stages[3], new.stages[2]
        new.curves[0].points[2].value = 2.0
    else:
        new.curves[1].points[4].value = -1.0
    for lk in new.links[share][:50]:
        lk.label = "hand-off (revised)"
    return new


def generic_deep_diff(a, b, path: str = "", out: list | None = None) -> list:
    """Every difference between two JSON values as (path, old, new); lists of objects with an
    ``id`` are matched by id, other lists by index."""
    out = [] if out is None else out
    if type(a) is not type(b):
        out.append((path, a, b))
    elif isinstance(a, dict):
        for key in a.keys() | b.keys():
            if key not in b or key not in a:
                out.append((f"{path}.{key}", a.get(key), b.get(key)))
            else:
                generic_deep_diff(a[key], b[key], f"{path}.{key}", out)
    elif isinstance(a, list):
        if a and b and all(isinstance(x, dict) and "id" in x for x in (*a, *b)):
            ka, kb = {x["id"]: x for x in a}, {x["id"]: x for x in b}
            for key in ka.keys() | kb.keys():
                if key not in ka or key not in kb:
                    out.append((f"{path}[{key}]", ka.get(key), kb.get(key)))
                else:
                    generic_deep_diff(ka[key], kb[key], f"{path}[{key}]", out)
        else:
            for i in range(max(len(a), len(b))):
                if i >= len(a) or i >= len(b):
                    out.append((f"{path}[{i}]", a[i] if i < len(a) else None, b[i] if i < len(b) else None))
                else:
                    generic_deep_diff(a[i], b[i], f"{path}[{i}]", out)
    elif a != b:
        out.append((path, a, b))
    return out


def _cpu() -> float:
    """User + system seconds of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Walls(list):
    """Wall seconds of each run, with the CPU seconds of each in ``cpu``."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: list[float] = []


def _timed(fn, before=None) -> tuple[Walls, object]:
    """Run ``fn`` RUNS times (``before()`` first each time, outside the clock)."""
    walls, result = Walls(), None
    for _ in range(RUNS):
        if before is not None:
            before()
        c, t = _cpu(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - t)
        walls.cpu.append(_cpu() - c)
    return walls, result


def _command(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _row(measure: str, walls: list[float], result: str, target: bool = False) -> dict:
    median = statistics.median(walls)
    return {
        "measure": measure,
        "median s": f"{median:.2f}",
        "best s": f"{min(walls):.2f}",
        "CPU s (median)": f"{statistics.median(walls.cpu):.2f}" if getattr(walls, "cpu", None) else "",
        "result": result,
        "target": f"<= {TARGET_S:g} s" if target else "",
        "met": ("yes" if median <= TARGET_S else "**no**") if target else "",
    }


def _in_process(old: Path, new: Path) -> str:
    with gc_paused():
        diff = diff_maps(load_map(old), load_map(new))
        lines = diff_text(diff, str(old), str(new))
    return f"{len(diff.changes)} changes ({len(lines)} lines)"


def _json_diff(old: Path, new: Path) -> str:
    with gc_paused():
        found = generic_deep_diff(json.loads(old.read_bytes()), json.loads(new.read_bytes()))
    return f"{len(found)} differences (JSON paths)"


def run() -> list[dict]:
    rng = random.Random(13)
    base = generate_map(CARDS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new = folder / "q1.journey.json", folder / "q2.journey.json"
        save_map(base, old, backup=False)
        save_map(quarter_of_edits(base, rng), new, backup=False)
        walls, done = _timed(lambda: _command(["diff", str(old), str(new)]))
        assert done.returncode == 1, done.stderr
        rows = [
            _row(
                "journeymap diff OLD NEW, whole process",
                walls,
                done.stdout.splitlines()[0].split(": ", 1)[1][:60],
                True,
            )
        ]
        walls, result = _timed(lambda: _in_process(old, new))
        rows.append(_row("  load both + diff + text report, in process", walls, str(result), True))
        walls, result = _timed(lambda: _json_diff(old, new))
        rows.append(_row("generic deep diff of the two JSON documents (by id)", walls, str(result)))
        if shutil.which("diff"):
            walls, done = _timed(
                lambda: subprocess.run(["diff", "-u", str(old), str(new)], capture_output=True, timeout=300)
            )
            rows.append(
                _row(
                    "GNU diff -u of the two files (what git diff shows)",
                    walls,
                    f"{len(done.stdout.splitlines())} lines",
                )
            )

        half = len(base.cards) // 2
        ours = quarter_of_edits(base, random.Random(1), slice(None, half))
        theirs = quarter_of_edits(base, random.Random(2), slice(half, None))
        b, o, t = folder / "base.json", folder / "ours.json", folder / "theirs.json"
        save_map(base, b, backup=False)
        save_map(ours, o, backup=False)
        save_map(theirs, t, backup=False)
        work = folder / "work.json"
        reset = lambda: shutil.copy(o, work)  # noqa: E731 - each run merges into a fresh OURS
        walls, done = _timed(lambda: _command(["merge-driver", str(b), str(work), str(t)]), reset)
        merged = load_map(work)
        outcome = "clean" if done.returncode == 0 else f"exit {done.returncode}"
        rows.append(
            _row(f"journeymap merge-driver, whole process ({len(merged.cards)} cards merged)", walls, outcome)
        )
        if shutil.which("git"):
            merge_file = ["git", "merge-file", str(work), str(b), str(t)]
            walls, done = _timed(lambda: subprocess.run(merge_file, capture_output=True, timeout=300), reset)
            outcome = "clean" if done.returncode == 0 else f"{done.returncode} conflicts (markers: not a map)"
            rows.append(_row("git merge-file (line-based, git's default)", walls, outcome))
        walls, done = _timed(lambda: _command(["templates"]))
        rows.append(
            _row(
                "journeymap templates (interpreter start and imports only)",
                walls,
                "the floor of every command",
            )
        )
    return rows
