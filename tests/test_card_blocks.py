"""Zoomed out, the cells draw their cards as blocks (CellItem.paint_blocks): the cards have no
contents for Qt (a repaint of the whole map at 10,000 cards made 10,000 calls into Python), the
picture is the one the cards drew themselves, and every change of a card (moved, restyled, added,
removed, selected, dragged, a theme) still repaints where it was and where it is."""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import Card, new_id
from app.widgets.canvas.theme import DARK, LIGHT
from benchmarks.generate import generate_map
from tests.card_support import make_canvas
from tests.test_canvas_repaint import _full_repaint, _idle, _on_screen

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _zoomed_out(qtbot, n=600):
    c = make_canvas(qtbot, generate_map(n, seed=6), size=(900, 700))
    c.view.fit_map()
    c.scene.follow_zoom()
    _idle(c)
    assert c.scene.cards_as_blocks
    return c


def _cards_draw_themselves(c) -> None:
    c.scene.cards_as_blocks = False
    for item in c.scene.card_items.values():
        item.by_cell()


def _most_apart(a, b) -> int:
    """The largest difference of a colour channel between two pictures of one size."""
    da, db = bytes(a.constBits()), bytes(b.constBits())
    return max((abs(x - y) for x, y in zip(da, db, strict=True) if x != y), default=0)


def test_cells_draw_the_blocks_the_cards_drew(qtbot):
    c = _zoomed_out(qtbot)
    assert all(it.flags() & NO_CONTENTS for it in c.scene.card_items.values())
    by_cells = _full_repaint(c)
    _cards_draw_themselves(c)
    assert not any(it.flags() & NO_CONTENTS for it in c.scene.card_items.values())
    by_cards = _full_repaint(c)
    # the same picture but for the antialiasing where two blocks' edges meet (drawn colour by
    # colour, not card by card: a few steps of 255)
    assert by_cards != _full_repaint_blank(c) and _most_apart(by_cells, by_cards) <= 8
    # zoomed in again, the cards draw themselves (with their text)
    c.scene.cards_as_blocks = True
    c.view.zoom_actual()
    c.scene.follow_zoom()
    assert not c.scene.cards_as_blocks
    assert not any(it.flags() & NO_CONTENTS for it in c.scene.card_items.values())


def _full_repaint_blank(c):
    """The view without its cards (to show the comparison above compares cards)."""
    for item in c.scene.card_items.values():
        item.setVisible(False)
    blank = _full_repaint(c)
    for item in c.scene.card_items.values():
        item.setVisible(True)
    return blank


def test_a_selected_card_zoomed_out_is_outlined_by_its_cell(qtbot):
    c = _zoomed_out(qtbot)
    item = max(c.scene.card_items.values(), key=lambda it: it.rect().width() * it.rect().height())
    plain = _on_screen(c)
    c.selection.set([(Entity.CARD, item.ident)])
    _idle(c)
    outlined = _on_screen(c)
    assert outlined != plain and outlined == _full_repaint(c)
    c.selection.clear()
    _idle(c)
    assert _on_screen(c) == _full_repaint(c)  # (the cell it was in stays marked: the keyboard's)


def test_card_edits_zoomed_out_leave_the_pixels_of_a_full_repaint(qtbot):
    c = _zoomed_out(qtbot)
    doc, rng = c.doc, random.Random(7)
    kinds = ["move", "colour", "add", "remove", "select", "deselect", "theme", "move", "body"]
    for step in range(24):
        kind = kinds[step] if step < len(kinds) else rng.choice(kinds)
        card = rng.choice(doc.map.cards)
        if kind == "move":
            others = [s.id for s in doc.map.stages if s.id != card.stage_id]
            cmd.MoveCards([card.id], rng.choice(others), card.lane_id, 0).apply(doc)
        elif kind == "colour":
            cmd.Edit(Entity.CARD, card.id, {"colour": rng.choice(["#E69F00", "#56B4E9", "#009E73"])}).apply(doc)
        elif kind == "add":
            new = Card(id=new_id("c"), title=f"n{step}", stage_id=card.stage_id, lane_id=card.lane_id)
            cmd.InsertCards([new], card.stage_id, card.lane_id, 0).apply(doc)
        elif kind == "remove":
            cmd.remove_cards(doc, [card.id]).apply(doc)
        elif kind == "select":
            c.selection.set([(Entity.CARD, cd.id) for cd in rng.sample(doc.map.cards, 5)])
        elif kind == "deselect":
            c.selection.clear()
        elif kind == "theme":
            c.scene.set_theme(DARK if c.scene.theme is LIGHT else LIGHT)
        else:
            cmd.Edit(Entity.CARD, card.id, {"body": " ".join(["word"] * rng.randint(0, 40))}).apply(doc)
        _idle(c)
        # equal but for a step of 255 in a few antialiased edge pixels; before the cells drew the
        # blocks, a selected card's outline (two pixels round a card of one or two) stayed on
        # screen after it was deselected: step 4 failed by far more
        assert _most_apart(_on_screen(c), _full_repaint(c)) <= 2, (step, kind)


def test_a_card_dragged_zoomed_out_draws_itself_then_its_cell_again(qtbot):
    """A dragged card leaves its cell (it is drawn where the mouse takes it); Esc puts it back,
    and its cell draws it again."""
    c = _zoomed_out(qtbot, n=300)
    vp = c.view.viewport()
    item = max(c.scene.card_items.values(), key=lambda it: it.rect().width() * it.rect().height())
    start = c.view.mapFromScene(item.sceneBoundingRect().center())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def mouse(kind, pos, button, buttons):
        ev = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons,
                         Qt.KeyboardModifier.NoModifier)  # fmt: skip
        QApplication.sendEvent(vp, ev)

    mouse(QEvent.Type.MouseButtonPress, start, left, left)
    for k in range(1, 6):
        mouse(QEvent.Type.MouseMove, start + QPoint(8 * k, 6 * k), none, left)
    assert item.parentItem() is None and not item.flags() & NO_CONTENTS  # it draws itself
    qtbot.keyClick(vp, Qt.Key.Key_Escape)
    mouse(QEvent.Type.MouseButtonRelease, start + QPoint(40, 30), left, none)
    _idle(c)
    assert item.parentItem() is not None and item.flags() & NO_CONTENTS
    assert _most_apart(_on_screen(c), _full_repaint(c)) <= 2
