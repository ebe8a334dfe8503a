"""What the :class:`~app.model.document.Document` checks before it changes the map.

A change that breaks a rule is refused with :class:`EditRefused`, whose message names the
element and the field (``card 'c-12'.title: text is too long (at most 200 characters)``); the
map is then left exactly as it was.

The field rules are the schema's own (pydantic), never restated here: an edit is validated
with the model's ``validate_assignment`` on a shallow copy of the element, a new element with
``model_validate`` of its fields (so objects made by ``model_copy`` or ``model_construct`` are
checked too, curve points one by one). A rule added to :mod:`app.model.schema` applies to every
edit with no change here. The references between elements (a card's stage, lane and personas,
a point's stage and card, a link's ends, a curve's persona, a metric's stage) are listed in
:data:`REFERENCES`; the Document checks them against its indexes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .events import Entity
from .schema import Card, EmotionCurve, EmotionPoint, Lane, Link, Map, Persona, Stage, StageMetric
from .validation import Problem, pydantic_problems

MODELS: dict[Entity, type[BaseModel]] = {
    Entity.MAP: Map,
    Entity.PERSONA: Persona,
    Entity.STAGE: Stage,
    Entity.LANE: Lane,
    Entity.CARD: Card,
    Entity.CURVE: EmotionCurve,
    Entity.POINT: EmotionPoint,
    Entity.LINK: Link,
    Entity.METRIC: StageMetric,
}

NOUNS: dict[Entity, str] = {Entity.POINT: "curve point", Entity.METRIC: "stage metric"}

# field -> the kind of element it names (a str, None, or a list of ids)
REFERENCES: dict[Entity, tuple[tuple[str, Entity], ...]] = {
    Entity.CARD: (("stage_id", Entity.STAGE), ("lane_id", Entity.LANE), ("persona_ids", Entity.PERSONA)),
    Entity.POINT: (("stage_id", Entity.STAGE), ("card_id", Entity.CARD)),
    Entity.LINK: (("source_id", Entity.CARD), ("target_id", Entity.CARD)),
    Entity.CURVE: (("persona_id", Entity.PERSONA),),
    Entity.METRIC: (("stage_id", Entity.STAGE),),
}
REFERENCE_FIELDS: dict[Entity, frozenset[str]] = {e: frozenset(n for n, _ in f) for e, f in REFERENCES.items()}

# fields an Edit may not set: ids, and what has its own primitive (moves, list membership)
_STRUCTURE = {
    Entity.CARD: {"stage_id": "a card changes cell by a move", "lane_id": "a card changes cell by a move",
                  "order": "a card changes order by a move"},  # fmt: skip
    Entity.CURVE: {"points": "points are added and removed one by one"},
    Entity.MAP: {name: "elements are added and removed one by one"
                 for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics")},  # fmt: skip
}


class EditRefused(ValueError):
    """A change the map's rules forbid; ``problems`` lists every reason, the first in ``str()``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


def element_name(entity: Entity, ident: str) -> str:
    """``card 'c-12'``, ``curve point 'pt-3'``, ``map``: how messages name an element."""
    if entity is Entity.MAP:
        return "map"
    return f"{NOUNS.get(entity, entity.value)} '{ident}'"


def refuse(entity: Entity, ident: str, field: str, message: str) -> EditRefused:
    path = element_name(entity, ident) + (f".{field}" if field else "")
    return EditRefused([Problem(path, message)])


def checked_fields(entity: Entity, ident: str, obj: BaseModel, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` as the schema stores them (validated, coerced, lists copied), or EditRefused."""
    cls = type(obj)
    problems: list[Problem] = []
    name_of = element_name(entity, ident)
    probe = obj.model_copy()
    validator = cls.__pydantic_validator__
    for name, value in fields.items():
        if name not in cls.model_fields:
            problems.append(Problem(f"{name_of}.{name}", "no such field"))
        elif name == "id":
            problems.append(Problem(f"{name_of}.id", "an id never changes"))
        elif name in _STRUCTURE.get(entity, {}):
            problems.append(Problem(f"{name_of}.{name}", f"cannot be set by an edit ({_STRUCTURE[entity][name]})"))
        else:
            try:
                validator.validate_assignment(probe, name, value)
            except ValidationError as err:
                problems += pydantic_problems(err, name_of)
    if problems:
        raise EditRefused(problems)
    return {name: probe.__dict__[name] for name in fields}


def checked_element(entity: Entity, obj: Any) -> BaseModel:
    """A validated copy of a new element (curve points included), or EditRefused."""
    cls = MODELS[entity]
    ident = str(getattr(obj, "id", "?"))
    if not isinstance(obj, cls):
        raise refuse(entity, ident, "", f"expected a {cls.__name__}, found {type(obj).__name__}")
    data = dict(obj)
    if entity is Entity.CURVE and isinstance(data.get("points"), list):
        data["points"] = [checked_element(Entity.POINT, p) if isinstance(p, BaseModel) else p for p in data["points"]]
    try:
        return cls.model_validate(data)
    except ValidationError as err:
        raise EditRefused(pydantic_problems(err, element_name(entity, ident))) from None


def references(entity: Entity, obj: Any) -> Iterator[tuple[str, Entity, str]]:
    """(field, kind, id) for every element ``obj`` names (a curve: its points' references too)."""
    for name, target in REFERENCES.get(entity, ()):
        value = getattr(obj, name)
        if value is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield f"{name}[{i}]", target, item
        else:
            yield name, target, value
    if entity is Entity.CURVE:
        for i, point in enumerate(obj.points):
            for name, target, value in references(Entity.POINT, point):
                yield f"points[{i}].{name}", target, value


@cache
def field_adapter(entity: Entity, name: str) -> TypeAdapter:
    """The schema's rule for one field as a TypeAdapter (built once), for values checked
    outside an element (a card's order in a move)."""
    info = MODELS[entity].model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])


def checked_value(entity: Entity, ident: str, name: str, value: Any) -> Any:
    try:
        return field_adapter(entity, name).validate_python(value)
    except ValidationError as err:
        raise EditRefused(pydantic_problems(err, f"{element_name(entity, ident)}.{name}")) from None
