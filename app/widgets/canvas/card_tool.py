"""Cards on the canvas under the mouse: select, drag between cells, drop palette kinds.

:class:`CardTool` is one of the view's interaction tools (see :mod:`app.widgets.canvas.interaction`):

* a press on a card selects it (Ctrl toggles it, Shift adds it) and returns a :class:`CardDrag`;
  once the mouse has travelled the platform's drag distance the dragged cards (the whole
  selection when the pressed card is selected) leave their cells on screen: they are lifted to
  the scene's top level and each mouse move only sets their positions, the cell under the
  pointer is outlined (one item changes, only when the target changes) and
  ``layout.drop_index`` (O(cards of that cell)) is the only layout call. On release the items go
  back where they were and ONE :class:`~app.model.commands.MoveCards` is pushed; the scene then
  follows the document. Esc cancels (items back, nothing pushed); a drop where the cards
  already are pushes nothing. While the drag lasts a :class:`FrozenFrame` paints the viewport
  from a snapshot taken at its start plus the dragged cards' images (up to 64 cards; a frame
  then costs well under a millisecond however dense the map; scrolling or zooming hands
  painting back to the scene);
* a press on an empty spot of a cell makes it the selected cell of :class:`CardActions` and is
  left to Qt (clearing the selection, rubber band selection of cards);
* a double-click on a card opens the inline editor.

:class:`SelectionSync` keeps Qt's item selection (what cards draw as selected, what the rubber
band selects) and the shared :class:`~app.widgets.selection.Selection` equal, both ways.
:class:`PaletteDrop` is a drop target of the view: a palette kind (``CARD_KIND_MIME``) dropped
on a cell becomes a new card there, at the drop index, selected and open in the inline editor.
Presses with Alt held are left to other tools (links).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPixmap, QRegion
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.model.commands import MoveCards
from app.model.events import Cell, Entity
from app.widgets.canvas.interaction import CanvasContext, Hit
from app.widgets.docks.card_kinds import kind_from_mime

DRAG_Z = 1000.0  # dragged cards float above everything
DRAG_OPACITY = 0.85
TARGET_ALPHA = 28  # the theme's selection colour, faint (as a drop target cell's fill)


def cell_at(layout, x: float, y: float) -> Cell | None:
    """The (stage, visible lane) cell at map point (x, y), or None (O(stages + lanes))."""
    stage = None
    for sid in layout.stage_ids:
        r = layout.stage_header_rect(sid)
        if r.x <= x < r.x + r.w:
            stage = sid
            break
    if stage is None:
        return None
    for lid in layout.lane_ids:
        r = layout.lane_rect(lid)
        if r is not None and r.y <= y < r.y + r.h:
            return (stage, lid)
    return None


def stack_order(doc, card_ids) -> list[str]:
    """Card ids sorted as they stand on the map: by stage, lane, then place in the stack."""
    m = doc.map
    stage_ix = {s.id: i for i, s in enumerate(m.stages)}
    lane_ix = {ln.id: i for i, ln in enumerate(m.lanes)}
    cards = [doc.card(i) for i in card_ids if doc.find(Entity.CARD, i) is not None]
    cards.sort(key=lambda c: (stage_ix.get(c.stage_id, 0), lane_ix.get(c.lane_id, 0), c.order, c.id))
    return [c.id for c in cards]


def is_noop_move(layout, card_ids: list[str], cell: Cell, index: int) -> bool:
    """True when moving ``card_ids`` into ``cell`` at ``index`` leaves the stack as it is."""
    stack = layout.cell_cards(cell)
    moving = set(card_ids)
    if not moving <= set(stack):
        return False
    rest = [c for c in stack if c not in moving]
    ordered = [c for c in stack if c in moving]
    return rest[:index] + ordered + rest[index:] == stack


# platforms whose window backing store is one image, the one last shown (FrozenFrame._on_screen)
ONE_IMAGE_PLATFORMS = ("xcb", "windows", "offscreen")


class FrozenFrame(QObject):
    """While cards are dragged, the viewport shows a snapshot of the map as it was when the
    drag began (without the dragged cards), the dragged cards' images at their current places
    and the target cell's outline: a frame costs a blit and a few small pixmaps, however many
    cards and links the map draws in that area. Nothing in the map changes during a drag; if the
    view scrolls, zooms or resizes meanwhile the frame lets normal painting take over."""

    MAX_ITEMS = 64  # a bigger drag paints normally (its images would cost more than they save)

    def __init__(self, view, items: list[QGraphicsItem]):
        super().__init__(view)
        self.view = view
        self.items = items
        self.target: QRectF | None = None
        vp = view.viewport()
        opacity = [it.opacity() for it in items]
        for it in items:
            it.setOpacity(0.0)  # not drawn (hiding would deselect them)
        self.snapshot = self._on_screen(items)
        if self.snapshot is None:
            self.snapshot = vp.grab()
        for it, o in zip(items, opacity, strict=True):
            it.setOpacity(o)
        zoom = view.transform().m11()
        dpr = vp.devicePixelRatioF()
        self.images = [self._image(it, zoom, dpr) for it in items]
        self.state = self._state()
        self.active = True
        self.drawn: list[QRect] = []  # where the cards' images were painted last (viewport)
        self.missed = QRegion()  # what the viewport was asked to repaint while it showed this
        vp.installEventFilter(self)

    def _on_screen(self, items: list[QGraphicsItem]) -> QPixmap | None:
        """The snapshot from the pixels the window shows (its backing store), with the places
        of ``items`` (hidden by the caller) drawn again: a render of the whole viewport took
        ~25 ms at 100 % and ~50 ms with the whole map in view at 10,000 cards, the drag's first
        frame. None where the backing store is not the one image last shown (platforms with
        several buffers: Wayland, macOS) or not an image: the caller renders the viewport."""
        vp = self.view.viewport()
        if QGuiApplication.platformName() not in ONE_IMAGE_PLATFORMS:
            return None
        store = vp.window().backingStore()
        image = store.paintDevice() if store is not None else None
        if not isinstance(image, QImage) or image.isNull():
            return None
        ratio = image.devicePixelRatio()
        at = vp.mapTo(vp.window(), QPoint(0, 0))
        part = QRect(round(at.x() * ratio), round(at.y() * ratio), round(vp.width() * ratio), round(vp.height() * ratio))
        if not image.rect().contains(part):
            return None
        snapshot = QPixmap.fromImage(image.copy(part))
        snapshot.setDevicePixelRatio(ratio)
        region = QRegion()
        for it in items:
            region += self.view.mapFromScene(it.sceneBoundingRect()).boundingRect().adjusted(-3, -3, 3, 3)
        painter = QPainter(snapshot)
        # (the region's top left goes to the offset given: its own place)
        vp.render(painter, region.boundingRect().topLeft(), region, QWidget.RenderFlag.DrawWindowBackground)
        painter.end()
        return snapshot

    def _state(self):
        v = self.view
        return (v.transform(), v.horizontalScrollBar().value(), v.verticalScrollBar().value(), v.viewport().size())

    def _image(self, item: QGraphicsItem, zoom: float, dpr: float) -> QPixmap:
        r = item.boundingRect()
        pm = QPixmap(math.ceil(r.width() * zoom * dpr) + 2, math.ceil(r.height() * zoom * dpr) + 2)
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHints(self.view.renderHints())
        p.scale(zoom, zoom)
        p.translate(-r.x(), -r.y())
        item.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        return pm

    def _image_rect(self, item: QGraphicsItem, pm: QPixmap) -> QRect:
        origin = self.view.mapFromScene(item.mapToScene(item.boundingRect().topLeft()))
        return QRect(origin, pm.deviceIndependentSize().toSize())

    def moved(self) -> None:
        """The dragged cards moved: repaint where their images were and where they are now.
        The scene repaints the items' bounding rectangles, but an image reaches a pixel or two
        beyond them (its outline, rounding to whole pixels): on a real display those pixels
        stayed on screen along the path as trails."""
        vp = self.view.viewport()
        now = [self._image_rect(item, pm) for item, pm in zip(self.items, self.images, strict=True)]
        for r in (*self.drawn, *now):
            vp.update(r.adjusted(-3, -3, 3, 3))
        self.drawn = now

    def set_target(self, rect: QRectF | None) -> None:
        if rect != self.target:
            vp = self.view.viewport()
            for r in (self.target, rect):
                if r is not None:
                    vp.update(self.view.mapFromScene(r).boundingRect().adjusted(-3, -3, 3, 3))
            self.target = rect

    def release(self, whole: bool = False) -> None:
        """Let normal painting take over. On screen is the snapshot (the map as it still is, but
        for the dragged cards' places, which the scene repaints as they go back and move) with
        the cards' images and the target's outline on it: repaint those (a drop then costs what
        it changed, not a repaint of the whole view). ``whole``: the view scrolled, zoomed or
        resized, so the snapshot is not what the view shows."""
        if self.active:
            self.active = False
            vp = self.view.viewport()
            vp.removeEventFilter(self)
            if whole or self._state() != self.state:
                vp.update()
                return
            # everything Qt asked to repaint meanwhile (the snapshot was shown instead: an edit
            # from the room, a tag, the images' trail), the images and the outline where they are
            region = QRegion(self.missed)
            now = [self._image_rect(item, pm) for item, pm in zip(self.items, self.images, strict=True)]
            for r in (*self.drawn, *now):
                region += r.adjusted(-3, -3, 3, 3)
            if self.target is not None:
                region += self.view.mapFromScene(self.target).boundingRect().adjusted(-3, -3, 3, 3)
            vp.update(region)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Paint or not self.active:
            return False
        if self._state() != self.state:
            self.release(whole=True)
            return False
        self.missed += event.region()
        view = self.view
        p = QPainter(view.viewport())
        p.drawPixmap(0, 0, self.snapshot)
        if self.target is not None:
            r = QRectF(view.mapFromScene(self.target).boundingRect())
            outline = QColor(view.scene().theme.selection)  # as the cell's own drop mark
            fill = QColor(outline)
            fill.setAlpha(TARGET_ALPHA)
            p.fillRect(r, fill)
            p.setPen(QPen(outline, 3))
            p.drawRect(r.adjusted(1.5, 1.5, -1.5, -1.5))
        for item, pm in zip(self.items, self.images, strict=True):
            p.setOpacity(item.opacity())
            origin = item.mapToScene(item.boundingRect().topLeft())
            p.drawPixmap(view.mapFromScene(origin), pm)
        p.end()
        return True


class CardDrag:
    """One press on a card until its release: a click (selection only) or a drag of cards."""

    def __init__(self, tool: CardTool, hit: Hit, card_ids: list[str], click_select: list | None):
        self.tool = tool
        self.ctx = tool.ctx
        self.start = QPointF(hit.scene_pos)
        self.card_ids = card_ids
        self.click_select = click_select  # the selection a click without motion ends with
        self.items: list[tuple[QGraphicsItem, QGraphicsItem | None, QPointF, float, float, QPointF]] = []
        self.started = False
        self.target: Cell | None = None
        self.frame: FrozenFrame | None = None

    # --------------------------------------------------------------- screen only
    def _begin(self) -> None:
        scene = self.ctx.scene
        self.started = True
        for cid in self.card_ids:
            item = scene.card_item(cid)
            if item is None:
                continue
            scene_pos = item.scenePos()
            self.items.append((item, item.parentItem(), item.pos(), item.zValue(), item.opacity(), scene_pos - self.start))
            cell, at = item.parentItem(), QRectF(item.pos(), item.rect().size())
            item.setParentItem(None)
            if item.by_cell() is False and getattr(scene, "cards_as_blocks", False) and cell is not None:
                cell.blocks_changed(at)  # (zoomed out its cell drew it: now it draws itself)
            item.setPos(scene_pos)
            item.setZValue(DRAG_Z)
            item.setOpacity(DRAG_OPACITY)
        moving = [it[0] for it in self.items]
        if 0 < len(moving) <= FrozenFrame.MAX_ITEMS:
            self.frame = FrozenFrame(self.ctx.view, moving)
        self.ctx.dragging.emit(list(self.card_ids))

    def _restore(self) -> None:
        if self.frame is not None:
            self.frame.release()
            self.frame.deleteLater()
            self.frame = None
        for item, parent, pos, z, opacity, _ in self.items:
            item.setParentItem(parent)
            item.setPos(pos)
            item.setZValue(z)
            item.setOpacity(opacity)
            if item.by_cell():  # zoomed out: its cell draws it again
                parent.blocks_changed(QRectF(pos, item.rect().size()))
        self.items = []
        self._set_target(None)
        self.ctx.dragging.emit([])

    def _set_target(self, cell: Cell | None) -> None:
        if cell == self.target:
            return
        items = self.ctx.scene.cell_items
        if self.target is not None and self.target in items:
            items[self.target].set_mark(self.tool.cell_mark(self.target))
        self.target = cell
        if cell is not None and cell in items:
            items[cell].set_mark("target")
        if self.frame is not None:
            r = self.ctx.layout.cell_rect(*cell) if cell is not None else None
            self.frame.set_target(None if r is None else QRectF(r.x, r.y, r.w, r.h))

    def _far_enough(self, pos: QPointF) -> bool:
        zoom = self.ctx.view.transform().m11() or 1.0
        d = (pos - self.start) * zoom
        return abs(d.x()) + abs(d.y()) >= QApplication.startDragDistance()

    # --------------------------------------------------------------- gesture
    def move(self, scene_pos: QPointF, modifiers) -> None:
        if not self.card_ids:
            return
        if not self.started:
            if not self._far_enough(scene_pos):
                return
            self._begin()
        for item, _parent, _pos, _z, _opacity, offset in self.items:
            item.setPos(scene_pos + offset)
        if self.frame is not None:
            self.frame.moved()
        self._set_target(cell_at(self.ctx.layout, scene_pos.x(), scene_pos.y()))

    def finish(self, scene_pos: QPointF, modifiers) -> None:
        if not self.started:
            if self.click_select is not None:
                self.ctx.selection.set(self.click_select)
            return
        lay = self.ctx.layout
        cell = cell_at(lay, scene_pos.x(), scene_pos.y())
        self._restore()  # before the push: the scene then moves the items from where they were
        if cell is None:
            return
        ids = [c for c in self.card_ids if self.ctx.doc.find(Entity.CARD, c) is not None]
        index = lay.drop_index(cell, scene_pos.y(), set(ids))
        if not ids or is_noop_move(lay, ids, cell, index):
            return
        self.ctx.push(MoveCards(ids, cell[0], cell[1], index))
        self.tool.actions.set_cell(cell)

    def cancel(self) -> None:
        self._restore()


class CardTool:
    """The interaction tool for cards (see the module docstring)."""

    def __init__(self, ctx: CanvasContext, actions):
        self.ctx = ctx
        self.actions = actions

    def cell_mark(self, cell: Cell) -> str:
        return "selected" if self.actions.shows_cell(cell) else ""

    def press(self, hit: Hit) -> CardDrag | None:
        if hit.modifiers & Qt.KeyboardModifier.AltModifier:
            return None
        if hit.kind == "cell":
            self.actions.set_cell(tuple(hit.ident))
            return None
        if hit.kind in (None, "visibility"):  # the line of visibility lies over cells
            cell = cell_at(self.ctx.layout, hit.scene_pos.x(), hit.scene_pos.y())
            if cell is not None:
                self.actions.set_cell(cell)
            return None
        if hit.kind != "card":
            return None
        self.actions.close_editor(commit=True)
        sel = self.ctx.selection
        cid = hit.ident
        item = (Entity.CARD, cid)
        click_select = None
        if hit.modifiers & Qt.KeyboardModifier.ControlModifier:
            sel.toggle(Entity.CARD, cid)
            if not sel.contains(Entity.CARD, cid):
                return CardDrag(self, hit, [], None)  # toggled off: a click, no drag
        elif hit.modifiers & Qt.KeyboardModifier.ShiftModifier:
            if not sel.contains(*item):
                sel.add(*item)
        elif sel.contains(*item):
            click_select = [item]  # a click on one of several selected cards selects it alone
            # keep it current (last) so that the keyboard continues from it
            sel.set([it for it in sel.items() if it != item] + [item])
        else:
            sel.set([item])
        ids = stack_order(self.ctx.doc, sel.ids(Entity.CARD))
        return CardDrag(self, hit, ids, click_select)

    def double_click(self, hit: Hit) -> bool:
        if hit.kind != "card" or hit.modifiers & Qt.KeyboardModifier.AltModifier:
            return False
        self.ctx.selection.set([(Entity.CARD, hit.ident)])
        self.actions.edit_card(hit.ident)
        return True


class SelectionSync(QObject):
    """Qt's item selection <-> the shared Selection (cards only; other elements are left to
    their own tools). A click, Ctrl-click or rubber band in Qt becomes the shared selection;
    a selection made elsewhere (outline, keyboard) selects the card items."""

    def __init__(self, ctx: CanvasContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self._scene = None
        ctx.selection.changed.connect(self.to_scene)
        self.attach()

    def attach(self) -> None:
        """Follow ``ctx.scene`` (call again if the context gets another scene)."""
        scene = self.ctx.scene
        if scene is self._scene:
            return
        if self._scene is not None:
            try:
                self._scene.selectionChanged.disconnect(self.from_scene)
            except (RuntimeError, TypeError):
                pass
        self._scene = scene
        scene.selectionChanged.connect(self.from_scene)
        applied = getattr(scene, "applied", None)
        if applied is not None:  # items made afresh (undo of a delete, a rebuild) get their look
            applied.connect(self.to_scene)
        self.to_scene()

    def from_scene(self) -> None:
        try:
            self._from_scene()
        except RuntimeError:  # the scene is being destroyed
            pass

    def _from_scene(self) -> None:
        if self._busy:
            return
        scene = self.ctx.scene
        qt_ids = {it.data(0) for it in scene.selectedItems() if it.data(1) == "card"}
        sel = self.ctx.selection
        if set(sel.ids(Entity.CARD)) == qt_ids:
            return
        kept = [(Entity.CARD, i) for i in sel.ids(Entity.CARD) if i in qt_ids]
        known = {i for _, i in kept}
        added = [(Entity.CARD, i) for i in stack_order(self.ctx.doc, qt_ids - known)]
        self._busy = True
        try:
            sel.set(kept + added)
        finally:
            self._busy = False

    def to_scene(self) -> None:
        try:
            self._to_scene()
        except RuntimeError:  # the scene is being destroyed
            pass

    def _to_scene(self) -> None:
        if self._busy:
            return
        scene = self.ctx.scene
        wanted = set(self.ctx.selection.ids(Entity.CARD))
        self._busy = True
        try:
            for it in scene.selectedItems():
                if it.data(1) != "card" or it.data(0) not in wanted:
                    it.setSelected(False)
            for cid in wanted:
                item = scene.card_item(cid)
                if item is not None and not item.isSelected():
                    item.setSelected(True)
        finally:
            self._busy = False


class PaletteDrop:
    """A drop target of the view: palette kinds become cards where they are dropped."""

    def __init__(self, ctx: CanvasContext, actions):
        self.ctx = ctx
        self.actions = actions
        self.target: Cell | None = None

    def _cell(self, event) -> Cell | None:
        pos = self.ctx.view.mapToScene(event.position().toPoint())
        return cell_at(self.ctx.layout, pos.x(), pos.y())

    def _mark(self, cell: Cell | None) -> None:
        if cell == self.target:
            return
        items = self.ctx.scene.cell_items
        if self.target is not None and self.target in items:
            items[self.target].set_mark("selected" if self.actions.shows_cell(self.target) else "")
        self.target = cell
        if cell is not None and cell in items:
            items[cell].set_mark("target")

    def drag_enter(self, event) -> bool:
        if kind_from_mime(event.mimeData()) is None:
            return False
        event.acceptProposedAction()
        self._mark(self._cell(event))
        return True

    def drag_move(self, event) -> None:
        cell = self._cell(event)
        self._mark(cell)
        if cell is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def drag_leave(self) -> None:
        self._mark(None)

    def drop(self, event) -> None:
        self._mark(None)
        kind = kind_from_mime(event.mimeData())
        pos = self.ctx.view.mapToScene(event.position().toPoint())
        cell = cell_at(self.ctx.layout, pos.x(), pos.y())
        if kind is None or cell is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        index = self.ctx.layout.drop_index(cell, pos.y())
        self.actions.create_card(cell, index, kind)
