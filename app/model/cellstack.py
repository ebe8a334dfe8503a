"""The cards of one cell of a layout, top to bottom (:class:`CellStack`), and the room kept among
them for a card being typed (:meth:`app.model.layout.MapLayout.set_room`)."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from .schema import Card
from .textlayout import CARD_GAP, CELL_PAD


class CellStack:
    """The cards of one cell, top to bottom: ids, sort keys and heights (each with the gap
    below), and their offsets from the cell top, computed when first asked for. A card that
    enters or leaves costs list inserts and deletes (memmove), not a loop over the cell."""

    __slots__ = ("ids", "keys", "heights", "total", "room", "room_top", "_offsets", "_index")

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.keys: list[tuple[int, str]] = []
        self.heights: list[float] = []
        self.total = 0.0  # sum(heights), kept as cards come and go
        # room kept for a card being typed (MapLayout.set_room): (the card it lies above, None
        # at the end; its height with the gap below; the offset from the cell top its bottom
        # reaches at least, 0: none); room_top: its offset, with the offsets
        self.room: tuple[str | None, float, float] | None = None
        self.room_top = 0.0
        self._offsets: list[float] | None = None
        self._index: dict[str, int] | None = None

    def remove(self, card_id: str) -> int:
        i = self.ids.index(card_id)
        self.total -= self.heights[i]
        del self.ids[i], self.keys[i], self.heights[i]
        self._offsets = self._index = None
        return i

    def insert(self, card: Card, height: float) -> int:
        key = (card.order, card.id)
        i = bisect_left(self.keys, key)
        self.ids.insert(i, card.id)
        self.keys.insert(i, key)
        self.heights.insert(i, height)
        self.total += height
        self._offsets = self._index = None
        return i

    def offsets(self) -> list[float]:
        if self._offsets is None:
            offsets = list(accumulate(self.heights, initial=CELL_PAD))
            if self.room is not None:  # the cards from the room's place down lie below it
                i = self.room_index()
                self.room_top = offsets[i]
                height = self.room_height()
                offsets[i:] = [off + height for off in offsets[i:]]
            self._offsets = offsets
        return self._offsets

    def room_height(self) -> float:
        """The room's height with the gap below: as asked, or down to where it reaches (with
        the offsets: ``room_top`` must be worked out)."""
        _before, height, reach = self.room
        return max(height, reach - self.room_top)

    def room_index(self) -> int:
        """Where the room is: the index of the card it lies above (the end when that card is
        no longer in the cell)."""
        before = self.room[0] if self.room is not None else None
        if before is None:
            return len(self.ids)
        return self._positions().get(before, len(self.ids))

    def forget(self) -> None:
        """The offsets are worked out again when next asked (the room changed)."""
        self._offsets = None

    def position(self, card_id: str) -> int:
        return self._positions()[card_id]

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._index

    def content(self) -> float:
        """The height the cell needs for its cards (and the room, if it has it)."""
        room = 0.0
        if self.room is not None:
            self.offsets()  # (works out room_top)
            room = self.room_height()
        return CELL_PAD + self.total + room - CARD_GAP + CELL_PAD if self.ids or room else 0.0
