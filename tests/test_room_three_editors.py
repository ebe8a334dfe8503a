"""Three editor processes and a host on loopback edit one map at once: one editor's connection
drops mid-way, the host is SIGKILLed and started again from its file. All end with the same
map, every edit an editor made to its own cards is there, and the host's file loads."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from app.io.jsonfile import load_map
from tests.main_window_support import Windows
from tests.test_room_editor import free_port, serve

ROOT = Path(__file__).resolve().parent.parent
EDITS = 60


def test_three_editors_a_dropped_connection_and_a_killed_host_end_with_one_map(tmp_path):
    path = Windows(None, tmp_path).copy_example("room.journey.json")
    port = free_port()
    host, url = serve(path, port)
    editors = [
        subprocess.Popen([sys.executable, "-m", "tests.room_agent", url, name, str(i), str(100 + i), str(EDITS),
                          "drop" if i == 1 else "keep"],
                         cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i, name in enumerate(("ana", "ben", "cy"))
    ]
    try:
        for e in editors:
            line = e.stdout.readline()
            assert line.strip() == "JOINED", line + e.stderr.read()
        for e in editors:
            e.stdin.write("edit\n")
            e.stdin.flush()
        time.sleep(0.4)  # the editors are editing: kill the host under them and start it again
        host.kill()
        host.wait(10)
        host, url_again = serve(path, port)
        assert url_again == url  # the same room, the same key
        for e in editors:
            line = e.stdout.readline()
            assert line.strip() == "EDITS-DONE", line + e.stderr.read()
        outcomes = []
        for e in editors:
            e.stdin.write("go\n")
            e.stdin.flush()
        for e in editors:
            out, err = e.communicate(timeout=120)
            assert e.returncode == 0, err
            outcomes.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for e in editors:
            if e.poll() is None:
                e.kill()
        host.terminate()
        host.wait(20)
    assert all(o["state"] == "connected" for o in outcomes)
    first = outcomes[0]
    for other in outcomes[1:]:
        assert other["cards"] == first["cards"]
        assert other["order"] == first["order"]
    for o in outcomes:  # nothing an editor did to its own cards is lost
        for card, fields in o["last"].items():
            assert {k: first["cards"][card][k] for k in fields} == fields, card
    saved = load_map(path)  # the host's file: loads, and holds the room's map
    assert {c.id: {"title": c.title, "stage_id": c.stage_id, "lane_id": c.lane_id} for c in saved.cards} == first["cards"]
