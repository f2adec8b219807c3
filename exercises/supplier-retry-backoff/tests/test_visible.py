import random

import pytest

from stock_client import StockClient
from supplier_api import SupplierUnavailable


class RecordingSleeper:
    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)
        if len(self.delays) > 20:
            raise RuntimeError("slept more than 20 times: the retries are not bounded")


class FlakyTransport:
    """Raises SupplierUnavailable `failures` times, then answers."""

    def __init__(self, failures, answer):
        self.failures, self.answer, self.calls = failures, answer, 0

    def __call__(self, path):
        self.calls += 1
        if self.calls > 20:
            raise RuntimeError("called more than 20 times: the retries are not bounded")
        if self.calls <= self.failures:
            raise SupplierUnavailable("503 Service Unavailable")
        return self.answer


def test_answers_when_the_supplier_is_up():
    """A healthy supplier answers on the first request."""
    sleeper = RecordingSleeper()
    client = StockClient(FlakyTransport(0, {"available": 3}), sleep=sleeper, rng=random.Random(1))
    assert client.available("NL-4471") == 3
    assert sleeper.delays == []


def test_survives_one_503():
    """One transient failure is retried after a pause."""
    sleeper = RecordingSleeper()
    client = StockClient(FlakyTransport(1, {"available": 8}), sleep=sleeper, rng=random.Random(1))
    assert client.available("NL-4471") == 8
    assert len(sleeper.delays) == 1


def test_outage_ends_with_an_error():
    """When the supplier stays down, the client eventually raises SupplierUnavailable."""
    client = StockClient(FlakyTransport(1000, {}), sleep=RecordingSleeper(), rng=random.Random(1))
    with pytest.raises(SupplierUnavailable):
        client.available("NL-4471")
