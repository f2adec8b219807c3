"""Invoice types used by the billing service (read-only)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    quantity: int
    unit_price_cents: int  # net price per unit, VAT excluded
    vat_percent: Decimal  # e.g. Decimal("20"), Decimal("5.5"); exact, never a float


@dataclass(frozen=True)
class InvoiceTotals:
    net_cents: int  # sum of quantity * unit_price_cents over all lines
    vat_by_rate: dict[Decimal, int] = field(default_factory=dict)  # VAT in cents per rate present
    vat_cents: int = 0  # sum of vat_by_rate values
    gross_cents: int = 0  # net_cents + vat_cents
