"""Checks you can run: an ordinary invoice."""

from decimal import Decimal

from invoice_model import InvoiceLine
from invoice_totals import compute_totals


def test_ordinary_invoice():
    """Two lines at 20 %: net, VAT and gross add up."""
    totals = compute_totals([
        InvoiceLine("Business cards, 500", 2, 4_500, Decimal("20")),
        InvoiceLine("Flyers A5, 1000", 1, 12_000, Decimal("20")),
    ])
    assert totals.net_cents == 21_000, f"net was {totals.net_cents}"
    assert totals.vat_cents == 4_200, f"VAT was {totals.vat_cents}"
    assert totals.gross_cents == 25_200, f"gross was {totals.gross_cents}"
