"""Maps over time: ``journeymap diff OLD NEW`` and ``journeymap merge-driver BASE OURS THEIRS``.

``diff`` prints what changed from OLD to NEW (:mod:`app.model.mapdiff`) and exits 0 when the maps
are the same, 1 when they differ, 2 when a file cannot be read. ``--json`` prints the same as one
JSON object (format ``journeymap-diff``, version 1)::

    {"format": "journeymap-diff", "version": 1,
     "old": {"file": "OLD", "title": "..."}, "new": {"file": "NEW", "title": "..."},
     "same": false,
     "counts": {"card": {"added": 2, "moved": 1}, ...},
     "changes": [
       {"entity": "card", "action": "moved", "id": "c-7", "name": "Order laptop",
        "before": {"position": 2, "stage_id": "s1", "stage": "Purchase", "lane_id": "l1", "lane": "Actions"},
        "after": {...}, "fields": [{"field": "title", "old": "...", "new": "..."}]},
       {"entity": "point", "action": "edited", "id": "pt-1", "parent": "curve-1", ...}]}

``entity`` is one of map, persona, stage, lane, card, curve, point, link, metric; ``action`` one of
added, removed, moved, reordered, renamed, edited. ``before`` (absent for an added element) and
``after`` (absent for a removed one) give a card's cell and 1-based position in it, or a
persona's, stage's, lane's or curve's 1-based position in its list; links, metrics and points
have none. ``fields`` lists each changed field with its JSON values (ids as ids; a persona photo
as "JPEG, 312 KB"). Keys are only ever added to this format, never renamed or removed, within
version 1.

``merge-driver`` is git's merge driver for map files (see :mod:`app.model.merge3` and the README).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli import EXIT_ERROR, EXIT_OK, PROG, _one_line, command
from app.io.jsonfile import MAX_FILE_BYTES, MapFileError, gc_paused, load_map, loads_map
from app.io.mapsave import save_map
from app.model.mapdiff import Change, FieldChange, MapDiff, Place, card_title, diff_maps
from app.model.merge3 import CONFLICT_FIELD, CONFLICT_TAG, merge_maps
from app.model.schema import Map

EXIT_DIFFERENT = 1
DIFF_FORMAT, DIFF_VERSION = "journeymap-diff", 1
PLURAL = {"map": "map", "persona": "personas", "stage": "stages", "lane": "lanes", "card": "cards",
          "curve": "curves", "point": "curve points", "link": "links", "metric": "stage metrics"}  # fmt: skip


# ------------------------------------------------------------------------------------- diff
def _diff_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier map file (- reads it from standard input)"
    )
    p.add_argument(
        "new", type=Path, metavar="NEW", help="the later map file (- reads it from standard input)"
    )
    p.add_argument("--json", action="store_true", help="print JSON (format journeymap-diff, version 1)")


@command(
    "diff", "list what changed between two maps; exit 0 when the same, 1 when they differ", _diff_arguments
)
def cmd_diff(args: argparse.Namespace) -> int:
    if str(args.old) == str(args.new) == "-":
        print(_one_line(f"{PROG} diff: only one of OLD and NEW can be - (standard input)"), file=sys.stderr)
        return EXIT_ERROR
    with gc_paused():
        old = _load(args.old)
        new = _load(args.new)
        diff = diff_maps(old, new)
    if args.json:
        print(json.dumps(diff_json(diff, str(args.old), str(args.new)), indent=2, ensure_ascii=False))
    else:
        print("\n".join(_one_line(line) for line in diff_text(diff, str(args.old), str(args.new))))
    return EXIT_OK if diff.same else EXIT_DIFFERENT


def _load(path: Path) -> Map:
    """A map file, or with ``-`` the map on standard input (e.g. ``git show REV:FILE | journeymap
    diff - FILE``), read up to the size limit of a map file."""
    if str(path) != "-":
        return load_map(path)
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError("<stdin>", "", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not a map file")
    return loads_map(data, "<stdin>")


class _Names:
    """Names of the elements both maps hold, the new map's first."""

    def __init__(self, diff: MapDiff):
        old, new = diff.old, diff.new
        self.stages = {s.id: s.name for s in old.stages} | {s.id: s.name for s in new.stages}
        self.lanes = {ln.id: ln.name for ln in old.lanes} | {ln.id: ln.name for ln in new.lanes}
        self.personas = {p.id: p.name for p in old.personas} | {p.id: p.name for p in new.personas}
        self._old_cards, self._new_cards = old.cards, new.cards
        self._cards: dict[str, str] | None = None

    def card(self, ident: str) -> str:
        if self._cards is None:  # only when a link or point names a card
            self._cards = {c.id: card_title(c) for c in self._old_cards} | {
                c.id: card_title(c) for c in self._new_cards
            }
        return self._cards.get(ident, ident)

    def cell(self, place: Place) -> str:
        return f"{self.stages.get(place.stage_id, place.stage_id)} / {self.lanes.get(place.lane_id, place.lane_id)}"


# ------------------------------------------------------------------------------------- JSON
def diff_json(diff: MapDiff, old_name: str, new_name: str) -> dict[str, Any]:
    names = _Names(diff)
    return {
        "format": DIFF_FORMAT,
        "version": DIFF_VERSION,
        "old": {"file": old_name, "title": diff.old.title},
        "new": {"file": new_name, "title": diff.new.title},
        "same": diff.same,
        "counts": diff.counts(),
        "changes": [_change_json(c, names) for c in diff.changes],
    }


def _place_json(place: Place, names: _Names) -> dict[str, Any]:
    out: dict[str, Any] = {"position": place.position}
    if place.stage_id:
        out |= {"stage_id": place.stage_id, "stage": names.stages.get(place.stage_id, ""),
                "lane_id": place.lane_id, "lane": names.lanes.get(place.lane_id, "")}  # fmt: skip
    return out


def _change_json(c: Change, names: _Names) -> dict[str, Any]:
    out: dict[str, Any] = {"entity": c.entity, "action": c.action, "id": c.id, "name": c.name}
    if c.parent:
        out["parent"] = c.parent
    if c.before is not None:
        out["before"] = _place_json(c.before, names)
    if c.after is not None:
        out["after"] = _place_json(c.after, names)
    out["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields]
    return out


# ------------------------------------------------------------------------------------- text
def diff_text(diff: MapDiff, old_name: str, new_name: str) -> list[str]:
    """The report a facilitator reads: a headline, then the changes grouped by kind of element."""
    if diff.same:
        return [f"{old_name} and {new_name}: the same map"]
    names = _Names(diff)
    lines = [f"{old_name} -> {new_name}: {summary(diff)}"]
    group = ""
    for c in diff.changes:
        if c.entity != group:
            group = c.entity
            lines.append(PLURAL[group])
        lines.append(f"  {c.action:<10} {describe(c, names)}")
    return lines


def summary(diff: MapDiff) -> str:
    n = len(diff.changes)
    parts = []
    for entity, actions in diff.counts().items():
        parts.append(f"{PLURAL[entity]} " + ", ".join(f"{k} {a}" for a, k in actions.items()))
    return f"{n} change{'s' if n != 1 else ''} ({'; '.join(parts)})"


def _quoted(text: str, limit: int = 60) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _value(name: str, value: Any, names: _Names) -> str:
    if value is None:
        return "none"
    if name in ("stage_id",):
        return _quoted(names.stages.get(value, value))
    if name in ("lane_id",):
        return _quoted(names.lanes.get(value, value))
    if name in ("persona_id",):
        return _quoted(names.personas.get(value, value))
    if name in ("source_id", "target_id", "card_id"):
        return _quoted(names.card(value))
    if name == "persona_ids":
        return "[" + ", ".join(names.personas.get(v, v) for v in value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(_quoted(v) if isinstance(v, str) else json.dumps(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return _quoted(json.dumps(value, ensure_ascii=False), 80) if isinstance(value, dict) else str(value)


def _field_text(f: FieldChange, names: _Names) -> str:
    label = {"stage_id": "stage", "lane_id": "lane", "persona_id": "persona", "persona_ids": "personas",
             "source_id": "from", "target_id": "to", "card_id": "card"}.get(f.field, f.field.replace("_", " "))  # fmt: skip
    return f"{label} {_value(f.field, f.old, names)} -> {_value(f.field, f.new, names)}"


def describe(c: Change, names: _Names) -> str:
    """One change in a line: the element, where it went, then its field changes."""
    text = _quoted(c.name) if c.entity != "point" else c.name
    if c.entity == "card":
        if c.action == "added" and c.after:
            text += f" in {names.cell(c.after)}"
        elif c.action == "removed" and c.before:
            text += f" from {names.cell(c.before)}"
        elif c.action == "moved" and c.before and c.after:
            text += f": {names.cell(c.before)} -> {names.cell(c.after)}"
        elif c.action == "reordered" and c.before and c.after:
            text += f" in {names.cell(c.after)}: position {c.before.position} -> {c.after.position}"
    elif c.action == "reordered" and c.before and c.after:
        text += f": position {c.before.position} -> {c.after.position}"
    elif c.action == "added" and c.after:
        text += f" at position {c.after.position}"
    if c.fields:
        text += ": " if c.action in ("edited", "renamed") else "; "
        text += "; ".join(_field_text(f, names) for f in c.fields)
    return text


# ----------------------------------------------------------------------------- merge-driver
def _merge_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", type=Path, metavar="BASE", help="the common ancestor (git's %%O; may be empty)")
    p.add_argument(
        "ours", type=Path, metavar="OURS", help="our version (git's %%A); the result is written here"
    )
    p.add_argument("theirs", type=Path, metavar="THEIRS", help="their version (git's %%B)")
    p.add_argument(
        "path", nargs="?", default="", metavar="PATH", help="the file's name in the repository (git's %%P)"
    )


@command(
    "merge-driver",
    "git merge driver for maps: merge BASE, OURS, THEIRS by element and field into OURS; exit 1 on conflicts",
    _merge_arguments,
)
def cmd_merge_driver(args: argparse.Namespace) -> int:
    with gc_paused():
        base = None if _empty(args.base) else load_map(args.base)
        ours = load_map(args.ours)
        theirs = load_map(args.theirs)
        merged = merge_maps(base, ours, theirs)
        save_map(merged.map, args.ours, backup=False)  # atomic; git keeps the versions, so no .bak
    name = args.path or str(args.ours)
    for conflict in merged.conflicts:
        print(_one_line(f"{name}: conflict: {conflict}"), file=sys.stderr)
    if merged.conflicts:
        n = len(merged.conflicts)
        print(_one_line(f"{name}: {n} conflict{'s' if n != 1 else ''} kept both values; look for the tag "
                        f"'{CONFLICT_TAG}' and '{CONFLICT_FIELD}' in the map"), file=sys.stderr)  # fmt: skip
        return EXIT_DIFFERENT
    return EXIT_OK


def _empty(path: Path) -> bool:
    """git passes an empty BASE when both branches added the file."""
    return path.stat().st_size == 0
