"""Where link labels go: on the link's route, covering no card, header, scale label or other
label; where no such place is found, a small numbered marker on the route and the label in the
map's key ("link labels", below the grid).

Labels are placed one by one in the map's order of links, each at the first free place of a
fixed list along its route: where the route crosses a lane boundary (the band there holds no
card), along its corridor, beside it where the cells are empty. A label sees only the labels
before it, so the result depends on the map alone, not on the edits that led to it: the canvas,
kept current edit by edit, shows what a fresh layout (the PDF's) shows.

Keeping it current: each label remembers what it depended on (the cells its tried places lay
over, the earlier labels that took a place it wanted, the map's edges). When a cell changes,
the labels that looked at it are placed again; when a label moves, the later labels it got in
the way of, or now lands on, are placed again, in order. A label whose link, and everything it
looked at, only moved down with their lanes (a lane above grew) is not placed again: it takes
the place of the same index among its places on the new route, which is where a fresh placing
puts it (:meth:`LinkLabels._move`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from itertools import islice

from . import fonts
from .geometry import LinkLabel, Rect
from .routing import GUTTER, Route
from .textlayout import SMALL_SIZE, text_line

LABEL_H = SMALL_SIZE * 1.5
LABEL_PAD = 3.0  # text inset from the box's left edge
MARKER_SIZE = 6.0  # the marker's number
MARKER_H = 9.0
MARKER_W = 13.0  # room for two digits: the number never changes the marker's size
STEP = 6.0  # how far apart the tried places are along a run
MAX_TRIES = 48  # positions along one run
MAX_LABEL_TRIES = 40  # places tried for one label before it becomes a marker
MAX_MARKER_TRIES = 16  # per run, for a marker
NEAR = 3 * LABEL_H  # how far from a run a lane boundary may hold its label
BUCKET = 96.0

FREE, CELL, FRAME = 0, 1, 2  # what the layout's test found under a place

Blocked = Callable[[Rect, set], int]  # (rect, cells seen) -> FREE, CELL or FRAME


def label_size(text: str) -> tuple[float, float]:
    return fonts.chain(False).width(text, SMALL_SIZE) + 2 * LABEL_PAD, LABEL_H


def make_label(text: str, cx: float, cy: float) -> LinkLabel:
    w, h = label_size(text)
    rect = Rect(cx - w / 2, cy - h / 2, w, h)
    return LinkLabel(
        rect, text_line(text, rect.x + LABEL_PAD, cy + SMALL_SIZE * 0.35, SMALL_SIZE, role="label"), 0
    )


def make_marker(number: int, cx: float, cy: float) -> LinkLabel:
    rect = Rect(cx - MARKER_W / 2, cy - MARKER_H / 2, MARKER_W, MARKER_H)
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


def _within(route: Route, top: float, bottom: float) -> bool:
    """Whether ``route`` and the lane boundaries its label's places look at (up to ``NEAR``
    beyond its vertical runs) lie between ``top`` and ``bottom``."""
    for leg in route.legs:
        if leg.vertical:
            if leg.lo - NEAR < top or leg.hi + NEAR > bottom:
                return False
        elif not top <= leg.line <= bottom:
            return False
    return True


class _Attempt:
    """What one label's placing looked at: the cells, the earlier labels in its way, the edges."""

    __slots__ = ("rank", "cells", "blockers", "frame", "choice")

    def __init__(self, rank: int):
        self.rank = rank
        self.cells: set = set()
        self.blockers: set[str] = set()
        self.frame = False
        # the place taken: its index among the label's places (:meth:`LinkLabels._label_places`),
        # or for a marker ~index among the marker's (-1 - k; :meth:`LinkLabels._marker_places`)
        self.choice: int | None = None


class LinkLabels:
    """The placed labels and markers of one layout, by link id."""

    def __init__(self) -> None:
        # the layout's test for cards, headers and scale labels under a rectangle, while placing
        # (held only then: a layout and its labels that held each other would wait for the
        # cyclic garbage collector, which then frees the canvas's Qt objects at random moments)
        self.blocked: Blocked | None = None
        self.placed: dict[str, LinkLabel] = {}
        self.texts: dict[str, str] = {}
        self.rank: dict[str, int] = {}  # a link's place in the map's order of links
        self.n_markers = 0
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._boxes: dict[str, tuple[float, float, float, float]] = {}  # placed: x0, y0, x1, y1
        self._deps: dict[str, _Attempt] = {}
        self.cell_deps: dict[object, set[str]] = {}  # cell -> labels that looked at it
        self.blocked_by: dict[str, set[str]] = {}  # label -> later labels it was in the way of
        self.frame_deps: set[str] = set()  # labels a map edge or header turned away

    # ------------------------------------------------------------ the index
    def _keys(self, r: Rect) -> Iterator[tuple[int, int]]:
        for gx in range(int(r.x // BUCKET), int(r.right // BUCKET) + 1):
            for gy in range(int(r.y // BUCKET), int(r.bottom // BUCKET) + 1):
                yield gx, gy

    def _overlapping(self, r: Rect) -> Iterator[str]:
        """The links whose label or marker overlaps ``r`` (one may come twice: it can sit in
        several buckets)."""
        x0, y0, x1, y1 = r.x, r.y, r.x + r.w, r.y + r.h
        gx0, gx1, gy0, gy1 = int(x0 // BUCKET), int(x1 // BUCKET), int(y0 // BUCKET), int(y1 // BUCKET)
        placed = self.placed
        if (gx1 - gx0 + 1) * (gy1 - gy0 + 1) > len(placed):  # a large area: look at each
            groups: Iterable = (placed,)
        else:
            buckets = self._buckets
            groups = (buckets.get((gx, gy), ()) for gx in range(gx0, gx1 + 1) for gy in range(gy0, gy1 + 1))
        for ids in groups:
            for lid in ids:
                q = placed[lid].rect
                if q.x < x1 and x0 < q.x + q.w and q.y < y1 and y0 < q.y + q.h:
                    yield lid

    def _bucket(self, link_id: str, r: Rect) -> None:
        for key in self._keys(r):
            self._buckets.setdefault(key, set()).add(link_id)

    def _unbucket(self, link_id: str, r: Rect) -> None:
        for key in self._keys(r):
            ids = self._buckets.get(key)
            if ids is not None:
                ids.discard(link_id)
                if not ids:
                    del self._buckets[key]

    def near(self, r: Rect) -> set[str]:
        """The links whose label or marker overlaps ``r``."""
        return set(self._overlapping(r))

    def _add(self, link_id: str, label: LinkLabel, attempt: _Attempt) -> None:
        self.placed[link_id] = label
        q = label.rect
        self._boxes[link_id] = (q.x, q.y, q.x + q.w, q.y + q.h)
        self.n_markers += label.line.role == "marker"
        self._bucket(link_id, label.rect)
        self._deps[link_id] = attempt
        for cell in attempt.cells:
            self.cell_deps.setdefault(cell, set()).add(link_id)
        for b in attempt.blockers:
            self.blocked_by.setdefault(b, set()).add(link_id)
        if attempt.frame:
            self.frame_deps.add(link_id)

    def remove(self, link_id: str) -> None:
        """Take a label out (what depended on it stays recorded, to be placed again)."""
        label = self.placed.pop(link_id, None)
        self.texts.pop(link_id, None)
        if label is None:
            return
        del self._boxes[link_id]
        self.n_markers -= label.line.role == "marker"
        self._unbucket(link_id, label.rect)
        attempt = self._deps.pop(link_id)
        for cell in attempt.cells:
            ids = self.cell_deps.get(cell)
            if ids is not None:
                ids.discard(link_id)
        for b in attempt.blockers:
            ids = self.blocked_by.get(b)
            if ids is not None:
                ids.discard(link_id)
        self.frame_deps.discard(link_id)

    def _first_before(self, r: Rect, rank: int) -> str | None:
        """A label before ``rank`` (in the order of links) that overlaps ``r``, if any: the
        first that :meth:`_overlapping` would give. (Asked for every place tried, most of them
        taken: ~60,000 times for 40 moves at 10,000 cards. Written out, on the boxes kept as
        plain tuples: 2-3x faster than the generator over the labels' rectangles.)"""
        x0, y0 = r.x, r.y
        x1, y1 = x0 + r.w, y0 + r.h
        boxes, ranks = self._boxes, self.rank
        gx0, gx1, gy0, gy1 = int(x0 // BUCKET), int(x1 // BUCKET), int(y0 // BUCKET), int(y1 // BUCKET)
        if (gx1 - gx0 + 1) * (gy1 - gy0 + 1) > len(boxes):  # a large area: look at each
            for lid, (a, b, c, d) in boxes.items():
                if a < x1 and x0 < c and b < y1 and y0 < d and ranks.get(lid, -1) < rank:
                    return lid
            return None
        buckets = self._buckets
        for gx in range(gx0, gx1 + 1):
            for gy in range(gy0, gy1 + 1):
                ids = buckets.get((gx, gy))
                if ids:
                    for lid in ids:
                        a, b, c, d = boxes[lid]
                        if a < x1 and x0 < c and b < y1 and y0 < d and ranks.get(lid, -1) < rank:
                            return lid
        return None

    def _free(self, r: Rect, attempt: _Attempt) -> bool:
        """Whether ``r`` is free for the label being placed, noting what it depends on. A place
        an earlier label takes notes that label only: one is enough, since the place stays taken
        until that label leaves it, and then the label is placed again and finds any other."""
        blocker = self._first_before(r, attempt.rank)
        if blocker is not None:
            attempt.blockers.add(blocker)
            return False
        found = self.blocked(r, attempt.cells)
        if found == FRAME:
            attempt.frame = True
        return found == FREE

    # ------------------------------------------------------------ placing
    def place_all(
        self,
        stale: Iterable[str],
        order: list,
        route_of: Callable[[str], Route | None],
        ys: list[float],
        beside,
        blocked: Blocked,
        deadline: float | None = None,
        moved: dict[str, tuple[float, float]] | None = None,
    ) -> set[str] | None:
        """Place again the labels of the ``stale`` links and every later label that one of them
        got in the way of or lands on, in the order of ``order`` (the map's links). Returns the
        links whose label or marker changed (numbers included). ``blocked(rect, seen)`` tells
        what covers a place (adding the cells it looked at to ``seen``).

        With a ``deadline`` (``time.perf_counter()``), placing stops once it has passed and
        returns None; the next call goes on where it stopped (with any new ``stale`` links),
        and the one that finishes returns every change since the first. Until then the placed
        labels are part old, part new: a reader places the rest first (see :attr:`busy`).

        ``moved``: the labels of links that only moved straight down or up with their lanes,
        with the top and bottom of those lanes; each is put at the place it took before, moved,
        before the others are placed (:meth:`_move`)."""
        self.blocked = blocked
        try:
            return self._place_all(stale, order, route_of, ys, beside, deadline, moved or {})
        finally:
            self.blocked = None

    @property
    def busy(self) -> bool:
        """A placing stopped at its deadline has labels left to place."""
        return self._session is not None

    _session: tuple[list, set, set] | None = None  # (heap, done, changed) of a placing cut short

    def _place_all(self, stale, order, route_of, ys, beside, deadline, moved) -> set[str] | None:
        self.rank = rank_of = {lk.id: i for i, lk in enumerate(order)}
        links = {lk.id: lk for lk in order}
        stale = set(stale)
        if self._session is None:
            heap, done, changed = [], set(), set()
            if moved:
                changed, again = self._move(moved, rank_of, route_of, ys, beside)
                stale |= again
        else:  # go on; with new stale labels, any label may be placed again (as a new placing)
            stale |= moved.keys()  # (placed again, not moved: some labels are new already)
            heap, done, changed = self._session
            self._session = None
            waiting = {lid for _rank, lid in heap}
            if stale - waiting:
                done = set()
            stale |= waiting
        heap = [(rank_of.get(lid, -1), lid) for lid in stale]
        heap.sort()
        started = False
        while heap:
            if started and deadline is not None and time.perf_counter() > deadline:  # (one at least)
                self._session = (heap, done, changed)
                return None
            started = True
            rank, lid = heappop(heap)
            if lid in done:
                continue
            done.add(lid)
            before = self.placed.get(lid)
            self.remove(lid)
            lk = links.get(lid)
            r = route_of(lid) if lk is not None and lk.label else None
            number = before.number if before is not None else 0
            after = self._place(lid, lk.label, r, ys, beside, rank, number) if r is not None else None
            if after == before:
                continue
            changed.add(lid)
            later = set(self.blocked_by.get(lid, ()))
            if after is not None:
                later |= self.near(after.rect)
            for j in later:
                if j not in done and rank_of.get(j, -1) > rank:
                    heappush(heap, (rank_of[j], j))
        return changed | self._renumber(order)

    def _place(
        self, link_id: str, text: str, route: Route, ys: list[float], beside, rank: int, number: int
    ) -> LinkLabel:
        attempt = _Attempt(rank)
        w, h = label_size(text)
        label = None
        for k, (cx, cy) in enumerate(self._label_places(route, ys, w, h, beside, attempt.cells)):
            if k >= MAX_LABEL_TRIES:
                break
            if self._free(Rect(cx - w / 2, cy - h / 2, w, h), attempt):
                label = make_label(text, cx, cy)
                attempt.choice = k
                break
        if label is None:
            label = self._marker(route, attempt, number)
        self._add(link_id, label, attempt)
        self.texts[link_id] = text
        return label

    # ------------------------------------------------------------ moved with their lanes
    def movable(self, link_id: str) -> _Attempt | None:
        """What a placed label looked at, if it can be moved with its link (:meth:`_move`): it
        met no map edge or header and its place is known."""
        attempt = self._deps.get(link_id)
        if attempt is None or attempt.frame or attempt.choice is None or link_id not in self.placed:
            return None
        return attempt

    def _move(self, moved, rank_of, route_of, ys, beside) -> tuple[set[str], set[str]]:
        """Put each label of ``moved`` (link id -> the top and bottom of the lanes it moved
        with) at the place it took before, on its new route: the place of the same index among
        its places. Its link and everything the label looked at (the cells of its tries, the
        earlier labels in its way) moved by one amount (the layout made sure), so while the
        lane boundaries its places look at are among those lanes (:func:`_within`), those
        places are the old ones moved, the ones before it still taken, and it is where a fresh
        placing puts it. Returns the links whose label moved, and those to place again: a
        label whose route left its lanes, one that now meets an earlier label, and the later
        labels a moved one left or lands on."""
        changed: set[str] = set()
        again: set[str] = set()
        for lid in sorted(moved, key=lambda i: rank_of.get(i, -1)):
            before, attempt, route = self.placed.get(lid), self._deps.get(lid), route_of(lid)
            label = None
            if before is not None and attempt is not None and route is not None and _within(route, *moved[lid]):
                label = self._place_again(route, ys, beside, attempt.choice, self.texts[lid], before.number)
            if label is None or self._first_before(label.rect, rank_of.get(lid, -1)) is not None:
                again.add(lid)
                continue
            if label != before:
                self._reposition(lid, label)
                changed.add(lid)
        for lid in changed:
            rank = rank_of.get(lid, -1)
            again.update(j for j in self.blocked_by.get(lid, ()) if j not in changed)
            again.update(j for j in self.near(self.placed[lid].rect) if j not in changed and rank_of.get(j, -1) > rank)
        return changed, again

    def _place_again(self, route: Route, ys, beside, choice: int, text: str, number: int) -> LinkLabel | None:
        """The label (or marker) at place ``choice`` of ``route`` (see :attr:`_Attempt.choice`)."""
        if choice >= 0:
            w, h = label_size(text)
            at = next(islice(self._label_places(route, ys, w, h, beside, set()), choice, None), None)
            return None if at is None else make_label(text, *at)
        at = next(islice(self._marker_places(route), -1 - choice, None), None)
        if at is None:
            at = self._marker_fallback(route)
        return make_marker(number, *at)

    def _reposition(self, link_id: str, label: LinkLabel) -> None:
        """Put the placed ``link_id``'s label at ``label`` (same size), keeping what it looked at."""
        self._unbucket(link_id, self.placed[link_id].rect)
        q = label.rect
        self.placed[link_id] = label
        self._boxes[link_id] = (q.x, q.y, q.x + q.w, q.y + q.h)
        self._bucket(link_id, q)

    def _label_places(
        self, route: Route, ys: list[float], w: float, h: float, beside, seen: set
    ) -> Iterator[tuple[float, float]]:
        """Places to try, best first: where the route crosses a lane boundary (the band there
        holds no card), along its corridor, beside it where the cells are empty, and on a lane
        boundary just above or below a run inside one lane."""
        verticals = [leg for leg in route.legs if leg.vertical]
        crossings = [(leg, b) for leg in verticals for b in ys if leg.lo < b < leg.hi]
        for leg, b in crossings:
            yield leg.at, b
        for leg in route.legs:
            if not leg.vertical:
                for k, x in enumerate(_outward(leg.lo, leg.hi, (leg.lo + leg.hi) / 2)):
                    if k >= 12:
                        break
                    yield x, leg.at
        for leg, b in crossings:
            yield leg.at - (w / 2 + 4), b
            yield leg.at + (w / 2 + 4), b
        if beside is not None:
            for leg in verticals:
                yield from beside(leg, w, h, seen)
        for leg in verticals:
            near = [b for b in ys if leg.lo - NEAR <= b <= leg.lo or leg.hi <= b <= leg.hi + NEAR]
            for b in near:
                for dx in (0.0, -(w / 2 + 4), w / 2 + 4):
                    yield leg.at + dx, b

    def _marker(self, route: Route, attempt: _Attempt, number: int) -> LinkLabel:
        """A marker in a gutter on the route: a free place if there is one, else the first
        (its number is given by :meth:`_renumber`)."""
        w, h = MARKER_W, MARKER_H
        first = None
        for k, (cx, cy) in enumerate(self._marker_places(route)):
            if first is None:
                first = (cx, cy)
            if self._free(Rect(cx - w / 2, cy - h / 2, w, h), attempt):
                attempt.choice = -1 - k
                return make_marker(number, cx, cy)
        attempt.choice = -1
        return make_marker(number, *(first or self._marker_fallback(route)))

    @staticmethod
    def _marker_places(route: Route) -> Iterator[tuple[float, float]]:
        """Places for a marker, best first: along the route's runs, vertical ones first."""
        w = MARKER_W
        reach = GUTTER - w / 2  # the marker's centre this close to a boundary stays off cards
        for leg in sorted(route.legs, key=lambda leg: not leg.vertical):
            across = min(leg.at + reach, max(leg.at - reach, leg.line))
            for k, v in enumerate(_outward(leg.lo + w, leg.hi - w, (leg.lo + leg.hi) / 2)):
                if k >= MAX_MARKER_TRIES:
                    break
                yield (across, v) if leg.vertical else (v, across)

    @staticmethod
    def _marker_fallback(route: Route) -> tuple[float, float]:
        """A route too short for a marker beside its ends: the middle of its first run."""
        leg = route.legs[0]
        mid = (leg.lo + leg.hi) / 2
        return (leg.line, mid) if leg.vertical else (mid, leg.line)

    def _renumber(self, order: list) -> set[str]:
        """Number the markers 1, 2, ... in ``order``; returns the links whose number changed
        (a marker's size does not depend on its number, so nothing else moves)."""
        changed: set[str] = set()
        if not self.n_markers:
            return changed
        n = 0
        for lk in order:
            label = self.placed.get(lk.id)
            if label is None or label.line.role != "marker":
                continue
            n += 1
            if label.number != n:
                r = label.rect
                self.placed[lk.id] = make_marker(n, r.cx, r.cy)
                changed.add(lk.id)
        return changed

    def markers(self) -> list[tuple[int, str]]:
        """(number, label text) of every marker, by number: the key."""
        return sorted(
            (lb.number, self.texts[lid]) for lid, lb in self.placed.items() if lb.line.role == "marker"
        )
