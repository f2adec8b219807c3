"""Billing domain objects and the invoice repository (the project's own code; read-only).

Roles: "billing_admin" manages all invoices of their organisation; every other role
("member", "viewer", ...) is an ordinary user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

BILLING_ADMIN = "billing_admin"


@dataclass(frozen=True)
class User:
    """The authenticated caller, as the API gateway hands it to every handler."""

    id: int
    org_id: int
    role: str


@dataclass(frozen=True)
class Invoice:
    id: int
    org_id: int
    owner_id: int  # the user who placed the order
    number: str
    total_cents: int
    status: str  # "open" | "paid" | "void"


class NotFound(Exception):
    """The API answers 404. Also use it for records the caller may not see, so that
    probing ids cannot tell "exists but not yours" from "does not exist"."""


class Forbidden(Exception):
    """The API answers 403. Only for actions on records the caller is allowed to see
    (e.g. a member trying to void an invoice); never for reads."""


class InvoiceRepository:
    """All invoices of every organisation (one shared table). Queries are not scoped."""

    def __init__(self, invoices: Iterable[Invoice] = ()) -> None:
        self._by_id: dict[int, Invoice] = {}
        self.load(invoices)

    def load(self, invoices: Iterable[Invoice]) -> None:
        """Replace the contents (used at start-up and by tests)."""
        self._by_id = {invoice.id: invoice for invoice in invoices}

    def get(self, invoice_id: int) -> Invoice | None:
        return self._by_id.get(invoice_id)

    def list_for_org(self, org_id: int) -> list[Invoice]:
        """Every invoice of the organisation, oldest (lowest id) first."""
        return sorted((i for i in self._by_id.values() if i.org_id == org_id), key=lambda i: i.id)


# The application's repository; handlers use this instance.
repository = InvoiceRepository()
