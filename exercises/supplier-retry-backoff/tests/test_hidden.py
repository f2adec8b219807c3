import random

import pytest

from stock_client import StockClient
from supplier_api import SupplierRejected, SupplierUnavailable

RUNAWAY_LIMIT = 40
NOMINAL = [1.0, 2.0, 4.0, 5.0]  # nominal delay before retry 1..4 (base 1 s, doubling, capped at 5 s)


class RunawayRetry(BaseException):
    """Raised by the fakes when the code keeps going far past any sane bound."""


class FakeSleeper:
    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)
        if len(self.delays) > RUNAWAY_LIMIT:
            raise RunawayRetry(f"slept {len(self.delays)} times in one lookup: the retries never stop")


class FakeTransport:
    """Fails `failures` times with errors from `make_error`, then answers `answer`."""

    def __init__(self, failures, answer=None, make_error=None):
        self.failures = failures
        self.answer = answer if answer is not None else {"available": 0}
        self.make_error = make_error or (lambda n: SupplierUnavailable(f"503 on call {n}"))
        self.paths = []
        self.raised = []

    def __call__(self, path):
        self.paths.append(path)
        if len(self.paths) > RUNAWAY_LIMIT:
            raise RunawayRetry(f"{len(self.paths)} requests for one lookup: the retries never stop")
        if len(self.paths) <= self.failures:
            error = self.make_error(len(self.paths))
            self.raised.append(error)
            raise error
        return dict(self.answer)


class CountingRandom(random.Random):
    def __init__(self, seed):
        self.draws = 0
        super().__init__(seed)

    def random(self):
        self.draws += 1
        return super().random()

    def getrandbits(self, k):
        self.draws += 1
        return super().getrandbits(k)


def client(transport, sleeper, seed=7):
    return StockClient(transport, sleep=sleeper, rng=CountingRandom(seed))


@pytest.mark.parametrize(
    "sku,units",
    [("NL-4471", 12), ("NL-0090", 0), ("BX-31-L", 318)],
    ids=["a few units in stock", "none in stock", "hundreds in stock"],
)
def test_answers_on_first_try_without_sleeping(sku, units):
    """When the supplier answers straight away, the stock level comes back as an int after one request and no pause — the feature must keep working."""
    transport, sleeper = FakeTransport(0, {"available": units}), FakeSleeper()
    got = client(transport, sleeper).available(sku)
    assert type(got) is int and got == units, f"got {got!r}"
    assert transport.paths == [f"/v2/stock/{sku}"], f"requests: {transport.paths}"
    assert sleeper.delays == [], f"slept {sleeper.delays}"


@pytest.mark.parametrize(
    "failures", [1, 2, 4], ids=["one failure", "two failures", "failures up to the last attempt"]
)
def test_recovers_after_transient_failures(failures):
    """A few transient failures (503s, timeouts) are retried and the real answer is returned, with one pause before each retry."""
    transport, sleeper = FakeTransport(failures, {"available": 41}), FakeSleeper()
    got = client(transport, sleeper).available("NL-2208")
    assert type(got) is int and got == 41, f"got {got!r}"
    assert len(transport.paths) == failures + 1, f"made {len(transport.paths)} requests"
    assert len(sleeper.delays) == failures, f"slept {len(sleeper.delays)} times"


def test_gives_up_after_five_attempts_and_raises_the_last_error():
    """During an outage the client stops after 5 attempts in total and re-raises the last SupplierUnavailable, so the caller can show "stock unknown" instead of a worker hanging forever."""
    transport, sleeper = FakeTransport(10_000), FakeSleeper()
    with pytest.raises(SupplierUnavailable) as caught:
        client(transport, sleeper).available("NL-7000")
    assert len(transport.paths) == 5, f"made {len(transport.paths)} requests"
    assert caught.value is transport.raised[-1], "the error raised is not the last one the supplier returned"
    assert len(sleeper.delays) == 4, f"slept {len(sleeper.delays)} times (no pause is needed after the last attempt)"


@pytest.mark.parametrize(
    "seed", [1, 2, 3, 99], ids=["a first random seed", "a second random seed", "a third random seed", "a fourth random seed"]
)
def test_delays_back_off_exponentially_with_equal_jitter(seed):
    """Each pause is a random amount between half and all of the nominal delay, which starts at 1 s, doubles each retry and is capped at 5 s — so thousands of shops don't retry in lockstep and hammer a struggling supplier."""
    transport, sleeper = FakeTransport(10_000), FakeSleeper()
    with pytest.raises(SupplierUnavailable):
        client(transport, sleeper, seed).available("NL-7001")
    assert len(sleeper.delays) == 4, f"slept {len(sleeper.delays)} times"
    for number, (delay, nominal) in enumerate(zip(sleeper.delays, NOMINAL), start=1):
        assert isinstance(delay, (int, float)) and not isinstance(delay, bool), f"delay {number} is {type(delay).__name__}"
        assert nominal / 2 - 1e-9 <= delay <= nominal + 1e-9, f"pause before retry {number} was {delay!r} s"


def test_jitter_comes_from_the_injected_rng():
    """The jitter is drawn from the `rng` passed to the client (not the global random module), so runs are reproducible in tests and the randomness can be controlled."""
    runs = {}
    for seed in (5, 5, 6):
        transport, sleeper = FakeTransport(10_000), FakeSleeper()
        rng = CountingRandom(seed)
        with pytest.raises(SupplierUnavailable):
            StockClient(transport, sleep=sleeper, rng=rng).available("NL-7002")
        assert rng.draws >= 1, "the injected rng was never used"
        runs.setdefault(seed, []).append(list(sleeper.delays))
    assert runs[5][0] == runs[5][1], "the same seed gave different pauses"
    assert runs[5][0] != runs[6][0], "different seeds gave identical pauses: the pauses are not jittered"
    assert runs[5][0] != NOMINAL, "the pauses are exactly the nominal delays: there is no jitter"


@pytest.mark.parametrize(
    "status",
    ["404 unknown SKU", "401 bad API key", "400 malformed SKU"],
    ids=["an unknown SKU", "a revoked API key", "a malformed SKU"],
)
def test_permanent_errors_are_not_retried(status):
    """A permanent rejection (bad SKU, bad credentials) is raised at once after a single request — retrying cannot change the answer and only wastes the rate limit."""
    transport = FakeTransport(10_000, make_error=lambda n: SupplierRejected(status))
    sleeper = FakeSleeper()
    with pytest.raises(SupplierRejected):
        client(transport, sleeper).available("NL-0404")
    assert len(transport.paths) == 1, f"made {len(transport.paths)} requests"
    assert sleeper.delays == [], f"slept {sleeper.delays}"


def test_unexpected_errors_are_not_retried():
    """A bug or a malformed answer is not an outage: anything other than SupplierUnavailable propagates after one request instead of being retried."""
    for make in (lambda n: RuntimeError("bug in transport"), lambda n: KeyError("available")):
        transport, sleeper = FakeTransport(10_000, make_error=make), FakeSleeper()
        with pytest.raises(Exception) as caught:
            client(transport, sleeper).available("NL-1234")
        assert not isinstance(caught.value, SupplierUnavailable), "a non-transient error was turned into SupplierUnavailable"
        assert len(transport.paths) == 1, f"made {len(transport.paths)} requests"
        assert sleeper.delays == [], f"slept {sleeper.delays}"
