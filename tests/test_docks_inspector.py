"""The inspector dock, driven through its real widgets: every field kind edits the model as one
undo step, typing merges, undo and edits made elsewhere show in the fields, multi-selection."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import CardKind, LaneType, LinkKind, Perspective
from app.widgets.docks.inspector.panel import Inspector
from app.widgets.undo import push
from tests.dock_support import DockEnv
from tests.model_factory import small_map

CARD = "c-s0-l-act-0"
CARD2 = "c-s0-l-act-1"


class Env(DockEnv):
    def __init__(self, qtbot):
        super().__init__(qtbot, Inspector, (400, 900))
        self.insp = self.widget

    def select(self, *items):
        self.sel.set(items)
        return self.insp

    def field(self, name):
        return self.insp.field(name)

    def retype(self, name, text):
        """Select the field's text and type over it, as a user does."""
        edit = self.field(name).edit
        edit.setFocus()
        edit.selectAll()
        self.qtbot.keyClicks(edit, text)

    def choose(self, name, value):
        """Pick a combo item from its popup with the mouse."""
        combo = self.field(name).combo
        target = self.field(name).find(value)
        assert target >= 0
        combo.showPopup()
        view = combo.view()
        rect = view.visualRect(view.model().index(target, 0))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert combo.currentIndex() == target

    def one_step(self, before, label):
        assert self.stack.count() == before + 1
        assert self.stack.undoText() == label


@pytest.fixture
def env(qtbot):
    return Env(qtbot)


def test_nothing_selected_shows_the_map_and_typing_a_title_is_one_step(env):
    assert env.insp.header.text() == "Map"
    assert env.field("title").edit.text() == "Test map"
    env.retype("title", "Hello")
    assert env.doc.map.title == "Hello"
    env.one_step(0, "Edit map title")
    env.stack.undo()
    assert env.doc.map.title == "Test map"
    assert env.field("title").edit.text() == "Test map"
    env.stack.redo()
    assert env.field("title").edit.text() == "Hello"


def test_map_goal_and_journey_type(env):
    env.field("goal").edit.setFocus()
    env.qtbot.keyClicks(env.field("goal").edit, "Win")
    assert env.doc.map.goal == "Win"
    env.one_step(0, "Edit map goal / scope")
    env.choose("journey_type", "support")
    assert env.doc.map.journey_type == "support"
    env.one_step(1, "Edit map journey type")


def test_leaving_a_field_ends_the_typing_step(env):
    env.retype("title", "One")
    env.qtbot.keyClick(env.field("title").edit, Qt.Key.Key_Return)  # editingFinished
    env.qtbot.keyClicks(env.field("title").edit, " two")
    assert env.doc.map.title == "One two"
    assert env.stack.count() == 2
    env.stack.undo()
    assert env.field("title").edit.text() == "One"


@pytest.mark.parametrize("name", ["title", "channel", "owner"])
def test_card_line_fields(env, name):
    env.select((Entity.CARD, CARD))
    env.retype(name, "Call centre")
    assert getattr(env.doc.card(CARD), name) == "Call centre"
    env.one_step(0, f"Edit card {name}")


def test_card_body_and_notes_are_plain_text(env):
    env.select((Entity.CARD, CARD))
    for n, name in enumerate(["body", "notes"]):
        edit = env.field(name).edit
        edit.setFocus()
        edit.selectAll()
        env.qtbot.keyClicks(edit, "<b>not bold</b>")
        assert getattr(env.doc.card(CARD), name) == "<b>not bold</b>"
        env.one_step(n, f"Edit card {name}")


def test_card_kind_combo(env):
    env.select((Entity.CARD, CARD))
    env.choose("kind", CardKind.PAIN)
    assert env.doc.card(CARD).kind is CardKind.PAIN
    env.one_step(0, "Edit card kind")


def test_card_flags_are_check_boxes(env):
    env.select((Entity.CARD, CARD))
    box = env.field("moment_of_truth").box
    env.qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).moment_of_truth is True
    env.one_step(0, "Edit card moment of truth")
    env.qtbot.mouseClick(env.field("pain_point").box, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).pain_point is True
    env.one_step(1, "Edit card pain point")
    env.stack.undo()
    assert not env.field("pain_point").box.isChecked()


def test_rating_buttons_set_and_clear(env):
    env.select((Entity.CARD, CARD))
    rating = env.field("importance_internal")
    env.qtbot.mouseClick(rating.buttons[3], Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).importance_internal == 4
    env.one_step(0, "Edit card importance (internal)")
    assert [b.isChecked() for b in rating.buttons] == [True, True, True, True, False]
    env.qtbot.mouseClick(rating.clear_button, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).importance_internal is None
    env.one_step(1, "Edit card importance (internal)")
    assert not any(b.isChecked() for b in rating.buttons)
    # clicking the current value again clears it too
    customer = env.field("importance_customer")  # 3 in the test map
    env.qtbot.mouseClick(customer.buttons[2], Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).importance_customer is None
    env.stack.undo()
    assert env.doc.card(CARD).importance_customer == 3
    assert [b.isChecked() for b in customer.buttons] == [True, True, True, False, False]


def test_colour_picker_and_clear(env, monkeypatch):
    env.select((Entity.CARD, CARD))
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor()))
    colour = env.field("colour")
    env.qtbot.mouseClick(colour.button, Qt.MouseButton.LeftButton)
    assert env.stack.count() == 0  # cancelled
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#112233")))
    env.qtbot.mouseClick(colour.button, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).colour == "#112233"
    env.one_step(0, "Edit card colour")
    assert colour.button.text() == "#112233"
    env.qtbot.mouseClick(colour.clear_button, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).colour == ""
    env.one_step(1, "Edit card colour")


def test_persona_checklist(env):
    env.select((Entity.CARD, CARD))  # has p1
    lst = env.field("persona_ids").list
    assert [lst.item(i).text() for i in range(lst.count())] == ["Ana", "Bo"]
    lst.setFocus()
    lst.setCurrentRow(1)
    env.qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert env.doc.card(CARD).persona_ids == ["p1", "p2"]
    env.one_step(0, "Edit card personas")
    env.stack.undo()
    assert lst.item(1).checkState() == Qt.CheckState.Unchecked


def test_persona_checklist_follows_persona_names(env):
    env.select((Entity.CARD, CARD))
    push(env.stack, env.doc, cmd.Edit(Entity.PERSONA, "p2", {"name": "Bea"}))
    lst = env.field("persona_ids").list
    assert lst.item(1).text() == "Bea"
    assert lst.item(0).checkState() == Qt.CheckState.Checked


def test_tags_are_a_comma_separated_list(env):
    env.select((Entity.CARD, CARD))
    env.retype("tags", "red, blue ,red,")
    assert env.doc.card(CARD).tags == ["red", "blue"]
    env.one_step(0, "Edit card tags")
    assert env.field("tags").edit.text() == "red, blue ,red,"  # typing is not disturbed


def test_votes_spin_box(env):
    env.select((Entity.CARD, CARD))
    spin = env.field("votes").spin
    spin.setFocus()
    env.qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert env.doc.card(CARD).votes == 1
    env.one_step(0, "Edit card votes")
    spin.selectAll()
    env.qtbot.keyClicks(spin, "12")
    assert env.doc.card(CARD).votes == 1  # no edit per keystroke
    env.qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert env.doc.card(CARD).votes == 12
    env.stack.undo()
    assert env.doc.card(CARD).votes == 0 and spin.value() == 0


def test_stage_fields(env):
    env.select((Entity.STAGE, "s1"))
    assert env.insp.header.text() == "Stage"
    spin = env.field("width").spin
    spin.setFocus()
    env.qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert env.doc.get(Entity.STAGE, "s1").width == 230.0
    assert isinstance(env.doc.get(Entity.STAGE, "s1").width, float)
    env.one_step(0, "Edit stage width")
    env.retype("name", "Buy")
    assert env.doc.get(Entity.STAGE, "s1").name == "Buy"


def test_lane_fields(env):
    env.select((Entity.LANE, "l-act"))
    env.choose("type", LaneType.PAIN_POINTS)
    assert env.doc.get(Entity.LANE, "l-act").type is LaneType.PAIN_POINTS
    env.one_step(0, "Edit lane type")
    env.qtbot.mouseClick(env.field("hidden").box, Qt.MouseButton.LeftButton)
    assert env.doc.get(Entity.LANE, "l-act").hidden is True
    env.one_step(1, "Edit lane hidden")
    spin = env.field("height").spin
    spin.setFocus()
    env.qtbot.keyClick(spin, Qt.Key.Key_Down)
    assert env.doc.get(Entity.LANE, "l-act").height == 100.0


def test_curve_point_value_steps_by_half(env):
    env.select((Entity.POINT, "pt1"))  # value 0
    spin = env.field("value").spin
    spin.setFocus()
    env.qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert env.doc.get(Entity.POINT, "pt1").value == 0.5
    env.one_step(0, "Edit curve point feeling")
    for _ in range(10):
        env.qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert env.doc.get(Entity.POINT, "pt1").value == 3.0  # the top of the scale
    assert env.stack.count() == 1  # arrow steps merge until the user leaves the box
    env.choose("stage_id", "s2")
    assert env.doc.get(Entity.POINT, "pt1").stage_id == "s2"


def test_link_and_curve_fields(env):
    env.select((Entity.LINK, "lk1"))
    env.choose("kind", LinkKind.HANDOFF)
    assert env.doc.get(Entity.LINK, "lk1").kind is LinkKind.HANDOFF
    env.one_step(0, "Edit link kind")
    env.select((Entity.CURVE, "cv1"))
    env.choose("perspective", Perspective.TO_BE)
    assert env.doc.get(Entity.CURVE, "cv1").perspective is Perspective.TO_BE
    env.one_step(1, "Edit curve perspective")
    env.choose("persona_id", None)
    assert env.doc.get(Entity.CURVE, "cv1").persona_id is None
    env.qtbot.mouseClick(env.field("visible").box, Qt.MouseButton.LeftButton)
    assert env.doc.get(Entity.CURVE, "cv1").visible is False


def test_persona_fields(env):
    env.select((Entity.PERSONA, "p2"))
    env.qtbot.mouseClick(env.field("tech_familiarity").buttons[1], Qt.MouseButton.LeftButton)
    assert env.doc.get(Entity.PERSONA, "p2").tech_familiarity == 2
    env.one_step(0, "Edit persona tech familiarity")
    spin = env.field("age").spin
    assert spin.text() == "unset"
    spin.setFocus()
    spin.selectAll()
    env.qtbot.keyClicks(spin, "42")
    env.qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert env.doc.get(Entity.PERSONA, "p2").age == 42
    env.stack.undo()
    assert env.doc.get(Entity.PERSONA, "p2").age is None and spin.text() == "unset"


def test_edits_made_elsewhere_show_without_pushing_back(env):
    env.select((Entity.CARD, CARD))
    push(env.stack, env.doc, cmd.Edit(Entity.CARD, CARD, {"title": "From canvas", "votes": 7, "kind": "note"}))
    assert env.field("title").edit.text() == "From canvas"
    assert env.field("votes").spin.value() == 7
    assert env.field("kind").value() is CardKind.NOTE
    assert env.stack.count() == 1
    env.stack.undo()
    assert env.field("title").edit.text() == "Card 0 in Stage 0"
    assert env.field("votes").spin.value() == 0
    assert env.stack.count() == 1 and env.stack.index() == 0
    push(env.stack, env.doc, cmd.MoveCards([CARD], "s2", "l-back"))
    assert env.insp.form._info[0][1].value() == "Stage 2 › Backstage"


def test_deleting_the_selected_card_shows_the_map(env):
    env.select((Entity.CARD, CARD))
    assert env.insp.header.text() == "Card"
    push(env.stack, env.doc, cmd.remove_cards(env.doc, [CARD]))
    assert env.insp.header.text() == "Map"
    assert env.insp.target() == (Entity.MAP, [""])
    assert env.sel.items() == []


def test_removing_one_of_several_keeps_the_rest(env):
    env.select((Entity.CARD, CARD), (Entity.CARD, CARD2))
    push(env.stack, env.doc, cmd.remove_cards(env.doc, [CARD2]))
    assert env.insp.target() == (Entity.CARD, [CARD])
    assert env.insp.header.text() == "Card"


def test_multi_selection_edits_all_cards_as_one_step(env):
    env.select((Entity.CARD, CARD), (Entity.CARD, CARD2))
    assert env.insp.header.text() == "2 cards"
    assert "title" in env.insp.form.fields and "" not in env.insp.form.fields
    assert env.field("title").edit.placeholderText() == "(several values)"
    env.qtbot.mouseClick(env.field("pain_point").box, Qt.MouseButton.LeftButton)
    assert env.doc.card(CARD).pain_point and env.doc.card(CARD2).pain_point
    env.one_step(0, "Edit pain point of 2 cards")
    env.retype("title", "Same")
    assert env.doc.card(CARD).title == env.doc.card(CARD2).title == "Same"
    env.one_step(1, "Edit title of 2 cards")
    env.stack.undo()
    assert env.doc.card(CARD).title == "Card 0 in Stage 0" and env.doc.card(CARD2).title == "Card 1 in Stage 0"
    assert env.field("title").edit.text() == "" and env.field("title").edit.placeholderText() == "(several values)"
    env.stack.undo()
    assert not env.doc.card(CARD).pain_point and not env.doc.card(CARD2).pain_point


def test_multi_selection_checklist_adds_only_the_toggled_persona(env):
    env.select((Entity.CARD, CARD), (Entity.CARD, CARD2))  # [p1] and []
    lst = env.field("persona_ids").list
    assert lst.item(0).checkState() == Qt.CheckState.PartiallyChecked
    lst.setFocus()
    lst.setCurrentRow(1)
    env.qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert env.doc.card(CARD).persona_ids == ["p1", "p2"]
    assert env.doc.card(CARD2).persona_ids == ["p2"]
    env.one_step(0, "Edit personas of 2 cards")
    assert lst.item(0).checkState() == Qt.CheckState.PartiallyChecked


def test_mixed_kinds_show_the_current_kind(env):
    env.select((Entity.STAGE, "s0"), (Entity.CARD, CARD), (Entity.CARD, CARD2))
    assert env.insp.target() == (Entity.CARD, [CARD, CARD2])
    assert env.insp.header.text() == "2 cards (of 3 selected items)"


def test_other_document(env):
    doc = Document(small_map())
    doc.map.title = "Other"
    env.sel.set_document(doc)
    env.insp.set_document(doc)
    assert env.field("title").edit.text() == "Other"
    env.retype("title", "X")
    assert doc.map.title == "X" and env.doc.map.title == "Test map"


def test_changing_the_selected_card_keeps_the_editors_and_shows_the_new_values(env):
    env.select((Entity.CARD, CARD))
    form = env.insp.form
    title = env.field("title")
    env.retype("title", "First")
    env.select((Entity.CARD, "c-s1-l-touch-1"))
    assert env.insp.form is form and env.field("title") is title
    assert title.edit.text() == "Card 1 in Stage 1"
    assert env.field("persona_ids").list.item(0).checkState() == Qt.CheckState.Unchecked
    assert form._info[0][1].value() == "Stage 1 › Touchpoints"
    env.qtbot.keyClicks(title.edit, "!")
    assert env.doc.card("c-s1-l-touch-1").title == "Card 1 in Stage 1!"
    assert env.doc.card(CARD).title == "First"
    assert env.stack.count() == 2  # typing on another card is another step
    env.select((Entity.CARD, CARD), (Entity.CARD, CARD2))
    assert env.insp.form is not form  # several cards: other fields


def test_showing_a_value_the_editor_rounds_pushes_nothing_back(env):
    env.select((Entity.POINT, "pt1"))
    push(env.stack, env.doc, cmd.Edit(Entity.POINT, "pt1", {"x": 0.333, "value": 1.25}))  # a canvas drag
    assert env.field("x").spin.value() == 0.33
    assert env.doc.get(Entity.POINT, "pt1").x == 0.333
    assert env.doc.get(Entity.POINT, "pt1").value == 1.25
    assert env.stack.count() == 1
