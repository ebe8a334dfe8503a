"""Links on the canvas: drag from a card's link handle to another card (one step), the rubber
line, Esc, drops that do nothing, and selecting + deleting a link."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.model.events import Entity
from app.model.schema import LinkKind
from app.widgets.canvas.link_tool import LinkTool
from tests.test_tools_headers import LEFT, Canvas


@pytest.fixture
def canvas(qtbot):
    c = Canvas(qtbot)
    c.links = LinkTool(c.ctx)
    c.view.interaction.tools.append(c.links)
    yield c
    c.park_mouse()


def centre(c, card_id, scroll=True) -> QPoint:
    r = c.scene.card_item(card_id).sceneBoundingRect()
    return (c.at if scroll else c.pos)(r.center().x(), r.center().y())


def handle_point(c, card_id) -> QPoint:
    """Hover the card, then return where its link handle is."""
    p = centre(c, card_id)
    c.qtbot.mouseMove(c.vp(), p + QPoint(7, 3))  # two moves: Qt drops a move to where the mouse already is
    c.qtbot.mouseMove(c.vp(), p)
    h = c.links.handle
    assert h is not None and h.card_id == card_id
    return c.view.mapFromScene(h.scenePos())


def test_the_handle_shows_on_hover_and_for_the_selected_card(canvas):
    assert canvas.links.handle is None
    handle_point(canvas, "c-s0-l-act-0")
    r = canvas.scene.card_item("c-s0-l-act-0").sceneBoundingRect()
    assert canvas.links.handle.scenePos() == QPointF(r.right(), r.center().y())
    title = canvas.scene.layout.title_box().rect
    canvas.qtbot.mouseMove(canvas.vp(), canvas.pos(title.cx, title.cy))
    assert canvas.links.handle is None
    canvas.selection.set([(Entity.CARD, "c-s1-l-touch-0")])
    assert canvas.links.handle is not None and canvas.links.handle.card_id == "c-s1-l-touch-0"


def test_drag_from_the_handle_to_a_card_creates_one_link(canvas):
    before = len(canvas.doc.map.links)
    a = handle_point(canvas, "c-s0-l-act-0")
    b = centre(canvas, "c-s1-l-touch-1", scroll=False)
    canvas.drag(a, b, release=False)
    line = canvas.view.interaction.gesture.line
    assert line.scene() is not None and line.line().length() > 50  # the rubber line follows
    canvas.qtbot.mouseRelease(canvas.vp(), LEFT, pos=b)
    assert line.scene() is None
    links = canvas.doc.map.links
    assert len(links) == before + 1 and canvas.stack.count() == 1
    new = links[-1]
    assert (new.source_id, new.target_id, new.kind) == ("c-s0-l-act-0", "c-s1-l-touch-1", LinkKind.FLOW)
    assert new.id in canvas.scene.link_items
    assert canvas.selection.items() == [(Entity.LINK, new.id)]
    assert canvas.doc.find(Entity.CARD, "c-s0-l-act-0").title  # the card did not move
    canvas.stack.undo()
    assert len(canvas.doc.map.links) == before


def test_link_drag_escape_empty_space_and_same_card_do_nothing(canvas):
    before = len(canvas.doc.map.links)
    a = handle_point(canvas, "c-s0-l-act-0")
    b = centre(canvas, "c-s1-l-act-0", scroll=False)
    canvas.drag(a, b, release=False)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    canvas.qtbot.mouseRelease(canvas.vp(), LEFT, pos=b)
    a = handle_point(canvas, "c-s0-l-act-0")
    title = canvas.scene.layout.title_box().rect
    canvas.drag(a, canvas.pos(title.cx, title.cy))  # empty space
    a = handle_point(canvas, "c-s0-l-act-0")
    canvas.drag(a, centre(canvas, "c-s0-l-act-0", scroll=False))  # the same card
    assert len(canvas.doc.map.links) == before and canvas.stack.count() == 0
    assert not [i for i in canvas.scene.items() if i.data(1) is None and i.zValue() > 50 and i.isVisible()]


def test_click_a_link_selects_it_and_delete_removes_it(canvas):
    item = canvas.scene.link_items["lk2"]
    path = item.path
    mid = path.pointAtPercent(0.5)
    canvas.click(canvas.at(mid.x(), mid.y()))
    assert canvas.selection.items() == [(Entity.LINK, "lk2")] and canvas.stack.count() == 0
    assert len(canvas.links.highlighted()) == 1
    canvas.view.setFocus()
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Delete)
    assert [lk.id for lk in canvas.doc.map.links] == ["lk1"] and canvas.stack.count() == 1
    assert "lk2" not in canvas.scene.link_items and canvas.links.highlighted() == []
    canvas.stack.undo()
    assert [lk.id for lk in canvas.doc.map.links] == ["lk1", "lk2"]


def test_delete_key_leaves_selected_cards_to_the_card_tools(canvas):
    canvas.selection.set([(Entity.CARD, "c-s0-l-act-0"), (Entity.LINK, "lk1")])
    canvas.view.setFocus()
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Delete)
    assert len(canvas.doc.map.links) == 2 and canvas.stack.count() == 0


def test_link_context_menu_deletes(canvas):
    menu = canvas.links.context_menu("lk1")
    next(a for a in menu.actions() if a.text() == "Delete Link").trigger()
    assert [lk.id for lk in canvas.doc.map.links] == ["lk2"]


def test_selection_changes_after_the_scene_is_gone_are_ignored(qtbot):
    import shiboken6

    from app.widgets.canvas.curve_tool import CurveTool
    from app.widgets.canvas.header_tool import HeaderTool

    c = Canvas(qtbot)
    tools = [LinkTool(c.ctx), CurveTool(c.ctx), HeaderTool(c.ctx)]
    c.selection.set([(Entity.STAGE, "s0"), (Entity.CARD, "c-s0-l-act-0"), (Entity.LINK, "lk1"), (Entity.POINT, "pt0")])
    assert tools[0].handle is not None and tools[0].highlighted()
    shiboken6.delete(c.scene)
    c.selection.set([(Entity.STAGE, "s1"), (Entity.CARD, "c-s1-l-act-0"), (Entity.LINK, "lk2"), (Entity.POINT, "pt1")])
    c.selection.clear()
