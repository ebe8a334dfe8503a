"""Update the UI translation catalogues (``make translations``).

``python resources/i18n/catalogue.py [LANG ...]`` extracts every ``translate("Context", "text")``
(and ``QT_TRANSLATE_NOOP``) of ``app/widgets`` with ``pyside6-lupdate`` into a fresh catalogue,
carries over the translations of ``journeymap_LANG.ts`` (a new language starts with all texts
unfinished), drops texts the code no longer has and compiles ``journeymap_LANG.qm`` with
``pyside6-lrelease``. Without LANG: every catalogue here.

Why not plain ``lupdate -ts``: pyside6-lupdate marks a text as a plural (``%n``) only when the
count is a number literal in the call, and rewriting a catalogue drops the plural forms of
every other one. Here every text with ``%n`` is a plural, and the forms are kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "app" / "widgets"
TOOLS = Path(sys.executable).parent  # pyside6-lupdate and pyside6-lrelease sit beside the venv's python


def catalogue(lang: str) -> Path:
    return HERE / f"journeymap_{lang}.ts"


def sources() -> list[Path]:
    return sorted(SOURCES.rglob("*.py"))


def _key(context: str, message: ET.Element) -> tuple[str, str, str]:
    comment = message.find("comment")
    return context, message.findtext("source", ""), comment.text or "" if comment is not None else ""


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, disambiguation) -> its <message> element."""
    root = ET.parse(ts).getroot()
    return {_key(c.findtext("name", ""), m): m for c in root.iter("context") for m in c.iter("message")}


def extract(out: Path, lang: str) -> None:
    """A fresh catalogue of every text in the sources, all unfinished, plurals marked."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.txt"
        listing.write_text("\n".join(str(p) for p in sources()) + "\n", encoding="utf-8")
        subprocess.run(
            [str(TOOLS / "pyside6-lupdate"), f"@{listing}", "-no-obsolete", "-locations", "none",
             "-source-language", "en", "-target-language", lang, "-ts", str(out)],
            check=True, capture_output=True, timeout=300,
        )


def update(lang: str) -> tuple[int, int]:
    """Rewrite ``journeymap_LANG.ts`` for the current sources; (texts, unfinished)."""
    target = catalogue(lang)
    old = messages(target) if target.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        extract(fresh, lang)
        tree = ET.parse(fresh)
    root = tree.getroot()
    total = unfinished = 0
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            total += 1
            translation = message.find("translation")
            plural = "%n" in message.findtext("source", "")
            if plural:
                message.set("numerus", "yes")
            previous = old.get(_key(name, message))
            done = previous is not None and previous.find("translation").get("type") is None
            translation.clear()
            if done:
                before = previous.find("translation")
                forms = [f.text or "" for f in before.iter("numerusform")] or [before.text or ""]
                if plural:
                    for form in forms:
                        ET.SubElement(translation, "numerusform").text = form
                else:
                    translation.text = forms[0]
            else:
                unfinished += 1
                translation.set("type", "unfinished")
                if plural:
                    ET.SubElement(translation, "numerusform")
    ET.indent(tree, "    ")
    with target.open("wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return total, unfinished


def release(lang: str, qm: Path | None = None) -> Path:
    qm = qm or catalogue(lang).with_suffix(".qm")
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(catalogue(lang)), "-qm", str(qm)],
                   check=True, capture_output=True, timeout=300)
    return qm


def main(argv: list[str]) -> int:
    langs = argv or sorted(p.stem.removeprefix("journeymap_") for p in HERE.glob("journeymap_*.ts"))
    for lang in langs:
        total, unfinished = update(lang)
        release(lang)
        print(f"{catalogue(lang).relative_to(ROOT)}: {total} texts, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
