"""The shared setup of the dock tests: a small map, an undo stack, a selection, and the dock
widget made from them, shown."""

from PySide6.QtGui import QUndoStack

from app.model.document import Document
from app.widgets.selection import Selection
from tests.model_factory import small_map


class DockEnv:
    def __init__(self, qtbot, make, size: tuple[int, int]):
        self.qtbot = qtbot
        self.doc = Document(small_map())
        self.stack = QUndoStack()
        self.sel = Selection(self.doc)
        self.widget = make(self.doc, self.stack, self.sel)
        qtbot.addWidget(self.widget)
        self.widget.resize(*size)
        self.widget.show()
