"""Internal API handlers for invoices: GET /invoices and GET /invoices/<id> (ticket API-518)."""

from __future__ import annotations

from billing import Invoice, NotFound, User, repository


def get_invoice(current_user: User, invoice_id: int) -> Invoice:
    """Return the invoice with this id for the invoice detail page.

    The gateway has already authenticated `current_user`. Raises NotFound
    (HTTP 404) when there is no such invoice.
    """
    invoice = repository.get(invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id}")
    return invoice


def list_invoices(current_user: User) -> list[Invoice]:
    """Invoices shown on the user's "Billing" page, oldest first."""
    # Scope to the caller's organisation so tenants never see each other's data.
    return repository.list_for_org(current_user.org_id)
