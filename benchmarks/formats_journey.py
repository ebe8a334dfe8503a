"""Mermaid journey and JSON Canvas in benchmarks/bench_formats.py: the map each is timed on, and
the strongest fair alternative of each.

* Mermaid: a journey of 10,000 tasks (seven sections, three actors, 0-2 actors a task, scores
  1..5) read by the reader itself, so the map holds 10,000 cards in its actions lane with their
  personas and curve points, what a Mermaid export writes and an import builds (the generated
  map of benchmarks/generate.py has only a ninth of its cards in that lane).
  Alternative: the same work in the plainest code, ``str.split`` on ``:`` and ``,`` per line
  building the same validated cards, personas, curves and points, and f-strings writing them
  back: no comments, accessibility lines, front matter, case-insensitive keywords, ``<br>``,
  escaping, score checks or line numbers in errors.
* JSON Canvas: the generated 10,000-card map. Alternative: the same layout
  (:func:`app.model.layout.build_layout`) and nodes dumped with one ``json.dumps`` (compact,
  json's C encoder), and ``json.loads`` then containment by each node's centre building the same
  validated cards: no checks of the canvas, no JSON paths, no ids kept, no inbox, no links.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from app.io.formats.mermaid import read_mermaid_map, score_to_value, value_to_score
from app.model.layout import build_layout
from app.model.schema import Card, EmotionCurve, EmotionPoint, Lane, LaneType, Map, Persona, Stage, new_id

from .generate import STAGES, WORDS

ACTORS = ("Ana", "Ben", "Chloé")


def journey_text(n_tasks: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["journey", "    title Ten thousand steps"]
    for s, stage in enumerate(STAGES):
        lines.append(f"    section {stage}")
        for _ in range(n_tasks // len(STAGES) + (s < n_tasks % len(STAGES))):
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
            actors = ", ".join(rng.sample(ACTORS, rng.randint(0, 2)))
            lines.append(f"      {title}: {rng.randint(1, 5)}" + (f": {actors}" if actors else ""))
    return "\n".join(lines) + "\n"


def journey_map(n_tasks: int) -> Map:
    """The map a Mermaid journey of ``n_tasks`` tasks imports as."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journey.mmd"
        path.write_text(journey_text(n_tasks), "utf-8")
        return read_mermaid_map(path).map


# --------------------------------------------------------------------------- Mermaid
def plain_mermaid_export(m: Map, path: Path) -> None:
    lane = next(lane for lane in m.lanes if lane.type is LaneType.ACTIONS)
    names = {p.id: p.name for p in m.personas}
    points: dict[str, list[tuple[str | None, float]]] = {}
    for curve in m.curves:
        for p in curve.points:
            points.setdefault(p.card_id, []).append((curve.persona_id, p.value))
    out = ["journey", f"    title {m.title}"]
    for stage in m.stages:
        out.append(f"    section {stage.name}")
        for c in sorted((c for c in m.cards if c.stage_id == stage.id and c.lane_id == lane.id), key=lambda c: c.order):
            here = points.get(c.id, [(None, 0.0)])
            scored = {pid for pid, _ in here}
            actors = ", ".join(names[pid] for pid in c.persona_ids if pid in scored)
            out.append(f"      {c.title}: {value_to_score(here[0][1])}" + (f": {actors}" if actors else ""))
    path.write_text("\n".join(out) + "\n", "utf-8")


def plain_mermaid_import(path: Path) -> Map:
    stages: list[Stage] = []
    lane = Lane(id=new_id("lane"), name="Customer actions", type=LaneType.ACTIONS)
    personas: dict[str, Persona] = {}
    curves: dict[str | None, EmotionCurve] = {}
    cards = []
    title = ""
    for line in path.read_text("utf-8").splitlines()[1:]:
        line = line.strip()
        if line.startswith("title "):
            title = line[6:]
        elif line.startswith("section "):
            stages.append(Stage(id=new_id("stage"), name=line[8:]))
        elif line:
            name, score, *rest = line.split(":")
            card = Card(id=new_id("card"), stage_id=stages[-1].id, lane_id=lane.id, order=len(cards), title=name)
            cards.append(card)
            actors = [a.strip() for a in rest[0].split(",")] if rest else [None]
            for actor in actors:
                if actor is not None and actor not in personas:
                    personas[actor] = Persona(id=new_id("persona"), name=actor)
                pid = personas[actor].id if actor is not None else None
                curve = curves.get(pid) or curves.setdefault(pid, EmotionCurve(id=new_id("curve"), persona_id=pid))
                curve.points.append(EmotionPoint(id=new_id("point"), stage_id=card.stage_id,
                                                 value=score_to_value(int(score)), card_id=card.id))  # fmt: skip
    return Map(title=title, stages=stages, lanes=[lane], cards=cards, personas=list(personas.values()),
               curves=list(curves.values()))  # fmt: skip


# ------------------------------------------------------------------------ JSON Canvas
def plain_canvas_export(m: Map, path: Path) -> None:
    layout = build_layout(m)
    nodes = [{"id": f"lane:{lane.id}", "type": "group", **_box(layout.lane_rect(lane.id)), "label": lane.name}
             for lane in m.lanes if layout.lane_rect(lane.id) is not None]  # fmt: skip
    nodes += [{"id": f"stage:{s.id}", "type": "group", **_box(layout.stage_rect(s.id)), "label": s.name}
              for s in m.stages]  # fmt: skip
    for c in m.cards:
        rect = layout.card_rect(c.id)
        if rect is not None:
            nodes.append({"id": c.id, "type": "text", **_box(rect), "text": f"{c.title}\n\n{c.body}"})
    edges = [{"id": lk.id, "fromNode": lk.source_id, "toNode": lk.target_id, "label": lk.label} for lk in m.links]
    path.write_text(json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False), "utf-8")


def _box(r) -> dict:
    return {"x": round(r.x), "y": round(r.y), "width": round(r.w), "height": round(r.h)}


def plain_canvas_import(path: Path) -> Map:
    nodes = json.loads(path.read_text("utf-8"))["nodes"]
    groups = [n for n in nodes if n["type"] == "group"]
    stages = {n["id"]: Stage(id=new_id("stage"), name=n["label"]) for n in groups if n["id"].startswith("stage:")}
    lanes = {n["id"]: Lane(id=new_id("lane"), name=n["label"]) for n in groups if n["id"] not in stages}
    cards = []
    for n in nodes:
        if n["type"] == "group":
            continue
        x, y = n["x"] + n["width"] / 2, n["y"] + n["height"] / 2
        inside = [g["id"] for g in groups if g["x"] <= x <= g["x"] + g["width"] and g["y"] <= y <= g["y"] + g["height"]]
        stage = next(stages[g] for g in inside if g in stages)
        lane = next(lanes[g] for g in inside if g in lanes)
        title, _, body = n["text"].partition("\n\n")
        cards.append(Card(id=new_id("card"), stage_id=stage.id, lane_id=lane.id, order=n["y"], title=title, body=body))
    return Map(stages=list(stages.values()), lanes=list(lanes.values()), cards=cards)


#: suffix -> (what it is, export(map, path), import(path)), as bench_formats.ALTERNATIVES holds them
ALTERNATIVES = {
    ".mmd": ("str.split per line + pydantic, f-strings", plain_mermaid_export, plain_mermaid_import),
    ".canvas": ("the same layout + one json.dumps / json.loads + pydantic", plain_canvas_export, plain_canvas_import),
}
#: suffix -> the map a format is timed on (default: benchmarks/generate.py's)
MAPS = {".mmd": journey_map}
