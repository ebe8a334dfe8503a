"""The Flows dock through real events: View > Flows, clicking an entry highlights it on the map,
the path finder's pickers and button, and the lists following edits and undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import Card, CardKind, Lane, LaneType, Link, LinkKind, Map, Stage
from app.widgets.flows.panel import picked
from app.widgets.undo import push
from tests.main_window_support import Windows


def flow_map() -> Map:
    """a (Sales) -> b (Support) -> c (Support) -> a closes a cycle; lone: an orphan in stage 1;
    stage 2 has no linked card; a note is never an orphan."""
    lane = Lane(id="l", name="Touchpoints", type=LaneType.TOUCHPOINTS)
    cards = [
        Card(id="a", stage_id="s0", lane_id="l", order=0, title="Ask", owner="Sales"),
        Card(id="b", stage_id="s0", lane_id="l", order=1, title="Book", owner="Support"),
        Card(id="c", stage_id="s1", lane_id="l", order=0, title="Call", owner="Support"),
        Card(id="lone", stage_id="s1", lane_id="l", order=1, title="Lonely <b>card</b>"),
        Card(id="note", stage_id="s2", lane_id="l", order=0, title="A note", kind=CardKind.NOTE),
    ]
    links = [
        Link(id="ab", source_id="a", target_id="b"),
        Link(id="bc", source_id="b", target_id="c", kind=LinkKind.FLOW),
        Link(id="ca", source_id="c", target_id="a"),
    ]
    return Map(
        title="Flows",
        stages=[Stage(id=f"s{i}", name=f"Stage {i}") for i in range(3)],
        lanes=[lane],
        cards=cards,
        links=links,
    )


@pytest.fixture
def window(qtbot, tmp_path):
    window = Windows(qtbot, tmp_path).make(flow_map())
    toggle = window.actions_by_name["toggle_flows"]
    assert toggle in window.view_menu.actions()
    if not toggle.isChecked():
        toggle.trigger()
    dock = window.docks.docks["flows"]
    dock.raise_()
    qtbot.waitUntil(lambda: dock.isVisible() and window.flows.tree.isVisible() and not window.flows.stale)
    return window


def texts(section) -> list[str]:
    return [section.child(i).text(0) for i in range(section.childCount())]


def click(qtbot, panel, item) -> None:
    tree = panel.tree
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    assert rect.isValid()
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def test_the_dock_lists_handoffs_gaps_orphans_and_the_longest_flow(window):
    panel = window.flows
    handoffs = panel.section("handoffs")
    assert handoffs.text(0) == "Hand-offs (2)"
    assert texts(handoffs) == ["Sales → Support (1)", "Support → Sales (1)"]  # by owners
    assert texts(handoffs.child(0)) == ["Ask → Book"] and texts(handoffs.child(1)) == ["Call → Ask"]
    assert texts(panel.section("gaps")) == ["Stage 2"]
    assert texts(panel.section("orphans")) == ["Lonely <b>card</b>"]  # plain text, the note is no orphan
    longest = panel.section("longest")
    assert longest.text(0) == "Longest flow (3 cards)"
    assert texts(longest) == ["1. Ask", "2. Book", "3. Call", "Left out, it closes a cycle: Call → Ask"]


def test_clicking_a_handoff_selects_its_cards_and_highlights_its_link(window, qtbot):
    panel = window.flows
    click(qtbot, panel, panel.section("handoffs").child(0).child(0))
    assert window.selection.items() == [(Entity.LINK, "ab"), (Entity.CARD, "a"), (Entity.CARD, "b")]
    scene = window.scene
    assert scene.card_item("a").isSelected() and scene.card_item("b").isSelected()
    assert not scene.card_item("c").isSelected()
    assert len(window.link_tool.highlighted()) == 1  # the link glows like a selected link


def test_clicking_an_owner_pair_highlights_all_its_handoffs(window, qtbot):
    panel = window.flows
    doc, stack = window.session.doc, window.session.undo_stack
    assert push(stack, doc, cmd.Edit(Entity.CARD, "lone", {"owner": "Support"}))
    assert push(stack, doc, cmd.add_link(Link(id="al", source_id="a", target_id="lone")))
    qtbot.waitUntil(lambda: not panel.stale and panel.section("handoffs").text(0) == "Hand-offs (3)")
    pair = panel.section("handoffs").child(0)
    assert pair.text(0) == "Sales → Support (2)" and texts(pair) == ["Ask → Book", "Ask → Lonely <b>card</b>"]
    click(qtbot, panel, pair)
    assert window.selection.items() == [
        (Entity.LINK, "ab"), (Entity.LINK, "al"), (Entity.CARD, "a"), (Entity.CARD, "b"), (Entity.CARD, "lone")
    ]  # fmt: skip
    assert len(window.link_tool.highlighted()) == 2


def test_clicking_a_stage_or_the_longest_flow_highlights_it(window, qtbot):
    panel = window.flows
    click(qtbot, panel, panel.section("gaps").child(0))
    assert window.selection.items() == [(Entity.STAGE, "s2")]
    assert window.header_tool._outlines  # the stage header is outlined
    click(qtbot, panel, panel.section("longest"))
    assert set(window.selection.ids(Entity.CARD)) == {"a", "b", "c"}
    assert window.selection.ids(Entity.LINK) == ["ab", "bc"]
    assert len(window.link_tool.highlighted()) == 2
    click(qtbot, panel, panel.section("orphans").child(0))
    assert window.selection.items() == [(Entity.CARD, "lone")]
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.intersects(window.scene.card_item("lone").sceneBoundingRect())


def test_the_keyboard_walks_the_entries(window, qtbot):
    panel = window.flows
    tree = panel.tree
    tree.setFocus()
    tree.setCurrentItem(panel.section("orphans"))
    QTest.keyClick(tree, Qt.Key.Key_Down)
    assert window.selection.items() == [(Entity.CARD, "lone")]


def test_the_path_finder_highlights_the_chain_of_links(window, qtbot):
    panel = window.flows
    panel.source.setCurrentIndex(panel.source.findData("b"))
    panel.target.setCurrentIndex(panel.target.findData("a"))
    QTest.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.path_result.text() == "3 cards along the links."
    assert window.selection.items() == [
        (Entity.LINK, "bc"), (Entity.LINK, "ca"), (Entity.CARD, "b"), (Entity.CARD, "c"), (Entity.CARD, "a")
    ]  # fmt: skip
    assert all(window.scene.card_item(c).isSelected() for c in "abc")
    panel.target.setFocus()
    panel.target.lineEdit().selectAll()
    qtbot.keyClicks(panel.target.lineEdit(), "lonely")  # part of a title: the completer offers it
    popup = panel.target.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert panel.target.currentText() == "Stage 1 › Lonely <b>card</b>"
    QTest.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.path_result.text() == "No links join these two cards."
    assert window.selection.items() == [(Entity.CARD, "b"), (Entity.CARD, "lone")]
    panel.target.lineEdit().selectAll()
    qtbot.keyClicks(panel.target.lineEdit(), "no such card")
    QTest.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.path_result.text() == "Choose two cards."


def test_the_path_between_two_cards_selected_on_the_map(window, qtbot):
    panel = window.flows
    assert not panel.selected_button.isEnabled()
    window.selection.set([(Entity.CARD, "c"), (Entity.CARD, "b")])
    assert panel.selected_button.isEnabled()
    QTest.mouseClick(panel.selected_button, Qt.MouseButton.LeftButton)
    assert (picked(panel.source), picked(panel.target)) == ("c", "b")
    assert panel.path_result.text() == "3 cards along the links."
    assert window.selection.items() == [
        (Entity.LINK, "ca"), (Entity.LINK, "ab"), (Entity.CARD, "c"), (Entity.CARD, "a"), (Entity.CARD, "b")
    ]  # fmt: skip


def test_a_collapsed_section_stays_collapsed(window, qtbot):
    panel = window.flows
    panel.section("orphans").setExpanded(False)
    panel.refresh()
    assert not panel.section("orphans").isExpanded() and panel.section("handoffs").isExpanded()


def test_the_dock_computes_nothing_while_hidden(window, qtbot):
    panel = window.flows
    window.docks.docks["flows"].close()
    qtbot.waitUntil(lambda: not panel.isVisible())
    doc, stack = window.session.doc, window.session.undo_stack
    assert push(stack, doc, cmd.Edit(Entity.CARD, "a", {"owner": "Support"}))
    assert panel.stale and texts(panel.section("handoffs")) == ["Sales → Support (1)", "Support → Sales (1)"]
    window.actions_by_name["toggle_flows"].trigger()
    qtbot.waitUntil(lambda: not panel.stale)
    assert texts(panel.section("handoffs")) == []  # everyone is Support now: no hand-off
    assert panel.section("handoffs").text(0) == "Hand-offs (0)"


def test_the_lists_follow_edits_and_undo(window, qtbot):
    panel = window.flows
    doc, stack = window.session.doc, window.session.undo_stack
    assert push(
        stack, doc, cmd.add_link(Link(id="cl", source_id="c", target_id="lone", kind=LinkKind.HANDOFF))
    )
    qtbot.waitUntil(lambda: texts(panel.section("orphans")) == [])
    assert panel.section("longest").text(0) == "Longest flow (4 cards)"
    assert "Support → (no owner) (1)" in texts(panel.section("handoffs"))
    stack.undo()
    qtbot.waitUntil(lambda: texts(panel.section("orphans")) == ["Lonely <b>card</b>"])
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"owner": "Sales"}))
    assert panel.stale
    qtbot.waitUntil(lambda: not panel.stale)
    assert texts(panel.section("handoffs")) == ["Sales → Support (1)", "Support → Sales (1)"]
    assert texts(panel.section("handoffs").child(0)) == ["Book → Call"]


def test_only_the_sections_an_edit_changed_are_built_again(window, qtbot):
    panel = window.flows
    doc, stack = window.session.doc, window.session.undo_stack
    mark = Qt.ItemDataRole.UserRole + 7
    for key in ("handoffs", "gaps", "orphans", "longest"):
        panel.section(key).setData(0, mark, f"shown before {key}")
    panel.section("orphans").setExpanded(False)
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"owner": "Sales"}))  # the hand-offs change, nothing else
    qtbot.waitUntil(lambda: not panel.stale)
    assert panel.section("handoffs").data(0, mark) is None  # built again
    assert texts(panel.section("handoffs")) == ["Sales → Support (1)", "Support → Sales (1)"]
    assert [panel.section(k).data(0, mark) for k in ("gaps", "orphans", "longest")] == [
        "shown before gaps", "shown before orphans", "shown before longest"
    ]  # fmt: skip
    assert not panel.section("orphans").isExpanded()
    assert push(stack, doc, cmd.Edit(Entity.CARD, "lone", {"title": "Alone"}))  # an orphan's title
    qtbot.waitUntil(lambda: not panel.stale)
    assert panel.section("orphans").data(0, mark) is None and texts(panel.section("orphans")) == ["Alone"]
    assert not panel.section("orphans").isExpanded()  # built again, still collapsed
    assert panel.section("gaps").data(0, mark) == "shown before gaps"


def test_card_field_edits_keep_the_longest_flow_and_the_pickers_follow_titles(window, qtbot, monkeypatch):
    from app.model import flows as flow_model

    panel = window.flows
    doc, stack = window.session.doc, window.session.undo_stack
    computed = []
    original = flow_model.longest_flow
    monkeypatch.setattr(flow_model, "longest_flow", lambda m: computed.append(1) or original(m))
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"owner": "Sales"}))
    qtbot.waitUntil(lambda: not panel.stale)
    assert computed == [] and panel.section("longest").text(0) == "Longest flow (3 cards)"
    assert push(stack, doc, cmd.Edit(Entity.CARD, "b", {"title": "Buy"}))  # a title: texts and pickers follow
    qtbot.waitUntil(lambda: not panel.stale)
    assert computed == [] and texts(panel.section("longest"))[1] == "2. Buy"
    assert panel.source.itemText(panel.source.findData("b")) == "Stage 0 › Buy"
    assert push(stack, doc, cmd.add_link(Link(id="cl", source_id="c", target_id="lone", kind=LinkKind.FLOW)))
    qtbot.waitUntil(lambda: not panel.stale)
    assert computed == [1] and panel.section("longest").text(0) == "Longest flow (4 cards)"
