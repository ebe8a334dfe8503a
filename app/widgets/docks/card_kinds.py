"""The palette dock: the card kinds, to drag onto the canvas or to add with a double-click / Enter.

Each entry shows the kind's card fill with its stripe (``app.model.palette.KIND_FILL`` /
``KIND_STRIPE``) and its name (``KIND_LABEL``). Dragging an entry starts a :class:`QDrag` whose
MIME data holds the kind's value (``"pain"``) under ``CARD_KIND_MIME``; the canvas accepts that
format and adds a card of that kind where it is dropped (read it with :func:`kind_from_mime`).
A double-click or Enter emits ``kindActivated(kind_value)``.

Wiring in the main window::

    from app.widgets.docks.card_kinds import PalettePanel

    self.palette = PalettePanel()
    self.palette.kindActivated.connect(self.add_card_of_kind)  # into the selected cell
    dock = QDockWidget("Card kinds", self); dock.setObjectName("palette")
    dock.setWidget(self.palette)
    self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

The history dock needs no module: ``QDockWidget("History")`` holding ``QUndoView(undo_stack)``
(see :mod:`app.widgets.docks.inspector.panel` for the whole wiring).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.model.palette import GRID, KIND_FILL, KIND_LABEL, KIND_STRIPE
from app.model.schema import CardKind
from app.widgets.canvas.theme import LIGHT, CanvasTheme
from app.widgets.i18n import kind_label, translate

CARD_KIND_MIME = "application/x-journeymap-card-kind"
KIND_ROLE = Qt.ItemDataRole.UserRole


def kind_mime_data(kind: CardKind | str) -> QMimeData:
    """The MIME data a palette drag carries for ``kind`` (also plain text, for other targets)."""
    kind = CardKind(kind)
    data = QMimeData()
    data.setData(CARD_KIND_MIME, QByteArray(kind.value.encode("ascii")))
    data.setText(KIND_LABEL[kind])
    return data


def kind_from_mime(data: QMimeData) -> CardKind | None:
    """The card kind a drop carries, or None (not a palette drag, or an unknown kind)."""
    if data is None or not data.hasFormat(CARD_KIND_MIME):
        return None
    try:
        return CardKind(bytes(data.data(CARD_KIND_MIME).data()).decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None


def kind_pixmap(kind: CardKind, width: int = 36, height: int = 24, theme: CanvasTheme = LIGHT) -> QPixmap:
    """A small card: the kind's fill, its stripe on the left, a thin border, in the canvas's
    ``theme`` (the cards it adds look the same)."""
    pm = QPixmap(width, height)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.fillRect(0, 0, width, height, QColor(theme.surface(KIND_FILL[kind])))
    p.fillRect(0, 0, max(4, width // 8), height, QColor(theme.accent(KIND_STRIPE[kind])))
    p.setPen(QPen(QColor(theme.surface(GRID))))
    p.drawRect(0, 0, width - 1, height - 1)
    p.end()
    return pm


class KindList(QListWidget):
    """The kinds as draggable entries (drag only: nothing can be dropped here)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(36, 24))
        self.setAccessibleName(QCoreApplication.translate("Accessibility", "Card kinds"))
        self.setAccessibleDescription(QCoreApplication.translate(
            "Accessibility", "Enter adds a card of the chosen kind to the selected cell"))
        self.setSpacing(2)
        self.theme = LIGHT
        for kind in CardKind:
            item = QListWidgetItem(QIcon(kind_pixmap(kind)), kind_label(kind))
            item.setData(KIND_ROLE, kind.value)
            item.setToolTip(translate(
                "CardKinds", "Drag onto the map to add a card of the kind “{kind}”; double-click or Enter adds one to the selected cell"
            ).format(kind=kind_label(kind)))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
            self.addItem(item)

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw the swatches in the canvas's theme (light or dark)."""
        self.theme = theme
        for row in range(self.count()):
            item = self.item(row)
            item.setIcon(QIcon(kind_pixmap(CardKind(item.data(KIND_ROLE)), theme=theme)))

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [CARD_KIND_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt's name
        return kind_mime_data(items[0].data(KIND_ROLE)) if items else QMimeData()

    def startDrag(self, supported_actions) -> None:  # noqa: N802 - Qt's name
        item = self.currentItem()
        if item is None:
            return
        kind = CardKind(item.data(KIND_ROLE))
        drag = QDrag(self)
        drag.setMimeData(kind_mime_data(kind))
        pm = kind_pixmap(kind, 72, 48, self.theme)
        drag.setPixmap(pm)
        drag.setHotSpot(pm.rect().center())
        drag.exec(Qt.DropAction.CopyAction)


class PalettePanel(QWidget):
    kindActivated = Signal(str)  # noqa: N815 - Qt naming; the CardKind value

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = KindList()
        self.list.itemDoubleClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list)
        self.list.installEventFilter(self)

    def kinds(self) -> list[str]:
        return [self.list.item(r).data(KIND_ROLE) for r in range(self.list.count())]

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.kindActivated.emit(item.data(KIND_ROLE))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # Enter adds a card; a single click (activation on some styles) only chooses.
        if watched is self.list and event.type() == event.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.list.currentItem())
            return True
        return super().eventFilter(watched, event)
