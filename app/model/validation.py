"""Validation of a whole map: schema errors and cross references, each named by its JSON path.

``parse_map(data)`` turns plain JSON data into a :class:`Map` or raises :class:`MapInvalid`
holding every :class:`Problem` found (``map.cards[12].stage_id: unknown stage 's-9'``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .schema import MAX_CARDS, Map


@dataclass(frozen=True)
class Problem:
    path: str  # e.g. "map.cards[12].stage_id"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MapInvalid(ValueError):
    """The data is not a valid map; ``problems`` lists every reason, first one in ``str()``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


def json_path(loc: Iterable[Any], root: str = "map") -> str:
    out = root
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _pydantic_problems(err: ValidationError, root: str) -> list[Problem]:
    problems = []
    for e in err.errors(include_url=False):
        msg = e["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if e["type"] == "string_too_long":
            msg = f"text is too long (at most {e['ctx']['max_length']} characters)"
        problems.append(Problem(json_path(e["loc"], root), msg))
    return problems


def parse_map(data: Any, root: str = "map") -> Map:
    """Validate JSON data as a map: field types and ranges, then references and ids."""
    if not isinstance(data, dict):
        raise MapInvalid([Problem(root, f"expected an object, found {type(data).__name__}")])
    cards = data.get("cards")
    if isinstance(cards, list) and len(cards) > MAX_CARDS:
        raise MapInvalid([Problem(f"{root}.cards", f"{len(cards)} cards; at most {MAX_CARDS} are allowed")])
    try:
        m = Map.model_validate(data)
    except ValidationError as err:
        raise MapInvalid(_pydantic_problems(err, root)) from None
    problems = check_references(m, root)
    if problems:
        raise MapInvalid(problems)
    return m


def check_references(m: Map, root: str = "map") -> list[Problem]:
    """Duplicate ids and references to stages, lanes, cards and personas that do not exist."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def claim(ident: str, path: str) -> None:
        if ident in seen:
            problems.append(Problem(f"{path}.id", f"duplicate id '{ident}' (first used at {seen[ident]})"))
        else:
            seen[ident] = path

    for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics"):
        for i, item in enumerate(getattr(m, name)):
            claim(item.id, f"{root}.{name}[{i}]")
    for ci, curve in enumerate(m.curves):
        for pi, point in enumerate(curve.points):
            claim(point.id, f"{root}.curves[{ci}].points[{pi}]")

    stages = {s.id for s in m.stages}
    lanes = {lane.id for lane in m.lanes}
    cards = {c.id for c in m.cards}
    personas = {p.id for p in m.personas}

    def ref(value: str | None, known: set[str], what: str, path: str) -> None:
        if value is not None and value not in known:
            problems.append(Problem(path, f"unknown {what} '{value}'"))

    for i, c in enumerate(m.cards):
        ref(c.stage_id, stages, "stage", f"{root}.cards[{i}].stage_id")
        ref(c.lane_id, lanes, "lane", f"{root}.cards[{i}].lane_id")
        for j, pid in enumerate(c.persona_ids):
            ref(pid, personas, "persona", f"{root}.cards[{i}].persona_ids[{j}]")
    for ci, curve in enumerate(m.curves):
        ref(curve.persona_id, personas, "persona", f"{root}.curves[{ci}].persona_id")
        for pi, point in enumerate(curve.points):
            ref(point.stage_id, stages, "stage", f"{root}.curves[{ci}].points[{pi}].stage_id")
            ref(point.card_id, cards, "card", f"{root}.curves[{ci}].points[{pi}].card_id")
    for i, link in enumerate(m.links):
        ref(link.source_id, cards, "card", f"{root}.links[{i}].source_id")
        ref(link.target_id, cards, "card", f"{root}.links[{i}].target_id")
    for i, metric in enumerate(m.metrics):
        ref(metric.stage_id, stages, "stage", f"{root}.metrics[{i}].stage_id")
    return problems
