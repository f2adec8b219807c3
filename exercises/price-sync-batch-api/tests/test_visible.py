from price_sync import fetch_prices
from supplier_api import MAX_BATCH, BatchTooLarge


class FakeSupplier:
    """A stand-in for the supplier API that records every request (each call = one HTTP request)."""

    def __init__(self, prices):
        self.prices, self.requests = prices, []

    def get_price(self, sku):
        self.requests.append(sku)
        return self.prices.get(sku)

    def get_prices(self, skus):
        skus = list(skus)
        self.requests.append(skus)
        if len(skus) > MAX_BATCH:
            raise BatchTooLarge(len(skus))
        return {s: self.prices[s] for s in skus if s in self.prices}


def test_prices_and_requests():
    prices = {f"SUP-{i}": 100 + i for i in range(150)}
    supplier = FakeSupplier(prices)
    got = fetch_prices(supplier, list(prices) + ["GONE-1"])
    assert got == prices
    assert len(supplier.requests) <= 2, f"{len(supplier.requests)} requests for 151 SKUs"
