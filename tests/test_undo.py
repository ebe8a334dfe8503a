"""Model commands on Qt's undo stack: one step per command, merged typing, exact undo."""

import json

from PySide6.QtGui import QUndoStack

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.widgets.undo import push
from tests.model_factory import small_map


def dump(doc):
    return json.dumps(doc.map.model_dump(mode="json"), sort_keys=True)


def test_push_undo_redo_and_merge(qapp):
    doc = Document(small_map())
    stack = QUndoStack()
    before = dump(doc)
    for text in ("H", "He", "Hel", "Hello"):
        push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": text}, label="Edit title", merge=True))
    assert stack.count() == 1 and stack.undoText() == "Edit title"
    push(stack, doc, cmd.MoveCards(["c-s0-l-act-0"], "s1", "l-act", 0))
    assert stack.count() == 2
    assert doc.card("c-s0-l-act-0").title == "Hello" and doc.card("c-s0-l-act-0").stage_id == "s1"
    stack.undo()
    assert doc.card("c-s0-l-act-0").stage_id == "s0"
    stack.undo()
    assert dump(doc) == before
    stack.redo()
    stack.redo()
    assert doc.card("c-s0-l-act-0").title == "Hello" and doc.card("c-s0-l-act-0").stage_id == "s1"


def test_different_fields_do_not_merge(qapp):
    doc = Document(small_map())
    stack = QUndoStack()
    push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "A"}, merge=True))
    push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"body": "B"}, merge=True))
    push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-1", {"title": "C"}, merge=True))
    assert stack.count() == 3


def test_a_refused_command_is_reported_and_not_pushed(qapp):
    import gc

    from app.widgets.undo import notices

    doc = Document(small_map())
    stack = QUndoStack()
    said: list[str] = []
    notices(stack).refused.connect(said.append)
    assert push(stack, doc, cmd.Edit(Entity.CARD, "no-such-card", {"title": "x"})) is False
    assert push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "x" * 500, "votes": -4})) is False
    gc.collect()
    assert stack.count() == 0
    assert "no such element" in said[0] and "card 'c-s0-l-act-0'.title: text is too long" in said[1]
    assert doc.get(Entity.CARD, "c-s0-l-act-0").title != "x" * 500
    assert push(stack, doc, cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "still works"})) is True
    assert stack.count() == 1
