"""One view stepped through the map (see :mod:`.steps`): the whole map first, then each stage
column, page by page where a column is too tall to read whole. The caption names the step and
shows the timer; the shade darkens the other stages. Edits to the map (from the editor, while a
second screen presents) keep the step: the same stage and page, laid out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QTransform

from app.model.layout import LABEL_W
from app.widgets.i18n import translate
from app.widgets.workshop.overlay import Caption, FocusShade
from app.widgets.workshop.steps import Step, all_steps
from app.widgets.workshop.timer_view import WorkshopClock


class Presenter(QObject):
    stepped = Signal()

    def __init__(self, view, clock: WorkshopClock, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.scene = view.scene()
        self.clock = clock
        self.shade = FocusShade(view)
        self.caption = Caption(view)
        self.shade.show()
        self.caption.show()
        self.index = 0
        self._at: tuple[str | None, int] = (None, 0)
        self.scene.applied.connect(self.refresh)
        clock.timer.changed.connect(self._show_timer)
        clock.flash.changed.connect(self.caption.set_flash)
        self.caption.set_flash(clock.flash.on)
        view.viewport().installEventFilter(self)
        self._show_timer()

    def close(self) -> None:
        self.scene.applied.disconnect(self.refresh)
        self.clock.timer.changed.disconnect(self._show_timer)
        self.clock.flash.changed.disconnect(self.caption.set_flash)
        self.view.viewport().removeEventFilter(self)
        self.view.setSceneRect(QRectF())  # the scene's rectangle again
        for part in (self.shade, self.caption):
            part.hide()
            part.setParent(None)
            part.deleteLater()

    # ------------------------------------------------------------ steps
    def steps(self) -> list[Step]:
        vp = self.view.viewport()
        height = max(1, vp.height() - self.caption.height_for_view())
        return all_steps(self.scene.layout, max(1, vp.width()), height)

    @property
    def step(self) -> Step:
        return self.steps()[self.index]

    def go(self, index: int) -> None:
        steps = self.steps()
        self.index = max(0, min(len(steps) - 1, index))
        self._show(steps[self.index], steps)

    def refresh(self, *_args) -> None:
        """The same stage and page again (after an edit or a new size)."""
        steps = self.steps()
        stage, page = self._at
        found = [i for i, s in enumerate(steps) if s.stage_id == stage]
        if not found:
            self.index = 0
        else:
            self.index = found[min(page, len(found) - 1)]
        self._show(steps[self.index], steps)

    def next_page(self) -> None:
        self.go(self.index + 1)

    def previous_page(self) -> None:
        self.go(self.index - 1)

    def next_stage(self) -> None:
        steps = self.steps()
        here = steps[min(self.index, len(steps) - 1)].stage_id
        later = [
            i for i in range(self.index + 1, len(steps)) if steps[i].page == 0 and steps[i].stage_id != here
        ]
        self.go(later[0] if later else self.index)

    def previous_stage(self) -> None:
        steps = self.steps()
        here = steps[min(self.index, len(steps) - 1)].stage_id
        earlier = [i for i in range(self.index) if steps[i].page == 0 and steps[i].stage_id != here]
        self.go(earlier[-1] if earlier else 0)

    def first(self) -> None:
        self.go(0)

    def last_stage(self) -> None:
        steps = self.steps()
        self.go(max(i for i, s in enumerate(steps) if s.page == 0))

    # ------------------------------------------------------------ showing
    def _show(self, step: Step, steps: list[Step]) -> None:
        self._at = (step.stage_id, step.page)
        view, z = self.view, step.zoom
        view.setTransform(QTransform.fromScale(z, z))
        # room to scroll past the map's edge (a step's picture may reach beyond it)
        vp = view.viewport()
        room = self.scene.sceneRect().adjusted(
            -vp.width() / z, -vp.height() / z, vp.width() / z, vp.height() / z
        )
        view.setSceneRect(room)
        lift = self.caption.height_for_view() / 2 / z  # the caption covers the bottom of the view
        view.centerOn(step.rect.center() + QPointF(0, lift))
        view.zoomChanged.emit(z)
        if step.stage_id is None:
            self.shade.set_focus()
        else:  # the stage, and the lane names (when their column is in sight, not pinned)
            grid = self.scene.layout.grid
            self.shade.set_focus(
                step.target, QRectF(0, step.target.top(), LABEL_W, grid.h - step.target.top())
            )
        self.caption.set_step(*self._texts(step, steps))
        self.stepped.emit()

    def _texts(self, step: Step, steps: list[Step]) -> tuple[str, str]:
        m = self.scene.doc.map
        if step.stage_id is None:
            stages = len(m.stages)
            return m.title, translate("Workshop", "The whole map: %n stage(s)", None, stages)
        order = [s.id for s in m.stages]
        names = {s.id: s.name for s in m.stages}
        n = order.index(step.stage_id) + 1 if step.stage_id in order else 0
        where = translate("Workshop", "Stage {n} of {count}").format(n=n, count=len(order))
        if step.pages > 1:
            where = translate("Workshop", "Stage {n} of {count}, part {page} of {pages}").format(
                n=n, count=len(order), page=step.page + 1, pages=step.pages
            )
        return names.get(step.stage_id, ""), where

    def _show_timer(self) -> None:
        t = self.clock.timer
        self.caption.set_timer(t.text(), t.started)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.refresh()
        return False
