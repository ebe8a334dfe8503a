"""The links of a map's layout (a part of :class:`app.model.layout.MapLayout`): which links end
in which lanes and cells, their routes (:mod:`app.model.routing`), and their labels placed where
they cover nothing (:mod:`app.model.linklabels`), kept current as cards move."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from . import fonts
from .events import Cell
from .geometry import BoxGeometry, LinkGeometry, Rect
from .routing import Route, rounded, route, route_arrow
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

    def _route(self, link_id: str) -> Route | None:
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
        start, segments = rounded(r.points)
        return LinkGeometry(
            link_id, start, segments, route_arrow(r.points), r.points, self.labels.placed.get(link_id)
        )

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

    def _label_blocked(self, r: Rect) -> bool:
        """Whether ``r`` leaves the cells or covers a header, a scale label or a card stack."""
        if not self.lane_ids or not self.stage_ids:
            return True
        if (
            r.x < self._xs[0] + 1
            or r.y < self._ys[0] + 1
            or r.right > self._grid_right - 1
            or r.bottom > self._grid_bottom - 1
        ):
            return True
        band = self.curve_band()
        if band is not None:
            first = self.stage_ids[0]
            lane = self.lane_rect(self.feelings_lane)
            if Rect(self._stage_x[first], lane.y, SCALE_LABEL_W + 2, lane.h).intersects(r):
                return True
        for cell in self._cells_under(r):
            content = self._content.get(cell)
            if content:
                sx, ly = self._stage_x[cell[0]], self._lane_y[cell[1]]
                block = Rect(
                    sx + CELL_PAD,
                    ly + CELL_PAD,
                    self._stage_w[cell[0]] - 2 * CELL_PAD,
                    content - 2 * CELL_PAD,
                )
                if block.intersects(r):
                    return True
        return False

    def _place_labels(self, link_ids) -> set[str]:
        """(Re)place the labels of ``link_ids`` in the map's link order; returns the links whose
        label or marker changed."""
        wanted = set(link_ids)
        changed = set()
        for lk in self.map.links:
            if lk.id not in wanted:
                continue
            before = self.labels.placed.get(lk.id)
            r = self._route(lk.id) if lk.label else None
            if r is None:
                self.labels.remove(lk.id)
            else:
                self.labels.place(lk.id, lk.label, r, self._ys)
            if self.labels.placed.get(lk.id) != before:
                changed.add(lk.id)
        for lid in wanted - {lk.id for lk in self.map.links}:
            if lid in self.labels.placed:
                self.labels.remove(lid)
                changed.add(lid)
        return changed | self.labels.renumber([lk.id for lk in self.map.links])

    def link_key(self) -> BoxGeometry | None:
        """The key of link markers below the grid: "1  label", in columns; None without markers."""
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

    def _update_labels(self, d, dirty_cells: set[Cell]) -> None:
        """Re-place the labels of links that moved, and of labels that a restacked cell or a
        moved lane now covers; a changed key of markers changes the frame."""
        todo = set(d.links) | (d.removed_links & self.labels.placed.keys())
        regions = [r for r in (self.cell_rect(*c) for c in dirty_cells) if r is not None]
        regions += [r for r in (self.lane_rect(lid) for lid in d.lanes) if r is not None]
        for r in regions:
            for lid in self.labels.near(r) - todo:
                if not self.labels.still_free(lid):
                    todo.add(lid)
        if not todo:
            return
        key_before = self.labels.markers()
        changed = self._place_labels(todo)
        d.links.update(changed)
        if changed and self.labels.markers() != key_before:
            d.frame = True
