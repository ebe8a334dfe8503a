"""Schema migrations: a contiguous registry of pure, one-step functions, and what 1 -> 2 does."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io import migrations
from app.io.migrations import MIGRATIONS, MigrationError, migrate, migration, v1_to_v2
from app.model.schema import SCHEMA_VERSION
from app.model.validation import parse_map

FIXTURES = Path(__file__).parent / "fixtures"


def v1_map() -> dict:
    return json.loads((FIXTURES / "schema-v1.journey.json").read_text(encoding="utf-8"))["map"]


def test_the_registry_is_contiguous_from_1_to_the_current_version() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_a_migration_must_go_up_by_exactly_one(monkeypatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    with pytest.raises(ValueError, match="exactly one"):
        migration(1, 3)
    with pytest.raises(ValueError, match="exactly one"):
        migration(2, 1)
    migration(5, 6)(lambda data: data)
    with pytest.raises(ValueError, match="two migrations from schema 5"):
        migration(5, 6)(lambda data: data)


def test_every_step_is_pure_and_its_result_validates() -> None:
    data = v1_map()
    for version in range(1, SCHEMA_VERSION):
        before = copy.deepcopy(data)
        out = MIGRATIONS[version](data)
        assert data == before, f"migration {version} -> {version + 1} changed its input"
        assert out is not data
        data = out
    parse_map(data)


def test_migrate_chains_steps_and_does_nothing_at_the_current_version() -> None:
    data = v1_map()
    assert migrate(data, 1) == v1_to_v2(data)
    current = v1_to_v2(data)
    assert migrate(current, SCHEMA_VERSION) is current
    with pytest.raises(ValueError, match="down"):
        migrate(current, SCHEMA_VERSION + 1, SCHEMA_VERSION)


def test_v1_cell_becomes_stage_id_and_lane_id() -> None:
    old = {
        "cards": [
            {"id": "c1", "cell": {"stage": "s1", "lane": "l1"}, "title": "T"},
            {"id": "c2", "cell": {"stage": "s2", "lane": "l2", "span": 2, "pinned": True}},
        ]
    }
    new = v1_to_v2(old)
    assert new["cards"][0] == {"id": "c1", "title": "T", "stage_id": "s1", "lane_id": "l1"}
    # keys of cell this build does not know are kept, not dropped
    assert new["cards"][1] == {"id": "c2", "stage_id": "s2", "lane_id": "l2", "cell": {"span": 2, "pinned": True}}
    assert old["cards"][0]["cell"] == {"stage": "s1", "lane": "l1"}  # input untouched


@pytest.mark.parametrize(
    ("v1", "v2"), [(1, -3), (2, -2), (3, -1), (4, 0), (5, 1), (6, 2), (7, 3), (1.5, -2.5), (6.75, 2.75)]
)
def test_v1_emotion_scale_1_to_7_becomes_minus_3_to_3(v1: float, v2: float) -> None:
    new = v1_to_v2({"curves": [{"id": "cv", "points": [{"id": "p", "stage_id": "s", "value": v1}]}]})
    assert new["curves"][0]["points"][0]["value"] == v2


def test_v1_missing_emotion_value_stays_neutral() -> None:
    new = v1_to_v2({"curves": [{"id": "cv", "points": [{"id": "p", "stage_id": "s"}]}]})
    assert "value" not in new["curves"][0]["points"][0]  # neutral 4 then, default 0 now


def test_v1_metrics_are_added_and_unknown_fields_kept() -> None:
    new = v1_to_v2({"title": "T", "x_tool": {"a": [1]}})
    assert new == {"title": "T", "x_tool": {"a": [1]}, "metrics": []}
    assert v1_to_v2({"metrics": [{"id": "m"}]})["metrics"] == [{"id": "m"}]


def test_v1_values_of_the_wrong_type_are_left_for_validation() -> None:
    old = {"cards": "nope", "curves": [{"points": [{"value": "high"}, 7, {"value": True}]}, "x"]}
    assert v1_to_v2(old) == {**old, "metrics": []}
    assert v1_to_v2([1, 2]) == [1, 2]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("card", "path", "message"),
    [
        ({"id": "c"}, "map.cards[0].cell", "missing"),
        ({"id": "c", "cell": ["s", "l"]}, "map.cards[0].cell", 'expected an object {"stage": ..., "lane": ...}, found a list'),
        ({"id": "c", "cell": {"lane": "l"}}, "map.cards[0].cell.stage", "missing"),
        ({"id": "c", "cell": {"stage": "s"}}, "map.cards[0].cell.lane", "missing"),
        ({"id": "c", "cell": {"stage": "s", "lane": "l"}, "stage_id": "s"}, "map.cards[0].stage_id",
         "a schema-1 card has its stage in cell.stage, not here"),
    ],
)  # fmt: skip
def test_v1_cards_that_cannot_be_upgraded(card: dict, path: str, message: str) -> None:
    with pytest.raises(MigrationError) as info:
        v1_to_v2({"cards": [card]})
    assert info.value.path == path
    assert info.value.message.startswith(message)


@pytest.mark.parametrize("value", [0, 8, -1, 7.01])
def test_v1_emotion_values_off_the_old_scale(value: float) -> None:
    with pytest.raises(MigrationError) as info:
        v1_to_v2({"curves": [{"points": [{"value": 4}, {"value": value}]}]})
    assert info.value.path == "map.curves[0].points[1].value"
    assert info.value.message == f"{value} is outside the schema-1 emotion scale 1..7"


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["cards", "curves", "points", "value", "cell", "stage", "lane", "x"]), inner),
        max_leaves=15,
    )
)
def test_v1_to_v2_never_mutates_and_fails_only_with_migration_error(data) -> None:
    before = copy.deepcopy(data)
    try:
        v1_to_v2(data)
    except MigrationError as err:
        assert err.path.startswith("map.")
    assert data == before
