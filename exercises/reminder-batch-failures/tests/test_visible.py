from datetime import date, datetime

from appointment_reminders import send_reminders
from reminder_models import Booking
from sms_gateway import SmsDeliveryError


class FakeStore:
    def __init__(self, bookings):
        self.bookings, self.marked = bookings, []

    def due_reminders(self, day):
        return list(self.bookings)

    def mark_reminded(self, booking_id, message_id):
        self.marked.append(booking_id)


class FakeGateway:
    def __init__(self, bad_phone=None):
        self.bad_phone, self.calls = bad_phone, []

    def send(self, phone, text, *, timeout=None):
        self.calls.append(timeout)
        if phone == self.bad_phone:
            raise SmsDeliveryError("invalid number")
        return "SM1"


def test_failed_text_is_reported():
    """A text that can't be delivered is reported in report.failed and not marked."""
    bookings = [
        Booking(1, "Ana", "+100", datetime(2024, 6, 12, 9, 0)),
        Booking(2, "Ben", "+200", datetime(2024, 6, 12, 9, 30)),
    ]
    store = FakeStore(bookings)
    report = send_reminders(store, FakeGateway(bad_phone="+100"), date(2024, 6, 12))
    assert report.sent == [2] and report.failed == [1], f"report: {report}"
    assert store.marked == [2]
