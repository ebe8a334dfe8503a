"""Random edits that keep a map valid, as an editor user makes them (for the merge tests)."""

from __future__ import annotations

import random

from app.model.schema import Card, EmotionPoint, Lane, Link, Map, Persona, Stage


def _drop_cards(m: Map, gone: set[str]) -> None:
    m.cards = [c for c in m.cards if c.id not in gone]
    m.links = [lk for lk in m.links if lk.source_id not in gone and lk.target_id not in gone]
    for curve in m.curves:
        for p in curve.points:
            if p.card_id in gone:
                p.card_id = None


def random_edit(m: Map, rng: random.Random, side: str, k: int) -> None:
    """One edit of ``m`` in place; new ids carry ``side`` and ``k`` so both sides' differ."""
    op = rng.choice(OPS)
    op(m, rng, f"{side}{k}")


def _card_field(m: Map, rng: random.Random, new: str) -> None:
    if not m.cards:
        return
    c = rng.choice(m.cards)
    name = rng.choice(("title", "body", "votes", "importance_customer", "moment_of_truth", "notes", "owner"))
    value = {
        "title": f"title {new}",
        "body": f"body {new}",
        "votes": rng.randint(0, 9),
        "importance_customer": rng.choice((None, 1, 3, 5)),
        "moment_of_truth": not c.moment_of_truth,
        "notes": f"notes {new}",
        "owner": rng.choice(("Sales", "IT", "")),
    }[name]
    setattr(c, name, value)


def _card_tags(m: Map, rng: random.Random, new: str) -> None:
    if m.cards:
        c = rng.choice(m.cards)
        tag = rng.choice(("vip", "later", "q3", new))
        c.tags = [t for t in c.tags if t != tag] if tag in c.tags else [*c.tags, tag]


def _card_move(m: Map, rng: random.Random, new: str) -> None:
    if m.cards:
        c = rng.choice(m.cards)
        c.stage_id, c.lane_id, c.order = rng.choice(m.stages).id, rng.choice(m.lanes).id, rng.randint(0, 5000)


def _card_delete(m: Map, rng: random.Random, new: str) -> None:
    if m.cards:
        _drop_cards(m, {rng.choice(m.cards).id})


def _card_add(m: Map, rng: random.Random, new: str) -> None:
    m.cards.append(Card(id=f"c-{new}", stage_id=rng.choice(m.stages).id, lane_id=rng.choice(m.lanes).id,
                        order=rng.randint(0, 5000), title=f"card {new}"))  # fmt: skip


def _stage_rename(m: Map, rng: random.Random, new: str) -> None:
    rng.choice(m.stages).name = f"stage {new}"


def _stage_add(m: Map, rng: random.Random, new: str) -> None:
    m.stages.insert(rng.randint(0, len(m.stages)), Stage(id=f"s-{new}", name=f"stage {new}"))


def _stage_delete(m: Map, rng: random.Random, new: str) -> None:
    if len(m.stages) < 2:
        return
    gone = m.stages.pop(rng.randrange(len(m.stages))).id
    _drop_cards(m, {c.id for c in m.cards if c.stage_id == gone})
    m.metrics = [mt for mt in m.metrics if mt.stage_id != gone]
    for curve in m.curves:
        curve.points = [p for p in curve.points if p.stage_id != gone]


def _stage_move(m: Map, rng: random.Random, new: str) -> None:
    m.stages.insert(rng.randint(0, len(m.stages) - 1), m.stages.pop(rng.randrange(len(m.stages))))


def _lane_edit(m: Map, rng: random.Random, new: str) -> None:
    if rng.random() < 0.5:
        rng.choice(m.lanes).name = f"lane {new}"
    else:
        m.lanes.insert(rng.randint(0, len(m.lanes)), Lane(id=f"l-{new}", name=f"lane {new}"))


def _point_edit(m: Map, rng: random.Random, new: str) -> None:
    curve = rng.choice(m.curves)
    roll = rng.random()
    if curve.points and roll < 0.5:
        rng.choice(curve.points).value = float(rng.randint(-3, 3))
    elif curve.points and roll < 0.7:
        curve.points.pop(rng.randrange(len(curve.points)))
    else:
        curve.points.append(
            EmotionPoint(id=f"pt-{new}", stage_id=rng.choice(m.stages).id, value=float(rng.randint(-3, 3)))
        )


def _link_edit(m: Map, rng: random.Random, new: str) -> None:
    roll = rng.random()
    if m.links and roll < 0.3:
        m.links.pop(rng.randrange(len(m.links)))
    elif m.links and roll < 0.6:
        rng.choice(m.links).label = f"label {new}"
    elif len(m.cards) >= 2:
        a, b = rng.sample(m.cards, 2)
        m.links.append(Link(id=f"lk-{new}", source_id=a.id, target_id=b.id))


def _persona_edit(m: Map, rng: random.Random, new: str) -> None:
    roll = rng.random()
    if m.personas and roll < 0.4:
        rng.choice(m.personas).name = f"persona {new}"
    elif m.personas and roll < 0.6:
        gone = m.personas.pop(rng.randrange(len(m.personas))).id
        for c in m.cards:
            c.persona_ids = [p for p in c.persona_ids if p != gone]
        for curve in m.curves:
            if curve.persona_id == gone:
                curve.persona_id = None
    else:
        m.personas.append(Persona(id=f"p-{new}", name=f"persona {new}"))
        if m.cards:
            rng.choice(m.cards).persona_ids.append(f"p-{new}")


def _map_edit(m: Map, rng: random.Random, new: str) -> None:
    if rng.random() < 0.5:
        m.title = f"title {new}"
    elif m.metrics:
        rng.choice(m.metrics).value = float(rng.randint(0, 100))


OPS = (_card_field, _card_field, _card_tags, _card_move, _card_delete, _card_add, _stage_rename, _stage_add,
       _stage_delete, _stage_move, _lane_edit, _point_edit, _link_edit, _persona_edit, _map_edit)  # fmt: skip
