"""One editor process of the room stress test (tests/test_room_three_editors.py): joins URL,
makes N seeded random edits of its own cards (every third card: titles, moves to other cells,
new cards), optionally drops its connection mid-way, then waits for the room to be quiet and
prints its map (JSON) and what it did last to each card (its acknowledged edits)."""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

from app.model.commands import Edit, Insert, MoveCards
from app.model.events import Entity
from app.model.schema import Card
from tests.room_support import HeadlessEditor


def main(url: str, name: str, index: int, seed: int, count: int, drop: bool) -> None:
    rng = random.Random(seed)
    editor = HeadlessEditor(url, name)
    editor.join()
    print("JOINED", flush=True)
    sys.stdin.readline()  # all three are in: edit
    doc = editor.document
    mine = [c.id for i, c in enumerate(doc.map.cards) if i % 3 == index]
    cells = [(s.id, lane.id) for s in doc.map.stages for lane in doc.map.lanes]
    last: dict[str, dict] = {}
    for step in range(count):
        roll = rng.random()
        if roll < 0.5:
            card = rng.choice(mine)
            title = f"{name} {step}"
            editor.edit(Edit(Entity.CARD, card, {"title": title}))
            last.setdefault(card, {})["title"] = title
        elif roll < 0.8:
            card = rng.choice(mine)
            stage, lane = rng.choice(cells)
            editor.edit(MoveCards([card], stage, lane))
            last.setdefault(card, {}).update(stage_id=stage, lane_id=lane)
        else:
            stage, lane = rng.choice(cells)
            card = Card(id=f"{name}-new-{step}", stage_id=stage, lane_id=lane, title=f"new by {name}")
            editor.edit(Insert(Entity.CARD, card))
            mine.append(card.id)
            last[card.id] = {"title": card.title, "stage_id": stage, "lane_id": lane}
        if drop and step == count // 2:  # the network drops under this editor: it reconnects
            ws = editor.client._ws
            if ws is not None:
                editor.loop.call(lambda ws=ws: asyncio.ensure_future(ws.close()))
        editor.pump(rng.uniform(0.0, 0.03))
    print("EDITS-DONE", flush=True)
    sys.stdin.readline()  # the test says when every editor is done and the host is back
    quiet_since, deadline = time.monotonic(), time.monotonic() + 60
    while time.monotonic() - quiet_since < 2.0 and time.monotonic() < deadline:
        if editor.pump(0.2) or editor.state != "connected":
            quiet_since = time.monotonic()
    cards = {c.id: {"title": c.title, "stage_id": c.stage_id, "lane_id": c.lane_id} for c in doc.map.cards}
    order = [c.id for c in sorted(doc.map.cards, key=lambda c: (c.stage_id, c.lane_id, c.order, c.id))]
    print(json.dumps({"cards": cards, "order": order, "last": last, "state": editor.state}), flush=True)
    editor.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "drop")
