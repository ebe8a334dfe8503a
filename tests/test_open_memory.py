"""Opening a map: the new map's objects are frozen out of the cyclic collector's reach, and the
whole heap is collected only when something the scene made for the previous map outlived it
(main_window.settle_memory, MapScene.made_refs)."""

from __future__ import annotations

import gc
import weakref

import pytest

from app.model.document import Document
from tests.main_window_support import Windows
from tests.model_factory import small_map


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


@pytest.fixture
def collections(monkeypatch):
    """Counts full collections (gc.collect calls) from here on."""
    calls: list[int] = []
    real = gc.collect

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(gc, "collect", counting)
    return calls


def _documents_in_reach() -> list[Document]:
    """The documents the collector still scans (gc.get_objects leaves out frozen objects)."""
    return [o for o in gc.get_objects() if type(o) is Document]


def test_opening_a_map_freezes_it_without_a_full_collection(windows, collections):
    window = windows.make(small_map(cards_per_cell=2))
    made = window.scene.made_refs()
    assert len(made) >= 3  # the layout, a cell, a card (and a link or a curve when there are)
    collections.clear()
    assert window.session.new_document(small_map(cards_per_cell=3))
    assert all(ref() is None for ref in made)  # the previous scene's objects went by reference counting
    assert collections == []  # so no walk of the whole heap
    doc = window.session.doc
    assert doc not in _documents_in_reach()  # the new map is frozen
    assert window.scene.layout is not None and len(window.scene.card_items) == len(doc.map.cards)


def test_a_previous_layout_held_in_a_cycle_is_collected(windows, collections):
    window = windows.make(small_map(cards_per_cell=2))
    old = window.scene.layout
    old.held_in_a_cycle = old  # a reference cycle: only the cyclic collector frees it
    gone = weakref.ref(old)
    del old
    collections.clear()
    assert window.session.new_document(small_map(cards_per_cell=1))
    assert collections  # the whole heap was collected
    assert gone() is None  # and the old layout with it
    assert window.session.doc not in _documents_in_reach()  # then frozen as ever
