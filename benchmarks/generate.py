"""Realistic generated maps of N cards for benchmarks (and stress tests).

Seven stages, ten typed lanes, titles of 2-6 words and bodies of 0-30 words drawn from a journey
vocabulary, a few personas and curves, and links between touchpoints: the shape of a real
workshop map, only bigger.
"""

from __future__ import annotations

import random

from app.model.commands import ORDER_STEP
from app.model.schema import (
    Card,
    CardKind,
    EmotionCurve,
    EmotionPoint,
    Lane,
    LaneType,
    Link,
    Map,
    Persona,
    Perspective,
    Stage,
)

WORDS = (
    "customer order laptop delivery setup support ticket renewal contract invoice portal email call "
    "account manager waits confused happy frustrated quote approval procurement budget demo kit "
    "warranty repair onsite engineer survey feedback chat agent escalation refund shipping tracking "
    "onboarding training documentation upgrade license price compare review colleague decision "
    "Café São Paulo Müller"
).split()

STAGES = ["Discover", "Purchase", "Deliver/Setup", "Onboard", "Use and Support", "Fix", "Renew"]
LANES = [
    ("Customer actions", LaneType.ACTIONS),
    ("Thoughts", LaneType.THOUGHTS),
    ("Feelings", LaneType.FEELINGS),
    ("Touchpoints", LaneType.TOUCHPOINTS),
    ("Channels", LaneType.CHANNELS),
    ("On stage", LaneType.ON_STAGE),
    ("Behind the scenes", LaneType.BACKSTAGE),
    ("Pain points", LaneType.PAIN_POINTS),
    ("Opportunities", LaneType.OPPORTUNITIES),
    ("Owners", LaneType.OWNERS),
]


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


LINK_LABELS = ("hand-off", "escalation to tier 2", "order placed", "ships", "reply within 2 days", "refund")


def generate_map(n_cards: int, seed: int = 1) -> Map:
    rng = random.Random(seed)
    stages = [Stage(id=f"st-{i}", name=name, width=240.0) for i, name in enumerate(STAGES)]
    lanes = [Lane(id=f"ln-{i}", name=name, type=t) for i, (name, t) in enumerate(LANES)]
    card_lanes = [ln for ln in lanes if ln.type is not LaneType.FEELINGS]
    personas = [Persona(id=f"p-{i}", name=f"Persona {i}") for i in range(3)]
    kinds = list(CardKind)
    orders: dict[tuple[str, str], int] = {}
    cards = []
    for i in range(n_cards):
        stage = stages[rng.randrange(len(stages))]
        lane = card_lanes[rng.randrange(len(card_lanes))]
        cell = (stage.id, lane.id)
        order = orders.get(cell, 0)
        orders[cell] = order + 1
        cards.append(
            Card(
                id=f"c-{i}",
                stage_id=stage.id,
                lane_id=lane.id,
                order=(order + 1) * ORDER_STEP,  # the gaps the editor leaves between cards
                title=_words(rng, 2, 6).capitalize(),
                body=_words(rng, 0, 30),
                kind=rng.choice(kinds),
                owner=rng.choice(["Sales", "Logistics", "Support", "IT", ""]),
                persona_ids=[personas[rng.randrange(3)].id],
                moment_of_truth=rng.random() < 0.05,
                pain_point=rng.random() < 0.1,
                importance_customer=rng.randint(1, 5),
                performance_customer=rng.randint(1, 5),
                votes=rng.randint(0, 6),
            )
        )
    curves = [
        EmotionCurve(
            id=f"cv-{p.id}-{persp.value}",
            persona_id=p.id,
            perspective=persp,
            points=[
                EmotionPoint(id=f"pt-{p.id}-{persp.value}-{s.id}", stage_id=s.id, x=0.5, value=rng.randint(-3, 3))
                for s in stages
            ],
        )
        for p in personas[:2]
        for persp in (Perspective.CUSTOMER, Perspective.INTERNAL)
    ]
    n_links = min(n_cards // 10, 2000)
    links = [
        Link(
            id=f"lk-{k}",
            source_id=f"c-{rng.randrange(n_cards)}",
            target_id=f"c-{rng.randrange(n_cards)}",
            label=LINK_LABELS[k // 3 % len(LINK_LABELS)] if k % 3 == 0 else "",  # a third labelled
        )
        for k in range(n_links)
    ]
    return Map(
        id=f"map-bench-{n_cards}",
        title=f"Generated journey ({n_cards} cards)",
        personas=personas,
        stages=stages,
        lanes=lanes,
        cards=cards,
        curves=curves,
        links=[lk for lk in links if lk.source_id != lk.target_id],
    )


def with_cyclic_links(m: Map, per_card: int, seed: int = 2) -> Map:
    """``m`` with ``per_card`` links from every card: the first to the next card (all cards in
    one cycle), the others to random cards; generated cards sit in random cells, so the links
    cross the whole map (the densest drawing a map of this size can ask for)."""
    rng = random.Random(seed)
    n = len(m.cards)
    links = []
    for i, card in enumerate(m.cards):
        for j in range(per_card if n > 1 else 0):
            t = (i + 1) % n if j == 0 else (i + 1 + rng.randrange(n - 1)) % n
            links.append(Link(id=f"lk-{len(links)}", source_id=card.id, target_id=m.cards[t].id))
    return m.model_copy(update={"links": links})


def with_local_links(m: Map, n_links: int, seed: int = 3) -> Map:
    """``m`` with ``n_links`` links instead of its own, each from a random card to a card of a
    neighbouring cell (the next or previous stage; the same lane, or the one above or below),
    a third of them labelled: the links of a real journey, which hand off along it, where the
    generated ones cross the whole map."""
    rng = random.Random(seed)
    by_cell: dict[tuple[str, str], list[Card]] = {}
    for c in m.cards:
        by_cell.setdefault((c.stage_id, c.lane_id), []).append(c)
    stages = [s.id for s in m.stages]
    lanes = [ln.id for ln in m.lanes]
    links = []
    for k in range(n_links):
        a = m.cards[rng.randrange(len(m.cards))]
        si, li = stages.index(a.stage_id), lanes.index(a.lane_id)
        near = [
            cell
            for ds in (-1, 1)
            for dl in (-1, 0, 0, 1)
            if 0 <= si + ds < len(stages) and 0 <= li + dl < len(lanes)
            and by_cell.get(cell := (stages[si + ds], lanes[li + dl]))
        ]  # fmt: skip
        if not near:
            continue
        b = rng.choice(by_cell[rng.choice(near)])
        label = LINK_LABELS[k // 3 % len(LINK_LABELS)] if k % 3 == 0 else ""
        links.append(Link(id=f"lk-{k}", source_id=a.id, target_id=b.id, label=label))
    return m.model_copy(update={"links": links})
