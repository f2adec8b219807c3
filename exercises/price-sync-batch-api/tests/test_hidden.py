import math
import random

import pytest

from price_sync import fetch_prices
from supplier_api import MAX_BATCH, BatchTooLarge


class FakeSupplier:
    """Stands in for the supplier's API: answers from a dict and records every request."""

    def __init__(self, prices):
        self._prices = dict(prices)
        self.requests = []  # ("one", sku) or ("batch", [skus])

    def get_price(self, sku):
        self.requests.append(("one", sku))
        return self._prices.get(sku)

    def get_prices(self, skus):
        batch = list(skus)
        self.requests.append(("batch", batch))
        if len(batch) > MAX_BATCH:
            raise BatchTooLarge(f"413: {len(batch)} SKUs in one request (max {MAX_BATCH})")
        return {sku: self._prices[sku] for sku in batch if sku in self._prices}


def make_case(seed, n_unique, n_unknown=0, repeats=0):
    rng = random.Random(seed)
    known = [f"SUP-{seed}-{i:05d}" for i in range(n_unique)]
    prices = {sku: rng.randint(50, 250_000) for sku in known}
    wanted = known + [f"GONE-{seed}-{i}" for i in range(n_unknown)]
    wanted += [rng.choice(wanted) for _ in range(repeats)]
    rng.shuffle(wanted)
    return prices, wanted


def check(prices, wanted, got):
    expected = {sku: prices[sku] for sku in wanted if sku in prices}
    assert type(got) is dict, f"fetch_prices returned a {type(got).__name__}, not a dict"
    assert all(type(v) is int for v in got.values()), "prices must be int cents"
    missing = set(expected) - set(got)
    extra = set(got) - set(expected)
    assert not missing and not extra, f"{len(missing)} prices missing, {len(extra)} unexpected SKUs"
    assert expected == got, "some prices differ from the supplier's"


@pytest.mark.parametrize(
    "seed, n",
    [(1, 7), (2, 130), (3, 301)],
    ids=["a handful of SKUs", "a little over one batch", "three full batches and a bit"],
)
def test_returns_supplier_price_for_each_sku(seed, n):
    """Every SKU the supplier knows gets its current price; SKUs it doesn't know are left out —
    the shop must not sell at a stale or made-up price."""
    prices, wanted = make_case(seed, n, n_unknown=5)
    check(prices, wanted, fetch_prices(FakeSupplier(prices), wanted))


@pytest.mark.parametrize(
    "n_unique",
    [40, 100, 101, 250, 1000],
    ids=[
        "less than one batch",
        "exactly one full batch",
        "one SKU more than a batch",
        "a few batches",
        "many batches",
    ],
)
def test_requests_grow_with_batches_not_skus(n_unique):
    """The job makes one request per batch of up to 100 distinct SKUs, not one per SKU — every
    request is a round trip and counts against the supplier's 20-requests-per-second limit."""
    prices, wanted = make_case(n_unique, n_unique, n_unknown=3)
    supplier = FakeSupplier(prices)
    got = fetch_prices(supplier, wanted)
    check(prices, wanted, got)
    allowed = math.ceil(len(set(wanted)) / MAX_BATCH)
    assert len(supplier.requests) <= allowed, (
        f"{len(supplier.requests)} requests for {len(set(wanted))} SKUs (at most {allowed} needed)")


def test_batches_respect_the_supplier_limit():
    """No request asks for more SKUs than the supplier accepts in one batch — an oversized
    batch is rejected (HTTP 413) and the whole sync fails."""
    prices, wanted = make_case(9, 640)
    supplier = FakeSupplier(prices)
    check(prices, wanted, fetch_prices(supplier, wanted))
    sizes = [len(r[1]) for r in supplier.requests if r[0] == "batch"]
    assert sizes and max(sizes) <= MAX_BATCH, f"largest batch had {max(sizes, default=0)} SKUs"


def test_repeated_skus_are_requested_once():
    """A SKU listed several times (bundles, variants) is asked for once — repeats would waste
    batch slots and requests."""
    prices, wanted = make_case(12, 180, n_unknown=4, repeats=420)
    supplier = FakeSupplier(prices)
    check(prices, wanted, fetch_prices(supplier, wanted))
    asked = [sku for kind, x in supplier.requests for sku in ([x] if kind == "one" else x)]
    assert len(asked) == len(set(asked)), f"{len(asked) - len(set(asked))} SKUs were requested more than once"
    assert len(supplier.requests) <= 2, f"{len(supplier.requests)} requests for 184 distinct SKUs"


def test_accepts_a_generator_of_skus():
    """The SKUs may arrive as a one-shot generator streamed from the catalogue, not a list —
    the job must not index or slice them."""
    prices, wanted = make_case(21, 260, n_unknown=2)
    supplier = FakeSupplier(prices)
    got = fetch_prices(supplier, (sku for sku in wanted))
    check(prices, wanted, got)
    assert len(supplier.requests) <= 3, f"{len(supplier.requests)} requests for 262 SKUs"


def test_no_skus_no_requests():
    """An empty SKU list returns an empty dict without calling the supplier at all."""
    supplier = FakeSupplier({"SUP-1": 100})
    got = fetch_prices(supplier, [])
    assert type(got) is dict and got == {}, f"got {got!r}"
    assert supplier.requests == [], f"{len(supplier.requests)} requests for no SKUs"
