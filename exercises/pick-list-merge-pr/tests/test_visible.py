from pick_list import pick_list
from warehouse import Order, OrderLine, PickLine


def test_merges_and_sorts():
    """Duplicate SKUs are merged and the list follows the aisles."""
    order = Order("SO-1", [OrderLine("MUG", 1, "C01"), OrderLine("TEA", 2, "A01"), OrderLine("MUG", 1, "C01")])
    assert pick_list(order) == [PickLine("TEA", 2, "A01"), PickLine("MUG", 2, "C01")]


def test_asking_twice():
    """Asking twice for the same order gives the same pick list."""
    order = Order("SO-2", [OrderLine("MUG", 1, "C01"), OrderLine("MUG", 1, "C01")])
    assert pick_list(order) == pick_list(order)
