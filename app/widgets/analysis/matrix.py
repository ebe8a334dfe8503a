"""The importance-versus-performance chart in the editor: :class:`MatrixChartView` paints the
:class:`~app.model.matrix.MatrixChart` computed for its own size (one point per pixel), rings
the markers of the cards selected on the map, names a point's card in its tooltip, and selects a
card when its point (or its row in the key) is clicked. :class:`MatrixTab` adds the perspective
chooser (customer, internal, both) and the PNG and SVG export buttons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.model.events import Entity
from app.model.matrix import ChartText, MatrixChart, Quadrant, View, matrix_chart
from app.model.schema import Map
from app.widgets.analysis.chart_export import CHART_SIZE, ChartExportError, write_chart
from app.widgets.analysis.paint import paint_chart
from app.widgets.i18n import translate
from app.widgets.plaintext import literal
from app.widgets.selection import Selection


def chart_text() -> ChartText:
    """The chart's words in the editor's language."""
    return ChartText(
        title={
            View.CUSTOMER: translate("Analysis", "Importance versus performance: customer view"),
            View.INTERNAL: translate("Analysis", "Importance versus performance: internal view"),
            View.BOTH: translate("Analysis", "Importance versus performance: internal (dashed) to customer"),
        },
        quadrants={
            Quadrant.CONCENTRATE: translate("Analysis", "Concentrate here"),
            Quadrant.KEEP_UP: translate("Analysis", "Keep up the good work"),
            Quadrant.LOW_PRIORITY: translate("Analysis", "Low priority"),
            Quadrant.OVERKILL: translate("Analysis", "Possible overkill"),
        },
        importance=translate("Analysis", "Importance"),
        performance=translate("Analysis", "Performance"),
        none_rated=translate("Analysis", "No touchpoint is rated in this view"),
        more=translate("Analysis", "+{n} more"),
    )


class MatrixChartView(QWidget):
    """The chart; ``cardClicked(card_id)`` after a click selected a card."""

    cardClicked = Signal(str)

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matrixChart")
        self.selection = selection
        self.map: Map | None = None
        self.view = View.CUSTOMER
        self._chart: MatrixChart | None = None
        self.setMinimumSize(180, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(translate("Analysis", "Importance versus performance matrix"))
        selection.changed.connect(self.update)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 360)

    def set_map(self, m: Map | None) -> None:
        self.map = m
        self.invalidate()

    def set_view(self, view: View | str) -> None:
        self.view = View(view)
        self.invalidate()

    def invalidate(self) -> None:
        self._chart = None
        self.update()

    def chart(self) -> MatrixChart | None:
        """The chart for the widget's current size (computed when first needed)."""
        if self.map is None:
            return None
        w, h = float(self.width()), float(self.height())
        if self._chart is None or (self._chart.width, self._chart.height) != (w, h):
            self._chart = matrix_chart(self.map, self.view, w, h, text=chart_text())
        return self._chart

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        chart = self.chart()
        painter = QPainter(self)
        if chart is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
        else:
            paint_chart(painter, chart, set(self.selection.ids(Entity.CARD)))
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._chart = None
        super().resizeEvent(event)

    def card_at(self, pos: QPointF) -> str | None:
        chart = self.chart()
        return chart.card_at(pos.x(), pos.y()) if chart is not None else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        card_id = self.card_at(event.position())
        if card_id is None:
            return super().mousePressEvent(event)
        self.selection.set([(Entity.CARD, card_id)])
        self.cardClicked.emit(card_id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        over = self.card_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            chart = self.chart()
            mk = chart.marker_at(event.pos().x(), event.pos().y()) if chart is not None else None
            if mk is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), literal(self._tip(mk)), self)
            return True
        return super().event(event)

    def _tip(self, mk) -> str:
        seen = (translate("Analysis", "customer") if mk.perspective == "customer"
                else translate("Analysis", "internal"))  # fmt: skip
        return translate("Analysis", "{number}. {title} ({seen})").format(
            number=mk.number, title=mk.title, seen=seen
        )


class MatrixTab(QWidget):
    """The chart with its perspective chooser and export buttons."""

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart_view = MatrixChartView(selection)
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("matrixView")
        for view, text in (
            (View.CUSTOMER, translate("Analysis", "Customer view")),
            (View.INTERNAL, translate("Analysis", "Internal view")),
            (View.BOTH, translate("Analysis", "Both: internal to customer")),
        ):
            self.view_combo.addItem(text, view.value)
        self.view_combo.setAccessibleName(translate("Analysis", "Ratings shown"))
        self.view_combo.currentIndexChanged.connect(
            lambda _i: self.chart_view.set_view(self.view_combo.currentData())
        )
        self.png_button = QPushButton(translate("Analysis", "Export PNG…"))
        self.png_button.setObjectName("matrixPng")
        self.svg_button = QPushButton(translate("Analysis", "Export SVG…"))
        self.svg_button.setObjectName("matrixSvg")
        self.png_button.clicked.connect(lambda: self.export_dialog("png"))
        self.svg_button.clicked.connect(lambda: self.export_dialog("svg"))
        # the file dialog (tests replace it): (suffix, suggested path) -> the chosen path or None
        self.ask_path: Callable[[str, Path], Path | None] = self._ask_path
        self.folder = Path.home()

        bar = QHBoxLayout()  # two rows: the dock stays narrow beside the map
        label = QLabel(translate("Analysis", "&Ratings:"))
        label.setBuddy(self.view_combo)
        bar.addWidget(label)
        bar.addWidget(self.view_combo, 1)
        exports = QHBoxLayout()
        exports.addStretch(1)
        exports.addWidget(self.png_button)
        exports.addWidget(self.svg_button)
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.setMinimumContentsLength(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(exports)
        layout.addWidget(self.chart_view, 1)

    def set_map(self, m: Map | None) -> None:
        self.chart_view.set_map(m)

    def export_chart(self, path: str | Path) -> Path:
        """The chart (current perspective, at :data:`CHART_SIZE`) as a PNG or SVG file."""
        m = self.chart_view.map
        if m is None:
            raise ChartExportError("no map")
        chart = matrix_chart(m, self.chart_view.view, *CHART_SIZE, text=chart_text())
        return write_chart(chart, path, m.title)

    def export_dialog(self, suffix: str) -> Path | None:
        m = self.chart_view.map
        stem = (m.title if m is not None else "") or "matrix"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in stem).strip() or "matrix"
        path = self.ask_path(suffix, self.folder / f"{safe} - matrix.{suffix}")
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        try:
            written = self.export_chart(path)
        except ChartExportError as err:
            QMessageBox.warning(self, translate("Analysis", "Export chart"),
                                literal(translate("Analysis", "The chart was not written: {reason}").format(reason=err)))  # fmt: skip
            return None
        self.folder = written.parent
        return written

    def _ask_path(self, suffix: str, suggested: Path) -> Path | None:
        filters = {
            "png": translate("Analysis", "PNG picture (*.png)"),
            "svg": translate("Analysis", "SVG drawing (*.svg)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self, translate("Analysis", "Export chart"), str(suggested), filters[suffix]
        )
        return Path(name) if name else None
