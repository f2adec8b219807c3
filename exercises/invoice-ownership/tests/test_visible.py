import pytest

import billing
from billing import Invoice, NotFound, User
from invoice_api import get_invoice


def test_owner_and_stranger():
    """The owner can read an invoice; a colleague gets NotFound."""
    billing.repository.load([Invoice(1, 10, 1, "INV-1", 100, "open")])
    assert get_invoice(User(1, 10, "member"), 1).number == "INV-1"
    with pytest.raises(NotFound):
        get_invoice(User(2, 10, "member"), 1)
