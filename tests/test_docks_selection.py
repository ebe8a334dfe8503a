"""The shared Selection: order, current, ids, change signal, and dropping removed elements."""

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Entity
from app.widgets.selection import Selection, follow_document
from app.widgets.undo import push
from tests.model_factory import small_map

A = (Entity.CARD, "c-s0-l-act-0")
B = (Entity.CARD, "c-s0-l-act-1")
S = (Entity.STAGE, "s1")
P = (Entity.POINT, "pt1")


@pytest.fixture
def env(qapp):
    doc = Document(small_map())
    sel = Selection(doc)
    changes = []
    sel.changed.connect(lambda: changes.append(sel.items()))
    return doc, sel, changes, QUndoStack()


def test_set_items_current_ids(env):
    _doc, sel, changes, _ = env
    assert sel.items() == [] and sel.current() is None
    sel.set([A, S, B, A])
    assert sel.items() == [A, S, B]  # duplicates dropped, order kept
    assert sel.current() == B
    assert sel.ids(Entity.CARD) == [A[1], B[1]] and sel.ids(Entity.LANE) == []
    assert len(changes) == 1
    sel.set([A, S, B])
    assert len(changes) == 1  # no change, no signal
    sel.toggle(*S)
    assert sel.items() == [A, B]
    sel.add(*P)
    assert sel.current() == P
    sel.clear()
    assert sel.items() == [] and len(changes) == 4


def test_the_map_is_the_empty_selection(env):
    _doc, sel, changes, _ = env
    sel.set([(Entity.MAP, "")])
    assert sel.items() == [] and changes == []


def test_removed_elements_drop_out(env):
    doc, sel, changes, stack = env
    sel.set([A, B, S])
    push(stack, doc, cmd.remove_cards(doc, [A[1]]))
    assert sel.items() == [B, S]
    assert changes[-1] == [B, S]
    stack.undo()  # the card comes back, unselected
    assert sel.items() == [B, S]
    push(stack, doc, cmd.remove_stage(doc, "s0"))  # takes card B with it
    assert sel.items() == [S]


def test_removing_a_curve_drops_its_points(env):
    doc, sel, changes, stack = env
    sel.set([P, S])
    push(stack, doc, cmd.Remove(Entity.CURVE, "cv1"))
    assert sel.items() == [S]


def test_updates_do_not_touch_the_selection(env):
    doc, sel, changes, stack = env
    sel.set([A])
    push(stack, doc, cmd.Edit(Entity.CARD, A[1], {"title": "x"}))
    push(stack, doc, cmd.MoveCards([A[1]], "s2", "l-back"))
    assert sel.items() == [A] and len(changes) == 1


def test_set_document_clears_and_follows_the_new_one(env):
    doc, sel, changes, stack = env
    sel.set([A])
    other = Document(small_map())
    sel.set_document(other)
    assert sel.items() == []
    sel.set([A])
    push(stack, doc, cmd.remove_cards(doc, [A[1]]))  # the old document: ignored
    assert sel.items() == [A]
    push(stack, other, cmd.remove_cards(other, [A[1]]))
    assert sel.items() == []


def test_follow_document_ends_with_the_widget(env, qtbot):
    doc, _sel, _changes, stack = env
    seen = []
    widget = QWidget()
    follow_document(widget, doc, seen.append)
    push(stack, doc, cmd.Edit(Entity.MAP, "", {"title": "a"}))
    assert len(seen) == 1
    widget.deleteLater()
    qtbot.waitUntil(lambda: doc._listeners.count(seen.append) == 0)
    push(stack, doc, cmd.Edit(Entity.MAP, "", {"title": "b"}))
    assert len(seen) == 1
