"""The canvas's marks of diverging curves: in the perspective "both", a band between a persona's
customer-reported and internal-assumption curves at each stage where they lie 2 or more points
apart, and its label ("gap 3"). The bands and labels are the model's
(:func:`app.model.divergence.curve_divergences`); this item only colours them, as the PDF does
(palette.GAP_MARK, the band translucent over the paper)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from app.model import palette, style
from app.model.divergence import Divergence
from app.widgets.canvas.items import Z_CURVE, MapItem, level_of_detail
from app.widgets.canvas.paint import NO_PEN, brush, qrect
from app.widgets.canvas.qtfonts import TextPainter, text_width

Z_DIVERGENCE = Z_CURVE - 1.0  # under the curves, over the cells


class DivergenceItem(MapItem):
    """Every divergence of the map in one item (a handful of bands); ``marks`` holds the
    model's :class:`~app.model.divergence.Divergence` tuples it draws."""

    kind = "divergence"

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__("divergence", parent)
        self.setZValue(Z_DIVERGENCE)
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
            lab = d.line
            bounds = bounds.united(qrect(d.rect)).united(
                QRectF(lab.x, lab.y - lab.size, text_width(lab.text, lab.size, lab.bold), lab.size * 1.4)
            )
        self._bounds = bounds.adjusted(-1, -1, 1, 1)
        self._themed = None
        self.update()

    def theme_changed(self) -> None:
        self._themed = None
        self.update()

    def themed(self) -> tuple:
        """(band brush, label painter) in the theme's colours."""
        if self._themed is None:
            theme = self.theme
            colour = theme.accent(palette.GAP_MARK)
            band = palette.blend(colour, theme.paper, style.DIVERGENCE_ALPHA)
            self._themed = (brush(band), TextPainter([d.line for d in self.marks], default=colour))
        return self._themed

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        band, labels = self.themed()
        painter.setPen(NO_PEN)
        painter.setBrush(band)
        for d in self.marks:
            painter.drawRect(qrect(d.rect))
        labels.paint(painter, level_of_detail(painter))


__all__ = ["Z_DIVERGENCE", "DivergenceItem"]
