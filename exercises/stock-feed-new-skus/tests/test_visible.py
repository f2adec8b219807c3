from stock_sync import new_skus

CALLS = [0]


class Sku(str):
    """A SKU that counts how often it is compared (==) or hashed."""

    def __eq__(self, other):
        CALLS[0] += 1
        return str.__eq__(self, other)

    def __hash__(self):
        CALLS[0] += 1
        return str.__hash__(self)


def test_example_from_the_ticket():
    feed = ["MUG-01", "TEE-M", "MUG-01", "CAP-02", "SOCK-9", "CAP-02"]
    assert new_skus(feed, ["TEE-M", "SOCK-9"]) == ["MUG-01", "CAP-02"]


def test_work_for_1000_skus():
    """How the grader measures: compares and hashes of SKUs, not seconds."""
    catalogue = [Sku(f"CAT-{i:05d}") for i in range(500)]
    feed = [Sku(f"NEW-{i:05d}") for i in range(500)]
    CALLS[0] = 0
    new_skus(feed, catalogue)
    assert CALLS[0] <= 4 * 1000, f"{CALLS[0]} comparisons/hashes for 1000 SKUs"
