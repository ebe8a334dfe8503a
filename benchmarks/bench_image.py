"""Picture figures: PNG and SVG of the canvas scene (app/io/image_export.py).

For a generated map of 1,000 cards (benchmarks/generate.py; 1830 x 17570 points, so a PNG at
150 dpi is 3812 x 36605 px, 140 MP), each figure is the median of a few runs, timed with
``time.perf_counter`` from a ``Map`` in memory to a file on disk, the scene built inside the
timing as a headless ``journeymap export`` has to:

* ours: :func:`app.io.image_export.export_image` at 150 dpi: drawn in bands, each band
  compressed in pieces on worker threads, written atomically (target: <= 2 s);
* the obvious alternative: the same scene rendered into one QImage and saved with
  ``QImage.save(path, "PNG")`` (Qt's libpng writer), timed once;
* an SVG of the same map (text as text).

Run: ``python -m benchmarks.bench_image`` (offscreen Qt is started when there is no display).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from .generate import generate_map

CARDS = 1_000
DPI = 150
RUNS = 3
TARGET_S = 2.0


def _median(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run() -> list[dict]:
    from app.io import image_export as ie

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
    return rows


if __name__ == "__main__":
    from .__main__ import table

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(table(run()))
