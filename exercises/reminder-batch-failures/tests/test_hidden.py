import logging
import sqlite3
from datetime import date, datetime

import pytest

from appointment_reminders import send_reminders
from reminder_models import Booking, ReminderReport
from sms_gateway import SmsDeliveryError

DAY = date(2024, 6, 12)


def _bookings(n, first_id=501):
    names = ["Ana Costa", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eszter Kovács", "Femi Adeyemi", "Grace Liu"]
    return [
        Booking(
            id=first_id + 7 * i,
            patient_name=names[i % len(names)],
            phone=f"+44 7700 900{100 + i:03d}",
            starts_at=datetime(2024, 6, 12, 8 + i % 9, 30 if i % 2 else 0),
        )
        for i in range(n)
    ]


class FakeStore:
    def __init__(self, bookings, fail_mark=None):
        self.bookings, self.fail_mark = bookings, fail_mark or {}
        self.days, self.marked = [], []

    def due_reminders(self, day):
        self.days.append(day)
        return list(self.bookings)

    def mark_reminded(self, booking_id, message_id):
        if booking_id in self.fail_mark:
            raise self.fail_mark[booking_id]
        self.marked.append((booking_id, message_id))


class FakeGateway:
    """Records every send; raises the exception configured for a phone number."""

    def __init__(self, fail=None):
        self.fail = fail or {}
        self.sent = []

    def send(self, phone, text, *, timeout=None):
        self.sent.append((phone, text, timeout))
        if phone in self.fail:
            raise self.fail[phone]
        return f"SM{len(self.sent):04d}"


def _run(bookings, fail=None, fail_mark=None):
    store, gateway = FakeStore(bookings, fail_mark), FakeGateway(fail)
    report = send_reminders(store, gateway, DAY)
    return store, gateway, report


def test_every_patient_is_texted_and_marked():
    """Each patient with a booking that day gets one text with their name and time, and the booking is marked with the message id — the job must keep doing its work."""
    bookings = _bookings(5)
    store, gateway, report = _run(bookings)
    assert type(report) is ReminderReport, f"returned {type(report).__name__}"
    assert [b.phone for b in bookings] == [s[0] for s in gateway.sent], "not every patient was texted exactly once"
    for booking, (_phone, text, _t) in zip(bookings, gateway.sent):
        assert booking.patient_name in text and booking.starts_at.strftime("%H:%M") in text, f"text was {text!r}"
    assert [(b.id, f"SM{i + 1:04d}") for i, b in enumerate(bookings)] == store.marked, f"marked {store.marked}"
    assert [b.id for b in bookings] == report.sent and [] == report.failed, f"report was {report}"


def test_reads_the_requested_day():
    """The job asks the store for the bookings of the day it was given."""
    store, _gateway, report = _run([])
    assert store.days == [DAY], f"asked for {store.days}"
    assert report.sent == [] and report.failed == []


@pytest.mark.parametrize("failing", [[1], [0, 4], [2, 3, 5]], ids=["one patient in the middle", "the first and the last patient", "several patients in a row"])
def test_delivery_failures_do_not_stop_the_batch(failing):
    """A text that can't be delivered doesn't stop the others; it is listed in report.failed and left unmarked so the next run retries it."""
    bookings = _bookings(6 if 5 in failing else 5)
    bad = {bookings[i].phone: SmsDeliveryError("21211: invalid 'To' number") for i in failing}
    store, gateway, report = _run(bookings, fail=bad)
    failed_ids = [bookings[i].id for i in failing]
    ok_ids = [b.id for b in bookings if b.id not in failed_ids]
    assert len(gateway.sent) == len(bookings), "the batch stopped after a failed text"
    assert ok_ids == report.sent, f"report.sent was {report.sent}"
    assert failed_ids == report.failed, f"report.failed was {report.failed}"
    assert ok_ids == [m[0] for m in store.marked], f"marked {store.marked}"


def test_delivery_failure_is_logged_with_its_cause(caplog):
    """Each failed text is logged as a warning or error that names the booking and carries the provider's error — otherwise nobody learns that patients were never reminded."""
    caplog.set_level(logging.DEBUG)
    bookings = _bookings(3, first_id=9041)
    error = SmsDeliveryError("30006: landline or unreachable carrier")
    _run(bookings, fail={bookings[1].phone: error})
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and str(bookings[1].id) in r.getMessage()]
    assert loud, "no warning or error names the booking whose text failed"
    assert any(
        (r.exc_info and r.exc_info[1] is error) or str(error) in r.getMessage() for r in loud
    ), "the log record does not include the provider's error"


def test_every_send_has_a_timeout():
    """Every text is sent with a timeout of at most 10 seconds — a provider that stops answering must not hold the nightly run past the retry window."""
    _store, gateway, _report = _run(_bookings(4))
    for _phone, _text, timeout in gateway.sent:
        assert timeout is not None, "a text was sent without a timeout"
        assert type(timeout) in (int, float) and 0 < timeout <= 10, f"timeout was {timeout!r}"


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), SystemExit(143)], ids=["Ctrl-C", "a deploy stopping the job"])
def test_stopping_the_job_is_not_swallowed(stop):
    """Ctrl-C or a shutdown (SystemExit) stops the run at once instead of being treated as a failed text — ops must be able to stop a job that is texting the wrong day."""
    bookings = _bookings(5)
    store, gateway = FakeStore(bookings), FakeGateway({bookings[1].phone: stop})
    with pytest.raises(type(stop)):
        send_reminders(store, gateway, DAY)
    assert len(gateway.sent) == 2, f"{len(gateway.sent)} texts were sent; the job kept going after being stopped"


def test_database_failure_stops_the_run():
    """If recording a reminder fails (the database is down), the run stops with that error — carrying on would text everyone again tomorrow without a record, and cron's failure alert never fires."""
    bookings = _bookings(5)
    error = sqlite3.OperationalError("database is locked")
    store, gateway = FakeStore(bookings, fail_mark={bookings[2].id: error}), FakeGateway()
    with pytest.raises(sqlite3.OperationalError):
        send_reminders(store, gateway, DAY)
    assert [b.id for b in bookings[:2]] == [m[0] for m in store.marked], "the reminders already sent were not recorded"
    assert len(gateway.sent) == 3, f"{len(gateway.sent)} texts were sent; the job kept going after the database failed"


class GatewayMisconfigured(Exception):
    """A problem on our side that is not about one patient's text (here: no sender id configured)."""


@pytest.mark.parametrize("bug", [
    TypeError("send() got an unexpected keyword argument 'sender'"),
    KeyError("SMS_SENDER_ID"),
    GatewayMisconfigured("no sender id configured for this account"),
], ids=["a wrong argument in our code", "a missing setting", "a kind of error nobody listed"])
def test_bugs_are_not_counted_as_failed_texts(bug):
    """An exception that is not a delivery failure (a bug, a misconfigured gateway) propagates instead of being reported as one more failed text."""
    bookings = _bookings(3)
    with pytest.raises(type(bug)):
        send_reminders(FakeStore(bookings), FakeGateway({bookings[0].phone: bug}), DAY)
