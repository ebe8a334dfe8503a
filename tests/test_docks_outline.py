"""The outline dock: stage and lane lists that follow the document, reorder by drag and drop or
move actions, rename in place, add / insert / delete with undo, lane show / hide and type."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import LaneType
from app.widgets.docks.outline import OutlinePanel
from app.widgets.undo import push
from tests.dock_support import DockEnv
from tests.model_factory import small_map


class Env(DockEnv):
    def __init__(self, qtbot):
        super().__init__(qtbot, OutlinePanel, (320, 700))
        self.panel = self.widget
        qtbot.waitExposed(self.panel)

    def texts(self, section):
        lst = section.list
        return [lst.item(i).text() for i in range(lst.count())]

    def stage_ids(self):
        return [s.id for s in self.doc.map.stages]

    def click_row(self, section, row):
        lst = section.list
        rect = lst.visualItemRect(lst.item(row))
        self.qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def click(self, action):
        button = next(b for b in action.parent()._buttons if b.defaultAction() is action)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def env(qtbot):
    return Env(qtbot)


def test_lists_show_stages_and_lanes(env):
    assert env.texts(env.panel.stages) == ["Stage 0", "Stage 1", "Stage 2"]
    assert env.texts(env.panel.lanes) == ["Actions", "Feelings", "Touchpoints", "On stage", "Backstage"]
    assert env.panel.lanes.list.item(0).checkState() == Qt.CheckState.Checked


def test_reorder_by_command_and_undo_update_the_list(env):
    push(env.stack, env.doc, cmd.Reorder(Entity.STAGE, "s0", 2))
    assert env.panel.stages.ids() == ["s1", "s2", "s0"]
    env.stack.undo()
    assert env.panel.stages.ids() == ["s0", "s1", "s2"]
    push(env.stack, env.doc, cmd.Reorder(Entity.LANE, "l-back", 0))
    assert env.panel.lanes.ids()[0] == "l-back"


def test_move_actions_push_reorder(env):
    section = env.panel.stages
    env.click_row(section, 0)
    assert env.sel.items() == [(Entity.STAGE, "s0")]
    assert not section.act_up.isEnabled()
    env.click(section.act_down)
    assert env.stage_ids() == ["s1", "s0", "s2"]
    assert section.ids() == ["s1", "s0", "s2"]
    assert env.stack.count() == 1 and env.stack.undoText() == "Move stage"
    assert section.current_id() == "s0"  # still chosen after the move
    section.list.setFocus()
    env.qtbot.keyClick(section.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert env.stage_ids() == ["s1", "s2", "s0"]
    env.stack.undo()
    env.stack.undo()
    assert section.ids() == ["s0", "s1", "s2"]


def drop(lst, row, lower_half, mime=None):
    """Drag the chosen row over ``row`` (its upper or lower half) and drop it there: the events
    a real drag sends to the list's viewport."""
    mime = mime or lst.mimeData([lst.currentItem()])
    rect = lst.visualItemRect(lst.item(row))
    pos = QPoint(rect.center().x(), rect.bottom() - 2 if lower_half else rect.top() + 2)
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(pos, *args)
    QApplication.sendEvent(lst.viewport(), enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(lst.viewport(), QDragMoveEvent(pos, *args))
    event = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(lst.viewport(), event)
    return event.isAccepted()


def test_drag_and_drop_pushes_reorder(env):
    section = env.panel.lanes
    lst = section.list
    env.click_row(section, 0)  # Actions
    drop(lst, 2, lower_half=True)  # below Touchpoints
    assert [la.id for la in env.doc.map.lanes] == ["l-feel", "l-touch", "l-act", "l-on", "l-back"]
    assert section.ids() == ["l-feel", "l-touch", "l-act", "l-on", "l-back"]
    assert lst.count() == 5
    assert env.stack.count() == 1 and env.stack.undoText() == "Move lane"
    env.click_row(section, 4)  # Backstage
    drop(lst, 0, lower_half=False)  # above the first row
    assert section.ids()[0] == "l-back"
    env.click_row(section, 0)
    drop(lst, 0, lower_half=True)  # onto itself: nothing
    assert env.stack.count() == 2


def test_drop_of_foreign_data_is_refused(env):
    lst = env.panel.stages.list
    env.click_row(env.panel.stages, 0)
    text = QMimeData()
    text.setText("s0")
    assert not drop(lst, 2, True, text)
    lane = env.panel.lanes.list.mimeData([env.panel.lanes.list.item(0)])  # a lane is no stage
    assert not drop(lst, 2, True, lane)
    assert env.stack.count() == 0
    assert drop(lst, 2, True)


def test_drop_index(env):
    lst = env.panel.stages.list
    r1 = lst.visualItemRect(lst.item(1))
    assert lst.drop_index(QPoint(5, r1.top() + 1), 0) == 0  # above row 1 = where it is
    assert lst.drop_index(QPoint(5, r1.bottom() - 1), 0) == 1
    assert lst.drop_index(QPoint(5, r1.top() + 1), 2) == 1
    assert lst.drop_index(QPoint(5, lst.viewport().height() - 2), 0) == 2  # past the end


def test_rename_in_place(env):
    section = env.panel.stages
    env.click_row(section, 1)
    env.qtbot.keyClick(section.list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    env.qtbot.keyClicks(editor, "Buy")
    env.qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits from the event loop
    env.qtbot.waitUntil(lambda: env.doc.get(Entity.STAGE, "s1").name == "Buy")
    assert env.stack.count() == 1 and env.stack.undoText() == "Rename stage"
    env.stack.undo()
    assert env.texts(section)[1] == "Stage 1"


def test_emptied_name_is_refused(env):
    section = env.panel.lanes
    item = section.list.item(0)
    item.setText("   ")  # what the editor commits
    assert env.stack.count() == 0
    assert item.text() == "Actions"


def test_add_and_insert_before_after(env):
    section = env.panel.stages
    env.click(section.act_add)
    new = env.stage_ids()[-1]
    assert env.texts(section)[-1] == "New stage"
    assert env.sel.items() == [(Entity.STAGE, new)]
    assert env.stack.undoText() == "Add stage"
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # renaming starts at once
    env.qtbot.keyClick(editor, Qt.Key.Key_Escape)
    env.click_row(section, 1)
    env.click(section.act_before)
    assert env.stage_ids()[1] not in ("s0", "s1") and env.stage_ids()[2] == "s1"
    env.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    env.click_row(section, 2)  # s1
    env.click(section.act_after)
    assert env.stage_ids()[2] == "s1" and env.stage_ids()[3] not in ("s2", new)
    assert env.stack.count() == 3
    for _ in range(3):
        env.stack.undo()
    assert section.ids() == ["s0", "s1", "s2"]


def test_delete_stage_with_its_cards_is_undoable(env):
    section = env.panel.stages
    cards_before = len(env.doc.map.cards)
    env.click_row(section, 0)
    env.click(section.act_delete)
    assert section.ids() == ["s1", "s2"]
    assert all(c.stage_id != "s0" for c in env.doc.map.cards) and len(env.doc.map.cards) < cards_before
    assert env.sel.items() == []
    assert env.stack.count() == 1 and env.stack.undoText() == "Delete stage “Stage 0”"
    env.stack.undo()
    assert section.ids() == ["s0", "s1", "s2"] and len(env.doc.map.cards) == cards_before


def test_delete_lane_with_the_delete_key(env):
    section = env.panel.lanes
    env.click_row(section, 4)
    section.list.setFocus()
    env.qtbot.keyClick(section.list, Qt.Key.Key_Delete)
    assert "l-back" not in section.ids() and env.doc.find(Entity.LANE, "l-back") is None
    env.stack.undo()
    assert section.ids()[-1] == "l-back"


def test_lane_hide_check_box(env):
    section = env.panel.lanes
    env.click_row(section, 1)
    env.qtbot.keyClick(section.list, Qt.Key.Key_Space)
    assert env.doc.get(Entity.LANE, "l-feel").hidden is True
    assert env.stack.count() == 1 and env.stack.undoText() == "Hide lane"
    assert section.list.item(1).font().italic()
    env.stack.undo()
    assert env.doc.get(Entity.LANE, "l-feel").hidden is False
    assert section.list.item(1).checkState() == Qt.CheckState.Checked
    push(env.stack, env.doc, cmd.Edit(Entity.LANE, "l-act", {"hidden": True}))  # from elsewhere
    assert section.list.item(0).checkState() == Qt.CheckState.Unchecked
    assert env.stack.count() == 1


def test_lane_type_from_the_context_menu(env):
    section = env.panel.lanes
    menu = section.context_menu(section.list.item(3))
    assert env.sel.items() == [(Entity.LANE, "l-on")]
    types = next(a.menu() for a in menu.actions() if a.text() == "Type")
    checked = [a.text() for a in types.actions() if a.isChecked()]
    assert checked == ["On-stage actions"]
    action = next(a for a in types.actions() if a.data() == LaneType.BACKSTAGE.value)
    action.trigger()
    assert env.doc.get(Entity.LANE, "l-on").type is LaneType.BACKSTAGE
    assert env.stack.count() == 1 and env.stack.undoText() == "Edit lane type"
    assert "Behind the scenes" in section.list.item(3).toolTip()


def test_selection_is_shared(env):
    env.click_row(env.panel.stages, 2)
    assert env.sel.items() == [(Entity.STAGE, "s2")]
    env.sel.set([(Entity.LANE, "l-touch")])
    assert env.panel.lanes.current_id() == "l-touch"
    assert env.panel.stages.current_id() == ""
    env.sel.clear()
    assert env.panel.lanes.current_id() == ""
    assert not env.panel.lanes.act_delete.isEnabled()


def test_other_document(env):
    m = small_map()
    m.stages = m.stages[:1]
    doc = Document(m)
    env.sel.set_document(doc)
    env.panel.set_document(doc)
    assert env.panel.stages.ids() == ["s0"]
    push(env.stack, env.doc, cmd.Reorder(Entity.LANE, "l-back", 0))
    assert env.panel.lanes.ids()[0] == "l-act"
