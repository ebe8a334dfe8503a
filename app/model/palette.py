"""Colours both renderers use: the colour-blind-safe Okabe-Ito palette, card kind tints, and the
marker shape that encodes an emotion value's sign (so the curve reads without colour)."""

from __future__ import annotations

from .schema import CardKind, EmotionCurve, LaneType, Map, Perspective

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
]

# Light card fills per kind (tints of the palette), with the palette colour as the kind's stripe.
KIND_STRIPE: dict[CardKind, str] = {
    CardKind.TOUCHPOINT: "#0072B2",
    CardKind.ACTION: "#009E73",
    CardKind.THOUGHT: "#56B4E9",
    CardKind.PAIN: "#D55E00",
    CardKind.OPPORTUNITY: "#E69F00",
    CardKind.PROCESS: "#CC79A7",
    CardKind.NOTE: "#7F7F7F",
}
KIND_FILL: dict[CardKind, str] = {
    CardKind.TOUCHPOINT: "#E5F1F8",
    CardKind.ACTION: "#E5F5F1",
    CardKind.THOUGHT: "#EEF7FD",
    CardKind.PAIN: "#FAEDE5",
    CardKind.OPPORTUNITY: "#FCF4E5",
    CardKind.PROCESS: "#F9F1F6",
    CardKind.NOTE: "#FFFBD9",
}
KIND_LABEL: dict[CardKind, str] = {
    CardKind.TOUCHPOINT: "Touchpoint",
    CardKind.ACTION: "Customer action",
    CardKind.THOUGHT: "Thought",
    CardKind.PAIN: "Pain point",
    CardKind.OPPORTUNITY: "Opportunity",
    CardKind.PROCESS: "Process",
    CardKind.NOTE: "Note",
}
LANE_FILL: dict[LaneType, str] = {t: "#FFFFFF" for t in LaneType} | {
    LaneType.FEELINGS: "#FAFAFA",
    LaneType.BACKSTAGE: "#F4F4F6",
    LaneType.SUPPORT: "#F4F4F6",
    LaneType.PAIN_POINTS: "#FFF8F4",
    LaneType.OPPORTUNITIES: "#FFFCF2",
}
INK = "#1A1A1A"
MUTED = "#5A5A5A"
GRID = "#C8C8C8"
HEADER_FILL = "#EDEFF2"
PAIN_MARK = "#D55E00"
TRUTH_MARK = "#E69F00"
GAP_MARK = "#D55E00"  # where internal and customer ratings or curves differ (app.model.perspective)

# Curve line style per perspective: customer-reported solid, internal assumption dashed, to-be dotted.
PERSPECTIVE_DASH: dict[Perspective, tuple[float, ...]] = {
    Perspective.CUSTOMER: (),
    Perspective.INTERNAL: (6.0, 3.0),
    Perspective.TO_BE: (1.5, 2.5),
}
PERSPECTIVE_LABEL: dict[Perspective, str] = {
    Perspective.CUSTOMER: "Customer-reported",
    Perspective.INTERNAL: "Internal assumption",
    Perspective.TO_BE: "To-be",
}


def curve_colour(m: Map, curve: EmotionCurve) -> str:
    """The curve's own colour, else its persona's, else a palette colour by position."""
    if curve.colour:
        return curve.colour
    if curve.persona_id:
        for i, p in enumerate(m.personas):
            if p.id == curve.persona_id:
                return p.colour or OKABE_ITO[i % len(OKABE_ITO)]
    index = next((i for i, c in enumerate(m.curves) if c.id == curve.id), 0)
    return OKABE_ITO[index % len(OKABE_ITO)]


def blend(colour: str, over: str, alpha: float) -> str:
    """``colour`` drawn with opacity ``alpha`` over ``over``, as one opaque colour (both renderers
    draw translucent strokes this way: the same look, and opaque strokes are much cheaper)."""
    a = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(over.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x * alpha + y * (1 - alpha)):02X}" for x, y in zip(a, b, strict=True))


def marker_shape(value: float) -> str:
    """'up' triangle above neutral, 'down' triangle below, 'circle' at neutral."""
    if value > 0:
        return "up"
    if value < 0:
        return "down"
    return "circle"
