"""The map templates shipped in ``resources/templates`` (one ``NAME.journey.json`` each) and the example map.

A template is an ordinary map file: stages, typed lanes, a title, a goal and a journey type, with
empty cells. Its one-line description is kept in the extra map field ``template_description``.
``load_template`` hands out a copy with a fresh map id and fresh timestamps; stage and lane ids
stay as the template has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.io.jsonfile import load_map
from app.model.schema import Map, new_id, now_iso

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TEMPLATES_DIR = RESOURCES / "templates"
SUFFIX = ".journey.json"
DESCRIPTION_FIELD = "template_description"


class UnknownTemplate(LookupError):
    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(f"unknown template '{name}' (known: {', '.join(known) or 'none'})")

    def __str__(self) -> str:  # LookupError would quote the message
        return self.args[0]


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    description: str
    path: Path


def template_names() -> list[str]:
    return sorted(p.name[: -len(SUFFIX)] for p in TEMPLATES_DIR.glob(f"*{SUFFIX}"))


def template_path(name: str) -> Path:
    names = template_names()
    if name not in names:
        raise UnknownTemplate(name, names)
    return TEMPLATES_DIR / f"{name}{SUFFIX}"


def description(m: Map) -> str:
    """The template's one-line description (its goal when it has none)."""
    extra = m.__pydantic_extra__ or {}
    return str(extra.get(DESCRIPTION_FIELD) or m.goal).strip()


def template_info() -> list[TemplateInfo]:
    infos = []
    for name in template_names():
        path = TEMPLATES_DIR / f"{name}{SUFFIX}"
        m = load_map(path)
        infos.append(TemplateInfo(name, m.title, description(m), path))
    return infos


def load_template(name: str) -> Map:
    """A new map from the template ``name``: fresh map id and timestamps, no template description."""
    m = load_map(template_path(name))
    if m.__pydantic_extra__:
        m.__pydantic_extra__.pop(DESCRIPTION_FIELD, None)
    m.id = new_id("map")
    m.created = m.modified = now_iso()
    return m


def example_path() -> Path:
    return RESOURCES / "examples" / "b2b-hardware.journey.json"
