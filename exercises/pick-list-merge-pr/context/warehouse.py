"""Orders as the warehouse system holds them (read-only project file).

One request of the packing station loads an order once and passes the same `Order` object to
`pick_list` (the picker's handheld), then to `packing_slip` (printed into the box) and to the
invoicing service. The handheld also refreshes the pick list every time the picker scans a shelf.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OrderLine:
    sku: str
    quantity: int
    aisle: str  # zero-padded location code, e.g. "B07"; sorts in walking order


@dataclass
class Order:
    order_id: str
    lines: list[OrderLine] = field(default_factory=list)


@dataclass(frozen=True)
class PickLine:
    sku: str
    quantity: int
    aisle: str


def packing_slip(order: Order) -> list[str]:
    """The lines printed on the slip that goes into the box, one per order line."""
    return [f"{line.quantity} x {line.sku}" for line in order.lines if line.quantity > 0]
