"""Picture figures: PNG and SVG of the canvas scene (app/widgets/export/picture.py).

For a generated map of 1,000 cards (benchmarks/generate.py; 1830 x 17570 points, so a PNG at
150 dpi is 3812 x 36605 px, 140 MP), each figure is the median of a few runs, timed with
``time.perf_counter`` from a ``Map`` in memory to a file on disk, the scene built inside the
timing as a headless ``journeymap export`` has to:

* ours: :func:`app.widgets.export.picture.export_image` at 150 dpi: drawn in bands, each band
  compressed in pieces on worker threads, written atomically (target: <= 2 s);
* the obvious alternative: the same scene rendered into one QImage and saved with
  ``QImage.save(path, "PNG")`` (Qt's libpng writer), timed once;
* an SVG of the same map (text as text).

Measured as the user waits for them (a whole ``journeymap export`` in a subprocess: wall time
and the child's peak RSS from ``os.wait4``):

* an SVG of a 10,000-card map (target: <= 3 s and <= 500 MB), against the strongest Qt
  alternative, ``QSvgGenerator`` painting the canvas scene (what ours did before);
* a PNG of a 2,000-card map at 72 dpi with no links and with two links per card in one cycle
  (benchmarks/generate.py ``with_cyclic_links``; target: <= 1.5x in CPU time, each command
  run five times, the two maps taking turns, least against least), and the same for the
  1,000-card map at the default 150 dpi (2,000 cards would be over 65,535 px tall).

Run: ``python -m benchmarks.bench_image`` (offscreen Qt is started when there is no display).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import generate_map, with_cyclic_links

CARDS = 1_000
DPI = 150
RUNS = 3
TARGET_S = 2.0
SVG_CARDS, SVG_TARGET_S, SVG_TARGET_MB = 10_000, 3.0, 500
LINK_CARDS, LINK_DPI, LINK_TARGET, LINK_RUNS = 2_000, 72, 1.5, 5
ROOT = Path(__file__).resolve().parents[1]
JOURNEYMAP = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"]

# The alternative to our SVG writer: the canvas scene painted by Qt's QSvgGenerator.
QT_SVG = """
import sys
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from app.widgets.export import picture as ie
from app.io.jsonfile import load_map
ie.ensure_qt()
scene = ie.make_scene(load_map(sys.argv[1]))
rect = scene.map_rect()
k = 8  # user units per point: the canvas drops text under 3 px, so paint it large
w, h = round(rect.width() * k), round(rect.height() * k)
gen = QSvgGenerator()
gen.setFileName(sys.argv[2])
gen.setSize(QSize(w, h))
gen.setViewBox(QRect(0, 0, w, h))
gen.setResolution(72 * k)
painter = QPainter(gen)
painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
painter.fillRect(QRectF(0, 0, w, h), Qt.GlobalColor.white)
scene.render(painter, QRectF(0, 0, w, h), rect, Qt.AspectRatioMode.IgnoreAspectRatio)
painter.end()
"""


def _median(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run() -> list[dict]:
    from app.widgets.export import picture as ie

    ie.ensure_qt()
    m = generate_map(CARDS)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "map.png"
        ie.export_image(m, png, ie.ImageOptions(dpi=DPI))  # fonts, glyph caches
        result = ie.export_image(m, png, ie.ImageOptions(dpi=DPI))
        w, h = result.size_px
        t = _median(lambda: ie.export_image(m, png, ie.ImageOptions(dpi=DPI)))
        rows.append(
            {
                "figure": f"PNG of a {CARDS:,}-card map at {DPI} dpi",
                "pixels": f"{w} x {h} ({w * h / 1e6:.0f} MP)",
                "seconds": f"{t:.2f}",
                "MB": f"{png.stat().st_size / 1e6:.1f}",
                "target": f"<= {TARGET_S:g} s",
                "ok": "yes" if t <= TARGET_S else "NO",
            }
        )

        def qt_png() -> None:
            scene = ie.make_scene(m)
            try:
                image = ie.render_image(scene, scene.map_rect(), ie.ImageOptions(dpi=DPI))
                image.save(str(Path(tmp) / "qt.png"), "PNG")
            finally:
                ie.dispose_scene(scene)

        t_qt = _median(qt_png, 1)
        rows.append(
            {
                "figure": "same, one QImage + QImage.save (Qt's PNG writer)",
                "pixels": f"{w} x {h}",
                "seconds": f"{t_qt:.2f}",
                "MB": f"{(Path(tmp) / 'qt.png').stat().st_size / 1e6:.1f}",
                "target": "-",
                "ok": f"ours {t_qt / t:.1f}x faster",
            }
        )
        svg = Path(tmp) / "map.svg"
        t_svg = _median(lambda: ie.export_image(m, svg, ie.ImageOptions(format="svg")))
        rows.append(
            {
                "figure": f"SVG of a {CARDS:,}-card map (text as text)",
                "pixels": "-",
                "seconds": f"{t_svg:.2f}",
                "MB": f"{svg.stat().st_size / 1e6:.1f}",
                "target": "-",
                "ok": "-",
            }
        )
        rows += _waited_rows(Path(tmp))
    return rows


def timed_process(args: list[str]) -> tuple[float, float, float]:
    """Run ``args`` (cwd: the repository) to its end: wall seconds, CPU seconds and peak RSS
    in MB of that process alone, measured by a small process that starts it
    (:mod:`benchmarks.spawn`: a command forked from this one would count this process's memory)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run([sys.executable, "-m", "benchmarks.spawn", "--", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    if report["returncode"] != 0:
        raise RuntimeError(f"{' '.join(args[-3:])} failed ({report['returncode']}): {report['stderr'].strip()[-300:]}")
    return report["wall"], report["cpu"], report["mb"]


def _waited_rows(tmp: Path) -> list[dict]:
    from app.io.mapsave import save_map

    rows = []
    big = tmp / "svg-map.json"
    save_map(generate_map(SVG_CARDS), big, backup=False)
    svg, qt_svg = tmp / "ours.svg", tmp / "qt.svg"
    timed_process([*JOURNEYMAP, "export", str(big), "-o", str(svg)])  # warm the file cache
    wall, cpu, mb = min(timed_process([*JOURNEYMAP, "export", str(big), "-o", str(svg)]) for _ in range(RUNS))
    ok = wall <= SVG_TARGET_S and mb <= SVG_TARGET_MB
    rows.append(
        {
            "figure": f"SVG of a {SVG_CARDS:,}-card map, whole `journeymap export` (best of {RUNS})",
            "pixels": f"{cpu:.2f} s CPU, {mb:.0f} MB peak",
            "seconds": f"{wall:.2f}",
            "MB": f"{svg.stat().st_size / 1e6:.1f}",
            "target": f"<= {SVG_TARGET_S:g} s, <= {SVG_TARGET_MB} MB",
            "ok": "yes" if ok else "NO",
        }
    )
    q_wall, q_cpu, q_mb = timed_process([sys.executable, "-c", QT_SVG, str(big), str(qt_svg)])
    rows.append(
        {
            "figure": "same, QSvgGenerator painting the canvas scene (once)",
            "pixels": f"{q_cpu:.2f} s CPU, {q_mb:.0f} MB peak",
            "seconds": f"{q_wall:.2f}",
            "MB": f"{qt_svg.stat().st_size / 1e6:.1f}",
            "target": "-",
            "ok": f"ours {q_cpu / cpu:.1f}x less CPU",
        }
    )
    for cards, dpi in ((LINK_CARDS, LINK_DPI), (CARDS, DPI)):  # 2,000 cards at 150 dpi: over 65,535 px tall
        rows += _link_rows(tmp, cards, dpi)
    return rows


def _link_rows(tmp: Path, cards: int, dpi: int) -> list[dict]:
    """The same map with no links and with two cyclic links a card, each command run
    :data:`LINK_RUNS` times, the two maps taking turns (so a busy spell of the shared machine
    falls on both); the ratio is of the least CPU time each took, the spread is shown."""
    from app.io.mapsave import save_map

    base = generate_map(cards)
    cmds, outs = {}, {}
    for per_card in (0, 2):
        path = tmp / f"links-{cards}-{per_card}.json"
        save_map(with_cyclic_links(base, per_card), path, backup=False)
        outs[per_card] = tmp / f"links-{cards}-{per_card}.png"
        cmds[per_card] = [*JOURNEYMAP, "export", str(path), "-o", str(outs[per_card]), "--dpi", str(dpi)]
    runs: dict[int, list[tuple[float, float, float]]] = {0: [], 2: []}
    for _ in range(LINK_RUNS):
        for per_card in (0, 2):
            runs[per_card].append(timed_process(cmds[per_card]))
    least = {k: min(cpu for _, cpu, _ in v) for k, v in runs.items()}
    rows = []
    for per_card, done in runs.items():
        cpus = sorted(cpu for _, cpu, _ in done)
        ratio = least[per_card] / least[0]
        rows.append(
            {
                "figure": f"PNG of {cards:,} cards at {dpi} dpi, {per_card * cards:,} cyclic links ({LINK_RUNS} runs, interleaved)",
                "pixels": f"{cpus[0]:.2f} s CPU (up to {cpus[-1]:.2f}), {max(mb for _, _, mb in done):.0f} MB peak",
                "seconds": f"{min(wall for wall, _, _ in done):.2f}",
                "MB": f"{outs[per_card].stat().st_size / 1e6:.1f}",
                "target": f"<= {LINK_TARGET:g}x no links (least CPU)" if per_card else "-",
                "ok": (f"{ratio:.2f}x: " + ("yes" if ratio <= LINK_TARGET else "NO")) if per_card else "-",
            }
        )
    return rows


if __name__ == "__main__":
    from .__main__ import table

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(table(run()))
