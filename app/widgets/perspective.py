"""View > Perspective: show the map as customers report it, as the internal team assumes it, or
both with their differences highlighted (app.model.perspective decides what each shows).

The choice belongs to the window, like the zoom: it is kept while the window is open, across
the maps opened in it, and is not saved in the map file (a map is the same map whichever way a
facilitator looks at it). The scene draws it (``MapScene.set_perspective``); this module makes
the three radio actions and keeps them checked as the scene says::

    switch = PerspectiveSwitch(window.scene, window.statusBar())
    view_menu.addMenu(switch.menu(view_menu))  # switch.actions["customer"] ...
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStatusBar

from app.model.perspective import BOTH, CUSTOMER, INTERNAL, VIEWS, shows_curve
from app.widgets.i18n import translate

#: The keys of View > Perspective's entries (Alt and a digit: no text field types them).
SHORTCUTS = {CUSTOMER: "Alt+1", INTERNAL: "Alt+2", BOTH: "Alt+3"}


def view_name(view: str) -> str:
    """The perspective's name as the menu and the status bar say it (without a mnemonic)."""
    return {
        CUSTOMER: translate("Perspective", "Customer"),
        INTERNAL: translate("Perspective", "Internal"),
        BOTH: translate("Perspective", "Both"),
    }[view]


class PerspectiveSwitch(QObject):
    """The three View > Perspective actions (``actions[view]``), one checked: the scene's."""

    def __init__(self, scene, status: QStatusBar | None = None, parent: QObject | None = None, active=None):
        """``active``: the canvas's ActiveCurve (app.widgets.canvas.curve_tool), which follows
        the perspective so that new curve points go to a curve it shows."""
        super().__init__(parent)
        self.scene = scene
        self.status = status
        self.active = active
        self.actions: dict[str, QAction] = {}
        scene.perspectiveChanged.connect(self._show)

    @property
    def view(self) -> str:
        return self.scene.perspective

    def set_view(self, view: str) -> None:
        """Show the map in ``view`` (customer, internal or both) and say so in the status bar."""
        self.scene.set_perspective(view)
        self._show(view)
        self._follow_active_curve()
        if self.status is not None:
            self.status.showMessage(
                translate("Perspective", "Perspective: {name}").format(name=view_name(view)), 5000
            )

    def _follow_active_curve(self) -> None:
        """When the perspective hides the active curve, make a shown curve of the same persona
        (else the first shown one) active; with none shown the active curve stays."""
        if self.active is None:
            return
        doc = self.scene.doc
        current = self.active.curve(doc)
        if current is None or shows_curve(self.view, current.perspective):
            return
        shown = [c for c in doc.map.curves if shows_curve(self.view, c.perspective)]
        same = [c for c in shown if c.persona_id == current.persona_id]
        if same or shown:
            self.active.set((same or shown)[0].id)

    def _show(self, view: str) -> None:
        act = self.actions.get(view)
        if act is not None and not act.isChecked():
            act.setChecked(True)

    def menu(self, parent) -> QMenu:
        """The View > Perspective submenu: Customer, Internal, Both (one checked)."""
        menu = QMenu(translate("Menus", "Pe&rspective"), parent)
        menu.setObjectName("perspectiveMenu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        texts = {
            CUSTOMER: translate("Menus", "&Customer"),
            INTERNAL: translate("Menus", "&Internal"),
            BOTH: translate("Menus", "&Both"),
        }
        tips = {
            CUSTOMER: translate("Menus", "The ratings and emotion curves as customers report them"),
            INTERNAL: translate("Menus", "The ratings and emotion curves as the internal team assumes them"),
            BOTH: translate(
                "Menus",
                "Both perspectives: ratings 2 or more points apart and curves 2 or more points apart are marked",
            ),
        }
        for view in VIEWS:
            act = QAction(texts[view], menu)
            act.setObjectName(f"perspective_{view}")
            act.setCheckable(True)
            act.setChecked(view == self.view)
            act.setShortcut(QKeySequence(SHORTCUTS[view]))
            act.setToolTip(tips[view])
            act.setStatusTip(tips[view])
            act.triggered.connect(lambda _checked=False, v=view: self.set_view(v))
            group.addAction(act)
            menu.addAction(act)
            self.actions[view] = act
        return menu


__all__ = ["SHORTCUTS", "PerspectiveSwitch", "view_name"]
