"""Row types shared by the back-office reports (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineTotal:
    """One order line, priced: quantity x unit price, in cents."""

    sku: str
    quantity: int
    total_cents: int


@dataclass(frozen=True)
class OrderSummary:
    """One row of the order report."""

    order_id: int
    placed_on: str  # ISO date, "YYYY-MM-DD"
    customer_name: str
    lines: tuple[LineTotal, ...]  # in the order they were added to the order (line id)
    total_cents: int  # sum of the line totals; 0 for an order without lines

    def __post_init__(self) -> None:
        # Accept any iterable of lines, store a tuple so rows stay hashable and comparable.
        object.__setattr__(self, "lines", tuple(self.lines))
