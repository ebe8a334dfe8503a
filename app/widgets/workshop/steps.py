"""Where each step of a presentation looks: first the whole map, then each stage's column with
all its lanes.

A stage column is shown whole when its text is readable that way. On a projector "readable" is
a share of the picture's height, whatever the resolution: the cards' body text at least
1/``READABLE_LINES`` of the view's height (20 px on a 1080-pixel picture). A column too tall for
that is shown at the readable zoom in pages, top to bottom, each page overlapping the one before
by ``OVERLAP`` (the pinned stage header covers the top of a page), and never wider than the view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from app.model.layout import HEADER_H, LABEL_W
from app.model.textlayout import BODY_SIZE
from app.widgets.canvas.sticky_headers import MAX_SHARE as PINNED_SHARE

READABLE_LINES = 54.0  # the body text is at least the view's height / READABLE_LINES
MARGIN = 12.0  # map points around what a step shows
OVERLAP = 0.15  # of a page, shown again at the top of the next page
MIN_ZOOM, MAX_ZOOM = 0.005, 8.0  # as the map view's
MAX_PAGES = 200


@dataclass(frozen=True)
class Step:
    """``stage_id`` None: the whole map. ``rect``: the part of the scene the view shows (its
    centre goes to the view's centre at ``zoom``); ``target``: what the step is about (the whole
    map, or the stage column)."""

    stage_id: str | None
    page: int
    pages: int
    zoom: float
    rect: QRectF
    target: QRectF


def readable_zoom(view_height: float) -> float:
    return view_height / READABLE_LINES / BODY_SIZE


def _clamp(z: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, z))


def _qrect(r) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def map_step(layout, view_w: float, view_h: float) -> Step:
    target = _qrect(layout.bounds)
    area = target.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    z = _clamp(min(view_w / area.width(), view_h / area.height()))
    rect = QRectF(0, 0, view_w / z, view_h / z)
    rect.moveCenter(area.center())
    return Step(None, 0, 1, z, rect, target)


def stage_steps(layout, stage_id: str, view_w: float, view_h: float) -> list[Step]:
    """The pages of one stage column (one page when it fits at a readable zoom). The lane names
    are pinned at the view's left edge when their column is scrolled out (and the stage header at
    the top from the second page on), so the column is placed right of them."""
    target = _qrect(layout.stage_rect(stage_id))
    area = target.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    need_w = area.width() + LABEL_W  # the column and the lane names beside it
    fit = min(view_w / need_w, view_h / area.height())
    readable = readable_zoom(view_h)
    z = _clamp(fit if fit >= readable else min(readable, view_w / need_w))
    width, height = view_w / z, view_h / z
    left = area.left() - LABEL_W - (width - need_w) / 2  # centred right of the lane names
    if height >= area.height():
        rect = QRectF(left, area.center().y() - height / 2, width, height)
        return [Step(stage_id, 0, 1, z, rect, target)]
    header = min(HEADER_H * z, max(HEADER_H, view_h * PINNED_SHARE)) / z  # the pinned header
    tops = [area.top()]
    overlap = OVERLAP * (height - header)
    while tops[-1] + height < area.bottom() and len(tops) < MAX_PAGES:
        seen_to = tops[-1] + height  # the next page's content starts a little above
        tops.append(min(seen_to - overlap - header, area.bottom() - height))
    pages = len(tops)
    return [
        Step(stage_id, page, pages, z, QRectF(left, top, width, height), target)
        for page, top in enumerate(tops)
    ]


def all_steps(layout, view_w: float, view_h: float) -> list[Step]:
    """The whole map, then every stage's pages, left to right."""
    steps = [map_step(layout, view_w, view_h)]
    for sid in layout.stage_ids:
        steps += stage_steps(layout, sid, view_w, view_h)
    return steps
