"""Three-way merge of maps, element by element and field by field (git's merge driver uses it).

:func:`merge_maps` takes the common ancestor (``base``; None when there is none, as for a file
both branches added) and the two sides (``ours``, ``theirs``) and returns a :class:`Merged`: a
map that always validates and the list of conflicts.

The rules:

* Elements (personas, stages, lanes, cards, curves, each curve's points, links, stage metrics)
  are matched by id, and then each field on its own: a field one side changed takes that side's
  value, so both sides' edits to different fields or different elements combine.
* A card's tags and personas are sets: additions and removals of both sides combine, never a
  conflict. The map's ``modified`` time stamp takes the later of the two.
* A card's place: a cell (stage and lane) one side changed wins, with that side's order; when
  both moved it to different cells, ours wins (a conflict). Order numbers within a cell are sort
  keys: when both changed one, ours is kept silently (never a conflict).
* Deleted on one side and unchanged on the other: deleted. Deleted on one side and edited on the
  other: the edit wins (the element stays, with the edits) and it is a conflict, as git reports a
  modify/delete conflict. An element one side deleted that the merged map still needs (the other
  side added a card to a deleted stage, linked to a deleted card, anchored a point to it, gave a
  card a deleted persona) is kept, and that is a conflict too: nothing anyone added is lost.
* Lists whose order means something (stages, lanes, personas, curves; the others keep the same
  rule for a quiet file diff): when one side reordered the elements both kept, its order wins;
  each side's new elements go after the element they followed on their side. When both
  reordered differently, ours wins (a conflict on the map).
* A true conflict (both sides changed the same field to different values, or the cases above)
  keeps ours in the field and theirs beside it: every conflicted element gets an unknown field
  ``merge_conflicts``, a list of ``{"field": NAME, "ours": VALUE, "theirs": VALUE}`` (or
  ``{"field": "", "deleted_by": "theirs"}``), which every reader keeps (unknown fields survive
  load and save); a card is also tagged ``conflict`` and a line per conflict is appended to its
  notes (as much as fits in the notes' limit), so the editor shows it.
* The result always validates. Should the combination break a rule no single side could break
  (more than ``MAX_CARDS`` cards, an id both sides gave to different kinds of element), the
  merge gives up: the result is ours, with the reason in the map's ``merge_conflicts``.

Pure Python over the maps' JSON data; no Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .schema import MAX_LONG_TEXT, Map
from .validation import MapInvalid, parse_map

COLLECTIONS = (
    ("persona", "personas"),
    ("stage", "stages"),
    ("lane", "lanes"),
    ("card", "cards"),
    ("curve", "curves"),
    ("link", "links"),
    ("metric", "metrics"),
)
CONFLICT_FIELD = "merge_conflicts"
CONFLICT_TAG = "conflict"
_SETS = {"card": ("tags", "persona_ids")}
_SKIP = {
    "map": {name for _, name in COLLECTIONS} | {"modified"},
    "card": {"stage_id", "lane_id", "order"},
    "curve": {"points"},
}
#: (entity, field, entity referred to) for every reference the map guards
_REFERENCES = (
    ("card", "stage_id", "stage"),
    ("card", "lane_id", "lane"),
    ("card", "persona_ids", "persona"),
    ("curve", "persona_id", "persona"),
    ("point", "stage_id", "stage"),
    ("point", "card_id", "card"),
    ("link", "source_id", "card"),
    ("link", "target_id", "card"),
    ("metric", "stage_id", "stage"),
)
_MISSING: Any = object()


@dataclass(frozen=True)
class Conflict:
    entity: str  # map, persona, stage, lane, card, curve, point, link, metric
    id: str
    name: str
    message: str

    def __str__(self) -> str:
        what = f"{self.entity} {json.dumps(self.name, ensure_ascii=False)}" if self.name else self.entity
        return f"{what} ({self.id}): {self.message}" if self.id else f"{what}: {self.message}"


@dataclass
class Merged:
    map: Map
    conflicts: list[Conflict]


def merge_maps(base: Map | None, ours: Map, theirs: Map) -> Merged:
    """Merge ``ours`` and ``theirs`` against ``base`` (see the module docstring)."""
    b = base.model_dump(mode="json") if base is not None else {}
    o, t = ours.model_dump(mode="json"), theirs.model_dump(mode="json")
    run = _Run()
    merged = run.merge(b, o, t)
    try:
        return Merged(parse_map(merged), run.conflicts)
    except MapInvalid as err:
        o[CONFLICT_FIELD] = [*o.get(CONFLICT_FIELD, []), {"field": "", "error": f"could not merge: {err}"}]
        conflict = Conflict("map", "", "", f"could not merge ({err}); the result is ours")
        return Merged(parse_map(o), [*run.conflicts, conflict])


def _name(entity: str, element: dict[str, Any]) -> str:
    return str(element.get("title") or element.get("name") or element.get("label") or "")


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _merge_value(b: Any, o: Any, t: Any) -> tuple[Any, bool]:
    if o == t:
        return o, False
    if o == b:
        return t, False
    if t == b:
        return o, False
    return o, True


def _merge_set(b: Any, o: Any, t: Any) -> Any:
    """Tags, personas: one side's list as it is when only it changed; else additions and
    removals of both (ours' order, then theirs' additions)."""
    if o == t or t == b:
        return o
    if o == b:
        return t
    base = set(b) if isinstance(b, list) else set()
    ours = o if isinstance(o, list) else []
    theirs = t if isinstance(t, list) else []
    gone = (base - set(ours)) | (base - set(theirs))
    out = [v for v in ours if v not in gone]
    out += [v for v in theirs if v not in gone and v not in out]
    return list(dict.fromkeys(out))


def merge_order(
    base: list[str], ours: list[str], theirs: list[str], keep: set[str]
) -> tuple[list[str], bool]:
    """The merged order of a list of ids, and whether both sides reordered it differently."""
    both = set(ours) & set(theirs) & set(base)
    rel_b, rel_o, rel_t = ([i for i in seq if i in both] for seq in (base, ours, theirs))
    conflict = False
    if rel_o == rel_t or rel_t == rel_b:
        primary, other = ours, theirs
    elif rel_o == rel_b:
        primary, other = theirs, ours
    else:
        primary, other, conflict = ours, theirs, True
    head = [i for i in primary if i in keep]
    placed = set(head)
    after: dict[str | None, list[str]] = {}
    previous: str | None = None  # the nearest element before, on the other side, that is placed
    for i in other:
        if i in keep and i not in placed:
            after.setdefault(previous, []).append(i)
            placed.add(i)
        if i in placed:
            previous = i
    out: list[str] = []
    stack = list(reversed(after.get(None, []) + head))  # what followed nothing goes first
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(reversed(after.get(i, [])))
    return out, conflict


class _Run:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.marks: dict[int, list[dict[str, Any]]] = {}  # id(element dict) -> conflict records
        self.elements: dict[int, tuple[str, dict[str, Any]]] = {}

    def conflict(self, entity: str, element: dict[str, Any], record: dict[str, Any], message: str) -> None:
        self.conflicts.append(Conflict(entity, str(element.get("id", "")), _name(entity, element), message))
        self.marks.setdefault(id(element), []).append(record)
        self.elements[id(element)] = (entity, element)

    # ------------------------------------------------------------------------------- the map
    def merge(self, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        out = self.fields("map", b, o, t)
        out["modified"] = max(str(o.get("modified", "")), str(t.get("modified", "")))
        sides = {name: (b.get(name, []), o.get(name, []), t.get(name, [])) for _, name in COLLECTIONS}
        merged = {entity: self.collection(entity, *sides[name]) for entity, name in COLLECTIONS}
        self.restore(merged, sides)
        for entity, name in COLLECTIONS:
            bl, ol, tl = sides[name]
            ids, reordered = merge_order(
                *([e["id"] for e in side] for side in (bl, ol, tl)), set(merged[entity])
            )
            out[name] = [merged[entity][i] for i in ids]
            if reordered and entity in ("persona", "stage", "lane", "curve"):
                self.conflict(
                    "map",
                    out,
                    {"field": name, "theirs": [e["id"] for e in tl]},
                    f"both sides reordered the {name}; ours kept",
                )
        self.apply_marks()
        return out

    def fields(self, entity: str, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        skip = _SKIP.get(entity, ())
        sets = _SETS.get(entity, ())
        clashes = []
        for key in (*o, *(k for k in t if k not in o)):
            if key in skip:
                continue
            vb, vo, vt = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            if key in sets:
                value, clash = _merge_set(vb, vo, vt), False
            else:
                value, clash = _merge_value(vb, vo, vt)
            if value is not _MISSING:
                out[key] = value
            if clash:
                clashes.append((key, vo, vt))
        for key, vo, vt in clashes:
            ours, theirs = (None if v is _MISSING else v for v in (vo, vt))
            self.conflict(
                entity, out, {"field": key, "ours": ours, "theirs": theirs},
                f"{key}: ours {_short(ours)}, theirs {_short(theirs)}; ours kept, theirs in {CONFLICT_FIELD}",
            )  # fmt: skip
        return out

    def element(self, entity: str, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        out = self.fields(entity, b, o, t)
        if entity == "card":
            self.place(out, b, o, t)
        elif entity == "curve":
            points = self.collection("point", b.get("points", []), o.get("points", []), t.get("points", []))
            ids, _ = merge_order(
                *([p["id"] for p in side.get("points", [])] for side in (b, o, t)), set(points)
            )
            out["points"] = [points[i] for i in ids]
        return out

    def place(self, out: dict[str, Any], b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> None:
        def cell(side: dict[str, Any]) -> tuple[Any, Any]:
            return (side.get("stage_id"), side.get("lane_id"))

        if cell(o) == cell(t):
            chosen = o
            order, _ = _merge_value(b.get("order"), o.get("order"), t.get("order"))
        else:
            chosen = t if cell(o) == cell(b) else o
            order = chosen.get("order")
            if cell(o) != cell(b) and cell(t) != cell(b):
                self.conflict("card", out, {"field": "cell", "ours": list(cell(o)), "theirs": list(cell(t))},
                              "both sides moved it to different cells; ours kept")  # fmt: skip
        out["stage_id"], out["lane_id"], out["order"] = chosen.get("stage_id"), chosen.get("lane_id"), order

    def collection(
        self, entity: str, bl: list[Any], ol: list[Any], tl: list[Any]
    ) -> dict[str, dict[str, Any]]:
        bd, od, td = ({e["id"]: e for e in side} for side in (bl, ol, tl))
        out: dict[str, dict[str, Any]] = {}
        for ident in (*od, *(i for i in td if i not in od)):
            b, o, t = bd.get(ident), od.get(ident), td.get(ident)
            if o is not None and t is not None:
                out[ident] = o if o == t else self.element(entity, b or {}, o, t)
            elif b is None:
                out[ident] = o if o is not None else t  # added by one side
            else:
                kept, deleter = (o, "theirs") if o is not None else (t, "ours")
                if kept != b:  # edited on one side, deleted on the other: the edit wins
                    out[ident] = kept = dict(kept)
                    self.conflict(entity, kept, {"field": "", "deleted_by": deleter},
                                  f"deleted by {deleter}, edited by the other side; kept with the edits")  # fmt: skip
        return out

    # ------------------------------------------------------------------ references and marks
    def restore(
        self, merged: dict[str, dict[str, dict[str, Any]]], sides: dict[str, tuple[list, list, list]]
    ) -> None:
        """Bring back elements one side deleted that the merged map still refers to."""
        names = dict(COLLECTIONS)
        for _ in range(len(COLLECTIONS) + 2):  # a restored card may need its stage, persona...
            missing = [r for r in self._references(merged) if r[2] not in merged[r[1]]]
            if not missing:
                return
            for entity, target, ref, user in missing:
                if ref in merged[target]:
                    continue
                _, ol, tl = sides[names[target]]
                found = [(e, "theirs") for e in ol if e["id"] == ref] or [
                    (e, "ours") for e in tl if e["id"] == ref
                ]
                if not found:
                    continue  # cannot happen: a reference comes from a side that has its target
                source, deleter = found[0]
                merged[target][ref] = kept = dict(source)
                self.conflict(target, kept, {"field": "", "deleted_by": deleter},
                              f"deleted by {deleter}, but the other side's {entity} {_short(_name(entity, user) or user['id'], 40)} needs it; kept")  # fmt: skip

    @staticmethod
    def _references(
        merged: dict[str, dict[str, dict[str, Any]]],
    ) -> Iterable[tuple[str, str, str, dict[str, Any]]]:
        """(entity, entity referred to, id referred to, the referring element) of every reference."""
        points = [p for curve in merged["curve"].values() for p in curve.get("points", [])]
        for entity, field, target in _REFERENCES:
            elements = points if entity == "point" else merged[entity].values()
            for e in elements:
                value = e.get(field)
                for ref in value if isinstance(value, list) else [value]:
                    if ref is not None:
                        yield entity, target, ref, e

    def apply_marks(self) -> None:
        for key, records in self.marks.items():
            entity, element = self.elements[key]
            element[CONFLICT_FIELD] = [*element.get(CONFLICT_FIELD, []), *records]
            if entity == "card":
                tags = element.get("tags", [])
                if CONFLICT_TAG not in tags:
                    element["tags"] = [*tags, CONFLICT_TAG]  # a new list: the sides' data stays as read
                lines = [_note(r) for r in records]
                notes = element.get("notes", "")
                for line in lines:
                    room = MAX_LONG_TEXT - len(notes) - 2
                    if room > 20:
                        notes = (notes + "\n\n" if notes else "") + (
                            line if len(line) <= room else line[: room - 1] + "…"
                        )
                element["notes"] = notes


def _note(record: dict[str, Any]) -> str:
    if record.get("deleted_by"):
        return f"Merge conflict: deleted by {record['deleted_by']}, kept with the other side's edits."
    return (
        f"Merge conflict in {record['field']}: theirs was {_short(record.get('theirs'), 2000)} (ours kept)."
    )
