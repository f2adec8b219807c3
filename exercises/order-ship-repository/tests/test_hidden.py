"""Hidden tests for order-ship-repository."""

import json
import sqlite3

import pytest

import errors
import repository
from orders import Order, OutboxEvent
from shipping_service import mark_shipped

ROWS = [
    # id, email, status, tracking, deleted_at
    (101, "ana@example.com", "paid", None, None),
    (102, "bram@example.com", "packed", None, None),
    (103, "chen@example.com", "cancelled", None, None),
    (104, "dee@example.com", "refunded", None, None),
    (105, "eva@example.com", "pending_payment", None, None),
    (106, "finn@example.com", "shipped", "JD014600003828", None),
    (107, "gus@example.com", "paid", None, "2026-03-02T10:00:00+00:00"),
    (108, "hana@example.com", "paid", None, None),
]


class RecordingRepository(repository.OrderRepository):
    """The project's repository, recording how the service uses it."""

    def __init__(self, conn):
        super().__init__(conn)
        self.calls = []

    def get(self, order_id):
        self.calls.append(("get", order_id))
        return super().get(order_id)

    def save(self, order, *, events=()):
        self.calls.append(("save", order, tuple(events)))
        return super().save(order, events=events)


@pytest.fixture
def db():
    conn = sqlite3.connect(":memory:")
    conn.executescript(repository.SCHEMA)
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", ROWS)
    conn.commit()
    repo = RecordingRepository(conn)
    repository.configure(repo)
    yield conn, repo
    repository.configure(None)
    conn.close()


def _row(conn, order_id):
    return conn.execute("SELECT status, tracking_number FROM orders WHERE id = ?", (order_id,)).fetchone()


def _outbox(conn):
    return [(name, json.loads(payload)) for name, payload in conn.execute("SELECT name, payload FROM outbox ORDER BY id")]


@pytest.mark.parametrize("order_id, tracking", [(101, "JD014600006281"), (102, "1Z999AA10123456784"), (108, "RR123456785GB")],
                         ids=["a paid order", "a packed order", "another paid order"])
def test_ships_a_paid_or_packed_order(db, order_id, tracking):
    """A paid or packed order becomes "shipped" with its tracking number, saved through the
    project's OrderRepository, and the updated Order is returned: the feature must keep working."""
    conn, repo = db
    result = mark_shipped(order_id, tracking)
    assert type(result) is Order, f"mark_shipped returned {type(result).__name__}, not the project's Order"
    assert (result.id, result.status, result.tracking_number) == (order_id, "shipped", tracking), f"returned {result}"
    assert ("shipped", tracking) == _row(conn, order_id), f"the database row is {_row(conn, order_id)}"
    assert [c[0] for c in repo.calls].count("save") == 1, f"repository calls were {[c[0] for c in repo.calls]}"


def test_customer_email_event_is_saved_with_the_order(db):
    """Shipping queues exactly one "order.shipped" outbox event (order id and tracking number)
    in the same save as the order, which is how the customer gets the "on its way" e-mail."""
    conn, repo = db
    mark_shipped(101, "JD014600006281")
    saves = [c for c in repo.calls if c[0] == "save"]
    assert len(saves) == 1, f"{len(saves)} saves"
    events = saves[0][2]
    assert len(events) == 1 and type(events[0]) is OutboxEvent, f"the save carried events {events}"
    assert events[0].name == "order.shipped", f"the event was {events[0]}"
    assert _outbox(conn) == [("order.shipped", {"order_id": 101, "tracking_number": "JD014600006281"})], (
        f"the outbox holds {_outbox(conn)}"
    )


@pytest.mark.parametrize("order_id", [999, 0, 110], ids=["an id far past the last order", "id zero", "an id just past the last order"])
def test_unknown_order_is_not_found(db, order_id):
    """An order id that does not exist raises the project's NotFoundError (the API answers
    404 and the courier stops retrying) and changes nothing."""
    conn, _ = db
    with pytest.raises(errors.NotFoundError):
        mark_shipped(order_id, "JD014600006281")
    assert _outbox(conn) == [], "an event was queued for a missing order"


def test_deleted_order_is_not_found_and_not_touched(db):
    """A soft-deleted order counts as missing: it raises NotFoundError and its row is left
    alone, because deleted orders (fraud, GDPR erasure) must never be shipped or e-mailed."""
    conn, _ = db
    with pytest.raises(errors.NotFoundError):
        mark_shipped(107, "JD014600006281")
    assert ("paid", None) == _row(conn, 107), f"the deleted order's row became {_row(conn, 107)}"
    assert _outbox(conn) == [], "an event was queued for a deleted order"


@pytest.mark.parametrize("order_id", [103, 104, 105], ids=["a cancelled order", "a refunded order", "an unpaid order"])
def test_orders_that_cannot_ship_are_a_conflict(db, order_id):
    """A cancelled, refunded or unpaid order cannot be shipped: the project's ConflictError is
    raised and nothing is saved, so a courier mistake never overwrites a refund."""
    conn, repo = db
    before = _row(conn, order_id)
    with pytest.raises(errors.ConflictError):
        mark_shipped(order_id, "JD014600006281")
    assert before == _row(conn, order_id), f"the row became {_row(conn, order_id)}"
    assert not [c for c in repo.calls if c[0] == "save"], "the order was saved"
    assert _outbox(conn) == [], "an event was queued"


def test_retried_webhook_sends_no_second_email(db):
    """The courier retries webhooks: shipping an already-shipped order again with the same
    tracking number returns it unchanged and queues no second e-mail."""
    conn, _ = db
    first = mark_shipped(102, "1Z999AA10123456784")
    again = mark_shipped(102, "1Z999AA10123456784")
    assert first == again and type(again) is Order, f"the retry returned {again}"
    old = mark_shipped(106, "JD014600003828")
    assert (old.status, old.tracking_number) == ("shipped", "JD014600003828"), f"returned {old}"
    assert len(_outbox(conn)) == 1, f"the outbox holds {len(_outbox(conn))} events"


def test_different_tracking_number_for_a_shipped_order_is_a_conflict(db):
    """A second, different tracking number for a shipped order raises ConflictError instead
    of silently replacing the one the customer was already sent."""
    conn, _ = db
    with pytest.raises(errors.ConflictError):
        mark_shipped(106, "RR000000000GB")
    assert ("shipped", "JD014600003828") == _row(conn, 106), f"the row became {_row(conn, 106)}"


def test_tracking_number_is_stored_exactly(db):
    """Whatever characters the courier sends in a tracking number are stored as data, never
    run as SQL, and no other order changes."""
    conn, _ = db
    odd = "JD01'; UPDATE orders SET status='refunded' --"
    result = mark_shipped(101, odd)
    assert result.tracking_number == odd, f"returned {result}"
    assert ("shipped", odd) == _row(conn, 101), f"the row is {_row(conn, 101)}"
    statuses = dict(conn.execute("SELECT id, status FROM orders").fetchall())
    assert statuses[102] == "packed" and statuses[108] == "paid", f"other orders changed: {statuses}"
