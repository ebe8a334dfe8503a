"""Find (Ctrl+F): a small bar over the canvas's top-right corner that highlights the cards
matching a text. It floats over the map (a child of the view, not a row of the window's layout)
so opening and closing it never moves the map.

A card matches when its title, body, tags, owner or channel contain the text (case-insensitive,
Unicode case folding). The bar shows "3 of 12"; Enter / F3 step to the next match, Shift+Enter /
Shift+F3 to the previous one; the current match is selected (in the shared selection and on the
canvas) and the view centres on it. Esc closes the bar and clears the highlights.

Highlights are small child items of the card items (they move with their card, and go with it
when the scene removes or rebuilds it); the bar searches again after every document change
while it is open, so an edit, an undo or another map keeps the matches true.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Card
from app.widgets.i18n import translate
from app.widgets.selection import Selection, follow_document

MATCH_COLOUR = "#E69F00"  # Okabe-Ito orange
CURRENT_COLOUR = "#D55E00"  # Okabe-Ito vermillion


def card_matches(card: Card, needle: str) -> bool:
    """Does ``card`` contain ``needle`` (already case-folded) in a searchable field?"""
    if not needle:
        return False
    fields = (card.title, card.body, card.owner, card.channel, *card.tags)
    return any(needle in text.casefold() for text in fields if text)


def find_cards(doc: Document, text: str) -> list[str]:
    """The ids of the cards matching ``text``, in reading order (stage, lane, order)."""
    needle = text.strip().casefold()
    if not needle:
        return []
    m = doc.map
    stage_rank = {s.id: i for i, s in enumerate(m.stages)}
    lane_rank = {lane.id: i for i, lane in enumerate(m.lanes)}
    found = [c for c in m.cards if card_matches(c, needle)]
    found.sort(key=lambda c: (stage_rank.get(c.stage_id, 0), lane_rank.get(c.lane_id, 0), c.order))
    return [c.id for c in found]


class Highlight(QGraphicsRectItem):
    """The frame drawn round a matching card (a child of its card item)."""

    def __init__(self, card_item: QGraphicsItem):
        rect = card_item.boundingRect().adjusted(-4, -4, 4, 4)
        super().__init__(rect, card_item)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(10)
        self.set_current(False)

    def set_current(self, current: bool) -> None:
        colour = QColor(CURRENT_COLOUR if current else MATCH_COLOUR)
        pen = QPen(colour, 4 if current else 2.5)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(40 if current else 0)
        self.setBrush(QBrush(fill) if current else Qt.BrushStyle.NoBrush)


class FindBar(QWidget):
    """The find bar (see the module docstring). ``window`` gives ``scene``, ``view`` and
    ``session.doc``; ``selection`` is the shared selection."""

    closed = Signal()

    def __init__(self, window, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self._window = window
        self.selection = selection
        self.matches: list[str] = []
        self.current = -1
        self._highlights: dict[str, Highlight] = {}
        self._unfollow = None
        self._doc: Document | None = None

        self.edit = QLineEdit()
        self.edit.setObjectName("findText")
        self.edit.setPlaceholderText(translate("Find", "Find cards (title, text, tags, owner, channel)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(70)
        prev_button = QToolButton(text="▲", toolTip=translate("Find", "Previous match (Shift+Enter, Shift+F3)"))
        prev_button.clicked.connect(self.previous)
        next_button = QToolButton(text="▼", toolTip=translate("Find", "Next match (Enter, F3)"))
        next_button.clicked.connect(self.next)
        close_button = QToolButton(text="✕", toolTip=translate("Find", "Close (Esc)"))
        close_button.clicked.connect(self.close_bar)
        # a screen reader reads the symbol ("black up-pointing triangle"): name what it does
        self.edit.setAccessibleName(QCoreApplication.translate("Accessibility", "Find cards"))
        prev_button.setAccessibleName(QCoreApplication.translate("Accessibility", "Previous match"))
        next_button.setAccessibleName(QCoreApplication.translate("Accessibility", "Next match"))
        close_button.setAccessibleName(QCoreApplication.translate("Accessibility", "Close the find bar"))
        for clear in self.edit.findChildren(QToolButton):  # the line edit's own clear button
            clear.setAccessibleName(QCoreApplication.translate("Accessibility", "Clear the search text"))
        box = QHBoxLayout(self)
        box.setContentsMargins(6, 3, 6, 3)
        box.addWidget(QLabel(translate("Find", "Find:")))
        box.addWidget(self.edit, 1)
        box.addWidget(self.count_label)
        box.addWidget(prev_button)
        box.addWidget(next_button)
        box.addWidget(close_button)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._research)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        if parent is not None:
            parent.installEventFilter(self)  # follow the view's size
        self.hide()

    def place(self) -> None:
        """Over the top-right corner of the parent view's viewport, as wide as fits."""
        view = self.parentWidget()
        if view is None:
            return
        area = view.viewport().geometry() if hasattr(view, "viewport") else view.rect()
        width = min(max(self.sizeHint().width(), 460), area.width() - 16)
        height = self.sizeHint().height()
        self.setGeometry(area.right() - width - 8, area.top() + 6, width, height)
        self.raise_()

    # ------------------------------------------------------------------ open / close
    def open(self) -> None:
        """Show the bar (Ctrl+F), with its text selected for typing over."""
        self._follow(self._window.session.doc)
        self.place()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search(self.edit.text(), keep_current=True)

    def close_bar(self) -> None:
        """Hide the bar and clear the highlights (Esc); the canvas gets the focus back."""
        self._clear_highlights()
        self.matches, self.current = [], -1
        self._show_count()
        if self._unfollow is not None:
            self._unfollow()
            self._unfollow = None
        was_visible = self.isVisible()
        self.hide()
        if was_visible:
            self._window.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def _follow(self, doc: Document) -> None:
        if self._doc is doc and self._unfollow is not None:
            return
        if self._unfollow is not None:
            self._unfollow()
        self._doc = doc
        self._unfollow = follow_document(self, doc, lambda _changes: self._refresh.start())

    def set_document(self, doc: Document) -> None:
        """Another map is open: search it if the bar is open."""
        if self.isVisible():
            self._follow(doc)
            self.current = -1
            self._research()

    # ------------------------------------------------------------------------- search
    def _text_changed(self, text: str) -> None:
        self.search(text)

    def _research(self) -> None:
        if self.isVisible():
            self.search(self.edit.text(), keep_current=True)

    def search(self, text: str, keep_current: bool = False) -> None:
        """Find ``text``; the first match (or the one that was current) becomes current."""
        previous = self.matches[self.current] if keep_current and 0 <= self.current < len(self.matches) else None
        self.matches = find_cards(self._window.session.doc, text)
        self._clear_highlights()
        scene = self._window.scene
        for cid in self.matches:
            item = scene.card_item(cid)
            if item is not None:
                self._highlights[cid] = Highlight(item)
        if not self.matches:
            self.current = -1
        elif previous in self.matches:
            self.current = self.matches.index(previous)
            self._mark_current()
        else:
            self.go_to(0)
        self._show_count()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.isVisible():
            self.open()
            return
        if self.matches:
            self.go_to((self.current + step) % len(self.matches))

    def go_to(self, index: int) -> None:
        """Make match ``index`` current: highlight it, select it, centre the view on it."""
        self.current = index
        self._mark_current()
        cid = self.matches[index]
        scene, view = self._window.scene, self._window.view
        item = scene.card_item(cid)
        self.selection.set([(Entity.CARD, cid)])
        if item is not None:
            scene.clearSelection()
            item.setSelected(True)
            view.centerOn(item)
        self._show_count()

    def _mark_current(self) -> None:
        current = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        for cid, highlight in self._highlights.items():
            highlight.set_current(cid == current)

    def _clear_highlights(self) -> None:
        for highlight in self._highlights.values():
            try:
                scene = highlight.scene()
                if scene is not None:
                    scene.removeItem(highlight)
            except RuntimeError:  # the card item (and so its child) is already gone
                pass
        self._highlights = {}

    def highlighted(self) -> list[str]:
        """The ids of the cards highlighted now (tests read it)."""
        alive = []
        for cid, highlight in self._highlights.items():
            try:
                if highlight.scene() is not None:
                    alive.append(cid)
            except RuntimeError:
                pass
        return alive

    def match_rect(self) -> QRectF:
        """The current match's card in scene coordinates (empty when there is none)."""
        if not 0 <= self.current < len(self.matches):
            return QRectF()
        item = self._window.scene.card_item(self.matches[self.current])
        return QRectF() if item is None else item.sceneBoundingRect()

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText(translate("Find", "No matches"))
        else:
            self.count_label.setText(translate("Find", "{n} of {total}").format(n=self.current + 1, total=len(self.matches)))

    # ------------------------------------------------------------------------- keys
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            QTimer.singleShot(0, self.place)  # after the view has laid out its viewport
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)
