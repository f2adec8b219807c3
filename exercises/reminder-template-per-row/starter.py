"""Tomorrow's SMS reminders, one per booked appointment, in each clinic's own wording."""

from __future__ import annotations

from bookings import Appointment, Clinic, Reminder
from msgtemplate import MessageTemplate


def build_reminders(appointments: list[Appointment], clinics: dict[str, Clinic]) -> list[Reminder]:
    """One Reminder per booked appointment whose patient accepts SMS, in input order."""
    reminders: list[Reminder] = []
    for appointment in appointments:
        if appointment.status != "booked" or appointment.phone is None:
            continue  # cancelled/attended, or the patient opted out of SMS

        clinic = clinics[appointment.clinic_id]
        template = MessageTemplate(clinic.reminder_template)
        text = template.render(
            {
                "first_name": appointment.first_name,
                "clinic": clinic.name,
                "starts_at": appointment.starts_at,
                "practitioner": appointment.practitioner,
            }
        )
        reminders.append(Reminder(appointment.id, appointment.phone, text))
    return reminders
