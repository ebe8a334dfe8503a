"""The curve legend: one row per emotion curve (a radio button choosing the ACTIVE curve that new
points go to, a visible checkbox, the colour swatch, persona and perspective), and a row to add
a curve for a persona and perspective (one curve per persona and perspective).

Put it in a dock or above the canvas::

    curves = CurveTool(ctx)
    legend = CurveLegend(ctx)  # shares the curve tool's ActiveCurve (``active_curve(ctx)``)
    dock.setWidget(legend)

It follows the scene (``scene.applied``), so it stays current across undo and opening another map.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.model import commands as cmd
from app.model.commands import Edit
from app.model.events import Entity
from app.model.palette import PERSPECTIVE_LABEL, curve_colour
from app.model.perspective import BOTH, shows_curve
from app.model.schema import EmotionCurve, Perspective, new_id
from app.widgets.canvas.curve_tool import ActiveCurve, active_curve
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.i18n import perspective_label, translate
from app.widgets.plaintext import no_mnemonic, plain_label


def curve_title(m, curve: EmotionCurve) -> str:
    persona = next((p.name for p in m.personas if p.id == curve.persona_id), "") if curve.persona_id else ""
    name = curve.name or persona or translate("Legend", "No persona")
    return f"{name} · {perspective_label(curve.perspective)}"


class CurveLegend(QWidget):
    """The list of curves with their visible checkbox and the active-curve radio button.

    ``rows`` maps a curve id to its ``(radio, checkbox, label)`` widgets."""

    def __init__(self, ctx: CanvasContext, active: ActiveCurve | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.active = active = active or active_curve(ctx)
        self.rows: dict[str, tuple[QRadioButton, QCheckBox, QLabel]] = {}
        self._signature: tuple | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        # the rows scroll: squeezed into a short dock, two-line curve names drew over each other
        rows = QWidget()
        self.list_box = QVBoxLayout(rows)
        self.list_box.setContentsMargins(0, 0, 0, 0)
        self.list_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(rows)
        outer.addWidget(self.scroll, 1)
        self.empty = QLabel(translate("Legend", "No emotion curve yet: click in the feelings lane to start one."))
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        add = QHBoxLayout()  # narrow: the legend shares a dock column with the inspector
        self.persona_box = QComboBox()
        self.perspective_box = QComboBox()
        for box in (self.persona_box, self.perspective_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(5)
        self.persona_box.setToolTip(translate("Legend", "Persona of the new curve"))
        self.perspective_box.setToolTip(translate("Legend", "Perspective of the new curve"))
        for p in PERSPECTIVE_LABEL:
            self.perspective_box.addItem(perspective_label(p), p.value)
        self.add_button = QPushButton(translate("Legend", "Add curve"))
        self.add_button.setToolTip(translate("Legend", "Add a curve for this persona and perspective"))
        self.add_button.clicked.connect(lambda: self.add_curve())
        self.persona_box.setAccessibleName(QCoreApplication.translate("Accessibility", "Persona of the new curve"))
        self.perspective_box.setAccessibleName(QCoreApplication.translate("Accessibility", "Perspective of the new curve"))
        add.addWidget(self.persona_box, 1)
        add.addWidget(self.perspective_box, 1)
        outer.addLayout(add)
        outer.addWidget(self.add_button)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        active.changed.connect(self._show_active)
        ctx.scene.applied.connect(self.refresh)
        ctx.scene.perspectiveChanged.connect(self.refresh)  # View > Perspective hides some curves
        self.refresh()

    # ------------------------------------------------------------ state
    def _sig(self) -> tuple:
        m = self.ctx.doc.map
        return (
            tuple((c.id, curve_title(m, c), curve_colour(m, c), c.visible) for c in m.curves),
            tuple((p.id, p.name) for p in m.personas),
            getattr(self.ctx.scene, "perspective", ""),
        )

    def refresh(self) -> None:
        """Rebuild the rows when the curves or personas changed."""
        sig = self._sig()
        if sig == self._signature:
            self._show_active()
            return
        self._signature = sig
        m = self.ctx.doc.map
        for radio, check, label in self.rows.values():
            self.group.removeButton(radio)
            for w in (radio, check, label):
                w.setParent(None)
                w.deleteLater()
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            if item.layout() is not None:
                item.layout().deleteLater()
        self.rows = {}
        for curve in m.curves:
            row = QHBoxLayout()
            radio = QRadioButton()
            radio.setToolTip(translate("Legend", "Active: new points go to this curve"))
            radio.toggled.connect(lambda on, cid=curve.id: on and self.active.set(cid))
            check = QCheckBox()
            check.setToolTip(translate("Legend", "Visible"))
            check.setChecked(curve.visible)
            check.toggled.connect(lambda on, cid=curve.id: self.set_visible(cid, on))
            # plain text (markup in a curve name must not load an image or widen the window); with a
            # buddy even a plain label reads "&" as a mnemonic
            label = plain_label(no_mnemonic(curve_title(m, curve)))
            label.setWordWrap(True)
            pix = QPixmap(14, 14)
            pix.fill(QColor(curve_colour(m, curve)))
            swatch = QLabel()
            swatch.setPixmap(pix)
            label.setBuddy(radio)
            if not shows_curve(getattr(self.ctx.scene, "perspective", BOTH), curve.perspective):
                label.setEnabled(False)  # greyed: not drawn in this perspective, whatever its checkbox says
                label.setToolTip(translate("Legend", "Not shown in this perspective (View > Perspective)"))
            title = curve_title(m, curve)  # the buddy label names the radio; say what each button does
            radio.setAccessibleName(QCoreApplication.translate("Accessibility", "Active curve: {0}").format(title))
            radio.setAccessibleDescription(QCoreApplication.translate("Accessibility", "New curve points go to this curve"))
            check.setAccessibleName(QCoreApplication.translate("Accessibility", "Show curve: {0}").format(title))
            self.group.addButton(radio)
            row.addWidget(radio)
            row.addWidget(check)
            row.addWidget(swatch)
            row.addWidget(label, 1)
            self.list_box.addLayout(row)
            self.rows[curve.id] = (radio, check, label)
            label.swatch = swatch  # kept with the row
        self.empty.setVisible(not m.curves)
        current = self.persona_box.currentData()
        self.persona_box.clear()
        for p in m.personas:
            self.persona_box.addItem(p.name, p.id)
        self.persona_box.addItem(translate("Legend", "No persona"), "")
        i = self.persona_box.findData(current)
        self.persona_box.setCurrentIndex(max(0, i))
        self._show_active()

    def _show_active(self, *_args) -> None:
        cid = self.active.id(self.ctx.doc)
        row = self.rows.get(cid) if cid else None
        if row is not None and not row[0].isChecked():
            row[0].blockSignals(True)
            row[0].setChecked(True)
            row[0].blockSignals(False)

    # ------------------------------------------------------------ edits
    def set_visible(self, curve_id: str, visible: bool) -> None:
        curve = self.ctx.doc.find(Entity.CURVE, curve_id)
        if curve is not None and curve.visible != visible:
            self.ctx.push(Edit(Entity.CURVE, curve_id, {"visible": visible}, label=translate("Legend", "Show curve") if visible else translate("Legend", "Hide curve")))

    def add_curve(self, persona_id: str | None = None, perspective: Perspective | str | None = None) -> str:
        """Add a curve for a persona and perspective (default: the ones chosen in the add row)
        and make it active. An existing curve for the pair is made active instead. Returns its id."""
        if persona_id is None:
            persona_id = self.persona_box.currentData() or None
        persona_id = persona_id or None
        perspective = Perspective(perspective or self.perspective_box.currentData() or Perspective.CUSTOMER)
        for c in self.ctx.doc.map.curves:
            if c.persona_id == persona_id and c.perspective is perspective:
                self.active.set(c.id)
                return c.id
        curve = EmotionCurve(id=new_id("curve"), persona_id=persona_id, perspective=perspective)
        self.ctx.push(cmd.add_curve(curve))
        self.active.set(curve.id)
        return curve.id


__all__ = ["CurveLegend", "curve_title"]
