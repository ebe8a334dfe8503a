"""Map text shown by Qt as text, never as markup (DESIGN rule 5: user text is text).

Many Qt places guess the format of a string: a QLabel (``AutoText``), every tooltip, the text of
a QMessageBox. When ``Qt.mightBeRichText`` says a string looks like HTML, Qt renders it as HTML:
``<img src=/some/file.png>`` in a curve name loads a local file and ``<img width=30000>`` grows
the window to 30,000 px; ``&lt;`` becomes ``<``. Buttons, actions and menu entries turn ``&`` into
a keyboard mnemonic. Everything that shows map text (title, goal, names, descriptions, card text,
persona fields, quotes, link labels, metric names, file names) goes through one of these:

* :func:`literal` for a place that guesses (``item.setToolTip(literal(description))``,
  ``QToolTip.showText(pos, literal(quote))``, ``QMessageBox.warning(w, title, literal(text))``):
  the text itself when Qt shows it as plain text anyway, else the same characters escaped as
  rich text (spaces and line breaks kept), so it always shows character for character;
* :func:`plain_label` for a QLabel: ``PlainText`` format, so no guessing at all;
* :func:`no_mnemonic` for a QAction, QMenu or button text: ``&`` shows as ``&``.

Canvas text is drawn with ``QPainter.drawText`` and ``QGraphicsSimpleTextItem``, which never
interpret markup; list, tree and combo box item texts are plain too (their tooltips are not).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QWidget

_might_be_rich = QtGuiNamespace.mightBeRichText  # Qt::mightBeRichText lives in QtGui


def literal(text: str) -> str:
    """``text`` for a Qt place that guesses between plain and rich text, shown exactly as is."""
    if not _might_be_rich(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` (and any text set later) as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def no_mnemonic(text: str) -> str:
    """``text`` for a QAction, menu entry or button: every ``&`` shows as ``&``."""
    return text.replace("&", "&&")


__all__ = ["literal", "no_mnemonic", "plain_label"]
