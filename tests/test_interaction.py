"""The view hands left-button gestures to tools; Esc cancels; unclaimed presses fall through."""

from PySide6.QtCore import QPoint, Qt

from app.model.document import Document
from app.widgets.canvas.scene import MapScene
from app.widgets.canvas.view import MapView
from tests.model_factory import small_map


class RecordingTool:
    def __init__(self, kind):
        self.kind = kind
        self.log = []

    def press(self, hit):
        if hit.kind != self.kind:
            return None
        self.log.append(("press", hit.ident))
        tool = self

        class G:
            def move(self, pos, mods):
                tool.log.append("move")

            def finish(self, pos, mods):
                tool.log.append("finish")

            def cancel(self):
                tool.log.append("cancel")

        return G()

    def double_click(self, hit):
        if hit.kind == self.kind:
            self.log.append(("double", hit.ident))
            return True
        return False


def make_view(qtbot):
    doc = Document(small_map())
    scene = MapScene(doc)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.zoom_actual()
    return doc, scene, view


def card_point(scene, view, card_id) -> QPoint:
    item = scene.card_item(card_id)
    view.centerOn(item)
    return view.mapFromScene(item.sceneBoundingRect().center())


def test_drag_goes_to_the_tool_and_esc_cancels(qtbot):
    doc, scene, view = make_view(qtbot)
    tool = RecordingTool("card")
    view.interaction.tools.append(tool)
    p = card_point(scene, view, "c-s1-l-act-0")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=p)
    qtbot.mouseMove(view.viewport(), p + QPoint(30, 10))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=p + QPoint(30, 10))
    assert tool.log[0] == ("press", "c-s1-l-act-0") and "move" in tool.log and tool.log[-1] == "finish"
    tool.log.clear()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=p)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert tool.log == [("press", "c-s1-l-act-0"), "cancel"]
    assert view.interaction.gesture is None
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=p)
    assert ("double", "c-s1-l-act-0") in tool.log


def test_presses_no_tool_takes_fall_through(qtbot):
    doc, scene, view = make_view(qtbot)
    tool = RecordingTool("link")
    view.interaction.tools.append(tool)
    p = card_point(scene, view, "c-s1-l-act-0")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=p)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=p)
    assert tool.log == [] and view.interaction.gesture is None
