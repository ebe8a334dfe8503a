"""Which elements of a list kept their order: a longest increasing run (pure Python).

Used where a list was reordered and only the elements that really moved should be named or
moved: the map diff reports a stage or a card as moved only off this run, and the room's
bridge puts back only the elements off it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def longest_increasing(values: Sequence[int]) -> set[int]:
    """The indexes of a longest strictly increasing run (not necessarily contiguous) of
    ``values``: patience sorting, O(n log n)."""
    tails: list[int] = []  # tails[k]: the index ending the run of length k + 1 with the smallest last value
    lasts: list[int] = []  # and that value
    before: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(lasts, value)
        if k:
            before[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            lasts.append(value)
        else:
            tails[k] = i
            lasts[k] = value
    out: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        out.add(i)
        i = before[i]
    return out
