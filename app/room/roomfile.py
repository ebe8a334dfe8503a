"""What a host keeps beside the map it serves: ``MAP.room``.

The shared document's whole state (``Doc.get_update()``) and the room's key, so that a host
killed and started again resumes the same room: the joined editors reconnect with the key they
have and their offline edits merge. Rebuilding the shared document from the JSON map instead
would make new Yjs items for every element, which the editors' copies would then hold twice.

The file names the map contents it belongs to (SHA-256 of the map file's bytes): before each
save the host writes it with both the hash of the map file as it is and the hash of what it is
about to write, so a host killed between the two writes still finds them a pair. A map changed
since by anyone else (edited offline, restored from git) no longer matches: the next hosting
starts a new room from the map, with a new key. A clean stop of the host removes the file: the
room is over, and the next hosting is a new one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.io.atomic import atomic_write

SUFFIX = ".room"
FORMAT = "journeymap-room"


@dataclass(frozen=True)
class RoomState:
    key: str
    update: bytes


def room_file(map_path: Path) -> Path:
    return map_path.with_name(map_path.name + SUFFIX)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    try:
        return digest(path.read_bytes())
    except OSError:
        return ""


def read_room(map_path: Path) -> RoomState | None:
    """The room to resume for ``map_path``, or None (no room file, a broken one, or one that
    belongs to other map contents)."""
    try:
        data = json.loads(room_file(map_path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or file_digest(map_path) not in data["maps"]:
            return None
        key, update = data["key"], base64.b64decode(data["update"], validate=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return RoomState(key, update) if isinstance(key, str) and key else None


def write_room(map_path: Path, key: str, update: bytes, maps: list[str]) -> None:
    """Write the room file (owner-only: it holds the key) naming the map contents ``maps``."""
    text = json.dumps({"format": FORMAT, "key": key, "maps": maps, "update": base64.b64encode(update).decode()})
    atomic_write(room_file(map_path), text.encode("utf-8"), keep_mode=0o600)


def remove_room(map_path: Path) -> None:
    try:
        os.unlink(room_file(map_path))
    except OSError:
        pass
