"""Stroke widths, dashes and radii both renderers use (points), so the canvas and the PDF draw
the same map: the one geometry (app.model.layout) in the one style. Colours are in palette."""

from __future__ import annotations

from . import palette
from .schema import LinkKind

TEXT_COLOUR = {"meta": "#5A5A5A", "metric": "#5A5A5A", "label": "#5A5A5A", "map-goal": "#5A5A5A", "body": "#333333"}
LINK_COLOUR = "#4D4D4D"
LINK_W = 1.0
LINK_DASH: dict[LinkKind, tuple[float, ...]] = {
    LinkKind.FLOW: (),
    LinkKind.HANDOFF: (5.0, 3.0),
    LinkKind.DEPENDENCY: (1.5, 2.0),
}
LINK_LABEL = {LinkKind.FLOW: "Flow", LinkKind.HANDOFF: "Hand-off", LinkKind.DEPENDENCY: "Dependency"}
VISIBILITY_COLOUR = "#3A3A3A"
VISIBILITY_W = 1.25
VISIBILITY_DASH = (6.0, 3.0)
NEUTRAL_COLOUR, NEUTRAL_W, NEUTRAL_DASH = "#9A9A9A", 0.75, (3.0, 3.0)
SCALE_LABEL_W = 18.0  # the emotion scale's labels (+3 .. -3) at the left of the feelings lane's first cell
CARD_RADIUS = 3.0
CARD_BORDER_ALPHA = 120 / 255  # the border is the kind colour, translucent over the card
TRUTH_OUTLINE = "#8A5A00"
PAPER = "#FFFFFF"  # the paper: the exclamation mark in a warning sign, under a rating
MARK_OUTLINE_W = 0.5  # the star's and the rating boxes' outlines
RATING_FILL_ALPHA = 200 / 255  # a rating box is the paper, this opaque over its card
GAP_OUTLINE_W = 1.25  # app.model.perspective: the outline of the boxes of a card whose ratings differ
DIVERGENCE_ALPHA = 0.35  # app.model.divergence: the band between two curves, palette.GAP_MARK this opaque
# the card marks' parts (app.model.geometry.Shape.part): fill, outline ("": none), outline width
MARK_LOOK = {
    "star": (palette.TRUTH_MARK, TRUTH_OUTLINE, MARK_OUTLINE_W),
    "warning": (palette.PAIN_MARK, "", 0.0),
    "exclamation": (PAPER, "", 0.0),
    "dot": (palette.INK, "", 0.0),
    "box": (PAPER, palette.MUTED, MARK_OUTLINE_W),  # blended: RATING_FILL_ALPHA over the card
    "gap-box": (PAPER, palette.GAP_MARK, GAP_OUTLINE_W),  # a rating box of a card with a rating gap
    "gap": (PAPER, palette.GAP_MARK, GAP_OUTLINE_W),  # the "gap 2" badge after the rating boxes
}
MARK_TEXT = palette.INK
ACCENT_W = 4.0  # a stage's colour as a bar on its header, a lane's as a stripe on its label
CURVE_W = 2.0
MARKER_R = 4.5
GRID_W = 0.75
