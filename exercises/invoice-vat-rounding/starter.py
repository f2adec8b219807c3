"""Invoice totals for the billing service (ticket FIN-904)."""

from collections.abc import Iterable
from decimal import Decimal

from invoice_model import InvoiceLine, InvoiceTotals


def compute_totals(lines: Iterable[InvoiceLine]) -> InvoiceTotals:
    """Net, VAT per rate, total VAT and gross for an invoice, all in integer cents."""
    net_cents = 0
    vat_by_rate: dict[Decimal, int] = {}
    for line in lines:
        line_net = line.quantity * line.unit_price_cents
        # VAT for this line, rounded to the nearest cent.
        line_vat = round(line_net * float(line.vat_percent) / 100)
        net_cents += line_net
        vat_by_rate[line.vat_percent] = vat_by_rate.get(line.vat_percent, 0) + line_vat
    vat_cents = sum(vat_by_rate.values())
    return InvoiceTotals(
        net_cents=net_cents,
        vat_by_rate=vat_by_rate,
        vat_cents=vat_cents,
        gross_cents=net_cents + vat_cents,
    )
