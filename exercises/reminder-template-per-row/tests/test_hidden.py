import random
from datetime import datetime, timedelta

import pytest

import msgtemplate
from bookings import Appointment, Clinic, Reminder
from msgtemplate import MessageTemplate
from reminders import build_reminders

CLINICS = {
    "lee": Clinic("lee", "Leeside Physio", "Hi {{ first_name }}, {{ clinic }} here: see you {{ starts_at|date }} at {{ starts_at|time }}."),
    "nth": Clinic("nth", "Northgate Dental", "NORTHGATE: {{ first_name|upper }}, {{ starts_at|time }} with {{ practitioner }}. Reply C to cancel."),
    "oak": Clinic("oak", "Oakfield GP", "{{ clinic }}: appointment {{ starts_at|date }} {{ starts_at|time }} ({{ practitioner }})."),
    "riv": Clinic("riv", "Riverside Eye Care", "Dear {{ first_name }}, your eye test is at {{ starts_at|time }}."),
}
NAMES = ["Ana", "Bram", "Chiara", "Dev", "Eilidh", "Femi", "Siobhán", "Jonas"]
PRACTITIONERS = ["Dr Haddad", "Dr Silva", "M. Tanaka", "Dr Novak"]


def make_appointments(seed, count, clinic_ids=tuple(CLINICS)):
    rng = random.Random(seed)
    day = datetime(2024, 3, 5, 8, 0)
    out = []
    for i in range(count):
        status = rng.choice(["booked"] * 6 + ["cancelled", "attended"])
        phone = None if rng.random() < 0.15 else f"+44 7700 9{rng.randrange(10**5):05d}"
        out.append(Appointment(
            id=1000 + i * 7 % 997,
            clinic_id=rng.choice(clinic_ids),
            first_name=rng.choice(NAMES),
            practitioner=rng.choice(PRACTITIONERS),
            starts_at=day + timedelta(minutes=5 * rng.randrange(120)),
            status=status,
            phone=phone,
        ))
    return out


def expected_reminders(appointments, clinics):
    out = []
    for a in appointments:
        if a.status == "booked" and a.phone is not None:
            c = clinics[a.clinic_id]
            text = MessageTemplate(c.reminder_template).render(
                {"first_name": a.first_name, "clinic": c.name, "starts_at": a.starts_at,
                 "practitioner": a.practitioner})
            out.append(Reminder(a.id, a.phone, text))
    return out


@pytest.fixture
def parses(monkeypatch):
    """Records every template compilation (msgtemplate._parse calls)."""
    calls = []
    real = msgtemplate._parse

    def spy(source):
        calls.append(source)
        return real(source)

    monkeypatch.setattr(msgtemplate, "_parse", spy)
    return calls


def check(expected, got):
    assert type(got) is list, f"build_reminders returned a {type(got).__name__}, not a list"
    assert all(type(r) is Reminder for r in got), "every item must be a Reminder"
    assert len(expected) == len(got), f"{len(got)} reminders, expected {len(expected)}"
    for want, have in zip(expected, got):
        assert want == have, f"appointment {want.appointment_id}: got {have!r}"


@pytest.mark.parametrize("seed", [2, 13], ids=["a first mixed evening", "a second mixed evening"])
def test_each_appointment_gets_its_clinics_wording(seed):
    """Every reminder uses the wording of the patient's own clinic, filled in with that
    appointment's details — patients must not get another clinic's message."""
    appointments = make_appointments(seed, 60)
    check(expected_reminders(appointments, CLINICS), build_reminders(appointments, CLINICS))


def test_only_booked_appointments_with_a_phone():
    """Cancelled or attended appointments, and patients who opted out of SMS, get no
    reminder — texting them is a complaint (and, for opt-outs, a data-protection breach)."""
    appointments = make_appointments(5, 80)
    got = build_reminders(appointments, CLINICS)
    wanted_ids = [a.id for a in appointments if a.status == "booked" and a.phone is not None]
    assert type(got) is list and [r.appointment_id for r in got] == wanted_ids, "wrong appointments reminded"
    assert build_reminders([], CLINICS) == [], "no appointments must give no reminders"


def test_template_compiled_once_per_clinic(parses):
    """Each clinic's template is compiled at most once per run, however many appointments
    it has — compiling it for every patient makes the evening reminder job scale with
    bookings instead of with clinics."""
    appointments = make_appointments(21, 400)
    expected = expected_reminders(appointments, CLINICS)
    parses.clear()
    got = build_reminders(appointments, CLINICS)
    check(expected, got)
    assert len(parses) <= len(CLINICS), f"{len(parses)} template compilations for {len(CLINICS)} clinics"


def test_compilations_do_not_grow_with_appointments(parses):
    """A busy day costs no more compilations than a quiet one: the count is bounded by the
    number of clinics, not by the number of appointments."""
    counts = []
    for n in (12, 300):
        appointments = make_appointments(8, n, clinic_ids=("nth", "riv"))
        expected = expected_reminders(appointments, CLINICS)
        parses.clear()
        check(expected, build_reminders(appointments, CLINICS))
        counts.append(len(parses))
    assert max(counts) <= len(CLINICS), f"compilations: {counts[0]} for 12, {counts[1]} for 300 appointments"


def test_edited_template_is_used_on_the_next_run():
    """When a clinic edits its reminder wording, the next run uses the new wording — a cache
    that outlives the run would keep texting patients the old text (old phone number, old
    address)."""
    appointments = make_appointments(34, 30, clinic_ids=("lee",))
    first = build_reminders(appointments, CLINICS)
    check(expected_reminders(appointments, CLINICS), first)
    edited = dict(CLINICS)
    edited["lee"] = Clinic("lee", "Leeside Physio", "Leeside Physio (new address: 4 Mill Lane): {{ first_name }}, {{ starts_at|time }}.")
    check(expected_reminders(appointments, edited), build_reminders(appointments, edited))
