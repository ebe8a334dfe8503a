"""Where link labels go: on the link's route, covering no card, header, scale label or other
label; where no such place is found, a small numbered marker on the route and the label in the
map's key ("link labels", below the grid).

A label is tried first on the lane boundaries its route crosses or runs along (the band there
holds no card), then beside its route wherever the cells are empty; a marker fits in any gutter.
Positions are kept in a coarse grid of buckets so a new label checks only its neighbours."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import fonts
from .geometry import LinkLabel, Rect
from .routing import GUTTER, Route
from .textlayout import SMALL_SIZE, text_line

LABEL_H = SMALL_SIZE * 1.5
LABEL_PAD = 3.0  # text inset from the box's left edge
MARKER_SIZE = 6.0  # the marker's number
MARKER_H = 9.0
STEP = 6.0  # how far apart the tried places are along a run
MAX_TRIES = 48  # per run and kind of place
BUCKET = 96.0


def label_size(text: str) -> tuple[float, float]:
    return fonts.chain(False).width(text, SMALL_SIZE) + 2 * LABEL_PAD, LABEL_H


def marker_size(number: int) -> tuple[float, float]:
    return max(MARKER_H, fonts.chain(True).width(str(number), MARKER_SIZE) + 4.0), MARKER_H


def make_label(text: str, cx: float, cy: float) -> LinkLabel:
    w, h = label_size(text)
    rect = Rect(cx - w / 2, cy - h / 2, w, h)
    return LinkLabel(
        rect, text_line(text, rect.x + LABEL_PAD, cy + SMALL_SIZE * 0.35, SMALL_SIZE, role="label"), 0
    )


def make_marker(number: int, cx: float, cy: float) -> LinkLabel:
    w, h = marker_size(number)
    rect = Rect(cx - w / 2, cy - h / 2, w, h)
    text = str(number)
    tw = fonts.chain(True).width(text, MARKER_SIZE)
    line = text_line(text, cx - tw / 2, cy + MARKER_SIZE * 0.36, MARKER_SIZE, True, "marker")
    return LinkLabel(rect, line, number)


def _outward(lo: float, hi: float, mid: float) -> Iterator[float]:
    """Positions from ``mid`` outward, ``STEP`` apart, within ``lo``..``hi``."""
    yield min(hi, max(lo, mid))
    for k in range(1, MAX_TRIES):
        moved = False
        for v in (mid - k * STEP, mid + k * STEP):
            if lo <= v <= hi:
                moved = True
                yield v
        if not moved:
            return


class LinkLabels:
    """The placed labels and markers of one layout, by link id. ``blocked(rect)`` is the
    layout's test for cards, headers and scale labels under a rectangle."""

    def __init__(self, blocked: Callable[[Rect], bool]):
        self.blocked = blocked
        self.placed: dict[str, LinkLabel] = {}
        self.texts: dict[str, str] = {}
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self.n_markers = 0

    # ------------------------------------------------------------ the index
    def _keys(self, r: Rect) -> Iterator[tuple[int, int]]:
        for gx in range(int(r.x // BUCKET), int(r.right // BUCKET) + 1):
            for gy in range(int(r.y // BUCKET), int(r.bottom // BUCKET) + 1):
                yield gx, gy

    def near(self, r: Rect) -> set[str]:
        """The links whose label or marker overlaps ``r``."""
        out = set()
        for key in self._keys(r):
            for lid in self._buckets.get(key, ()):
                if self.placed[lid].rect.intersects(r):
                    out.add(lid)
        return out

    def _add(self, link_id: str, label: LinkLabel) -> None:
        self.placed[link_id] = label
        self.n_markers += label.line.role == "marker"
        for key in self._keys(label.rect):
            self._buckets.setdefault(key, set()).add(link_id)

    def remove(self, link_id: str) -> None:
        label = self.placed.pop(link_id, None)
        self.texts.pop(link_id, None)
        if label is None:
            return
        self.n_markers -= label.line.role == "marker"
        for key in self._keys(label.rect):
            ids = self._buckets.get(key)
            if ids is not None:
                ids.discard(link_id)
                if not ids:
                    del self._buckets[key]

    def free(self, r: Rect) -> bool:
        return not self.near(r) and not self.blocked(r)

    def still_free(self, link_id: str) -> bool:
        label = self.placed[link_id]
        return self.near(label.rect) == {link_id} and not self.blocked(label.rect)

    # ------------------------------------------------------------ placing
    def place(self, link_id: str, text: str, route: Route, boundaries: list[float]) -> LinkLabel:
        """Place ``text`` on ``route`` (replacing the link's earlier place); ``boundaries`` are
        the lane boundaries top to bottom."""
        self.remove(link_id)
        w, h = label_size(text)
        label = None
        for cx, cy in self._label_places(route, boundaries, w):
            r = Rect(cx - w / 2, cy - h / 2, w, h)
            if self.free(r):
                label = make_label(text, cx, cy)
                break
        if label is None:
            label = self._marker(route)
        self._add(link_id, label)
        self.texts[link_id] = text
        return label

    def _label_places(self, route: Route, ys: list[float], w: float) -> Iterator[tuple[float, float]]:
        legs = sorted(route.legs, key=lambda leg: leg.vertical)  # the corridor first: mid-route
        for leg in legs:  # on a boundary the route runs along or crosses: that band is free of cards
            if not leg.vertical:
                for x in _outward(leg.lo, leg.hi, (leg.lo + leg.hi) / 2):
                    yield x, leg.at
            else:
                crossed = [b for b in ys if leg.lo < b < leg.hi]
                for b in sorted(crossed, key=lambda b: abs(b - (leg.lo + leg.hi) / 2)):
                    for dx in (0.0, -(w / 2 + 4), w / 2 + 4):
                        yield leg.at + dx, b
        for leg in legs:  # beside the route, in empty parts of the cells
            if leg.vertical:
                for y in _outward(leg.lo, leg.hi, (leg.lo + leg.hi) / 2):
                    yield leg.at, y
                    yield leg.at - w / 2 - GUTTER, y
                    yield leg.at + w / 2 + GUTTER, y
        for leg in legs:  # the boundaries just above and below a run inside one lane
            if leg.vertical:
                above = [b for b in ys if b <= leg.lo]
                below = [b for b in ys if b >= leg.hi]
                for b in ([above[-1]] if above else []) + ([below[0]] if below else []):
                    for x in _outward(leg.at - 3 * w, leg.at + 3 * w, leg.at):
                        yield x, b

    def _marker(self, route: Route) -> LinkLabel:
        """A marker (numbered later) in a gutter on the route: a free place if there is one."""
        w, h = marker_size(99)
        reach = GUTTER - w / 2  # the marker's centre this close to a boundary stays off cards
        first = None
        for leg in sorted(route.legs, key=lambda leg: not leg.vertical):
            across = min(leg.at + reach, max(leg.at - reach, leg.line))
            for v in _outward(leg.lo + w, leg.hi - w, (leg.lo + leg.hi) / 2):
                cx, cy = (across, v) if leg.vertical else (v, across)
                if first is None:
                    first = (cx, cy)
                if self.free(Rect(cx - w / 2, cy - h / 2, w, h)):
                    return make_marker(0, cx, cy)
        if first is None:  # a route too short for a marker beside its ends
            leg = route.legs[0]
            mid = (leg.lo + leg.hi) / 2
            first = (leg.line, mid) if leg.vertical else (mid, leg.line)
        return make_marker(0, *first)

    def renumber(self, order: list[str]) -> set[str]:
        """Number the markers in ``order`` (the map's links) from 1; returns the links whose
        marker changed."""
        changed: set[str] = set()
        if not self.n_markers:
            return changed
        n = 0
        for lid in order:
            label = self.placed.get(lid)
            if label is None or label.line.role != "marker":
                continue
            n += 1
            if label.number != n:
                text, r = self.texts[lid], label.rect
                self.remove(lid)
                self._add(lid, make_marker(n, r.cx, r.cy))
                self.texts[lid] = text
                changed.add(lid)
        return changed

    def markers(self) -> list[tuple[int, str]]:
        """(number, label text) of every marker, by number: the key."""
        return sorted(
            (lb.number, self.texts[lid]) for lid, lb in self.placed.items() if lb.line.role == "marker"
        )
