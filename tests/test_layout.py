"""The shared layout: invariants on real and generated maps, text measured with TTF metrics, and
incremental updates that equal a fresh layout."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import commands as cmd
from app.model import fonts
from app.model.document import Document
from app.model.events import Entity
from app.model.layout import (
    CARD_PAD,
    CELL_PAD,
    STRIPE_W,
    build_layout,
    card_marks,
)
from app.model.schema import Card, EmotionPoint, LaneType, Link
from app.model.textlayout import text_block
from benchmarks.generate import generate_map
from tests.model_factory import small_map


def snapshot(layout) -> dict:
    """Everything a renderer draws, as plain values."""
    m = layout.map
    return {
        "bounds": layout.bounds,
        "key": layout.link_key(),  # (kept between edits: compared with a fresh one)
        "cards": {c.id: layout.card(c.id) for c in m.cards},
        "cells": {cell: layout.cell_rect(*cell) for cell in layout.cells()},
        "stages": {s: layout.stage_header(s) for s in layout.stage_ids},
        "lanes": {lane: layout.lane_header(lane) for lane in layout.lane_ids},
        "curves": {c.id: layout.curve(c.id) for c in m.curves},
        "links": {lk.id: layout.link(lk.id) for lk in m.links},
        "visibility": layout.visibility_y,
    }


def check_invariants(layout) -> None:
    m = layout.map
    by_cell: dict = {}
    for c in m.cards:
        geo = layout.card(c.id)
        if c.lane_id not in layout.lane_ids:
            assert geo is None
            continue
        cell = layout.cell_rect(c.stage_id, c.lane_id)
        assert cell.contains(geo.rect), f"{c.id} sticks out of its cell"
        by_cell.setdefault((c.stage_id, c.lane_id), []).append((c.order, c.id, geo.rect))
    for rects in by_cell.values():
        rects.sort()
        for (_, a, ra), (_, b, rb) in zip(rects, rects[1:], strict=False):
            assert ra.bottom <= rb.y, f"{a} overlaps {b} or is out of order"
    # lanes tile the grid without gaps, each at least its own minimum height
    y = layout.lane_rect(layout.lane_ids[0]).y if layout.lane_ids else None
    for lane_id in layout.lane_ids:
        r = layout.lane_rect(lane_id)
        assert r.y == pytest.approx(y)
        assert r.h >= layout.lanes_by_id[lane_id].height
        y = r.bottom
    # every text line fits its card
    for geo in layout.all_cards():
        for line in geo.lines:
            width = fonts.chain(line.bold).width(line.text, line.size)
            assert line.x + width <= geo.rect.w - CARD_PAD + 0.01, (geo.id, line.text)
            assert 0 < line.y < geo.rect.h


def test_small_map_invariants():
    layout = build_layout(small_map(cards_per_cell=4))
    check_invariants(layout)


@pytest.mark.parametrize("n", [0, 50, 600])
def test_generated_map_invariants(n):
    check_invariants(build_layout(generate_map(n) if n else small_map(0)))


def test_lane_grows_to_fit_its_tallest_cell():
    m = small_map(cards_per_cell=6)
    layout = build_layout(m)
    lane = layout.lane_rect("l-act")
    tallest = max(layout.card(c.id).rect.bottom for c in m.cards if c.lane_id == "l-act")
    assert lane.h > m.lanes[0].height
    assert tallest + CELL_PAD == pytest.approx(lane.bottom)


def test_text_is_broken_with_the_ttf_metrics():
    m = small_map(1)
    card = m.cards[0]
    card.title = "A title long enough to need at least two lines in a narrow card"
    m.stages[0].width = 120
    layout = build_layout(m)
    geo = layout.card(card.id)
    titles = [line for line in geo.lines if line.role == "title"]
    assert len(titles) >= 3
    assert " ".join(t.text for t in titles) == card.title
    inner = geo.rect.w - STRIPE_W - 2 * CARD_PAD
    for t in titles:
        assert fonts.chain(True).width(t.text, t.size) <= inner
    # the next word would not have fitted on the line
    words = card.title.split()
    first = titles[0].text.split()
    assert fonts.chain(True).width(" ".join(words[: len(first) + 1]), titles[0].size) > inner


def test_fallback_fonts_for_accents_cjk_and_emoji():
    m = small_map(1)
    m.cards[0].title = "Müller Łódź 交付延迟 😀"
    geo = build_layout(m).card(m.cards[0].id)
    runs = [r for line in geo.lines if line.role == "title" for r in line.runs]
    faces = {r.text.strip(): r.face for r in runs if r.text.strip()}
    assert "".join(r.text for r in runs).replace(" ", "") == "MüllerŁódź交付延迟😀"
    assert runs[0].face == "vera-bold"  # Latin-1 in the primary face
    assert any(face == "wqy" and "交" in text for text, face in faces.items())
    emoji_face = next(face for text, face in faces.items() if "😀" in text)
    assert fonts.chain(True).face(emoji_face).has(ord("😀")) and emoji_face != "vera-bold"
    assert "😀" not in fonts.chain(True).missing
    assert any(face.startswith("dejavu") and "ź" in text for text, face in faces.items())


def test_uncovered_characters_are_reported():
    chain = fonts.chain(False)
    chain.runs("ok \U000e0100\U0010fffd")  # a private-use plane character no font has
    assert "\U0010fffd" in chain.missing


def test_long_words_and_cjk_break_inside_the_width():
    lines = fonts.wrap("交付延迟和客户很不满意这是一个很长的句子需要换行", 60, 10)
    assert len(lines) > 2 and all(fonts.chain(False).width(t, 10) <= 60 for t in lines)
    lines = fonts.wrap("Supercalifragilisticexpialidocious", 50, 10)
    assert "".join(lines) == "Supercalifragilisticexpialidocious"
    assert all(fonts.chain(False).width(t, 10) <= 50 for t in lines)


_WORDS = st.sampled_from(["a", "kit", "São", "Müller", "escalation", "Supercalifragilisticexpialidocious",
                          "x" * 60, "ünïcödé", "café"])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, st.sampled_from([" ", "  ", "\t", "\n", " \n "])), max_size=25),
    st.floats(5, 400), st.sampled_from([7.5, 8.5, 10.0]), st.booleans(),
)  # fmt: skip
def test_wrapping_words_written_out_breaks_as_the_general_loop(parts, width, size, bold):
    """fonts._wrap_words (Latin text, the common case) gives the lines of the general token
    loop it stands for (_wrap_tokens over the words, spaced)."""
    text = "".join(w + sep for w, sep in parts)
    fc = fonts.chain(bold)
    expected: list[str] = []
    for para in text.splitlines() or [""]:
        fonts._wrap_tokens(fc, para.split(), True, width * 1000.0 / size, expected)
    assert fonts.wrap(text, width, size, bold) == expected
    got = build_layout_text(text, width, size, bold)
    assert [line.text for line in got] == expected
    assert all(len(line.runs) == 1 and line.runs[0].dx == 0.0 for line in got)
    assert [line.runs[0].face for line in got] == [fonts.chain(bold).runs(t)[0][1].key if t else
                                                    ("vera-bold" if bold else "vera") for t in expected]  # fmt: skip


def build_layout_text(text, width, size, bold):
    lines, _h = text_block(text, width, size, size * 1.25, bold=bold)
    return lines


def test_body_is_capped_with_an_ellipsis():
    m = small_map(1)
    m.cards[0].body = "word " * 400
    geo = build_layout(m).card(m.cards[0].id)
    body = [line for line in geo.lines if line.role == "body"]
    assert len(body) == 6 and body[-1].text.endswith("…")


def test_curve_goes_through_its_points_on_the_scale():
    m = small_map()
    layout = build_layout(m)
    geo = layout.curve("cv1")
    band = layout.curve_band()
    feelings = layout.lane_rect("l-feel")
    assert feelings.contains(band)
    assert [p.shape for p in geo.points] == ["down", "circle", "up"]
    assert geo.points[1].y == pytest.approx(band.y + band.h / 2)  # 0 is the middle of the scale
    assert layout.value_y(3) == pytest.approx(band.y) and layout.value_y(-3) == pytest.approx(band.bottom)
    assert geo.start == (geo.points[0].x, geo.points[0].y)
    assert [seg[2] for seg in geo.segments] == [(p.x, p.y) for p in geo.points[1:]]
    assert layout.y_value(layout.value_y(1.5)) == pytest.approx(1.5)


def test_link_runs_between_card_edges_with_an_arrow():
    m = small_map()
    layout = build_layout(m)
    lk = m.links[0]
    geo = layout.link(lk.id)
    s, t = layout.card_rect(lk.source_id), layout.card_rect(lk.target_id)
    end = geo.segments[-1][-1]
    assert geo.start == (s.right, s.cy) and end == (t.x, t.cy)
    assert geo.points[0] == geo.start and geo.points[-1] == end
    assert geo.arrow[0] == end
    assert all(p[0] < end[0] for p in geo.arrow[1:])


def test_line_of_visibility_between_on_stage_and_backstage():
    m = small_map()
    layout = build_layout(m)
    assert layout.visibility_y == layout.lane_rect("l-back").y
    assert layout.visibility_y == layout.lane_rect("l-on").bottom
    m.lanes = [lane for lane in m.lanes if lane.type is not LaneType.ON_STAGE]
    m.cards = [c for c in m.cards if c.lane_id != "l-on"]
    assert build_layout(m).visibility_y is None


def test_footer_marks():
    card = Card(id="c", stage_id="s", lane_id="l", moment_of_truth=True, pain_point=True, votes=4,
                importance_customer=5, performance_customer=2)  # fmt: skip
    marks = card_marks(card, 200, 80)
    assert [mk.kind for mk in marks] == ["truth", "pain", "rating-customer", "votes"]
    assert marks[2].text == "C 5/2" and marks[3].text == "4"
    assert marks[-1].rect.right == pytest.approx(200 - CARD_PAD)


# ------------------------------------------------------------------ incremental updates
def apply(doc, layout, command) -> object:
    batches = []
    doc.subscribe(batches.append)
    command.apply(doc)
    doc.unsubscribe(batches.append)
    delta = None
    for batch in batches:
        delta = layout.update(batch, doc)
    return delta


def assert_same_as_fresh(doc, layout):
    assert snapshot(layout) == snapshot(build_layout(doc.map))


def test_move_updates_only_what_it_affects():
    m = generate_map(400)
    doc = Document(m)
    layout = build_layout(m)
    card = m.cards[0]
    target = next(s.id for s in m.stages if s.id != card.stage_id)
    before = snapshot(layout)
    delta = apply(doc, layout, cmd.MoveCards([card.id], target, card.lane_id, 0))
    assert card.id in delta.cards
    after = snapshot(layout)
    changed = {cid for cid in before["cards"] if before["cards"][cid] != after["cards"][cid]}
    # every card whose geometry changed lies in a lane the delta reports, or is named itself
    lanes_moved = delta.lanes
    for cid in changed:
        c = doc.card(cid)
        assert cid in delta.cards or c.lane_id in lanes_moved
    # and cards in other cells of untouched lanes are not reported
    assert all(doc.card(cid).lane_id == card.lane_id for cid in delta.cards)
    assert_same_as_fresh(doc, layout)


def test_every_kind_of_edit_matches_a_fresh_layout():
    m = small_map(cards_per_cell=3)
    doc = Document(m)
    layout = build_layout(m)
    edits = [
        cmd.Edit(Entity.CARD, "c-s0-l-act-0", {"title": "A much longer title that wraps onto lines " * 2}),
        cmd.Edit(Entity.CARD, "c-s0-l-act-1", {"votes": 5, "moment_of_truth": True}),
        cmd.Edit(Entity.STAGE, "s1", {"width": 320.0}),
        cmd.Edit(Entity.LANE, "l-act", {"height": 300.0}),
        cmd.Edit(Entity.LANE, "l-touch", {"hidden": True}),
        cmd.Edit(Entity.LANE, "l-touch", {"hidden": False}),
        cmd.Edit(Entity.LANE, "l-on", {"type": LaneType.TEXT}),
        cmd.Reorder(Entity.STAGE, "s0", 2),
        cmd.Reorder(Entity.LANE, "l-back", 0),
        cmd.add_card(Card(id="c-new", stage_id="s1", lane_id="l-feel", title="Feeling note", order=5)),
        cmd.add_point("cv1", EmotionPoint(id="pt-new", stage_id="s2", x=0.9, value=3)),
        cmd.add_link(Link(id="lk-new", source_id="c-new", target_id="c-s2-l-back-0")),
        cmd.MoveCards(["c-s0-l-act-2", "c-s1-l-act-0"], "s2", "l-back", 1),
    ]
    for e in edits:
        apply(doc, layout, e)
        assert_same_as_fresh(doc, layout)
    apply(doc, layout, cmd.remove_cards(doc, ["c-new"]))
    assert_same_as_fresh(doc, layout)
    apply(doc, layout, cmd.remove_stage(doc, "s1"))
    assert_same_as_fresh(doc, layout)
    apply(doc, layout, cmd.remove_lane(doc, "l-act"))
    assert_same_as_fresh(doc, layout)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_moves_keep_incremental_layout_exact(data):
    m = small_map(cards_per_cell=3)
    doc = Document(m)
    layout = build_layout(m)
    rng = random.Random(data.draw(st.integers(0, 10_000)))
    for _ in range(data.draw(st.integers(1, 8))):
        ids = [c.id for c in m.cards]
        picked = rng.sample(ids, rng.randint(1, 3))
        stage = rng.choice(m.stages).id
        lane = rng.choice(m.lanes).id
        apply(doc, layout, cmd.MoveCards(picked, stage, lane, rng.randint(0, 6)))
    assert_same_as_fresh(doc, layout)
    check_invariants(layout)


def test_links_within_a_column_go_round_the_cards_between():
    m = small_map(cards_per_cell=3)
    m.links = [Link(id="down", source_id="c-s0-l-act-0", target_id="c-s0-l-back-2")]
    layout = build_layout(m)
    geo = layout.link("down")
    s, t = layout.card_rect("c-s0-l-act-0"), layout.card_rect("c-s0-l-back-2")
    assert geo.start == (s.right, s.cy) and geo.segments[-1][-1] == (t.right, t.cy)
    cell = layout.cell_rect("s0", "l-act")
    # the run down the column stays in the gap between this column's cards and the next one's
    xs = {p[0] for p in geo.points[1:-1]}
    assert len(xs) == 1 and s.right < xs.pop() < cell.right + CELL_PAD
    assert layout.link_crosses("down") == []
    assert geo.arrow[1][0] > t.right  # the arrow points left, into the card


def test_curve_is_monotone_in_x_and_stays_on_the_scale():
    m = small_map()
    curve = m.curves[0]
    curve.points = [
        EmotionPoint(id="a", stage_id="s0", x=0.1, value=-3),
        EmotionPoint(id="b", stage_id="s0", x=0.2, value=3),
        EmotionPoint(id="c", stage_id="s0", x=0.9, value=3),
        EmotionPoint(id="d", stage_id="s1", x=0.1, value=-3),
        EmotionPoint(id="e", stage_id="s2", x=0.5, value=1, card_id="c-s2-l-act-0"),
    ]
    layout = build_layout(m)
    geo = layout.curve("cv1")
    band = layout.curve_band()
    x0, y0 = geo.start
    for c1, c2, end in geo.segments:
        assert x0 <= c1[0] <= c2[0] <= end[0]  # never runs backwards
        for y in (c1[1], c2[1]):
            assert band.y - 1e-6 <= y <= band.bottom + 1e-6
        x0 = end[0]
    # an anchored point keeps its own x and follows its card's stage
    doc = Document(m)
    apply(doc, layout, cmd.MoveCards(["c-s2-l-act-0"], "s1", "l-act", 0))
    point = next(p for p in layout.curve("cv1").points if p.id == "e")
    stage = layout.stage_rect("s1")
    assert point.x == pytest.approx(stage.x + 0.5 * stage.w)


def test_a_batch_that_moves_then_removes_a_card():
    m = small_map(cards_per_cell=2)
    doc = Document(m)
    layout = build_layout(m)
    new = Card(id="c-new", stage_id="s0", lane_id="l-act", title="New", order=5)
    macro = cmd.Macro("Add and move", [cmd.add_card(new), cmd.MoveCards(["c-new"], "s2", "l-back", 0)])
    apply(doc, layout, macro)
    assert_same_as_fresh(doc, layout)
    batches = []
    doc.subscribe(batches.append)
    macro.revert(doc)  # one batch: the move back, then the removal
    for batch in batches:
        delta = layout.update(batch, doc)
    assert "c-new" in delta.removed_cards
    assert_same_as_fresh(doc, layout)


def test_cell_card_boxes_are_the_cards_local_rectangles():
    """What a zoomed-out cell draws its cards from (before their items are made) is where
    ``card`` puts each, also after cards move, grow and leave, and with room kept for typing."""
    doc = Document(generate_map(400, seed=3))
    lay = build_layout(doc.map)

    def check():
        for cell in lay.cells():
            boxes = lay.cell_card_boxes(cell)
            assert [b[0] for b in boxes] == lay.cell_cards(cell)
            for cid, top, w, h in boxes:
                local = lay.card(cid).local
                assert (CELL_PAD, top, w, h) == (local.x, local.y, local.w, local.h)

    check()
    changes = []
    doc.subscribe(changes.extend)
    card, other = doc.map.cards[3], doc.map.cards[40]
    target = next(s.id for s in doc.map.stages if s.id != card.stage_id)
    cmd.MoveCards([card.id], target, card.lane_id, 0).apply(doc)
    cmd.Edit(Entity.CARD, other.id, {"body": "a much longer body " * 12}).apply(doc)
    cmd.remove_cards(doc, [doc.map.cards[7].id]).apply(doc)
    lay.update(changes, doc)
    check()
    cell = (target, card.lane_id)
    lay.set_room(cell, card.id, 120.0, doc)
    check()
