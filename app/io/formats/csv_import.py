"""A CSV sheet as a map (the registry's reader for ``.csv``): an export of this program (every
card field, ids kept: a lossless round trip) or a hand-made sheet (only ``stage``, ``lane`` and
``title`` needed; see :mod:`csv_columns` for the columns, their synonyms and cell formats).

* Text: UTF-8 with or without a byte-order mark, UTF-16 with one (a spreadsheet's "Unicode
  text"), else Windows-1252. Separator: comma, semicolon or tab, whichever makes the first row a
  header naming the most known columns. The first non-empty row is the header; rows count as a
  spreadsheet shows them (the header is usually row 1; a cell over several lines is one row).
* Stages and lanes are made by name (or matched: by id first, then by name, case-insensitive) in
  the order they first appear; a blank stage or lane cell repeats the one above (a merged cell);
  a new lane's type comes from the ``lane_type`` column, else from its name when that names a
  type (``Pain points``), else it is a text lane. A row naming only a stage and lane makes them
  and no card. Personas are matched or made the same way. A card without a ``kind`` gets the
  kind the editor gives a new card in its lane.
* ``into``: the sheet adds to a copy of that map (see :mod:`additions`); its cards go after the
  cards already in their cells.
* Bad input raises :class:`FormatError` naming the row and column; nothing is half-built. With
  ``skip_bad`` a bad row is left out and listed in ``ImportResult.skipped`` instead (a problem
  of the whole file, such as a quote never closed, still raises).
"""

from __future__ import annotations

import csv
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.io.oserrors import plain_os_error
from app.model.palette import KIND_LABEL
from app.model.schema import (
    LANE_KIND,
    MAX_CARDS,
    MAX_LONG_TEXT,
    RATING_MAX,
    RATING_MIN,
    Card,
    CardKind,
    Map,
)
from app.model.validation import check_references, error_message

from . import ImportResult
from .csv_columns import (
    PLACE_COLUMNS,
    RATINGS,
    REQUIRED,
    TEXT_COLUMNS,
    also_named,
    column_of,
    parse_yes_no,
    split_items,
    unguard_formula,
)
from .csv_places import Places, RowError, name_key
from .errors import FormatError, place

MAX_CSV_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_FIELD_LIMIT_LOCK = threading.Lock()  # csv.field_size_limit is one setting for the whole process

_KINDS: dict[str, CardKind] = {name_key(k.value): k for k in CardKind}
_KINDS |= {name_key(label): k for k, label in KIND_LABEL.items()}


# --------------------------------------------------------------------------- reading
def read_csv_map(path: str | os.PathLike[str], *, into: Map | None = None, skip_bad: bool = False) -> ImportResult:
    """Read the CSV file ``path`` (see the module docstring)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_CSV_BYTES + 1)
    except OSError as err:
        raise FormatError(path, "", f"cannot read: {plain_os_error(err)}") from None
    if len(data) > MAX_CSV_BYTES:
        raise FormatError(path, "", f"file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB")
    return csv_map_from_text(decode(data, path), path, into=into, skip_bad=skip_bad)


def decode(data: bytes, path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding, body = "cp1252", data
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        what = "UTF-8 or Windows-1252" if encoding == "cp1252" else encoding.upper()
        raise FormatError(path, place(line=line), f"not {what} text: byte 0x{body[err.start]:02X} "
                          "cannot be read (save the sheet as CSV UTF-8)") from None


def csv_map_from_text(text: str, path: Path, *, into: Map | None = None, skip_bad: bool = False) -> ImportResult:
    """The map a CSV sheet's text describes (``path`` names the file in messages)."""
    delimiter = detect_delimiter(text)
    with _FIELD_LIMIT_LOCK:
        old_limit = csv.field_size_limit(MAX_CSV_BYTES + 1)  # long cells are refused by row and column below
        try:
            records = list(_records(text, delimiter, path))
        finally:
            csv.field_size_limit(old_limit)
    header_at = next((i for i, (_, cells) in enumerate(records) if any(c.strip() for c in cells)), None)
    if header_at is None:
        raise FormatError(path, "", "the sheet is empty (expected a header row with stage, lane and title)")
    header_row, header = records[header_at]
    columns = _header_columns(header, header_row, path, delimiter)
    builder = _Builder(path, into, columns, header)
    skipped: list[FormatError] = []
    for row, cells in records[header_at + 1:]:
        try:
            builder.add_row(row, cells)
        except RowError as err:
            problem = FormatError(path, _where(row, err.column), err.message)
            if not skip_bad:
                raise problem from None
            skipped.append(problem)
    return ImportResult(builder.finish(), skipped)


def _where(row: int, column: str | None) -> str:
    if column is not None and column.startswith("#"):
        return f"row {row}, column {column[1:]}"
    return place(row, column)


def detect_delimiter(text: str) -> str:
    """The separator that makes the first row the best header: the most known columns, then
    the most cells; a comma when nothing tells."""
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            first = next((cells for cells in csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
                          if any(c.strip() for c in cells)), [])
        except csv.Error:
            continue
        score = (len({column_of(c) for c in first} - {None}), len(first))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every record; a quote never closed or a stray character after a
    closing quote is a FormatError naming the row and the column."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            row += 1
            column, problem = _locate_quote_problem(text, start_line, delimiter)
            message = problem or str(err)
            raise FormatError(path, f"row {row}, column {column}", message) from None
        row += 1
        yield row, cells


def _locate_quote_problem(text: str, start_line: int, delimiter: str) -> tuple[int, str]:
    """The column (1-based) of the cell where the record starting on ``start_line`` breaks,
    and what is wrong there (a scan of the same quoting rules as the csv module's)."""
    pos = _line_offset(text, start_line)
    column, n = 1, len(text)
    while pos < n:
        ch = text[pos]
        if ch == '"':  # a quoted cell
            opened_line = text.count("\n", 0, pos) + 1
            pos += 1
            while True:
                close = text.find('"', pos)
                if close < 0:
                    return column, f"a quote opened on line {opened_line} is never closed"
                if text.startswith('""', close):
                    pos = close + 2
                    continue
                pos = close + 1
                break
            if pos < n and text[pos] not in (delimiter, "\r", "\n"):
                return column, f"'{delimiter}' expected after the closing quote, found {text[pos]!r}"
        else:
            while pos < n and text[pos] not in (delimiter, "\r", "\n"):
                pos += 1
        if pos >= n or text[pos] in "\r\n":
            break
        pos += 1
        column += 1
    return column, ""


def _line_offset(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nl = min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=-1)
        if nl < 0:
            return len(text)
        pos = nl + (2 if text.startswith("\r\n", nl) else 1)
    return pos


def _header_columns(header: list[str], row: int, path: Path, delimiter: str) -> dict[str, int]:
    """column name -> index in the row; FormatError for a required column missing or a
    column named twice."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = column_of(cell)
        if column is None:
            continue
        if column in columns:
            first = header[columns[column]].strip()
            raise FormatError(path, place(row, cell.strip()), f"names the same column as '{first}' ({column})")
        columns[column] = index
    for column in REQUIRED:
        if column not in columns:
            others = also_named(column)
            found = ", ".join(repr(c.strip()) for c in header[:8] if c.strip())
            raise FormatError(path, place(row), f"no '{column}' column (or {others}); the header "
                              f"({_DELIMITER_NAMES[delimiter]} separated) has {found or 'no names'}")
    return columns


# --------------------------------------------------------------------------- building
class _Builder:
    """Turns rows into new personas, stages, lanes and cards, then into the map."""

    def __init__(self, path: Path, into: Map | None, columns: dict[str, int], header: list[str]):
        self.path = path
        self.into = into
        self.base = into if into is not None else Map(title=path.stem[:200] or "Imported journey")
        self.columns = columns
        self.names = {column: header[index].strip() for column, index in columns.items()}
        self.width = len(header)
        self.text_columns = [column for column in columns if column in TEXT_COLUMNS]
        self.places = Places(self.base)
        self.cards: list[Card] = []
        self.last_place: dict[str, str] = {}
        self.max_cards = MAX_CARDS - len(self.base.cards)

    def _values(self, cells: list[str]) -> dict[str, str]:
        """column -> cell of one row (text cells unguarded); a cell longer than any text a map
        holds is refused by its column."""
        if max(map(len, cells)) > MAX_LONG_TEXT:
            for column, index in self.columns.items():
                if len(cells[index]) > MAX_LONG_TEXT:
                    raise RowError(self.names[column], f"the cell holds {len(cells[index]):,} characters; "
                                   f"at most {MAX_LONG_TEXT:,} are allowed")
        values = {column: cells[index] for column, index in self.columns.items()}
        for column in self.text_columns:
            cell = values[column]
            if cell[:1] == "'":
                values[column] = unguard_formula(cell)
        return values

    def add_row(self, row: int, cells: list[str]) -> None:
        if not any(cells) or not "".join(cells).strip():
            return  # an empty row
        if len(cells) != self.width:
            if len(cells) > self.width:
                raise RowError(f"#{self.width + 1}", f"the row has {len(cells)} cells, the header {self.width} "
                                "(a separator inside a cell that is not quoted?)")
            missing = next(name for name, index in self.columns.items() if index >= len(cells)) if any(
                index >= len(cells) for index in self.columns.values()) else None
            raise RowError(self.names[missing] if missing else f"#{len(cells) + 1}",
                            f"missing: the row has {len(cells)} cells, the header {self.width}")
        values = self._values(cells)
        where = self._fill_down(values)
        if not (values.get("title") or values.get("card_id")) and all(
                not values[c].strip() for c in values if c not in PLACE_COLUMNS):
            self.places.commit(self.places.resolve(where, self.names))  # a stage and lane, no card
            return
        if len(self.cards) >= self.max_cards:
            raise RowError(None, f"too many cards: a map holds at most {MAX_CARDS:,}")
        resolved = self.places.resolve(where, self.names)
        fields = self._card_fields(values)
        personas = self.places.personas(split_items(values.get("personas", "")),
                                        split_items(values.get("persona_ids", "")), self.names)
        lane_type = resolved.lane.type
        fields.setdefault("kind", LANE_KIND.get(lane_type, CardKind.NOTE))
        fields["id"] = self.places.card_id(values.get("card_id", "").strip())
        fields["stage_id"], fields["lane_id"] = resolved.stage.id, resolved.lane.id
        fields["persona_ids"] = [p.id for _, p in personas]
        try:
            card = Card.model_validate(fields)
        except ValidationError as err:
            first = err.errors(include_url=False)[0]
            name = str(first["loc"][0]) if first["loc"] else ""
            raise RowError(self._column_name(name), error_message(first)) from None
        self.places.commit(resolved, personas)
        self.places.claim(card.id)
        card.order = self.places.card_order(card, "order" in fields)
        self.cards.append(card)

    def _column_name(self, field: str) -> str | None:
        column = {"persona_ids": "personas" if "personas" in self.names else "persona_ids",
                  "id": "card_id"}.get(field, field)
        return self.names.get(column)

    def _fill_down(self, values: dict[str, str]) -> dict[str, str]:
        """The row's stage and lane cells; blank ones repeat the row above (merged cells).
        Names are trimmed in a hand-made sheet and kept as written in an export (``card_id``)."""
        exact = "card_id" in self.columns
        where = {}
        for column in PLACE_COLUMNS:
            raw = values.get(column, "")
            where[column] = raw if exact and column in ("stage", "lane") and raw.strip() else raw.strip()
        for name, ident in (("stage", "stage_id"), ("lane", "lane_id")):
            if where[name] or where[ident]:
                self.last_place[name], self.last_place[ident] = where[name], where[ident]
            elif name in self.last_place:
                where[name], where[ident] = self.last_place[name], self.last_place[ident]
            else:
                raise RowError(self.names[name], f"empty, and no row above names a {name}")
        return where

    def _card_fields(self, values: dict[str, str]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        hand_made = "card_id" not in self.columns
        for column in ("title", "body", "channel", "owner", "notes"):
            if column in values:
                fields[column] = values[column].strip() if hand_made and column in ("title", "channel", "owner") else values[column]
        if "kind" in values and values["kind"].strip():
            kind = _KINDS.get(values["kind"]) or _KINDS.get(name_key(values["kind"]))
            if kind is None:
                raise RowError(self.names["kind"], f"unknown kind '{values['kind'].strip()}' "
                                f"(one of {', '.join(k.value for k in CardKind)})")
            fields["kind"] = kind
        for column in ("moment_of_truth", "pain_point"):
            if column in values:
                flag = parse_yes_no(values[column])
                if flag is None:
                    raise RowError(self.names[column], f"'{values[column].strip()}' is not yes or no")
                fields[column] = flag
        for column in RATINGS:
            if values.get(column, "").strip():
                fields[column] = self._whole(column, values[column], RATING_MIN, RATING_MAX, "a rating")
        if values.get("votes", "").strip():
            fields["votes"] = self._whole("votes", values["votes"], 0, 10_000, "a number of votes")
        if values.get("order", "").strip():
            fields["order"] = self._whole("order", values["order"], 0, 2**62, "an order")
        if "tags" in values:
            fields["tags"] = split_items(values["tags"])
        if values.get("colour", "").strip():
            colour = values["colour"].strip()
            fields["colour"] = colour if colour.startswith("#") else "#" + colour
            if len(colour.lstrip("#")) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in colour.lstrip("#")):
                raise RowError(self.names["colour"], f"'{colour}' is not a colour like #1F77B4")
        return fields

    def _whole(self, column: str, cell: str, low: int, high: int, what: str) -> int:
        text = cell.strip()
        if len(text) > 40:  # no whole number a map holds (and int() refuses 4,300 digits)
            raise RowError(self.names[column], f"'{text[:40]}…' is not {what} (a whole number {low}..{high})")
        if text.isascii() and text.isdigit():
            number = int(text)
            if low <= number <= high:
                return number
        try:
            number = float(text) if any(ch in text for ch in ".eE") else int(text)
        except (ValueError, OverflowError):
            raise RowError(self.names[column], f"'{text[:40]}' is not {what} (a whole number {low}..{high})") from None
        if number != number or number in (float("inf"), float("-inf")) or number != int(number):
            raise RowError(self.names[column], f"'{text[:40]}' is not {what} (a whole number {low}..{high})")
        if not low <= number <= high:
            label = "rating" if column in RATINGS else column
            raise RowError(self.names[column], f"{label} {text[:40]} is out of range {low}..{high}")
        return int(number)

    def finish(self) -> Map:
        """The map: the new elements validated row by row above, the references checked here
        (``into``: its elements are shared, not copied; neither map is to be changed)."""
        places, base = self.places, self.base
        m = base.model_copy(update={
            "personas": [*base.personas, *places.new_personas], "stages": [*base.stages, *places.new_stages],
            "lanes": [*base.lanes, *places.new_lanes], "cards": [*base.cards, *self.cards]})  # fmt: skip
        problems = check_references(m)
        if problems:  # every reference was resolved above: a broken invariant, not bad input
            raise FormatError(self.path, "", f"the imported map is not valid: {problems[0]}")
        return m
