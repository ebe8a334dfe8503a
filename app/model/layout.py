"""All geometry of a map, in points (1/72 in). The canvas and the PDF both draw from here.

The map is drawn as a grid: a title band on top, a header row of stage columns, a header column
of lane labels on the left, and one cell per (stage, visible lane). Cards stack top to bottom
in their cell at the cell's width; a lane is as tall as its tallest cell (at least its own
``height``). Emotion curves run through the first visible feelings lane, on the fixed scale
``EMOTION_MAX`` (top) .. ``EMOTION_MIN`` (bottom). Links are cubic curves from card to card with
an arrow head. The line of visibility lies on the top edge of the first behind-the-scenes (or
support) lane that follows an on-stage lane.

Text is measured with the TrueType metrics of :mod:`app.model.fonts`, so both renderers break
lines identically (the boxes' text: :mod:`app.model.textlayout`; link and curve shapes:
:mod:`app.model.paths`; both re-exported here). The links' part of the layout is in
:mod:`app.model.layout_links`, the emotion curves' in :mod:`app.model.layout_curves`.
``MapLayout.update(changes, doc)`` relays out only what a batch of document changes affects
and returns a :class:`LayoutDelta` naming it.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from itertools import accumulate

from . import fonts
from .cellstack import CellStack
from .events import Cell, Change, Entity, Op
from .geometry import (
    BoxGeometry,
    CardGeometry,
    CardText,
    Rect,
    VisibilityGeometry,
)
from .layout_curves import CurveLayout
from .layout_links import LinkLayout
from .linklabels import LinkLabels
from .paths import ARROW_HALF, ARROW_LEN, arrow_head, monotone_slopes  # noqa: F401 - shared names
from .routing import Route
from .schema import LANE_TYPE_LABELS, Card, Lane, LaneType, Map
from .textlayout import (  # noqa: F401 - the text of the boxes; renderers import these names from here
    BODY_LEAD,
    BODY_SIZE,
    CARD_GAP,
    CARD_PAD,
    CELL_PAD,
    FOOTER_H,
    LANE_LEAD,
    LANE_SIZE,
    MAP_TITLE_SIZE,
    META_LEAD,
    META_SIZE,
    MIN_CARD_H,
    SMALL_LEAD,
    SMALL_SIZE,
    STAGE_LEAD,
    STAGE_SIZE,
    STRIPE_W,
    TITLE_LEAD,
    TITLE_MAX_LINES,
    TITLE_SIZE,
    card_marks,
    card_text,
    make_mark,
    text_block,
    text_line,
)

# ------------------------------------------------------------------ dimensions (points)
TITLE_H = 44.0  # the title band above the grid
HEADER_H = 56.0  # the stage header row
LABEL_W = 150.0  # the lane label column
VISIBILITY_LABEL = "line of visibility"
VISIBILITY_LABEL_X, VISIBILITY_LABEL_RISE = 8.0, 3.0  # its label: start, and baseline above the line

TEXT_FIELDS = frozenset({"title", "body", "channel", "owner"})
VISIBILITY_ABOVE = frozenset({LaneType.ON_STAGE})
VISIBILITY_BELOW = frozenset({LaneType.BACKSTAGE, LaneType.SUPPORT})


@dataclass
class LayoutDelta:
    """What one batch of changes altered; renderers touch exactly these."""

    cards: set[str] = field(default_factory=set)  # added, moved inside their cell, resized or retexted
    removed_cards: set[str] = field(default_factory=set)
    restyled_cards: set[str] = field(default_factory=set)  # same geometry, repaint (flags, colour, votes)
    cells: set[Cell] = field(default_factory=set)  # cells whose rectangle changed or that appeared
    removed_cells: set[Cell] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)  # stage headers to redraw or move
    lanes: set[str] = field(default_factory=set)  # lane headers to redraw or move
    curves: set[str] = field(default_factory=set)
    removed_curves: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    removed_links: set[str] = field(default_factory=set)
    frame: bool = False  # the title band, the bounds or the line of visibility changed
    rebuild: bool = False

    def __bool__(self) -> bool:
        return any(
            (self.cards, self.removed_cards, self.restyled_cards, self.cells, self.removed_cells, self.stages,
             self.lanes, self.curves, self.removed_curves, self.links, self.removed_links, self.frame, self.rebuild)
        )  # fmt: skip


class MapLayout(CurveLayout, LinkLayout):
    """The geometry of one map. Build with :func:`build_layout`; keep current with :meth:`update`."""

    def __init__(self, m: Map):
        self.map = m
        self._cards: dict[str, Card] = {c.id: c for c in m.cards}
        self._texts: dict[str, CardText] = {}
        # the texts of the cards the last batch that removed cards removed, with what they were
        # measured from: an undo that puts the same cards back (a stage of 1,500) does not
        # measure them again; a card put back with other text (or width) is measured anew
        self._gone_texts: dict[str, tuple[tuple, CardText]] = {}
        self._heights: dict[str, float] = {}  # card height plus the gap below it
        self._stacks: dict[Cell, CellStack] = {}
        self._content: dict[Cell, float] = {}
        self._links: dict[str, tuple[str, str]] = {}
        self._card_links: dict[str, set[str]] = {}
        # where each link's ends are: their lanes (str) and cells ((stage, lane)), counted, so a
        # lane that moves or a cell that restacks finds its links with one set operation
        self._link_places: dict[str, tuple] = {}
        self._place_links: dict[str | Cell, dict[str, int]] = {}
        for lk in m.links:
            self._index_link(lk.id, lk.source_id, lk.target_id)
        stacks: dict[Cell, list[Card]] = {}
        for c in m.cards:
            stacks.setdefault((c.stage_id, c.lane_id), []).append(c)
        self._place_stages()
        for cell, cards in stacks.items():
            cards.sort(key=lambda c: (c.order, c.id))
            self._rebuild_stack(cell, cards)
        self._place_lanes()
        self.labels = LinkLabels()
        # links whose labels wait to be placed (again): all of them until the first question
        # about a link or the key places them, as routes are computed when first asked for
        self._stale: set[str] = {lk.id for lk in m.links}
        self.label_changes: set[str] = set()
        self.key_version = 0  # counts the changes of the key of link markers
        self._key_made: tuple | None = None  # (what it was made for, the key): see link_key
        self._routes: dict[str, Route | None] = {}  # routes asked, until an update names the link
        self._room: tuple[Cell, str | None, float] | None = None  # see set_room
        self._room_reach = 0.0

    # ------------------------------------------------------------ frame
    def _place_stages(self) -> None:
        self.stage_ids = [s.id for s in self.map.stages]
        self._stage_w = {s.id: s.width for s in self.map.stages}
        xs = list(accumulate((s.width for s in self.map.stages), initial=LABEL_W))
        self._stage_x = dict(zip(self.stage_ids, xs, strict=False))
        self._col = {sid: i for i, sid in enumerate(self.stage_ids)}
        self._xs = xs
        self._grid_right = xs[-1]

    def _lane_height(self, lane: Lane) -> float:
        h = lane.height
        for sid in self.stage_ids:
            h = max(h, self._content.get((sid, lane.id), 0.0))
        return h

    def _place_lanes(self) -> set[str]:
        """Lay out lane rows top to bottom; returns the ids of lanes whose row changed."""
        old = {lid: (self._lane_y[lid], self._lane_h[lid]) for lid in getattr(self, "lane_ids", ())}
        self.lanes_by_id = {lane.id: lane for lane in self.map.lanes}
        visible = [lane for lane in self.map.lanes if not lane.hidden]
        self.lane_ids = [lane.id for lane in visible]
        self._lane_h = {lane.id: self._lane_height(lane) for lane in visible}
        ys = list(accumulate((self._lane_h[i] for i in self.lane_ids), initial=TITLE_H + HEADER_H))
        self._lane_y = dict(zip(self.lane_ids, ys, strict=False))
        self._row = {lid: i for i, lid in enumerate(self.lane_ids)}
        self._ys = ys
        self._grid_bottom = ys[-1]
        feelings = [lane.id for lane in visible if lane.type is LaneType.FEELINGS]
        self.feelings_lane = feelings[0] if feelings else None
        self.visibility_y = None
        seen_on_stage = False
        for lane in visible:
            if lane.type in VISIBILITY_ABOVE:
                seen_on_stage = True
            elif lane.type in VISIBILITY_BELOW and seen_on_stage:
                self.visibility_y = self._lane_y[lane.id]
                break
        return {lid for lid in self.lane_ids if old.get(lid) != (self._lane_y[lid], self._lane_h[lid])}

    @property
    def bounds(self) -> Rect:
        """The whole drawing: the grid and, below it, the key of link markers if any."""
        key = self.link_key()
        bottom = key.rect.bottom if key is not None else self._grid_bottom
        return Rect(0.0, 0.0, self._grid_right, bottom)

    @property
    def grid(self) -> Rect:
        """The title band, headers and cells."""
        return Rect(0.0, 0.0, self._grid_right, self._grid_bottom)

    def stage_rect(self, stage_id: str) -> Rect:
        """The whole column: header and every lane."""
        x = self._stage_x[stage_id]
        return Rect(x, TITLE_H, self._stage_w[stage_id], self._grid_bottom - TITLE_H)

    def stage_header_rect(self, stage_id: str) -> Rect:
        return Rect(self._stage_x[stage_id], TITLE_H, self._stage_w[stage_id], HEADER_H)

    def lane_rect(self, lane_id: str) -> Rect | None:
        """The whole row: label and every cell (None for a hidden lane)."""
        if lane_id not in self._lane_y:
            return None
        return Rect(0.0, self._lane_y[lane_id], self._grid_right, self._lane_h[lane_id])

    def lane_header_rect(self, lane_id: str) -> Rect | None:
        if lane_id not in self._lane_y:
            return None
        return Rect(0.0, self._lane_y[lane_id], LABEL_W, self._lane_h[lane_id])

    def cell_rect(self, stage_id: str, lane_id: str) -> Rect | None:
        if lane_id not in self._lane_y or stage_id not in self._stage_x:
            return None
        return Rect(
            self._stage_x[stage_id], self._lane_y[lane_id], self._stage_w[stage_id], self._lane_h[lane_id]
        )

    def cells(self) -> list[Cell]:
        return [(s, lane) for lane in self.lane_ids for s in self.stage_ids]

    def corner_rect(self) -> Rect:
        return Rect(0.0, TITLE_H, LABEL_W, HEADER_H)

    def title_box(self) -> BoxGeometry:
        m = self.map
        width = max(200.0, self._grid_right - 16)
        lines = [
            text_line(
                fonts.ellipsize(m.title, width, MAP_TITLE_SIZE, True),
                8,
                24,
                MAP_TITLE_SIZE,
                True,
                "map-title",
            )
        ]
        sub = " · ".join(
            t
            for t in (
                m.journey_type.value.replace("_", " ").capitalize(),
                m.goal.splitlines()[0] if m.goal else "",
            )
            if t
        )
        lines.append(
            text_line(fonts.ellipsize(sub, width, SMALL_SIZE + 1), 8, 38, SMALL_SIZE + 1, False, "map-goal")
        )
        return BoxGeometry(m.id, Rect(0.0, 0.0, self._grid_right, TITLE_H), tuple(lines))

    def stage_header(self, stage_id: str) -> BoxGeometry:
        stage = next(s for s in self.map.stages if s.id == stage_id)
        rect = self.stage_header_rect(stage_id)
        lines, h = text_block(
            stage.name, rect.w - 2 * CELL_PAD, STAGE_SIZE, STAGE_LEAD, bold=True, role="header",
            x=CELL_PAD, y=6, max_lines=2,
        )  # fmt: skip
        metrics = [mt for mt in self.map.metrics if mt.stage_id == stage_id]
        if metrics:
            text = " · ".join(_metric_text(mt) for mt in metrics)
            text = fonts.ellipsize(text, rect.w - 2 * CELL_PAD, SMALL_SIZE)
            lines.append(text_line(text, CELL_PAD, HEADER_H - 6, SMALL_SIZE, False, "metric"))
        return BoxGeometry(stage_id, rect, tuple(lines))

    def lane_header(self, lane_id: str) -> BoxGeometry | None:
        rect = self.lane_header_rect(lane_id)
        if rect is None:
            return None
        lane = self.lanes_by_id[lane_id]
        lines, h = text_block(
            lane.name, LABEL_W - 2 * CELL_PAD, LANE_SIZE, LANE_LEAD, bold=True, role="header",
            x=CELL_PAD, y=CELL_PAD, max_lines=3,
        )  # fmt: skip
        kind = LANE_TYPE_LABELS[lane.type]
        if kind != lane.name:
            lines.append(
                text_line(kind, CELL_PAD, CELL_PAD + h + SMALL_LEAD * 0.8 + 2, SMALL_SIZE, False, "label")
            )
        return BoxGeometry(lane_id, rect, tuple(lines))

    # ------------------------------------------------------------ cards
    def _text(self, card: Card) -> CardText:
        width = self._stage_w[card.stage_id] - 2 * CELL_PAD
        t = self._texts.get(card.id)
        if t is None or t.width != width:
            t = card_text(card, width)
            self._texts[card.id] = t
            self._heights[card.id] = t.height + CARD_GAP
        return t

    def _rebuild_stack(self, cell: Cell, cards: list[Card]) -> None:
        """Stack a cell's cards (given in order), measuring each."""
        stack = CellStack()
        stack.ids = [c.id for c in cards]
        stack.keys = [(c.order, c.id) for c in cards]
        stack.heights = [self._text(c).height + CARD_GAP for c in cards]
        stack.total = sum(stack.heights)
        old = self._stacks.get(cell)
        stack.room = old.room if old is not None else None
        self._set_stack(cell, stack)

    def _set_stack(self, cell: Cell, stack: CellStack) -> None:
        if stack.ids or stack.room is not None:
            self._stacks[cell] = stack
            self._content[cell] = stack.content()
        else:
            self._stacks.pop(cell, None)
            self._content.pop(cell, None)

    def _restack(self, cell: Cell, changed: set[str]) -> list[str]:
        """Take the ``changed`` cards out of ``cell``'s stack and put back those that now belong
        to it, at their sort key. Returns the ids whose place or size in the cell changed: the
        changed cards and every card below the first of them."""
        stack = self._stacks.get(cell) or CellStack()
        first = len(stack.ids)
        for cid in changed:
            if cid in stack.ids:
                first = min(first, stack.remove(cid))
        for cid in changed:
            card = self._cards.get(cid)
            if card is not None and (card.stage_id, card.lane_id) == cell:
                first = min(first, stack.insert(card, self._text(card).height + CARD_GAP))
        self._set_stack(cell, stack)
        return stack.ids[first:]

    def card(self, card_id: str) -> CardGeometry | None:
        """A card's rectangle and lines, or None while its lane is hidden."""
        card = self._cards.get(card_id)
        if card is None or card.lane_id not in self._lane_y:
            return None
        stack = self._stacks[(card.stage_id, card.lane_id)]
        t = self._text(card)
        local = Rect(CELL_PAD, stack.offsets()[stack.position(card_id)], t.width, t.height)
        rect = local.translated(self._stage_x[card.stage_id], self._lane_y[card.lane_id])
        return CardGeometry(card_id, card.stage_id, card.lane_id, rect, local, t.lines)

    def card_rect(self, card_id: str) -> Rect | None:
        """A card's rectangle on the map (None while its lane is hidden): what links need."""
        card = self._cards.get(card_id)
        if card is None or card.lane_id not in self._lane_y:
            return None
        stack = self._stacks[(card.stage_id, card.lane_id)]
        t = self._texts[card_id]
        if t.width != self._stage_w[card.stage_id] - 2 * CELL_PAD:
            t = self._text(card)
        y = self._lane_y[card.lane_id] + stack.offsets()[stack.position(card_id)]
        return Rect(self._stage_x[card.stage_id] + CELL_PAD, y, t.width, t.height)

    def cell_cards(self, cell: Cell) -> list[str]:
        stack = self._stacks.get(cell)
        return list(stack.ids) if stack else []

    def cell_card_boxes(self, cell: Cell) -> list[tuple[str, float, float, float]]:
        """(id, top, width, height) of each card of ``cell``, top to bottom, in the cell's units
        (every card's left is CELL_PAD): :meth:`card`'s ``local`` rectangles without a geometry
        made for each (a zoomed-out cell draws its cards' blocks from them)."""
        stack = self._stacks.get(cell)
        if not stack:
            return []
        width = self._stage_w[cell[0]] - 2 * CELL_PAD
        texts, out = self._texts, []
        for cid, top in zip(stack.ids, stack.offsets(), strict=False):  # (offsets: one more, the bottom)
            t = texts[cid]
            if t.width != width:
                t = self._text(self._cards[cid])
            out.append((cid, top, t.width, t.height))
        return out

    def all_cards(self) -> list[CardGeometry]:
        out = []
        for cell in self.cells():
            out.extend(self.card(cid) for cid in self.cell_cards(cell))
        return out

    def drop_index(self, cell: Cell, y: float, ignore: set[str] = frozenset()) -> int:
        """Where a card dropped at map ``y`` lands in ``cell``'s stack (counting without ``ignore``)."""
        top = self._lane_y.get(cell[1], 0.0)
        index = 0
        stack = self._stacks.get(cell) or CellStack()
        for cid, off in zip(stack.ids, stack.offsets(), strict=False):
            if cid in ignore:
                continue
            if y < top + off + self._texts[cid].height / 2:
                break
            index += 1
        return index

    # ------------------------------------------------------------ room for a card being typed
    def set_room(
        self, cell: Cell | None, before: str | None, height: float, doc, reach: float = 0.0
    ) -> LayoutDelta:
        """Keep room in ``cell`` for a card not in the map yet (quick capture types it there),
        ``height`` points above the card ``before`` (None: at the end of the cell), or no room
        at all (``cell`` None). The cards below it, and the lanes below when the cell sets its
        lane's height, move as for a card of that height: the editor covers no other card.
        The room stays above ``before`` as cards come and go (a card typed in goes above it);
        it is the canvas's alone: a fresh layout (the PDF's) has none. ``reach``: an offset
        from the cell's top that the room's bottom reaches at least (0: none): cards typed
        into the room then take its place until it is down to ``height``, and the cell's
        height stays. Returns the change."""
        want = None if cell is None else (cell, before, float(height))
        reach = float(reach) if want is not None else 0.0
        if want == self._room and reach == self._room_reach:
            return LayoutDelta()
        shifts: dict[Cell, int] = {}
        if self._room is not None:
            stack = self._stacks.get(self._room[0])
            if stack is not None and stack.room is not None:
                shifts[self._room[0]] = stack.room_index()
                stack.room = None
                stack.forget()
                self._set_stack(self._room[0], stack)
        self._room = None
        self._room_reach = 0.0
        if want is not None and cell[0] in self._stage_x and cell[1] in self._lane_y:
            self._room, self._room_reach = want, reach
            stack = self._stacks.get(cell) or CellStack()
            stack.room = (before, float(height) + CARD_GAP, reach)
            stack.forget()
            first = stack.room_index()
            shifts[cell] = min(shifts.get(cell, first), first)
            self._set_stack(cell, stack)
        return self.update([], doc, shifts) if shifts else LayoutDelta()

    @property
    def room(self) -> tuple[Cell, str | None, float] | None:
        """(cell, the card it lies above, height) of the room of :meth:`set_room`, or None."""
        return self._room

    @property
    def room_reach(self) -> float:
        """The ``reach`` of the room of :meth:`set_room` (0: none)."""
        return self._room_reach

    def room_rect(self) -> Rect | None:
        """Where the room of :meth:`set_room` is on the map (None without one)."""
        if self._room is None:
            return None
        cell = self._room[0]
        stack = self._stacks.get(cell)
        if stack is None or stack.room is None or cell[1] not in self._lane_y or cell[0] not in self._stage_x:
            return None
        stack.offsets()  # (works out room_top)
        x, w = self._stage_x[cell[0]] + CELL_PAD, self._stage_w[cell[0]] - 2 * CELL_PAD
        return Rect(x, self._lane_y[cell[1]] + stack.room_top, w, stack.room[1] - CARD_GAP)

    def visibility(self) -> VisibilityGeometry | None:
        """The line of visibility across the map and its label (None without one)."""
        y = self.visibility_y
        if y is None:
            return None
        label = text_line(
            VISIBILITY_LABEL, VISIBILITY_LABEL_X, y - VISIBILITY_LABEL_RISE, SMALL_SIZE, False, "label"
        )
        return VisibilityGeometry((0.0, y), (self._grid_right, y), label)

    # ------------------------------------------------------------ updates
    def update(self, changes: list[Change], doc, rooms: dict[Cell, int] | None = None) -> LayoutDelta:
        """Bring the layout up to date after ``changes`` to ``doc`` (an app.model.document.Document).
        ``rooms``: cells whose room came or went (:meth:`set_room`), with the index of the first
        card it moved."""
        d = LayoutDelta()
        if doc.map is not self.map:
            self._routes.clear()
            d.rebuild = True
            return d
        dirty_cells: set[Cell] = set()
        rewrap_stages: set[str] = set()
        stages_dirty = lanes_dirty = False
        gone: dict[str, tuple[tuple, CardText]] = {}
        for ch in changes:
            e, op = ch.entity, ch.op
            if e is Entity.CARD:
                if op is Op.UPDATE and not (ch.fields & TEXT_FIELDS):
                    d.restyled_cards.add(ch.id)
                    continue
                if op is Op.REMOVE:
                    d.links.update(self._card_links.get(ch.id, ()))
                    gone_card = self._cards.pop(ch.id, None)
                    gone_text = self._texts.pop(ch.id, None)
                    if gone_card is not None and gone_text is not None:
                        gone[ch.id] = (_text_key(gone_card), gone_text)
                    self._heights.pop(ch.id, None)
                    d.removed_cards.add(ch.id)
                    d.cards.discard(ch.id)
                elif (card := doc.find(Entity.CARD, ch.id)) is None:
                    pass  # a later change of this batch removed it (its REMOVE follows)
                else:
                    self._cards[ch.id] = card
                    if op is not Op.MOVE:
                        self._texts.pop(ch.id, None)
                        kept = self._gone_texts.get(ch.id) if op is Op.ADD else None
                        if kept is not None and kept[0] == _text_key(card):  # (the width: see _text)
                            self._texts[ch.id] = kept[1]
                            self._heights[ch.id] = kept[1].height + CARD_GAP
                    d.cards.add(ch.id)
                    d.removed_cards.discard(ch.id)
                dirty_cells.update(ch.cells)
                for lid in self._card_links.get(ch.id, ()):
                    self._index_link_lanes(lid)
            elif e is Entity.STAGE:
                if op is Op.UPDATE and not ({"width"} & ch.fields):
                    d.stages.add(ch.id)
                else:
                    stages_dirty = True
            elif e is Entity.LANE:
                if op is Op.UPDATE and not ({"height", "hidden", "type"} & ch.fields):
                    d.lanes.add(ch.id)
                else:
                    lanes_dirty = True
                    if op is not Op.REORDER:  # removed, or its type (label, fill) or size changed
                        d.lanes.add(ch.id)
            elif e is Entity.CURVE:
                (d.removed_curves if op is Op.REMOVE else d.curves).add(ch.id)
            elif e is Entity.POINT:
                d.curves.add(ch.parent)
            elif e is Entity.LINK:
                self._unindex_link(ch.id)
                if op is Op.REMOVE:
                    d.removed_links.add(ch.id)
                    d.links.discard(ch.id)
                else:
                    lk = doc.get(Entity.LINK, ch.id)
                    self._index_link(ch.id, lk.source_id, lk.target_id)
                    d.links.add(ch.id)
            elif e is Entity.PERSONA:
                d.curves.update(c.id for c in self.map.curves if c.persona_id == ch.id)
            elif e is Entity.METRIC:
                d.stages.update(self.stage_ids)
            elif e is Entity.MAP:
                d.frame = True
        d.curves -= d.removed_curves
        if gone:
            self._gone_texts = gone

        shifted_cells: set[Cell] = set()  # cells of stages that moved, changed width or came
        if stages_dirty:
            old_w = dict(self._stage_w)
            old_x = dict(self._stage_x)
            old_stages = set(self.stage_ids)
            old_last = self.stage_ids[-1:]
            self._place_stages()
            for sid in old_stages - set(self.stage_ids):
                for cell in [c for c in self._stacks if c[0] == sid]:
                    d.removed_cards.update(self._stacks.pop(cell).ids)
                    self._content.pop(cell, None)
            # a route depends on its cards, the column boundaries at its ends and whether a
            # column is the last (routing.route): links between stages that kept their place
            # and width, neither of them the last before or after, keep their routes
            moved = set(old_stages - set(self.stage_ids))
            if old_last != self.stage_ids[-1:]:
                moved.update(old_last + self.stage_ids[-1:])
            for sid in self.stage_ids:
                if old_w.get(sid) != self._stage_w[sid] or old_x.get(sid) != self._stage_x[sid]:
                    d.stages.add(sid)
                    moved.add(sid)
                    if old_w.get(sid) != self._stage_w[sid]:  # rewrap its cards
                        rewrap_stages.add(sid)
                        dirty_cells.update(c for c in self._stacks if c[0] == sid)
                        dirty_cells.update((sid, lid) for lid in self.lane_ids)
            d.removed_cells.update(
                (s, lane) for s in old_stages - set(self.stage_ids) for lane in self.lane_ids
            )
            d.frame = True
            shifted_cells = {(sid, lane) for sid in moved for lane in self.lanes_by_id}

        touched = d.cards | d.removed_cards
        for cell, first in (rooms or {}).items():
            shifted = self.cell_cards(cell)[first:]
            d.cards.update(shifted)
            for cid in self._card_links.keys() & set(shifted):
                d.links.update(self._card_links[cid])
            dirty_cells.add(cell)
        for cell in dirty_cells:
            if cell[0] in self._stage_x:
                if cell[0] in rewrap_stages:
                    self._rebuild_stack(cell, doc.cell_cards(*cell))
                    d.cards.update(self.cell_cards(cell))
                    d.links.update(self._place_links.get(cell, ()))
                else:
                    shifted = self._restack(cell, touched)
                    d.cards.update(shifted)
                    for cid in self._card_links.keys() & shifted:  # exactly the links that move
                        d.links.update(self._card_links[cid])
        d.cards -= d.removed_cards

        lane_set_before = set(self.lane_ids)
        heights_before = self._lane_h
        moving: dict[str, int] = {}  # links named only because their lanes moved (see below)
        if lanes_dirty or dirty_cells:
            changed_lanes = self._place_lanes()
            if lanes_dirty or changed_lanes:
                d.frame = True
                d.lanes.update(changed_lanes)
                gone = lane_set_before - set(self.lane_ids)
                d.lanes.update(gone)
                d.removed_cells.update((s, lane) for lane in gone for s in self.stage_ids)
                for lane in set(self.lane_ids) - lane_set_before:  # shown or added: its cards appear
                    d.cards.update(cid for s in self.stage_ids for cid in self.cell_cards((s, lane)))
                for lane in gone:
                    d.removed_cards.update(cid for s in self.stage_ids for cid in self.cell_cards((s, lane)))
                    d.removed_cards.update(
                        cid
                        for cid, c in self._cards.items()
                        if c.lane_id == lane and lane not in self.lanes_by_id
                    )
                named = set(d.links)
                for lane in changed_lanes | gone:
                    d.links.update(self._place_links.get(lane, ()))
                if not (lanes_dirty or stages_dirty):
                    moving = self._moved_with_lanes(d.links - named, heights_before)
                d.links.update(self._links_across(changed_lanes))
                if self.feelings_lane in changed_lanes or lanes_dirty:
                    d.curves.update(c.id for c in self.map.curves)
        if stages_dirty:
            d.cells.update(self.cells())
            d.curves.update(c.id for c in self.map.curves)
            for cell in shifted_cells:
                d.links.update(self._place_links.get(cell, ()))
        else:
            d.cells.update((s, lane) for lane in d.lanes if lane in self._lane_y for s in self.stage_ids)

        if d.cards:
            for cid in (d.cards & touched) & self._card_links.keys():  # cards that left a cell
                for lid in self._card_links[cid]:
                    moving.pop(lid, None)
                d.links.update(self._card_links[cid])
            anchored = {p.card_id for c in self.map.curves for p in c.points if p.card_id}
            if anchored & d.cards:
                d.curves.update(c.id for c in self.map.curves if any(p.card_id in d.cards for p in c.points))
        if self.labels.placed or d.links:
            # (labels that looked at a moved cell; those of links that only moved with their lanes)
            self._update_labels(d, dirty_cells | shifted_cells, moving)
        routes = self._routes  # the routes kept are those of links the update did not name
        for lid in d.links | d.removed_links if routes else ():
            routes.pop(lid, None)
        d.links -= d.removed_links
        d.curves -= d.removed_curves
        return d


def _text_key(card: Card) -> tuple:
    """What a card's text (:func:`card_text`) is measured from, besides the width."""
    return (card.title, card.body, card.channel, card.owner)


def _metric_text(mt) -> str:
    def num(v: float | None) -> str:
        return "–" if v is None else (f"{v:g}")

    target = f" / {num(mt.target)}" if mt.target is not None else ""
    return f"{mt.name} {num(mt.value)}{target}{mt.unit}"


def build_layout(m: Map) -> MapLayout:
    """Lay out a whole map. The cyclic garbage collector is paused meanwhile: the layout makes
    ~10 small objects per card and no cycles, and collections scanning a large map's objects
    over and over cost a third of the time at 10,000 cards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return MapLayout(m)
    finally:
        if enabled:
            gc.enable()
