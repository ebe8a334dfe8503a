"""Fine-grained change events emitted by :class:`app.model.document.Document`.

One mutation emits one :class:`Change`; one command (or macro) is delivered to listeners as
one batch (a list of changes), so a renderer updates once per user action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Cell = tuple[str, str]  # (stage_id, lane_id)


class Entity(StrEnum):
    MAP = "map"
    PERSONA = "persona"
    STAGE = "stage"
    LANE = "lane"
    CARD = "card"
    CURVE = "curve"
    POINT = "point"
    LINK = "link"
    METRIC = "metric"


class Op(StrEnum):
    ADD = "add"
    REMOVE = "remove"
    UPDATE = "update"  # fields changed in place
    MOVE = "move"  # a card changed cell and/or order
    REORDER = "reorder"  # the order of stages or lanes (id="") changed


@dataclass(frozen=True)
class Change:
    entity: Entity
    op: Op
    id: str = ""  # the element's id ("" for the map itself or a list reorder)
    fields: frozenset[str] = frozenset()  # for UPDATE: the field names that changed
    cells: tuple[Cell, ...] = ()  # for card ADD/REMOVE/MOVE/UPDATE: the cells whose content changed
    parent: str = ""  # for POINT: the curve id
    extra: dict = field(default_factory=dict, compare=False)
