"""Links on the canvas: draw one from a card's link handle, select one, delete it.

* A card shows a link handle (a small circle at its right edge) while the mouse is over it or
  while it is the only selected card. Dragging from the handle draws a rubber line to the
  mouse; releasing over another card pushes one ``Insert`` of a ``Link`` (kind flow) and
  selects it (its kind and label are edited in the Inspector). Releasing on empty space, on
  the same card, or where the same link already exists does nothing; Esc cancels.
* A click on a link selects it (shared Selection, ``Entity.LINK``; Ctrl toggles); selected
  links are drawn highlighted. Delete (or the context menu) removes the selected links.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QMenu,
)

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import Link, LinkKind, new_id
from app.widgets.canvas.curve_tool import delete_selected_marks, install_delete_filter
from app.widgets.canvas.gestures import ACCENT, Z_OVERLAY, Noop, alive, drop_item, is_valid, select_click
from app.widgets.canvas.interaction import CanvasContext, Hit, element_at
from app.widgets.i18n import translate

HANDLE_PX = 6.0  # the handle's radius in device pixels (it keeps its size when zooming)
HANDLE_KIND = "link-handle"


class LinkHandle(QGraphicsEllipseItem):
    """The circle a link is dragged from; ``data(0)`` is its card's id."""

    def __init__(self):
        r = HANDLE_PX
        super().__init__(QRectF(-r, -r, 2 * r, 2 * r))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(ACCENT)))
        p = QPen(QColor("#FFFFFF"), 1.5)
        p.setCosmetic(True)
        self.setPen(p)
        self.setZValue(Z_OVERLAY + 2)
        self.setData(1, HANDLE_KIND)
        self.setToolTip(translate("Links", "Drag to another card to link them"))
        self.setCursor(Qt.CursorShape.CrossCursor)

    @property
    def card_id(self) -> str | None:
        return self.data(0)


def card_at(scene, pos: QPointF) -> str | None:
    """The id of the card under map position ``pos`` (overlays and links ignored)."""
    for item in scene.items(pos):
        node = item
        while node is not None:
            if node.data(1) == "card":
                return node.data(0)
            node = node.parentItem()
    return None


class _DrawLink:
    """From the handle to the mouse: a rubber line, and the target card outlined."""

    def __init__(self, tool: LinkTool, source: str, start: QPointF):
        self.tool, self.ctx, self.source = tool, tool.ctx, source
        scene = self.ctx.scene
        self.origin = tool.handle_pos(source) or start
        self.line = QGraphicsLineItem()
        p = QPen(QColor(ACCENT), 2, Qt.PenStyle.DashLine)
        p.setCosmetic(True)
        self.line.setPen(p)
        self.line.setZValue(Z_OVERLAY + 1)
        scene.addItem(self.line)
        self.target_box = QGraphicsRectItem()
        tp = QPen(QColor(ACCENT), 2)
        tp.setCosmetic(True)
        self.target_box.setPen(tp)
        self.target_box.setZValue(Z_OVERLAY)
        self.target_box.setVisible(False)
        scene.addItem(self.target_box)
        self.move(start, Qt.KeyboardModifier.NoModifier)

    def _target(self, pos: QPointF) -> str | None:
        cid = card_at(self.ctx.scene, pos)
        return cid if cid is not None and cid != self.source else None

    def move(self, pos: QPointF, modifiers) -> None:
        if alive(self.line):
            self.line.setLine(self.origin.x(), self.origin.y(), pos.x(), pos.y())
        target = self._target(pos)
        item = self.ctx.scene.card_item(target) if target else None
        if alive(self.target_box):
            self.target_box.setVisible(item is not None)
            if item is not None:
                self.target_box.setRect(item.sceneBoundingRect().adjusted(-2, -2, 2, 2))

    def _clear(self) -> None:
        drop_item(self.line)
        drop_item(self.target_box)

    def finish(self, pos: QPointF, modifiers) -> None:
        self._clear()
        target = self._target(pos)
        if target is not None:
            add_link(self.ctx, self.source, target)

    def cancel(self) -> None:
        self._clear()


def add_link(ctx: CanvasContext, source: str, target: str) -> str | None:
    """Link ``source`` to ``target`` (kind flow) as one undo step and select the link. None when
    either card is gone, they are the same card, or that link exists already."""
    doc = ctx.doc
    if source == target or doc.find(Entity.CARD, source) is None or doc.find(Entity.CARD, target) is None:
        return None
    if any(lk.source_id == source and lk.target_id == target for lk in doc.map.links):
        return None
    link = Link(id=new_id("link"), source_id=source, target_id=target, kind=LinkKind.FLOW)
    if not ctx.push(cmd.add_link(link)):
        return None
    ctx.selection.set([(Entity.LINK, link.id)])
    return link.id


class LinkTool(QObject):
    """The canvas tool for links. Register it in ``view.interaction.tools`` (before the card tool)."""

    def __init__(self, ctx: CanvasContext, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx
        self._handle: LinkHandle | None = None
        self._hover: str | None = None  # the card under the mouse
        self._marks: list[QGraphicsItem] = []
        ctx.view.viewport().setMouseTracking(True)  # hover moves: the handle
        ctx.view.viewport().installEventFilter(self)
        install_delete_filter(ctx)
        ctx.selection.changed.connect(self._refresh)
        ctx.scene.applied.connect(self._refresh)

    # ------------------------------------------------------------ the handle
    @property
    def handle(self) -> LinkHandle | None:
        """The handle item while it is shown (else None)."""
        h = self._handle
        return h if alive(h) and h.isVisible() else None

    def handle_pos(self, card_id: str) -> QPointF | None:
        item = self.ctx.scene.card_item(card_id)
        if item is None or not alive(item):
            return None
        r = item.sceneBoundingRect()
        return QPointF(r.right(), r.center().y())

    def show_handle(self, card_id: str | None) -> None:
        pos = self.handle_pos(card_id) if card_id else None
        if pos is None:
            if alive(self._handle):
                self._handle.setVisible(False)
            return
        if not alive(self._handle):
            self._handle = LinkHandle()
            self.ctx.scene.addItem(self._handle)
        self._handle.setData(0, card_id)
        self._handle.setPos(pos)
        self._handle.setVisible(True)

    def _selected_card(self) -> str | None:
        cards = self.ctx.selection.ids(Entity.CARD)
        return cards[0] if len(cards) == 1 else None

    def _refresh(self) -> None:
        if not is_valid(self.ctx.scene):  # the window is going away
            return
        card = self._hover if self._hover and self.ctx.doc.find(Entity.CARD, self._hover) else None
        self.show_handle(card or self._selected_card())
        self._show_selection()

    # ------------------------------------------------------------ Tool protocol
    def press(self, hit: Hit):
        if hit.kind == HANDLE_KIND and hit.ident:
            return _DrawLink(self, hit.ident, hit.scene_pos)
        if hit.kind == "link":
            select_click(self.ctx, Entity.LINK, hit.ident, hit.modifiers)
            return Noop()
        return None

    def double_click(self, hit: Hit) -> bool:
        return False

    # ------------------------------------------------------------ edits
    def delete_selected_links(self) -> bool:
        """Delete the selected links (and selected curve points): one undo step."""
        return delete_selected_marks(self.ctx)

    def context_menu(self, link_id: str, parent=None) -> QMenu:
        self.ctx.selection.set([(Entity.LINK, link_id)])
        menu = QMenu(parent or self.ctx.view)
        menu.addAction(translate("Links", "Delete Link"), self.delete_selected_links)
        return menu

    # ------------------------------------------------------------ looks
    def _show_selection(self) -> None:
        for item in self._marks:
            drop_item(item)
        self._marks = []
        for lid in self.ctx.selection.ids(Entity.LINK):
            item = self.ctx.scene.link_items.get(lid)
            if item is None:
                continue
            glow = QGraphicsPathItem(QPainterPath(item.path))
            p = QPen(QColor(ACCENT), 4)
            p.setCosmetic(True)
            glow.setPen(p)
            glow.setOpacity(0.6)
            glow.setZValue(item.zValue() - 0.5)
            glow.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.ctx.scene.addItem(glow)
            self._marks.append(glow)

    def highlighted(self) -> list[QGraphicsItem]:
        return [m for m in self._marks if alive(m)]

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        view = self.ctx.view
        if t == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            if view.interaction.gesture is not None:
                return False
            item = element_at(view.items(event.position().toPoint()))
            kind = item.data(1) if item is not None else None
            if kind == "card":
                self._hover = item.data(0)
                self.show_handle(self._hover)
            elif kind != HANDLE_KIND:
                self._hover = None
                self.show_handle(self._selected_card())
        elif t == QEvent.Type.ContextMenu:
            item = element_at(view.items(event.pos()))
            if item is not None and item.data(1) == "link":
                menu = self.context_menu(item.data(0))
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False
