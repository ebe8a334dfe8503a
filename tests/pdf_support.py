"""Shared helpers for the PDF tests (no tests here): a map with every kind of text, and the
poppler command line tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.model.schema import Card, EmotionCurve, EmotionPoint, Link, Perspective
from tests.model_factory import small_map

POPPLER = all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")

TITLES = {
    "accented": "Café crème à São Paulo, Müller & Søn",
    "cjk": "お客様の声を聞く 客户反馈 고객",
    "emoji": "Launch 🚀 party 🎉 with 😀",
    "markup": "<b>bold</b> <img src='/etc/hostname'/> &amp; <font color=red>x</font>",
}
MARKUP_BODY = "<para><i>not italic</i></para> &lt;tag&gt; <br/>"


def text_map():
    """A small map whose first cards carry accented, CJK, emoji and markup-like titles."""
    m = small_map()
    for card, title in zip(m.cards, TITLES.values(), strict=False):
        card.title = title
    m.cards[3].body = MARKUP_BODY
    m.cards[0].moment_of_truth = True
    m.cards[0].pain_point = True
    m.cards[0].votes = 7
    m.cards[0].notes = "Remember to ask legal"
    m.cards[1].channel = "E-mail"
    m.cards[1].owner = "Sales"
    m.cards[1].importance_internal = 4
    m.cards[1].performance_internal = 2
    m.curves.append(
        EmotionCurve(
            id="cv2",
            persona_id="p2",
            perspective=Perspective.INTERNAL,
            points=[EmotionPoint(id="q1", stage_id="s0", value=2), EmotionPoint(id="q2", stage_id="s2", value=-2)],
        )
    )
    m.links.append(Link(id="lk3", source_id=m.cards[0].id, target_id=m.cards[4].id, kind="handoff", label="hand-off"))
    m.personas[0].quote = "I want a partner, not a vendor."
    m.personas[0].goals = "Refresh the fleet on time"
    return m


def add_card(m, title: str, **kw) -> Card:
    c = Card(id=f"c-extra-{len(m.cards)}", stage_id="s0", lane_id="l-act", order=99, title=title, **kw)
    m.cards.append(c)
    return c


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdftotext(path: Path, page: int | None = None, raw: bool = True) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if raw:
        args.append("-raw")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, str(path), "-")


def pdfinfo(path: Path, *extra: str) -> dict[str, str]:
    out = {}
    for line in run("pdfinfo", *extra, str(path)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def pdffonts(path: Path) -> list[list[str]]:
    lines = run("pdffonts", str(path)).splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def flat(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines where the card wraps them)."""
    return "".join(text.split())
