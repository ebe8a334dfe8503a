"""The export dialog's building blocks: the kinds of export with their file suffixes and
filters, paper and orientation choices, and the small spin box / combo box helpers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

from app.io.pdf.paper import PaperError, parse_paper
from app.widgets.i18n import translate

KINDS = (
    ("pdf", QT_TRANSLATE_NOOP("Export", "PDF poster")),
    ("tiles", QT_TRANSLATE_NOOP("Export", "PDF tiled print")),
    ("png", QT_TRANSLATE_NOOP("Export", "PNG image")),
    ("svg", QT_TRANSLATE_NOOP("Export", "SVG image")),
)
SUFFIX = {"pdf": ".pdf", "tiles": ".pdf", "png": ".png", "svg": ".svg"}
FILTER = {
    "pdf": QT_TRANSLATE_NOOP("Export", "PDF poster (*.pdf)"),
    "tiles": QT_TRANSLATE_NOOP("Export", "PDF tiled print (*.pdf)"),
    "png": QT_TRANSLATE_NOOP("Export", "PNG image (*.png)"),
    "svg": QT_TRANSLATE_NOOP("Export", "SVG image (*.svg)"),
}
SHEETS = ("A4", "A3", "Letter", "Legal", "Tabloid")
ORIENTATIONS = {  # the option's value: its name in the dialog
    "auto": QT_TRANSLATE_NOOP("Export", "auto"),
    "portrait": QT_TRANSLATE_NOOP("Export", "portrait"),
    "landscape": QT_TRANSLATE_NOOP("Export", "landscape"),
}
MATRIX_PAGES = {  # PrintOptions.matrix: its entry in the dialog
    "": QT_TRANSLATE_NOOP("Export", "No matrix page"),
    "customer": QT_TRANSLATE_NOOP("Export", "Matrix page: customer view"),
    "internal": QT_TRANSLATE_NOOP("Export", "Matrix page: internal view"),
    "both": QT_TRANSLATE_NOOP("Export", "Matrix page: internal to customer"),
}
ERROR_STYLE = "color: #B00020;"


def _spin(lo: float, hi: float, value: float, suffix: str = " mm", decimals: int = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    return box


def _combo(items, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setEditable(editable)
    return box


def _orientation_combo() -> QComboBox:
    """The orientations by their translated names; ``currentData()`` is the option's value."""
    box = QComboBox()
    for value, label in ORIENTATIONS.items():
        box.addItem(translate("Export", label), value)
    return box


def _matrix_combo(changed: Callable[[], object]) -> QComboBox:
    """A last page with the importance-versus-performance matrix, or none (``currentData()`` is
    :attr:`PrintOptions.matrix`); ``changed`` is called when another is chosen."""
    box = QComboBox()
    box.setObjectName("matrixPage")
    for value, label in MATRIX_PAGES.items():
        box.addItem(translate("Export", label), value)
    box.setAccessibleName(translate("Export", "Importance-versus-performance matrix page"))
    box.currentIndexChanged.connect(lambda _i: changed())
    return box


def _custom_size(text: str) -> bool:
    """Whether a paper is a ``WxHmm`` size (used as written: the orientation does not turn it)."""
    try:
        return parse_paper(text).custom
    except PaperError:
        return False


def _orientation_name(value: str) -> str:
    return translate("Export", ORIENTATIONS[value]) if value in ORIENTATIONS else value


def _set_value(box: QComboBox, value: str) -> None:
    i = box.findData(value)
    if i >= 0:
        box.setCurrentIndex(i)


def _set_text(box: QComboBox, text: str) -> None:
    i = box.findText(text, Qt.MatchFlag.MatchFixedString)
    if i >= 0:
        box.setCurrentIndex(i)
    elif box.isEditable():
        box.setEditText(text)
