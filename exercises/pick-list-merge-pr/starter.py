"""The pick list the picker's handheld shows for an order."""

from __future__ import annotations

from warehouse import Order, OrderLine, PickLine


def pick_list(order: Order) -> list[PickLine]:
    """What the picker collects for `order`: one entry per SKU, in walking order (by aisle)."""
    merged: dict[str, OrderLine] = {}
    for line in order.lines:
        if line.quantity <= 0:
            continue  # cancelled lines stay on the order with quantity 0
        if line.sku in merged:
            merged[line.sku].quantity += line.quantity
        else:
            merged[line.sku] = line
    walk = sorted(merged.values(), key=lambda line: (line.aisle, line.sku))
    return [PickLine(line.sku, line.quantity, line.aisle) for line in walk]
