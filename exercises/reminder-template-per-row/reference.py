"""Tomorrow's SMS reminders, one per booked appointment, in each clinic's own wording."""

from __future__ import annotations

from bookings import Appointment, Clinic, Reminder
from msgtemplate import MessageTemplate


def build_reminders(appointments: list[Appointment], clinics: dict[str, Clinic]) -> list[Reminder]:
    """One Reminder per booked appointment whose patient accepts SMS, in input order."""
    # Compiling a template is the slow part, and there are a handful of clinics but thousands
    # of appointments: compile each clinic's template once per run, then only render.
    # The cache lives for this call only, so a clinic that edits its wording is picked up
    # by the next run.
    templates: dict[str, MessageTemplate] = {}
    reminders: list[Reminder] = []
    for appointment in appointments:
        if appointment.status != "booked" or appointment.phone is None:
            continue  # cancelled/attended, or the patient opted out of SMS

        clinic = clinics[appointment.clinic_id]
        if clinic.id not in templates:
            templates[clinic.id] = MessageTemplate(clinic.reminder_template)
        text = templates[clinic.id].render(
            {
                "first_name": appointment.first_name,
                "clinic": clinic.name,
                "starts_at": appointment.starts_at,
                "practitioner": appointment.practitioner,
            }
        )
        reminders.append(Reminder(appointment.id, appointment.phone, text))
    return reminders
