"""What an import adds to a map, as ONE undoable command (File > Import into This Map, and
``journeymap import --into``).

A reader given ``into`` returns a new map: a copy of ``into`` plus what the file adds. Here the
difference becomes a :class:`~app.model.commands.Macro` of inserts, by id: every persona, stage,
lane, card, curve, link and metric of the new map that the old one lacks, at its index, and every
new point of a curve both hold. Applied to a :class:`~app.model.document.Document` it goes through
the map's own guards (schema, references, unique ids), and undo removes all of it in one step.
Nothing the old map holds is edited or removed.
"""

from __future__ import annotations

from app.model.commands import Command, Insert, Macro
from app.model.events import Entity
from app.model.schema import Map

_LISTS: tuple[tuple[Entity, str], ...] = (
    (Entity.PERSONA, "personas"),
    (Entity.STAGE, "stages"),
    (Entity.LANE, "lanes"),
    (Entity.CARD, "cards"),
    (Entity.CURVE, "curves"),
    (Entity.LINK, "links"),
    (Entity.METRIC, "metrics"),
)


def additions_command(before: Map, after: Map, label: str = "Import") -> Macro:
    """The inserts that turn ``before`` into ``after`` (see the module docstring)."""
    parts: list[Command] = []
    for entity, name in _LISTS:
        old = {item.id for item in getattr(before, name)}
        for index, item in enumerate(getattr(after, name)):
            if item.id not in old:
                at = index if entity in (Entity.STAGE, Entity.LANE, Entity.PERSONA, Entity.CURVE) else None
                parts.append(Insert(entity, item, at))
    old_curves = {curve.id: curve for curve in before.curves}
    for curve in after.curves:
        previous = old_curves.get(curve.id)
        if previous is None:
            continue
        old_points = {p.id for p in previous.points}
        for index, point in enumerate(curve.points):
            if point.id not in old_points:
                parts.append(Insert(Entity.POINT, point, index, parent=curve.id))
    return Macro(label, parts)


def count_added(command: Macro) -> dict[str, int]:
    """How many of each element ``command`` adds: ``{"card": 12, "stage": 2}``."""
    counts: dict[str, int] = {}
    for part in command.commands:
        if isinstance(part, Insert):
            counts[part.entity.value] = counts.get(part.entity.value, 0) + 1
    return counts
