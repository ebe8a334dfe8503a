"""Mermaid ``journey`` diagrams (the user journeys GitHub renders) in and out of a map.

The grammar read is Mermaid's own (its ``journey.jison``)::

    journey
        title My working day
        accTitle: a title for screen readers
        accDescr { a description
                   on several lines }
        section Go to work
          Make tea: 5: Me
          Go upstairs: 3: Me, Cat
          Do work: 1

Keywords are case-insensitive; ``%%`` starts a comment line, also after one character (``x%%``,
see below; ``%%{...}%%`` is a directive line, skipped too); ``#`` starts a comment that runs to
the end of the line; a YAML front matter block (``---`` lines) may give the ``title:``. A task
is ``NAME: SCORE`` or ``NAME: SCORE: ACTOR, ACTOR``; ``<br>`` in a section or task name is a
line break.

Into a map: each section becomes a stage (matched by name with ``into``), each task a card of
the map's first (visible) customer-actions lane, in order, its actors the card's personas; each
actor a persona (matched by name), and the task's score a point anchored to the task's card on that
persona's customer-reported emotion curve (a task without actors scores the customer curve that
has no persona). ``title`` is the map's title, ``accDescr`` its goal, ``accTitle`` is kept in
the map field ``acc_title``.

Scores: Mermaid's faces 1..5 lie on the map's emotion scale -3..+3 as ``value = (score - 3) *
1.5``: 1 -> -3, 2 -> -1.5, 3 -> 0, 4 -> +1.5, 5 -> +3. Back, a value is rounded to the nearest
score, halves away from neutral (-1 and -2 -> 2, +1 and +2 -> 4). Export writes, per card of the
first (visible) actions lane, the personas whose customer curve has a point on the card (in the card's
own persona order) and that point's score; where those personas' points differ, their mean; a
card with no persona point takes the point of the curve with no persona, and a card with no
point at all is written with the neutral score 3.

Mermaid has no escapes in a journey: on export ``:``, ``#`` and ``;`` in names (and ``,`` in
actors) become their full-width forms (``：``, ``＃``, ``；``, ``，``); a name that Mermaid would
read as a keyword (``title ...``, ``section ...``), one that starts with ``%`` and an empty one
start with a zero-width space, which the reader removes again. Mermaid's lexer takes ``%%`` for a
comment only where a token starts, at the line's first character or its second (``x%%``, any
``x`` but ``}``): a line that starts so is a comment here too, and a task name that would start
so is written with the second ``%`` in full width (``％``); a ``%%`` further on (in a section
name, after a task name's first characters, among actors) is read and written as it is.
(Checked during development against Mermaid's own grammar, ``journey.jison`` compiled with
jison: every export of maps with such names parses there as here.)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.io.formats import ImportResult
from app.io.formats.errors import FormatError, place
from app.io.formats.mapbuild import MapBuilder, first_lane, new_map, read_text, text_problem, title_from_name
from app.io.jsonfile import gc_paused
from app.model.schema import MAX_LONG_TEXT, CardKind, EmotionPoint, LaneType, Map, Perspective

SCORE_MIN, SCORE_MAX = 1, 5
NO_PERSONA_CURVE = "Journey score"  # the name of the curve that tasks without actors score
ACC_TITLE_FIELD = "acc_title"

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADER = re.compile(r"journey(?:\s|$)", re.IGNORECASE)
_ACC_TITLE = re.compile(r"acctitle\s*:\s*(.*)", re.IGNORECASE)
_ACC_DESCR = re.compile(r"accdescr\s*:\s*(.*)", re.IGNORECASE)
_ACC_DESCR_BLOCK = re.compile(r"accdescr\s*\{(.*)", re.IGNORECASE)
_TITLE = re.compile(r"title(?:\s+(.*))?", re.IGNORECASE)
_SECTION = re.compile(r"section(?:\s+(.*))?", re.IGNORECASE)
_KEYWORD = re.compile(r"journey|title\s|section\s|acc(?:title|descr)|%", re.IGNORECASE)
_WHOLE_SCORE = re.compile(r"[+-]?[0-9]+")
ZWSP = "\u200b"


def score_to_value(score: int) -> float:
    """Mermaid's score 1..5 on the map's emotion scale -3..+3."""
    return (score - 3) * 1.5


def value_to_score(value: float) -> int:
    """An emotion value -3..+3 as the nearest Mermaid score 1..5 (halves away from neutral)."""
    steps = value / 1.5
    score = 3 + math.copysign(math.floor(abs(steps) + 0.5), steps)
    return int(min(SCORE_MAX, max(SCORE_MIN, score)))


@dataclass
class Task:
    name: str
    score: int
    actors: list[str]
    line: int = 0


@dataclass
class Section:
    name: str
    tasks: list[Task] = field(default_factory=list)
    line: int = 0
    bad: bool = False  # a section line that was skipped (skip_bad): its tasks are skipped too


@dataclass
class Journey:
    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[Section] = field(default_factory=list)


class _Bad(Exception):
    """A bad line: its number and what is wrong."""

    def __init__(self, line: int, message: str, resume: int | None = None):
        super().__init__(message)
        self.line, self.message = line, message
        self.resume = resume  # the index of the line to read on at (after a bad accDescr block)


# ----------------------------------------------------------------------------------- reading
def parse_journey(text: str, path: Path, skip_bad: bool = False) -> tuple[Journey, list[FormatError]]:
    """The journey in ``text``; FormatError at the first bad line (with ``skip_bad``, the bad
    lines are left out and returned; a file that is no journey at all still raises)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # any line ending, as in text mode
    journey = Journey()
    skipped: list[FormatError] = []
    n = _front_matter(lines, journey, path)
    n = _header(lines, n, path)
    section: Section | None = None
    while n < len(lines):
        number, raw = n + 1, lines[n]
        n += 1
        stripped = raw.strip()
        if not stripped or is_comment(stripped):
            continue
        try:
            block = _ACC_DESCR_BLOCK.match(stripped)
            if block:
                n = _acc_block(lines, n, number, block.group(1), journey, path)
                continue
            section = _statement(stripped, number, journey, section)
        except _Bad as bad:
            error = FormatError(path, place(line=bad.line), bad.message)
            if not skip_bad:
                raise error from None
            skipped.append(error)
            if bad.resume is not None:
                n = bad.resume
            elif _SECTION.fullmatch(stripped.split("#", 1)[0].strip()):
                section = Section("", line=number, bad=True)
    return journey, skipped


def _front_matter(lines: list[str], journey: Journey, path: Path) -> int:
    """Skip a YAML front matter block (its ``title:`` is the journey's); the next line's index."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n in range(1, len(lines)):
        line = lines[n].strip()
        if line == "---":
            return n + 1
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == "title":
            title = value.strip().strip("'\"").strip()
            problem = text_problem(title, "the title")
            if problem:
                raise FormatError(path, place(line=n + 1), problem)
            journey.title = title
    raise FormatError(path, place(line=1), "the front matter opened here is never closed by a '---' line")


def _header(lines: list[str], n: int, path: Path) -> int:
    """Check that the diagram is a journey; the index of the line after ``journey``."""
    for i in range(n, len(lines)):
        stripped = lines[i].strip()
        if not stripped or is_comment(stripped):
            continue
        first = stripped.split("#", 1)[0].strip()
        if first.lower() == "journey":
            return i + 1
        if _HEADER.match(first):
            raise FormatError(path, place(line=i + 1), "'journey' must stand alone on the diagram's first line")
        shown = stripped if len(stripped) <= 40 else stripped[:39] + "…"
        raise FormatError(path, place(line=i + 1), f"not a Mermaid journey diagram: it starts with '{shown}' "
                          "(the first line must be 'journey')")
    raise FormatError(path, "", "no Mermaid diagram in the file (the first line must be 'journey')")


def _acc_block(lines: list[str], n: int, number: int, rest: str, journey: Journey, path: Path) -> int:
    """Read ``accDescr { ... }`` opened on line ``number``; the index after the ``}``. A block
    never closed is a FormatError; a bad one (_Bad) is skipped whole with ``skip_bad``."""
    parts = [rest]
    i = n - 1
    while "}" not in parts[-1]:
        if i + 1 >= len(lines):
            raise FormatError(path, place(line=number), "'accDescr {' is never closed by '}'")
        i += 1
        parts.append(lines[i])
    inside, _, after = parts[-1].partition("}")
    if after.strip():
        raise _Bad(i + 1, f"text after the '}}' that closes accDescr: '{after.strip()[:40]}'", resume=i + 1)
    parts[-1] = inside
    text = "\n".join(part.strip() for part in parts).strip()
    problem = text_problem(text, "accDescr", MAX_LONG_TEXT)
    if problem:
        raise _Bad(number, problem, resume=i + 1)
    journey.acc_descr = text
    return i + 1


def _name(text: str, what: str, line: int) -> str:
    """A section or task name or a title as the map holds it: ``<br>`` a line break, the
    export's zero-width escape removed, checked."""
    name = _BR.sub("\n", text.strip()).removeprefix(ZWSP)
    problem = text_problem(name, what)
    if problem:
        raise _Bad(line, problem)
    return name


def _statement(stripped: str, number: int, journey: Journey, section: Section | None) -> Section | None:
    """Read one line after the header into ``journey``; returns the current section."""
    for pattern, attribute in ((_ACC_TITLE, "acc_title"), (_ACC_DESCR, "acc_descr")):
        found = pattern.match(stripped)
        if found:  # the rest of the line, '#' and ';' included (as Mermaid reads it)
            value = found.group(1).strip()
            problem = text_problem(value, attribute.replace("_", ""), MAX_LONG_TEXT)
            if problem:
                raise _Bad(number, problem)
            setattr(journey, attribute, value)
            return section
    body = stripped.split("#", 1)[0].strip()  # '#' starts a comment
    if not body:
        return section
    if ";" in body:
        raise _Bad(number, "';' cannot appear in a journey line (Mermaid reads it as an error)")
    if _HEADER.match(body):
        raise _Bad(number, "'journey' may appear only once, on the diagram's first line")
    title = _TITLE.fullmatch(body)
    if title:
        if not title.group(1):
            raise _Bad(number, "'title' needs the title after it")
        journey.title = _name(title.group(1), "the title", number)
        return section
    found = _SECTION.fullmatch(body)
    if found:
        if not found.group(1) or not found.group(1).strip():
            raise _Bad(number, "'section' needs a name after it")
        if ":" in found.group(1):
            raise _Bad(number, "a section name cannot hold ':' (write the tasks on the lines below it)")
        section = Section(_name(found.group(1), "the section name", number), line=number)
        journey.sections.append(section)
        return section
    task = _task(body, number)
    if section is None:
        raise _Bad(number, f"task '{task.name[:40]}' comes before any 'section'")
    if section.bad:
        raise _Bad(number, f"task '{task.name[:40]}' belongs to the bad section on line {section.line}")
    section.tasks.append(task)
    return section


def _task(body: str, number: int) -> Task:
    name, colon, data = body.partition(":")
    if not colon:
        raise _Bad(number, f"'{body[:40]}' is not a task: a task is 'name: score' or 'name: score: actor, actor'")
    pieces = data.split(":")
    if len(pieces) > 2:
        raise _Bad(number, "a task has at most two ':' (name: score: actors)")
    score_text = pieces[0].strip()
    if len(score_text) > 9 or not _WHOLE_SCORE.fullmatch(score_text) or not SCORE_MIN <= int(score_text) <= SCORE_MAX:
        shown = f"'{score_text[:20]}'" if score_text else "missing"
        raise _Bad(number, f"score {shown} is not a whole number {SCORE_MIN}..{SCORE_MAX}")
    actors: list[str] = []
    for actor in (pieces[1].split(",") if len(pieces) == 2 else []):
        actor = _BR.sub("\n", actor.strip()).removeprefix(ZWSP)
        problem = text_problem(actor, "an actor's name")
        if problem:
            raise _Bad(number, problem)
        if actor and actor not in actors:
            actors.append(actor)
    if not name.strip():
        raise _Bad(number, "a task needs a name before its ':'")
    return Task(_name(name, "the task name", number), int(score_text), actors, number)


def journey_to_map(journey: Journey, into: Map | None = None, default_title: str = "") -> Map:
    """The map the journey describes (a new one, or a copy of ``into`` with the journey added)."""
    base = into if into is not None else new_map(journey.title or default_title)
    build = MapBuilder(base)
    m = build.map
    if into is None:
        m.goal = journey.acc_descr
        if journey.acc_title:
            setattr(m, ACC_TITLE_FIELD, journey.acc_title)
    lane = build.lane_of_type(LaneType.ACTIONS)
    per_stage: dict[str, list[list[EmotionPoint]]] = {}  # a stage's tasks' points, in order
    for section in journey.sections:
        stage = build.stage(section.name)
        tasks = per_stage.setdefault(stage.id, [])
        for task in section.tasks:
            personas = [build.persona(actor) for actor in task.actors]
            card = build.card(stage, lane, task.name, CardKind.ACTION, persona_ids=[p.id for p in personas])
            curves = [build.customer_curve(p, p.name) for p in personas] or [build.customer_curve(None, NO_PERSONA_CURVE)]
            points = []
            for curve in curves:
                point = EmotionPoint(id=build.new_id("point"), stage_id=stage.id, value=score_to_value(task.score),
                                     card_id=card.id)  # fmt: skip
                curve.points.append(point)
                points.append(point)
            tasks.append(points)
    for tasks in per_stage.values():  # the points spread over their stage's column, in task order
        for i, points in enumerate(tasks):
            for point in points:
                point.x = (i + 0.5) / len(tasks)
    return m


def read_mermaid_map(path: Path, *, into: Map | None = None, skip_bad: bool = False) -> ImportResult:
    """The registry's reader for ``.mmd`` / ``.mermaid`` files (see :mod:`app.io.formats`)."""
    path = Path(path)
    with gc_paused():  # thousands of new objects, no cycles for the collector to find
        journey, skipped = parse_journey(read_text(path), path, skip_bad)
        return ImportResult(journey_to_map(journey, into, default_title=title_from_name(path)), skipped)


# ----------------------------------------------------------------------------------- writing
def map_to_journey(m: Map) -> Journey:
    """The journey of ``m``'s first (visible) customer-actions lane (see the module docstring)."""
    journey = Journey(m.title, str(getattr(m, ACC_TITLE_FIELD, "") or ""), m.goal)
    lane = first_lane(m, LaneType.ACTIONS)
    names = {p.id: p.name for p in m.personas}
    persona_rank = {p.id: i for i, p in enumerate(m.personas)}
    persona_points: dict[str, dict[str, float]] = {}  # card id -> persona id -> value
    plain_points: dict[str, float] = {}  # card id -> the value on a curve with no persona
    for curve in m.curves:
        if curve.perspective is not Perspective.CUSTOMER:
            continue
        for point in curve.points:
            if point.card_id is None:
                continue
            if curve.persona_id is None:
                plain_points.setdefault(point.card_id, point.value)
            elif curve.persona_id in names:
                persona_points.setdefault(point.card_id, {}).setdefault(curve.persona_id, point.value)
    cells: dict[str, list] = {}
    if lane is not None:
        for card in m.cards:
            if card.lane_id == lane.id:
                cells.setdefault(card.stage_id, []).append(card)
    for stage in m.stages:
        section = Section(stage.name)
        for card in sorted(cells.get(stage.id, ()), key=lambda c: (c.order, c.id)):
            points = persona_points.get(card.id, {})
            own = {pid: i for i, pid in enumerate(card.persona_ids)}
            actors = sorted(points, key=lambda pid: (own.get(pid, len(own)), persona_rank[pid]))
            if points:
                value = sum(points.values()) / len(points)
            else:
                value = plain_points.get(card.id, 0.0)
            section.tasks.append(Task(card.title, value_to_score(value), [names[pid] for pid in actors]))
        journey.sections.append(section)
    return journey


_FULL_WIDTH = {":": "：", "#": "＃", ";": "；", ",": "，", "}": "｝"}


def _escape(text: str, chars: str) -> str:
    """``text`` with each of ``chars`` (characters the grammar reserves there) in full width."""
    for char in chars:
        text = text.replace(char, _FULL_WIDTH[char])
    return text


def _name_out(text: str, chars: str = ":#;", task: bool = False) -> str:
    """A section or task name (or an actor, ``chars`` ":#;,") as a journey line holds it."""
    text = _escape(text.replace("\r", "").replace("\n", "<br>").strip(), chars)  # one line, trimmed as Mermaid reads it
    if "," not in chars and (not text or _KEYWORD.match(text)):
        text = ZWSP + text
    if task and is_comment(text):  # a task name starts its line: no '%%' where Mermaid sees a comment
        at = text.index("%%")
        text = text[:at] + "%％" + text[at + 2 :]
    return text


def is_comment(line: str) -> bool:
    """Does Mermaid's lexer skip this (stripped) journey line as a comment? ``%%`` at its first
    character, or at its second after anything but ``}`` (journey.jison's two comment rules,
    tried where a token starts)."""
    return line.startswith("%%") or (line[1:3] == "%%" and line[0] != "}")


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", " ").strip()


def format_journey(journey: Journey) -> str:
    out = ["journey"]
    if journey.title:
        title = journey.title.replace("\r", "").replace("\n", "<br>").strip()  # a line break as the reader reads it
        out.append(f"    title {_escape(title, '#;')}")
    if journey.acc_title:
        out.append(f"    accTitle: {_one_line(journey.acc_title)}")
    if journey.acc_descr:
        if "\n" in journey.acc_descr.strip():
            body = "\n".join(f"        {line.strip()}" for line in _escape(journey.acc_descr, "}").strip().split("\n"))
            out += ["    accDescr {", body, "    }"]
        else:
            out.append(f"    accDescr: {journey.acc_descr.strip()}")
    for section in journey.sections:
        out.append(f"    section {_name_out(section.name)}")
        for task in section.tasks:
            actors = ", ".join(_name_out(a, ":#;,") for a in task.actors)
            out.append(f"      {_name_out(task.name, task=True)}: {task.score}" + (f": {actors}" if actors else ""))
    return "\n".join(out) + "\n"


def tasks_written(m: Map) -> int:
    """How many cards an export writes: the tasks of the actions lane."""
    return sum(len(section.tasks) for section in map_to_journey(m).sections)


def write_mermaid(m: Map) -> bytes:
    """The registry's writer: ``m`` as a Mermaid journey (UTF-8)."""
    with gc_paused():
        return format_journey(map_to_journey(m)).encode("utf-8")
