"""Copy, cut, paste and duplicate through the system clipboard, between two canvases (two
windows with their own documents), with fresh ids and the links among the copied cards."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from app.model.events import Entity
from app.model.schema import Map
from app.model.validation import check_references
from app.widgets.canvas.clipboard import CARDS_MIME, payload_from, put_on_clipboard
from tests.card_support import CTRL, LEFT, card_point, cell_point, make_canvas, stack
from tests.model_factory import small_map

K = Qt.Key


def _select(qtbot, c, *ids):
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=card_point(c, ids[0]))
    for cid in ids[1:]:
        qtbot.mouseClick(c.view.viewport(), LEFT, CTRL, card_point(c, cid))


def _other_map() -> Map:
    m = small_map(cards_per_cell=1)
    m.id = "map-other"
    m.personas = m.personas[:1]  # only p1
    return m


def test_copy_puts_json_and_titles_on_the_clipboard(qtbot):
    c = make_canvas(qtbot)
    _select(qtbot, c, "c-s0-l-act-1", "c-s0-l-act-0")
    qtbot.keyClick(c.view, K.Key_C, CTRL)
    data = QApplication.clipboard().mimeData()
    assert data.hasFormat(CARDS_MIME)
    raw = json.loads(bytes(data.data(CARDS_MIME).data()))
    assert raw["format"] == "journeymap-cards" and raw["version"] == 1
    assert [card["id"] for card in raw["cards"]] == ["c-s0-l-act-0", "c-s0-l-act-1"]  # map order
    assert data.text() == "Card 0 in Stage 0\nCard 1 in Stage 0"
    assert c.stack.count() == 0


def test_copy_and_paste_between_two_windows(qtbot):
    a = make_canvas(qtbot)
    b = make_canvas(qtbot, _other_map())
    # lk2 links c-s0-l-act-1 -> c-s0-l-touch-0: both copied, so the link comes along
    _select(qtbot, a, "c-s0-l-act-1", "c-s0-l-touch-0", "c-s2-l-back-1")
    qtbot.keyClick(a.view, K.Key_C, CTRL)
    b.view.activateWindow()
    qtbot.waitUntil(b.view.isActiveWindow)
    b.view.setFocus()
    _select(qtbot, b, "c-s1-l-touch-0")
    before = b.doc.map.model_dump_json()
    qtbot.keyClick(b.view, K.Key_V, CTRL)
    ids = stack(b, "s1", "l-touch")
    assert len(ids) == 4 and ids[0] == "c-s1-l-touch-0"  # pasted after the selected card
    new = [b.doc.card(i) for i in ids[1:]]
    assert [n.title for n in new] == ["Card 1 in Stage 0", "Card 0 in Stage 0", "Card 1 in Stage 2"]
    assert all(n.id not in a.doc.map.model_dump_json() for n in new)  # fresh ids
    assert new[1].persona_ids == ["p1"]
    links = [lk for lk in b.doc.map.links if lk.source_id in ids or lk.target_id in ids]
    assert [(lk.source_id, lk.target_id) for lk in links if lk.source_id in ids[1:]] == [(new[0].id, new[1].id)]
    assert b.stack.count() == 1 and b.selection.ids(Entity.CARD) == ids[1:]
    assert check_references(b.doc.map) == []
    assert a.stack.count() == 0 and len(a.doc.map.cards) == 18
    b.stack.undo()
    assert b.doc.map.model_dump_json() == before
    # pasting twice makes two sets of distinct cards
    b.selection.clear()
    b.actions.set_cell(("s0", "l-on"))
    assert b.actions.paste() and b.actions.paste()
    assert len(set(stack(b, "s0", "l-on"))) == 6


def test_paste_drops_unknown_personas(qtbot):
    a = make_canvas(qtbot)
    b = make_canvas(qtbot, _other_map())
    a.doc.card("c-s0-l-act-1").persona_ids = ["p2"]
    _select(qtbot, a, "c-s0-l-act-1")
    assert a.actions.copy()
    b.actions.set_cell(("s2", "l-on"))
    assert b.actions.paste()
    (new,) = stack(b, "s2", "l-on")
    assert b.doc.card(new).persona_ids == []


def test_cut_removes_and_paste_brings_back(qtbot):
    c = make_canvas(qtbot)
    _select(qtbot, c, "c-s1-l-back-0")
    qtbot.keyClick(c.view, K.Key_X, CTRL)
    assert c.doc.find(Entity.CARD, "c-s1-l-back-0") is None
    assert c.stack.undoText() == "Cut card"
    qtbot.mouseClick(c.view.viewport(), LEFT, pos=cell_point(c, ("s0", "l-on"), 30))
    qtbot.keyClick(c.view, K.Key_V, CTRL)
    (new,) = stack(c, "s0", "l-on")
    assert c.doc.card(new).title == "Card 0 in Stage 1" and new != "c-s1-l-back-0"
    assert c.stack.count() == 2


def test_duplicate_puts_copies_right_after_the_originals(qtbot):
    c = make_canvas(qtbot)
    before = c.doc.map.model_dump_json()
    _select(qtbot, c, "c-s0-l-act-0", "c-s0-l-act-1", "c-s0-l-touch-0")
    qtbot.keyClick(c.view, K.Key_D, CTRL)
    act = stack(c, "s0", "l-act")
    touch = stack(c, "s0", "l-touch")
    assert act[:2] == ["c-s0-l-act-0", "c-s0-l-act-1"] and len(act) == 4
    assert touch[0] == "c-s0-l-touch-0" and len(touch) == 3 and touch[2] == "c-s0-l-touch-1"
    copies = act[2:] + [touch[1]]
    assert [c.doc.card(i).title for i in copies] == ["Card 0 in Stage 0", "Card 1 in Stage 0", "Card 0 in Stage 0"]
    # lk2 (act-1 -> touch-0) is duplicated between the copies
    assert any(lk.source_id == act[3] and lk.target_id == touch[1] for lk in c.doc.map.links)
    assert c.stack.count() == 1 and c.selection.ids(Entity.CARD) == copies
    c.stack.undo()
    assert c.doc.map.model_dump_json() == before


def test_plain_text_pastes_one_card_per_line_and_junk_pastes_nothing(qtbot):
    c = make_canvas(qtbot)
    c.actions.set_cell(("s1", "l-on"))
    QApplication.clipboard().setText("First idea\n\n  Second idea  \n")
    assert c.actions.paste()
    assert [c.doc.card(i).title for i in stack(c, "s1", "l-on")] == ["First idea", "Second idea"]
    junk = QMimeData()
    junk.setData(CARDS_MIME, b'{"format": "journeymap-cards", "version": 1, "cards": [{"id": 3}]}')
    assert payload_from(junk) is None
    put_on_clipboard(junk)
    assert not c.actions.paste() and c.stack.count() == 1
