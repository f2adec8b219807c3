"""Status page backend: probe each internal service's /healthz and report it up or down."""

from __future__ import annotations

import logging

from http_probe import HttpGet, http_get

log = logging.getLogger(__name__)

UP = "up"
DOWN = "down"

# Healthy services answer in well under 1.5 s; anything slower than this is down for us.
PROBE_TIMEOUT_S = 2.0


def probe(name: str, url: str, get: HttpGet) -> str:
    """One health probe, never longer than PROBE_TIMEOUT_S."""
    try:
        status_code = get(url, timeout=PROBE_TIMEOUT_S)
    except TimeoutError:
        log.warning("%s did not answer within %.1fs at %s", name, PROBE_TIMEOUT_S, url)
        return DOWN
    except ConnectionError:
        log.warning("%s is unreachable at %s", name, url)
        return DOWN
    return UP if 200 <= status_code < 300 else DOWN


def check_services(services: dict[str, str], get: HttpGet = http_get) -> dict[str, str]:
    """Probe every service and return {name: "up" | "down"}, in the order given.

    A service is up when its health endpoint answers with a 2xx status within
    PROBE_TIMEOUT_S seconds; a hanging service is down and does not delay the others
    by more than that.
    """
    return {name: probe(name, url, get) for name, url in services.items()}
