import base64
import random
import sqlite3

import pytest

from ticket_api import list_tickets

STATUSES = ["open", "open", "pending", "solved", "closed"]


class HelpdeskDb:
    """The helpdesk database; counts how many ticket rows SQLite hands to the caller."""

    def __init__(self):
        self.rows_produced = 0
        self.conn = sqlite3.connect(":memory:")
        self.conn.create_function("produced", 1, self._produced)
        self.conn.executescript(
            """
            CREATE TABLE ticket_rows (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                                      status TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE INDEX ticket_rows_created ON ticket_rows (created_at, id);
            CREATE VIEW tickets AS
                SELECT id, produced(title) AS title, status, created_at FROM ticket_rows;
            """
        )

    def _produced(self, value):
        self.rows_produced += 1
        return value

    def add(self, count, seed, same_time_every=1):
        rng = random.Random(seed)
        rows = []
        for i in range(1, count + 1):
            minute = (i // same_time_every) * 7 % 100000
            created = f"2025-{1 + minute // 40000:02d}-{1 + minute % 28:02d}T{minute % 24:02d}:{minute % 60:02d}:00Z"
            rows.append((i, f"Ticket {i}: printer on floor {rng.randint(1, 9)}", rng.choice(STATUSES), created))
        rng.shuffle(rows)
        self.conn.executemany("INSERT INTO ticket_rows VALUES (?, ?, ?, ?)", rows)
        return rows

    def expected(self, status=None):
        sql = "SELECT id, title, status, created_at FROM ticket_rows"
        rows = [r for r in self.conn.execute(sql) if status is None or r[2] == status]
        return [{"id": r[0], "title": r[1], "status": r[2], "created_at": r[3]}
                for r in sorted(rows, key=lambda r: (r[3], r[0]))]


def walk(conn, limit, status=None, max_pages=10_000):
    items, cursor, pages = [], None, 0
    while True:
        page = list_tickets(conn, status, limit=limit, cursor=cursor)
        items.extend(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None or pages > max_pages:
            return items, pages


def test_default_page_size():
    """Without a limit the first page has the default 50 tickets, the oldest first, and a cursor
    to the next page — the dashboard's first request stays small."""
    db = HelpdeskDb()
    db.add(180, 1)
    page = list_tickets(db.conn)
    assert type(page) is dict and set(page) >= {"items", "next_cursor"}, f"got keys {sorted(page)}"
    assert db.expected()[:50] == page["items"], f"first page had {len(page['items'])} tickets or the wrong ones"
    assert type(page["next_cursor"]) is str and page["next_cursor"], "the first page has no next_cursor"


def test_status_filter_on_a_small_table():
    """Filtering by status still returns exactly the tickets with that status, oldest first, so the
    dashboard's status tabs keep working."""
    db = HelpdeskDb()
    db.add(40, 12)
    for status in ("pending", "solved"):
        items = list_tickets(db.conn, status)["items"]
        assert db.expected(status) == items, f"status={status} returned {len(items)} tickets"


def test_items_keep_their_json_shape():
    """Each ticket keeps its id (int), title, status and created_at so the dashboard still renders."""
    db = HelpdeskDb()
    db.add(5, 2)
    items = list_tickets(db.conn, limit=5)["items"]
    assert len(items) == 5, f"got {len(items)} items"
    for item in items:
        assert type(item) is dict and type(item["id"]) is int, f"bad item {item!r}"
        assert all(type(item[k]) is str for k in ("title", "status", "created_at")), f"bad item {item!r}"


@pytest.mark.parametrize(
    "asked", [201, 1000, 10**9], ids=["just over the maximum", "several times the maximum", "an absurdly large limit"]
)
def test_page_size_is_capped(asked):
    """Asking for a huge page returns at most 200 tickets: a client cannot make one request pull the
    whole table."""
    db = HelpdeskDb()
    db.add(450, 3)
    page = list_tickets(db.conn, limit=asked)
    assert db.expected()[:200] == page["items"], f"page had {len(page['items'])} tickets"
    assert db.rows_produced <= 202, f"the query fetched {db.rows_produced} rows for one page"


@pytest.mark.parametrize("bad", [0, -1, -50], ids=["a limit of zero", "a limit of minus one", "a large negative limit"])
def test_rejects_a_limit_below_one(bad):
    """A limit below 1 is a client error and raises ValueError (the web layer answers 400)."""
    db = HelpdeskDb()
    db.add(10, 4)
    with pytest.raises(ValueError):
        list_tickets(db.conn, limit=bad)


@pytest.mark.parametrize(
    "limit", [1, 7, 50, 200], ids=["one ticket per page", "a small odd page size", "the default page size", "the maximum page size"]
)
def test_walking_all_pages_returns_every_ticket_once(limit):
    """Following next_cursor from the first page to the last returns every ticket exactly once, in
    order, and the last page (even a full one) has next_cursor None — no duplicates and no gaps."""
    db = HelpdeskDb()
    db.add(400, 5)
    items, pages = walk(db.conn, limit)
    want = db.expected()
    assert len(want) == len(items), f"walked {len(items)} tickets out of {len(want)}"
    assert want == items, "tickets came back duplicated, missing or out of order"
    assert pages == -(-400 // limit), f"took {pages} pages"


def test_tickets_created_at_the_same_time_are_not_lost():
    """Many tickets with the same created_at (bulk imports) spread over page boundaries are neither
    skipped nor repeated — the cursor must break ties, not only remember the timestamp."""
    db = HelpdeskDb()
    db.add(120, 6, same_time_every=40)
    items, _ = walk(db.conn, 9)
    want = db.expected()
    assert [t["id"] for t in want] == [t["id"] for t in items], "tickets were skipped or repeated at a tie"


def test_status_filter_pages_through_matching_tickets():
    """With a status filter every page holds only matching tickets and walking the pages returns
    all of them once."""
    db = HelpdeskDb()
    db.add(300, 7)
    for status in ("open", "closed"):
        items, _ = walk(db.conn, 11, status=status)
        want = db.expected(status)
        assert want == items, f"walking status={status} returned {len(items)} of {len(want)} tickets"


def test_deleting_a_ticket_between_pages_skips_nothing():
    """If a ticket the client already saw is closed and deleted before it asks for the next page,
    the next page still starts right after the last ticket it saw — page numbers / OFFSET would
    silently skip one."""
    db = HelpdeskDb()
    db.add(60, 8)
    want = db.expected()
    first = list_tickets(db.conn, limit=10)
    assert want[:10] == first["items"], "the first page is wrong"
    db.conn.execute("DELETE FROM ticket_rows WHERE id IN (?, ?)", (want[2]["id"], want[5]["id"]))
    second = list_tickets(db.conn, limit=10, cursor=first["next_cursor"])
    assert want[10:20] == second["items"], "the second page skipped or repeated tickets after a delete"


def test_new_tickets_appear_on_later_pages():
    """Tickets created while a client is paging show up on a later page instead of shifting the
    pages it has not read yet."""
    db = HelpdeskDb()
    db.add(30, 9)
    want = db.expected()
    first = list_tickets(db.conn, limit=20)
    db.conn.execute("INSERT INTO ticket_rows VALUES (999, 'New: VPN down', 'open', '2099-01-01T00:00:00Z')")
    second = list_tickets(db.conn, limit=20, cursor=first["next_cursor"])
    assert want[20:] == second["items"][:10], "the second page did not continue where the first stopped"
    assert [999] == [t["id"] for t in second["items"][10:]], "the new ticket was not on the later page"


def test_each_page_reads_only_one_page_of_rows():
    """A page deep into a large table reads about one page of rows from the database — not the
    whole table and then a slice — so response time and memory don't grow with the table."""
    db = HelpdeskDb()
    db.add(3000, 10)
    page = list_tickets(db.conn, limit=100)
    for _ in range(12):
        page = list_tickets(db.conn, limit=100, cursor=page["next_cursor"])
    db.rows_produced = 0
    page = list_tickets(db.conn, limit=25, cursor=page["next_cursor"])
    assert db.expected()[1300:1325] == page["items"], "the page deep in the table is wrong"
    assert db.rows_produced <= 27, f"the query fetched {db.rows_produced} rows to return 25"
    db.rows_produced = 0
    list_tickets(db.conn)
    assert db.rows_produced <= 52, f"the default page fetched {db.rows_produced} rows"


@pytest.mark.parametrize("bad", [
    "not-a-cursor",
    "%%%",
    base64.urlsafe_b64encode(b"{\"after\": 12}").decode(),
    base64.urlsafe_b64encode(b"1 OR 1=1").decode(),
    "' OR '1'='1",
], ids=[
    "plain text",
    "symbols that are not base64",
    "encoded JSON of the wrong shape",
    "encoded SQL",
    "an SQL injection attempt",
])
def test_rejects_a_tampered_cursor(bad):
    """A cursor that the API did not issue raises ValueError (answered as 400) instead of crashing
    with a 500 or returning arbitrary rows."""
    db = HelpdeskDb()
    db.add(20, 11)
    with pytest.raises(ValueError):
        list_tickets(db.conn, limit=5, cursor=bad)
