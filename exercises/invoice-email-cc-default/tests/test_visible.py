"""Checks you can run: the two invoices the assistant tested."""

from invoice_mail import Invoice, invoice_email


def test_invoice_with_billing_contact():
    """The customer gets the invoice and the billing contact is copied."""
    invoice = Invoice("INV-1001", "Acme Ltd", "ops@acme.example", "finance@acme.example", 129_900)
    email = invoice_email(invoice)
    assert email.to == ["ops@acme.example"], email.to
    assert email.cc == ["finance@acme.example"], email.cc
    assert email.subject == "Invoice INV-1001", email.subject
    assert "£1,299.00" in email.body, email.body
