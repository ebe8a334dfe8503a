"""Links that wait for the frame: the part of :class:`~app.widgets.canvas.scene.MapScene` that
routes a batch's links after the frame showing the edit.

When a batch names more than :data:`LINKS_AT_ONCE` links (a lane grew, so every lane below moved
with its links: ~440 at 5,000 cards) or :attr:`LateLinks.after_frame` is set (quick capture sets
it around the insert of a typed card), and the scene is shown in a view, the scene hands the
links here instead of routing them at once. They are routed once a view has painted (the new
card is on screen first), in slices of :data:`LINK_SLICE_S` between frames so keys typed meanwhile
are not held up, those a view shows first. The slices ask the layout for the routes and work out
what the items will draw of them (``ready``), without touching the scene; the items take them
all at once after the last slice, so the links cost one repaint, not one per slice (each
repaint covered the old and new rectangles of the links of a slice: 25-35 repaints of most of
the view per move at 10,000 cards). A link the layout names
again before that (a later edit, a label pushed on) leaves ``ready``: it is routed again or
drawn at once, so no route kept here outlives a change to it. The key of link markers and the
map's rectangle wait with them (``key_stale``): asking for either places every link label.
``settle()`` routes them all at once (tests, anything that needs every link where the layout
puts it).

Cells wait too. A batch that moves more than :data:`CELLS_AT_ONCE` cells (a lane grew: every
cell below it moves, ~40 at 5,000 cards, each with its cards) moves the items of those no view
shows, at their old place or their new one, in the first slice after the frame
(``cells``): Qt walks every card of a moved cell before it paints (~1 ms for a note that grows
its lane at 5,000 cards), and a cell out of sight has nothing to show meanwhile. A waiting cell
is moved before any use of where it is: a repaint or a press of a view that now shows it
(``eventFilter``), the scene's ``card_item`` and ``cell_item`` (reveals, the keyboard),
``settle()``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer

from app.model.events import Entity
from app.widgets.canvas.link_item import link_drawing

LINKS_AT_ONCE = 24  # a batch naming more links routes them after the frame
CELLS_AT_ONCE = 8  # a batch moving more cells moves those out of sight after the frame
LINK_SLICE_S = 0.006  # waiting links are routed in slices this long, between frames
LATE_FALLBACK_MS = 50  # ... starting after the next paint of a view, or after this at the latest
SIGHT_MARGIN = 200.0  # scene points round a view's visible area that count as in sight


def in_sight(sight, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the box (x0, y0, x1, y1) meets one of the ``sight`` rectangles (LateLinks._sight)."""
    for lf, t, r, b in sight:
        if x0 <= r and x1 >= lf and y0 <= b and y1 >= t:
            return True
    return False


class LateLinks(QObject):
    """The scene's waiting links (see the module docstring)."""

    def __init__(self, scene):
        super().__init__(scene)
        self.scene = scene
        self.pending: dict[str, None] = {}  # the links still to route, in order
        # routed by a slice, for the items to take at the end: (its geometry, what the item
        # draws of it worked out in the slice, or None: nothing to change or done at the end)
        self.ready: dict[str, tuple] = {}
        self.after_frame = False  # every link of a batch waits for the frame (quick capture)
        self.key_stale = False  # the key of link markers waits with the links
        self._unsorted = False  # the pending links are not yet ordered by what views show
        self._relabelled: set[str] = set()  # links whose label changed, taken before a slice
        self._labels_wait = False  # labels to place again wait for the frame (defer_labels)
        self.cells: set = set()  # cells (stage, lane) whose items wait to follow the layout
        self._watched: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._slice)

    def clear(self) -> None:
        self.timer.stop()
        self.cells.clear()
        self.pending.clear()
        self.ready.clear()
        self._relabelled.clear()
        self._unsorted = self.key_stale = self._labels_wait = False

    def __len__(self) -> int:
        """What waits for the frame: the links not yet drawn where the layout puts them (one
        more while deferred labels wait: their links are drawn with them), and the cells not
        yet moved."""
        return len(self.pending) + len(self.ready) + self._labels_wait + len(self.cells)

    def forget(self, link_id: str) -> None:
        """The layout named ``link_id`` again: what a slice routed for it is out of date."""
        self.pending.pop(link_id, None)
        self.ready.pop(link_id, None)

    def take(self, link_ids) -> tuple[list[str], bool]:
        """Split a batch's links into those the caller routes now and those kept for after the
        frame; returns (now, kept any). A small batch is routed now. A big one (more than
        LINKS_AT_ONCE) waits, the cards first, unless three quarters of its links or more are
        in sight (zoomed out to about the whole map): drawn later those would cost a second
        repaint of about the whole view, so they are routed now, with the edit, and only the
        others wait. With ``after_frame`` (quick capture) every link waits."""
        if not link_ids or not (len(link_ids) > LINKS_AT_ONCE or self.after_frame) or not self.scene.views():
            return list(link_ids), False
        now: list[str] = []
        if self.after_frame:
            wait = list(link_ids)
        else:
            near, far = self.in_sight_first(link_ids, split=True)
            if 4 * len(far) <= len(link_ids):
                now, wait = near, far
                if not wait:
                    return now, False
            else:
                wait = near + far
        for lid in wait:
            self.ready.pop(lid, None)
        self._unsorted = bool(self.pending) or self.after_frame  # (else in sight first already)
        self.pending.update(dict.fromkeys(wait))
        self._after_the_frame()
        return now, True

    def defer_labels(self) -> bool:
        """With ``after_frame`` (quick capture), labels an edit left to place again (those near
        the typed card) are placed after the frame, before the first slice, as the links' are:
        ~15 labels a note at 5,000 cards, ~2-5 ms the card waited for. True when deferred."""
        if not self.after_frame or not self.scene.views() or not self.scene.layout.labels_stale:
            return False
        self._labels_wait = True
        self._after_the_frame()
        return True

    def split_cells(self, cells) -> list:
        """The cells of a batch whose items follow the layout now: all of them, unless there
        are more than CELLS_AT_ONCE and a view is shown; then those out of every view's sight
        (where they are and where they go) wait for the frame (see the module docstring)."""
        waiting = self.cells
        if len(cells) <= CELLS_AT_ONCE or not self.scene.views():
            waiting.difference_update(cells)
            return list(cells)
        sight = self._sight()
        now = []
        for cell in cells:
            if self._cell_seen(cell, sight):
                waiting.discard(cell)
                now.append(cell)
            else:
                waiting.add(cell)
        if waiting:
            self._schedule()
        return now

    def _cell_seen(self, cell, sight) -> bool:
        """Whether a view's sight (:meth:`_sight`) meets the cell, at its item's place or at
        the layout's (a cell without either counts as seen: it is made or removed now)."""
        scene = self.scene
        item = scene.cell_items.get(cell)
        r = scene.layout.cell_rect(*cell)
        if item is None or r is None:
            return True
        x, y, w, h = item.at
        return in_sight(sight, r.x, r.y, r.x + r.w, r.y + r.h) or in_sight(sight, x, y, x + w, y + h)

    def settle_cells(self, sight=None) -> None:
        """Move the waiting cells' items where the layout puts them (``sight``: only those
        it meets)."""
        if not self.cells:
            return
        cells = list(self.cells) if sight is None else [c for c in self.cells if self._cell_seen(c, sight)]
        for cell in cells:
            self.settle_cell(cell)

    def settle_cell(self, cell) -> None:
        if cell in self.cells:
            self.cells.discard(cell)
            self.scene._update_cell(cell)

    def _after_the_frame(self) -> None:
        """The key waits; route after a view's next paint (or LATE_FALLBACK_MS at the latest)."""
        self.key_stale = True
        self._schedule()

    def _schedule(self) -> None:
        """Run a slice after a view's next paint (or LATE_FALLBACK_MS at the latest)."""
        for view in self.scene.views():
            vp = view.viewport()
            if id(vp) not in self._watched:
                self._watched.add(id(vp))
                vp.installEventFilter(self)
        self.timer.start(LATE_FALLBACK_MS)

    def _whole_in_sight(self, sight) -> bool:
        """A view shows the whole grid (the title band, headers and cells: where routes run;
        not the key below, which would place every label to ask for)."""
        g = self.scene.layout.grid
        return any(lf <= g.x and t <= g.y and r >= g.right and b >= g.bottom for lf, t, r, b in sight)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.cells and kind in (QEvent.Type.Paint, QEvent.Type.MouseButtonPress):
            self.settle_cells(self._sight())  # a view scrolled or zoomed to a waiting cell
        if kind == QEvent.Type.Paint and self.timer.isActive() and self.timer.interval() != 0:
            self.timer.start(0)  # fires once this frame is painted
        return False

    def _sight(self) -> list[tuple[float, float, float, float]]:
        m = SIGHT_MARGIN
        rects = [
            v.mapToScene(v.viewport().rect()).boundingRect() for v in self.scene.views() if v.isVisible()
        ]
        return [(r.left() - m, r.top() - m, r.right() + m, r.bottom() + m) for r in rects]

    def in_sight_first(self, link_ids, split: bool = False):
        """The links in the order to route them: first those near what a view shows (a run of
        their old route, or a card they join, is in sight; new ones too), then the others.
        (Asked for ~440 links after a lane grows at 5,000 cards, inside the frame: a route whose
        bounding box misses the sight has no run in it, and a card lies inside its cell, so a
        cell out of sight rules its cards out without asking for their rectangles; when a view
        shows the whole map every drawn route is in sight.) With ``split``: (near, the others)."""
        sight = self._sight()
        scene = self.scene
        layout, doc, items = scene.layout, scene.doc, scene.link_items

        def seen(x0: float, y0: float, x1: float, y1: float) -> bool:
            return in_sight(sight, x0, y0, x1, y1)

        cells: dict = {}

        def card_seen(cid: str) -> bool:
            card = doc.find(Entity.CARD, cid)
            if card is None:
                return False
            cell = card.stage_id, card.lane_id
            in_sight = cells.get(cell)
            if in_sight is None:
                cr = layout.cell_rect(*cell)
                in_sight = cells[cell] = cr is not None and seen(cr.x, cr.y, cr.x + cr.w, cr.y + cr.h)
            if not in_sight:
                return False
            cr = layout.card_rect(cid)
            return cr is not None and seen(cr.x, cr.y, cr.x + cr.w, cr.y + cr.h)

        whole = self._whole_in_sight(sight)
        now, later = [], []
        for lid in link_ids:
            item = items.get(lid)
            near = item is None
            if not near:
                pts = item.geo.points
                if whole and len(pts) > 1:  # a route lies on the map: in sight
                    now.append(lid)
                    continue
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                if seen(min(xs), min(ys), max(xs), max(ys)):
                    near = any(
                        seen(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
                        for a, b in zip(pts, pts[1:], strict=False)
                    )
            if not near:
                link = doc.find(Entity.LINK, lid)
                near = link is not None and (card_seen(link.source_id) or card_seen(link.target_id))
            (now if near else later).append(lid)
        return (now, later) if split else now + later

    def _slice(self) -> None:
        """Route a slice of the waiting links; the rest waits for the next slice. After the
        last slice the items take every route at once (one repaint). The waiting cells move
        first."""
        self.settle_cells()
        if self._unsorted:  # a slice of its own (~5 ms for ~440 links at 5,000 cards)
            self._unsorted = False
            self.pending = dict.fromkeys(self.in_sight_first(list(self.pending)))
            self.timer.start(0)
            return
        deadline = time.perf_counter() + LINK_SLICE_S
        layout = self.scene.layout
        if not layout.place_labels(deadline):  # labels first, a slice at a time
            self.timer.start(0)
            return
        self._take_label_changes()
        while self.pending and time.perf_counter() < deadline:
            lid = next(iter(self.pending))
            del self.pending[lid]
            geo = layout.link(lid)
            self.ready[lid] = (geo, self._drawing(lid, geo))
        if self.pending:
            self.timer.start(0)
            return
        self._draw_ready()

    def _drawing(self, lid: str, geo):
        """What the link's item will draw of ``geo``, worked out now (in a slice) so that the
        items take the slices' routes at the end quickly: the ~440 links a note that grows its
        lane moves, at 5,000 cards, were made into paths and boxes in that one last step (the
        longest pause a key typed after Enter could meet). None for a link that does not move."""
        if geo is None:
            return None
        link = self.scene.doc.find(Entity.LINK, lid)
        item = self.scene.link_items.get(lid)
        if link is None or (item is not None and item.looks_same(geo, link)):
            return None
        return link_drawing(geo, link, item.drawing if item is not None else None)

    def _take_label_changes(self) -> None:
        """Before routing: place the labels waiting to be placed (the layout would at the first
        route asked) and note the links whose label changed. A link routed before is asked
        again; one still waiting will be routed with its new label; any other is drawn with
        the routed ones (a label pushed on). So no link is routed twice for its label (a
        50-card move at 10,000 cards asked ~200 of its ~800 links twice)."""
        changed = self.scene.layout.take_label_changes()
        for lid in changed & self.ready.keys():
            del self.ready[lid]
            self.pending[lid] = None
        self._relabelled |= changed

    def drawn(self, link_ids) -> None:
        """The scene drew ``link_ids`` now, the rest of their batch waits: labels they pushed
        on are drawn with the waiting links, theirs are not drawn again."""
        if link_ids:  # (their routes placed the labels already: no placing happens here)
            self._take_label_changes()
            self._relabelled.difference_update(link_ids)

    def _draw_ready(self) -> None:
        """The items take the routes of the slices. A label placed again after its link's
        route was asked for changed that link's geometry: those are asked again (labels are
        placed before each slice, see :meth:`_take_label_changes`: only an edit between
        slices leaves any)."""
        scene = self.scene
        layout = scene.layout
        changed = layout.take_label_changes()
        self._labels_wait = False
        ready, self.ready = self.ready, {}
        relabelled, self._relabelled = self._relabelled | changed, set()
        for lid, (geo, drawing) in ready.items():
            if lid in changed:
                scene._update_link(lid, layout.link(lid))
            else:
                scene._update_link(lid, geo, drawing)
        for lid in relabelled - ready.keys():  # labels pushed on by the ones routed
            scene._update_link(lid)
        scene._follow_key()

    def settle(self) -> None:
        """Move every waiting cell and route every waiting link now."""
        self.timer.stop()
        self.settle_cells()
        self._unsorted = False
        layout = self.scene.layout
        self._take_label_changes()
        while self.pending:
            lid = self.pending.popitem()[0]
            self.ready[lid] = (layout.link(lid), None)
        self._draw_ready()
