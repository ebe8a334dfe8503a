"""The columns of a journey map CSV sheet, and how a cell holds a value (shared by
:mod:`csv_export` and :mod:`csv_import`).

One row per card. The export writes :data:`COLUMNS` in that order; the import reads any subset in
any order, by name, case-insensitive, with the synonyms in :data:`SYNONYMS` (``Step``, ``Phase``,
``Swimlane``, ``Touchpoint``, ``Description``...). Only ``stage``, ``lane`` and ``title`` are
required.

Cells:

* lists (``tags``, ``personas``, ``persona_ids``) are items separated by ``;``; an item's own
  ``;`` and ``\\`` are written ``\\;`` and ``\\\\``, a space at either end of it ``\\ ``; items are
  trimmed and empty ones dropped when read;
* yes/no fields (``moment_of_truth``, ``pain_point``) are written ``yes`` or left empty; read as
  yes, y, true, 1, x (or ✓) and no, n, false, 0 or empty, any case;
* a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is written with a leading ``'``, as is one already starting
  with ``'`` and one of those characters or another ``'``; the import removes that one ``'``, so
  text round-trips exactly and opening an export never runs a formula.
"""

from __future__ import annotations

import re

#: The export's header, in order; also the canonical name of each column the import knows.
COLUMNS: tuple[str, ...] = (
    "card_id", "stage", "stage_id", "lane", "lane_id", "lane_type", "order", "title", "body", "kind",
    "channel", "owner", "personas", "persona_ids", "moment_of_truth", "pain_point",
    "importance_internal", "performance_internal", "importance_customer", "performance_customer",
    "tags", "colour", "votes", "notes",
)  # fmt: skip

#: Other names a hand-made sheet may give a column (compared after :func:`header_key`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "card_id": ("id", "card"),
    "stage": ("step", "phase", "stage_name"),
    "lane": ("swimlane", "swim_lane", "lane_name"),
    "lane_type": ("swimlane_type", "lanetype"),
    "title": ("touchpoint", "card_title", "name", "heading"),
    "body": ("description", "text", "details", "detail"),
    "kind": ("card_kind", "card_type"),
    "owner": ("owners", "responsible"),
    "personas": ("persona",),
    "moment_of_truth": ("moment", "mot"),
    "pain_point": ("pain",),
    "tags": ("tag", "labels", "label"),
    "colour": ("color",),
    "votes": ("vote", "dots"),
    "notes": ("note", "comment", "comments"),
}

REQUIRED: tuple[str, ...] = ("stage", "lane", "title")
RATINGS: tuple[str, ...] = ("importance_internal", "performance_internal", "importance_customer", "performance_customer")
#: Columns whose cells are free text (guarded against formulas; see the module docstring).
TEXT_COLUMNS = frozenset({"stage", "lane", "title", "body", "channel", "owner", "personas", "tags", "notes"})
#: Columns that say where a card goes rather than what it holds.
PLACE_COLUMNS = frozenset({"stage", "stage_id", "lane", "lane_id", "lane_type"})

_KEY_JUNK = re.compile(r"[\s\-./]+")


def header_key(name: str) -> str:
    """A header cell compared: trimmed, lower case, spaces, dashes, dots and slashes as ``_``
    (``"Moment of truth"`` -> ``moment_of_truth``; a leading BOM is dropped)."""
    return _KEY_JUNK.sub("_", name.replace("\ufeff", "").strip().casefold()).strip("_")


_BY_KEY: dict[str, str] = {c: c for c in COLUMNS}
for _column, _names in SYNONYMS.items():
    for _name in _names:
        _BY_KEY[_name] = _column


def column_of(header: str) -> str | None:
    """The column a header cell names, or None (a column the import does not read)."""
    return _BY_KEY.get(header_key(header))


def also_named(column: str) -> str:
    """``"step, phase, stage_name"``: the synonyms of a column, for an error message."""
    return ", ".join(SYNONYMS.get(column, ()))


# ------------------------------------------------------------------------ formulas
_FORMULA_START = frozenset("=+-@\t\r")


def guard_formula(text: str) -> str:
    """``text`` as written to a cell (see the module docstring)."""
    if text and (text[0] in _FORMULA_START or (text[0] == "'" and len(text) > 1 and text[1] in _FORMULA_START | {"'"})):
        return "'" + text
    return text


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`."""
    if len(text) > 1 and text[0] == "'" and (text[1] in _FORMULA_START or text[1] == "'"):
        return text[1:]
    return text


# --------------------------------------------------------------------------- lists
def join_items(items: list[str]) -> str:
    """A list cell: items separated by ``; `` (see the module docstring)."""
    return "; ".join(_escape_item(item) for item in items)


def _escape_item(item: str) -> str:
    if "\\" not in item and ";" not in item and not (item[:1].isspace() or item[-1:].isspace()):
        return item  # the usual case: nothing to escape
    last = len(item) - 1
    return "".join(
        "\\" + ch if ch in "\\;" or (ch.isspace() and i in (0, last)) else ch for i, ch in enumerate(item)
    )


def split_items(cell: str) -> list[str]:
    """The items of a list cell: the inverse of :func:`join_items`; an item is trimmed of
    unescaped white space, empty items are dropped. A ``\\`` before any other character is kept."""
    if not cell or cell.isspace():
        return []
    if "\\" not in cell:
        return [item for item in (part.strip() for part in cell.split(";")) if item]
    items: list[str] = []
    chars: list[str] = []
    escaped: list[bool] = []

    def finish() -> None:
        start, end = 0, len(chars)
        while start < end and chars[start].isspace() and not escaped[start]:
            start += 1
        while end > start and chars[end - 1].isspace() and not escaped[end - 1]:
            end -= 1
        if end > start:
            items.append("".join(chars[start:end]))
        chars.clear()
        escaped.clear()

    i, n = 0, len(cell)
    while i < n:
        ch = cell[i]
        if ch == "\\" and i + 1 < n and (cell[i + 1] in "\\;" or cell[i + 1].isspace()):
            chars.append(cell[i + 1])
            escaped.append(True)
            i += 2
            continue
        if ch == ";":
            finish()
        else:
            chars.append(ch)
            escaped.append(False)
        i += 1
    finish()
    return items


# ------------------------------------------------------------------------ yes / no
YES = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"})
NO = frozenset({"no", "n", "false", "0", "", "-", "nein", "non"})


def yes_no(value: bool) -> str:
    return "yes" if value else ""


def parse_yes_no(cell: str) -> bool | None:
    """True or False, or None when the cell is neither yes nor no."""
    key = cell.strip().casefold()
    if key in YES:
        return True
    if key in NO:
        return False
    return None
