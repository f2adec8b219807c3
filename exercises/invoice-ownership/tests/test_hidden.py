import pytest

import billing
from billing import Invoice, NotFound, User
from invoice_api import get_invoice, list_invoices

# Organisation 10: Ana (member, id 1), Ben (member, id 2), Cleo (billing admin, id 3), Dev (viewer, id 4)
# Organisation 20: Eve (member, id 5), Finn (billing admin, id 6)
ANA, BEN, CLEO, DEV = User(1, 10, "member"), User(2, 10, "member"), User(3, 10, "billing_admin"), User(4, 10, "viewer")
EVE, FINN = User(5, 20, "member"), User(6, 20, "billing_admin")

INVOICES = [
    Invoice(101, 10, 1, "INV-10-0101", 12_500, "paid"),
    Invoice(102, 10, 2, "INV-10-0102", 4_990, "open"),
    Invoice(103, 10, 1, "INV-10-0103", 880, "open"),
    Invoice(104, 10, 3, "INV-10-0104", 77_000, "void"),
    Invoice(201, 20, 5, "INV-20-0201", 15_000, "open"),
    Invoice(202, 20, 6, "INV-20-0202", 990, "paid"),
    Invoice(203, 20, 1, "INV-20-0203", 3_000, "open"),  # placed by user 1 before they moved to org 10
]
BY_ID = {invoice.id: invoice for invoice in INVOICES}


@pytest.fixture(autouse=True)
def invoices():
    billing.repository.load(INVOICES)
    yield
    billing.repository.load([])


def check_list(got, invoice_ids, label):
    assert type(got) is list, f"expected a list, got {type(got).__name__}"
    assert all(type(invoice) is Invoice for invoice in got), "every item should be an Invoice"
    want = [BY_ID[invoice_id] for invoice_id in invoice_ids]
    assert want == got, f"{label}: listed {[invoice.id for invoice in got]}"


def check_invoice(got, invoice_id):
    assert type(got) is Invoice, f"expected an Invoice, got {type(got).__name__}"
    assert BY_ID[invoice_id] == got, f"got invoice {getattr(got, 'id', got)!r}"


@pytest.mark.parametrize("user, invoice_id", [(ANA, 101), (ANA, 103), (BEN, 102), (EVE, 201), (FINN, 202)],
                         ids=["a member's paid invoice", "a member's open invoice", "another member's own invoice",
                              "a member in the second organisation", "a billing admin's own invoice"])
def test_owner_reads_own_invoice(user, invoice_id):
    """A user can open their own invoice — the detail page still works."""
    check_invoice(get_invoice(user, invoice_id), invoice_id)


@pytest.mark.parametrize("user, invoice_id", [(CLEO, 101), (CLEO, 102), (CLEO, 104), (FINN, 201)],
                         ids=["a member's invoice", "another member's invoice", "the admin's own invoice",
                              "a member's invoice in the second organisation"])
def test_billing_admin_reads_org_invoices(user, invoice_id):
    """A billing admin can open every invoice of their own organisation."""
    check_invoice(get_invoice(user, invoice_id), invoice_id)


@pytest.mark.parametrize("user, invoice_id", [(BEN, 101), (ANA, 102), (ANA, 104), (EVE, 202)],
                         ids=["a colleague's paid invoice", "a colleague's open invoice", "the billing admin's invoice",
                              "an admin's invoice in the second organisation"])
def test_member_cannot_read_colleagues_invoice(user, invoice_id):
    """An ordinary user asking for a colleague's invoice gets NotFound: changing the id in the
    URL must not reveal what colleagues bought."""
    with pytest.raises(NotFound):
        get_invoice(user, invoice_id)


@pytest.mark.parametrize("user, invoice_id", [(EVE, 101), (FINN, 102), (CLEO, 201), (ANA, 203), (BEN, 202)],
                         ids=["a member asking the other organisation", "a billing admin asking the other organisation",
                              "a billing admin asking the second organisation",
                              "an invoice the caller placed in a former organisation",
                              "a member asking an admin's invoice elsewhere"])
def test_nobody_reads_another_organisations_invoice(user, invoice_id):
    """Nobody — not even a billing admin — can open an invoice of another organisation; the
    answer is NotFound. A cross-tenant leak is a reportable data breach."""
    with pytest.raises(NotFound):
        get_invoice(user, invoice_id)


@pytest.mark.parametrize("role", ["viewer", "admin", "BILLING_ADMIN", "billing-admin", ""],
                         ids=["a viewer", "a generic admin", "the admin role in capitals", "the admin role with a dash", "an empty role"])
def test_other_roles_get_ordinary_rights(role):
    """Any role other than exactly "billing_admin" has ordinary rights: own invoices only."""
    user = User(2, 10, role)
    check_invoice(get_invoice(user, 102), 102)
    with pytest.raises(NotFound):
        get_invoice(user, 101)


def test_refusal_looks_like_a_missing_invoice():
    """Another user's invoice and a non-existent id give the same NotFound error (not a
    Forbidden), so probing ids does not reveal which invoices exist."""
    for invoice_id in (999, 102):
        with pytest.raises(NotFound):
            get_invoice(ANA, invoice_id)
        try:
            get_invoice(ANA, invoice_id)
        except billing.Forbidden:
            pytest.fail("a refused read raised Forbidden instead of NotFound")
        except NotFound:
            pass


def test_member_lists_only_own_invoices():
    """The Billing page of an ordinary user lists only their own invoices, oldest first."""
    check_list(list_invoices(ANA), [101, 103], "a member")
    check_list(list_invoices(DEV), [], "a user with no invoices")
    check_list(list_invoices(EVE), [201], "another member")


def test_billing_admin_lists_org_invoices():
    """A billing admin's Billing page lists every invoice of their organisation and nothing from
    another organisation, oldest first."""
    check_list(list_invoices(CLEO), [101, 102, 103, 104], "a billing admin")
    check_list(list_invoices(FINN), [201, 202, 203], "another billing admin")
