"""Drawn over a presenting map view: the shade over everything but the stage in focus, and the
caption along the bottom (the stage's name, where the step is, the timer), sized from the view's
height so that it reads from the back of a room. Map text is plain text here as everywhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.widgets.canvas.sticky_headers import StickyStrip
from app.widgets.plaintext import plain_label

CAPTION_SHARE = 0.10  # of the view's height
MIN_CAPTION = 56
SHADE = QColor(0, 0, 0, 110)
CAPTION_BACK = QColor(24, 24, 28)
CAPTION_TEXT = "#ffffff"
FLASH_BACK = "#ffb000"  # amber: the end of the countdown
FLASH_TEXT = "#000000"
_STRIP_CHANGES = {QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize}


class FocusShade(QWidget):
    """Over ``view``'s viewport: darkens the scene outside the ``focus`` rectangles (scene
    coordinates; none: nothing darkened). It lets every mouse event through. A child of the view,
    not of the viewport (whose children scroll with the scene), so it lies over the pinned
    headers (children of the viewport): it leaves out the pinned lane names, which stay bright
    wherever their strip is (it darkened all of the strip beyond the real column)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.focus: list[QRectF] = []
        self.setObjectName("presentationShade")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
        view.zoomChanged.connect(self.update)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        self.setGeometry(self._viewport.geometry())
        self._strips: list[StickyStrip] = []
        for strip in view.findChildren(StickyStrip):
            self._strips.append(strip)
            strip.installEventFilter(self)  # shown, hidden, moved or resized: the hole follows

    def set_focus(self, *rects: QRectF) -> None:
        """Darken all but ``rects`` (none: darken nothing)."""
        self.focus = [QRectF(r) for r in rects if not r.isEmpty()]
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()  # (nothing here asks the view: it may be being destroyed)
        if watched is self._viewport:
            if kind == QEvent.Type.Resize:
                self.setGeometry(self._viewport.geometry())
        elif kind in _STRIP_CHANGES and self.focus:
            self.update()
        return False

    def pinned(self) -> list[QRect]:
        """The pinned lane names and their corner, where in sight, in this widget's coordinates
        (a pinned stage row is shaded as the columns under it are: the focused stage's header
        lies over its column's hole)."""
        return [
            QRect(self.mapFrom(self.view, strip.mapTo(self.view, QPoint(0, 0))), strip.size())
            for strip in self._strips
            if strip.kind != "stage" and strip.isVisible()
        ]

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.focus:
            return
        to_view = self.view.viewportTransform()  # viewport coordinates = this widget's
        shade = QPainterPath()
        shade.addRect(QRectF(self.rect()))
        holes = [to_view.mapRect(rect) for rect in self.focus] + [QRectF(r) for r in self.pinned()]
        for rect in holes:
            hole = QPainterPath()
            hole.addRect(rect)
            shade = shade.subtracted(hole)
        painter = QPainter(self)
        painter.fillPath(shade, SHADE)
        painter.end()


class Caption(QWidget):
    """Along the bottom of ``view``: the step's title and position on the left, the timer on the
    right (hidden while the timer has not been started)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setObjectName("presentationCaption")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAutoFillBackground(False)
        self.title = plain_label()
        self.title.setObjectName("presentationTitle")
        # a long title is cut at the caption's edge rather than pushing the timer off it
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.position = plain_label()
        self.position.setObjectName("presentationPosition")
        self.clock = plain_label()
        self.clock.setObjectName("presentationTimer")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.hide()
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.position)
        row = QHBoxLayout(self)
        row.addLayout(texts, 1)
        row.addWidget(self.clock)
        self._flash = False
        view.installEventFilter(self)
        self.place()

    def height_for_view(self) -> int:
        return max(MIN_CAPTION, round(self.view.height() * CAPTION_SHARE))

    def place(self) -> None:
        h = self.height_for_view()
        self.setGeometry(0, self.view.height() - h, self.view.width(), h)
        margin = round(h * 0.12)
        self.layout().setContentsMargins(margin * 2, margin // 2, margin * 2, margin // 2)
        self._font(self.title, h * 0.42, bold=True)
        self._font(self.position, h * 0.24, bold=False)
        self._font(self.clock, h * 0.74, bold=True)
        self.clock.setMinimumWidth(round(h * 2.6))
        self._colours()
        self.raise_()

    @staticmethod
    def _font(label: QLabel, pixels: float, bold: bool) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(10, round(pixels)))
        font.setBold(bold)
        label.setFont(font)

    def _colours(self) -> None:
        self.title.setStyleSheet(f"color: {CAPTION_TEXT};")
        self.position.setStyleSheet(f"color: {CAPTION_TEXT};")
        back, text = (FLASH_BACK, FLASH_TEXT) if self._flash else ("transparent", CAPTION_TEXT)
        radius = round(self.height() * 0.12)
        self.clock.setStyleSheet(
            f"color: {text}; background: {back}; border-radius: {radius}px; padding: 0 12px;"
        )

    def set_step(self, title: str, position: str) -> None:
        self.title.setText(title)
        self.position.setText(position)

    def set_timer(self, text: str, shown: bool) -> None:
        self.clock.setText(text)
        self.clock.setVisible(shown)

    def set_flash(self, on: bool) -> None:
        if on != self._flash:
            self._flash = on
            self._colours()

    @property
    def flashing(self) -> bool:
        return self._flash

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.place()
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), CAPTION_BACK)
        painter.end()
