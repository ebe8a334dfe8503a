"""Validation of a whole map: schema errors and cross references, each named by its JSON path.

``parse_map(data)`` turns plain JSON data into a :class:`Map` or raises :class:`MapInvalid`
holding every :class:`Problem` found (``map.cards[12].stage_id: unknown stage 's-9'``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .schema import MAX_CARDS, TEXT_PATTERN, Map, illegal_character_message


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


def pydantic_problems(err: ValidationError, root: str = "map") -> list[Problem]:
    """The problems of a pydantic error, each with its JSON path and a message for people."""
    return [Problem(json_path(e["loc"], root), error_message(e)) for e in err.errors(include_url=False)]


def error_message(e: Any) -> str:
    """The message of one pydantic error (an ``err.errors()`` item), worded for the user."""
    kind = e["type"]
    if kind == "string_too_long":
        return f"text is too long (at most {e['ctx']['max_length']} characters)"
    if kind == "string_pattern_mismatch" and e["ctx"]["pattern"] == TEXT_PATTERN:
        return illegal_character_message(str(e["input"])) or e["msg"]
    if kind == "string_unicode":
        return "text holds an invalid character (a lone UTF-16 surrogate)"
    if kind == "finite_number":
        return "not a finite number (infinity and NaN are not allowed)"
    msg = e["msg"]
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


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
        raise MapInvalid(pydantic_problems(err, root)) from None
    problems = check_references(m, root)
    if problems:
        raise MapInvalid(problems)
    return m


def check_references(m: Map, root: str = "map") -> list[Problem]:
    """Duplicate ids and references to stages, lanes, cards and personas that do not exist.

    Paths are formatted only for the problems found: a valid 10,000-card map is checked with
    set lookups alone (formatting a path per element cost more than the checks)."""
    problems: list[Problem] = []
    claimed: list[tuple[str, set[str]]] = []  # each list and the ids it used first, in order
    lists: dict[str, list[Any]] = {}
    id_sets: dict[str, set[str]] = {}

    def first_use(ident: str) -> str:
        name = next(name for name, ids in claimed if ident in ids)
        return f"{name}[{next(i for i, item in enumerate(lists[name]) if item.id == ident)}]"

    def claim(name: str, items: list[Any]) -> None:
        lists[name] = items
        ids = [item.id for item in items]
        id_sets[name] = unique = set(ids)
        if len(unique) == len(ids) and all(unique.isdisjoint(earlier) for _, earlier in claimed):
            claimed.append((name, unique))  # the usual case: no path formatted
            return
        here: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in here or any(ident in earlier for _, earlier in claimed):
                first = f"{name}[{ids.index(ident)}]" if ident in here else first_use(ident)
                problems.append(Problem(f"{root}.{name}[{i}].id", f"duplicate id '{ident}' (first used at {root}.{first})"))
            else:
                here.add(ident)
        claimed.append((name, here))

    for name in ("personas", "stages", "lanes", "cards", "curves", "links", "metrics"):
        claim(name, getattr(m, name))
    for ci, curve in enumerate(m.curves):
        claim(f"curves[{ci}].points", curve.points)

    stages, lanes, cards, personas = (id_sets[name] for name in ("stages", "lanes", "cards", "personas"))

    def unknown(value: str, what: str, where: str) -> None:
        problems.append(Problem(f"{root}.{where}", f"unknown {what} '{value}'"))

    for i, c in enumerate(m.cards):
        if c.stage_id not in stages:
            unknown(c.stage_id, "stage", f"cards[{i}].stage_id")
        if c.lane_id not in lanes:
            unknown(c.lane_id, "lane", f"cards[{i}].lane_id")
        if c.persona_ids and not personas.issuperset(c.persona_ids):
            for j, pid in enumerate(c.persona_ids):
                if pid not in personas:
                    unknown(pid, "persona", f"cards[{i}].persona_ids[{j}]")
    for ci, curve in enumerate(m.curves):
        if curve.persona_id is not None and curve.persona_id not in personas:
            unknown(curve.persona_id, "persona", f"curves[{ci}].persona_id")
        for pi, point in enumerate(curve.points):
            if point.stage_id not in stages:
                unknown(point.stage_id, "stage", f"curves[{ci}].points[{pi}].stage_id")
            if point.card_id is not None and point.card_id not in cards:
                unknown(point.card_id, "card", f"curves[{ci}].points[{pi}].card_id")
    for i, link in enumerate(m.links):
        if link.source_id not in cards:
            unknown(link.source_id, "card", f"links[{i}].source_id")
        if link.target_id not in cards:
            unknown(link.target_id, "card", f"links[{i}].target_id")
    for i, metric in enumerate(m.metrics):
        if metric.stage_id not in stages:
            unknown(metric.stage_id, "stage", f"metrics[{i}].stage_id")
    return problems
