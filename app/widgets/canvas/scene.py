"""The map scene: one graphics item per model element, drawn from the shared layout.

The scene never computes geometry: :mod:`app.model.layout` does, for the canvas and the PDF
alike. The scene follows its Document: each batch of changes goes to ``layout.update`` and
only the items the returned :class:`~app.model.layout.LayoutDelta` names are added, removed,
moved or repainted (``delta.rebuild`` rebuilds everything). Cards are children of their cell
item, so when a lane grows only the cell items below it move, however many cards they hold.

``touched`` holds the ``(kind, id)`` of every item the last batch created, changed or removed
(tests and benchmarks read it to check that an edit costs what it changed).

Many links wait for the frame (:mod:`app.widgets.canvas.late_links`): when a batch moves more
than a few dozen links and the scene is shown, they are routed after the frame that shows the
edit (``links_pending``; :meth:`settle_links` routes them now).

A big map opened zoomed out shows before its card items are made
(:mod:`app.widgets.canvas.late_cards`): its cells draw their cards from the layout meanwhile, and
``card_items`` (and any edit) makes the rest first.
"""

from __future__ import annotations

import gc
import itertools
import weakref

from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from app.model import palette
from app.model.divergence import curve_divergences
from app.model.document import Document
from app.model.events import Cell, Change, Entity, Op
from app.model.geometry import BoxGeometry
from app.model.layout import LayoutDelta, MapLayout, build_layout
from app.model.layout_links import KEY_GAP
from app.model.perspective import BOTH, check_view, shows_curve
from app.widgets.canvas.cell_item import CellItem
from app.widgets.canvas.divergence import DivergenceItem
from app.widgets.canvas.items import (
    CARD_DETAIL_LOD,
    CardItem,
    CornerItem,
    CurveItem,
    KeyItem,
    LaneHeaderItem,
    MapElement,
    StageHeaderItem,
    TitleItem,
    VisibilityItem,
)
from app.widgets.canvas.late_cards import CARDS_LATER_AT, LateCards
from app.widgets.canvas.late_links import LateLinks
from app.widgets.canvas.link_item import LinkItem
from app.widgets.canvas.link_layer import LinkLayer
from app.widgets.canvas.theme import LIGHT, CanvasTheme
from app.widgets.selection import follow_document

MARGIN = 40.0  # the space around the map in the scene


class MapScene(QGraphicsScene):
    applied = Signal()  # after the items follow a batch of document changes (or a rebuild)
    applying = False  # while the items follow a batch (``applied`` comes after)
    _building = False  # while _rebuild makes every item afresh
    themeChanged = Signal()  # noqa: N815 - Qt's naming; after set_theme
    perspectiveChanged = Signal(str)  # noqa: N815 - Qt's naming; after set_perspective

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        # No BSP index: a move shifts the cards below it (and a taller lane every cell below),
        # and links' map-wide rectangles sit in thousands of the tree's leaves, so keeping the
        # tree cost more than it saved (a geometry change was ~0.2-2 ms). Lookups walk the
        # top-level items (~70 cells, the links, the headers); a cell's cards are looked at only
        # where the cell is (CellItem: ItemContainsChildrenInShape).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.doc: Document | None = None
        self.layout: MapLayout | None = None
        self._unfollow = None
        self.touched: set[tuple[str, object]] = set()
        self.rebuilds = 0
        self.theme: CanvasTheme = LIGHT  # the items draw the model's colours through it
        self.perspective = BOTH  # View > Perspective (app.model.perspective): kept across documents
        self.late = LateLinks(self)  # links routed after the frame (late_links)
        self.late_cards = LateCards(self)  # a big map's card items, made after its first frame (late_cards)
        self._key_h = 0.0  # the key of link markers' height when last placed
        self.cards_cached = True  # cards drawn from pixmaps (follow_zoom)
        self.cards_as_blocks = False  # ... or, zoomed out, by their cells as blocks (follow_zoom)
        self._chosen_blocks: set[str] = set()  # the selected cards while cells draw them
        self.selectionChanged.connect(self._selection_blocks)
        self.set_document(doc)

    # ------------------------------------------------------------ queries
    @property
    def card_items(self) -> dict[str, CardItem]:
        """Every card's item, id -> item (those still waiting after an open are made now: late_cards)."""
        if self.late_cards:
            self.late_cards.make_all()
        return self._card_items

    def card_item(self, card_id: str) -> CardItem | None:
        """The card's item, where the layout puts it (its cell moved now if it waited: late_links)."""
        item = self.card_items.get(card_id)
        if item is not None and self.late.cells:
            self.late.settle_cell(item.parentItem().ident)
        return item

    def cell_item(self, cell: Cell) -> CellItem | None:
        """The cell's item, where the layout puts it (moved now if it waited: late_links)."""
        self.late.settle_cell(cell)
        return self.cell_items.get(cell)

    def map_rect(self) -> QRectF:
        """The map's own rectangle (without the margin around it)."""
        if self.late.key_stale:  # the key waits with the links: asking for it would place every label now
            b = self.layout.grid
            h = b.h + (KEY_GAP + self._key_h if self._key_h else 0.0)
            return QRectF(b.x, b.y, b.w, h)
        b = self.layout.bounds
        return QRectF(b.x, b.y, b.w, b.h)

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw in ``theme``: every item drops what it made in the old colours and repaints;
        nothing is laid out or made again."""
        if theme is self.theme:
            return
        self.theme = theme
        for item in self.items():
            if isinstance(item, MapElement):
                item.theme_changed()
        self.themeChanged.emit()

    def set_perspective(self, view: str) -> None:
        """Show the map in perspective ``view`` (customer, internal or both): the cards redraw
        their rating marks, curves of other perspectives hide, and in both the divergences of
        the curves show. Nothing is laid out again."""
        view = check_view(view)
        if view == self.perspective:
            return
        self.perspective = view
        for item in self.card_items.values():
            item.theme_changed()  # drops its drawing objects: the marks are made again
        for curve in self.doc.map.curves:
            self._update_curve(curve.id)
        self._update_divergences()
        self.perspectiveChanged.emit(view)

    def follow_zoom(self, *_args) -> None:
        """Cache the cards' pictures (CardItem ``cached``) while a view shows them with their
        text, and drop the caches when every view shows them as plain blocks (zoomed out below
        CARD_DETAIL_LOD). Only speed and memory depend on it: the pictures differ by antialiasing
        only (a step or two of 255). The editor calls it when its view zooms; it looks at every
        view of the scene."""
        zooms = [v.transform().m11() for v in self.views()]
        if not zooms:
            return
        cached = max(zooms) >= CARD_DETAIL_LOD
        if cached != self.cards_cached:
            self.cards_cached = cached
            mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if cached else QGraphicsItem.CacheMode.NoCache
            for item in self.card_items.values():
                item.setCacheMode(mode)
        if cached == self.cards_as_blocks:
            # zoomed out, the cells draw their cards' blocks (CellItem.paint_blocks; the cards
            # then have no contents for Qt: CardItem.by_cell)
            self.cards_as_blocks = not cached
            self._chosen_blocks = self._selected_cards() if self.cards_as_blocks else set()
            for item in self.card_items.values():
                item.by_cell()
            for cell_item in self.cell_items.values():
                cell_item.blocks_changed()

    def _selected_cards(self) -> set[str]:
        return {it.ident for it in self.selectedItems() if isinstance(it, CardItem)}

    def _selection_blocks(self) -> None:
        """While cells draw their cards, a card selected or deselected is drawn again by its cell
        (Qt repaints nothing for an item without contents)."""
        if not self.cards_as_blocks:
            return
        chosen = self._selected_cards()
        for ident in chosen ^ self._chosen_blocks:
            item = self.card_items.get(ident)
            if item is not None and item.by_cell():
                item.parentItem().blocks_changed(QRectF(item.pos(), item.rect().size()))
        self._chosen_blocks = chosen

    def shows_curve(self, curve) -> bool:
        """Whether the curve is drawn: visible, and of a perspective the scene shows."""
        return curve.visible and shows_curve(self.perspective, curve.perspective)

    def _update_divergences(self) -> None:
        shown = self.perspective == BOTH and self.layout.curve_band() is not None
        marks = curve_divergences(self.layout) if shown else ()
        self.divergence_item.set_marks(marks)
        self.divergence_labels.set_marks(marks)

    # ------------------------------------------------------------ building
    def made_refs(self) -> list[weakref.ref]:
        """Weak references to what the scene made for its document: the layout and one item of
        each kind. Nothing else holds them, so they go by reference counting with the next
        document; one still alive after that means a reference cycle holds it
        (:func:`app.widgets.main_window.settle_memory` collects then)."""
        made: list = [self.layout]
        for table in (self.cell_items, self._card_items, self.link_items, self.curve_items):
            made.extend(itertools.islice(table.values(), 1))
        return [weakref.ref(o) for o in made if o is not None]

    def set_document(self, doc: Document) -> None:
        if self._unfollow is not None:
            self._unfollow()
        self.doc = doc
        self._unfollow = follow_document(self, doc, self._on_changes)
        self.rebuild()
        self.applied.emit()

    def rebuild(self) -> None:
        """Lay the whole map out again and make every item afresh. The cyclic garbage collector
        is paused meanwhile (as in ``build_layout``): scanning the new objects over and over
        while a big map's items are made costs more than making them. What was made is then
        frozen (``gc.freeze``, as the editor does after an open): the collector's next run
        would walk all of it once more (70 ms at 10,000 cards) to find nothing; it goes by
        reference counting like any frozen object."""
        enabled = gc.isenabled()
        gc.disable()
        applying, self.applying = self.applying, True  # (its items are gone meanwhile)
        try:
            self._rebuild()
        finally:
            self.applying = applying
            gc.freeze()
            if enabled:
                gc.enable()

    def _rebuild(self) -> None:
        self._building = True
        try:
            self._build()
        finally:
            self._building = False

    def _build(self) -> None:
        self.late.clear()
        self.late_cards.clear()
        self.clear()
        self.rebuilds += 1
        self.layout = lay = build_layout(self.doc.map)
        self._key_version = lay.key_version
        self._set_scene_rect()  # before the items: a scene without a rectangle grows it item by item
        self.cell_items: dict[Cell, CellItem] = {}
        self._card_items: dict[str, CardItem] = {}
        self.stage_items: dict[str, StageHeaderItem] = {}
        self.lane_items: dict[str, LaneHeaderItem] = {}
        self.curve_items: dict[str, CurveItem] = {}
        self.link_items: dict[str, LinkItem] = {}
        self.link_layer = LinkLayer(self.link_items)  # draws them (link_layer)
        self.addItem(self.link_layer)
        self.title_item: TitleItem | None = None
        self.corner_item: CornerItem | None = None
        self.key_item: KeyItem | None = None
        self.visibility_item = VisibilityItem()
        self.addItem(self.visibility_item)
        self.divergence_item = DivergenceItem()  # the bands, under the curves
        self.divergence_labels = DivergenceItem(labels=True)  # their labels, over the curves
        self.addItem(self.divergence_item)
        self.addItem(self.divergence_labels)
        self._feelings_lane: str | None = None
        # a big map opened zoomed out: its cells draw their cards, whose items are made after
        # the first frame (late_cards)
        later = self.cards_as_blocks and len(self.doc.map.cards) >= CARDS_LATER_AT and bool(self.views())
        for cell in lay.cells():
            self._update_cell(cell)
            cell_item = self.cell_items[cell]
            if later:
                cell_item.waiting = list(lay.cell_cards(cell))
            else:
                for cid in lay.cell_cards(cell):
                    self._add_card(cid, cell_item)
        for sid in lay.stage_ids:
            self._update_stage(sid)
        for lid in lay.lane_ids:
            self._update_lane(lid)
        for curve in self.doc.map.curves:
            self._update_curve(curve.id)
        for link in self.doc.map.links:
            self._update_link(link.id)
        self._update_frame()
        lay.take_label_changes()  # the first placing of every label: drawn above already
        self._update_divergences()
        self.touched = set()
        if later:
            self.late_cards.wait([cell for cell, item in self.cell_items.items() if item.waiting])

    def make_waiting_cards(self, cell: Cell) -> None:
        """Make the items of the cards ``cell`` waits for (late_cards), where the layout puts
        them (drawn by their cells: no repaint). Not an edit: ``touched`` is left as it was.
        Called before a batch's items follow it (``apply``), a card the batch deleted has no
        place in the layout and gets no item; one it moved to another cell is made there."""
        cell_item = self.cell_items.get(cell)
        if cell_item is None or not cell_item.waiting:
            return
        ids, cell_item.waiting = cell_item.waiting, None
        touched, building = self.touched, self._building
        self.touched, self._building = set(), True  # (each card is drawn by its cell: a flag, no more)
        lay, items = self.layout, self.cell_items
        try:
            for cid in ids:
                geo = lay.card(cid)
                if geo is None:
                    continue
                at = (geo.stage_id, geo.lane_id)
                self._add_card(cid, cell_item if at == cell else (items.get(at) or self._update_cell(at)), geo)
        finally:
            self._building, self.touched = building, touched

    # ------------------------------------------------------------ events
    def _on_changes(self, changes: list[Change]) -> None:
        delta = self.layout.update(changes, self.doc)
        if delta.rebuild:
            self.rebuild()  # (applying meanwhile, as _follow is)
            self.applied.emit()
        else:
            self._widen(changes, delta)
            self._follow(delta)

    def set_room(self, cell: Cell | None, before: str | None = None, height: float = 0.0, reach: float = 0.0) -> None:
        """Room in ``cell`` for a card being typed there (see MapLayout.set_room; None: no
        room): the cards and lanes below it move as for a card of ``height`` points (or down
        to ``reach`` points below the cell's top)."""
        delta = self.layout.set_room(cell, before, height, self.doc, reach)
        if delta:
            self._follow(delta)

    def _follow(self, delta: LayoutDelta) -> None:
        """The items follow ``delta``, then ``applied`` (views that follow it may wait for it
        meanwhile: :attr:`applying`)."""
        self.touched = set()
        self.applying = True
        try:
            self.apply(delta)
        finally:
            self.applying = False
        self.applied.emit()

    def _widen(self, changes: list[Change], d: LayoutDelta) -> None:
        """Lane type changes alter a lane's cells and label without moving them; the layout
        reports them only as a frame change, so add those lanes here."""
        for ch in changes:
            if ch.entity is Entity.LANE and ch.op is Op.UPDATE and "type" in ch.fields:
                if ch.id in self.layout.lanes_by_id and not self.layout.lanes_by_id[ch.id].hidden:
                    d.lanes.add(ch.id)
                    d.cells.update((s, ch.id) for s in self.layout.stage_ids)

    def apply(self, d: LayoutDelta) -> None:
        """Bring the items named by ``d`` up to date with the layout."""
        lay = self.layout
        if self.late_cards:  # made where the layout puts them now (the batch's cards follow below)
            waited = self.late_cards.cells.copy()
            self.late_cards.make_all()
            for cell in waited:  # drawn from where they were until now: all of each cell again
                item = self.cell_items.get(cell)
                if item is not None:
                    item.blocks_changed()
        for lid in d.removed_links:
            self._remove(self.link_items, lid)
        for cid in d.removed_curves:
            self._remove(self.curve_items, cid)
        for cid in d.removed_cards:
            self._remove(self.card_items, cid)
        for cell in d.removed_cells:
            self._remove_cell(cell)
        for cell in self.late.split_cells(d.cells):  # many: those out of sight after the frame
            if lay.cell_rect(*cell) is None:
                self._remove_cell(cell)
            else:
                self._update_cell(cell)
        for cid in d.cards:
            self._update_card(cid)
        for cid in d.restyled_cards - d.cards:
            item = self.card_items.get(cid)
            card = self.doc.find(Entity.CARD, cid)
            if item is not None and card is not None:
                item.restyle(card)
                self.touched.add(("card", cid))
        for sid in d.stages:
            self._update_stage(sid)
        for lid in d.lanes:
            self._update_lane(lid)
        for cid in d.curves:
            self._update_curve(cid)
        now, late = self.late.take(d.links)  # many: those out of sight after the frame (late_links)
        for lid in now:
            self._update_link(lid)
        if late:
            self.late.drawn(now)
        elif self.late.defer_labels():  # quick capture: the labels near the card follow it, too
            late = True
        else:
            for lid in lay.take_label_changes() - d.links:  # labels pushed on by the ones that moved
                self._update_link(lid)
        if lay.key_version != self._key_version:  # markers came or went: the key changed
            self._key_version = lay.key_version
            d.frame = True
        if d.frame or d.stages or d.lanes:
            self._update_frame(key=not late)
        if d.curves or d.removed_curves or d.stages:  # (what they are made of: not the frame, which
            self._update_divergences()  # changes with every card that grows a lane)

    # ------------------------------------------------------------ items
    def _remove(self, table: dict, ident) -> None:
        item = table.pop(ident, None)
        if item is not None:
            drawn_by = None  # the cell that drew it (zoomed out), with where
            if isinstance(item, LinkItem):
                item.repaint()  # (drawn by the link layer: Qt repaints nothing for it)
            elif isinstance(item, CardItem) and item.by_cell():
                drawn_by = item.parentItem(), QRectF(item.pos(), item.rect().size())
            self.removeItem(item)
            if drawn_by is not None:
                drawn_by[0].blocks_changed(drawn_by[1])
            self.touched.add((item.kind, ident))

    def _remove_cell(self, cell: Cell) -> None:
        item = self.cell_items.pop(cell, None)
        if item is None:
            return
        for child in item.childItems():
            if isinstance(child, CardItem) and self.card_items.get(child.ident) is child:
                del self.card_items[child.ident]
                self.touched.add(("card", child.ident))
        self.removeItem(item)
        self.touched.add(("cell", cell))

    def _cell_fill(self, lane_id: str) -> str:
        return palette.LANE_FILL[self.layout.lanes_by_id[lane_id].type]

    def _update_cell(self, cell: Cell) -> CellItem | None:
        rect = self.layout.cell_rect(*cell)
        if rect is None:
            return None
        item = self.cell_items.get(cell)
        fill = self._cell_fill(cell[1])
        if item is None:
            item = self.cell_items[cell] = CellItem(cell, rect, fill)
            self.addItem(item)
        else:
            item.set_rect(rect, fill)
        if cell[1] == self.layout.feelings_lane:
            self._set_scale(item, cell)
        self.touched.add(("cell", cell))
        return item

    def _set_scale(self, item: CellItem, cell: Cell) -> None:
        item.set_scale(self.layout.scale_in(cell))

    def _add_card(self, card_id: str, cell_item: CellItem, geo=None) -> None:
        geo = geo or self.layout.card(card_id)
        if geo is None:
            return
        item = self._card_items[card_id] = CardItem(self.doc.card(card_id), geo, cell_item, self.cards_cached)
        if self.cards_as_blocks:  # (zoomed out: its cell draws it)
            if self._building:  # (a new cell draws all of its cards: a flag, no more, for each)
                item.set_by_cell(True)
            elif item.by_cell():
                cell_item.blocks_changed(QRectF(item.pos(), item.rect().size()))
        self.touched.add(("card", card_id))

    def _update_card(self, card_id: str) -> None:
        geo = self.layout.card(card_id)
        card = self.doc.find(Entity.CARD, card_id)
        if geo is None or card is None:
            self._remove(self.card_items, card_id)
            return
        cell = (geo.stage_id, geo.lane_id)
        cell_item = self.cell_items.get(cell) or self._update_cell(cell)
        item = self.card_items.get(card_id)
        if item is None:
            self._add_card(card_id, cell_item)
        else:
            item.set_geometry(card, geo, cell_item)
            self.touched.add(("card", card_id))

    def _update_stage(self, stage_id: str) -> None:
        if stage_id not in self.layout.stage_ids:
            self._remove(self.stage_items, stage_id)
            return
        box = self.layout.stage_header(stage_id)
        colour = self.doc.get(Entity.STAGE, stage_id).colour
        item = self.stage_items.get(stage_id)
        if item is None:
            item = self.stage_items[stage_id] = StageHeaderItem(stage_id, box, palette.HEADER_FILL, colour)
            self.addItem(item)
        else:
            item.set_box(box, palette.HEADER_FILL, colour)
        self.touched.add(("stage", stage_id))

    def _update_lane(self, lane_id: str) -> None:
        box = self.layout.lane_header(lane_id) if lane_id in self.layout.lanes_by_id else None
        if box is None:
            self._remove(self.lane_items, lane_id)
            return
        colour = self.layout.lanes_by_id[lane_id].colour
        item = self.lane_items.get(lane_id)
        if item is None:
            item = self.lane_items[lane_id] = LaneHeaderItem(lane_id, box, palette.HEADER_FILL, colour)
            self.addItem(item)
        else:
            item.set_box(box, palette.HEADER_FILL, colour)
        self.touched.add(("lane", lane_id))

    def _update_curve(self, curve_id: str) -> None:
        geo = self.layout.curve(curve_id)
        curve = self.doc.find(Entity.CURVE, curve_id)
        if geo is None or curve is None:
            self._remove(self.curve_items, curve_id)
            return
        item = self.curve_items.get(curve_id)
        if item is None:
            item = self.curve_items[curve_id] = CurveItem(geo, self.shows_curve(curve))
            self.addItem(item)
        else:
            item.set_geometry(geo, self.shows_curve(curve))
        self.touched.add(("curve", curve_id))

    def _update_link(self, link_id: str, geo=False, drawing=None) -> None:
        """Draw the link where the layout puts it (``geo``: its route as the layout gave it,
        with nothing changed since; by default asked now; ``drawing``: what the item draws of
        it, if worked out already)."""
        if geo is False:
            self.late.forget(link_id)
            geo = self.layout.link(link_id)
        link = self.doc.find(Entity.LINK, link_id)
        if geo is None or link is None:  # gone, or an end is hidden or missing
            self._remove(self.link_items, link_id)
            return
        item = self.link_items.get(link_id)
        if item is None:
            item = self.link_items[link_id] = LinkItem(geo, link)
            self.addItem(item)
            if not self._building:  # (a new layer repaints all of them)
                item.repaint()
        elif item.looks_same(geo, link):
            return  # the layout names every link of a lane that changed; most did not move
        else:
            item.set_geometry(geo, link, drawing)
        self.touched.add(("link", link_id))

    # ------------------------------------------------------------ links after the frame
    @property
    def links_pending(self) -> int:
        return len(self.late)

    @property
    def links_after_frame(self) -> bool:
        return self.late.after_frame

    @links_after_frame.setter
    def links_after_frame(self, on: bool) -> None:
        self.late.after_frame = on

    def settle_links(self) -> None:
        """Route every link still waiting, now (and move the cells that wait)."""
        self.late.settle()

    def _follow_key(self) -> None:
        if self.late.key_stale or self.layout.key_version != self._key_version:  # link markers came or went
            self._key_version = self.layout.key_version
            self._update_frame()

    def _update_frame(self, key: bool = True) -> None:
        """The title band, the corner, the line of visibility, the emotion scale, the scene
        rectangle, the key of link markers (unless ``key`` is False: it waits with the links)
        and header items of stages or lanes that are gone (a handful of items)."""
        lay = self.layout
        title = lay.title_box()
        if self.title_item is None:
            self.title_item = TitleItem(title.id, title, "#FFFFFF")
            self.addItem(self.title_item)
        else:
            self.title_item.set_box(title, "#FFFFFF")
        box = BoxGeometry("corner", lay.corner_rect(), ())
        if self.corner_item is None:
            self.corner_item = CornerItem("corner", box, palette.HEADER_FILL)
            self.addItem(self.corner_item)
        else:
            self.corner_item.set_box(box, palette.HEADER_FILL)
        self.visibility_item.set_geometry(lay.visibility())
        if key:
            self.late.key_stale = False
            self._update_key()
        for sid in set(self.stage_items) - set(lay.stage_ids):
            self._remove(self.stage_items, sid)
        for lid in set(self.lane_items) - set(lay.lane_ids):
            self._remove(self.lane_items, lid)
        if lay.feelings_lane != self._feelings_lane:
            for lane in (self._feelings_lane, lay.feelings_lane):
                for sid in lay.stage_ids:
                    item = self.cell_items.get((sid, lane))
                    if item is not None:
                        self._set_scale(item, (sid, lane))
            self._feelings_lane = lay.feelings_lane
        self._set_scene_rect()

    def _update_key(self) -> None:
        key = self.layout.link_key()
        self._key_h = key.rect.h if key is not None else 0.0
        if key is None:
            if self.key_item is not None:
                self.removeItem(self.key_item)
                self.key_item = None
        elif self.key_item is None:
            self.key_item = KeyItem(key.id, key, "#FFFFFF")
            self.addItem(self.key_item)
        else:
            self.key_item.set_box(key, "#FFFFFF")

    def _set_scene_rect(self) -> None:
        self.setSceneRect(self.map_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
