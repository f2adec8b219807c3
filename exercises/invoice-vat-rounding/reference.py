"""Invoice totals for the billing service (ticket FIN-904)."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from invoice_model import InvoiceLine, InvoiceTotals

WHOLE_CENT = Decimal("1")


def compute_totals(lines: Iterable[InvoiceLine]) -> InvoiceTotals:
    """Net, VAT per rate, total VAT and gross for an invoice, all in integer cents.

    VAT is computed once per rate on the summed net amounts and rounded half up to the cent.
    """
    net_by_rate: dict[Decimal, int] = {}
    for line in lines:
        line_net = line.quantity * line.unit_price_cents
        net_by_rate[line.vat_percent] = net_by_rate.get(line.vat_percent, 0) + line_net
    vat_by_rate = {rate: vat_for(net, rate) for rate, net in net_by_rate.items()}
    net_cents = sum(net_by_rate.values())
    vat_cents = sum(vat_by_rate.values())
    return InvoiceTotals(
        net_cents=net_cents,
        vat_by_rate=vat_by_rate,
        vat_cents=vat_cents,
        gross_cents=net_cents + vat_cents,
    )


def vat_for(net_cents: int, vat_percent: Decimal) -> int:
    """VAT in whole cents on a net amount, rounded half up (never a float)."""
    exact = Decimal(net_cents) * vat_percent / 100
    return int(exact.quantize(WHOLE_CENT, rounding=ROUND_HALF_UP))
