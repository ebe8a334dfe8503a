"""The card, stage and lane entries of the real window: their shortcuts reach the canvas actions
(not the outline's own Delete and F2), the palette adds cards, the Map menu edits the structure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.model.events import Entity
from app.model.schema import LaneType
from tests.main_window_support import Windows, action_for, press


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


@pytest.fixture
def window(windows):
    w = windows.make(path=windows.copy_example())
    w.view.setFocus()
    return w


def cards(window) -> list:
    return window.session.doc.map.cards


def fired(window, shortcut: str) -> list:
    """A list that grows each time the action bound to ``shortcut`` is triggered."""
    hits: list = []
    action_for(window, shortcut).triggered.connect(lambda *_: hits.append(shortcut))
    return hits


def test_card_shortcuts_trigger_their_actions(window, qtbot):
    first = cards(window)[0]
    window.selection.set([(Entity.CARD, first.id)])
    n = len(cards(window))
    keys = ["Ctrl+C", "Ctrl+D", "Del", "Ctrl+X", "Ctrl+V", "F2", "Ctrl+A", "Return"]
    hits = {k: fired(window, k) for k in keys}

    press(qtbot, window, "Ctrl+C")
    assert "application/x-journeymap-cards" in QApplication.clipboard().mimeData().formats()
    press(qtbot, window, "Ctrl+D")
    assert len(cards(window)) == n + 1
    duplicate = window.selection.ids(Entity.CARD)[-1]
    assert duplicate != first.id and window.session.doc.card(duplicate).title == first.title
    press(qtbot, window, "Del")
    assert len(cards(window)) == n and window.session.doc.find(Entity.CARD, duplicate) is None
    window.selection.set([(Entity.CARD, first.id)])
    press(qtbot, window, "Ctrl+X")
    assert len(cards(window)) == n - 1 and window.session.doc.find(Entity.CARD, first.id) is None
    window.selection.set([(Entity.CARD, cards(window)[0].id)])
    press(qtbot, window, "Ctrl+V")
    assert len(cards(window)) == n
    assert any(c.title == first.title for c in cards(window))

    window.selection.set([(Entity.CARD, cards(window)[0].id)])
    press(qtbot, window, "F2")
    assert window.card_actions.editor.active
    window.card_actions.close_editor(commit=False)
    window.view.setFocus()
    press(qtbot, window, "Ctrl+A")
    assert set(window.selection.ids(Entity.CARD)) == {c.id for c in cards(window)}
    window.selection.set([(Entity.CARD, cards(window)[0].id)])
    press(qtbot, window, "Return")
    assert len(cards(window)) == n + 1
    window.card_actions.close_editor(commit=False)
    assert all(hits[k] == [k] for k in keys), hits
    assert window.session.undo_stack.count() >= 5


def test_outline_keeps_its_own_delete_and_rename_keys(window, qtbot):
    stages = window.docks.outline.stages
    stage = window.session.doc.map.stages[0]
    n_cards = len(cards(window))
    window.selection.set([(Entity.STAGE, stage.id)])
    stages.list.setFocus()
    qtbot.waitUntil(stages.list.hasFocus)
    delete_hits = fired(window, "Del")
    press(qtbot, window, "Del")
    assert delete_hits == []  # the canvas Delete is not active in the outline ...
    assert window.session.doc.find(Entity.STAGE, stage.id) is None  # ... the outline's is
    assert len(cards(window)) < n_cards


def test_card_shortcuts_do_nothing_while_typing_in_the_inspector(window, qtbot):
    card = cards(window)[0]
    window.selection.set([(Entity.CARD, card.id)])
    title = card.title
    edit = window.docks.inspector.field("title").edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setCursorPosition(0)
    hits = fired(window, "Del")
    press(qtbot, edit, "Del")
    assert hits == [] and window.session.doc.find(Entity.CARD, card.id) is not None
    assert edit.text() == title[1:]  # the key went to the text field


def test_docks_share_the_undo_stack_and_the_selection(window, qtbot):
    card = cards(window)[0]
    window.selection.set([(Entity.CARD, card.id)])
    edit = window.docks.inspector.field("title").edit
    assert edit.text() == card.title
    edit.selectAll()
    qtbot.keyClicks(edit, "Typed in the inspector")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.doc.card(card.id).title == "Typed in the inspector"
    assert window.isWindowModified() and window.docks.history.stack() is window.session.undo_stack
    press(qtbot, window, "Ctrl+Z")
    assert window.session.doc.card(card.id).title == card.title
    stage = window.session.doc.map.stages[2]
    stages = window.docks.outline.stages
    stages.list.setCurrentRow(2)
    assert window.selection.ids(Entity.STAGE) == [stage.id]
    index = window.session.undo_stack.index()
    window.docks.personas.create()
    assert window.session.undo_stack.index() == index + 1
    assert window.docks.history.model().rowCount() == window.session.undo_stack.count() + 1  # + "<map opened>"


def test_palette_double_click_adds_a_card_of_that_kind(window, qtbot):
    card = cards(window)[0]
    window.selection.set([(Entity.CARD, card.id)])
    kinds = window.docks.palette.list
    item = kinds.item(2)
    kind = item.data(Qt.ItemDataRole.UserRole)
    rect = kinds.visualItemRect(item)
    n = len(cards(window))
    # a double-click: a click, then the second press that Qt reports as a double-click
    qtbot.mouseClick(kinds.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(kinds.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(cards(window)) == n + 1
    new = [c for c in cards(window) if c.id not in {card.id} and c.kind.value == str(kind)]
    assert new and (new[-1].stage_id, new[-1].lane_id) == (card.stage_id, card.lane_id)
    window.card_actions.close_editor(commit=False)


def test_insert_card_from_the_menu(window):
    card = cards(window)[0]
    window.selection.set([(Entity.CARD, card.id)])
    n = len(cards(window))
    window.actions_by_name["new_card"].trigger()
    assert len(cards(window)) == n + 1
    window.card_actions.close_editor(commit=False)


def test_map_menu_edits_stages_and_lanes(window, qtbot):
    acts = window.actions_by_name
    doc = window.session.doc
    n_stages, n_lanes = len(doc.map.stages), len(doc.map.lanes)
    acts["insert_stage"].trigger()
    assert len(doc.map.stages) == n_stages + 1
    added = window.selection.ids(Entity.STAGE)[-1]
    acts["rename_stage"].trigger()
    assert window.header_tool.editor is not None
    window.header_tool.editor.cancel()
    acts["insert_stage_before"].trigger()
    assert [s.id for s in doc.map.stages].index(added) == n_stages + 1
    acts["delete_stage"].trigger()
    assert len(doc.map.stages) == n_stages + 1
    acts["insert_lane"].trigger()
    lane = window.selection.ids(Entity.LANE)[-1]
    assert len(doc.map.lanes) == n_lanes + 1
    window.lane_type_menu.actions()[[t for t in LaneType].index(LaneType.PAIN_POINTS)].trigger()
    assert doc.get(Entity.LANE, lane).type is LaneType.PAIN_POINTS
    acts["hide_lane"].trigger()
    assert doc.get(Entity.LANE, lane).hidden
    window.selection.set([(Entity.LANE, doc.map.lanes[0].id)])
    acts["insert_lane_after"].trigger()
    assert doc.map.lanes[1].id == window.selection.ids(Entity.LANE)[-1]
    acts["delete_lane"].trigger()
    assert len(doc.map.lanes) == n_lanes + 1
    assert f"{len(doc.map.stages)} stages" in window.counts_label.text()


def test_tools_are_registered_links_and_curves_before_cards(window):
    names = [type(t).__name__ for t in window.view.interaction.tools]
    assert names[:2] == ["LinkTool", "CurveTool"] and "CardTool" in names and "HeaderTool" in names
    assert names.index("CardTool") > names.index("CurveTool")


def test_insert_curve_adds_one_for_the_legend_choice(window):
    doc, legend = window.session.doc, window.legend
    taken = {(c.persona_id, c.perspective.value) for c in doc.map.curves}
    free = [
        (i, j)
        for i in range(legend.persona_box.count())
        for j in range(legend.perspective_box.count())
        if ((legend.persona_box.itemData(i) or None), legend.perspective_box.itemData(j)) not in taken
    ]
    assert free, "the example map has a curve for every persona and perspective"
    i, j = free[0]
    legend.persona_box.setCurrentIndex(i)
    legend.perspective_box.setCurrentIndex(j)
    window.docks.docks["legend"].close()
    n = len(doc.map.curves)
    window.actions_by_name["insert_curve"].trigger()
    assert len(doc.map.curves) == n + 1 and window.docks.docks["legend"].isVisible()
    new = doc.map.curves[-1]
    assert (new.persona_id, new.perspective.value) == (legend.persona_box.itemData(i) or None,
                                                       legend.perspective_box.itemData(j))  # fmt: skip
    assert legend.active.id(doc) == new.id
    assert window.session.undo_stack.undoText() == "Add curve"


def test_delete_key_removes_a_selected_link_not_cards(window, qtbot):
    doc = window.session.doc
    link = doc.map.links[0]
    n_cards = len(cards(window))
    window.selection.set([(Entity.LINK, link.id)])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert doc.find(Entity.LINK, link.id) is None and len(cards(window)) == n_cards
