import copy

from pick_list import pick_list
from warehouse import Order, OrderLine, PickLine, packing_slip


def order_with_repeats():
    """An order where the shop added the same SKU several times (a "buy more" click, a bundle)."""
    return Order(
        "SO-88120",
        [
            OrderLine("MUG-BLU", 2, "C14"),
            OrderLine("TEA-EARL", 1, "A03"),
            OrderLine("MUG-BLU", 3, "C14"),
            OrderLine("SPOON-06", 0, "B07"),
            OrderLine("TEA-EARL", 4, "A03"),
            OrderLine("CARD-XM", 1, "B07"),
        ],
    )


EXPECTED = [PickLine("TEA-EARL", 5, "A03"), PickLine("CARD-XM", 1, "B07"), PickLine("MUG-BLU", 5, "C14")]


def test_duplicate_skus_are_merged_in_walking_order():
    """The pick list has one entry per SKU with the quantities added up, cancelled lines left out, in aisle order — what the pull request was for."""
    got = pick_list(order_with_repeats())
    assert got == EXPECTED, f"got {got}"


def test_the_order_is_left_unchanged():
    """Building the pick list leaves the order's lines exactly as they were — the same order object goes on to the packing slip and the invoice."""
    order = order_with_repeats()
    before = copy.deepcopy(order)
    pick_list(order)
    changed = [f"{b.sku}: {b.quantity} -> {a.quantity}" for b, a in zip(before.lines, order.lines) if a != b]
    assert order == before, f"order lines changed: {', '.join(changed) or 'lines added or removed'}"


def test_the_packing_slip_after_the_pick_list_is_right():
    """The packing slip printed after the pick list still lists each order line with its own quantity, so the customer is not told (and billed for) more mugs than were ordered."""
    order = order_with_repeats()
    pick_list(order)
    slip = packing_slip(order)
    assert slip == ["2 x MUG-BLU", "1 x TEA-EARL", "3 x MUG-BLU", "4 x TEA-EARL", "1 x CARD-XM"], f"slip: {slip}"


def test_refreshing_the_pick_list_gives_the_same_answer():
    """The handheld refreshes the pick list after every scan: asking again for the same order gives the same quantities, not growing ones."""
    order = order_with_repeats()
    first, second, third = pick_list(order), pick_list(order), pick_list(order)
    assert first == second == third == EXPECTED, f"refreshes gave {first}, {second}, {third}"


def test_an_order_without_repeats_is_unchanged_by_the_merge():
    """An order with each SKU once gives one entry per line with its own quantity, sorted by aisle."""
    order = Order("SO-88121", [OrderLine("LAMP-01", 1, "D02"), OrderLine("BULB-E27", 6, "A11")])
    got = pick_list(order)
    assert got == [PickLine("BULB-E27", 6, "A11"), PickLine("LAMP-01", 1, "D02")], f"got {got}"


def test_an_order_with_only_cancelled_lines_has_nothing_to_pick():
    """Cancelled lines (quantity 0) are never picked, and an order with nothing left gives an empty list."""
    assert pick_list(Order("SO-88122", [OrderLine("MUG-BLU", 0, "C14")])) == []
    assert pick_list(Order("SO-88123")) == []
