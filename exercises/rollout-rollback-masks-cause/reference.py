"""Roll a release out to the fleet, one host at a time (ticket OPS-388)."""

from __future__ import annotations

import logging

from fleet_api import DeployError, Fleet

log = logging.getLogger(__name__)


def _roll_back(host: str, previous: str, fleet: Fleet) -> Exception | None:
    """Reinstall `previous` and put the host back in service; return the error if that fails.

    A host whose rollback failed stays drained: no customer traffic reaches a broken service.
    """
    try:
        fleet.install(host, previous)
        fleet.check_health(host)
    except Exception as exc:
        log.error("rollback of %s to %s failed; host left drained", host, previous, exc_info=exc)
        return exc
    fleet.enable(host)
    return None


def _deploy_host(release: str, host: str, fleet: Fleet) -> None:
    previous = fleet.current_release(host)  # read it now: after install() it is the new release
    try:
        fleet.drain(host)
        fleet.install(host, release)
        fleet.check_health(host)
        fleet.enable(host)
    except Exception as exc:
        rollback_error = _roll_back(host, previous, fleet)
        if rollback_error is None:
            outcome = f"rolled back to {previous}"
        else:
            outcome = f"rollback to {previous} failed too ({rollback_error}); {host} left drained"
        # The deploy failure stays the cause; the rollback failure is logged and in the message.
        raise DeployError(f"{release} failed on {host}: {exc}; {outcome}") from exc


def roll_out(release: str, hosts: list[str], fleet: Fleet) -> None:
    """Install `release` on each host in turn; on a failure, roll that host back and stop."""
    for host in hosts:
        log.info("deploying %s to %s", release, host)
        _deploy_host(release, host, fleet)
    log.info("%s is live on %d hosts", release, len(hosts))
