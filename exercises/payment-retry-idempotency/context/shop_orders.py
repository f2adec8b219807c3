"""Orders as the checkout service sees them (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    id: int  # unique, assigned when the order is placed; never reused
    customer_id: str  # the gateway's customer id, e.g. "cus_8f2k"
    total_cents: int  # amount to charge, in the smallest currency unit
    currency: str = "EUR"

    @property
    def reference(self) -> str:
        """Human-readable order reference, printed on invoices and bank statements."""
        return f"ORD-{self.id:08d}"
