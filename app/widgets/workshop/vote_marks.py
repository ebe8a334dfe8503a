"""The open vote's dot counts on the cards of the canvas.

While a vote is open each card of the vote shows the dots of THIS vote in its vote mark (the
layout's "votes" mark: a dot and the count, placed by :func:`app.model.textlayout.card_marks`
as if the card's ``votes`` were the count), drawn by a :class:`VoteBadge`, a child of the card's
item that also covers the card's own mark (its votes of earlier votes, which closing replaces).
While the counts are hidden, the cards of the vote show no count at all. Closing the vote writes
the counts into the cards' ``votes``, so the cards then show the same number by themselves.
Meanwhile the cards outside the vote that carry totals of earlier votes show them as *earlier*
(a ring rather than a dot, the count in the card's muted text colour), so that nobody in the
room takes them for dots of the vote going on.

:class:`VoteMarks` follows the scene (``MapScene.applied``): it updates the badges of the cards
whose count changed and of the cards the scene touched; all of them only when the vote opens,
closes, changes scope or visibility, or the scene was rebuilt.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem
from shiboken6 import isValid

from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Card, Vote
from app.model.textlayout import card_marks
from app.model.voting import in_scope, scope_cards, tallies
from app.widgets.canvas.items import level_of_detail, mark_paint
from app.widgets.canvas.paint import add_shape, qcolor, qrect
from app.widgets.canvas.qtfonts import TextPainter

EARLIER_RING = 0.8  # the pen of the ring on a card's total of earlier votes


def votes_mark(card: Card, width: float, height: float, votes: int):
    """The layout's votes mark of ``card`` as if it had ``votes`` (None for 0)."""
    if votes <= 0:
        return None
    marks = card_marks(card.model_copy(update={"votes": votes}), width, height)
    return next((mk for mk in marks if mk.kind == "votes"), None)


class VoteBadge(QGraphicsItem):
    """This vote's count on one card (over the card's own vote mark)."""

    def __init__(self, card_item: QGraphicsItem, earlier: bool = False):
        super().__init__(card_item)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # a click is the card's
        self.earlier = earlier  # the card's own total of earlier votes, drawn as such
        self.card: Card | None = None
        self.count = 0
        self.hidden = False
        self._cover: QRectF | None = None
        self._mark = None
        self._rect = QRectF()

    def set(self, card: Card, width: float, height: float, count: int, hidden: bool) -> None:
        own = votes_mark(card, width, height, card.votes)
        mark = None if hidden else votes_mark(card, width, height, count)
        rect = QRectF()
        self._cover = None if own is None else qrect(own.rect)
        for r in (self._cover, None if mark is None else qrect(mark.rect)):
            if r is not None:
                rect = rect.united(r)
        self.prepareGeometryChange()
        self.card, self.count, self.hidden, self._mark, self._rect = card, count, hidden, mark, rect
        self.update()

    @property
    def shown_count(self) -> int | None:
        """The count drawn (None while hidden or for no dots)."""
        return None if self._mark is None else self.count

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.card is None:
            return
        theme = self.scene().theme
        fill = theme.card_fill(self.card)
        if self._cover is not None:
            painter.fillRect(self._cover, qcolor(fill))
        mark = self._mark
        if mark is None:
            return
        colours = theme.card_text(self.card)
        for shape in mark.shapes:
            brush, outline = mark_paint(theme, shape.part, fill)
            if self.earlier:  # a ring in the muted colour: not a dot of this vote
                brush, outline = Qt.BrushStyle.NoBrush, QPen(qcolor(colours["meta"]), EARLIER_RING)
            painter.setPen(outline)
            painter.setBrush(brush)
            painter.drawPath(add_shape(QPainterPath(), shape))
        if mark.line is not None:
            ink = colours["meta"] if self.earlier else colours["title"]
            TextPainter(
                [mark.line], {**colours, "mark": ink} if self.earlier else colours, default=ink
            ).paint(painter, level_of_detail(painter))


class VoteMarks:
    """The badges of the open vote on one scene."""

    def __init__(self, scene):
        self.scene = scene
        self.badges: dict[str, VoteBadge] = {}  # this vote's, on the cards of the vote
        self.earlier: dict[str, VoteBadge] = {}  # totals of earlier votes on the other cards
        self._vote: Vote | None = None
        self._counts: dict[str, int] = {}
        self._rebuilds = -1
        scene.themeChanged.connect(self._repaint)

    def refresh(self, doc: Document) -> None:
        scene, vote = self.scene, doc.map.vote
        old = self._vote
        rebuilt = scene.rebuilds != self._rebuilds
        if vote is None and old is None and not self.badges and not self.earlier:  # no vote before or now
            self._rebuilds = scene.rebuilds
            return
        if rebuilt:
            self.badges, self.earlier = {}, {}  # the scene deleted its items, and their badges with them
        counts = tallies(doc)
        full = rebuilt or (vote is None) != (old is None)
        if not full and vote is not None and (vote.lane_id, vote.hidden) != (old.lane_id, old.hidden):
            full = True
        if full:
            ids = set(self.badges) | set(self.earlier)
            if vote is not None:
                ids |= {c.id for c in scope_cards(doc)} | {c.id for c in doc.map.cards if c.votes}
        else:
            ids = {ident for kind, ident in scene.touched if kind == "card"}
            ids |= {
                cid for cid in counts.keys() | self._counts.keys() if counts.get(cid) != self._counts.get(cid)
            }
        for cid in ids:
            self._update(doc, vote, cid, counts.get(cid, 0))
        self._vote, self._counts, self._rebuilds = vote, counts, scene.rebuilds

    def _update(self, doc: Document, vote: Vote | None, card_id: str, count: int) -> None:
        item = self.scene.card_item(card_id)
        card = doc.find(Entity.CARD, card_id)
        shown = vote is not None and card is not None and item is not None
        live = shown and in_scope(vote, card)
        earlier = shown and not live and card.votes > 0
        for table, wanted in ((self.badges, live), (self.earlier, earlier)):
            badge = self._badge(table, card_id, item, wanted)
            if badge is not None:
                if table is self.badges:
                    badge.set(card, item.geo.rect.w, item.geo.rect.h, count, vote.hidden)
                else:
                    badge.set(card, item.geo.rect.w, item.geo.rect.h, card.votes, False)

    def _badge(self, table: dict[str, VoteBadge], card_id: str, item, wanted: bool) -> VoteBadge | None:
        """The card's badge in ``table``, made when ``wanted`` and missing, removed when not."""
        badge = table.get(card_id)
        if badge is not None and (not isValid(badge) or badge.parentItem() is not item):
            del table[card_id]  # its card's item was made anew (or is gone)
            if isValid(badge) and badge.scene() is not None:
                badge.scene().removeItem(badge)
            badge = None
        if not wanted:
            if badge is not None:
                self.scene.removeItem(table.pop(card_id))
            return None
        if badge is None:
            badge = table[card_id] = VoteBadge(item, earlier=table is self.earlier)
        return badge

    def _repaint(self) -> None:
        for badge in (*self.badges.values(), *self.earlier.values()):
            if isValid(badge):
                badge.update()
