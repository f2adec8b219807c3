"""Nightly job: text every patient a reminder of tomorrow's appointment."""

from __future__ import annotations

import logging
from datetime import date

from reminder_models import Booking, ReminderReport, ReminderStore
from sms_gateway import SmsDeliveryError, SmsGateway

log = logging.getLogger(__name__)

SMS_TEMPLATE = (
    "Hi {name}, this is a reminder of your appointment at Riverside Clinic "
    "tomorrow at {time}. Reply C to cancel."
)
SEND_TIMEOUT_S = 10.0  # 2,000 texts must be out before the 20:00 retry run


def _reminder_text(booking: Booking) -> str:
    return SMS_TEMPLATE.format(name=booking.patient_name, time=booking.starts_at.strftime("%H:%M"))


def send_reminders(store: ReminderStore, gateway: SmsGateway, day: date) -> ReminderReport:
    """Text each patient with an appointment on `day` and mark the booking as reminded.

    A message that can't be delivered is logged and reported in `failed`, and left unmarked so
    the next run retries it. Anything else (the database, a bug, Ctrl-C) stops the run.
    """
    report = ReminderReport()
    for booking in store.due_reminders(day):
        try:
            message_id = gateway.send(booking.phone, _reminder_text(booking), timeout=SEND_TIMEOUT_S)
        except SmsDeliveryError as exc:
            log.warning("reminder for booking %d not delivered, left for the next run: %s", booking.id, exc, exc_info=exc)
            report.failed.append(booking.id)
            continue
        store.mark_reminded(booking.id, message_id)
        report.sent.append(booking.id)
    return report
