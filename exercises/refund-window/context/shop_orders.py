"""Order types of the shop's backend (read-only)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

# The shop is in Brisbane. Queensland has no daylight saving, so a fixed offset is exact.
SHOP_TZ = timezone(timedelta(hours=10), "Australia/Brisbane")

RETURN_WINDOW_DAYS = 30


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int
    unit_price_cents: int  # what the customer actually paid per unit
    final_sale: bool = False  # clearance items: never refunded


@dataclass(frozen=True)
class Order:
    order_id: str
    lines: tuple[OrderLine, ...]
    shipping_cents: int
    delivered_at: datetime  # timezone-aware, as reported by the carrier (usually in UTC)
    refunded_units: Mapping[str, int] = field(default_factory=dict)  # units already refunded, per SKU


class RefundRejected(Exception):
    """The refund cannot be issued; the message is shown to the support agent."""
