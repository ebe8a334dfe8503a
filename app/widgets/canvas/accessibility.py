"""The map's cards for assistive technology (screen readers, braille displays).

Cards are QGraphicsItems, not widgets, so Qt's accessibility tree stops at the view. Here the
view's accessible interface (:class:`MapAccessible`, made by a factory installed with
:func:`install_factory`) lists, after the view's own child widgets (viewport, scroll bars), one
:class:`CardAccessible` per card, in reading order: stage by stage, and within a stage lane by
lane, each cell's stack from the top. A card reads as its title (the name) and "stage / lane,
kind, pain point, moment of truth, N votes" (the description); the current card is the view's
focus child.

:class:`CardAnnouncer` keeps the view's own accessible description on the current card
("Card: Order laptops, Purchase / Customer actions, Customer action, pain point") and, when the
current card changes (keys or a click), sends a focus event for it, so a screen reader says
which card the arrow keys reached. :func:`announce` speaks a short message (the keyboard link
and curve paths say what to do next).

Wiring (the main window, right after the view is made)::

    CardAnnouncer(ctx)   # installs the factory; the view's interface finds it on the view
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget

from app.model.events import Entity
from app.model.palette import KIND_LABEL
from app.model.voting import in_scope, tallies
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.view import MapView
from app.widgets.i18n import translate


def card_description(doc, card_id: str) -> str:
    """Where the card sits and what it is: "Purchase / Customer actions, Touchpoint, pain point"."""
    card = doc.find(Entity.CARD, card_id)
    if card is None:
        return ""
    stage = doc.find(Entity.STAGE, card.stage_id)
    lane = doc.find(Entity.LANE, card.lane_id)
    parts = [f"{stage.name if stage else '?'} / {lane.name if lane else '?'}", translate("Accessibility", KIND_LABEL[card.kind])]
    if card.pain_point:
        parts.append(translate("Accessibility", "pain point"))
    if card.moment_of_truth:
        parts.append(translate("Accessibility", "moment of truth"))
    vote = doc.map.vote
    if vote is not None and not vote.hidden and in_scope(vote, card):  # the live count, as the badges
        dots = tallies(doc).get(card_id, 0)
        parts.append(translate("Accessibility", "%n dot(s) in the open vote", None, dots))
    if card.votes:
        parts.append(translate("Accessibility", "{0} votes").format(card.votes) if card.votes != 1 else translate("Accessibility", "1 vote"))
    return ", ".join(parts)


def card_name(doc, card_id: str) -> str:
    card = doc.find(Entity.CARD, card_id)
    if card is None:
        return ""
    return " ".join(card.title.split()) or translate("Accessibility", "Untitled card")


def card_summary(doc, card_id: str) -> str:
    """The whole card in one line: "Card: <title>, <stage> / <lane>, <kind>, <marks>"."""
    return translate("Accessibility", "Card: {0}, {1}").format(card_name(doc, card_id), card_description(doc, card_id))


def announce(widget, text: str) -> None:
    """Ask a screen reader to say ``text`` (politely: after what it is saying)."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class CardAccessible(QAccessibleInterface):
    """One card: a list item of the map view. It holds the card's id, not its item, so it stays
    valid across scene rebuilds while the card exists."""

    def __init__(self, cards: CardAnnouncer, card_id: str):
        super().__init__()
        self.cards, self.card_id = cards, card_id

    def _view(self) -> MapView:
        return self.cards.ctx.view

    def isValid(self) -> bool:  # noqa: N802 - Qt's name
        return self.cards.ctx.doc.find(Entity.CARD, self.card_id) is not None

    def object(self):  # noqa: A003 - Qt's name
        return None

    def window(self):
        return self._view().window().windowHandle()

    def relations(self, match=None):
        return []

    def focusChild(self):  # noqa: N802 - Qt's name
        return None

    def childAt(self, x: int, y: int):  # noqa: N802 - Qt's name
        return None

    def parent(self):
        return QAccessible.queryAccessibleInterface(self._view())

    def child(self, index: int):
        return None

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        return 0

    def indexOfChild(self, child) -> int:  # noqa: N802 - Qt's name
        return -1

    def text(self, kind) -> str:
        doc = self.cards.ctx.doc
        if kind == QAccessible.Text.Name:
            return card_name(doc, self.card_id)
        if kind == QAccessible.Text.Description:
            return card_description(doc, self.card_id)
        return ""

    def setText(self, kind, text: str) -> None:  # noqa: N802 - Qt's name
        pass  # titles are edited in place (F2) or in the Inspector, as one command

    def rect(self) -> QRect:
        """The card on screen (global coordinates), empty when it is scrolled away."""
        view = self._view()
        item = self.cards.ctx.scene.card_item(self.card_id)
        if item is None:
            return QRect()
        r = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        r = r.intersected(view.viewport().rect())
        if r.isEmpty():
            return QRect()
        return QRect(view.viewport().mapToGlobal(r.topLeft()), r.size())

    def role(self):
        return QAccessible.Role.ListItem

    def state(self):
        s = QAccessible.State()
        s.focusable = True
        s.selectable = True
        s.selected = self.card_id in self.cards.ctx.selection.ids(Entity.CARD)
        s.focused = self.cards.current == self.card_id and self._view().hasFocus()
        s.invisible = self.rect().isEmpty()
        s.offscreen = s.invisible
        return s


class MapAccessible(QAccessibleWidget):
    """The map view: its child widgets, then one child per card (see the module docstring)."""

    def __init__(self, view: MapView):
        super().__init__(view, QAccessible.Role.List)
        self.view = view

    def _cards(self) -> CardAnnouncer | None:
        return getattr(self.view, "card_accessibility", None)

    def _widgets(self) -> int:
        return super().childCount()

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        cards = self._cards()
        return self._widgets() + (len(cards.order()) if cards else 0)

    def child(self, index: int):
        n = self._widgets()
        if index < n:
            return super().child(index)
        cards = self._cards()
        order = cards.order() if cards else []
        return cards.interface(order[index - n]) if 0 <= index - n < len(order) else None

    def indexOfChild(self, child) -> int:  # noqa: N802 - Qt's name
        cards = self._cards()
        if isinstance(child, CardAccessible) and cards is not None:
            i = cards.position(child.card_id)
            return -1 if i < 0 else self._widgets() + i
        return super().indexOfChild(child)

    def focusChild(self):  # noqa: N802 - Qt's name
        cards = self._cards()
        if cards is not None and cards.current and self.view.hasFocus():
            return cards.interface(cards.current)
        return super().focusChild()

    def childAt(self, x: int, y: int):  # noqa: N802 - Qt's name
        cards = self._cards()
        if cards is not None:
            pos = self.view.viewport().mapFromGlobal(QPoint(x, y))
            if self.view.viewport().rect().contains(pos):
                for item in self.view.items(pos):
                    if item.data(1) == "card":
                        return cards.interface(item.data(0))
        return super().childAt(x, y)


def _factory(key: str, obj: QObject):
    if isinstance(obj, MapView):
        return MapAccessible(obj)
    return None


_installed = False


def install_factory() -> None:
    """Make Qt ask :class:`MapAccessible` for map views (once per process; a view's interface
    is made when it is first asked for, so install before anything queries the view)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


class CardAnnouncer(QObject):
    """The cards of ``ctx``'s view for assistive technology: the card interfaces, their order,
    and the current card announced when it changes."""

    def __init__(self, ctx: CanvasContext, parent: QObject | None = None):
        super().__init__(parent or ctx.view)
        install_factory()
        self.ctx = ctx
        self.current: str | None = None
        self._order: list[str] | None = None
        self._index: dict[str, int] = {}
        self._interfaces: dict[str, CardAccessible] = {}  # kept alive while Qt may ask for them
        view = ctx.view
        view.card_accessibility = self
        if not view.accessibleName():
            view.setAccessibleName(translate("Accessibility", "Journey map"))
        ctx.selection.changed.connect(self._selection_changed)
        ctx.scene.applied.connect(self._scene_applied)

    # ------------------------------------------------------------ the cards, in reading order
    def order(self) -> list[str]:
        if self._order is None:
            lay = self.ctx.layout
            self._order = [cid for sid in lay.stage_ids for lid in lay.lane_ids for cid in lay.cell_cards((sid, lid))]
            self._index = {cid: i for i, cid in enumerate(self._order)}
        return self._order

    def position(self, card_id: str) -> int:
        self.order()
        return self._index.get(card_id, -1)

    def interface(self, card_id: str) -> CardAccessible | None:
        if self.ctx.doc.find(Entity.CARD, card_id) is None:
            return None
        iface = self._interfaces.get(card_id)
        if iface is None:
            iface = self._interfaces[card_id] = CardAccessible(self, card_id)
            QAccessible.registerAccessibleInterface(iface)
        return iface

    # ------------------------------------------------------------ following the map
    def _scene_applied(self) -> None:
        self._order = None  # cards moved, came or went: the order is made again when asked
        self._show_current(force=True)

    def _selection_changed(self) -> None:
        self._show_current()

    def _show_current(self, force: bool = False) -> None:
        ids = [i for i in self.ctx.selection.ids(Entity.CARD) if self.ctx.doc.find(Entity.CARD, i) is not None]
        cur = ids[-1] if ids else None
        if cur == self.current and not force:
            return
        changed = cur != self.current
        self.current = cur
        view = self.ctx.view
        view.setAccessibleDescription(card_summary(self.ctx.doc, cur) if cur else "")  # sends DescriptionChanged
        if changed and cur is not None and QAccessible.isActive():
            iface = self.interface(cur)
            if iface is not None:
                QAccessible.updateAccessibility(QAccessibleEvent(iface, QAccessible.Event.Focus))


__all__ = ["CardAccessible", "CardAnnouncer", "MapAccessible", "announce", "card_summary", "install_factory"]
