"""The fuzz suite: one hypothesis target per input the program reads (map files, clipboard
payloads, recovery journal entries). ``make test`` runs a few hundred examples of each (the
``ci`` profile); ``make fuzz`` runs the ``fuzz`` profile: FUZZ_EXAMPLES (default 100,000) cases
shared out over the targets by their weight (see ``examples``).

Every target asks the same of the program: the input is either accepted, and then it is a map
that saves, reloads and lays out, or refused with one clear line naming the file; never an
uncaught exception.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

TOTAL = int(os.environ.get("FUZZ_EXAMPLES", "100000"))
# the share of the fuzz run each target gets (they sum to 1)
WEIGHTS = {"map_bytes": 0.2, "map_values": 0.2, "fastload": 0.2, "clipboard": 0.2, "journal": 0.2}
WEIGHTS |= {"mermaid": 0.1, "canvas": 0.1}  # the data formats of issue 13 (on top of the five above)
WEIGHTS |= {"csv": 0.1}  # CSV sheets (issue 13)
WEIGHTS |= {"diff": 0.1}  # two versions of a map compared (issue 13)

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False
)
settings.register_profile(
    "fuzz",
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    print_blob=True,
)


def examples(target: str) -> settings:
    """The settings of one target under the active profile."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        return settings(settings.get_profile("fuzz"), max_examples=max(1, round(TOTAL * WEIGHTS[target])))
    return settings(settings.get_profile("ci"))
