"""``journeymap serve MAP``: host a workshop room headless (app/room/host.py)."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

from app.cli import EXIT_ERROR, EXIT_OK, _error, _one_line, command


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="MAP", help="the map to share; saved to it as the room edits it")
    p.add_argument("--port", type=int, default=8765, metavar="N", help="the port (default: 8765; 0: any free port)")
    p.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                   help="the address to serve on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 for everyone on the room's network)")
    p.add_argument("--new-room", action="store_true",
                   help="start a new room with a new key even if the map's last room can be resumed")


@command("serve", "host a workshop room on MAP: editors join with --join URL, phones open URL", _serve_arguments)
def cmd_serve(args: argparse.Namespace) -> int:
    from app.room.host import RoomHost, serving_addresses

    if not 0 <= args.port <= 65535:
        _error(f"--port {args.port}: a port is 0..65535")
        return EXIT_ERROR
    try:
        host = RoomHost(args.file, bind=args.bind, port=args.port, new_room=args.new_room)
    except OSError as err:
        if err.filename is None:  # binding the address
            _error(f"{args.bind}:{args.port}: cannot serve there ({err.strerror or err}); try another --port")
            return EXIT_ERROR
        raise
    host.on_save_failed = lambda message: _error(f"warning: {message}")

    def ready(host: RoomHost) -> None:
        print(f"Room open: {host.address.url}", flush=True)
        where = ", ".join(serving_addresses(args.bind, host.port))
        print(_one_line(f"Serving {args.file} on {where}, port {host.port}. Editors: journeymap --join URL; "
                        "phones: open URL. Ctrl+C ends the room."), flush=True)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, host.stop)
        await host.run(ready)

    asyncio.run(main())
    print(_one_line(f"Room closed; the map is saved in {args.file}"), file=sys.stderr)
    return EXIT_OK
