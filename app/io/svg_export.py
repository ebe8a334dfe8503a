"""SVG of a journey map written straight from the shared layout, without Qt.

The drawing is :func:`app.io.pdf.draw.draw_map`, the very code that draws the PDF poster (and
that agrees with the canvas): :class:`SvgOps` takes the same calls as the PDF's
:class:`~app.io.pdf.ops.Ops` and writes SVG elements instead of PDF operators. Coordinates are
map points (y down, as the layout gives them); the ``viewBox`` is the exported rectangle in
points and ``width``/``height`` are its size in millimetres.

Text is written as ``<text>``, one element per line, a ``<tspan>`` per font run where a line
needs more than one face, in the family of the TrueType face the layout measured it with. User
text is only ever character data: ``&``, ``<`` and ``>`` are escaped, characters XML 1.0 cannot
hold (C0 controls other than tab and newline, lone surrogates, U+FFFE/U+FFFF) are dropped, and
everything else (accents, CJK, emoji beyond the BMP) is written as UTF-8. A whole ``journeymap
export`` of a 10,000-card map takes ~2.4 s CPU and ~190 MB (21 MB file), against ~8.7 s CPU,
~600 MB and a 70 MB file for Qt's ``QSvgGenerator`` painting the canvas scene
(benchmarks/bench_image.py).
"""

# ruff: noqa: UP031  - SVG numbers are written with %-templates: the fastest formatting in CPython

from __future__ import annotations

import re

from app.model import fonts as model_fonts
from app.model.geometry import Rect, TextLine
from app.model.layout import MapLayout, text_line
from app.model.schema import Map

from .pdf.shapes import round_rect_numbers

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MARKUP = re.compile('[&<>"]')
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_CAPS = {"0": "butt", "1": "round", "2": "square"}
_JOINS = {"0": "miter", "1": "round", "2": "bevel"}


def xml_text(text: str) -> str:
    """``text`` as XML character data (or an attribute value): markup escaped, characters XML
    cannot hold removed."""
    if not text.isascii() or not text.isprintable():
        text = _NOT_XML.sub("", text)
    return _MARKUP.sub(lambda m: _ENTITY[m.group()], text)


def _num(v: float) -> str:
    s = "%.2f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


_FAMILY: dict[str, str] = {}


def _family(face_key: str) -> str:
    """The ``font-family`` list for a run drawn in ``face_key``: the face's own family first,
    then the primary face and a generic family for viewers that have neither."""
    fam = _FAMILY.get(face_key)
    if fam is None:
        names: list[str] = []
        for bold in (False, True):
            for face in model_fonts.chain(bold).faces():
                if face.key == face_key and face.family not in names:
                    names.append(face.family)
        primary = model_fonts.chain(False).faces()[0].family
        if primary not in names:
            names.append(primary)
        fam = _FAMILY[face_key] = xml_text(", ".join(f"'{n}'" for n in names) + ", sans-serif")
    return fam


class SvgOps:
    """The drawing calls of :class:`app.io.pdf.ops.Ops`, written as SVG elements into ``out``.

    ``background``: a white rectangle exactly this size is left out (a transparent picture)."""

    def __init__(self, out: list[str], background: Rect | None = None):
        self.out = out
        self.add_element = out.append
        self._skip = background
        self._fill = "#000000"
        self._stroke = "#000000"
        self._width = 1.0
        self._dash: tuple[float, ...] = ()
        self._cap, self._join = "butt", "miter"
        self._stroke_attrs: str | None = None

    # ------------------------------------------------------------ state
    def fill(self, colour: str) -> None:
        self._fill = xml_text(colour)

    def stroke(self, colour: str) -> None:
        self._stroke = xml_text(colour)
        self._stroke_attrs = None

    def width(self, w: float) -> None:
        self._width = w
        self._stroke_attrs = None

    def dash(self, pattern: tuple[float, ...] = (), phase: float = 0.0) -> None:
        self._dash = tuple(pattern)
        self._stroke_attrs = None

    def add(self, operators: str) -> None:
        """The raw PDF operators :mod:`~app.io.pdf.draw` writes: line cap (``J``) and join (``j``)."""
        words = operators.split()
        for value, op in zip(words, words[1:], strict=False):
            if op == "J":
                self._cap = _CAPS.get(value, "butt")
            elif op == "j":
                self._join = _JOINS.get(value, "miter")
        self._stroke_attrs = None

    def _paint(self, op: str) -> str:
        """The fill and stroke attributes for a PDF painting operator: f fill, S stroke, B both."""
        fill = self._fill if op in ("f", "B") else "none"
        if op not in ("S", "B"):
            return 'fill="%s"' % fill
        attrs = self._stroke_attrs
        if attrs is None:
            attrs = 'stroke="%s" stroke-width="%s"' % (self._stroke, _num(self._width))
            if self._dash:
                attrs += ' stroke-dasharray="%s"' % " ".join(_num(v) for v in self._dash)
            if self._cap != "butt":
                attrs += ' stroke-linecap="%s"' % self._cap
            if self._join != "miter":
                attrs += ' stroke-linejoin="%s"' % self._join
            self._stroke_attrs = attrs
        return 'fill="%s" %s' % (fill, attrs)

    def _path(self, d: str, op: str) -> None:
        self.add_element('<path d="%s" %s/>' % (d, self._paint(op)))

    # ------------------------------------------------------------ shapes
    def rect(self, x: float, y: float, w: float, h: float, op: str = "f") -> None:
        if (
            self._skip is not None
            and op == "f"
            and (x, y, w, h) == tuple(self._skip)
            and self._fill == "#FFFFFF"
        ):
            return
        self.add_element(
            '<rect x="%s" y="%s" width="%s" height="%s" %s/>'
            % (_num(x), _num(y), _num(w), _num(h), self._paint(op))
        )

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._path("M%.2f %.2fL%.2f %.2f" % (x1, y1, x2, y2), "S")

    def lines(self, segments: list[tuple[float, float, float, float]]) -> None:
        if segments:
            self._path("".join("M%.2f %.2fL%.2f %.2f" % s for s in segments), "S")

    def polygon(self, points, op: str = "f") -> None:
        first, *rest = points
        self._path("M%.2f %.2f" % tuple(first) + "".join("L%.2f %.2f" % tuple(p) for p in rest) + "Z", op)

    def bezier(self, start, segments, op: str = "S") -> None:
        d = "M%.2f %.2f" % tuple(start)
        d += "".join(
            "C%.2f %.2f %.2f %.2f %.2f %.2f" % (*sg[0], *sg[1], *sg[2])
            if len(sg) == 3
            else "L%.2f %.2f" % sg[0]
            for sg in segments
        )
        self._path(d, op)

    def circle(self, cx: float, cy: float, r: float, op: str = "f") -> None:
        self.add_element('<circle cx="%.2f" cy="%.2f" r="%.2f" %s/>' % (cx, cy, r, self._paint(op)))

    def round_rect(self, x: float, y: float, w: float, h: float, r: float, op: str = "f",
                   left_only: bool = False) -> None:  # fmt: skip
        """As :meth:`app.io.pdf.ops.Ops.round_rect`: the same corners (cubic quarter circles)."""
        self._path(
            "M%.2f %.2fL%.2f %.2fC%.2f %.2f %.2f %.2f %.2f %.2fL%.2f %.2fC%.2f %.2f %.2f %.2f %.2f %.2f"
            "L%.2f %.2fC%.2f %.2f %.2f %.2f %.2f %.2fL%.2f %.2fC%.2f %.2f %.2f %.2f %.2f %.2fZ"
            % round_rect_numbers(x, y, w, h, r, left_only),
            op,
        )

    # ------------------------------------------------------------ text
    def begin_text(self) -> None:
        pass

    def end_text(self) -> None:
        pass

    def text(self, x: float, y: float, line: TextLine, vertical: bool = False) -> None:
        """``line`` (relative to the box at ``x, y``) as one ``<text>``; ``vertical``: turned
        90 degrees, reading upwards from ``x, y``."""
        runs = line.runs
        if not runs:
            return
        bx, by = x + line.x, y + line.y
        weight = ' font-weight="bold"' if line.bold else ""
        turn = ' transform="rotate(-90 %.2f %.2f)"' % (bx, by) if vertical else ""
        first = runs[0]
        if len(runs) == 1:
            self.add_element(
                '<text x="%.2f" y="%.2f" font-family="%s" font-size="%s"%s fill="%s"%s>%s</text>'
                % (
                    bx + first.dx,
                    by,
                    _family(first.face),
                    _num(line.size),
                    weight,
                    self._fill,
                    turn,
                    xml_text(first.text),
                )
            )
            return
        spans = "".join(
            '<tspan x="%.2f" font-family="%s">%s</tspan>'
            % (bx + run.dx, _family(run.face), xml_text(run.text))
            for run in runs
        )
        self.add_element(
            '<text x="%.2f" y="%.2f" font-size="%s"%s fill="%s"%s>%s</text>'
            % (bx + first.dx, by, _num(line.size), weight, self._fill, turn, spans)
        )

    def lines_text(self, x: float, y: float, lines) -> None:
        for line in lines:
            self.text(x, y, line)

    def label(self, text: str, x: float, y: float, size: float, bold: bool = False, align: str = "left",
              angle: int = 0) -> float:  # fmt: skip
        """As :meth:`app.io.pdf.ops.Ops.label`: one line at baseline ``(x, y)``; returns its width."""
        w = model_fonts.chain(bold).width(text, size)
        shift = w if align == "right" else w / 2 if align == "center" else 0.0
        line = text_line(text, 0.0, 0.0, size, bold)
        if angle == 90:
            self.text(x, y + shift, line, vertical=True)
        else:
            self.text(x - shift, y, line)
        return w


def render_svg(layout: MapLayout, rect: Rect, *, transparent: bool = False, title: str = "",
               view: str = "both") -> bytes:  # fmt: skip
    """SVG bytes of ``rect`` (map points) of the map that ``layout`` lays out, in perspective
    ``view`` (app.model.perspective)."""
    from .pdf.draw import draw_map

    m: Map = layout.map
    x, y, w, h = rect
    w, h = max(1.0, w), max(1.0, h)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" xml:space="preserve" '
        'width="%smm" height="%smm" viewBox="%s %s %s %s">'
        % (_num(w / 72 * 25.4), _num(h / 72 * 25.4), _num(x), _num(y), _num(w), _num(h)),
        "<title>%s</title>" % xml_text(title or m.title or "Journey map"),
        "<desc>Customer journey map - Journey Map Studio</desc>",
    ]
    ops = SvgOps(out, background=layout.bounds if transparent else None)
    draw_map(ops, layout, view=view)
    out.append("</svg>\n")
    return "\n".join(out).encode("utf-8")
