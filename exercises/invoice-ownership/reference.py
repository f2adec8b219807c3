"""Internal API handlers for invoices: GET /invoices and GET /invoices/<id> (ticket API-518)."""

from __future__ import annotations

from billing import BILLING_ADMIN, Invoice, NotFound, User, repository


def can_read(user: User, invoice: Invoice) -> bool:
    """Billing admins read their organisation's invoices; everyone else only their own.

    Unknown roles get the ordinary rules (least privilege).
    """
    if invoice.org_id != user.org_id:
        return False
    return user.role == BILLING_ADMIN or invoice.owner_id == user.id


def get_invoice(current_user: User, invoice_id: int) -> Invoice:
    """Return the invoice with this id for the invoice detail page.

    The gateway has already authenticated `current_user`; authorisation happens
    here. Raises NotFound (HTTP 404) when there is no such invoice *or* the user
    may not see it, so probing ids reveals nothing.
    """
    invoice = repository.get(invoice_id)
    if invoice is None or not can_read(current_user, invoice):
        raise NotFound(f"invoice {invoice_id}")
    return invoice


def list_invoices(current_user: User) -> list[Invoice]:
    """Invoices shown on the user's "Billing" page, oldest first."""
    invoices = repository.list_for_org(current_user.org_id)
    return [invoice for invoice in invoices if can_read(current_user, invoice)]
