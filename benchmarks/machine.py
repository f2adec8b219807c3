"""How fast this machine is right now, printed at the top of every benchmark.

The development machine is a virtual machine whose speed drifts with its neighbours (a fixed
loop takes from about 120 to 200 ms on it within an hour). Figures are comparable within one
run; across runs, compare them with this probe as well.
"""

from __future__ import annotations

import os
import time


def probe_ms(repeats: int = 3) -> float:
    """The fastest of a few runs of a fixed pure-Python loop, in milliseconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - start)
    return best * 1000


def describe() -> str:
    return (
        f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
        f"speed probe {probe_ms():.0f} ms (a fixed loop: lower is faster)"
    )
