"""Status page backend: probe each internal service's /healthz and report it up or down."""

from __future__ import annotations

import logging
import time
from typing import Callable

from http_probe import HttpGet, http_get

log = logging.getLogger(__name__)

UP = "up"
DOWN = "down"
UNKNOWN = "unknown"

PROBE_TIMEOUT_S = 2.0  # healthy services answer in well under 1.5 s
SWEEP_BUDGET_S = 5.0  # the load balancer gives up on the status page after this


def probe(name: str, url: str, get: HttpGet, timeout: float) -> str:
    """One health probe that never waits longer than `timeout` seconds."""
    try:
        status_code = get(url, timeout=timeout)
    except TimeoutError:
        log.warning("%s did not answer within %.2fs at %s", name, timeout, url)
        return DOWN
    except ConnectionError:
        log.warning("%s is unreachable at %s", name, url)
        return DOWN
    return UP if 200 <= status_code < 300 else DOWN


def check_services(
    services: dict[str, str],
    get: HttpGet = http_get,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, str]:
    """Probe every service and return {name: "up" | "down" | "unknown"}, in the order given.

    Each probe waits at most PROBE_TIMEOUT_S and never beyond the sweep's deadline
    (SWEEP_BUDGET_S after the start); services left when the deadline has passed are
    reported "unknown" without being probed.
    """
    deadline = clock() + SWEEP_BUDGET_S
    statuses: dict[str, str] = {}
    for name, url in services.items():
        remaining = deadline - clock()
        if remaining <= 0:
            statuses[name] = UNKNOWN
            continue
        statuses[name] = probe(name, url, get, min(PROBE_TIMEOUT_S, remaining))
    return statuses
