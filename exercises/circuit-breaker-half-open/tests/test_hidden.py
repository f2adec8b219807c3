import pytest

from rate_breaker import CircuitBreaker, CircuitOpen


class FakeClock:
    def __init__(self, start=1_000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class ServiceDown(Exception):
    pass


class TaxService:
    """Fake tax-rate service: `healthy` decides whether it answers."""

    def __init__(self, healthy=True):
        self.healthy = healthy
        self.calls = 0
        self.last_error = None

    def rate(self, country):
        self.calls += 1
        if not self.healthy:
            self.last_error = ServiceDown(f"503 from tax service (call {self.calls})")
            raise self.last_error
        return {"DE": 19, "FR": 20, "NL": 21, "IE": 23}[country]


def fail_times(breaker, service, n):
    service.healthy = False
    for _ in range(n):
        with pytest.raises(ServiceDown):
            breaker.call(service.rate, "DE")


def test_closed_breaker_passes_results_and_errors_through():
    """While the service is healthy, calls go through and return the service's answer; a service error reaches the caller unchanged — the breaker must not get in the way."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout_s=10.0, clock=clock)
    got = [breaker.call(service.rate, c) for c in ("DE", "FR", "IE")]
    assert [19, 20, 23] == got and all(type(v) is int for v in got), f"got {got!r}"
    assert breaker.state == "closed", f"state was {breaker.state!r}"
    service.healthy = False
    with pytest.raises(ServiceDown) as caught:
        breaker.call(service.rate, "NL")
    assert caught.value is service.last_error, "the service's error was replaced"


@pytest.mark.parametrize(
    "threshold", [2, 3, 5], ids=["a low failure threshold", "a medium failure threshold", "the usual failure threshold"]
)
def test_opens_after_consecutive_failures_and_fails_fast(threshold):
    """After the configured number of consecutive failures the breaker opens: further calls raise CircuitOpen at once without calling the service, so requests stop piling up on a dead dependency."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=threshold, reset_timeout_s=30.0, clock=clock)
    fail_times(breaker, service, threshold)
    assert breaker.state == "open", f"state was {breaker.state!r}"
    before = service.calls
    for _ in range(3):
        with pytest.raises(CircuitOpen):
            breaker.call(service.rate, "DE")
    assert service.calls == before, "the service was called while the breaker was open"


def test_a_success_resets_the_failure_count():
    """Only consecutive failures open the breaker: a successful call resets the count, so occasional errors spread over a day never disable the feature."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=5, reset_timeout_s=30.0, clock=clock)
    for _ in range(3):
        fail_times(breaker, service, 4)
        service.healthy = True
        assert breaker.call(service.rate, "FR") == 20, "a call after a few failures did not go through"
    assert breaker.state == "closed", f"state was {breaker.state!r}"


def test_stays_open_until_the_reset_timeout():
    """Before the reset timeout has passed, the open breaker keeps rejecting calls without touching the service."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout_s=30.0, clock=clock)
    fail_times(breaker, service, 2)
    service.healthy = True
    clock.advance(29.5)
    with pytest.raises(CircuitOpen):
        breaker.call(service.rate, "DE")
    assert service.calls == 2 and breaker.state == "open", f"calls={service.calls}, state={breaker.state!r}"


@pytest.mark.parametrize(
    "timeout", [30.0, 5.0, 120.0], ids=["the usual reset timeout", "a short reset timeout", "a long reset timeout"]
)
def test_half_opens_after_the_timeout_and_closes_when_the_trial_succeeds(timeout):
    """Once the reset timeout has passed, the breaker is half-open and lets a trial call through; if it succeeds the breaker closes and traffic flows again — otherwise the feature stays disabled forever after one bad minute."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout_s=timeout, clock=clock)
    fail_times(breaker, service, 3)
    clock.advance(timeout)
    assert breaker.state == "half_open", f"state after the timeout was {breaker.state!r}"
    service.healthy = True
    got = breaker.call(service.rate, "NL")
    assert type(got) is int and got == 21, f"the trial call returned {got!r}"
    assert breaker.state == "closed", f"state after a good trial was {breaker.state!r}"
    assert [19, 20] == [breaker.call(service.rate, c) for c in ("DE", "FR")], "calls after closing failed"


def test_closing_starts_a_fresh_failure_count():
    """After the breaker closes again, it takes a full run of consecutive failures to open it once more."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=4, reset_timeout_s=10.0, clock=clock)
    fail_times(breaker, service, 4)
    clock.advance(10.0)
    service.healthy = True
    assert breaker.call(service.rate, "DE") == 19, "the trial call did not go through"
    fail_times(breaker, service, 3)
    assert breaker.state == "closed", f"state was {breaker.state!r} after 3 failures with a threshold of 4"
    fail_times(breaker, service, 1)
    assert breaker.state == "open", f"state was {breaker.state!r}"


def test_a_failed_trial_reopens_for_another_full_timeout():
    """If the trial call fails, its error reaches the caller and the breaker opens again for a whole new reset timeout before the next trial."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout_s=20.0, clock=clock)
    fail_times(breaker, service, 3)
    clock.advance(25.0)
    with pytest.raises(ServiceDown):
        breaker.call(service.rate, "DE")  # the trial, still failing
    assert breaker.state == "open", f"state after a failed trial was {breaker.state!r}"
    calls = service.calls
    clock.advance(19.0)
    with pytest.raises(CircuitOpen):
        breaker.call(service.rate, "DE")
    assert service.calls == calls, "the service was called before the new timeout ended"
    clock.advance(1.0)
    service.healthy = True
    assert breaker.call(service.rate, "IE") == 23, "the next trial after the new timeout did not go through"
    assert breaker.state == "closed", f"state was {breaker.state!r}"


def test_only_one_trial_call_at_a_time():
    """While the half-open trial call is in flight, other requests are rejected with CircuitOpen instead of all rushing at the recovering service."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout_s=30.0, clock=clock)
    fail_times(breaker, service, 2)
    clock.advance(31.0)
    service.healthy = True
    outcomes = []

    def trial(country):
        # another request arrives while the trial is still running
        try:
            outcomes.append(breaker.call(service.rate, "FR"))
        except CircuitOpen:
            outcomes.append("rejected")
        return service.rate(country)

    assert breaker.call(trial, "DE") == 19
    assert outcomes == ["rejected"], f"the concurrent request got {outcomes!r}"
    assert breaker.state == "closed", f"state after a good trial was {breaker.state!r}"


def test_defaults_are_five_failures_and_thirty_seconds():
    """With no arguments the breaker opens after 5 consecutive failures and tries again after 30 seconds, as agreed with the tax-service team."""
    clock, service = FakeClock(), TaxService()
    breaker = CircuitBreaker(clock=clock)
    fail_times(breaker, service, 4)
    assert breaker.state == "closed", f"state after 4 failures was {breaker.state!r}"
    fail_times(breaker, service, 1)
    assert breaker.state == "open", f"state after 5 failures was {breaker.state!r}"
    clock.advance(29.0)
    assert breaker.state == "open", f"state before the timeout was {breaker.state!r}"
    clock.advance(1.0)
    assert breaker.state == "half_open", f"state after 30 s was {breaker.state!r}"
