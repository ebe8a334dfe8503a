"""The points of the small shapes both vector writers draw (the PDF's content stream in
:mod:`app.io.pdf.ops`, the SVG in :mod:`app.io.svg_export`), so the two cannot drift apart."""

from __future__ import annotations

KAPPA = 0.5522847498  # cubic approximation of a quarter circle


def round_rect_numbers(x: float, y: float, w: float, h: float, r: float, left_only: bool = False) -> tuple[float, ...]:
    """A rectangle with corners of radius ``r`` (``left_only``: round on the left only) as 30
    numbers: a start point, then four (line end, cubic c1, c2, end) runs: move, then
    line, curve, line, curve, line, curve, line, curve."""
    r = max(0.0, min(r, w if left_only else w / 2, h / 2))
    k = r * (1 - KAPPA)
    x1, y1 = x + w, y + h
    rr = 0.0 if left_only else r
    kk = 0.0 if left_only else k
    return (
        x + r, y,
        x1 - rr, y, x1 - kk, y, x1, y + kk, x1, y + rr,
        x1, y1 - rr, x1, y1 - kk, x1 - kk, y1, x1 - rr, y1,
        x + r, y1, x + k, y1, x, y1 - k, x, y1 - r,
        x, y + r, x, y + k, x + k, y, x + r, y,
    )  # fmt: skip
