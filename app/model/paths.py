"""Curve shapes: link paths with arrow heads, and the tangents of a smooth emotion curve."""

from __future__ import annotations

import math

from .geometry import LinkGeometry, Point, Rect

ARROW_LEN, ARROW_HALF = 8.0, 4.0


def monotone_slopes(xs: list[float], ys: list[float]) -> list[float]:
    """Tangents for a monotone cubic through the points (Fritsch and Carlson, 1980): the curve
    moves left to right, never overshoots a point's value (so it stays on the scale), and is
    flat at every local high and low of the emotion curve."""
    n = len(xs)
    if n < 2:
        return [0.0] * n
    d = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) if xs[i + 1] > xs[i] else 0.0 for i in range(n - 1)]
    m = [d[0]] + [0.0 if d[i - 1] * d[i] <= 0 else (d[i - 1] + d[i]) / 2 for i in range(1, n - 1)] + [d[-1]]
    for i in range(n - 1):
        if d[i] == 0:
            m[i] = m[i + 1] = 0.0
            continue
        a, b = m[i] / d[i], m[i + 1] / d[i]
        r = a * a + b * b
        if r > 9:
            t = 3 / math.sqrt(r)
            m[i], m[i + 1] = t * a * d[i], t * b * d[i]
    return m


def link_path(link_id: str, s: Rect, t: Rect, gap: float = 16.0) -> LinkGeometry:
    """A cubic from card ``s`` to card ``t``: side to side across columns, right edge to right
    edge within one column (bulging into the ``gap`` between columns)."""
    if t.x >= s.right:
        start, end = (s.right, s.cy), (t.x, t.cy)
        dx = max(24.0, (end[0] - start[0]) / 2)
        c1, c2 = (start[0] + dx, start[1]), (end[0] - dx, end[1])
    elif t.right <= s.x:
        start, end = (s.x, s.cy), (t.right, t.cy)
        dx = max(24.0, (start[0] - end[0]) / 2)
        c1, c2 = (start[0] - dx, start[1]), (end[0] + dx, end[1])
    else:  # the same column: leave and enter by the right edges, bulging into the column gap
        # (a straight path would cross every card stacked in between); the bulge of a cubic
        # is 3/4 of the control offset, which keeps it inside the gap.
        start, end = (s.right, s.cy), (t.right, t.cy)
        dx = gap * 0.9 / 0.75
        c1, c2 = (start[0] + dx, start[1]), (end[0] + dx, end[1])
    return LinkGeometry(link_id, start, c1, c2, end, arrow_head(c2, end, start), _bezier_mid(start, c1, c2, end))


def arrow_head(c2: Point, end: Point, start: Point) -> tuple[Point, Point, Point]:
    dx, dy = end[0] - c2[0], end[1] - c2[1]
    n = math.hypot(dx, dy)
    if n < 1e-6:
        dx, dy = end[0] - start[0], end[1] - start[1]
        n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = end[0] - ux * ARROW_LEN, end[1] - uy * ARROW_LEN
    return end, (bx - uy * ARROW_HALF, by + ux * ARROW_HALF), (bx + uy * ARROW_HALF, by - ux * ARROW_HALF)


def _bezier_mid(p0: Point, p1: Point, p2: Point, p3: Point) -> Point:
    return (
        (p0[0] + 3 * p1[0] + 3 * p2[0] + p3[0]) / 8,
        (p0[1] + 3 * p1[1] + 3 * p2[1] + p3[1]) / 8,
    )
