"""The canvas's marks of diverging curves: in the perspective "both", a band between a persona's
customer-reported and internal-assumption curves at each stage where they lie 2 or more points
apart, and its label ("gap 3"). The bands and labels are the model's
(:func:`app.model.divergence.curve_divergences`); the items only colour them, as the PDF does
(palette.GAP_MARK, the band translucent over the paper, the label ink on a paper box). Two
items: the bands under the curves, the labels over them (so that a curve never hides one)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from app.model import palette, style
from app.model.divergence import LABEL_RADIUS, Divergence
from app.widgets.canvas.items import Z_CURVE, MapItem, level_of_detail
from app.widgets.canvas.paint import NO_PEN, brush, pen, qrect
from app.widgets.canvas.qtfonts import TextPainter

Z_DIVERGENCE = Z_CURVE - 1.0  # the bands: under the curves, over the cells
Z_DIVERGENCE_LABEL = Z_CURVE + 1.0  # the labels: over the curves, under the links


class DivergenceItem(MapItem):
    """The bands (or, ``labels``, the labels) of every divergence of the map in one item (a
    handful); ``marks`` holds the model's :class:`~app.model.divergence.Divergence` tuples."""

    kind = "divergence"

    def __init__(self, labels: bool = False, parent: QGraphicsItem | None = None):
        super().__init__("divergence-labels" if labels else "divergence", parent)
        self.labels = labels
        self.setZValue(Z_DIVERGENCE_LABEL if labels else Z_DIVERGENCE)
        self.marks: tuple[Divergence, ...] = ()
        self._bounds = QRectF()
        self._themed: tuple | None = None

    def set_marks(self, marks: list[Divergence] | tuple[Divergence, ...]) -> None:
        marks = tuple(marks)
        self.setVisible(bool(marks))
        if marks == self.marks:
            return
        self.prepareGeometryChange()
        self.marks = marks
        bounds = QRectF()
        for d in marks:
            bounds = bounds.united(qrect(d.box if self.labels else d.rect))
        self._bounds = bounds.adjusted(-1, -1, 1, 1)
        self._themed = None
        self.update()

    def theme_changed(self) -> None:
        self._themed = None
        self.update()

    def themed(self) -> tuple:
        """(band brush, label box brush, label box pen, label painter) in the theme's colours."""
        if self._themed is None:
            theme = self.theme
            colour = theme.accent(palette.GAP_MARK)
            band = palette.blend(colour, theme.paper, style.DIVERGENCE_ALPHA)
            ink = theme.text(palette.INK, theme.paper)
            labels = TextPainter([d.line for d in self.marks], default=ink)
            self._themed = (brush(band), brush(theme.paper), pen(colour, style.MARK_OUTLINE_W), labels)
        return self._themed

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        band, paper, outline, labels = self.themed()
        if not self.labels:
            painter.setPen(NO_PEN)
            painter.setBrush(band)
            for d in self.marks:
                painter.drawRect(qrect(d.rect))
            return
        painter.setPen(outline)
        painter.setBrush(paper)
        for d in self.marks:
            painter.drawRoundedRect(qrect(d.box), LABEL_RADIUS, LABEL_RADIUS, Qt.SizeMode.AbsoluteSize)
        labels.paint(painter, level_of_detail(painter))


__all__ = ["Z_DIVERGENCE", "Z_DIVERGENCE_LABEL", "DivergenceItem"]
