import pytest

from rate_breaker import CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def boom():
    raise ConnectionError("tax service down")


def test_opens_after_failures():
    """Three failures with a threshold of 3 open the breaker."""
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout_s=10.0, clock=Clock())
    for _ in range(3):
        with pytest.raises(ConnectionError):
            breaker.call(boom)
    with pytest.raises(CircuitOpen):
        breaker.call(lambda: 19)


def test_recovers_after_the_timeout():
    """After the reset timeout a successful call closes the breaker again."""
    clock = Clock()
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout_s=10.0, clock=clock)
    with pytest.raises(ConnectionError):
        breaker.call(boom)
    clock.now += 10.0
    assert breaker.call(lambda: 19) == 19
    assert breaker.state == "closed"
