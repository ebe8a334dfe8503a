"""Small maps for model tests, built from the schema directly (no files, no Qt)."""

from __future__ import annotations

from app.model.schema import (
    Card,
    EmotionCurve,
    EmotionPoint,
    Lane,
    LaneType,
    Link,
    Map,
    Persona,
    Perspective,
    Stage,
    StageMetric,
)


def small_map(cards_per_cell: int = 2) -> Map:
    stages = [Stage(id=f"s{i}", name=f"Stage {i}") for i in range(3)]
    lanes = [
        Lane(id="l-act", name="Actions", type=LaneType.ACTIONS),
        Lane(id="l-feel", name="Feelings", type=LaneType.FEELINGS),
        Lane(id="l-touch", name="Touchpoints", type=LaneType.TOUCHPOINTS),
        Lane(id="l-on", name="On stage", type=LaneType.ON_STAGE),
        Lane(id="l-back", name="Backstage", type=LaneType.BACKSTAGE),
    ]
    personas = [Persona(id="p1", name="Ana", colour="#0072B2"), Persona(id="p2", name="Bo")]
    cards = []
    for s in stages:
        for lane in (lanes[0], lanes[2], lanes[4]):
            for k in range(cards_per_cell):
                cards.append(
                    Card(
                        id=f"c-{s.id}-{lane.id}-{k}",
                        stage_id=s.id,
                        lane_id=lane.id,
                        order=k,
                        title=f"Card {k} in {s.name}",
                        body="Some words that need wrapping across more than one line of a card",
                        persona_ids=["p1"] if k % 2 == 0 else [],
                        importance_customer=3,
                    )
                )
    curve = EmotionCurve(
        id="cv1",
        persona_id="p1",
        perspective=Perspective.CUSTOMER,
        points=[EmotionPoint(id=f"pt{i}", stage_id=s.id, x=0.5, value=i - 1) for i, s in enumerate(stages)],
    )
    links = (
        [
            Link(id="lk1", source_id=cards[0].id, target_id=cards[-1].id),
            Link(id="lk2", source_id=cards[1].id, target_id=cards[2].id),
        ]
        if len(cards) >= 3
        else []
    )
    metrics = [StageMetric(id="m1", stage_id="s0", name="NPS", value=31, target=40)]
    return Map(
        id="map-test",
        title="Test map",
        created="2026-01-01T00:00:00+00:00",
        modified="2026-01-01T00:00:00+00:00",
        personas=personas,
        stages=stages,
        lanes=lanes,
        cards=cards,
        curves=[curve],
        links=links,
        metrics=metrics,
    )
