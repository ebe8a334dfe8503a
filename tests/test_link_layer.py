"""The links are drawn by one scene item (app/widgets/canvas/link_layer.py): Qt never asks a
link's own item to paint, a repaint costs one call however many links cross it, and every
change of a link (added, removed, routed again, restyled, relabelled, a new theme) still
repaints where it was and where it is: what the window shows equals a full repaint."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from app.model import commands as cmd
from app.model.events import Entity
from app.model.schema import Link, LinkKind, new_id
from app.widgets.canvas import link_layer
from app.widgets.canvas.link_item import LinkItem
from app.widgets.canvas.link_layer import LinkLayer
from app.widgets.canvas.theme import DARK, LIGHT
from benchmarks.generate import generate_map
from tests.card_support import make_canvas
from tests.test_canvas_repaint import _full_repaint, _idle, _on_screen


def _in_sight(c) -> list[str]:
    """Ids of the cards whose centre the view shows."""
    sight = c.view.mapToScene(c.view.viewport().rect()).boundingRect()
    return [
        cid for cid, item in c.scene.card_items.items() if sight.contains(item.sceneBoundingRect().center())
    ]


def test_one_call_per_repaint_draws_the_links_qt_never_asks_their_items(qtbot, monkeypatch):
    c = make_canvas(qtbot, generate_map(300, seed=4), size=(900, 700))
    _idle(c)
    layers = [it for it in c.scene.items() if isinstance(it, LinkLayer)]
    assert len(layers) == 1
    assert all(
        it.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents for it in c.scene.link_items.values()
    )
    item_calls, layer_calls = [], []
    monkeypatch.setattr(LinkItem, "paint", lambda self, *a: item_calls.append(self))
    real = link_layer.draw_links
    monkeypatch.setattr(link_layer, "draw_links", lambda *a: (layer_calls.append(len(a[1])), real(*a)))
    c.view.viewport().repaint()
    assert layer_calls == [len(c.scene.link_items)] and item_calls == []
    # the layer is never what a click or the hover finds: the links' own items are
    vp = c.view.viewport().rect()
    link = next(
        it for it in c.scene.link_items.values() if vp.contains(c.view.mapFromScene(it.path.pointAtPercent(0.5)))
    )
    found = c.view.items(c.view.mapFromScene(link.path.pointAtPercent(0.5)))
    assert link in found and not any(isinstance(it, LinkLayer) for it in found)


def test_link_edits_repaint_where_the_link_was_and_is(qtbot):
    """Random link edits among the cards in sight (new links, deletions, another kind: a
    dashed pen, a label, routes moved by a card moved or grown above their ends, a theme); after
    each, the window shows what a full repaint shows. Without the repaints the link layer asks
    for, a new or deleted link would be missing from (or left on) the screen."""
    c = make_canvas(qtbot, generate_map(200, seed=3), size=(900, 700))
    doc, rng = c.doc, random.Random(5)
    _idle(c)
    cards = _in_sight(c)
    assert len(cards) >= 6
    kinds = ["add", "add", "remove", "kind", "label", "move", "theme", "grow"]
    for step in range(18):
        kind = kinds[step % len(kinds)] if step < len(kinds) else rng.choice(kinds)
        shown = [lk for lk in doc.map.links if lk.id in c.scene.link_items and
                 c.view.viewport().rect().intersects(c.view.mapFromScene(c.scene.link_items[lk.id].rect()).boundingRect())]  # fmt: skip
        if kind == "add":
            a, b = rng.sample(cards, 2)
            cmd.add_link(Link(id=new_id("link"), source_id=a, target_id=b, kind=LinkKind.FLOW)).apply(doc)
        elif kind == "remove" and shown:
            cmd.Remove(Entity.LINK, rng.choice(shown).id).apply(doc)
        elif kind == "kind" and shown:
            lk = rng.choice(shown)
            new = LinkKind.HANDOFF if lk.kind != LinkKind.HANDOFF else LinkKind.DEPENDENCY
            cmd.Edit(Entity.LINK, lk.id, {"kind": new}).apply(doc)
        elif kind == "label" and shown:
            cmd.Edit(Entity.LINK, rng.choice(shown).id, {"label": f"step {step}"}).apply(doc)
        elif kind == "move":  # to another stage: its links and those of the cards after it move
            card = doc.card(rng.choice(cards))
            others = [s.id for s in doc.map.stages if s.id != card.stage_id]
            cmd.MoveCards([card.id], rng.choice(others), card.lane_id, 0).apply(doc)
        elif kind == "grow":  # a card in sight grows: the cards below it and their links move
            cmd.Edit(Entity.CARD, rng.choice(cards), {"body": " ".join(["word"] * rng.randint(10, 40))}).apply(doc)
        elif kind == "theme":
            c.scene.set_theme(DARK if c.scene.theme is LIGHT else LIGHT)
        _idle(c)
        assert _on_screen(c) == _full_repaint(c), (step, kind)


def test_a_new_link_shows_and_a_deleted_one_goes_at_once(qtbot):
    """The pixels on a new link's route change when it is added, and are back as they were
    when it is deleted (nothing else repaints them)."""
    c = make_canvas(qtbot, generate_map(60, seed=2), size=(900, 700))
    doc = c.doc
    _idle(c)
    before = _on_screen(c)
    a, b = _in_sight(c)[:2]
    link = Link(id=new_id("link"), source_id=a, target_id=b, kind=LinkKind.FLOW)
    cmd.add_link(link).apply(doc)
    _idle(c)
    item = c.scene.link_items[link.id]
    assert c.view.viewport().rect().contains(c.view.mapFromScene(item.path.pointAtPercent(0.5)))
    with_link = _on_screen(c)
    assert with_link != before
    assert with_link == _full_repaint(c)
    cmd.Remove(Entity.LINK, link.id).apply(doc)
    _idle(c)
    assert _on_screen(c) == before


def test_a_picture_of_the_scene_draws_the_links(qtbot):
    """scene.render (the PNG export's bands) draws the links through the layer too."""
    from PySide6.QtGui import QImage, QPainter

    c = make_canvas(qtbot, generate_map(60, seed=2), size=(900, 700))
    _idle(c)
    item = next(iter(c.scene.link_items.values()))
    r = item.rect()

    def picture():
        image = QImage(int(r.width()), int(r.height()), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        p = QPainter(image)
        c.scene.render(p, QRectF(0, 0, r.width(), r.height()), r)
        p.end()
        return image

    with_links = picture()
    c.scene.link_layer.setVisible(False)
    without = picture()
    c.scene.link_layer.setVisible(True)
    assert with_links != without
