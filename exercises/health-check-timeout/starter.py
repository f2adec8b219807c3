"""Status page backend: probe each internal service's /healthz and report it up or down."""

from __future__ import annotations

import logging
import time
from typing import Callable

from http_probe import HttpGet, http_get

log = logging.getLogger(__name__)

UP = "up"
DOWN = "down"


def check_services(
    services: dict[str, str],
    get: HttpGet = http_get,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, str]:
    """Probe every service and return {name: "up" | "down"}, in the order given.

    A service is up when its health endpoint answers with a 2xx status.
    """
    started = clock()
    statuses: dict[str, str] = {}
    for name, url in services.items():
        try:
            status_code = get(url)
        except ConnectionError:
            log.warning("%s is unreachable at %s", name, url)
            statuses[name] = DOWN
            continue
        statuses[name] = UP if 200 <= status_code < 300 else DOWN
    log.info("health sweep of %d services took %.2fs", len(services), clock() - started)
    return statuses
