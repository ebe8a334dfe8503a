"""Link routes that cross no card: out of a card's side into the gutter between two columns,
along gutters (between columns) and corridors (between lanes), into the other card's side.

Cards sit ``CELL_PAD`` inside their cell on every side, so the band ``CELL_PAD`` either side of
each column boundary and each lane boundary holds no card: a route made of such runs, joined by
rounded corners, never crosses a card it does not connect. Several links in one gutter keep apart
on tracks a few points from its centre, picked from the link's id (the same on every machine).

A route depends only on its two cards, the column boundaries and the boundaries of the lanes
from one card's lane to the other's, so the layout knows which links a change moves."""

from __future__ import annotations

from typing import NamedTuple
from zlib import crc32

from .geometry import Point, Rect
from .paths import ARROW_LEN, arrow_head

CORNER_R = 6.0
KAPPA = 0.5523  # a quarter circle as one cubic: control points this far along the tangents
GUTTER = 8.0  # half a gutter: CELL_PAD
# the track of a run into a card ends at least this far from the card, so the arrow head sits
# on a straight piece; tracks keep this far from the cards on the gutter's other side
END_LEG = ARROW_LEN + 2.0
CLEAR = 2.5

Segment = tuple[Point] | tuple[Point, Point, Point]  # a line to a point, or a cubic (c1, c2, end)


class Leg(NamedTuple):
    """A run of a route along a gutter (``vertical``) or a corridor: ``at`` is the boundary it
    follows (the centre of the card-free band), ``line`` the track it is drawn on, ``lo``..``hi``
    its extent along the boundary."""

    vertical: bool
    at: float
    line: float
    lo: float
    hi: float


class Route(NamedTuple):
    points: tuple[Point, ...]
    legs: tuple[Leg, ...]


def _track(h: int, shift: int, lo: float, hi: float) -> float:
    return lo + (hi - lo) * (((h >> shift) & 0xFF) / 255.0)


def route(link_id: str, s: Rect, scol: int, slane: int, t: Rect, tcol: int, tlane: int, xs, ys) -> Route:
    """The route from card ``s`` (column ``scol``, visible lane ``slane``) to card ``t``.
    ``xs`` are the column boundaries left to right (``xs[i]`` the left edge of column ``i``,
    the last the grid's right edge), ``ys`` the lane boundaries top to bottom."""
    h = crc32(link_id.encode())
    last_col = len(xs) - 2
    if tcol == scol:  # the same column: out and back in by the right side (left in the last column)
        if scol < last_col:
            x = xs[scol + 1]
            line = x + _track(h, 0, END_LEG - GUTTER, GUTTER - CLEAR)
            pts = [(s.right, s.cy), (line, s.cy), (line, t.cy), (t.right, t.cy)]
        else:
            x = xs[scol]
            line = x - _track(h, 0, END_LEG - GUTTER, GUTTER - CLEAR)
            pts = [(s.x, s.cy), (line, s.cy), (line, t.cy), (t.x, t.cy)]
        return Route(tuple(pts), (Leg(True, x, line, min(s.cy, t.cy), max(s.cy, t.cy)),))
    fwd = tcol > scol
    sign = 1.0 if fwd else -1.0
    s_side, t_side = (s.right, t.x) if fwd else (s.x, t.right)
    xt = xs[tcol] if fwd else xs[tcol + 1]  # the gutter before the target
    t_line = xt - sign * _track(h, 0, END_LEG - GUTTER, GUTTER - CLEAR)
    if abs(tcol - scol) == 1:
        pts = [(s_side, s.cy), (t_line, s.cy), (t_line, t.cy), (t_side, t.cy)]
        return Route(tuple(pts), (Leg(True, xt, t_line, min(s.cy, t.cy), max(s.cy, t.cy)),))
    xsrc = xs[scol + 1] if fwd else xs[scol]  # the gutter after the source
    s_line = xsrc + _track(h, 8, -(GUTTER - CLEAR) / 2, (GUTTER - CLEAR) / 2)
    y, y_line = _corridor(h, s, slane, t, tlane, ys)
    pts = [(s_side, s.cy), (s_line, s.cy), (s_line, y_line), (t_line, y_line), (t_line, t.cy), (t_side, t.cy)]
    legs = (
        Leg(True, xsrc, s_line, min(s.cy, y_line), max(s.cy, y_line)),
        Leg(False, y, y_line, min(s_line, t_line), max(s_line, t_line)),
        Leg(True, xt, t_line, min(t.cy, y_line), max(t.cy, y_line)),
    )
    return Route(tuple(pts), legs)


def _corridor(h: int, s: Rect, slane: int, t: Rect, tlane: int, ys) -> tuple[float, float]:
    """The lane boundary a route crosses the columns on, among those from the top of the upper
    card's lane to the bottom of the lower one's (nearest the middle of the two cards), and its
    track."""
    lo, hi = min(slane, tlane), max(slane, tlane)
    mid = (s.cy + t.cy) / 2
    inner = ys[lo + 1 : hi + 1] if hi > lo else ys[lo : lo + 2]
    y = min(inner, key=lambda b: (abs(b - mid), b))
    lo_off, hi_off = -(GUTTER - CLEAR), GUTTER - CLEAR
    if y == ys[0]:  # the stage headers lie above
        lo_off = 1.0
    if y == ys[-1]:  # the map ends below
        hi_off = -1.0
    return y, y + _track(h, 16, lo_off, hi_off)


def rounded(points: tuple[Point, ...], radius: float = CORNER_R) -> tuple[Point, tuple[Segment, ...]]:
    """The polyline with every corner rounded (a quarter-circle cubic, smaller where a run is
    short; the last run keeps a straight piece for the arrow head)."""
    return _rounded(_simplify(points), radius)


def route_arrow(points: tuple[Point, ...]) -> tuple[Point, Point, Point]:
    pts = _simplify(points)
    return arrow_head(pts[-2], pts[-1], pts[0])


def route_shape(points: tuple[Point, ...]) -> tuple[Point, tuple[Segment, ...], tuple[Point, Point, Point]]:
    """``rounded(points)`` and ``route_arrow(points)`` at once: the points simplified once."""
    pts = _simplify(points)
    start, segments = _rounded(pts, CORNER_R)
    return start, segments, arrow_head(pts[-2], pts[-1], pts[0])


def _rounded(pts: tuple[Point, ...], radius: float) -> tuple[Point, tuple[Segment, ...]]:
    """:func:`rounded` of simplified points. (Asked for every link of a map: the distances and
    directions are written out, the same expressions in the same order as :func:`_dist` and
    :func:`_unit`, so the same floats to the last bit.)"""
    first = pts[0]
    n = len(pts)
    if n < 3:
        return first, tuple((p,) for p in pts[1:])
    segs: list[Segment] = []
    last = n - 2
    ax, ay = first
    bx, by = pts[1]
    d_in = abs(ax - bx) + abs(ay - by)
    for i in range(1, n - 1):
        c = pts[i + 1]
        cx, cy = c
        d_out = abs(bx - cx) + abs(by - cy)
        len_in = d_in / (1 if i == 1 else 2)
        len_out = max(0.0, d_out - ARROW_LEN) if i == last else d_out / 2
        r = max(0.0, min(radius, len_in, len_out))
        d = d_in or 1.0
        inx, iny = (bx - ax) / d, (by - ay) / d
        d = d_out or 1.0
        outx, outy = (cx - bx) / d, (cy - by) / d
        p_in = (bx - inx * r, by - iny * r)
        if p_in != first:
            segs.append((p_in,))
        if r > 0:
            k = r * (1 - KAPPA)
            p_out = (bx + outx * r, by + outy * r)
            if p_out != first:
                segs.append(((bx - inx * k, by - iny * k), (bx + outx * k, by + outy * k), p_out))
        ax, ay, bx, by, d_in = bx, by, cx, cy, d_out
    end = pts[-1]
    if end != first:
        segs.append((end,))
    return first, tuple(segs)


def _simplify(points) -> tuple[Point, ...]:
    """Without repeated points and the middle of three in a line (:func:`_dist` and
    :func:`_collinear` written out)."""
    out: list[Point] = []
    for p in points:
        if out:
            b = out[-1]
            if abs(b[0] - p[0]) + abs(b[1] - p[1]) < 1e-6:
                continue
            if len(out) >= 2:
                a = out[-2]
                if abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) < 1e-6:
                    out[-1] = p
                    continue
        out.append(p)
    return tuple(out)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) < 1e-6


def _dist(a: Point, b: Point) -> float:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])  # runs are axis-parallel


def _unit(a: Point, b: Point) -> Point:
    d = _dist(a, b) or 1.0
    return ((b[0] - a[0]) / d, (b[1] - a[1]) / d)
