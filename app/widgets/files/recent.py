"""Recently opened or saved map files, kept in QSettings, most recent first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10
RECENT_KEY = "recentFiles"


class RecentFiles:
    """The list behind File > Open Recent. ``changed`` is called whenever it changes."""

    def __init__(self, settings: QSettings, changed: Callable[[], None]):
        self.settings = settings
        self.changed = changed

    def stored(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def existing(self) -> list[Path]:
        """The stored files that still exist (missing ones are dropped from the list)."""
        stored = self.stored()
        kept = [p for p in stored if p.is_file()]
        if kept != stored:
            self.settings.setValue(RECENT_KEY, [os.fspath(p) for p in kept])
            self.changed()
        return kept

    def add(self, path: Path) -> None:
        paths = [path] + [p for p in self.stored() if p != path]
        self.settings.setValue(RECENT_KEY, [os.fspath(p) for p in paths[:MAX_RECENT]])
        self.changed()

    def clear(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self.changed()

    def folder(self) -> Path | None:
        """Where the most recent file lies (a good start for Open and Save As)."""
        recent = self.stored()
        return recent[0].parent if recent else None
