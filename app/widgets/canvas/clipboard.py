"""Cards on the system clipboard, between windows and processes.

The clipboard holds ``application/x-journeymap-cards``: JSON ``{"format": "journeymap-cards",
"version": 1, "cards": [...], "links": [...]}`` with the copied cards (in map order) and the
links whose two ends were both copied, plus ``text/plain`` with the cards' titles, one a line.
Pasting makes fresh ids for every card and link (so a paste into the same map never clashes),
keeps the cards' relative order, forgets personas the target map does not have, and inserts
everything as ONE command: a :class:`~app.model.commands.Macro` of one
:class:`~app.model.commands.InsertCards` (the new cards at the target index) and the links'
inserts. Plain text from other programs pastes as one card per non-empty line; the Document
refuses a line too long for a title (the user sees the model's message, nothing is cut).
"""

from __future__ import annotations

import atexit
import json
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication

from app.model.commands import Command, Insert, InsertCards, Macro
from app.model.document import Document
from app.model.events import Entity
from app.model.schema import Card, Link, new_id
from app.widgets.i18n import translate

CARDS_MIME = "application/x-journeymap-cards"
FORMAT = "journeymap-cards"
VERSION = 1
MAX_PASTE = 5000  # cards in one paste
MAX_TEXT_LINES = 500


def cards_payload(doc: Document, card_ids: list[str]) -> dict[str, Any]:
    """The clipboard JSON for these cards (in the given order) and the links among them."""
    ids = [i for i in card_ids if doc.find(Entity.CARD, i) is not None]
    chosen = set(ids)
    return {
        "format": FORMAT,
        "version": VERSION,
        "cards": [doc.card(i).model_dump(mode="json") for i in ids],
        "links": [
            lk.model_dump(mode="json")
            for lk in doc.links_of(chosen)
            if lk.source_id in chosen and lk.target_id in chosen
        ],
    }


_clear_at_exit_registered = False


def put_on_clipboard(data: QMimeData) -> None:
    """Hand ``data`` to the system clipboard. On the headless platforms (tests, benchmarks)
    the clipboard is emptied at exit: there Qt deletes mime data made in Python after the
    interpreter began to finalize, and the process would crash on its way out."""
    global _clear_at_exit_registered
    QGuiApplication.clipboard().setMimeData(data)
    if not _clear_at_exit_registered and QGuiApplication.platformName() in ("offscreen", "minimal"):
        atexit.register(_clear_clipboard)
        _clear_at_exit_registered = True


def _clear_clipboard() -> None:
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


def mime_for(payload: dict[str, Any]) -> QMimeData:
    data = QMimeData()
    data.setData(CARDS_MIME, QByteArray(json.dumps(payload, ensure_ascii=False).encode("utf-8")))
    data.setText("\n".join(c.get("title", "") for c in payload["cards"]))
    return data


def payload_from(data: QMimeData | None) -> dict[str, Any] | None:
    """The cards a clipboard holds (validated), or None. Plain text becomes cards titled by
    its lines; anything unreadable is None (a paste then does nothing)."""
    if data is None:
        return None
    if data.hasFormat(CARDS_MIME):
        try:
            raw = json.loads(bytes(data.data(CARDS_MIME).data()).decode("utf-8"))
            if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != VERSION:
                return None
            given = raw.get("cards", [])
            cards = [Card.model_validate(c) for c in given[:MAX_PASTE]]
            links = [Link.model_validate(lk) for lk in raw.get("links", [])]
        except (ValueError, TypeError, ValidationError, RecursionError):  # (nested too deep)
            return None
        left_out = len(given) - len(cards)
        return {"cards": cards, "links": links, "left_out": left_out, "unit": "cards"} if cards else None
    if data.hasText():
        given = [ln.strip() for ln in data.text().splitlines() if ln.strip()]
        lines = given[:MAX_TEXT_LINES]
        # not validated here: the Document checks the pasted cards and refuses a line too long
        # for a title with the model's own message (one rule, in the model)
        cards = [Card.model_construct(id="text", stage_id="x", lane_id="x", title=ln) for ln in lines]
        return {"cards": cards, "links": [], "left_out": len(given) - len(lines), "unit": "lines"} if cards else None
    return None


def left_out_text(payload: dict[str, Any]) -> str:
    """What a paste left out, for the status bar ("" when it took everything)."""
    left_out = payload.get("left_out", 0)
    if not left_out:
        return ""
    n, unit = len(payload["cards"]), payload.get("unit", "cards")
    limit = MAX_TEXT_LINES if unit == "lines" else MAX_PASTE
    total = n + left_out
    if unit == "lines":
        text = translate("Clipboard", "Pasted the first {n} of %n line(s): at most {limit} at once.", None, total)
    else:
        text = translate("Clipboard", "Pasted the first {n} of %n card(s): at most {limit} at once.", None, total)
    return text.format(n=n, limit=limit)


def paste_command(
    doc: Document, payload: dict[str, Any], stage_id: str, lane_id: str, index: int | None, label: str = ""
) -> tuple[Command, list[str]]:
    """The one command that pastes ``payload`` into a cell at ``index``, and the new card ids."""
    personas = {p.id for p in doc.map.personas}
    new_ids: dict[str, str] = {}
    parts: list[Command] = []
    cards: list[Card] = []
    for order, card in enumerate(payload["cards"]):
        fresh = new_id("card")
        while fresh in new_ids.values() or doc.find(Entity.CARD, fresh) is not None:
            fresh = new_id("card")
        new_ids.setdefault(card.id, fresh)
        copy = card.model_copy(deep=True)
        copy.id, copy.stage_id, copy.lane_id, copy.order = fresh, stage_id, lane_id, order
        copy.persona_ids = [p for p in copy.persona_ids if p in personas]
        cards.append(copy)
    ids = [c.id for c in cards]
    parts.append(InsertCards(cards, stage_id, lane_id, index))
    for lk in payload["links"]:
        if lk.source_id in new_ids and lk.target_id in new_ids:
            copy = lk.model_copy(deep=True)
            copy.id = new_id("link")
            copy.source_id, copy.target_id = new_ids[lk.source_id], new_ids[lk.target_id]
            parts.append(Insert(Entity.LINK, copy))
    n = len(ids)
    return Macro(label or (translate("Clipboard", "Paste card") if n == 1 else translate("Clipboard", "Paste %n card(s)", None, n)), parts), ids
