"""The perspective a map is shown in (View > Perspective, ``journeymap export --perspective``):
as customers report it, as the internal team assumes it, or both side by side.

* **customer**: the customer rating chips ("C 4/2") and the customer-reported curves only;
* **internal**: the internal rating chips ("I 3/4") and the internal-assumption curves only;
* **both**: every chip and every visible curve, and the differences highlighted: a card whose
  internal importance or performance differs from the customer's by :data:`GAP_MIN` points or
  more (:func:`rating_gap`), and a stage where a persona's customer and internal curves lie
  :data:`GAP_MIN` points or more apart (:mod:`app.model.divergence`).

The perspective is a way of looking at the map, like the zoom: it is not stored in the map file
(two people may look at one map in two perspectives). Pure Python, no Qt.
"""

from __future__ import annotations

from .schema import Card, Perspective

CUSTOMER, INTERNAL, BOTH = "customer", "internal", "both"
VIEWS = (CUSTOMER, INTERNAL, BOTH)  # the same words as app.model.matrix.View
GAP_MIN = 2  # points between the internal and the customer rating (or curve) that count as a gap


def check_view(view: str) -> str:
    """``view`` if it is one of :data:`VIEWS`, else ValueError."""
    if view not in VIEWS:
        raise ValueError(f"perspective {view!r}: use customer, internal or both")
    return str(view)


def shows_ratings(view: str, side: str) -> bool:
    """Whether ``view`` shows the ratings of ``side`` ("customer" or "internal")."""
    return view == BOTH or view == side


def shows_curve(view: str, perspective: Perspective | str) -> bool:
    """Whether ``view`` shows a curve of ``perspective``: both shows every curve (to-be ones
    too), customer and internal only their own."""
    return view == BOTH or str(perspective) == view


def rating_differences(card: Card) -> tuple[int | None, int | None]:
    """Internal minus customer importance, and the same for performance (None where either
    side is not rated)."""

    def diff(internal: int | None, customer: int | None) -> int | None:
        return None if internal is None or customer is None else internal - customer

    return (
        diff(card.importance_internal, card.importance_customer),
        diff(card.performance_internal, card.performance_customer),
    )


def rating_gap(card: Card) -> int:
    """The card's gap: the larger of its importance and performance differences (as a
    distance), if it is :data:`GAP_MIN` or more, else 0 (also when a side is not rated)."""
    size = max((abs(d) for d in rating_differences(card) if d is not None), default=0)
    return size if size >= GAP_MIN else 0


__all__ = [
    "BOTH",
    "CUSTOMER",
    "GAP_MIN",
    "INTERNAL",
    "VIEWS",
    "check_view",
    "rating_differences",
    "rating_gap",
    "shows_curve",
    "shows_ratings",
]
