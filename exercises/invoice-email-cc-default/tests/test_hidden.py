import random

import pytest

from invoice_mail import Invoice, OutgoingEmail, invoice_email

COMPANIES = ["Acme", "Birchwood", "Copperleaf", "Dunmore", "Eastgate", "Fernhill", "Glenrock", "Harbour"]


def make_invoices(n, seed):
    rng = random.Random(seed)
    invoices = []
    for i in range(n):
        name = f"{rng.choice(COMPANIES)} {i}"
        domain = name.lower().replace(" ", "-") + ".example"
        contact = f"finance@{domain}" if rng.random() < 0.7 else None
        invoices.append(Invoice(f"INV-{2000 + i}", name, f"ops@{domain}", contact, rng.randint(100, 900_000)))
    return invoices


def check_email(email):
    assert type(email) is OutgoingEmail, f"invoice_email returned a {type(email).__name__}"
    assert type(email.cc) is list, f"cc is a {type(email.cc).__name__}, not a list"
    assert all(type(address) is str for address in email.cc), f"cc holds non-strings: {email.cc!r}"


def own_cc(invoice, extra=()):
    wanted = list(extra)
    if invoice.billing_contact and invoice.billing_contact not in wanted:
        wanted.append(invoice.billing_contact)
    return sorted(wanted)


@pytest.mark.parametrize(
    "seed", [1, 7, 42], ids=["a first nightly run", "a second nightly run", "a third nightly run"]
)
def test_each_email_copies_only_its_own_billing_contact(seed):
    """In a run of many invoices built one after another, each e-mail is copied only to its own
    account's billing contact — a CC left over from an earlier call sends one customer's invoice
    to another company."""
    for invoice in make_invoices(30, seed):
        email = invoice_email(invoice)
        check_email(email)
        assert sorted(email.cc) == own_cc(invoice), (
            f"{invoice.number} was copied to {len(email.cc)} address(es), expected {len(own_cc(invoice))}"
        )


def test_account_without_contact_after_accounts_with_one():
    """An account without a billing contact gets an e-mail with no CC, even right after invoices
    for accounts that have one — the worker builds thousands of e-mails in one process."""
    first, second, plain = make_invoices(3, 5)
    first = Invoice(first.number, first.account_name, first.customer_email, "ap@first.example", 100)
    second = Invoice(second.number, second.account_name, second.customer_email, "ap@second.example", 200)
    plain = Invoice(plain.number, plain.account_name, plain.customer_email, None, 300)
    for invoice in (first, second):
        invoice_email(invoice)
    email = invoice_email(plain)
    check_email(email)
    assert email.cc == [], f"an account without a billing contact was copied to {len(email.cc)} address(es)"


def test_callers_list_is_never_modified():
    """A list of extra addresses passed by the caller is left exactly as it was — the billing run
    passes one shared finance list to every enterprise invoice."""
    finance_cc = ["ar@ledgerly.example"]
    for invoice in make_invoices(12, 9):
        email = invoice_email(invoice, finance_cc)
        check_email(email)
        assert sorted(email.cc) == own_cc(invoice, ["ar@ledgerly.example"]), f"{invoice.number}: cc={email.cc}"
    assert finance_cc == ["ar@ledgerly.example"], f"the caller's list now holds {len(finance_cc)} addresses"


def test_changing_an_email_does_not_change_callers_list_or_later_emails():
    """The mailer may add an address to a built e-mail's CC; that change stays in that e-mail —
    it must not reach the caller's list or any e-mail built afterwards."""
    invoices = make_invoices(4, 11)
    finance_cc = ["ar@ledgerly.example", "audit@ledgerly.example"]
    email = invoice_email(invoices[0], finance_cc)
    email.cc.append("manager@ledgerly.example")
    assert finance_cc == ["ar@ledgerly.example", "audit@ledgerly.example"], "the mailer's change reached the caller's list"

    plain = invoice_email(Invoice("INV-9", "Solo", "solo@solo.example", None, 50))
    plain.cc.append("manager@ledgerly.example")
    later = invoice_email(Invoice("INV-10", "Duo", "duo@duo.example", None, 60))
    check_email(later)
    assert later.cc == [], f"a later e-mail inherited {len(later.cc)} address(es) from an earlier one"


def test_caller_addresses_and_contact_are_copied_once():
    """The caller's extra addresses and the billing contact are all copied, and a contact the
    caller already listed is not copied twice."""
    invoice = Invoice("INV-77", "Marlow Dental", "desk@marlow.example", "books@marlow.example", 45_050)
    email = invoice_email(invoice, ["ar@ledgerly.example"])
    check_email(email)
    assert sorted(email.cc) == ["ar@ledgerly.example", "books@marlow.example"], f"cc={email.cc}"
    again = invoice_email(invoice, ["books@marlow.example", "ar@ledgerly.example"])
    assert sorted(again.cc) == ["ar@ledgerly.example", "books@marlow.example"], f"cc={again.cc}"


def test_email_content_is_unchanged():
    """Each e-mail still goes to the customer, with the invoice number in the subject and the
    account name, number and total in the body — the fix must not drop the feature."""
    for invoice in make_invoices(5, 3):
        email = invoice_email(invoice)
        check_email(email)
        assert email.to == [invoice.customer_email], f"{invoice.number}: to={email.to}"
        assert email.subject == f"Invoice {invoice.number}", email.subject
        pounds = f"£{invoice.total_cents // 100:,}.{invoice.total_cents % 100:02d}"
        for part in (invoice.account_name, invoice.number, pounds):
            assert part in email.body, f"{invoice.number}: the body lacks {part!r}"


class SharedFinanceList(list):
    """A list shared between worker threads: reading is fine, any write is a bug."""

    def _refuse(self, *args, **kwargs):
        raise RuntimeError("the caller's CC list was modified")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


def test_callers_list_is_only_read():
    """The list passed by the caller is only read, never written — not even changed and put back —
    because worker threads building e-mails at the same time share the same finance list."""
    shared = SharedFinanceList(["ar@ledgerly.example"])
    for invoice in make_invoices(6, 13):
        email = invoice_email(invoice, shared)
        check_email(email)
        assert sorted(email.cc) == own_cc(invoice, ["ar@ledgerly.example"]), f"{invoice.number}: cc={email.cc}"
