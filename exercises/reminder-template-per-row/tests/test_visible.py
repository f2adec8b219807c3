from datetime import datetime

import msgtemplate
from bookings import Appointment, Clinic, Reminder
from reminders import build_reminders

CLINICS = {"lee": Clinic("lee", "Leeside Physio", "Hi {{ first_name }}, see you at {{ starts_at|time }}.")}


def test_one_reminder():
    appt = Appointment(1, "lee", "Ana", "Dr Silva", datetime(2024, 3, 5, 9, 5), "booked", "+44 7700 900001")
    assert build_reminders([appt], CLINICS) == [Reminder(1, "+44 7700 900001", "Hi Ana, see you at 09:05.")]


def test_compilations_are_counted(monkeypatch):
    """How the grader measures: it counts template compilations (msgtemplate._parse calls)."""
    calls = []
    real = msgtemplate._parse
    monkeypatch.setattr(msgtemplate, "_parse", lambda source: calls.append(source) or real(source))
    appts = [Appointment(i, "lee", "Ana", "Dr Silva", datetime(2024, 3, 5, 9, i), "booked", "+44 1")
             for i in range(50)]
    build_reminders(appts, CLINICS)
    assert len(calls) <= 1, f"{len(calls)} compilations for one clinic"
