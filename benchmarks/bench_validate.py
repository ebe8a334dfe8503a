"""`journeymap validate` of a 100,000-card map (the issue's target: <= 2 s), against plain pydantic.

The generated map of benchmarks/generate.py with three persona photos (1024 x 1024 JPEGs, so the
photo check is paid as in a real map), saved as the editor saves it. Rows:

* the whole command in a fresh process, as the user waits for it (interpreter start, imports,
  reading, every check, freeing the map, exit); the CPU time is the child's user + system time,
  which a busy machine disturbs less than the wall clock;
* ``load_map`` in process (the same work without the process around it), and the full reader
  alone (what ``load_map`` falls back to when :mod:`app.io.fastload` declines a file);
* the strongest fair alternative, pydantic alone: ``json.loads`` + ``Map.model_validate`` and
  ``Map.model_validate_json`` (its Rust JSON parser), which check the schema but not the file
  envelope, duplicate keys, numbers out of range, references or duplicate ids, and report
  neither line/column nor a JSON path per problem (timed with the collector paused, as load_map
  pauses it, so that they are not slowed by collections load_map avoids);
* the interpreter start and imports every ``journeymap`` command pays (``templates``).

Each figure is the median (and the best) of several runs.
"""

from __future__ import annotations

import base64
import gc
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.io import jsonfile
from app.io.jsonfile import gc_paused, load_map
from app.io.mapsave import save_map
from app.model.schema import Map

from .generate import generate_map

CARDS = 100_000
TARGET_S = 2.0
RUNS = 5
ROOT = Path(__file__).resolve().parents[1]


def photo(seed: int) -> str:
    """A 1024 x 1024 JPEG of noise over a gradient, base64 (a few hundred KB)."""
    from PIL import Image

    noise = Image.effect_noise((1024, 1024), 40 + seed)
    gradient = Image.linear_gradient("L").resize((1024, 1024))
    image = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def time_command(args: list[str], expect: str) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``python -m app.cli ARGS`` run RUNS times."""
    walls, cpus = [], []
    for _ in range(RUNS):
        cpu, t = _cpu_children(), time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=300)  # fmt: skip
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu_children() - cpu)
        if done.returncode != 0 or expect not in done.stdout:
            raise RuntimeError(f"journeymap {' '.join(args)} failed: {done.stderr.strip()}")
    return walls, cpus


def time_call(fn, paused: bool = False) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``fn()``, its result freed inside the clock (the command frees its
    map too). ``paused``: with the cyclic collector off throughout, as load_map itself does while
    it builds (so that the alternatives are not slowed by collections load_map avoids)."""
    walls, cpus = [], []
    for _ in range(RUNS):
        gc.collect()
        if paused:
            gc.disable()
        cpu, t = _cpu_self(), time.perf_counter()
        result = fn()
        del result
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu_self() - cpu)
        gc.enable()
    return walls, cpus


def _row(measure: str, times: tuple[list[float], list[float]], target: bool = False) -> dict:
    walls, cpus = times
    median = statistics.median(walls)
    return {
        "measure": measure,
        "median s": f"{median:.2f}",
        "best s": f"{min(walls):.2f}",
        "CPU s (median)": f"{statistics.median(cpus):.2f}",
        "target": f"<= {TARGET_S:g} s" if target else "",
        "met": ("yes" if median <= TARGET_S else "**no**") if target else "",
    }


def full_reader(path: Path) -> Map:
    """What load_map does for a file app.io.fastload declines: json.loads with its hooks, then pydantic."""
    with gc_paused():
        return jsonfile._load(path.read_bytes(), path)


def _map_text(path: Path) -> bytes:
    """The ``map`` object of a saved file, as bytes (for model_validate_json)."""
    data = path.read_bytes()
    start = data.index(b'"map": ') + len(b'"map": ')
    return data[start : data.rindex(b"}")]


def run() -> list[dict]:
    m = generate_map(CARDS)
    for i, persona in enumerate(m.personas):
        persona.photo = photo(i)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"map-{CARDS}.journey.json"
        save_map(m, path)
        del m
        size = path.stat().st_size / 1e6
        expect = f"ok ({CARDS} cards)"
        rows = [
            _row(f"journeymap validate FILE ({size:.0f} MB), whole process", time_command(["validate", str(path)], expect), True),
            _row("load_map (read, parse, validate, check), in process", time_call(lambda: load_map(path))),
            _row("  the full reader alone (fastload declined), in process", time_call(lambda: full_reader(path))),
            _row("pydantic alone: json.loads + Map.model_validate", time_call(
                lambda: Map.model_validate(json.loads(path.read_bytes())["map"]), paused=True)),
            _row("pydantic alone: Map.model_validate_json", time_call(lambda: Map.model_validate_json(_map_text(path)), paused=True)),
            _row("journeymap templates (start and imports only)", time_command(["templates"], "b2b")),
        ]  # fmt: skip
    return rows
