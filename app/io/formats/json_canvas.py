"""JSON Canvas 1.0 (https://jsoncanvas.org/spec/1.0/, the ``.canvas`` files of Obsidian and other
infinite-canvas apps) in and out of a map.

Export draws the map as the editor does, from the shared layout (:mod:`app.model.layout`): each
visible lane is a group node over its whole row (id ``lane:LANE_ID``, label the lane's name, and
the extra key ``laneType``), each stage a group over its whole column (id ``stage:STAGE_ID``),
each card of a visible lane a text node in its cell at its rectangle (id the card's id, or
``card:CARD_ID`` should that be a group's; text
the title, then a blank line and the body), each link between two exported cards an edge with
its label (right -> left when the target's column is to the right, left -> right when it is to
the left; within a column bottom -> top between neighbours in one cell, else right -> right, or
left -> left in the last column, so the edge passes beside the cards between, as the editor
routes it).
Coordinates are the layout's points times ``SCALE`` (2), rounded to the whole numbers the spec
asks for; colours are written as hex. Emotion curves, personas, ratings and hidden lanes have no place in a canvas and
are left out. Groups come first (the spec's z-order: nodes listed later are drawn on top).

Import reads any canvas: a text, file or link node becomes a card (its text: first line the
title, the rest the body; a file node's path, a link node's URL as the title; the kind its
lane's, as the editor's "add card here" gives it) in the cell of the stage group and the lane
group that contain its centre; a group is a stage or a lane by its
``stage:`` / ``lane:`` id, else by its shape (taller than wide: a stage). Stages are ordered left
to right, lanes top to bottom, cards in a cell top to bottom. A node outside every stage group
goes into an "Inbox" stage, one outside every lane group into an "Inbox" lane. An edge between
two cards becomes a link with the edge's label. A broken canvas is refused with one line naming
the JSON path (``nodes[3].width: must be a number``); with ``skip_bad`` a bad node or edge is left
out and listed instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.io.formats import ImportResult
from app.io.formats.errors import FormatError
from app.io.formats.mapbuild import MapBuilder, read_text, text_problem, title_from_name
from app.io.jsonfile import gc_paused
from app.model.schema import (
    LANE_KIND,
    LANE_TYPE_LABELS,
    MAX_CARDS,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    Card,
    CardKind,
    LaneType,
    Link,
    Map,
)

INBOX = "Inbox"
#: canvas pixels per layout point: canvas apps draw text nodes at about 16 px (Obsidian), where the
#: map's cards are measured for 8.5-10 pt text; twice the size lets the text fill the card as it
#: does on the map and in the PDF
SCALE = 2
NODE_TYPES = ("text", "file", "link", "group")
SIDES = ("top", "right", "bottom", "left")
ENDS = ("none", "arrow")
#: Obsidian's six preset colours ("1".."6"), as the hex colours a map holds
PRESETS = {"1": "#FB464C", "2": "#E9973F", "3": "#E0DE71", "4": "#44CF6E", "5": "#53DFDD", "6": "#A882FF"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_MAP_ID = re.compile(r"[^\x00-\x1f]{1,64}")


# ----------------------------------------------------------------------------------- writing
def _box(rect) -> dict[str, int]:
    return {"x": round(rect.x * SCALE), "y": round(rect.y * SCALE), "width": round(rect.w * SCALE),
            "height": round(rect.h * SCALE)}  # fmt: skip


def _coloured(node: dict[str, Any], colour: str) -> dict[str, Any]:
    if colour:
        node["color"] = colour.upper()
    return node


def map_to_canvas(m: Map) -> dict[str, Any]:
    """The canvas of ``m`` as JSON data (see the module docstring)."""
    from app.model.layout import build_layout  # the fonts' metrics: only an export needs them

    layout = build_layout(m)
    nodes: list[dict[str, Any]] = []
    for lane in m.lanes:
        rect = layout.lane_rect(lane.id)
        if rect is not None:
            node = {"id": f"lane:{lane.id}", "type": "group", **_box(rect), "label": lane.name,
                    "laneType": lane.type.value}  # fmt: skip
            nodes.append(_coloured(node, lane.colour))
    for stage in m.stages:
        node = {"id": f"stage:{stage.id}", "type": "group", **_box(layout.stage_rect(stage.id)), "label": stage.name}
        nodes.append(_coloured(node, stage.colour))
    groups = {node["id"] for node in nodes}
    rects, node_ids = {}, {}
    for card in m.cards:
        rect = layout.card_rect(card.id)
        if rect is None:  # in a hidden lane
            continue
        rects[card.id] = rect
        node_ids[card.id] = node_id = f"card:{card.id}" if card.id in groups else card.id  # ids stay unique
        text = f"{card.title}\n\n{card.body}" if card.body else card.title
        nodes.append(_coloured({"id": node_id, "type": "text", **_box(rect), "text": text}, card.colour))
    edges = []
    cards = {c.id: c for c in m.cards}
    last_stage = m.stages[-1].id if m.stages else None
    for link in m.links:
        s, t = rects.get(link.source_id), rects.get(link.target_id)
        if s is None or t is None:
            continue
        sides = _sides(layout, cards[link.source_id], cards[link.target_id], s, t, last_stage)
        edge = {"id": link.id, "fromNode": node_ids[link.source_id], "fromSide": sides[0],
                "toNode": node_ids[link.target_id], "toSide": sides[1], "toEnd": "arrow"}  # fmt: skip
        if link.label:
            edge["label"] = link.label
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def _sides(layout, a: Card, b: Card, s, t, last_stage: str | None) -> tuple[str, str]:
    """The sides an edge leaves card ``a`` (rectangle ``s``) and enters card ``b`` (``t``) by."""
    if t.x >= s.right:
        return "right", "left"
    if t.right <= s.x:
        return "left", "right"
    if (a.stage_id, a.lane_id) == (b.stage_id, b.lane_id):
        stack = layout.cell_cards((a.stage_id, a.lane_id))
        step = stack.index(b.id) - stack.index(a.id)
        if abs(step) == 1:  # neighbours in their cell: straight down or up
            return ("bottom", "top") if step > 0 else ("top", "bottom")
    # the same column, cards between: out and back in by the side, as the editor routes it
    return ("left", "left") if a.stage_id == last_stage else ("right", "right")


def write_canvas(m: Map) -> bytes:
    """The registry's writer: ``m`` as a JSON Canvas file, one node or edge a line (it diffs well;
    json's C encoder writes each line, where an indented dump runs the pure-Python encoder)."""
    with gc_paused():  # the layout and 10,000 node dicts: no cycles for the collector to find
        canvas = map_to_canvas(m)
    parts = []
    for key in ("nodes", "edges"):
        items = ",\n\t\t".join(json.dumps(item, ensure_ascii=False) for item in canvas[key])
        parts.append(f'\t"{key}": [\n\t\t{items}\n\t]' if items else f'\t"{key}": []')
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


# ----------------------------------------------------------------------------------- reading
class _Bad(Exception):
    def __init__(self, where: str, message: str):
        super().__init__(message)
        self.where, self.message = where, message


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_canvas_json(text: str, path: Path) -> Any:
    """The JSON tree of ``text``; FormatError with the line and column of a syntax error."""
    if not text.strip():
        raise FormatError(path, "", "the file is empty")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise FormatError(path, f"line {err.lineno}, column {err.colno}", f"not valid JSON: {err.msg}") from None
    except RecursionError:
        raise FormatError(path, "", "nesting is too deep for a canvas") from None
    except ValueError as err:  # NaN/Infinity, or an integer too long for Python
        raise FormatError(path, "", f"not valid JSON: {str(err)[:100]}") from None


@dataclass
class _Node:
    id: str
    type: str
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    colour: str = ""
    lane_type: str = ""

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def holds(self, point: tuple[float, float]) -> bool:
        return self.x <= point[0] <= self.x + self.w and self.y <= point[1] <= self.y + self.h


def _string(item: dict, key: str, where: str, required: bool = True, limit: int = MAX_LONG_TEXT) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _Bad(f"{where}.{key}", "is missing" if key not in item else "must be a string")
    problem = text_problem(value, "the text", limit)
    if problem:
        raise _Bad(f"{where}.{key}", problem)
    return value


def _number(item: dict, key: str, where: str) -> float:
    value = item.get(key)
    if key not in item:
        raise _Bad(f"{where}.{key}", "is missing")
    if isinstance(value, bool) or not isinstance(value, int | float) or not abs(value) <= 1e9:  # NaN fails too
        raise _Bad(f"{where}.{key}", f"must be a number (not {json.dumps(value)[:30]})")
    if key in ("width", "height") and value < 0:
        raise _Bad(f"{where}.{key}", f"must not be negative ({value})")
    return float(value)


def _colour(item: dict, where: str) -> str:
    value = item.get("color")
    if value is None:
        return ""
    if not isinstance(value, str) or not (value in PRESETS or _HEX.fullmatch(value)):
        raise _Bad(f"{where}.color", "must be a hex colour like '#FF8800' or a preset '1'..'6'")
    if value in PRESETS:
        return PRESETS[value]
    return ("#" + "".join(c * 2 for c in value[1:])).upper() if len(value) == 4 else value.upper()


def _read_node(item: Any, where: str) -> _Node:
    if not isinstance(item, dict):
        raise _Bad(where, "must be an object")
    node_id = _string(item, "id", where, limit=MAX_SHORT_TEXT)
    kind = item.get("type")
    if kind not in NODE_TYPES:
        raise _Bad(f"{where}.type", f"must be one of {', '.join(NODE_TYPES)} (not {json.dumps(kind)[:30]})")
    box = [_number(item, key, where) for key in ("x", "y", "width", "height")]
    colour = _colour(item, where)
    text = {"text": lambda: _string(item, "text", where), "file": lambda: _string(item, "file", where),
            "link": lambda: _string(item, "url", where),
            "group": lambda: _string(item, "label", where, required=False, limit=MAX_SHORT_TEXT)}[kind]()  # fmt: skip
    lane_type = item.get("laneType") if kind == "group" else None
    if lane_type is not None and lane_type not in [t.value for t in LaneType]:
        raise _Bad(f"{where}.laneType", f"must be one of {', '.join(t.value for t in LaneType)}")
    return _Node(node_id, kind, *box, text=text, colour=colour, lane_type=lane_type or "")


def _read_edge(item: Any, where: str, nodes: dict[str, _Node]) -> tuple[str, str, str, str]:
    """An edge between two card nodes: (id, from, to, label)."""
    if not isinstance(item, dict):
        raise _Bad(where, "must be an object")
    edge_id = _string(item, "id", where, limit=MAX_SHORT_TEXT)
    ends = []
    for key in ("fromNode", "toNode"):
        ref = _string(item, key, where, limit=MAX_SHORT_TEXT)
        if ref not in nodes:
            raise _Bad(f"{where}.{key}", f"names no node ('{ref[:40]}')")
        if nodes[ref].type == "group":
            raise _Bad(f"{where}.{key}", f"joins group '{ref[:40]}'; a map's links join cards")
        ends.append(ref)
    for key, allowed in (("fromSide", SIDES), ("toSide", SIDES), ("fromEnd", ENDS), ("toEnd", ENDS)):
        if key in item and item[key] not in allowed:
            raise _Bad(f"{where}.{key}", f"must be one of {', '.join(allowed)}")
    _colour(item, where)
    label = _string(item, "label", where, required=False, limit=MAX_SHORT_TEXT)
    if ends[0] == ends[1]:
        raise _Bad(where, "joins a node to itself; a map's link joins two cards")
    return edge_id, ends[0], ends[1], label


def _items(tree: dict, key: str, path: Path) -> list:
    value = tree.get(key, [])
    if not isinstance(value, list):
        raise FormatError(path, key, "must be a list")
    return value


def parse_canvas(text: str, path: Path, skip_bad: bool = False):
    """The canvas's nodes (by id, in file order) and card edges; the bad ones skipped."""
    tree = parse_canvas_json(text, path)
    if not isinstance(tree, dict):
        raise FormatError(path, "", "a canvas is a JSON object with 'nodes' and 'edges'")
    skipped: list[FormatError] = []

    def bad(err: _Bad) -> None:
        error = FormatError(path, err.where, err.message)
        if not skip_bad:
            raise error
        skipped.append(error)

    nodes: dict[str, _Node] = {}
    for i, item in enumerate(_items(tree, "nodes", path)):
        try:
            node = _read_node(item, f"nodes[{i}]")
            if node.id in nodes:
                raise _Bad(f"nodes[{i}].id", f"'{node.id[:40]}' is the id of an earlier node")
            nodes[node.id] = node
        except _Bad as err:
            bad(err)
    if sum(node.type != "group" for node in nodes.values()) > MAX_CARDS:
        raise FormatError(path, "nodes", f"more than {MAX_CARDS:,} cards; a map holds at most that many")
    edges, seen = [], set()
    for i, item in enumerate(_items(tree, "edges", path)):
        try:
            edge = _read_edge(item, f"edges[{i}]", nodes)
            if edge[0] in seen:
                raise _Bad(f"edges[{i}].id", f"'{edge[0][:40]}' is the id of an earlier edge")
            seen.add(edge[0])
            edges.append(edge)
        except _Bad as err:
            bad(err)
    return nodes, edges, skipped


def _is_stage(group: _Node) -> bool:
    if group.id.startswith("stage:"):
        return True
    if group.id.startswith("lane:") or group.lane_type:
        return False
    return group.h >= group.w


def _own_id(node_id: str, prefix: str, build: MapBuilder, kind: str) -> str:
    """The map id a node keeps (its id without ``prefix``), or a new one when it cannot."""
    own = node_id.removeprefix(prefix)
    if _MAP_ID.fullmatch(own) and own not in build.taken:
        build.taken.add(own)
        return own
    return build.new_id(kind)


def canvas_to_map(nodes: dict[str, _Node], edges: list, into: Map | None, title: str) -> Map:
    base = into if into is not None else Map(title=title or "Untitled journey")
    build = MapBuilder(base)
    m = build.map
    groups = [n for n in nodes.values() if n.type == "group"]
    stage_groups = sorted((g for g in groups if _is_stage(g)), key=lambda g: (g.x, g.y))
    lane_groups = sorted((g for g in groups if not _is_stage(g)), key=lambda g: (g.y, g.x))
    stages, lanes = {}, {}
    for g in stage_groups:
        name = g.text or "Stage"
        fresh = name not in {s.name for s in m.stages}
        stages[g.id] = stage = build.stage(name)
        if fresh and into is None:
            stage.id = _own_id(g.id, "stage:", build, "stage")
            stage.colour = stage.colour or (g.colour if len(g.colour) == 7 else "")
    for g in lane_groups:
        name = g.text or "Lane"
        guessed = next((t for t, label in LANE_TYPE_LABELS.items() if label == name), LaneType.TEXT)
        fresh = name not in {lane.name for lane in m.lanes}
        lanes[g.id] = lane = build.lane(name, LaneType(g.lane_type) if g.lane_type else guessed)
        if fresh and into is None:
            lane.id = _own_id(g.id, "lane:", build, "lane")
            lane.colour = lane.colour or (g.colour if len(g.colour) == 7 else "")
    cells: dict[tuple, list[_Node]] = {}
    for node in nodes.values():
        if node.type == "group":
            continue
        centre = node.centre
        stage = next((stages[g.id] for g in stage_groups if g.holds(centre)), None) or build.stage(INBOX)
        lane = next((lanes[g.id] for g in lane_groups if g.holds(centre)), None) or build.lane(INBOX)
        cells.setdefault((stage.id, lane.id), []).append(node)
    by_id = {s.id: s for s in m.stages}
    lanes_by_id = {lane.id: lane for lane in m.lanes}
    card_of: dict[str, str] = {}
    for (stage_id, lane_id), members in cells.items():
        for node in sorted(members, key=lambda n: (n.y, n.x)):
            title, body = _title_body(node)
            kind = LANE_KIND.get(lanes_by_id[lane_id].type, CardKind.NOTE)  # as the editor's "add card here"
            card = build.card(by_id[stage_id], lanes_by_id[lane_id], title, kind, _own_id(node.id, "card:", build, "card"),
                              body=body, colour=node.colour if len(node.colour) == 7 else "")  # fmt: skip
            card_of[node.id] = card.id
    for edge_id, source, target, label in edges:
        if source in card_of and target in card_of:
            link_id = _own_id(edge_id, "", build, "link")
            m.links.append(Link(id=link_id, source_id=card_of[source], target_id=card_of[target], label=label))
    return m


def _title_body(node: _Node) -> tuple[str, str]:
    first, _, rest = node.text.strip().partition("\n")
    first = first.strip()
    if len(first) <= MAX_SHORT_TEXT:
        return first, rest.strip("\n")
    return first[: MAX_SHORT_TEXT - 1] + "…", node.text.strip()  # the whole text stays in the body


def read_canvas(path: Path, *, into: Map | None = None, skip_bad: bool = False) -> ImportResult:
    """The registry's reader for ``.canvas`` files (see :mod:`app.io.formats`)."""
    path = Path(path)
    with gc_paused():
        nodes, edges, skipped = parse_canvas(read_text(path), path, skip_bad)
        return ImportResult(canvas_to_map(nodes, edges, into, title_from_name(path)), skipped)
