"""A room's address: one URL for phones and editors alike, ``http://HOST:PORT/?key=KEY``.

A phone opens it as a web page; ``journeymap --join URL`` connects to the websocket at
``ws://HOST:PORT/room?key=KEY`` on the same port. The key (at least 128 random bits, new for
each hosting) is the only way in.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

KEY_BYTES = 18  # 144 bits, 24 URL-safe characters
SOCKET_PATH = "/room"


class BadRoomAddress(ValueError):
    pass


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


@dataclass(frozen=True)
class RoomAddress:
    host: str
    port: int
    key: str

    @property
    def url(self) -> str:
        """What people open or join: the phone page, with the key."""
        return f"http://{_netloc(self.host, self.port)}/?{urlencode({'key': self.key})}"

    @property
    def socket_url(self) -> str:
        return f"ws://{_netloc(self.host, self.port)}{SOCKET_PATH}?{urlencode({'key': self.key})}"

    @classmethod
    def parse(cls, url: str) -> RoomAddress:
        """Read a room URL as the host printed it (``http://`` or ``ws://``); a missing scheme
        means ``http://``. Raises :class:`BadRoomAddress` saying what is wrong."""
        text = url.strip()
        if "://" not in text:
            text = "http://" + text
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as err:
            raise BadRoomAddress(f"{url}: not a room address ({err})") from None
        if parts.scheme not in ("http", "ws"):
            raise BadRoomAddress(f"{url}: not a room address (it starts with http://)")
        if not parts.hostname:
            raise BadRoomAddress(f"{url}: not a room address (no host)")
        keys = parse_qs(parts.query).get("key", [])
        if len(keys) != 1 or not keys[0]:
            raise BadRoomAddress(f"{url}: the room key is missing (the address ends with ?key=...)")
        return cls(parts.hostname, port or 80, keys[0])


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def key_of(target: str) -> str:
    """The ``key`` query parameter of a request target (``/room?key=K``), or ""."""
    keys = parse_qs(urlsplit(target).query).get("key", [])
    return keys[0] if len(keys) == 1 else ""


def same_key(given: str, key: str) -> bool:
    """Whether ``given`` is the room's key (compared in constant time)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), key.encode("utf-8"))
