"""Counts in words for people: "1 card", "3 cards", "no links" (English; the editor's window
translates its own texts through Qt, see app/widgets/i18n)."""

from __future__ import annotations

_IRREGULAR = {"persona": "personas", "opportunity": "opportunities", "family": "families"}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``count(1, "card")`` -> "1 card"; ``count(2, "card")`` -> "2 cards"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {plural or _IRREGULAR.get(noun) or noun + 's'}"
