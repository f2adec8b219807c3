import logging
from decimal import Decimal

import pytest

from carrier_client import CarrierError
from shipping_quote import quote_shipping
from shop_config import CARRIER_TIMEOUT_S, FLAT_SHIPPING_RATE


class WouldHangForever(BaseException):
    """Stands in for a request that never returns: nothing but a timeout ends it."""


class IntegrationBug(Exception):
    """A mistake in our own code that no handler could have been written for in advance."""


class FakeCarrier:
    """Same interface as CarrierClient; records every call instead of using the network."""

    def __init__(self, price="6.45", error=None, hangs=False):
        self.price, self.error, self.hangs = price, error, hangs
        self.calls = []

    def get_json(self, path, params, timeout=None):
        self.calls.append((path, dict(params), timeout))
        if self.hangs:
            if timeout is None:
                raise WouldHangForever("the carrier never answered and no timeout was set")
            raise TimeoutError(f"carrier did not answer within {timeout}s")
        if self.error is not None:
            raise self.error
        return {"price": self.price, "currency": "EUR", "service": "standard"}


@pytest.mark.parametrize("price, expected", [("6.45", "6.45"), (12.9, "12.90"), ("0.99", "0.99"), (8, "8")],
                         ids=["a price sent as text", "a price sent as a JSON number", "a price under one euro", "a whole-euro price"])
def test_returns_the_carriers_price(price, expected):
    """When the carrier answers, checkout shows the carrier's live price as a Decimal — the fallback must not replace the feature."""
    got = quote_shipping(FakeCarrier(price=price), "75011", 1250)
    assert type(got) is Decimal, f"returned {type(got).__name__}"
    assert Decimal(expected) == got, f"returned {got}"


def test_asks_for_the_right_parcel():
    """The request asks the rates endpoint for this parcel's postcode and weight."""
    carrier = FakeCarrier()
    quote_shipping(carrier, "SW1A 1AA", 730)
    assert len(carrier.calls) == 1, f"{len(carrier.calls)} requests were made"
    path, params, _timeout = carrier.calls[0]
    assert path == "/v2/rates", f"requested {path!r}"
    assert {"postcode": "SW1A 1AA", "weight_g": "730"} == params, f"sent {params!r}"


@pytest.mark.parametrize("postcode, weight", [("75011", 1250), ("10115", 20000), ("1000", 1)],
                         ids=["an ordinary parcel", "a heavy parcel", "a one-gram parcel"])
def test_every_request_has_a_timeout_within_budget(postcode, weight):
    """Every call to the carrier sets a timeout no longer than the checkout budget in shop_config — without one, a carrier that stops answering holds a checkout worker forever."""
    carrier = FakeCarrier()
    quote_shipping(carrier, postcode, weight)
    for _path, _params, timeout in carrier.calls:
        assert timeout is not None, "the carrier was called without a timeout"
        assert type(timeout) in (int, float), f"timeout was {timeout!r}"
        assert 0 < timeout <= CARRIER_TIMEOUT_S, f"timeout was {timeout!r} seconds"


def test_hanging_carrier_gives_the_flat_rate():
    """When the carrier stops answering, checkout shows the flat rate once the timeout expires instead of hanging."""
    got = quote_shipping(FakeCarrier(hangs=True), "75011", 1250)
    assert type(got) is Decimal and FLAT_SHIPPING_RATE == got, f"returned {got!r}"


@pytest.mark.parametrize(
    "error",
    [
        CarrierError("HTTP 503 Service Unavailable"),
        TimeoutError("timed out"),
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionResetError(104, "Connection reset by peer"),
    ],
    ids=["the carrier answering 503", "a timeout", "a refused connection", "a reset connection"],
)
def test_carrier_failure_gives_the_flat_rate(error):
    """When the carrier is down or fails, checkout still works and shows the flat rate from shop_config."""
    got = quote_shipping(FakeCarrier(error=error), "75011", 1250)
    assert type(got) is Decimal and FLAT_SHIPPING_RATE == got, f"returned {got!r}"


@pytest.mark.parametrize(
    "error", [CarrierError("HTTP 502 Bad Gateway"), TimeoutError("read timed out")], ids=["the carrier answering 502", "a timeout"]
)
def test_fallback_is_logged_with_its_cause(caplog, error):
    """Each fallback to the flat rate logs a warning (or error) that carries the carrier's exception — otherwise a carrier outage is invisible and the shop silently charges the wrong shipping for days."""
    caplog.set_level(logging.DEBUG)
    quote_shipping(FakeCarrier(error=error), "75011", 1250)
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud, "no warning was logged when the flat rate was used"
    carries_cause = any(
        (r.exc_info and r.exc_info[1] is error) or str(error) in r.getMessage() for r in loud
    )
    assert carries_cause, "the warning does not include the carrier's error"


@pytest.mark.parametrize(
    "bug",
    [
        TypeError("get_json() got an unexpected keyword argument 'weight'"),
        AttributeError("'NoneType' object has no attribute 'get_json'"),
        KeyError("postcode"),
        IntegrationBug("rates path renamed in the client"),
    ],
    ids=["a wrong argument in our code", "a missing attribute in our code", "a missing key in our code",
         "a bug of a kind nobody listed"],
)
def test_bugs_are_not_hidden_behind_the_flat_rate(bug):
    """An exception that is not a carrier failure (a bug in our code) is raised, not turned into the flat rate — a catch-all would hide a broken integration until the accountant notices."""
    with pytest.raises(type(bug)):
        quote_shipping(FakeCarrier(error=bug), "75011", 1250)
