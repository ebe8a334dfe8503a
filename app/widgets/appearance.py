"""View > Theme: the canvas in its light or dark theme, following the system or chosen.

The choice ("system", "light" or "dark") is kept in the settings as ``view/theme`` and shared by
every window of the process. "system" follows the platform's colour scheme
(``QStyleHints.colorScheme()``, or the lightness of the platform palette's window colour when the
platform does not say) and changes with it.

The canvas draws in :mod:`app.widgets.canvas.theme` (the view, its scene, the pinned headers and
the overview follow it without the map being laid out again). The Qt widgets round it (docks,
dialogs) follow the application palette: with the dark theme on a platform whose palette stays
light, the application gets the Fusion style and a dark palette; choosing Light or System again
gives back the platform's style and palette. Printing and picture export never see any of this:
the PDF and SVG draw the model's colours, the PNG export draws a scene of its own (light).
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from app.widgets.canvas.theme import DARK, LIGHT, CanvasTheme
from app.widgets.i18n import translate

SETTINGS_KEY = "view/theme"
CHOICES = ("system", "light", "dark")
DEFAULT = "system"

_controllers: weakref.WeakSet[Appearance] = weakref.WeakSet()
_platform: dict = {}  # the platform's own style name and palette, before any dark palette of ours


def _remember_platform(app: QApplication) -> None:
    if not _platform:
        _platform["style"] = app.style().name()
        _platform["palette"] = QPalette(app.palette())
        _platform["ours"] = False  # our Fusion style and dark palette are on
        _platform["asked"] = False  # we asked the platform for its dark scheme


def _light(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() >= 128


def system_is_dark() -> bool:
    """Does the platform use a dark colour scheme? Its colour scheme if it reports one, else the
    lightness of its palette's window colour (before any palette of ours)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return not _light(_platform.get("palette") or app.palette())


def canvas_theme(choice: str) -> CanvasTheme:
    if choice == "dark" or (choice == "system" and system_is_dark()):
        return DARK
    return LIGHT


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (the widgets round a dark canvas)."""
    p = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2D2F33", roles.WindowText: "#E6E6E6", roles.Base: "#1F2023",
        roles.AlternateBase: "#292B2F", roles.ToolTipBase: "#3A3D42", roles.ToolTipText: "#F0F0F0",
        roles.PlaceholderText: "#9A9A9A", roles.Text: "#E6E6E6", roles.Button: "#35383D",
        roles.ButtonText: "#E6E6E6", roles.BrightText: "#FF6B6B", roles.Link: "#56B4E9",
        roles.Highlight: "#2F7DC0", roles.HighlightedText: "#FFFFFF", roles.Light: "#4A4D53",
        roles.Midlight: "#3F4247", roles.Mid: "#2A2C30", roles.Dark: "#1B1C1F", roles.Shadow: "#111111",
    }  # fmt: skip
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7A7A7A"))
    return p


def apply_widget_palette(dark: bool) -> None:
    """Dark widgets round a dark canvas: ask the platform for its dark scheme, and where its
    palette stays light, use Fusion with :func:`dark_palette`; otherwise give back whatever
    the platform had."""
    app = QApplication.instance()
    if app is None:
        return
    _remember_platform(app)
    hints = QGuiApplication.styleHints()
    if dark:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        _platform["asked"] = True
        if _light(app.palette()) or _platform["ours"]:
            if not _platform["ours"]:
                app.setStyle("Fusion")
            app.setPalette(dark_palette())
            _platform["ours"] = True
        return
    if _platform["asked"]:
        hints.unsetColorScheme()
        _platform["asked"] = False
    if _platform["ours"]:
        app.setStyle(_platform["style"])
        app.setPalette(_platform["palette"])
        _platform["ours"] = False


def live_controllers() -> list[Appearance]:
    """The controllers of the windows still open."""
    return [c for c in list(_controllers) if shiboken6.isValid(c) and shiboken6.isValid(c.view)]


class Appearance(QObject):
    """The theme of one window's canvas (``view``: a MapView), from ``settings``."""

    def __init__(self, view, settings: QSettings | None, parent: QObject | None = None):
        super().__init__(parent)
        self.view, self.settings = view, settings
        value = settings.value(SETTINGS_KEY, DEFAULT) if settings is not None else DEFAULT
        self.choice = value if value in CHOICES else DEFAULT
        self.actions: dict[str, QAction] = {}
        _controllers.add(self)
        hints = QGuiApplication.styleHints() if QGuiApplication.instance() is not None else None
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_changed)
        self.apply()

    @property
    def theme(self) -> CanvasTheme:
        return canvas_theme(self.choice)

    def set_choice(self, choice: str) -> None:
        """View > Theme: "system", "light" or "dark", for every window; kept in the settings."""
        if choice not in CHOICES:
            raise ValueError(f"theme {choice!r}: use one of {', '.join(CHOICES)}")
        if self.settings is not None:
            self.settings.setValue(SETTINGS_KEY, choice)
        for controller in live_controllers():
            controller.choice = choice
            controller.apply()

    def apply(self) -> None:
        """Draw the canvas in the chosen theme and match the widgets' palette to it."""
        if self.choice == "dark" or _platform.get("asked"):
            apply_widget_palette(self.choice == "dark")
        theme = self.theme
        self.view.set_theme(theme)
        for name, act in self.actions.items():
            act.setChecked(name == self.choice)

    def _system_changed(self, *_args) -> None:
        if self.choice == "system":
            self.apply()

    def menu(self, parent) -> QMenu:
        """The View > Theme submenu: Follow System, Light, Dark (one checked)."""
        menu = QMenu(translate("Menus", "&Theme"), parent)
        menu.setObjectName("themeMenu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        texts = {
            "system": translate("Menus", "Follow &System"),
            "light": translate("Menus", "&Light"),
            "dark": translate("Menus", "&Dark"),
        }
        for choice in CHOICES:
            act = QAction(texts[choice], menu)
            act.setObjectName(f"theme_{choice}")
            act.setCheckable(True)
            act.setChecked(choice == self.choice)
            act.triggered.connect(lambda _checked=False, c=choice: self.set_choice(c))
            group.addAction(act)
            menu.addAction(act)
            self.actions[choice] = act
        return menu
