"""The shipped templates and the example map: valid, in the save format, and what the generator writes."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from app.io.jsonfile import dumps_map, load_map
from app.io.templates import (
    DESCRIPTION_FIELD,
    RESOURCES,
    UnknownTemplate,
    example_path,
    load_template,
    template_info,
    template_names,
    template_path,
)
from app.model.schema import SCHEMA_VERSION, CardKind, LaneType, LinkKind, Perspective
from app.model.validation import check_references

B2B_STAGES = ["Purchase", "Deliver/Setup", "Use and Support", "Fix", "Renew"]
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ACCENTED = re.compile(r"[À-ÖØ-öø-ÿ]")


def _generator():
    spec = importlib.util.spec_from_file_location("make_example", RESOURCES / "make_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def all_text(m) -> str:
    return json.dumps(m.model_dump(mode="json"), ensure_ascii=False)


# ---------------------------------------------------------------- files
def test_committed_files_are_exactly_what_the_generator_writes():
    outputs = _generator().outputs()
    assert set(outputs) == {template_path(n) for n in template_names()} | {example_path()}
    for path, text in outputs.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run resources/make_example.py"


@pytest.mark.parametrize("path", [example_path(), *(RESOURCES / "templates").glob("*.journey.json")], ids=lambda p: p.name)
def test_files_use_the_save_format(path):
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["format", "schema_version", "map"]
    assert data["format"] == "journeymap" and data["schema_version"] == SCHEMA_VERSION
    assert '\n  "map": {\n    "' in text  # 2-space indent
    assert dumps_map(load_map(path)) == text  # canonical: a load/save round trip changes nothing


# ------------------------------------------------------------ templates
def test_the_four_templates():
    assert template_names() == ["b2b", "b2c-retail", "onboarding", "service-blueprint"]
    infos = {t.name: t for t in template_info()}
    for info in infos.values():
        assert info.title and info.description and "\n" not in info.description


@pytest.mark.parametrize("name", ["b2b", "b2c-retail", "onboarding", "service-blueprint"])
def test_every_template_loads_as_a_fresh_valid_map(name):
    on_disk = load_map(template_path(name))
    m = load_template(name)
    assert check_references(m) == []
    assert len(m.stages) >= 5 and len(m.lanes) >= 5 and m.goal and m.title
    assert m.cards == [] and m.links == []
    assert all(s.description for s in m.stages)  # a hint in every column
    assert (on_disk.__pydantic_extra__ or {}).get(DESCRIPTION_FIELD)
    assert DESCRIPTION_FIELD not in (m.__pydantic_extra__ or {})
    assert m.id != on_disk.id and m.id != load_template(name).id
    assert [s.id for s in m.stages] == [s.id for s in on_disk.stages]  # template ids stay stable
    created = datetime.fromisoformat(m.created)
    assert m.created == m.modified and abs(datetime.now(UTC) - created) < timedelta(minutes=5)


def test_b2b_template_has_the_research_stages_and_lanes():
    m = load_template("b2b")
    assert [s.name for s in m.stages] == B2B_STAGES
    assert [lane.type for lane in m.lanes] == [
        LaneType.ACTIONS, LaneType.THOUGHTS, LaneType.FEELINGS, LaneType.TOUCHPOINTS, LaneType.CHANNELS,
        LaneType.ON_STAGE, LaneType.BACKSTAGE, LaneType.PAIN_POINTS, LaneType.OPPORTUNITIES, LaneType.OWNERS,
    ]  # fmt: skip


def test_service_blueprint_has_the_line_of_visibility():
    lanes = load_template("service-blueprint").lanes
    types = [lane.type for lane in lanes]
    assert lanes[0].name == "Physical evidence" and lanes[0].type is LaneType.TEXT
    assert types.index(LaneType.ACTIONS) < types.index(LaneType.ON_STAGE) < types.index(LaneType.BACKSTAGE)
    assert types.index(LaneType.BACKSTAGE) < types.index(LaneType.SUPPORT)


def test_unknown_template_names_the_known_ones():
    with pytest.raises(UnknownTemplate) as info:
        load_template("../examples/b2b-hardware")
    assert str(info.value) == (
        "unknown template '../examples/b2b-hardware' (known: b2b, b2c-retail, onboarding, service-blueprint)"
    )


# -------------------------------------------------------------- example
@pytest.fixture(scope="module")
def example():
    return load_map(example_path())


def test_example_cards_fill_all_five_stages_and_many_lane_types(example):
    m = example
    assert len(m.cards) >= 40
    assert [s.name for s in m.stages] == B2B_STAGES
    per_stage = {s.id: sum(c.stage_id == s.id for c in m.cards) for s in m.stages}
    assert min(per_stage.values()) >= 8, per_stage
    lane_type = {lane.id: lane.type for lane in m.lanes}
    used = {lane_type[c.lane_id] for c in m.cards}
    assert used >= {
        LaneType.ACTIONS, LaneType.THOUGHTS, LaneType.TOUCHPOINTS, LaneType.ON_STAGE, LaneType.BACKSTAGE,
        LaneType.PAIN_POINTS, LaneType.OPPORTUNITIES, LaneType.OWNERS,
    }  # fmt: skip
    for stage in m.stages:  # every stage has touchpoints, pain points and ideas
        here = {lane_type[c.lane_id] for c in m.cards if c.stage_id == stage.id}
        assert {LaneType.TOUCHPOINTS, LaneType.PAIN_POINTS, LaneType.OPPORTUNITIES} <= here, stage.name


def test_example_personas_are_complete(example):
    assert len(example.personas) == 2
    for p in example.personas:
        for field in ("name", "role", "family", "goals", "interests", "habits", "needs", "frustrations",
                      "quote", "segment", "region"):  # fmt: skip
            assert getattr(p, field).strip(), f"{p.name}: {field}"
        assert p.age and p.tech_familiarity and p.colour in OKABE_ITO and p.photo == ""
    assert len({p.colour for p in example.personas}) == 2


def test_example_curves_compare_customer_and_internal_views(example):
    stages = {s.id for s in example.stages}
    by_persona: dict[str, set[Perspective]] = {}
    for curve in example.curves:
        by_persona.setdefault(curve.persona_id, set()).add(curve.perspective)
        assert {pt.stage_id for pt in curve.points} == stages, curve.name  # a point in every stage
        assert all(-3 <= pt.value <= 3 for pt in curve.points)
    assert any({Perspective.CUSTOMER, Perspective.INTERNAL} <= views for views in by_persona.values())
    points = [pt for curve in example.curves for pt in curve.points]
    assert sum(bool(pt.quote) for pt in points) >= 5
    assert {pt.value for pt in points} >= {-3, -2, 2}
    assert any(pt.card_id for pt in points)


def test_example_links_ratings_flags_votes_and_metrics(example):
    m = example
    assert len(m.links) >= 8
    assert {LinkKind.FLOW, LinkKind.HANDOFF} <= {link.kind for link in m.links}
    touchpoints = [c for c in m.cards if c.kind is CardKind.TOUCHPOINT]
    rated = [c for c in touchpoints if None not in (c.importance_internal, c.performance_internal,
                                                     c.importance_customer, c.performance_customer)]  # fmt: skip
    assert len(rated) >= 10
    assert any(c.importance_customer - c.importance_internal >= 2 for c in rated)  # a blind spot
    assert sum(c.moment_of_truth for c in m.cards) >= 4
    assert sum(c.pain_point for c in m.cards) >= 5
    owned = (CardKind.TOUCHPOINT, CardKind.PROCESS, CardKind.PAIN, CardKind.OPPORTUNITY)
    assert all(c.owner for c in m.cards if c.kind in owned)  # every touchpoint, process and idea has an owner
    assert sum(c.votes for c in m.cards) >= 30 and sum(bool(c.tags) for c in m.cards) >= 15
    names = {metric.name for metric in m.metrics}
    assert {"NPS", "CSAT", "Time to deploy"} <= names
    assert {metric.stage_id for metric in m.metrics} == {s.id for s in m.stages}


def test_example_has_accented_and_cjk_text(example):
    text = all_text(example)
    for word in ("Müller", "São Paulo", "café", "交付延迟", "東京"):
        assert word in text
    assert any(CJK.search(c.title) for c in example.cards)
    assert any(CJK.search(p.region) for p in example.personas)
    assert ACCENTED.search(text)
