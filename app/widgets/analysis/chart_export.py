"""The matrix chart as a file: a PNG (twice the chart's point size in pixels, 144 dpi) or an
SVG (vector, text as text), painted by :func:`~app.widgets.analysis.paint.paint_chart` from the
same :class:`~app.model.matrix.MatrixChart` the dock shows, written atomically (temporary file,
fsync, replace: a failed export leaves an existing file as it was)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from app.io.atomic import atomic_write
from app.io.oserrors import plain_os_error
from app.model.matrix import MatrixChart
from app.widgets.analysis.paint import paint_chart

CHART_SIZE = (960.0, 620.0)  # points: the exported chart (the key fits beside the plot)
PNG_SCALE = 2.0  # pixels per point


class ChartExportError(Exception):
    """A chart file that could not be written; the message is one line for the user."""


def png_bytes(chart: MatrixChart, scale: float = PNG_SCALE) -> bytes:
    image = QImage(round(chart.width * scale), round(chart.height * scale), QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(72 * scale / 0.0254))
    image.setDotsPerMeterY(round(72 * scale / 0.0254))
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_chart(painter, chart)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def svg_bytes(chart: MatrixChart, title: str = "") -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(round(chart.width), round(chart.height)))
    gen.setViewBox(QRectF(0, 0, chart.width, chart.height))
    gen.setResolution(72)
    gen.setTitle(title)
    painter = QPainter(gen)
    paint_chart(painter, chart)
    painter.end()
    buf.close()
    return bytes(data.data())


def write_chart(chart: MatrixChart, path: str | Path, title: str = "") -> Path:
    """Write ``chart`` as PNG or SVG, by ``path``'s suffix. Raises :class:`ChartExportError`."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ChartExportError(f"{target.name}: the chart is written as .png or .svg")
    data = png_bytes(chart) if suffix == ".png" else svg_bytes(chart, title)
    try:
        atomic_write(target, data)
    except OSError as err:
        raise ChartExportError(f"{target}: cannot write: {plain_os_error(err)}") from None
    return target
