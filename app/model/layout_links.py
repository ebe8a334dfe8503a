"""The links of a map's layout (a part of :class:`app.model.layout.MapLayout`): which links end
in which lanes and cells, their routes (:mod:`app.model.routing`), and their labels placed where
they cover nothing (:mod:`app.model.linklabels`), kept current as cards move."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right

from . import fonts
from .events import Cell
from .geometry import BoxGeometry, LinkGeometry, Rect
from .linklabels import CELL, FRAME, FREE
from .routing import Leg, Route, route, route_shape
from .style import SCALE_LABEL_W
from .textlayout import CELL_PAD, SMALL_LEAD, SMALL_SIZE, text_line

KEY_GAP, KEY_COL_W = 10.0, 220.0  # the key of link markers: below the grid, in columns this wide


class LinkLayout:
    """The link part of MapLayout: it uses the layout's cards, stacks, columns and rows."""

    # ------------------------------------------------------------ links
    def _index_link(self, link_id: str, source: str, target: str) -> None:
        self._links[link_id] = (source, target)
        self._card_links.setdefault(source, set()).add(link_id)
        self._card_links.setdefault(target, set()).add(link_id)
        self._index_link_lanes(link_id)

    def _index_link_lanes(self, link_id: str) -> None:
        """Count the link in the lanes and cells of its two cards."""
        for place in self._link_places.pop(link_id, ()):
            counts = self._place_links[place]
            counts[link_id] -= 1
            if not counts[link_id]:
                del counts[link_id]
        ends = self._links.get(link_id)
        if ends is None:
            return
        places = tuple(
            place
            for c in map(self._cards.get, ends)
            if c is not None
            for place in (c.lane_id, (c.stage_id, c.lane_id))
        )
        self._link_places[link_id] = places
        for place in places:
            counts = self._place_links.setdefault(place, {})
            counts[link_id] = counts.get(link_id, 0) + 1

    def _unindex_link(self, link_id: str) -> None:
        for cid in self._links.pop(link_id, ()):
            ids = self._card_links.get(cid)
            if ids is not None:
                ids.discard(link_id)
                if not ids:
                    del self._card_links[cid]
        self._index_link_lanes(link_id)

    def _links_across(self, lanes: set[str]) -> set[str]:
        """The links that run across one of ``lanes`` (rows that moved or changed height) without
        an end in it: their corridor can be one of its boundaries. Empty when every row below the
        first of them changed too (a lane that grew moves all below it), since a link across one
        then has an end below, in a row that changed; otherwise (a card moved from one lane to
        another of the same height, the rows below staying put) each link's rows are looked at."""
        rows = {self._row[lane] for lane in lanes if lane in self._row}
        if not rows or len(rows) == len(self.lane_ids) - min(rows):
            return set()
        out = set()
        cards, row = self._cards, self._row
        for link_id, (s, t) in self._links.items():
            a, b = cards.get(s), cards.get(t)
            ra = row.get(a.lane_id) if a is not None else None
            rb = row.get(b.lane_id) if b is not None else None
            if ra is None or rb is None or abs(ra - rb) < 2:
                continue
            lo, hi = min(ra, rb), max(ra, rb)
            if any(lo < k < hi for k in rows):
                out.add(link_id)
        return out

    def _moved_with_lanes(self, link_ids, heights_before: dict[str, float]) -> dict[str, int]:
        """Of ``link_ids`` (links whose lanes moved or grew), those whose lanes, and every lane
        between them, only moved down (or up) together, below the same lanes that changed
        height: their routes and labels are the old ones moved, and a label can be put where
        it was, moved (:meth:`_update_labels`). Each with its group: one more than the row of
        the last lane above it that changed height (:attr:`_lane_group` holds every lane's)."""
        group: dict[str, int] = {}
        current = 0
        for i, lane in enumerate(self.lane_ids):
            if heights_before.get(lane) != self._lane_h[lane]:
                current = i + 1
            else:
                group[lane] = current
        self._lane_group = group
        out = {}
        cards, row, lane_ids = self._cards, self._row, self.lane_ids
        for lid in link_ids:
            ends = self._links.get(lid)
            if ends is None:
                continue
            a, b = cards.get(ends[0]), cards.get(ends[1])
            if a is None or b is None or a.lane_id not in row or b.lane_id not in row:
                continue
            g = group.get(a.lane_id)
            if not g:
                continue
            lo, hi = sorted((row[a.lane_id], row[b.lane_id]))
            if all(group.get(lane_ids[i]) == g for i in range(lo, hi + 1)):
                out[lid] = g
        return out

    _lane_group: dict[str, int] = {}

    def _route(self, link_id: str) -> Route | None:
        """The link's route, kept until an ``update`` names the link (the links whose route can
        have changed): the labels placed for an edit ask for the routes of their links, the
        canvas then asks for the same links again, and a link the edit did not move is not
        routed again for a label that looked at a cell it changed."""
        try:
            return self._routes[link_id]
        except KeyError:
            r = self._routes[link_id] = self._make_route(link_id)
            return r

    def _make_route(self, link_id: str) -> Route | None:
        ends = self._links.get(link_id)
        if ends is None:
            return None
        s, t = self.card_rect(ends[0]), self.card_rect(ends[1])
        if s is None or t is None:
            return None
        a, b = self._cards[ends[0]], self._cards[ends[1]]
        return route(
            link_id, s, self._col[a.stage_id], self._row[a.lane_id], t, self._col[b.stage_id], self._row[b.lane_id],
            self._xs, self._ys,
        )  # fmt: skip

    def link(self, link_id: str) -> LinkGeometry | None:
        """A link's route, arrow head and label (None while an end is hidden)."""
        r = self._route(link_id)
        if r is None:
            return None
        self._flush_labels()
        start, segments, arrow = route_shape(r.points)
        return LinkGeometry(link_id, start, segments, arrow, r.points, self.labels.placed.get(link_id))

    def link_crosses(self, link_id: str) -> list[str]:
        """The cards other than its own that a link's route runs across (none, by design)."""
        r = self._route(link_id)
        if r is None:
            return []
        own = set(self._links[link_id])
        hits = []
        for (x0, y0), (x1, y1) in zip(r.points, r.points[1:], strict=False):
            seg = Rect(min(x0, x1), min(y0, y1), abs(x1 - x0) or 0.01, abs(y1 - y0) or 0.01)
            for cid in self._cards_under(seg):
                if cid not in own and cid not in hits:
                    hits.append(cid)
        return hits

    # ------------------------------------------------------------ link labels
    def _cells_under(self, r: Rect):
        xs, ys = self._xs, self._ys
        c0, c1 = max(0, bisect_right(xs, r.x) - 1), min(len(xs) - 2, bisect_left(xs, r.right) - 1)
        l0, l1 = max(0, bisect_right(ys, r.y) - 1), min(len(ys) - 2, bisect_left(ys, r.bottom) - 1)
        for li in range(l0, l1 + 1):
            for ci in range(c0, c1 + 1):
                yield self.stage_ids[ci], self.lane_ids[li]

    def _cards_under(self, r: Rect) -> list[str]:
        out = []
        for cell in self._cells_under(r):
            for cid in self.cell_cards(cell):
                cr = self.card_rect(cid)
                if cr is not None and cr.intersects(r):
                    out.append(cid)
        return out

    def _label_blocked(self, r: Rect, seen: set) -> int:
        """What a label at ``r`` would cover: FRAME (it leaves the cells, or covers a header or
        a scale label), CELL (a card stack) or FREE; the cells looked at join ``seen``. (Placing
        the labels of 10,000 cards asks this some 5,000 times: written out for speed.)"""
        xs, ys = self._xs, self._ys
        if len(xs) < 2 or len(ys) < 2:
            return FRAME
        x0, y0 = r.x, r.y
        x1, y1 = x0 + r.w, y0 + r.h
        if x0 < xs[0] + 1 or y0 < ys[0] + 1 or x1 > xs[-1] - 1 or y1 > ys[-1] - 1:
            return FRAME
        if self._strip_of is not ys:  # the emotion scale's labels, once per lane layout
            self._strip_of = ys
            band = self.curve_band()
            lane = self.lane_rect(self.feelings_lane) if band is not None else None
            self._strip = Rect(xs[0], lane.y, SCALE_LABEL_W + 2, lane.h) if lane is not None else None
        strip = self._strip
        if (
            strip is not None
            and strip.x < x1
            and x0 < strip.x + strip.w
            and strip.y < y1
            and y0 < strip.y + strip.h
        ):
            return FRAME
        c0, c1 = bisect_right(xs, x0) - 1, min(len(xs) - 2, bisect_left(xs, x1) - 1)
        l0, l1 = bisect_right(ys, y0) - 1, min(len(ys) - 2, bisect_left(ys, y1) - 1)
        stage_ids, lane_ids, contents = self.stage_ids, self.lane_ids, self._content
        for li in range(l0, l1 + 1):
            lane, top = lane_ids[li], ys[li] + CELL_PAD
            for ci in range(c0, c1 + 1):
                cell = (stage_ids[ci], lane)
                seen.add(cell)
                content = contents.get(cell)
                if (
                    content
                    and top < y1
                    and y0 < top + content - 2 * CELL_PAD
                    and xs[ci] + CELL_PAD < x1
                    and x0 < xs[ci + 1] - CELL_PAD
                ):
                    return CELL
        return FREE

    _strip_of: list | None = None
    _strip: Rect | None = None

    def _beside(self, leg: Leg, w: float, h: float, seen: set):
        """Places for a ``w`` x ``h`` label next to the vertical run ``leg``, its edge just over
        the line, where the cell on that side is empty (below its stack of cards); the cells
        looked at join ``seen``."""
        xs, ys = self._xs, self._ys
        right_col = bisect_left(xs, leg.at)  # the run follows the boundary xs[right_col]
        l0 = max(0, bisect_right(ys, leg.lo) - 1)
        l1 = min(len(ys) - 2, bisect_left(ys, leg.hi) - 1)
        for li in range(l0, l1 + 1):
            lane = self.lane_ids[li]
            for col, cx in ((right_col - 1, leg.line - w / 2 + 2), (right_col, leg.line + w / 2 - 2)):
                if not 0 <= col < len(self.stage_ids):
                    continue
                seen.add((self.stage_ids[col], lane))
                content = self._content.get((self.stage_ids[col], lane), 0.0)
                lo = max(ys[li] + max(content - CELL_PAD, 0.0) + 2 + h / 2, leg.lo)
                hi = min(ys[li + 1] - 1 - h / 2, leg.hi)
                if lo <= hi:
                    yield cx, lo
                    yield cx, (lo + hi) / 2

    def link_key(self) -> BoxGeometry | None:
        """The key of link markers below the grid: "1  label", in columns; None without markers.
        Kept until the markers (``key_version``) or the grid's width or bottom change: the canvas
        asks for the map's bounds, which hold the key, dozens of times while a map opens (each
        made it again: ~1.5 ms with 60 markers, measuring every entry's text)."""
        self._flush_labels()
        made_for = (self.key_version, self._xs[0], self._grid_right, self._grid_bottom)
        if self._key_made is not None and self._key_made[0] == made_for:
            return self._key_made[1]
        key = self._make_key()
        self._key_made = (made_for, key)
        return key

    def _make_key(self) -> BoxGeometry | None:
        entries = self.labels.markers()
        if not entries:
            return None
        width = self._grid_right - self._xs[0]
        cols = max(1, int(width // KEY_COL_W))
        rows = -(-len(entries) // cols)
        lines = [text_line("Link labels", 0.0, SMALL_LEAD * 0.8, SMALL_SIZE, True, "key-title")]
        col_w = width / cols
        for i, (n, text) in enumerate(entries):
            col, row = divmod(i, rows)
            text = fonts.ellipsize(f"{n}  {text}", col_w - 8, SMALL_SIZE)
            lines.append(text_line(text, col * col_w, SMALL_LEAD * (row + 1.8), SMALL_SIZE, False, "key"))
        rect = Rect(self._xs[0], self._grid_bottom + KEY_GAP, width, SMALL_LEAD * (rows + 1) + 4)
        return BoxGeometry("link-key", rect, tuple(lines))

    def _update_labels(self, d, dirty_cells: set[Cell], moving: dict[str, int] | None = None) -> None:
        """Mark for placing again the labels of links that moved or went, the labels that
        looked at a cell that changed (restacked, or in a lane that moved), and, when the grid's
        frame changed, those an edge turned away. The placing waits for the first question
        about a link or the key (:meth:`_flush_labels`), as the routes do. ``d.links`` keeps
        only the links whose route can have changed: a label placed again where it was changes
        nothing, and one placed elsewhere is in :meth:`take_label_changes` (a move at 10,000
        cards named ~210 links, of which ~75 only for a label that stayed put: each was routed
        again and compared for nothing).

        ``moving``: links that only moved with their lanes (:meth:`_moved_with_lanes`), by
        group. Such a link's label is moved with it rather than placed again when everything
        it looked at moved with it too: it met no edge, the cells of its tries lie in lanes of
        its group, and the earlier labels in its way are moved with it (:meth:`LinkLabels.place_all`).
        A lane that grows at 10,000 cards names ~700-1,000 links, a third to three quarters of
        them only moved."""
        labels = self.labels
        if self._moving:  # an update before the last one's labels were placed: place them
            self._stale.update(self._moving)
            self._moving = {}
        group = self._lane_group if moving and not labels.busy else {}
        # labels whose world changed: of links gone, that looked at a restacked cell or a lane
        # that grew, or that an edge turned away
        must = d.removed_links & labels.placed.keys()
        cells = set(dirty_cells)
        for lane in d.lanes:
            if not group.get(lane):
                cells.update((s, lane) for s in self.stage_ids)
        for cell in cells:
            must.update(labels.cell_deps.get(cell, ()))
        if d.frame or d.lanes or d.stages:
            must.update(labels.frame_deps)
        stale = must | d.links
        for lane in d.lanes:  # (lanes that only moved: those of the labels that moved with them)
            if group.get(lane):
                for s in self.stage_ids:
                    stale.update(labels.cell_deps.get((s, lane), ()))
        if group:
            self._moving = self._movable_labels(moving, must, group)
            stale.difference_update(self._moving)
        self._stale.update(stale)

    _moving: dict[str, int] = {}

    def _movable_labels(self, moving: dict[str, int], must: set[str], group: dict[str, int]) -> dict[str, int]:
        """The labels of ``moving`` links (by group) that can move with them: not in ``must``,
        movable (:meth:`LinkLabels.movable`), the cells of their tries in lanes of their group,
        and the earlier labels in their way moving in the same group."""
        labels = self.labels
        kept: dict[str, tuple[int, set]] = {}
        for lid, g in moving.items():
            attempt = labels.movable(lid) if lid not in must else None
            if attempt is not None and all(group.get(cell[1]) == g for cell in attempt.cells):
                kept[lid] = (g, attempt.blockers)
        while True:  # a label is moved only with the earlier labels in its way
            out = [lid for lid, (g, blockers) in kept.items() if any(kept.get(b, (0,))[0] != g for b in blockers)]
            if not out:
                return {lid: g for lid, (g, _blockers) in kept.items()}
            for lid in out:
                del kept[lid]

    def _group_spans(self) -> dict[int, tuple[float, float]]:
        """The top and bottom of each group of lanes that moved together (:meth:`_moved_with_lanes`)."""
        spans: dict[int, tuple[float, float]] = {}
        for lane, g in self._lane_group.items():
            row = self._row.get(lane)
            if g and row is not None:
                top, bottom = spans.get(g, (self._ys[row], self._ys[row + 1]))
                spans[g] = (min(top, self._ys[row]), max(bottom, self._ys[row + 1]))
        return spans

    def _flush_labels(self, deadline: float | None = None) -> bool:
        """Place the labels marked stale (and those they push on); the links whose label changed
        gather in :attr:`label_changes`, a changed key of markers bumps :attr:`key_version`.
        With a ``deadline`` (``time.perf_counter()``) it may stop before all are placed: False
        then, and the next call goes on."""
        if not self._stale and not self._moving and not self.labels.busy:
            return True
        stale, self._stale = self._stale, set()
        enabled = gc.isenabled()  # the first placing makes ~50 objects a label: no collector
        gc.disable()  # passes over the layout's hundreds of thousands meanwhile (as build_layout)
        try:
            return self._place_stale(stale, deadline)
        finally:
            if enabled:
                gc.enable()

    def _place_stale(self, stale: set[str], deadline: float | None) -> bool:
        if not self.labels.busy:  # (the markers as they were when this placing began)
            self._markers_before = self.labels.markers()
        moving, self._moving = self._moving, {}
        spans = self._group_spans() if moving else {}
        moved = {lid: spans[g] for lid, g in moving.items() if g in spans}
        changed = self.labels.place_all(
            stale | (moving.keys() - moved.keys()), self.map.links, self._route, self._ys, self._beside,
            self._label_blocked, deadline, moved,
        )  # fmt: skip
        if changed is None:
            return False
        self.label_changes |= changed
        if self.labels.markers() != self._markers_before:
            self.key_version += 1
        return True

    _markers_before: list = []

    def place_labels(self, deadline: float) -> bool:
        """Place stale labels until ``deadline`` (``time.perf_counter()``); True when none are
        left. (The canvas places them a slice at a time after a frame: ~250 labels after a
        note that grows its lane at 5,000 cards took ~16-19 ms at once.)"""
        return self._flush_labels(deadline)

    @property
    def labels_stale(self) -> bool:
        """Labels wait to be placed again (placed at the first route or key asked for)."""
        return bool(self._stale or self._moving) or self.labels.busy

    def take_label_changes(self) -> set[str]:
        """The links whose label or marker changed since the last call (a renderer redraws
        them: a label placed again can move labels of links the edit did not touch)."""
        self._flush_labels()
        out, self.label_changes = self.label_changes, set()
        return out
