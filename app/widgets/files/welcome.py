"""The welcome page: what the editor shows when it starts without a file.

Instead of an empty, untitled map, a start page: the templates (with a description and a
preview, as File > New shows them) to create a map from, Open…, the example map (opened as an
untitled copy, so the shipped file is never changed), and the recent files. Choosing any of
them opens the map in the window and the page goes away; so does File > New or Open from the
menus. The page only emits what was chosen: the main window does the opening.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGraphicsView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.io import templates
from app.io.jsonfile import MapFileError
from app.widgets.files.grid_preview import grid_preview_scene
from app.widgets.i18n import translate
from app.widgets.plaintext import literal, plain_label

ROLE = Qt.ItemDataRole.UserRole


class WelcomePage(QWidget):
    templateChosen = Signal(str)  # noqa: N815 - a template's name, "" for a blank map
    openRequested = Signal()  # noqa: N815
    exampleRequested = Signal()  # noqa: N815
    recentChosen = Signal(Path)  # noqa: N815

    def __init__(self, recent: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcomePage")
        heading = plain_label(translate("Welcome", "Journey Map Studio"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = plain_label(translate("Welcome", "Start a new map from a template, open a map, or look at the example."))

        self.templates = QListWidget()
        self.templates.setObjectName("welcomeTemplates")
        self.templates.setAccessibleName(translate("Welcome", "Templates"))
        blank = QListWidgetItem(translate("Welcome", "Blank map"))
        blank.setData(ROLE, "")
        self.templates.addItem(blank)
        self._descriptions = {"": translate("Welcome", "An empty map: add stages and lanes yourself.")}
        self.problem = plain_label()
        self.problem.setStyleSheet("color: #b00020")
        try:
            infos = templates.template_info()
        except MapFileError as err:
            infos = []
            self.problem.setText(translate("Welcome", "The templates cannot be read: {error}").format(error=err))
        for info in infos:
            item = QListWidgetItem(info.title)
            item.setData(ROLE, info.name)
            item.setToolTip(literal(info.description))
            self.templates.addItem(item)
            self._descriptions[info.name] = info.description
        self.description = plain_label()
        self.description.setWordWrap(True)
        self.preview = QGraphicsView()
        self.preview.setInteractive(False)
        self.preview.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.preview.setMinimumHeight(160)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.installEventFilter(self)
        self.create_button = QPushButton(translate("Welcome", "&Create Map"))
        self.create_button.setDefault(True)
        self.open_button = QPushButton(translate("Welcome", "&Open…"))
        self.example_button = QPushButton(translate("Welcome", "Open the &Example"))
        self.example_button.setToolTip(translate("Welcome", "A finished map of a B2B laptop fleet, opened as an untitled copy"))

        self.recent = QListWidget()
        self.recent.setObjectName("welcomeRecent")
        self.recent.setAccessibleName(translate("Welcome", "Recent files"))
        for path in recent:
            item = QListWidgetItem(path.name)
            item.setData(ROLE, str(path))
            item.setToolTip(literal(str(path)))
            self.recent.addItem(item)
        no_recent = plain_label(translate("Welcome", "No recent maps yet."))
        no_recent.setVisible(not recent)
        self.recent.setVisible(bool(recent))

        left = QVBoxLayout()
        left.addWidget(plain_label(translate("Welcome", "New map")))
        left.addWidget(self.templates, 1)
        left.addWidget(self.description)
        left.addWidget(self.preview, 1)
        left.addWidget(self.problem)
        left.addWidget(self.create_button)
        right = QVBoxLayout()
        right.addWidget(plain_label(translate("Welcome", "Recent maps")))
        right.addWidget(self.recent, 1)
        right.addWidget(no_recent)
        right.addStretch(0)
        right.addWidget(self.open_button)
        right.addWidget(self.example_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(24)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addSpacing(12)
        outer.addLayout(columns, 1)

        self.templates.currentItemChanged.connect(self._show)
        self.templates.itemActivated.connect(lambda _item: self.create())
        self.templates.itemDoubleClicked.connect(lambda _item: self.create())
        self.create_button.clicked.connect(self.create)
        self.open_button.clicked.connect(self.openRequested)
        self.example_button.clicked.connect(self.exampleRequested)
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(Path(item.data(ROLE))))
        self.recent.itemDoubleClicked.connect(lambda item: self.recentChosen.emit(Path(item.data(ROLE))))
        self.templates.setCurrentRow(1 if self.templates.count() > 1 else 0)
        self.templates.setFocus()

    def selected_template(self) -> str | None:
        item = self.templates.currentItem()
        return None if item is None else item.data(ROLE)

    def select_template(self, name: str) -> None:
        for row in range(self.templates.count()):
            if self.templates.item(row).data(ROLE) == name:
                self.templates.setCurrentRow(row)
                return
        raise KeyError(name)

    def create(self) -> None:
        name = self.selected_template()
        if name is not None:
            self.templateChosen.emit(name)

    def _show(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        name = item.data(ROLE)
        self.description.setText(self._descriptions.get(name, ""))
        try:
            m = templates.load_template(name) if name else None
        except (MapFileError, LookupError) as err:
            self.problem.setText(str(err))
            return
        if m is None:
            self.preview.setScene(None)
            return
        scene = grid_preview_scene(m)
        scene.setParent(self.preview)
        self.preview.setScene(scene)
        self._fit_preview()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.preview and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_preview()
        return False

    def _fit_preview(self) -> None:
        scene = self.preview.scene()
        if scene is not None:
            self.preview.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
