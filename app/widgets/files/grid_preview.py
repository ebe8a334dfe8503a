"""A light drawing of a map for previews (the template chooser, the welcome page): title band,
stage headers, lane labels, cells and card outlines at the layout's positions, so it looks like
the canvas without its detail and costs nothing to build."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsScene,
)

from app.model.schema import Map


def _colour(value: str, fallback: str) -> QColor:
    return QColor(value) if value else QColor(fallback)


def grid_preview_scene(m: Map) -> QGraphicsScene:
    """A light drawing of a map for previews: title band, stage headers, lane labels, cells and
    card outlines, at the layout's positions (so it looks like the canvas, without its detail)."""
    from app.model.layout import build_layout

    scene = QGraphicsScene()
    lay = build_layout(m)
    line = QPen(QColor("#9aa4ad"), 1)
    line.setCosmetic(True)
    small = QFont()
    small.setPointSizeF(11)
    bold = QFont(small)
    bold.setBold(True)
    bounds = lay.bounds
    title = scene.addSimpleText(m.title, bold)  # simple text: never markup
    title.setPos(8, 10)
    for stage in m.stages:
        r = lay.stage_header_rect(stage.id)
        scene.addRect(QRectF(r.x, r.y, r.w, r.h), line, QBrush(_colour(stage.colour, "#e8eef4")))
        label = scene.addSimpleText(stage.name, bold)
        label.setPos(r.x + 8, r.y + 8)
    for lane_id in lay.lane_ids:
        lane = lay.lanes_by_id[lane_id]
        header = lay.lane_header_rect(lane_id)
        scene.addRect(
            QRectF(header.x, header.y, header.w, header.h), line, QBrush(_colour(lane.colour, "#f3f5f7"))
        )
        label = scene.addSimpleText(lane.name, small)
        label.setPos(header.x + 6, header.y + 6)
        for stage in m.stages:
            cell = lay.cell_rect(stage.id, lane_id)
            if cell is not None:
                scene.addRect(QRectF(cell.x, cell.y, cell.w, cell.h), line, QBrush(QColor("#ffffff")))
    card_pen = QPen(QColor("#56606b"), 1)
    card_pen.setCosmetic(True)
    for card in m.cards:
        r = lay.card_rect(card.id)
        if r is not None:
            scene.addRect(QRectF(r.x, r.y, r.w, r.h), card_pen, QBrush(_colour(card.colour, "#fff7d6")))
    scene.setSceneRect(QRectF(0, 0, max(bounds.w, 200), max(bounds.h, 100)))
    return scene
