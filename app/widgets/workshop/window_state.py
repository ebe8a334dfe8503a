"""What presentation mode changes in the main window, taken before and put back after: window
geometry and state (normal, maximized, full screen), docks and toolbars, menu and status bar,
the canvas's zoom and position, its scroll bars and the overview."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar


@dataclass
class WindowSnapshot:
    geometry: QRect  # the window's own, when neither maximized nor full screen
    state: QByteArray
    window_state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    transform: QTransform
    centre: QPointF
    scroll_policies: tuple
    overview: bool


def take(window: QMainWindow) -> WindowSnapshot:
    view = window.view
    return WindowSnapshot(
        geometry=QRect(window.geometry()),
        state=window.saveState(),
        window_state=window.windowState(),
        menu_bar=window.menuBar().isVisible(),
        status_bar=window.statusBar().isVisible(),
        transform=QTransform(view.transform()),
        centre=view.mapToScene(view.viewport().rect().center()),
        scroll_policies=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
        overview=window.overview.enabled,
    )


def clear(window: QMainWindow) -> None:
    """Only the map: no docks, toolbars, menu or status bar, scroll bars or overview (the
    window's actions keep their shortcuts: they belong to the window, not the menu bar)."""
    for part in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar)):
        if part.parent() is window:
            part.hide()
    window.menuBar().hide()
    window.statusBar().hide()
    view = window.view
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    window.overview.enabled = False  # for now only: the View menu's choice stays in the settings
    window.overview.follow_view()


def restore(window: QMainWindow, snap: WindowSnapshot) -> None:
    full = Qt.WindowState.WindowFullScreen
    if snap.window_state & full:
        window.showFullScreen()
    elif snap.window_state & Qt.WindowState.WindowMaximized:
        window.showNormal()
        window.showMaximized()
    else:
        window.showNormal()
        window.setGeometry(snap.geometry)
    window.restoreState(snap.state)
    window.menuBar().setVisible(snap.menu_bar)
    window.statusBar().setVisible(snap.status_bar)
    view = window.view
    view.setHorizontalScrollBarPolicy(snap.scroll_policies[0])
    view.setVerticalScrollBarPolicy(snap.scroll_policies[1])
    window.overview.enabled = snap.overview

    def place_view() -> None:
        view.setTransform(snap.transform)
        view.centerOn(snap.centre)
        view.zoomChanged.emit(view.zoom())
        window.overview.follow_view()

    place_view()
    QTimer.singleShot(0, place_view)  # again once the window has its size back
