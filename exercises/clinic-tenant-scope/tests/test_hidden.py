import contextvars
import threading
from datetime import date, datetime

import pytest

from clinic_db import Booking
from clinic_tenancy import cancel_booking, clinic_scope, current_clinic, todays_bookings

DAY = date(2025, 5, 12)


class FakeRepo:
    """In-memory bookings of several clinics; records which clinic each query was scoped to."""

    def __init__(self):
        self.queries = []
        self.bookings = [
            Booking(1, "north", "A. Moreau", datetime(2025, 5, 12, 9, 0)),
            Booking(2, "north", "B. Okafor", datetime(2025, 5, 12, 9, 30)),
            Booking(3, "south", "C. Lindqvist", datetime(2025, 5, 12, 10, 0)),
            Booking(4, "east", "D. Tanaka", datetime(2025, 5, 12, 11, 15)),
            Booking(5, "south", "E. Novak", datetime(2025, 5, 13, 8, 45)),
        ]
        self.cancelled = []

    def bookings_for(self, clinic_id, day):
        self.queries.append(clinic_id)
        return [b for b in self.bookings if b.clinic_id == clinic_id and b.starts_at.date() == day]

    def cancel(self, clinic_id, booking_id):
        self.queries.append(clinic_id)
        for b in self.bookings:
            if b.id == booking_id and b.clinic_id == clinic_id:
                self.cancelled.append(booking_id)
                return True
        return False


def run_in_thread(target, results, key):
    def wrapper():
        try:
            results[key] = target()
        except BaseException as exc:  # report it to the test instead of losing it
            results[key] = exc
    thread = threading.Thread(target=wrapper, daemon=True)
    thread.start()
    return thread


def test_services_use_the_scoped_clinic():
    """Inside a clinic scope the service functions query that clinic's data only."""
    repo = FakeRepo()
    for clinic, want in (("north", [1, 2]), ("south", [3]), ("east", [4])):
        with clinic_scope(clinic):
            assert clinic == current_clinic(), f"current_clinic() was {current_clinic()!r}"
            got = todays_bookings(repo, DAY)
        assert want == [b.id for b in got], f"{clinic} saw bookings {[b.id for b in got]}"
    with clinic_scope("south"):
        assert cancel_booking(repo, 3) is True, "cancelling the clinic's own booking failed"
        assert cancel_booking(repo, 1) is False, "cancelled another clinic's booking"
    assert [3] == repo.cancelled, f"cancelled {repo.cancelled}"


def test_no_clinic_outside_a_scope():
    """Outside any clinic scope current_clinic() raises LookupError, so a request that forgot the
    middleware fails loudly instead of using some other clinic."""
    with pytest.raises(LookupError):
        current_clinic()
    with clinic_scope("north"):
        pass
    with pytest.raises(LookupError):
        todays_bookings(FakeRepo(), DAY)


def test_nested_scopes_and_errors_restore_the_outer_clinic():
    """Leaving a nested scope, normally or through an exception, restores the outer clinic."""
    with clinic_scope("north"):
        with clinic_scope("east"):
            assert "east" == current_clinic(), "inner scope not applied"
        assert "north" == current_clinic(), "outer clinic not restored"
        with pytest.raises(KeyError):
            with clinic_scope("south"):
                raise KeyError("boom")
        assert "north" == current_clinic(), "outer clinic not restored after an exception"
    with pytest.raises(LookupError):
        current_clinic()


def test_concurrent_threads_keep_their_own_clinic():
    """Two requests handled at the same time on different worker threads each see only their own
    clinic — otherwise one clinic's receptionist is shown another clinic's patients."""
    repo = FakeRepo()
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    results = {}

    def request_a():
        try:
            with clinic_scope("north"):
                a_in.set()
                b_in.wait(5)
                return [b.id for b in todays_bookings(repo, DAY)]
        finally:
            a_in.set()
            a_out.set()

    def request_b():
        a_in.wait(5)
        try:
            with clinic_scope("south"):
                b_in.set()
                a_out.wait(5)  # request A has finished while B is still running
                return [b.id for b in todays_bookings(repo, DAY)]
        finally:
            b_in.set()

    threads = [run_in_thread(request_a, results, "a"), run_in_thread(request_b, results, "b")]
    for thread in threads:
        thread.join(10)
    assert [1, 2] == results.get("a"), f"the north request got {results.get('a')!r}"
    assert [3] == results.get("b"), f"the south request got {results.get('b')!r}"


def test_thread_without_a_scope_sees_no_clinic():
    """A thread that has not entered a scope (a background job) gets LookupError even while another
    thread is inside a clinic scope — it must never inherit a clinic by accident."""
    inside, done = threading.Event(), threading.Event()
    results = {}

    def request():
        try:
            with clinic_scope("east"):
                inside.set()
                done.wait(5)
                return current_clinic()
        finally:
            inside.set()

    def job():
        inside.wait(5)
        try:
            return current_clinic()
        except LookupError:
            return "no clinic"
        finally:
            done.set()

    threads = [run_in_thread(request, results, "request"), run_in_thread(job, results, "job")]
    for thread in threads:
        thread.join(10)
    assert "no clinic" == results.get("job"), f"the job saw clinic {results.get('job')!r}"
    assert "east" == results.get("request"), f"the request saw {results.get('request')!r}"


def async_request(repo, clinic, booking_id, log):
    """A request as the async worker runs it: it pauses (yield) while awaiting I/O."""
    with clinic_scope(clinic):
        yield  # awaiting the auth service
        log.append((clinic, [b.id for b in todays_bookings(repo, DAY)]))
        yield  # awaiting the database
        log.append((clinic, cancel_booking(repo, booking_id)))
        yield
        log.append((clinic, current_clinic()))


def test_interleaved_async_requests_keep_their_own_clinic():
    """Requests interleaved on one thread by the async worker (each task has its own contextvars
    context, as in asyncio) keep their own clinic: a per-thread variable is not enough there."""
    repo, log = FakeRepo(), []
    north = async_request(repo, "north", 2, log)
    south = async_request(repo, "south", 5, log)
    ctx_north, ctx_south = contextvars.copy_context(), contextvars.copy_context()
    for _ in range(3):
        ctx_north.run(next, north)
        ctx_south.run(next, south)
    ctx_north.run(next, north, None)
    ctx_south.run(next, south, None)
    assert [
        ("north", [1, 2]), ("south", [3]),
        ("north", True), ("south", True),
        ("north", "north"), ("south", "south"),
    ] == log, f"the interleaved requests saw {log}"
    assert [2, 5] == repo.cancelled, f"cancelled {repo.cancelled}"
