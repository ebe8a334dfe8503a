"""The canvas's colours in a light and a dark theme, both derived from the model's palette.

The model's colours (:mod:`app.model.palette`, :mod:`app.model.style`) are the print colours:
the PDF, the SVG and the PNG export draw them as they are, and so does the light theme. The dark
theme is not a second table: it maps every model colour through one of three documented
transforms in OKLab (a perceptual colour space: equal steps of lightness ``L`` look equal, and
hue and chroma do not change when ``L`` does), so a new card kind or lane type gets its dark
colour without anyone writing one:

* :func:`dark_surface` (cell, header, card and label fills, grid lines, links): lightness is
  mirrored, ``L' = DARK_FLOOR + DARK_SPAN * (1 - L) ** DARK_GAMMA`` (white becomes a dark grey,
  a pale tint a dark shade of the same hue, a dark grey line a light grey one; the gamma below 1
  keeps near-white fills, cards on cells, apart), chroma times :data:`SURFACE_CHROMA` so that
  tints stay recognisable on the dark side.
* :func:`dark_accent` (kind stripes, stage and lane colours, curves, marks, the selection): hue
  and chroma kept, lightness raised to at least :data:`ACCENT_MIN_L` so that a colour meant for
  white paper stays bright enough on dark grey.
* :func:`dark_text`: lightness mirrored towards white, ``L' = 1 - TEXT_SLOPE * L`` (near-black
  ink becomes near-white), then :func:`readable` moves it (the least it takes) until the WCAG
  contrast ratio with the fill it is drawn on is at least :data:`MIN_CONTRAST`.
  The light theme applies the same check (a no-op for today's colours).

Colours outside sRGB after a transform are brought back by lowering their chroma (hue and
lightness kept). Everything here is plain Python on ``"#RRGGBB"`` strings; results are cached.
"""

from __future__ import annotations

import math
from functools import cache

from app.model import palette, style
from app.model.schema import Card, CardKind, LaneType

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
DARK_FLOOR = 0.235  # OKLab L of white in the dark theme (the emptiest cell)
DARK_SPAN = 0.72  # ... and black becomes DARK_FLOOR + DARK_SPAN
DARK_GAMMA = 0.8  # < 1: near-white fills spread further apart on the dark side
TEXT_SLOPE = 0.6  # dark-theme text: L' = 1 - TEXT_SLOPE * L
SURFACE_CHROMA = 1.6  # dark tints are shown with this much more chroma
ACCENT_MIN_L = 0.72  # accents are at least this light in the dark theme
VIEW_BACKGROUND = "#E4E7EB"  # around the map (light theme; the dark one mirrors it)
SELECTION = "#0072B2"  # the selection and drop-target outline (Okabe-Ito blue)
EDGE = "#9AA3AD"  # the line along a pinned header strip's inner edge


# ------------------------------------------------------------------ colour math
def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _from_linear(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * max(c, 0.0) ** (1 / 2.4) - 0.055


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""
    r, g, b = (_to_linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 .. 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def to_oklab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (_to_linear(c) for c in _rgb(hex_colour))
    lo = math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m = math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s = math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    return (
        0.2104542553 * lo + 0.7936177850 * m - 0.0040720468 * s,
        1.9779984951 * lo - 2.4285922050 * m + 0.4505937099 * s,
        0.0259040371 * lo + 0.7827717662 * m - 0.8086757660 * s,
    )


def _oklab_to_linear(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    L, a, b = lab  # noqa: N806 - OKLab's names
    lo = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * lo - 3.3077115913 * m + 0.2309699292 * s,
        -1.2684380046 * lo + 2.6097574011 * m - 0.3413193965 * s,
        -0.0041960863 * lo - 0.7034186147 * m + 1.7076147010 * s,
    )


def from_oklab(L: float, a: float, b: float) -> str:  # noqa: N803 - OKLab's names
    """The sRGB colour of OKLab (L, a, b); out of gamut, the chroma is lowered until it fits."""
    L = min(1.0, max(0.0, L))  # noqa: N806
    lin = _oklab_to_linear((L, a, b))
    if any(c < -1e-4 or c > 1 + 1e-4 for c in lin):
        lo, hi = 0.0, 1.0  # the largest share of the chroma that fits (bisection)
        for _ in range(24):
            mid = (lo + hi) / 2
            test = _oklab_to_linear((L, a * mid, b * mid))
            if all(-1e-4 <= c <= 1 + 1e-4 for c in test):
                lo = mid
            else:
                hi = mid
        lin = _oklab_to_linear((L, a * lo, b * lo))
    return _hex(tuple(_from_linear(c) for c in lin))  # type: ignore[arg-type]


def _with_lightness(hex_colour: str, L: float) -> str:  # noqa: N803
    _, a, b = to_oklab(hex_colour)
    return from_oklab(L, a, b)


# ------------------------------------------------------------------ transforms
def _plain(hex_colour: str) -> bool:
    return isinstance(hex_colour, str) and len(hex_colour) == 7 and hex_colour.startswith("#")


@cache
def dark_surface(hex_colour: str) -> str:
    """A fill or a neutral line for the dark theme: OKLab lightness mirrored onto
    ``DARK_FLOOR .. DARK_FLOOR + DARK_SPAN``, hue kept, chroma times :data:`SURFACE_CHROMA`.
    Anything but ``#RRGGBB`` (a translucent ``#AARRGGBB``, "") is returned as it is."""
    if not _plain(hex_colour):
        return hex_colour
    L, a, b = to_oklab(hex_colour)  # noqa: N806
    light = DARK_FLOOR + DARK_SPAN * max(0.0, 1.0 - L) ** DARK_GAMMA
    return from_oklab(light, a * SURFACE_CHROMA, b * SURFACE_CHROMA)


@cache
def dark_text(hex_colour: str) -> str:
    """A text colour for the dark theme before the contrast check: lightness mirrored towards
    white (``L' = 1 - TEXT_SLOPE * L``), hue and chroma kept."""
    if not _plain(hex_colour):
        return hex_colour
    L, a, b = to_oklab(hex_colour)  # noqa: N806
    return from_oklab(1.0 - TEXT_SLOPE * L, a, b)


@cache
def dark_accent(hex_colour: str) -> str:
    """A mark's or a curve's colour for the dark theme: hue and chroma kept, lightness at least
    :data:`ACCENT_MIN_L`."""
    if not _plain(hex_colour):
        return hex_colour
    L, a, b = to_oklab(hex_colour)  # noqa: N806
    return hex_colour if L >= ACCENT_MIN_L else from_oklab(ACCENT_MIN_L, a, b)


@cache
def readable(text: str, on: str, ratio: float = MIN_CONTRAST) -> str:
    """``text`` with its OKLab lightness moved as little as it takes for a contrast of at least
    ``ratio`` with ``on`` (hue kept); already readable, it is returned unchanged."""
    if not (_plain(text) and _plain(on)) or contrast(text, on) >= ratio:
        return text
    start = to_oklab(text)[0]
    best = None
    for target in (1.0, 0.0):  # lighter, then darker: the nearest lightness that reads
        end = _with_lightness(text, target)
        if contrast(end, on) < ratio:
            continue
        lo, hi = start, target  # lo fails, hi reads
        for _ in range(24):
            mid = (lo + hi) / 2
            if contrast(_with_lightness(text, mid), on) >= ratio:
                hi = mid
            else:
                lo = mid
        if best is None or abs(hi - start) < abs(best - start):
            best = hi
    if best is None:  # nothing in this hue reads: the better of black and white
        return max(("#FFFFFF", "#000000"), key=lambda c: contrast(c, on))
    return _with_lightness(text, best)


# ------------------------------------------------------------------ themes
HEADER_ROLES = {
    "header": palette.INK,
    "map-title": palette.INK,
    "metric": palette.MUTED,
    "label": palette.MUTED,
    "map-goal": palette.MUTED,
}
CARD_ROLES = {"title": palette.INK, "body": style.TEXT_COLOUR["body"], "meta": palette.MUTED, "mark": palette.INK}


class CanvasTheme:
    """The canvas's colours: :meth:`surface`, :meth:`accent` and :meth:`text` map a model colour
    (``"#RRGGBB"``) to the one drawn; the light theme draws the model's colours."""

    def __init__(self, name: str, dark: bool):
        self.name, self.dark = name, dark
        self.surface = dark_surface if dark else _same
        self.accent = dark_accent if dark else _same
        self._ink = dark_text if dark else _same
        self.background = self.surface(VIEW_BACKGROUND)
        self.selection = self.accent(SELECTION)
        self.grid = self.surface(palette.GRID)
        self.edge = self.surface(EDGE)
        self.header_fill = self.surface(palette.HEADER_FILL)
        self.link = self.surface(style.LINK_COLOUR)
        self.paper = self.surface("#FFFFFF")  # the title band, label boxes, marker outlines

    def __repr__(self) -> str:
        return f"CanvasTheme({self.name!r})"

    def text(self, colour: str, on: str) -> str:
        """Text of model colour ``colour`` drawn on the (already themed) fill ``on``."""
        return readable(self._ink(colour), on)

    def text_roles(self, roles: dict[str, str], on: str) -> dict[str, str]:
        """A TextPainter's role -> colour table for text on the themed fill ``on``."""
        return {role: self.text(colour, on) for role, colour in roles.items()}

    def header_text(self, fill: str) -> dict[str, str]:
        """Colours of a header's (or the title's) text roles on its model fill ``fill``."""
        return _roles(self, "header", fill)

    def card_fill(self, card: Card) -> str:
        return self.surface(card.colour or palette.KIND_FILL[card.kind])

    def card_text(self, card: Card) -> dict[str, str]:
        return _roles(self, "card", card.colour or palette.KIND_FILL[card.kind])

    def stripe(self, kind: CardKind) -> str:
        return self.accent(palette.KIND_STRIPE[kind])

    def lane_fill(self, lane_type: LaneType) -> str:
        return self.surface(palette.LANE_FILL[lane_type])


def _same(hex_colour: str) -> str:
    return hex_colour


@cache
def _roles(theme: CanvasTheme, which: str, model_fill: str) -> dict[str, str]:
    roles = HEADER_ROLES if which == "header" else CARD_ROLES
    return theme.text_roles(roles, theme.surface(model_fill))


LIGHT = CanvasTheme("light", dark=False)
DARK = CanvasTheme("dark", dark=True)
THEMES = {"light": LIGHT, "dark": DARK}


def text_pairs(theme: CanvasTheme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, fill) pair of text the canvas draws with ``theme``: the roles
    of header, corner and title text, card text on every kind, emotion scale labels on every
    lane type, the link label, the line of visibility's label (the contrast test reads this)."""
    pairs = []
    for fill_name, fill in (("header", palette.HEADER_FILL), ("title", "#FFFFFF")):
        on = theme.surface(fill)
        for role, colour in theme.header_text(fill).items():
            pairs.append((f"{fill_name} {role}", colour, on))
    for kind in CardKind:
        on = theme.surface(palette.KIND_FILL[kind])
        for role, colour in theme.text_roles(CARD_ROLES, on).items():
            pairs.append((f"card {kind.value} {role}", colour, on))
    for lane_type in LaneType:
        on = theme.lane_fill(lane_type)
        pairs.append((f"scale label on {lane_type.value}", theme.text(palette.MUTED, on), on))
        pairs.append((f"visibility label on {lane_type.value}", theme.text(style.VISIBILITY_COLOUR, on), on))
    pairs.append(("link label", theme.text(palette.INK, theme.paper), theme.paper))
    return pairs
