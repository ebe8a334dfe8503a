"""Stage and lane headers: reorder and resize by dragging, rename in place, and the structure
actions (insert, delete with cards, hide, lane type), with real mouse events on the viewport."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack

from app.model.document import Document
from app.model.events import Entity
from app.model.schema import LaneType
from app.widgets.canvas.header_tool import HeaderTool
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.structure_actions import StructureActions
from app.widgets.canvas.view import MapView
from app.widgets.selection import Selection
from tests.model_factory import small_map

LEFT = Qt.MouseButton.LeftButton


class Canvas:
    """A document, scene, view, undo stack and selection, with the tools registered."""

    def __init__(self, qtbot, m=None, zoom: float = 1.0):
        self.doc = Document(m or small_map())
        self.scene = MapScene(self.doc)
        self.view = MapView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(1200, 900)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.view.set_zoom(zoom)
        self.stack = QUndoStack()
        self.selection = Selection(self.doc)
        self.ctx = CanvasContext(self.doc, self.stack, self.selection, self.scene, self.view)
        self.qtbot = qtbot

    def vp(self):
        return self.view.viewport()

    def at(self, x: float, y: float) -> QPoint:
        """The viewport position of map point (x, y), scrolled into view."""
        self.view.centerOn(QPointF(x, y))
        return self.view.mapFromScene(QPointF(x, y))

    def pos(self, x: float, y: float) -> QPoint:
        """The viewport position of map point (x, y) without scrolling."""
        return self.view.mapFromScene(QPointF(x, y))

    def drag(self, a: QPoint, b: QPoint, mods=Qt.KeyboardModifier.NoModifier, release: bool = True, steps: int = 4):
        self.qtbot.mousePress(self.vp(), LEFT, mods, a)
        for i in range(1, steps + 1):
            self.qtbot.mouseMove(self.vp(), a + (b - a) * (i / steps))
        if release:
            self.qtbot.mouseRelease(self.vp(), LEFT, mods, b)

    def click(self, p: QPoint, mods=Qt.KeyboardModifier.NoModifier):
        self.qtbot.mouseClick(self.vp(), LEFT, mods, p)

    def park_mouse(self) -> None:
        """Leave the mouse far from where later tests open their windows."""
        self.qtbot.mouseMove(self.vp(), QPoint(-3000, -3000))

    def snapshot(self) -> dict:
        return json.loads(self.doc.map.model_dump_json())


@pytest.fixture
def canvas(qtbot):
    c = Canvas(qtbot)
    c.headers = HeaderTool(c.ctx)
    c.structure = StructureActions(c.ctx, c.headers)
    c.view.interaction.tools.append(c.headers)
    yield c
    c.park_mouse()


def stage_order(doc):
    return [s.id for s in doc.map.stages]


def lane_order(doc):
    return [lane.id for lane in doc.map.lanes]


# ---------------------------------------------------------------------- reorder
def test_stage_reorder_by_header_drag_is_one_step(canvas):
    lay = canvas.scene.layout
    r0, r2 = lay.stage_header_rect("s0"), lay.stage_header_rect("s2")
    before = canvas.snapshot()
    a = canvas.at(r0.cx, r0.cy)
    b = canvas.pos(r2.x + r2.w * 0.75, r0.cy)
    canvas.drag(a, b)
    assert stage_order(canvas.doc) == ["s1", "s2", "s0"]
    assert canvas.stack.count() == 1
    assert canvas.scene.layout.stage_header_rect("s0").x > canvas.scene.layout.stage_header_rect("s2").x
    canvas.stack.undo()
    assert stage_order(canvas.doc) == ["s0", "s1", "s2"]
    assert canvas.snapshot() == before


def test_stage_drag_to_the_middle_lands_between(canvas):
    lay = canvas.scene.layout
    r0, r1 = lay.stage_header_rect("s0"), lay.stage_header_rect("s1")
    canvas.drag(canvas.at(r0.cx, r0.cy), canvas.pos(r1.x + r1.w * 0.75, r0.cy))
    assert stage_order(canvas.doc) == ["s1", "s0", "s2"]


def test_header_drag_shows_the_landing_place_and_esc_cancels(canvas):
    lay = canvas.scene.layout
    r0, r2 = lay.stage_header_rect("s0"), lay.stage_header_rect("s2")
    item = canvas.scene.stage_items["s0"]
    origin = item.pos()
    a = canvas.at(r0.cx, r0.cy)
    canvas.drag(a, canvas.pos(r2.x + r2.w * 0.75, r0.cy), release=False)
    assert item.pos().x() > origin.x() + 100  # the header follows the mouse
    marker = canvas.view.interaction.gesture.marker
    assert marker is not None and marker.line().x1() == pytest.approx(r2.right)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.view.interaction.gesture is None
    assert item.pos() == origin and marker.scene() is None
    canvas.qtbot.mouseRelease(canvas.vp(), LEFT, pos=canvas.pos(r2.cx, r0.cy))
    assert stage_order(canvas.doc) == ["s0", "s1", "s2"] and canvas.stack.count() == 0


def test_click_on_a_header_selects_without_a_command(canvas):
    lay = canvas.scene.layout
    r1 = lay.stage_header_rect("s1")
    canvas.click(canvas.at(r1.cx, r1.cy))
    assert canvas.selection.items() == [(Entity.STAGE, "s1")] and canvas.stack.count() == 0
    lr = lay.lane_header_rect("l-touch")
    canvas.click(canvas.at(lr.cx, lr.cy))
    assert canvas.selection.items() == [(Entity.LANE, "l-touch")] and canvas.stack.count() == 0


def test_lane_reorder_by_header_drag_skips_hidden_lanes(canvas):
    canvas.doc.update(Entity.LANE, "l-feel", {"hidden": True})  # hidden lanes stay in the list
    canvas.scene.rebuild()
    lay = canvas.scene.layout
    ra, rt = lay.lane_header_rect("l-act"), lay.lane_header_rect("l-touch")
    canvas.drag(canvas.at(ra.cx, ra.cy), canvas.pos(ra.cx, rt.y + rt.h * 0.75))
    assert lane_order(canvas.doc) == ["l-feel", "l-touch", "l-act", "l-on", "l-back"]
    assert canvas.stack.count() == 1
    canvas.stack.undo()
    assert lane_order(canvas.doc) == ["l-act", "l-feel", "l-touch", "l-on", "l-back"]


# ---------------------------------------------------------------------- resize
@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_stage_resize_by_border_drag(qtbot, zoom):
    c = Canvas(qtbot, zoom=zoom)
    c.view.interaction.tools.append(HeaderTool(c.ctx))
    r = c.scene.layout.stage_header_rect("s1")
    a = c.at(r.right - 1 / zoom, r.cy)
    c.drag(a, a + QPoint(60, 0))
    assert c.doc.get(Entity.STAGE, "s1").width == pytest.approx(220 + 60 / zoom, abs=0.6 / zoom)
    assert c.doc.get(Entity.STAGE, "s0").width == 220 and c.stack.count() == 1
    assert stage_order(c.doc) == ["s0", "s1", "s2"]
    c.stack.undo()
    assert c.doc.get(Entity.STAGE, "s1").width == 220


def test_stage_resize_respects_the_schema_minimum(canvas):
    r = canvas.scene.layout.stage_header_rect("s0")
    a = canvas.at(r.right - 1, r.cy)
    canvas.drag(a, a - QPoint(400, 0))
    assert canvas.doc.get(Entity.STAGE, "s0").width == 60
    assert stage_order(canvas.doc) == ["s0", "s1", "s2"]


def test_resize_cursor_near_a_border(canvas):
    r = canvas.scene.layout.stage_header_rect("s1")
    canvas.qtbot.mouseMove(canvas.vp(), canvas.at(r.right - 1, r.cy))
    assert canvas.vp().cursor().shape() == Qt.CursorShape.SizeHorCursor
    canvas.qtbot.mouseMove(canvas.vp(), canvas.pos(r.cx, r.cy))
    assert canvas.vp().cursor().shape() != Qt.CursorShape.SizeHorCursor


def test_lane_resize_by_bottom_border_drag(canvas):
    lay = canvas.scene.layout
    r = lay.lane_header_rect("l-feel")
    assert r.h == 110
    a = canvas.at(r.cx, r.bottom - 1)
    canvas.drag(a, a + QPoint(0, 50))
    assert canvas.doc.get(Entity.LANE, "l-feel").height == pytest.approx(160, abs=0.6)
    assert canvas.scene.layout.lane_header_rect("l-feel").h == pytest.approx(160, abs=0.6)
    assert canvas.stack.count() == 1 and lane_order(canvas.doc)[1] == "l-feel"
    canvas.stack.undo()
    assert canvas.doc.get(Entity.LANE, "l-feel").height == 110


def test_resize_escape_cancels(canvas):
    r = canvas.scene.layout.stage_header_rect("s1")
    a = canvas.at(r.right - 1, r.cy)
    canvas.drag(a, a + QPoint(80, 0), release=False)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    canvas.qtbot.mouseRelease(canvas.vp(), LEFT, pos=a + QPoint(80, 0))
    assert canvas.doc.get(Entity.STAGE, "s1").width == 220 and canvas.stack.count() == 0


# ---------------------------------------------------------------------- rename
def test_rename_in_place_enter_commits_one_edit(canvas):
    r = canvas.scene.layout.stage_header_rect("s2")
    canvas.qtbot.mouseDClick(canvas.vp(), LEFT, pos=canvas.at(r.cx, r.cy))
    editor = canvas.headers.editor
    assert editor is not None and editor.isVisible() and editor.text() == "Stage 2"
    editor.selectAll()
    canvas.qtbot.keyClicks(editor, "Checkout")
    canvas.qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert canvas.doc.get(Entity.STAGE, "s2").name == "Checkout"
    assert canvas.stack.count() == 1 and not editor.isVisible()
    canvas.stack.undo()
    assert canvas.doc.get(Entity.STAGE, "s2").name == "Stage 2"


def test_rename_escape_cancels(canvas):
    r = canvas.scene.layout.lane_header_rect("l-touch")
    canvas.qtbot.mouseDClick(canvas.vp(), LEFT, pos=canvas.at(r.cx, r.cy))
    editor = canvas.headers.editor
    assert editor is not None and editor.text() == "Touchpoints"
    canvas.qtbot.keyClicks(editor, "Something else")
    canvas.qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert canvas.doc.get(Entity.LANE, "l-touch").name == "Touchpoints" and canvas.stack.count() == 0


def test_rename_action_opens_the_editor_on_the_selected_lane(canvas):
    canvas.selection.set([(Entity.LANE, "l-on")])
    editor = canvas.structure.rename_lane()
    assert editor is canvas.headers.editor and editor.text() == "On stage"
    editor.setText("Front stage")
    canvas.qtbot.keyClick(editor, Qt.Key.Key_Enter)
    assert canvas.doc.get(Entity.LANE, "l-on").name == "Front stage" and canvas.stack.count() == 1


# ---------------------------------------------------------------------- structure actions
def test_insert_stage_before_and_after_the_selected(canvas):
    canvas.selection.set([(Entity.STAGE, "s1")])
    new = canvas.structure.insert_stage(before=True)
    assert stage_order(canvas.doc) == ["s0", new, "s1", "s2"]
    assert canvas.selection.items() == [(Entity.STAGE, new)] and new in canvas.scene.stage_items
    after = canvas.structure.insert_stage(before=False)
    assert stage_order(canvas.doc) == ["s0", new, after, "s1", "s2"]
    assert canvas.stack.count() == 2
    canvas.stack.undo()
    canvas.stack.undo()
    assert stage_order(canvas.doc) == ["s0", "s1", "s2"] and new not in canvas.scene.stage_items
    added = canvas.structure.add_stage()
    assert stage_order(canvas.doc)[-1] == added


def test_delete_stage_with_its_cards_and_undo_restores_the_exact_json(canvas):
    before = canvas.snapshot()
    canvas.selection.set([(Entity.STAGE, "s1")])
    assert canvas.structure.delete_stage()
    m = canvas.doc.map
    assert stage_order(canvas.doc) == ["s0", "s2"]
    assert not [c for c in m.cards if c.stage_id == "s1"]
    assert not [p for cv in m.curves for p in cv.points if p.stage_id == "s1"]
    assert canvas.stack.count() == 1 and "s1" not in canvas.scene.stage_items
    assert not [cid for cid in canvas.scene.card_items if "-s1-" in cid]
    canvas.stack.undo()
    assert canvas.snapshot() == before
    assert "c-s1-l-act-0" in canvas.scene.card_items


def test_delete_lane_with_its_cards_and_undo(canvas):
    before = canvas.snapshot()
    canvas.selection.set([(Entity.LANE, "l-act")])
    assert canvas.structure.delete_lane()
    assert "l-act" not in lane_order(canvas.doc)
    assert not [c for c in canvas.doc.map.cards if c.lane_id == "l-act"]
    assert not [lk for lk in canvas.doc.map.links if lk.id == "lk1"]  # its links go with the cards
    canvas.stack.undo()
    assert canvas.snapshot() == before


def test_insert_lane_below_and_nothing_selected_does_nothing_destructive(canvas):
    assert not canvas.structure.delete_lane() and not canvas.structure.delete_stage()
    canvas.selection.set([(Entity.LANE, "l-feel")])
    new = canvas.structure.insert_lane(before=False)
    assert lane_order(canvas.doc)[2] == new and new in canvas.scene.lane_items


def test_hide_lane_and_show_it_again(canvas):
    canvas.selection.set([(Entity.LANE, "l-touch")])
    assert canvas.structure.toggle_lane_hidden()
    assert canvas.doc.get(Entity.LANE, "l-touch").hidden
    assert "l-touch" not in canvas.scene.lane_items
    assert canvas.scene.card_item("c-s0-l-touch-0") is None
    assert canvas.structure.toggle_lane_hidden()  # still selected: shows it again
    assert not canvas.doc.get(Entity.LANE, "l-touch").hidden and "l-touch" in canvas.scene.lane_items
    canvas.structure.toggle_lane_hidden()
    assert canvas.structure.show_all_lanes()
    assert not canvas.doc.get(Entity.LANE, "l-touch").hidden
    assert canvas.stack.count() == 4


def test_lane_type_change_moves_the_line_of_visibility(canvas):
    lay = canvas.scene.layout
    y0 = canvas.scene.visibility_item.pos().y()
    assert y0 == pytest.approx(lay.lane_header_rect("l-back").y)
    canvas.selection.set([(Entity.LANE, "l-touch")])
    assert canvas.structure.set_lane_type(LaneType.BACKSTAGE)
    # touchpoints -> backstage: but no on-stage lane is above it, so the line stays
    assert canvas.scene.visibility_item.pos().y() == pytest.approx(y0)
    canvas.selection.set([(Entity.LANE, "l-act")])
    assert canvas.structure.set_lane_type(LaneType.ON_STAGE)
    y1 = canvas.scene.visibility_item.pos().y()
    assert y1 == pytest.approx(canvas.scene.layout.lane_header_rect("l-touch").y) and y1 < y0
    canvas.stack.undo()
    assert canvas.scene.visibility_item.pos().y() == pytest.approx(canvas.scene.layout.lane_header_rect("l-back").y)


def test_lane_reorder_moves_the_line_of_visibility(canvas):
    lay = canvas.scene.layout
    rb, ra = lay.lane_header_rect("l-back"), lay.lane_header_rect("l-act")
    canvas.drag(canvas.at(rb.cx, rb.cy), canvas.pos(rb.cx, ra.y + 5), steps=8)
    assert lane_order(canvas.doc)[0] == "l-back"
    # on-stage is now the last lane: nothing behind the scenes follows it, no line
    assert not canvas.scene.visibility_item.isVisible()
    canvas.stack.undo()
    assert canvas.scene.visibility_item.isVisible()


def test_header_context_menu_lists_the_actions(canvas):
    menu = canvas.structure.context_menu(Entity.LANE, "l-feel")
    texts = [a.text() for a in menu.actions()]
    assert "Delete Lane" in texts and "Hide Lane" in texts and "Rename Lane" in texts
    assert canvas.selection.items() == [(Entity.LANE, "l-feel")]
    menu = canvas.structure.context_menu(Entity.STAGE, "s0")
    delete = next(a for a in menu.actions() if a.text() == "Delete Stage")
    delete.trigger()
    assert stage_order(canvas.doc) == ["s1", "s2"]


def test_clicked_header_is_what_the_actions_act_on(canvas):
    r = canvas.scene.layout.stage_header_rect("s2")
    canvas.click(canvas.at(r.cx, r.cy))
    assert canvas.structure.has_stage() and not canvas.structure.has_lane()
    assert canvas.structure.delete_stage()
    assert stage_order(canvas.doc) == ["s0", "s1"]
    lr = canvas.scene.layout.lane_header_rect("l-on")
    canvas.click(canvas.at(lr.cx, lr.cy))
    assert canvas.structure.toggle_lane_hidden()
    assert canvas.doc.get(Entity.LANE, "l-on").hidden
    assert canvas.scene.visibility_item.isVisible() is False  # no on-stage lane shown: no line
