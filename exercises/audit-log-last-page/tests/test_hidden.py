import random

import pytest

from audit_pages import AuditEvent, Page, PageOutOfRange, paginate

ACTORS = ["ana@example.test", "bram@example.test", "svc-backup", "chiara@example.test"]
ACTIONS = ["login", "role.grant", "export.csv", "token.create", "member.remove"]


def make_log(n, seed=1):
    rng = random.Random(seed)
    return [AuditEvent(id=10_000 - i, actor=rng.choice(ACTORS), action=rng.choice(ACTIONS)) for i in range(n)]


def expected_pages(total, per_page):
    return max(1, (total + per_page - 1) // per_page)


def walk(log, per_page):
    """Open page 1, then follow has_next; return the pages seen."""
    seen = []
    number = 1
    while True:
        page = paginate(log, number, per_page)
        assert type(page) is Page, f"paginate returned a {type(page).__name__}, not a Page"
        seen.append(page)
        if not page.has_next:
            return seen
        number += 1
        assert number <= len(log) + 2, "has_next never became False"


@pytest.mark.parametrize(
    "total,per_page",
    [(61, 25), (26, 25), (7, 3), (101, 100), (5, 1), (99, 10)],
    ids=[
        "a last page with a few events",
        "a last page with a single event",
        "small pages with one event left over",
        "the largest page size with one event left over",
        "one event per page",
        "a last page that is almost full",
    ],
)
def test_following_next_shows_every_event_once(total, per_page):
    """Following "Next" from the first page shows every event exactly once, in order, and then
    stops — an audit log whose oldest events can't be reached hides exactly what a security
    review needs to read."""
    log = make_log(total, seed=total)
    pages = walk(log, per_page)
    shown = [event for page in pages for event in page.items]
    assert len(shown) == total, f"{len(shown)} of {total} events reachable at {per_page} per page"
    assert shown == log, "events were shown out of order or more than once"


@pytest.mark.parametrize(
    "seed", [3, 8, 21], ids=["a first set of random logs", "a second set of random logs", "a third set of random logs"]
)
def test_page_count_includes_a_partly_filled_last_page(seed):
    """`pages` counts a partly filled last page as a page, and that last page opens with the
    remaining events — the console draws its page links from `pages`."""
    rng = random.Random(seed)
    for _ in range(25):
        per_page = rng.randint(2, 100)
        total = per_page * rng.randint(0, 5) + rng.randint(1, per_page - 1)
        log = make_log(total, seed)
        first = paginate(log, 1, per_page)
        want = expected_pages(total, per_page)
        assert type(first.pages) is int, f"pages is a {type(first.pages).__name__}"
        assert first.pages == want, f"{total} events at {per_page} per page: pages={first.pages}"
        last = paginate(log, want, per_page)
        assert type(last.items) is list, f"items is a {type(last.items).__name__}, not a list"
        assert last.items == log[(want - 1) * per_page:], f"last page of {total} events at {per_page}"
        assert last.has_next is False, "the last page says there is a next page"


@pytest.mark.parametrize(
    "total,per_page",
    [(50, 25), (100, 10), (3, 1), (100, 100)],
    ids=["two full pages", "ten full pages", "one event per page", "one full page of the largest size"],
)
def test_exact_multiple_has_no_empty_extra_page(total, per_page):
    """When the events fill the pages exactly, there is no empty extra page: the last full page
    has no "Next", and the page after it is a 404 — a "Next" button leading to nothing looks broken."""
    log = make_log(total)
    want = total // per_page
    last = paginate(log, want, per_page)
    assert last.pages == want, f"{total} events at {per_page} per page: pages={last.pages}"
    assert last.has_next is False, "the last full page says there is a next page"
    assert last.items == log[-per_page:], "the last page has the wrong events"
    with pytest.raises(PageOutOfRange):
        paginate(log, want + 1, per_page)


def test_page_fields_are_filled_in():
    """Every page reports its number, size and the log's total, and `has_next` is true on every
    page but the last — the console shows "page 2 of 3 (61 events)" from these fields."""
    log = make_log(61)
    for number, has_next in [(1, True), (2, True), (3, False)]:
        page = paginate(log, number, 25)
        assert (page.page, page.per_page, page.total) == (number, 25, 61), f"page {number}: {page}"
        assert page.has_next is has_next, f"page {number}: has_next={page.has_next!r}"
    assert len(paginate(log, 2, 25).items) == 25, "a middle page is not full"


def test_empty_log_is_one_empty_page():
    """An empty log is one empty page (not a 404), and there is no page 2 — a brand-new workspace
    must still render its audit screen."""
    page = paginate([], 1, 25)
    assert type(page) is Page, f"paginate returned a {type(page).__name__}"
    assert page.items == [] and page.pages == 1 and page.total == 0, f"got {page}"
    assert page.has_next is False, "an empty log says there is a next page"
    with pytest.raises(PageOutOfRange):
        paginate([], 2, 25)


@pytest.mark.parametrize(
    "number", [0, -1, 4, 40], ids=["page zero", "a negative page", "the page just after the last", "a page far past the end"]
)
def test_pages_outside_the_log_are_not_found(number):
    """Page numbers below 1 or past the last page raise PageOutOfRange, which the API answers
    with 404 — never an empty 200 or a crash."""
    with pytest.raises(PageOutOfRange):
        paginate(make_log(61), number, 25)


@pytest.mark.parametrize(
    "per_page",
    [0, -5, 101, 1000],
    ids=["a page size of zero", "a negative page size", "one more than the maximum", "far more than the maximum"],
)
def test_page_size_is_validated(per_page):
    """A page size outside 1–100 raises ValueError (answered with 400) — an unbounded page size
    brings back the giant response the ticket was about."""
    with pytest.raises(ValueError):
        paginate(make_log(30), 1, per_page)


def test_default_page_size_is_25():
    """Without a page size the log is shown 25 events at a time."""
    page = paginate(make_log(30))
    assert len(page.items) == 25 and page.pages == 2, f"got {len(page.items)} events, {page.pages} pages"
