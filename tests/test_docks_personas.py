"""The personas dock: list with colours, create / duplicate / delete with undo, the persona form,
photo import (shrunk, re-encoded, valid per schema) and unreadable images."""

import base64
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QFileDialog, QMessageBox

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.model.palette import OKABE_ITO, curve_colour
from app.model.schema import MAX_PHOTO_BYTES, Persona
from app.widgets.docks.personas import PersonasPanel
from app.widgets.undo import push
from tests.dock_support import DockEnv
from tests.model_factory import small_map


class Env(DockEnv):
    def __init__(self, qtbot):
        super().__init__(qtbot, PersonasPanel, (380, 900))
        self.panel = self.widget

    def names(self):
        lst = self.panel.list
        return [lst.item(i).text() for i in range(lst.count())]

    def click(self, button):
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def choose_row(self, row):
        lst = self.panel.list
        rect = lst.visualItemRect(lst.item(row))
        self.qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def persona(self, ident):
        return self.doc.get(Entity.PERSONA, ident)


@pytest.fixture
def env(qtbot):
    return Env(qtbot)


def icon_colour(item):
    return item.icon().pixmap(16, 16).toImage().pixelColor(8, 8).name().upper()


def test_list_shows_personas_with_their_colour(env):
    assert env.names() == ["Ana", "Bo"]
    assert icon_colour(env.panel.list.item(0)) == "#0072B2"
    assert icon_colour(env.panel.list.item(1)) == OKABE_ITO[1].upper()  # no colour: the palette's
    assert env.panel.current_id() == "p1"
    assert env.panel.form.fields["name"].edit.text() == "Ana"


def test_choosing_a_persona_shows_it_and_selects_it(env):
    env.choose_row(1)
    assert env.panel.current_id() == "p2"
    assert env.panel.form.ids == ["p2"]
    assert env.sel.items() == [(Entity.PERSONA, "p2")]
    env.sel.set([(Entity.PERSONA, "p1")])
    assert env.panel.current_id() == "p1" and env.panel.form.ids == ["p1"]


def test_create_is_undoable(env):
    env.click(env.panel.new_button)
    assert env.names() == ["Ana", "Bo", "New persona"]
    new = env.doc.map.personas[-1]
    assert new.colour == OKABE_ITO[1]  # the first palette colour no persona uses
    assert env.stack.count() == 1 and env.stack.undoText() == "Add persona"
    assert env.panel.current_id() == new.id
    env.qtbot.keyClicks(env.panel.form.fields["name"].edit, "Cleo")  # the name is selected for typing
    assert env.persona(new.id).name == "Cleo"
    assert env.names()[-1] == "Cleo"
    env.stack.undo()
    env.stack.undo()
    assert env.names() == ["Ana", "Bo"]
    assert env.panel.current_id() in ("p1", "p2") and env.panel.form.ids == [env.panel.current_id()]


def test_duplicate_copies_every_field(env):
    push(env.stack, env.doc, cmd.Edit(Entity.PERSONA, "p1", {"role": "Buyer", "age": 40, "tech_familiarity": 4}))
    env.click(env.panel.duplicate_button)
    assert env.names() == ["Ana", "Ana (copy)", "Bo"]
    copy = env.doc.map.personas[1]
    assert copy.id != "p1"
    assert copy.model_dump(exclude={"id", "name"}) == env.persona("p1").model_dump(exclude={"id", "name"})
    assert env.stack.undoText() == "Duplicate persona"
    env.stack.undo()
    assert env.names() == ["Ana", "Bo"]


def test_delete_is_undoable_and_cards_forget_the_persona(env):
    card = "c-s0-l-act-0"
    assert env.doc.card(card).persona_ids == ["p1"]
    env.click(env.panel.delete_button)
    assert env.names() == ["Bo"]
    assert env.doc.card(card).persona_ids == []
    assert env.doc.get(Entity.CURVE, "cv1").persona_id is None
    assert env.panel.current_id() == "p2" and env.panel.form.ids == ["p2"]
    assert env.stack.count() == 1 and env.stack.undoText() == "Delete persona “Ana”"
    env.stack.undo()
    assert env.names() == ["Ana", "Bo"]
    assert env.doc.card(card).persona_ids == ["p1"]
    assert env.doc.get(Entity.CURVE, "cv1").persona_id == "p1"


def test_deleting_the_last_persona_leaves_an_empty_form(env):
    env.click(env.panel.delete_button)
    env.click(env.panel.delete_button)
    assert env.names() == [] and env.panel.form is None
    assert not env.panel.delete_button.isEnabled()
    env.stack.undo()
    assert env.names() == ["Bo"] and env.panel.form.ids == ["p2"]


def test_colour_change_is_one_command_and_curves_follow(env, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#009E73")))
    env.click(env.panel.form.fields["colour"].button)
    assert env.persona("p1").colour == "#009E73"
    assert env.stack.count() == 1 and env.stack.undoText() == "Edit persona colour"
    assert icon_colour(env.panel.list.item(0)) == "#009E73"
    assert curve_colour(env.doc.map, env.doc.get(Entity.CURVE, "cv1")) == "#009E73"
    env.stack.undo()
    assert icon_colour(env.panel.list.item(0)) == "#0072B2"


def test_every_persona_field_is_editable(env):
    fields = env.panel.form.fields
    assert set(fields) == set(Persona.model_fields) - {"id"}
    for name in ("role", "family", "segment", "region"):
        fields[name].edit.setFocus()
        env.qtbot.keyClicks(fields[name].edit, name.upper())
        assert getattr(env.persona("p1"), name) == name.upper()
    for name in ("goals", "interests", "habits", "needs", "frustrations", "quote"):
        fields[name].edit.setFocus()
        env.qtbot.keyClicks(fields[name].edit, "x")
        assert getattr(env.persona("p1"), name) == "x"
    assert env.stack.count() == 10


def pick_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def decoded_photo(persona):
    raw = base64.b64decode(persona.photo)
    image = QImage()
    assert image.loadFromData(raw)
    return raw, image


def test_big_png_is_shrunk_to_512_px_and_valid(env, monkeypatch, tmp_path):
    noise = QImage(os.urandom(3000 * 2000 * 3), 3000, 2000, 3000 * 3, QImage.Format.Format_RGB888)
    path = tmp_path / "big.png"
    assert noise.save(str(path))
    assert path.stat().st_size > MAX_PHOTO_BYTES  # it would not fit as it is
    pick_file(monkeypatch, path)
    env.click(env.panel.form.fields["photo"].choose_button)
    persona = env.persona("p1")
    raw, image = decoded_photo(persona)
    assert raw.startswith(b"\x89PNG")
    assert (image.width(), image.height()) == (512, 341)
    assert len(raw) <= MAX_PHOTO_BYTES
    Persona.model_validate(persona.model_dump())  # valid per schema
    assert env.stack.count() == 1 and env.stack.undoText() == "Edit persona photo"
    assert not env.panel.form.fields["photo"].thumb.pixmap().isNull()
    env.click(env.panel.form.fields["photo"].remove_button)
    assert env.persona("p1").photo == ""
    env.stack.undo()
    assert env.persona("p1").photo == persona.photo


def test_jpeg_stays_jpeg(env, monkeypatch, tmp_path):
    image = QImage(1200, 1600, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / "tall.jpg"
    assert image.save(str(path), "JPEG")
    pick_file(monkeypatch, path)
    env.click(env.panel.form.fields["photo"].choose_button)
    raw, decoded = decoded_photo(env.persona("p1"))
    assert raw.startswith(b"\xff\xd8\xff")
    assert (decoded.width(), decoded.height()) == (384, 512)
    Persona.model_validate(env.persona("p1").model_dump())


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, b"just some text"])
def test_unreadable_image_gives_a_message_and_changes_nothing(env, monkeypatch, tmp_path, content):
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    pick_file(monkeypatch, path)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: messages.append(text)))
    env.click(env.panel.form.fields["photo"].choose_button)
    assert len(messages) == 1 and "image" in messages[0].lower()
    assert env.persona("p1").photo == ""
    assert env.stack.count() == 0


def test_other_document(env):
    m = small_map()
    m.personas = [Persona(id="z", name="Zed")]
    doc = Document(m)
    env.panel.set_document(doc)
    assert env.names() == ["Zed"] and env.panel.form.ids == ["z"]
    push(env.stack, env.doc, cmd.Edit(Entity.PERSONA, "p1", {"name": "Old doc"}))
    assert env.names() == ["Zed"]
