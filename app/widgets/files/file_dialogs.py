"""Every question the file session asks the user, and the template chooser.

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

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.io.jsonfile import MapFileError
from app.model.schema import Map
from app.widgets.plaintext import literal

if TYPE_CHECKING:
    from app.widgets.files.recovery import JournalEntry

__all__ = ["Choice", "DialogPrompter", "Prompter", "TemplateChooser", "grid_preview_scene"]

APP_NAME = "Journey Map Studio"
FILE_FILTER = "Journey maps (*.journey.json);;JSON files (*.json);;All files (*)"


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
            f"Save the changes to {name}?",
            "Your changes will be lost if you don't save them.",
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                ("&Save", R.AcceptRole, Choice.SAVE),
                ("&Don't Save", R.DestructiveRole, Choice.DISCARD),
                ("Cancel", R.RejectRole, Choice.CANCEL),
            ],
            Choice.SAVE,
            Choice.CANCEL,
        )

    def locked(self, name: str, owner: str) -> Choice:
        who = f" ({owner})" if owner else ""
        box = self.box(
            QMessageBox.Icon.Information,
            f"{name} is open in another Journey Map Studio window{who}.",
            "Open it read-only, or open a copy that you can save under a new name?",
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                ("Open &Read-Only", R.AcceptRole, Choice.READ_ONLY),
                ("Open a &Copy", R.AcceptRole, Choice.COPY),
                ("Cancel", R.RejectRole, Choice.CANCEL),
            ],
            Choice.READ_ONLY,
            Choice.CANCEL,
        )

    def changed_on_disk(self, name: str) -> Choice:
        box = self.box(
            QMessageBox.Icon.Warning,
            f"{name} was changed by another program since you opened it.",
            "Reload it (your changes here are lost), overwrite it with your version, "
            "or save your version under a new name?",
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                ("&Reload", R.DestructiveRole, Choice.RELOAD),
                ("&Overwrite", R.AcceptRole, Choice.OVERWRITE),
                ("Save &As…", R.AcceptRole, Choice.SAVE_AS),
                ("Cancel", R.RejectRole, Choice.CANCEL),
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
                [(yes, R.DestructiveRole, Choice.DISCARD), ("Cancel", R.RejectRole, Choice.CANCEL)],
                Choice.CANCEL,
                Choice.CANCEL,
            )
            == Choice.DISCARD
        )

    def confirm_revert(self, name: str) -> bool:
        return self._confirm(
            f"Revert {name} to the version saved on disk?", "Your unsaved changes will be lost.", "&Revert"
        )

    def confirm_overwrite(self, path: Path) -> bool:
        return self._confirm(
            f"{path.name} already exists in {path.parent}.",
            "Replace it? The old file is kept as a .bak copy.",
            "&Replace",
        )

    def recover(self, entry: JournalEntry) -> Choice:
        box = self.box(
            QMessageBox.Icon.Information,
            "Journey Map Studio found unsaved work from a session that ended unexpectedly:",
            entry.describe()
            + ("\n\nThe recovered copy cannot be read: " + entry.problem if entry.problem else ""),
        )
        R = QMessageBox.ButtonRole
        return self._ask(
            box,
            [
                ("&Restore", R.AcceptRole, Choice.RESTORE),
                ("&Discard…", R.DestructiveRole, Choice.DISCARD),
                ("&Later", R.RejectRole, Choice.LATER),
            ],
            Choice.RESTORE,
            Choice.LATER,
        )

    def confirm_discard_recovery(self, entry: JournalEntry) -> bool:
        return self._confirm(
            f"Discard the recovered work on {entry.describe()}?", "This cannot be undone.", "&Discard"
        )

    def open_path(self, folder: Path | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open map", os.fspath(folder or ""), FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, suggested: Path) -> Path | None:
        dialog = QFileDialog(self.parent, "Save map as", os.fspath(suggested.parent), FILE_FILTER)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("journey.json")
        dialog.selectFile(suggested.name)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def choose_template(self) -> str | None:
        chooser = TemplateChooser(self.parent)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return None
        return chooser.selected_name()

    def error(self, text: str, detail: str = "") -> None:
        self.box(QMessageBox.Icon.Warning, text, detail).exec()


# ---------------------------------------------------------------------------- template chooser


def _colour(value: str, fallback: str) -> QColor:
    return QColor(value) if value else QColor(fallback)


def grid_preview_scene(m: Map) -> QGraphicsScene:
    """A light drawing of a map for previews: title band, stage headers, lane labels, cells and
    card outlines, at the layout's positions (so it looks like the canvas, without its detail)."""
    from app.model.layout import build_layout

    scene = QGraphicsScene()
    lay = build_layout(m)
    line = QPen(QColor("#9aa4ad"), 1)
    line.setCosmetic(True)
    small = QFont()
    small.setPointSizeF(11)
    bold = QFont(small)
    bold.setBold(True)
    bounds = lay.bounds
    title = scene.addSimpleText(m.title, bold)  # simple text: never markup
    title.setPos(8, 10)
    for stage in m.stages:
        r = lay.stage_header_rect(stage.id)
        scene.addRect(QRectF(r.x, r.y, r.w, r.h), line, QBrush(_colour(stage.colour, "#e8eef4")))
        label = scene.addSimpleText(stage.name, bold)
        label.setPos(r.x + 8, r.y + 8)
    for lane_id in lay.lane_ids:
        lane = lay.lanes_by_id[lane_id]
        header = lay.lane_header_rect(lane_id)
        scene.addRect(
            QRectF(header.x, header.y, header.w, header.h), line, QBrush(_colour(lane.colour, "#f3f5f7"))
        )
        label = scene.addSimpleText(lane.name, small)
        label.setPos(header.x + 6, header.y + 6)
        for stage in m.stages:
            cell = lay.cell_rect(stage.id, lane_id)
            if cell is not None:
                scene.addRect(QRectF(cell.x, cell.y, cell.w, cell.h), line, QBrush(QColor("#ffffff")))
    card_pen = QPen(QColor("#56606b"), 1)
    card_pen.setCosmetic(True)
    for card in m.cards:
        r = lay.card_rect(card.id)
        if r is not None:
            scene.addRect(QRectF(r.x, r.y, r.w, r.h), card_pen, QBrush(_colour(card.colour, "#fff7d6")))
    scene.setSceneRect(QRectF(0, 0, max(bounds.w, 200), max(bounds.h, 100)))
    return scene


def preview_scene(m: Map) -> QGraphicsScene:
    """The canvas scene itself when it can be built, else :func:`grid_preview_scene`."""
    try:
        from app.model.document import Document
        from app.widgets.canvas.scene import MapScene

        return MapScene(Document(m))
    except Exception:  # noqa: BLE001 - a preview must never break New
        return grid_preview_scene(m)


class TemplateChooser(QDialog):
    """New map: a list of templates (and a blank map) with each one's description and a preview."""

    def __init__(self, parent: QWidget | None = None, *, use_canvas: bool = True):
        super().__init__(parent)
        from app.io import templates

        self.setWindowTitle("New map")
        self._use_canvas = use_canvas
        self._maps: dict[str, Map] = {}
        self._scenes: dict[str, QGraphicsScene] = {}
        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.preview = QGraphicsView()
        self.preview.setInteractive(False)
        self.preview.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.preview.setMinimumSize(480, 300)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")

        blank = QListWidgetItem("Blank map")
        blank.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(blank)
        self._maps[""] = Map()
        self._descriptions = {"": "An empty map: add stages and lanes yourself."}
        try:
            infos = templates.template_info()
        except MapFileError as err:
            infos = []
            self.problem.setText(f"The templates cannot be read: {err}")
        for info in infos:
            item = QListWidgetItem(info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(literal(info.description))
            self.list.addItem(item)
            self._descriptions[info.name] = info.description
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(self._show)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.description)
        right.addWidget(self.preview, 1)
        right.addWidget(self.problem)
        top = QHBoxLayout()
        top.addWidget(self.list)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(buttons)
        self.list.setCurrentRow(1 if self.list.count() > 1 else 0)
        self.resize(900, 520)

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
                return
        raise KeyError(name)

    def preview_scene(self) -> QGraphicsScene | None:
        return self.preview.scene()

    def _show(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        from app.io import templates

        name = item.data(Qt.ItemDataRole.UserRole)
        self.heading.setText(item.text())
        self.description.setText(self._descriptions.get(name, ""))
        self.problem.setText("")
        if name not in self._scenes:
            try:
                m = self._maps[name] if name in self._maps else templates.load_template(name)
            except (MapFileError, LookupError) as err:
                self.problem.setText(str(err))
                self.preview.setScene(None)
                return
            self._maps[name] = m
            scene = preview_scene(m) if self._use_canvas else grid_preview_scene(m)
            scene.setParent(self)
            self._scenes[name] = scene
        self.preview.setScene(self._scenes[name])
        self._fit()

    def _fit(self) -> None:
        scene = self.preview.scene()
        if scene is not None and not scene.sceneRect().isEmpty():
            self.preview.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit()
