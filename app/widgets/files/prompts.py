"""Every question the file session asks the user (the template chooser is in
:mod:`app.widgets.files.template_chooser`).

:class:`MapSession` never opens a dialog itself: it calls a :class:`Prompter`. The default,
:class:`DialogPrompter`, uses message boxes and file dialogs parented to the window; tests pass
a scripted fake, so every branch runs without a modal dialog. A window that prefers a
non-modal banner for errors can subclass :class:`DialogPrompter` and override :meth:`error`.

All text is shown as plain text (file names and map titles are user text: never rich text).
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from app.widgets.i18n import translate

if TYPE_CHECKING:
    from app.widgets.files.recovery import JournalEntry

__all__ = ["Choice", "DialogPrompter", "Prompter"]

APP_NAME = "Journey Map Studio"
FILE_FILTER = QT_TRANSLATE_NOOP("Prompts", "Journey maps (*.journey.json);;JSON files (*.json);;All files (*)")


class Choice(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    READ_ONLY = "read_only"
    COPY = "copy"
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    RESTORE = "restore"
    LATER = "later"


class Prompter(Protocol):
    """The questions :class:`~app.widgets.files.session.MapSession` asks. ``name`` is the map's display
    name (a file name such as ``plan.journey.json``, or "Untitled")."""

    def unsaved_changes(self, name: str) -> Choice:
        """SAVE, DISCARD or CANCEL (before closing, opening, New, quitting)."""
        ...

    def locked(self, name: str, owner: str) -> Choice:
        """Another running editor has the file open: READ_ONLY, COPY or CANCEL."""
        ...

    def changed_on_disk(self, name: str) -> Choice:
        """Saving, but another program changed the file: RELOAD, OVERWRITE, SAVE_AS or CANCEL."""
        ...

    def confirm_revert(self, name: str) -> bool: ...

    def confirm_overwrite(self, path: Path) -> bool: ...

    def recover(self, entry: JournalEntry) -> Choice:
        """Unsaved work found after a crash: RESTORE, DISCARD or LATER."""
        ...

    def confirm_discard_recovery(self, entry: JournalEntry) -> bool: ...

    def open_path(self, folder: Path | None) -> Path | None: ...

    def save_path(self, suggested: Path) -> Path | None: ...

    def choose_template(self) -> str | None:
        """A template name, "" for a blank map, None when cancelled."""
        ...

    def error(self, text: str, detail: str = "") -> None:
        """Show a problem in plain words (``text`` one line, ``detail`` what it means for the work)."""
        ...


# ------------------------------------------------------------------------------- message boxes


class DialogPrompter:
    """The real dialogs: :class:`QMessageBox` and :class:`QFileDialog` over ``parent``."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def box(self, icon: QMessageBox.Icon, text: str, informative: str = "") -> QMessageBox:
        """A message box showing plain text (built, not shown: tests inspect it)."""
        box = QMessageBox(self.parent)
        box.setWindowTitle(APP_NAME)
        box.setIcon(icon)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        # the informative text has its own label: make it plain too
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _ask(
        self,
        box: QMessageBox,
        buttons: list[tuple[str, QMessageBox.ButtonRole, Choice]],
        default: Choice,
        escape: Choice,
    ) -> Choice:
        by_button = {}
        for text, role, choice in buttons:
            button = box.addButton(text, role)
            by_button[button] = choice
            if choice == default:
                box.setDefaultButton(button)
            if choice == escape:
                box.setEscapeButton(button)
        box.exec()
        return by_button.get(box.clickedButton(), escape)

    def unsaved_changes(self, name: str) -> Choice:
        box = self.box(
            QMessageBox.Icon.Warning,
            translate("Prompts", "Save the changes to {name}?").format(name=name),
            translate("Prompts", "Your changes will be lost if you don't save them."),
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                (translate("Prompts", "&Save"), R.AcceptRole, Choice.SAVE),
                (translate("Prompts", "&Don't Save"), R.DestructiveRole, Choice.DISCARD),
                (translate("Prompts", "Cancel"), R.RejectRole, Choice.CANCEL),
            ],
            Choice.SAVE,
            Choice.CANCEL,
        )

    def locked(self, name: str, owner: str) -> Choice:
        if owner:
            text = translate("Prompts", "{name} is open in another Journey Map Studio window ({owner}).")
        else:
            text = translate("Prompts", "{name} is open in another Journey Map Studio window.")
        box = self.box(
            QMessageBox.Icon.Information,
            text.format(name=name, owner=owner),
            translate("Prompts", "Open it read-only, or open a copy that you can save under a new name?"),
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                (translate("Prompts", "Open &Read-Only"), R.AcceptRole, Choice.READ_ONLY),
                (translate("Prompts", "Open a &Copy"), R.AcceptRole, Choice.COPY),
                (translate("Prompts", "Cancel"), R.RejectRole, Choice.CANCEL),
            ],
            Choice.READ_ONLY,
            Choice.CANCEL,
        )

    def changed_on_disk(self, name: str) -> Choice:
        box = self.box(
            QMessageBox.Icon.Warning,
            translate("Prompts", "{name} was changed by another program since you opened it.").format(name=name),
            translate(
                "Prompts",
                "Reload it (your changes here are lost), overwrite it with your version, "
                "or save your version under a new name?",
            ),
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                (translate("Prompts", "&Reload"), R.DestructiveRole, Choice.RELOAD),
                (translate("Prompts", "&Overwrite"), R.AcceptRole, Choice.OVERWRITE),
                (translate("Prompts", "Save &As…"), R.AcceptRole, Choice.SAVE_AS),
                (translate("Prompts", "Cancel"), R.RejectRole, Choice.CANCEL),
            ],
            Choice.SAVE_AS,
            Choice.CANCEL,
        )

    def _confirm(self, text: str, informative: str, yes: str) -> bool:
        box = self.box(QMessageBox.Icon.Question, text, informative)
        R = QMessageBox.ButtonRole
        return (
            self._ask(
                box,
                [(yes, R.DestructiveRole, Choice.DISCARD), (translate("Prompts", "Cancel"), R.RejectRole, Choice.CANCEL)],
                Choice.CANCEL,
                Choice.CANCEL,
            )
            == Choice.DISCARD
        )

    def confirm_revert(self, name: str) -> bool:
        return self._confirm(
            translate("Prompts", "Revert {name} to the version saved on disk?").format(name=name),
            translate("Prompts", "Your unsaved changes will be lost."),
            translate("Prompts", "&Revert"),
        )

    def confirm_overwrite(self, path: Path) -> bool:
        return self._confirm(
            translate("Prompts", "{name} already exists in {folder}.").format(name=path.name, folder=path.parent),
            translate("Prompts", "Replace it? The old file is kept as a .bak copy."),
            translate("Prompts", "&Replace"),
        )

    def recover(self, entry: JournalEntry) -> Choice:
        box = self.box(
            QMessageBox.Icon.Information,
            translate("Prompts", "Journey Map Studio found unsaved work from a session that ended unexpectedly:"),
            entry.describe()
            + (
                "\n\n" + translate("Prompts", "The recovered copy cannot be read: {problem}").format(problem=entry.problem)
                if entry.problem
                else ""
            ),
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                (translate("Prompts", "&Restore"), R.AcceptRole, Choice.RESTORE),
                (translate("Prompts", "&Discard…"), R.DestructiveRole, Choice.DISCARD),
                (translate("Prompts", "&Later"), R.RejectRole, Choice.LATER),
            ],
            Choice.RESTORE,
            Choice.LATER,
        )

    def confirm_discard_recovery(self, entry: JournalEntry) -> bool:
        return self._confirm(
            translate("Prompts", "Discard the recovered work on {what}?").format(what=entry.describe()),
            translate("Prompts", "This cannot be undone."),
            translate("Prompts", "&Discard"),
        )

    def open_path(self, folder: Path | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, translate("Prompts", "Open map"), os.fspath(folder or ""), translate("Prompts", FILE_FILTER)
        )
        return Path(name) if name else None

    def save_path(self, suggested: Path) -> Path | None:
        dialog = QFileDialog(
            self.parent, translate("Prompts", "Save map as"), os.fspath(suggested.parent), translate("Prompts", FILE_FILTER)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("journey.json")
        dialog.selectFile(suggested.name)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def choose_template(self) -> str | None:
        from app.widgets.files.template_chooser import TemplateChooser

        chooser = TemplateChooser(self.parent)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return None
        return chooser.selected_name()

    def error(self, text: str, detail: str = "") -> None:
        self.box(QMessageBox.Icon.Warning, text, detail).exec()
