"""The differences drawn on the canvas: separate graphics items over the map's own, never part of it.

* added, edited, moved and reordered cards: an outline round the card and a badge (+, ~, →, ↕);
  stage and lane headers likewise;
* removed cards: a ghost (dashed outline, faint fill, the old title struck through) in their old
  cell, below the cards it holds now (where the cell has no room left, at its old place in it);
* moved cards: a faint dashed outline in the old cell (placed as a ghost) and an arrow from there
  to the card;
* changed curves: the old curve drawn under the current one, grey and dashed.

Geometry comes from the shared layout only: the scene's layout for the current map, the old
map's layout for where a removed or moved card sat in its cell (its rectangle relative to the
cell, put into the cell as the canvas shows it now), and for an old curve the layout of the
current map with the old curves. The items carry no model element (``data(1)`` is None), so
the canvas tools look through them, and they accept no mouse buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem
from shiboken6 import isValid

from app.model.geometry import CurveGeometry, Rect
from app.model.layout import CARD_GAP, CELL_PAD, MapLayout, build_layout
from app.model.mapdiff import Change, MapDiff
from app.model.paths import arrow_head
from app.model.schema import Map

ADDED, EDITED, MOVED, REMOVED, OLD_CURVE = "#009E73", "#E69F00", "#0072B2", "#D55E00", "#7A7A7A"
COLOURS = {"added": ADDED, "edited": EDITED, "renamed": EDITED, "moved": MOVED, "reordered": MOVED}
BADGES = {"added": "+", "edited": "~", "renamed": "~", "moved": "→", "reordered": "↕"}
Z_OLD_CURVE, Z_MARK = 19.0, 40.0  # the old curve just under the curves (20); marks over links (25)
OUTLINE_W, GAP, BADGE_R = 3.0, 3.0, 8.0


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _inert(item: QGraphicsItem, z: float) -> QGraphicsItem:
    item.setZValue(z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    item.setData(0, "compare")
    return item


def curve_path(geo: CurveGeometry) -> QPainterPath:
    path = QPainterPath()
    if geo.start is not None:
        path.moveTo(*geo.start)
        for c1, c2, end in geo.segments:
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    for p in geo.points:
        path.addEllipse(QPointF(p.x, p.y), 2.5, 2.5)
    return path


class CompareOverlay:
    """The items of one comparison in ``scene``; :meth:`show` draws a diff, :meth:`clear` removes them."""

    def __init__(self, scene: QGraphicsScene, old: Map):
        self.scene = scene
        self.old = old
        self._old_layout: MapLayout | None = None
        self.items: list[QGraphicsItem] = []
        self.rects: dict[int, QRectF] = {}  # change index -> where it shows (for the list dock)
        self._next_slot: dict[tuple[str, str], float] = {}  # cell -> top of its next ghost
        self._curve_key: tuple | None = None  # what placed the old curves last time
        self._curve_geos: list[CurveGeometry] = []

    @property
    def old_layout(self) -> MapLayout:
        if self._old_layout is None:
            self._old_layout = build_layout(self.old)
        return self._old_layout

    def clear(self) -> None:
        for item in self.items:
            if isValid(item) and item.scene() is self.scene:  # a rebuild may have taken them already
                self.scene.removeItem(item)
        self.items = []
        self.rects = {}
        self._next_slot = {}

    def show(self, diff: MapDiff) -> None:
        self.clear()
        layout = self.scene.layout
        for i, change in enumerate(diff.changes):
            rect = self._draw(change, layout)
            if rect is not None:
                self.rects[i] = rect
        self._old_curves(diff, layout)

    # ----------------------------------------------------------------------------- items
    def _add(self, item: QGraphicsItem, z: float = Z_MARK) -> QGraphicsItem:
        self.scene.addItem(_inert(item, z))
        self.items.append(item)
        return item

    def _mark(self, rect: QRectF, action: str) -> None:
        colour = QColor(COLOURS[action])
        outline = QPainterPath()
        outline.addRoundedRect(rect.adjusted(-GAP, -GAP, GAP, GAP), 4, 4)
        item = QGraphicsPathItem(outline)
        item.setPen(QPen(colour, OUTLINE_W))
        self._add(item)
        badge = QPainterPath()
        centre = QPointF(rect.right(), rect.top())
        badge.addEllipse(centre, BADGE_R, BADGE_R)
        dot = QGraphicsPathItem(badge)
        dot.setPen(QPen(Qt.PenStyle.NoPen))
        dot.setBrush(QBrush(colour))
        self._add(dot)
        text = QGraphicsSimpleTextItem(BADGES[action])
        font = QFont()
        font.setPointSizeF(9)
        font.setBold(True)
        text.setFont(font)
        text.setBrush(QBrush(QColor("#FFFFFF")))
        box = text.boundingRect()
        text.setPos(centre.x() - box.width() / 2, centre.y() - box.height() / 2)
        self._add(text, Z_MARK + 1)

    def _ghost(self, rect: QRectF, title: str, colour: str, *, faint: bool = False) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, 3, 3)
        item = QGraphicsPathItem(path)
        pen = QPen(QColor(colour), 1.5, Qt.PenStyle.DashLine)
        item.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(20 if faint else 40)
        item.setBrush(QBrush(fill))
        self._add(item)
        if faint or not title:
            return
        label = QGraphicsSimpleTextItem(title if len(title) <= 40 else title[:39] + "…")
        font = QFont()
        font.setPointSizeF(8)
        font.setStrikeOut(True)
        label.setFont(font)
        label.setBrush(QBrush(QColor(colour)))
        label.setPos(rect.x() + 6, rect.y() + 4)
        self._add(label, Z_MARK + 1)

    def _arrow(self, start: QPointF, end: QPointF) -> None:
        path = QPainterPath(start)
        path.lineTo(end)
        tip, left, right = arrow_head((start.x(), start.y()), (end.x(), end.y()), (start.x(), start.y()))
        path.moveTo(*tip)
        path.lineTo(*left)
        path.lineTo(*right)
        path.closeSubpath()
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(MOVED), 2.0))
        item.setBrush(QBrush(QColor(MOVED)))
        self._add(item)

    # ----------------------------------------------------------------------------- changes
    def _old_place(self, card_id: str, layout: MapLayout) -> QRectF | None:
        """Where to show card ``card_id`` as it sat in the old map: in its old cell as the canvas
        draws it now, below the cell's current cards (ghosts stack there, one after another) so
        they cover none; where the cell has no room left, at the place it had in the old cell."""
        geo = self.old_layout.card(card_id)
        if geo is None:
            return None
        cell = layout.cell_rect(geo.stage_id, geo.lane_id)
        if cell is None:  # the cell is gone (or hidden) now: where the old map had it
            return _qrect(geo.rect)
        key = (geo.stage_id, geo.lane_id)
        if key not in self._next_slot:
            stack = layout.cell_cards(key)  # top to bottom: the last card ends the stack
            last = layout.card_rect(stack[-1]) if stack else None
            self._next_slot[key] = last.bottom + CARD_GAP if last is not None else cell.y + CELL_PAD
        y = self._next_slot[key]
        if y + geo.local.h <= cell.bottom:
            self._next_slot[key] = y + geo.local.h + CARD_GAP
        else:
            y = min(cell.y + geo.local.y, max(cell.y, cell.bottom - geo.local.h))
        return QRectF(cell.x + geo.local.x, y, geo.local.w, geo.local.h)

    def _draw(self, c: Change, layout: MapLayout) -> QRectF | None:
        if c.entity == "card":
            if c.action == "removed":
                rect = self._old_place(c.id, layout)
                if rect is not None:
                    self._ghost(rect, c.name, REMOVED)
                return rect
            now = layout.card_rect(c.id)
            if now is None:
                return None
            rect = _qrect(now)
            self._mark(rect, c.action)
            if c.action == "moved":
                was = self._old_place(c.id, layout)
                if was is not None:
                    self._ghost(was, "", MOVED, faint=True)
                    self._arrow(was.center(), _edge_towards(rect, was.center()))
                    return rect.united(was)
            return rect
        if c.entity in ("stage", "lane") and c.action != "removed":
            if c.entity == "stage":
                box = layout.stage_header_rect(c.id) if c.id in layout.stage_ids else None
            else:
                box = layout.lane_header_rect(c.id)
            if box is None:
                return None
            rect = _qrect(box)
            self._mark(rect, c.action)
            return rect
        if c.entity in ("curve", "point"):
            band = layout.curve_band()
            return _qrect(band) if band is not None else None
        return None

    def _old_curves(self, diff: MapDiff, layout: MapLayout) -> None:
        changed = {
            c.parent or c.id for c in diff.changes if c.entity in ("curve", "point") and c.action != "added"
        }
        old = [curve for curve in self.old.curves if curve.id in changed]
        if not old or layout.curve_band() is None:
            return
        for geo in self._old_curve_geometries(diff.new, layout, old):
            item = QGraphicsPathItem(curve_path(geo))
            item.setPen(QPen(QColor(OLD_CURVE), 2.0, Qt.PenStyle.DashLine))
            self._add(item, Z_OLD_CURVE)

    def _old_curve_geometries(self, new: Map, layout: MapLayout, old: list) -> list[CurveGeometry]:
        """The old curves in the current map's geometry, from the shared layout of the current map
        holding the old curves. Only what places a curve is laid out: the stages, the lanes, the
        cards of the lanes down to the feelings lane (they set its top and height) and the cards
        old points are anchored to (their stage places the point); kept while none of that moved,
        so an edit elsewhere in a big map costs no layout here."""
        anchored = {p.card_id for curve in old for p in curve.points if p.card_id}
        anchors = tuple(sorted((c.id, c.stage_id) for c in new.cards if c.id in anchored)) if anchored else ()
        stages = tuple((sid, layout.stage_rect(sid)) for sid in layout.stage_ids)
        key = (layout.curve_band(), stages, anchors, tuple(id(curve) for curve in old))
        if key != self._curve_key:
            above = []
            for lane in new.lanes:
                above.append(lane.id)
                if lane.id == layout.feelings_lane:
                    break
            wanted = set(above)
            cards = [c for c in new.cards if c.lane_id in wanted or c.id in anchored]
            hybrid = build_layout(
                new.model_copy(update={"curves": old, "cards": cards, "links": [], "vote": None})
            )
            geos = [hybrid.curve(curve.id) for curve in old]
            self._curve_key, self._curve_geos = (
                key,
                [g for g in geos if g is not None and g.start is not None],
            )
        return self._curve_geos


def _edge_towards(rect: QRectF, point: QPointF) -> QPointF:
    """The point on ``rect``'s edge on the way from its centre to ``point``."""
    centre = rect.center()
    dx, dy = point.x() - centre.x(), point.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    sx = (rect.width() / 2) / abs(dx) if dx else float("inf")
    sy = (rect.height() / 2) / abs(dy) if dy else float("inf")
    s = min(sx, sy, 1.0)
    return QPointF(centre.x() + dx * s, centre.y() + dy * s)
