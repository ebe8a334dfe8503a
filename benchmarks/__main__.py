"""`make bench`: print every benchmark table (python -m benchmarks [NAME...])."""

from __future__ import annotations

import importlib
import sys

SUITES = {
    "model": ("benchmarks.bench_model", "Model and files (generated maps)"),
    "validate": ("benchmarks.bench_validate", "journeymap validate of 100,000 cards, against pydantic alone"),
    "gui": ("benchmarks.bench_gui", "The editor, offscreen (generated maps)"),
    "capture": ("benchmarks.bench_capture", "Quick capture: notes a minute, Enter -> painted card"),
    "frames": ("benchmarks.bench_frames", "Frames (issue 14): edits with the repaint inside the clock"),
    "image": ("benchmarks.bench_image", "PNG and SVG pictures of the canvas (generated maps)"),
    "docks": ("benchmarks.bench_docks", "The Analysis and Flows docks on 5,000 cards: open, edits, the priority list"),
    "room": ("benchmarks.bench_room", "The workshop room on loopback: edit latency, joining, 200 phones"),
    "pdf": ("benchmarks.bench_pdf", "PDF poster and tiles against QPdfWriter rendering the canvas scene"),
    "formats": ("benchmarks.bench_formats", "Import and export of 10,000 cards in every data format (CSV, Mermaid, JSON Canvas)"),
    "versions": ("benchmarks.bench_versions", "journeymap diff and merge-driver of 10,000-card maps, against a generic JSON diff, diff -u and git merge-file"),
}


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [[str(r.get(c, "")) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "| " + " | ".join(v.rjust(w) for v, w in zip(vals, widths, strict=True)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cols), sep, *(line(r) for r in cells)])


def main(argv: list[str]) -> int:
    names = argv or list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(SUITES)}", file=sys.stderr)
        return 2
    for name in names:
        module, title = SUITES[name]
        print(f"\n## {title}\n", flush=True)
        print(table(importlib.import_module(module).run()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
