"""File > Compare with…: which version to compare the open map with (another file, the last
saved version, or one of the file's recent git revisions)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.widgets.compare.sources import Revision
from app.widgets.i18n import translate

FILE, SAVED, REVISION = "file", "saved", "revision"


class CompareDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, saved: bool, revisions: list[Revision]):
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(translate("CompareDialog", "Compare With"))
        self.revisions = revisions
        column = QVBoxLayout(self)
        column.addWidget(QLabel(translate("CompareDialog", "Show on the map what changed since:")))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for kind, text in (
            (FILE, translate("CompareDialog", "&Another file…")),
            (SAVED, translate("CompareDialog", "The last &saved version")),
            (REVISION, translate("CompareDialog", "A &git revision:")),
        ):
            button = self.buttons[kind] = QRadioButton(text)
            button.setObjectName(f"compare_{kind}")
            self.group.addButton(button)
            column.addWidget(button)
        self.revision_box = QComboBox()
        self.revision_box.setObjectName("compareRevisions")
        for rev in revisions:
            self.revision_box.addItem(f"{rev.date}  {rev.short}  {rev.subject}  ({rev.author})")
        column.addWidget(self.revision_box)
        self.buttons[SAVED].setEnabled(saved)
        self.buttons[REVISION].setEnabled(bool(revisions))
        self.revision_box.setEnabled(bool(revisions))
        if not revisions:
            self.revision_box.addItem(translate("CompareDialog", "(the file is not in a git repository)"))
        self.revision_box.activated.connect(lambda _i: self.buttons[REVISION].setChecked(True))
        self.buttons[REVISION if revisions else SAVED if saved else FILE].setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        column.addWidget(box)

    def choose(self, kind: str, revision: int = 0) -> None:
        self.buttons[kind].setChecked(True)
        if kind == REVISION:
            self.revision_box.setCurrentIndex(revision)

    def choice(self) -> str:
        return next(kind for kind, button in self.buttons.items() if button.isChecked())

    def revision(self) -> Revision | None:
        i = self.revision_box.currentIndex()
        return self.revisions[i] if 0 <= i < len(self.revisions) else None
