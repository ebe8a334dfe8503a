"""A map as a CSV sheet: one row per card, every card field (see :mod:`csv_columns`).

UTF-8 with a byte-order mark (so spreadsheet programs show accents), comma separated, rows ended
by CR LF (RFC 4180). Rows go stage by stage (the map's order), lane by lane, each cell's cards in
their stacking order, so the import (:mod:`csv_import`) rebuilds the same cards in the same cells
and order, with their ids.

A stage or lane without cards still gets a row, with its names and ids and no card (the import
makes the stage or lane and no card); and when the cards alone would not name the lanes in the
map's order, the sheet starts with one such row per lane, so that the import, which makes lanes
in the order they first appear, keeps the order.
"""

from __future__ import annotations

import csv
import io

from app.model.schema import Card, Lane, Map, Stage

from .csv_columns import COLUMNS, RATINGS, guard_formula, join_items, yes_no


def write_csv(m: Map) -> bytes:
    """The map as the bytes of a CSV file (the registry's writer for ``.csv``)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_rows(m))
    return out.getvalue().encode("utf-8-sig")


def csv_rows(m: Map) -> list[list[str]]:
    """The rows below the header, in :data:`COLUMNS` order."""
    personas = {p.id: p.name for p in m.personas}
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in m.cards:
        cells.setdefault((card.stage_id, card.lane_id), []).append(card)
    rows: list[list[str]] = []
    lanes_seen: list[str] = []
    seen: set[str] = set()
    for stage in m.stages:
        stage_rows = 0
        for lane in m.lanes:
            stack = cells.get((stage.id, lane.id))
            if not stack:
                continue
            stack.sort(key=lambda c: (c.order, c.id))
            if lane.id not in seen:
                seen.add(lane.id)
                lanes_seen.append(lane.id)
            rows += (_card_row(c, stage, lane, personas) for c in stack)
            stage_rows += len(stack)
        if not stage_rows and m.lanes:
            rows.append(_place_row(stage, m.lanes[0]))
            if m.lanes[0].id not in seen:
                seen.add(m.lanes[0].id)
                lanes_seen.append(m.lanes[0].id)
    if m.stages and lanes_seen != [lane.id for lane in m.lanes]:
        rows[:0] = [_place_row(m.stages[0], lane) for lane in m.lanes]
    return rows


def _place_row(stage: Stage, lane: Lane) -> list[str]:
    values = dict.fromkeys(COLUMNS, "")
    values |= _place(stage, lane)
    return list(values.values())


def _place(stage: Stage, lane: Lane) -> dict[str, str]:
    return {
        "stage": guard_formula(stage.name), "stage_id": stage.id,
        "lane": guard_formula(lane.name), "lane_id": lane.id, "lane_type": lane.type.value,
    }  # fmt: skip


def _card_row(c: Card, stage: Stage, lane: Lane, personas: dict[str, str]) -> list[str]:
    """One card's cells, in :data:`COLUMNS` order (checked below)."""
    g = guard_formula
    return [
        c.id, g(stage.name), stage.id, g(lane.name), lane.id, lane.type.value, str(c.order),
        g(c.title), g(c.body), c.kind.value, g(c.channel), g(c.owner),
        g(join_items([personas.get(p, p) for p in c.persona_ids])) if c.persona_ids else "",
        join_items(c.persona_ids) if c.persona_ids else "",
        yes_no(c.moment_of_truth), yes_no(c.pain_point),
        _rating(c.importance_internal), _rating(c.performance_internal),
        _rating(c.importance_customer), _rating(c.performance_customer),
        g(join_items(c.tags)) if c.tags else "", c.colour, str(c.votes) if c.votes else "", g(c.notes),
    ]  # fmt: skip


def _rating(value: int | None) -> str:
    return "" if value is None else str(value)


_ROW_ORDER = ("card_id", "stage", "stage_id", "lane", "lane_id", "lane_type", "order", "title", "body", "kind",
              "channel", "owner", "personas", "persona_ids", "moment_of_truth", "pain_point", *RATINGS, "tags",
              "colour", "votes", "notes")  # fmt: skip
assert _ROW_ORDER == COLUMNS, "_card_row writes its cells in COLUMNS order"
