"""A link's rounded corners and arrow head (app.model.routing: ``rounded``, ``route_arrow`` and
``route_shape``, which a layout asks for every link) are written out for speed: they must give
the floats of the plain version to the last bit (the canvas, PDF, SVG and PNG share them, and
the kept layout is checked against a fresh build). The plain version is kept here as the
reference; floats are compared by ``repr`` (exact, and -0.0 is not 0.0)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.model.layout import build_layout
from app.model.paths import ARROW_LEN, arrow_head
from app.model.routing import CORNER_R, KAPPA, rounded, route_arrow, route_shape
from benchmarks.generate import generate_map, with_cyclic_links


# ---------------------------------------------------------------- the reference (the plain version)
def ref_rounded(points, radius=CORNER_R):
    pts = ref_simplify(points)
    if len(pts) < 3:
        return pts[0], tuple((p,) for p in pts[1:])
    segs = []
    n = len(pts)
    for i in range(1, n - 1):
        a, b, c = pts[i - 1], pts[i], pts[i + 1]
        len_in = ref_dist(a, b) / (1 if i == 1 else 2)
        len_out = ref_dist(b, c) / (1 if i == n - 2 else 2)
        if i == n - 2:
            len_out = max(0.0, ref_dist(b, c) - ARROW_LEN)
        r = max(0.0, min(radius, len_in, len_out))
        din, dout = ref_unit(a, b), ref_unit(b, c)
        p_in = (b[0] - din[0] * r, b[1] - din[1] * r)
        p_out = (b[0] + dout[0] * r, b[1] + dout[1] * r)
        segs.append((p_in,))
        if r > 0:
            k = r * (1 - KAPPA)
            c1 = (b[0] - din[0] * k, b[1] - din[1] * k)
            c2 = (b[0] + dout[0] * k, b[1] + dout[1] * k)
            segs.append((c1, c2, p_out))
    segs.append((pts[-1],))
    return pts[0], tuple(s for s in segs if s[-1] != pts[0])


def ref_route_arrow(points):
    pts = ref_simplify(points)
    return arrow_head(pts[-2], pts[-1], pts[0])


def ref_simplify(points):
    out = []
    for p in points:
        if out and ref_dist(out[-1], p) < 1e-6:
            continue
        if (
            len(out) >= 2
            and abs(
                (out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])
            )
            < 1e-6
        ):
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def ref_dist(a, b):
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def ref_unit(a, b):
    d = ref_dist(a, b) or 1.0
    return ((b[0] - a[0]) / d, (b[1] - a[1]) / d)


# ---------------------------------------------------------------- inputs
def outcome(fn, *args):
    """What ``fn`` gives, exactly, or the kind of error it raises."""
    try:
        return repr(fn(*args))
    except Exception as err:  # noqa: BLE001 - the same error is part of the same behaviour
        return type(err).__name__


# lengths a run can have: none, under the simplifier's 1e-6, shorter than a corner or the arrow
# head, around them, long; and any float
LENGTHS = st.sampled_from([0.0, -0.0, 4e-7, 0.5, 3.0, 6.0, 8.0, 9.5, 12.0, 14.0, 16.0, 20.0, 300.0, 31234.25])
SIGNED = st.one_of(LENGTHS, LENGTHS.map(lambda v: -v), st.floats(-5e4, 5e4, allow_nan=False))
COORD = st.one_of(st.sampled_from([0.0, -0.0, 1.0, 240.0, 1830.0]), st.floats(-1e5, 1e5, allow_nan=False))


@st.composite
def level_and_upright(draw):
    """A polyline of level and upright runs, as routes are (with repeated points and runs
    that go on in the same direction or turn back, which the simplifier removes)."""
    x, y = draw(COORD), draw(COORD)
    pts = [(x, y)]
    for _ in range(draw(st.integers(0, 7))):
        step = draw(SIGNED)
        if draw(st.booleans()):
            x += step
        else:
            y += step
        pts.append((x, y))
    return tuple(pts)


ANY_POLYLINE = st.lists(st.tuples(COORD, COORD), min_size=1, max_size=8).map(tuple)
RADIUS = st.one_of(st.just(CORNER_R), st.sampled_from([0.0, 2.0, 100.0]), st.floats(-10, 50, allow_nan=False))


@settings(max_examples=400, deadline=None)
@given(pts=st.one_of(level_and_upright(), ANY_POLYLINE), radius=RADIUS)
# a route that comes back to its start: the last corner's curve ends on the first point (dropped)
@example(pts=((0.0, 0.0), (0.0, 12.0), (-6.0, 12.0), (-6.0, 0.0), (20.0, 0.0)), radius=CORNER_R)
# the first run no longer than the corner: the line to the corner's start is dropped
@example(pts=((0.0, 0.0), (4.0, 0.0), (4.0, 30.0), (40.0, 30.0)), radius=CORNER_R)
def test_rounded_corners_and_arrow_are_the_plain_versions_to_the_last_bit(pts, radius):
    assert outcome(rounded, pts, radius) == outcome(ref_rounded, pts, radius)
    assert outcome(rounded, pts) == outcome(ref_rounded, pts)
    assert outcome(route_arrow, pts) == outcome(ref_route_arrow, pts)
    want = outcome(lambda p: (*ref_rounded(p), ref_route_arrow(p)), pts)
    assert outcome(route_shape, pts) == want


def test_every_route_of_generated_maps_is_rounded_as_the_plain_version():
    """The layout's links (start, segments, arrow) on generated maps with links across the
    map: runs of every length, links within one column, into the first and the last column."""
    checked = 0
    for n, seed, per in ((5, 1, 3), (60, 2, 2), (400, 3, 2)):
        layout = build_layout(with_cyclic_links(generate_map(n, seed=seed), per, seed=seed))
        for lk in layout.map.links:
            geo = layout.link(lk.id)
            ref_start, ref_segments = ref_rounded(geo.points)
            assert repr((geo.start, geo.segments, geo.arrow)) == repr(
                (ref_start, ref_segments, ref_route_arrow(geo.points))
            ), lk.id
            checked += 1
    assert checked == 5 * 3 + 60 * 2 + 400 * 2
