"""Hidden tests for OPS-388: a failed host is rolled back to what it ran before, and the cause survives the rollback."""

import logging

import pytest

from fleet_api import DeployError, HostError
from fleet_rollout import roll_out

NEW = "2024.07.0"
OLD = {"web-1": "2024.06.1", "web-2": "2024.05.3", "web-3": "2024.06.1"}
HOSTS = list(OLD)


class FakeFleet:
    """Records every call; raises the configured HostError for (operation, host, release)."""

    def __init__(self, fail=None):
        self.installed = dict(OLD)
        self.in_service = {host: True for host in OLD}
        self.fail = fail or {}
        self.calls = []

    def _maybe_fail(self, key):
        if key in self.fail:
            raise self.fail[key]

    def current_release(self, host):
        self.calls.append(("current_release", host))
        return self.installed[host]

    def drain(self, host):
        self.calls.append(("drain", host))
        self.in_service[host] = False

    def install(self, host, release):
        self.calls.append(("install", host, release))
        self._maybe_fail(("install", host, release))
        self.installed[host] = release

    def check_health(self, host):
        self.calls.append(("check_health", host))
        self._maybe_fail(("check_health", host, self.installed[host]))

    def enable(self, host):
        self.calls.append(("enable", host))
        self.in_service[host] = True

    def touched(self, host):
        return [c for c in self.calls if c[1] == host and c[0] != "current_release"]


HEALTH = HostError("web-2: GET /healthz returned 503 after 30 s (migration 0142 pending)")
NO_INSTALL = HostError("web-2: dpkg: error processing package shop-api (--configure)")
DEPLOY_FAILURES = {
    "the new release fails its health check": {("check_health", "web-2", NEW): HEALTH},
    "the new release does not install": {("install", "web-2", NEW): NO_INSTALL},
}
ROLLBACK_FAILURES = {
    "the old release does not install either": {
        ("check_health", "web-2", NEW): HEALTH,
        ("install", "web-2", OLD["web-2"]): HostError("web-2: package shop-api 2024.05.3 no longer in the repository"),
    },
    "the old release is unhealthy too": {
        ("check_health", "web-2", NEW): HEALTH,
        ("check_health", "web-2", OLD["web-2"]): HostError("web-2: GET /healthz returned 500 (schema newer than code)"),
    },
}


def _failed_roll_out(fail):
    fleet = FakeFleet(fail)
    with pytest.raises(Exception) as info:
        roll_out(NEW, HOSTS, fleet)
    return fleet, info.value


def test_release_goes_live_on_every_host():
    """Each host is drained, gets the release, passes its health check and is put back in service, one after the other — the rollout keeps working."""
    fleet = FakeFleet()
    roll_out(NEW, HOSTS, fleet)
    for host in HOSTS:
        steps = fleet.touched(host)
        assert steps == [("drain", host), ("install", host, NEW), ("check_health", host), ("enable", host)], f"{host}: {steps}"
    assert fleet.installed == {h: NEW for h in HOSTS}, f"installed: {fleet.installed}"
    assert all(fleet.in_service.values()), f"in service: {fleet.in_service}"


@pytest.mark.parametrize("label", list(DEPLOY_FAILURES), ids=list(DEPLOY_FAILURES))
def test_failed_host_is_rolled_back_to_its_previous_release(label):
    """A host that fails is rolled back to the release it ran before the deploy and put back in service once healthy; the rollout stops there — reinstalling the release that just failed is not a rollback."""
    fleet, err = _failed_roll_out(DEPLOY_FAILURES[label])
    assert isinstance(err, DeployError), f"raised {type(err).__name__}: {err}"
    assert fleet.installed["web-2"] == OLD["web-2"], f"web-2 runs {fleet.installed['web-2']} after the rollback"
    assert fleet.in_service["web-2"], "web-2 was not put back in service after a successful rollback"
    assert fleet.installed["web-1"] == NEW, "the host deployed before the failure should keep the new release"
    assert fleet.touched("web-3") == [], "the rollout did not stop at the failed host"


@pytest.mark.parametrize("label", list(DEPLOY_FAILURES), ids=list(DEPLOY_FAILURES))
def test_deploy_error_keeps_the_cause_and_names_the_host(label):
    """The DeployError is raised from the host's error and its message names the host and says what failed — 'Deployment failed' alone sends on-call logging into every server."""
    (key, original), = DEPLOY_FAILURES[label].items()
    _fleet, err = _failed_roll_out(DEPLOY_FAILURES[label])
    assert isinstance(err, DeployError), f"raised {type(err).__name__}: {err}"
    assert err.__cause__ is original, f"__cause__ was {err.__cause__!r}"
    assert "web-2" in str(err), f"message was {str(err)!r}"


@pytest.mark.parametrize("label", list(ROLLBACK_FAILURES), ids=list(ROLLBACK_FAILURES))
def test_failed_rollback_does_not_replace_the_original_error(label, caplog):
    """When the rollback fails too, the rollout still raises DeployError caused by the original deploy failure, and the rollback failure is logged as an error — an exception raised during cleanup must not hide why the deploy failed."""
    caplog.set_level(logging.DEBUG)
    _fleet, err = _failed_roll_out(ROLLBACK_FAILURES[label])
    assert isinstance(err, DeployError), f"raised {type(err).__name__}: {err}"
    assert err.__cause__ is HEALTH, f"__cause__ was {err.__cause__!r}"
    rollback_error = [e for k, e in ROLLBACK_FAILURES[label].items() if e is not HEALTH][0]

    def mentions_rollback_error(record):
        exc = record.exc_info[1] if record.exc_info else None
        return exc is rollback_error or str(rollback_error) in record.getMessage()

    assert any(r.levelno >= logging.ERROR and mentions_rollback_error(r) for r in caplog.records), "the rollback failure was not logged as an error"


@pytest.mark.parametrize("label", list(ROLLBACK_FAILURES), ids=list(ROLLBACK_FAILURES))
def test_host_stays_out_of_service_when_rollback_fails(label):
    """A host whose rollback failed stays drained instead of being put back in the load balancer — customers must not be sent to a broken service."""
    fleet, _err = _failed_roll_out(ROLLBACK_FAILURES[label])
    assert not fleet.in_service["web-2"], "web-2 was put back in service although its rollback failed"
    assert fleet.touched("web-3") == [], "the rollout did not stop at the failed host"
