"""Roll a release out to the fleet, one host at a time (ticket OPS-388)."""

from __future__ import annotations

import logging

from fleet_api import DeployError, Fleet

log = logging.getLogger(__name__)


def roll_out(release: str, hosts: list[str], fleet: Fleet) -> None:
    """Install `release` on each host in turn; on a failure, roll that host back and stop."""
    for host in hosts:
        log.info("deploying %s to %s", release, host)
        try:
            fleet.drain(host)
            fleet.install(host, release)
            fleet.check_health(host)
            fleet.enable(host)
        except Exception:
            previous = fleet.current_release(host)
            log.warning("rolling %s back to %s", host, previous)
            # Put the host back the way it was, then stop the rollout.
            fleet.install(host, previous)
            fleet.enable(host)
            raise DeployError("Deployment failed, rolled back")
    log.info("%s is live on %d hosts", release, len(hosts))
