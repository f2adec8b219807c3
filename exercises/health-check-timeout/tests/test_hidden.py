import pytest

from status_probe import check_services

PROBE_LIMIT_S = 2.0


class Hung(BaseException):
    """The fake network's way of ending a call that would have waited forever."""


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def advance(self, seconds):
        self.now += seconds


class FakeNetwork:
    """Each URL maps to (latency_s, status) or to "hang" or "refused". The fake clock decides timeouts."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.clock = FakeClock()
        self.timeouts = []

    def __call__(self, url, *, timeout=None):
        self.timeouts.append(timeout)
        if len(self.timeouts) > 50:
            raise Hung("more than 50 probes in one sweep")
        plan = self.behaviour[url]
        if plan == "refused":
            self.clock.advance(0.01)
            raise ConnectionError("connection refused")
        latency, status = (float("inf"), None) if plan == "hang" else plan
        if timeout is None:
            if latency == float("inf"):
                self.clock.advance(3600)
                raise Hung(f"{url} accepted the connection and never answered; the probe waited with no timeout")
            self.clock.advance(latency)
            return status
        if latency > timeout:
            self.clock.advance(timeout)
            raise TimeoutError("timed out")
        self.clock.advance(latency)
        return status


def urls(*names):
    return {name: f"http://{name}.internal:8080/healthz" for name in names}


def test_healthy_and_unhealthy_services_are_reported():
    """Services answering 2xx are "up"; error statuses and unreachable services are "down", in the order given — the status page must keep working."""
    services = urls("billing", "search", "auth", "mailer", "reports")
    net = FakeNetwork({
        services["billing"]: (0.05, 200),
        services["search"]: (0.2, 503),
        services["auth"]: (0.01, 204),
        services["mailer"]: "refused",
        services["reports"]: (0.3, 500),
    })
    got = check_services(services, get=net)
    expected = {"billing": "up", "search": "down", "auth": "up", "mailer": "down", "reports": "down"}
    assert type(got) is dict and expected == got, f"got {got!r}"
    assert list(got) == list(services), f"order was {list(got)}"
    assert all(type(v) is str for v in got.values())


def test_every_probe_has_a_timeout_of_at_most_two_seconds():
    """Every health probe passes a timeout (a number of seconds, at most 2) so no single request can wait forever."""
    services = urls("a1", "b2", "c3")
    net = FakeNetwork({url: (0.1, 200) for url in services.values()})
    check_services(services, get=net)
    assert len(net.timeouts) == 3, f"{len(net.timeouts)} probes were sent"
    for timeout in net.timeouts:
        assert isinstance(timeout, (int, float)) and not isinstance(timeout, bool), f"timeout was {timeout!r}"
        assert 0 < timeout <= PROBE_LIMIT_S, f"timeout was {timeout!r} s"


def test_a_hanging_service_is_down_and_the_others_are_still_checked():
    """A service that accepts the connection but never answers is reported "down" after the timeout, and the services after it are still checked — one stuck service must not freeze the status page."""
    services = urls("ledger", "queue", "cdn", "warehouse")
    net = FakeNetwork({
        services["ledger"]: (0.1, 200),
        services["queue"]: "hang",
        services["cdn"]: (0.1, 200),
        services["warehouse"]: "hang",
    })
    got = check_services(services, get=net)
    assert {"ledger": "up", "queue": "down", "cdn": "up", "warehouse": "down"} == got, f"got {got!r}"


def test_a_very_slow_service_counts_as_down():
    """A service that needs far longer than the timeout to answer is "down": the status page reports it instead of waiting for it."""
    services = urls("pdf-render", "api")
    net = FakeNetwork({services["pdf-render"]: (45.0, 200), services["api"]: (0.1, 200)})
    got = check_services(services, get=net)
    assert {"pdf-render": "down", "api": "up"} == got, f"got {got!r}"


def test_a_service_answering_within_the_limit_is_up():
    """A healthy but busy service that answers in under 1.5 seconds is still "up" — the timeout must not be so short that slow-but-healthy services flap."""
    services = urls("search", "geo")
    net = FakeNetwork({services["search"]: (1.4, 200), services["geo"]: (0.9, 200)})
    got = check_services(services, get=net)
    assert {"search": "up", "geo": "up"} == got, f"got {got!r}"


def test_a_sweep_of_stuck_services_finishes_in_bounded_time():
    """Even when every service hangs, one sweep ends within 2 seconds per service, so the status page always answers."""
    names = [f"svc{i}" for i in range(6)]
    services = urls(*names)
    net = FakeNetwork({url: "hang" for url in services.values()})
    got = check_services(services, get=net)
    assert {name: "down" for name in names} == got, f"got {got!r}"
    assert net.clock.now <= PROBE_LIMIT_S * len(names) + 1e-9, f"the sweep took {net.clock.now:.1f} simulated seconds"
