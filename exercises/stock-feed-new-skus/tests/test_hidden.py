import random

import pytest

from stock_sync import new_skus

WORK = [0]  # equality checks + hash computations performed on SKUs


class Sku(str):
    """A SKU string that counts how often it is compared or hashed."""

    def __eq__(self, other):
        WORK[0] += 1
        return str.__eq__(self, other)

    def __ne__(self, other):
        WORK[0] += 1
        return str.__ne__(self, other)

    def __hash__(self):
        WORK[0] += 1
        return str.__hash__(self)


def make_skus(rng, count, prefix):
    return [f"{prefix}-{rng.randrange(10**6):06d}" for _ in range(count)]


def scenario(seed, n_feed, n_catalogue, share_known=0.7, repeats=0.2):
    """A catalogue and a feed where most feed SKUs are known and some repeat."""
    rng = random.Random(seed)
    catalogue = sorted(set(make_skus(rng, n_catalogue, "CAT")))
    rng.shuffle(catalogue)
    fresh = sorted(set(make_skus(rng, n_feed, "NEW")) - set(catalogue))
    feed = []
    for _ in range(n_feed):
        roll = rng.random()
        if feed and roll < repeats:
            feed.append(rng.choice(feed))
        elif roll < repeats + share_known * (1 - repeats):
            feed.append(rng.choice(catalogue))
        else:
            feed.append(rng.choice(fresh))
    return feed, catalogue


def expected_new(feed, catalogue):
    seen, out = set(catalogue), []
    for sku in feed:
        if sku not in seen:
            seen.add(sku)
            out.append(sku)
    return out


def run_counted(feed, catalogue):
    """Call new_skus with fresh counting copies of every SKU; returns (result, work)."""
    feed_c = [Sku(s) for s in feed]
    cat_c = [Sku(s) for s in catalogue]
    WORK[0] = 0
    result = new_skus(feed_c, cat_c)
    return result, WORK[0]


def check(expected, result):
    assert type(result) is list, f"new_skus returned a {type(result).__name__}, not a list"
    assert all(isinstance(s, str) for s in result), "every item must be a SKU string"
    got = [str.__str__(s) for s in result]
    assert expected == got, f"expected {len(expected)} new SKUs, got {len(got)}: {got[:5]}..."


@pytest.mark.parametrize(
    "seed", [1, 8, 21], ids=["a first small feed", "a second small feed", "a third small feed"]
)
def test_finds_new_skus_in_feed_order(seed):
    """Every SKU of the feed that is not in the catalogue is reported, in the order the feed
    lists it — the buying team works through the list top to bottom."""
    feed, catalogue = scenario(seed, 60, 80)
    check(expected_new(feed, catalogue), new_skus(list(feed), list(catalogue)))


def test_repeated_skus_are_reported_once():
    """A SKU the supplier lists several times is reported once, where it first appears —
    duplicates would create duplicate catalogue drafts."""
    feed = ["B-2", "A-1", "B-2", "C-3", "A-1", "C-3", "D-4", "B-2"]
    check(["B-2", "A-1", "D-4"], new_skus(feed, ["C-3", "X-9"]))


def test_empty_inputs():
    """An empty feed gives no new SKUs, and against an empty catalogue every SKU is new."""
    check([], new_skus([], ["A-1", "B-2"]))
    check(["Z-1", "Y-2"], new_skus(["Z-1", "Y-2", "Z-1"], []))
    check([], new_skus(["A-1", "A-1"], ["A-1"]))


def test_inputs_are_not_modified():
    """The function leaves the caller's feed and catalogue lists unchanged — they are reused
    by the next step of the sync."""
    feed, catalogue = scenario(4, 30, 30)
    feed_copy, catalogue_copy = list(feed), list(catalogue)
    new_skus(feed, catalogue)
    assert feed == feed_copy and catalogue == catalogue_copy, "an input list was changed"


@pytest.mark.parametrize(
    "n_feed, n_catalogue",
    [(300, 1200), (1200, 300), (800, 800)],
    ids=["a feed smaller than the catalogue", "a feed larger than the catalogue", "a feed as large as the catalogue"],
)
def test_work_grows_linearly_with_feed_and_catalogue(n_feed, n_catalogue):
    """Checking the feed costs a few operations per SKU (at most 4 comparisons or hashes per
    SKU of feed and catalogue together) — a list scan per SKU turns the nightly sync of a
    200,000-SKU feed into hours."""
    feed, catalogue = scenario(n_feed + n_catalogue, n_feed, n_catalogue)
    result, work = run_counted(feed, catalogue)
    check(expected_new(feed, catalogue), result)
    bound = 4 * (n_feed + n_catalogue)
    assert work <= bound, f"{work} SKU comparisons/hashes for {n_feed} + {n_catalogue} SKUs"


def test_work_stays_linear_when_most_skus_are_new():
    """Remembering which new SKUs were already reported is also cheap — a feed full of new
    products (a new supplier) must not be slower to check than a familiar one."""
    feed, catalogue = scenario(77, 1500, 50, share_known=0.05, repeats=0.3)
    result, work = run_counted(feed, catalogue)
    check(expected_new(feed, catalogue), result)
    assert work <= 4 * (1500 + 50), f"{work} SKU comparisons/hashes for 1550 SKUs"
