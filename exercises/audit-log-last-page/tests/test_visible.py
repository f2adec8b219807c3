"""Checks you can run: the cases the assistant tested."""

from audit_pages import AuditEvent, paginate


def make_log(n):
    return [AuditEvent(id=n - i, actor="ana@example.test", action="login") for i in range(n)]


def test_two_full_pages():
    """50 events at 25 per page are two full pages."""
    log = make_log(50)
    first = paginate(log, 1, 25)
    second = paginate(log, 2, 25)
    assert (first.pages, first.has_next) == (2, True), first
    assert second.items == log[25:] and not second.has_next, second


def test_small_log_is_one_page():
    """10 events fit on the first page."""
    page = paginate(make_log(10))
    assert page.items == make_log(10) and page.pages == 1 and not page.has_next, page
