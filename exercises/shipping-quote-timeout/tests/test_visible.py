from decimal import Decimal

from shipping_quote import quote_shipping
from shop_config import FLAT_SHIPPING_RATE


class FakeCarrier:
    """Same interface as carrier_client.CarrierClient, no network."""

    def __init__(self, price="6.45", error=None):
        self.price, self.error = price, error
        self.timeouts = []

    def get_json(self, path, params, timeout=None):
        self.timeouts.append(timeout)
        if self.error is not None:
            raise self.error
        return {"price": self.price, "currency": "EUR"}


def test_live_price():
    """The carrier's price is returned when it answers."""
    assert quote_shipping(FakeCarrier("7.20"), "75011", 1000) == Decimal("7.20")


def test_timeout_is_set():
    """The carrier is never called without a timeout."""
    carrier = FakeCarrier()
    quote_shipping(carrier, "75011", 1000)
    assert None not in carrier.timeouts, f"timeouts passed: {carrier.timeouts}"


def test_timeout_falls_back():
    """A carrier timeout gives the flat rate."""
    assert quote_shipping(FakeCarrier(error=TimeoutError("timed out")), "75011", 1000) == FLAT_SHIPPING_RATE
