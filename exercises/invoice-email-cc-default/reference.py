"""Build the e-mail that sends an invoice to a customer (used by the nightly billing run)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Invoice:
    number: str
    account_name: str
    customer_email: str
    billing_contact: str | None  # the account's finance contact, if they set one
    total_cents: int


@dataclass
class OutgoingEmail:
    to: list[str]
    cc: list[str]
    subject: str
    body: str


def _format_money(cents: int) -> str:
    return f"£{cents // 100:,}.{cents % 100:02d}"


def invoice_email(invoice: Invoice, cc: Iterable[str] | None = None) -> OutgoingEmail:
    """The e-mail for `invoice`, sent to the customer.

    `cc` lets callers copy extra addresses (e.g. our own finance mailbox). The account's billing
    contact, when set, is always copied, once. The caller's list is never modified: the e-mail
    gets its own copy, built fresh on every call (a `[]` default would be shared by all calls).
    """
    recipients = list(cc) if cc is not None else []
    if invoice.billing_contact and invoice.billing_contact not in recipients:
        recipients.append(invoice.billing_contact)

    body = (
        f"Hello {invoice.account_name},\n\n"
        f"Your invoice {invoice.number} for {_format_money(invoice.total_cents)} is attached.\n\n"
        "Thank you for your business."
    )
    return OutgoingEmail(
        to=[invoice.customer_email],
        cc=recipients,
        subject=f"Invoice {invoice.number}",
        body=body,
    )
