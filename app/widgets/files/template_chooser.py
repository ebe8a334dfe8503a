"""File > New: the template chooser (a list of templates and a blank map, each one's description
and a preview)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.io.jsonfile import MapFileError
from app.model.schema import Map
from app.widgets.files.grid_preview import grid_preview_scene
from app.widgets.i18n import translate
from app.widgets.plaintext import literal


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

        self.setWindowTitle(translate("Templates", "New map"))
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

        blank = QListWidgetItem(translate("Templates", "Blank map"))
        blank.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(blank)
        self._maps[""] = Map()
        self._descriptions = {"": translate("Templates", "An empty map: add stages and lanes yourself.")}
        try:
            infos = templates.template_info()
        except MapFileError as err:
            infos = []
            self.problem.setText(translate("Templates", "The templates cannot be read: {error}").format(error=err))
        for info in infos:
            item = QListWidgetItem(info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(literal(info.description))
            self.list.addItem(item)
            self._descriptions[info.name] = info.description
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Templates", "Create"))
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
