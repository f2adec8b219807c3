"""The pick list the picker's handheld shows for an order."""

from __future__ import annotations

from warehouse import Order, PickLine


def pick_list(order: Order) -> list[PickLine]:
    """What the picker collects for `order`: one entry per SKU, in walking order (by aisle).

    Quantities are added up in a dictionary of our own: the order's lines are shared with the
    packing slip and invoicing, so they are read, never modified.
    """
    totals: dict[str, int] = {}
    aisles: dict[str, str] = {}
    for line in order.lines:
        if line.quantity <= 0:
            continue  # cancelled lines stay on the order with quantity 0
        totals[line.sku] = totals.get(line.sku, 0) + line.quantity
        aisles.setdefault(line.sku, line.aisle)
    walk = sorted(totals, key=lambda sku: (aisles[sku], sku))
    return [PickLine(sku, totals[sku], aisles[sku]) for sku in walk]
