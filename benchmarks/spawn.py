"""Run one command and report its own wall time, CPU time and peak memory (JSON on stdout).

``python -m benchmarks.spawn -- ARGS...`` is how the benchmarks time a whole command. On Linux a
forked child's peak resident memory (``ru_maxrss``) starts at its parent's resident size at
the fork, so a command forked straight from a benchmark process that holds a 500 MB picture
reports 500 MB whatever it used. This small process (standard library only) forks the command
instead, so the figure is the command's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(args: list[str]) -> int:
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    print(json.dumps({
        "wall": time.perf_counter() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "mb": usage.ru_maxrss / 1024,
        "returncode": os.waitstatus_to_exitcode(status),
        "stderr": err[-2000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[2:] if sys.argv[1:2] == ["--"] else sys.argv[1:]))
