import pytest

from status_probe import check_services

PROBE_LIMIT_S = 2.0
SWEEP_BUDGET_S = 5.0


class Hung(BaseException):
    """The fake network's way of ending a call that would have waited forever."""


class FakeClock:
    def __init__(self):
        self.now = 5_000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class FakeNetwork:
    """Each URL maps to (latency_s, status) or to "hang" or "refused". The fake clock decides timeouts."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.clock = FakeClock()
        self.timeouts = []
        self.probed = []
        self.called_at = []

    def __call__(self, url, *, timeout=None):
        self.timeouts.append(timeout)
        self.probed.append(url)
        self.called_at.append(self.clock.now)
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
    got = check_services(services, get=net, clock=net.clock)
    expected = {"billing": "up", "search": "down", "auth": "up", "mailer": "down", "reports": "down"}
    assert type(got) is dict and expected == got, f"got {got!r}"
    assert list(got) == list(services), f"order was {list(got)}"
    assert all(type(v) is str for v in got.values())


def test_every_probe_has_a_timeout_of_at_most_two_seconds():
    """Every health probe passes a timeout (a number of seconds, at most 2) so no single request can wait forever."""
    services = urls("a1", "b2", "c3")
    net = FakeNetwork({url: (0.1, 200) for url in services.values()})
    check_services(services, get=net, clock=net.clock)
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
    got = check_services(services, get=net, clock=net.clock)
    assert {"ledger": "up", "queue": "down", "cdn": "up", "warehouse": "down"} == got, f"got {got!r}"


def test_a_very_slow_service_counts_as_down():
    """A service that needs far longer than the timeout to answer is "down": the status page reports it instead of waiting for it."""
    services = urls("pdf-render", "api")
    net = FakeNetwork({services["pdf-render"]: (45.0, 200), services["api"]: (0.1, 200)})
    got = check_services(services, get=net, clock=net.clock)
    assert {"pdf-render": "down", "api": "up"} == got, f"got {got!r}"


def test_a_service_answering_within_the_limit_is_up():
    """A healthy but busy service that answers in under 1.5 seconds is still "up" — the timeout must not be so short that slow-but-healthy services flap."""
    services = urls("search", "geo")
    net = FakeNetwork({services["search"]: (1.4, 200), services["geo"]: (0.9, 200)})
    got = check_services(services, get=net, clock=net.clock)
    assert {"search": "up", "geo": "up"} == got, f"got {got!r}"


def test_a_sweep_of_stuck_services_finishes_within_the_budget():
    """Even when every service hangs, one sweep ends within the 5-second budget: the services probed are "down" and the ones there was no time left for are "unknown" — the status page always answers before the load balancer gives up on it."""
    names = [f"svc{i}" for i in range(7)]
    services = urls(*names)
    net = FakeNetwork({url: "hang" for url in services.values()})
    start = net.clock.now
    got = check_services(services, get=net, clock=net.clock)
    elapsed = net.clock.now - start
    assert elapsed <= SWEEP_BUDGET_S + 1e-9, f"the sweep took {elapsed:.1f} simulated seconds"
    assert type(got) is dict and list(got) == names, f"got {got!r}"
    probed = {url.split("//")[1].split(".")[0] for url in net.probed}
    for name in names:
        expected = "down" if name in probed else "unknown"
        assert got[name] == expected, f"{name} was {got[name]!r} (probed: {name in probed})"
    assert len(probed) >= 3, f"only {len(probed)} services were probed"


def test_each_probe_only_gets_the_time_left_in_the_budget():
    """A probe never gets a timeout longer than what is left of the sweep's 5-second budget, so a slow service late in the list cannot push the page past its deadline."""
    services = urls("stuck1", "stuck2", "late")
    net = FakeNetwork({services["stuck1"]: "hang", services["stuck2"]: "hang", services["late"]: (1.6, 200)})
    start = net.clock.now
    got = check_services(services, get=net, clock=net.clock)
    assert len(net.timeouts) == 3, f"{len(net.timeouts)} probes were sent"
    for number, (timeout, at) in enumerate(zip(net.timeouts, net.called_at), start=1):
        left = start + SWEEP_BUDGET_S - at
        assert timeout <= left + 1e-9, f"probe {number} was given {timeout!r} s with {left:.2f} s of the budget left"
    assert {"stuck1": "down", "stuck2": "down", "late": "down"} == got, f"got {got!r}"


def test_services_after_the_budget_are_unknown_not_probed():
    """Once the budget is used up, the remaining services are reported "unknown" without being probed — we don't know their state, and saying "down" would page the wrong team."""
    services = urls("slow1", "slow2", "slow3", "fine1", "fine2")
    net = FakeNetwork({
        services["slow1"]: "hang", services["slow2"]: "hang", services["slow3"]: "hang",
        services["fine1"]: (0.01, 200), services["fine2"]: (0.01, 200),
    })
    got = check_services(services, get=net, clock=net.clock)
    assert {"slow1": "down", "slow2": "down", "slow3": "down", "fine1": "unknown", "fine2": "unknown"} == got, f"got {got!r}"
    assert services["fine1"] not in net.probed and services["fine2"] not in net.probed, "services were probed after the budget ran out"


def test_many_fast_services_are_all_checked():
    """When services answer quickly, every one of them is probed and reported, however many there are — the budget only cuts off a sweep that is actually running late."""
    names = [f"api{i:02d}" for i in range(25)]
    services = urls(*names)
    net = FakeNetwork({url: (0.15, 200 if i % 4 else 503) for i, url in enumerate(services.values())})
    got = check_services(services, get=net, clock=net.clock)
    expected = {name: ("up" if i % 4 else "down") for i, name in enumerate(names)}
    assert expected == got, f"got {got!r}"
