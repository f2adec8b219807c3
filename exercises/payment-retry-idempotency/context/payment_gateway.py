"""Client interface of our card payment gateway, Paystream (read-only project file).

`gateway.create_charge(...)` charges a customer's saved card and returns a Charge.

Idempotency (from Paystream's API reference): pass `idempotency_key`, any string of 1 to 255
characters. Paystream stores the key with the result for 24 hours; a request that repeats a key
it has already processed does NOT charge again — it returns the original Charge. Requests
without a key are never de-duplicated.

`gateway.find_charge(reference)` returns the successful Charge created with that `reference`,
or None when there is none (yet).

Errors:
- GatewayTimeout: no answer in time. The charge may or may not have been made — Paystream may
  have processed it and only the response was lost. Safe to retry only with the same
  idempotency key (or after checking with find_charge).
- CardDeclined: the bank refused the card. Retrying gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class GatewayError(Exception):
    """Base class for Paystream errors."""


class GatewayTimeout(GatewayError):
    """No answer in time; the charge may or may not have been made."""


class CardDeclined(GatewayError):
    """The card was refused; do not retry."""


@dataclass(frozen=True)
class Charge:
    id: str  # "ch_..." assigned by Paystream
    customer_id: str
    amount_cents: int
    currency: str
    reference: str


class PaymentGateway(Protocol):
    def create_charge(
        self,
        *,
        customer_id: str,
        amount_cents: int,
        currency: str,
        reference: str,
        idempotency_key: str | None = None,
    ) -> Charge: ...

    def find_charge(self, reference: str) -> Charge | None: ...
