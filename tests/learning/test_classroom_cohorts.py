"""Cohorts: joining with the code, rotating and closing it, removing a member, co-instructors,
board names, and the roster import that reports every unusable row by its line."""

from __future__ import annotations

import pytest

from learning.access import AccessDenied, Role
from learning.accounts import Accounts
from learning.classroom_cohorts import CODE_ALPHABET, CohortError, Cohorts
from tests.learning.classroom_people import People


@pytest.fixture
def room(store):
    people = People(store)
    teacher = people.make("teacher", Role.INSTRUCTOR)
    cohorts = Cohorts(store)
    return people, teacher, cohorts, cohorts.create(teacher, "Autumn", "Europe/Berlin")


def test_a_learner_joins_with_the_code_however_it_is_typed(room):
    people, teacher, cohorts, cohort = room
    ana = people.make("ana")
    assert set(cohort.join_code) <= set(CODE_ALPHABET) and len(cohort.join_code) == 8
    typed = " " + "-".join([cohort.join_code[:4], cohort.join_code[4:]]).lower()
    assert cohorts.join(ana, typed).id == cohort.id
    assert cohorts.join(ana, cohort.join_code).id == cohort.id  # twice is harmless
    assert [m.name for m in cohorts.members(teacher, cohort.id)] == ["ana"]
    assert [c.name for c, _ in cohorts.mine(ana)] == ["Autumn"]


def test_a_rotated_code_stops_working_and_a_closed_cohort_takes_nobody(room):
    people, teacher, cohorts, cohort = room
    new = cohorts.rotate_code(teacher, cohort.id)
    with pytest.raises(CohortError, match="does not work"):
        cohorts.join(people.make("ana"), cohort.join_code)
    cohorts.set_joining(teacher, cohort.id, False)
    with pytest.raises(CohortError, match="does not work"):  # the same words as an unknown code
        cohorts.join(people.make("ben"), new)
    cohorts.set_joining(teacher, cohort.id, True)
    assert cohorts.join(people.make("cy"), new).id == cohort.id


def test_removing_a_member_keeps_their_work(room, store):
    people, teacher, cohorts, cohort = room
    ana = people.make("ana")
    cohorts.join(ana, cohort.join_code)
    store.save_draft(ana.learner_id, "alpha", "mine")
    cohorts.remove_member(teacher, cohort.id, ana.learner_id)
    assert cohorts.members(teacher, cohort.id) == []
    assert store.draft(ana.learner_id, "alpha") == "mine"
    with pytest.raises(CohortError, match="not in this cohort"):
        cohorts.remove_member(teacher, cohort.id, ana.learner_id)


def test_a_co_instructor_manages_the_cohort_and_must_be_an_instructor(room):
    people, teacher, cohorts, cohort = room
    other = people.make("other", Role.INSTRUCTOR)
    learner = people.make("ana")
    with pytest.raises(AccessDenied):
        cohorts.members(other, cohort.id)
    with pytest.raises(CohortError, match="not an instructor"):
        cohorts.add_co_instructor(teacher, cohort.id, "ana@example.com")
    cohorts.add_co_instructor(teacher, cohort.id, "other@example.com")
    assert [c.id for c in cohorts.taught(other)] == [cohort.id]
    assert [(name, owner) for name, _, owner in cohorts.instructors(other, cohort.id)] == [
        ("teacher", True),
        ("other", False),
    ]
    assert cohorts.taught(learner) == []


def test_a_board_name_is_opt_in_and_checked(room):
    people, teacher, cohorts, cohort = room
    ana = people.make("ana")
    with pytest.raises(AccessDenied):
        cohorts.set_pseudonym(ana, cohort.id, "Falcon")
    cohorts.join(ana, cohort.join_code)
    assert cohorts.mine(ana)[0][1] is None
    cohorts.set_pseudonym(ana, cohort.id, "  Swift   Falcon ")
    assert cohorts.mine(ana)[0][1] == "Swift Falcon"
    with pytest.raises(CohortError, match="control"):
        cohorts.set_pseudonym(ana, cohort.id, "a\x1b[31m")
    cohorts.set_pseudonym(ana, cohort.id, "")
    assert cohorts.mine(ana)[0][1] is None


ROSTER = (
    "\ufeffemail,name\n"  # a spreadsheet's byte-order mark and header row
    "ana@example.com,Ana\n"  # an existing learner: matched
    "new.person@example.com,New Person\n"  # unknown: invited
    "not-an-email,Someone\n"
    "\n"
    "NEW.PERSON@example.com,Twice\n"
    "teacher@example.com,The Teacher\n"  # an instructor is not a learner
    "x@example.com,a,b\n"
    '"quoted@example.com","Doe, Jane"\n'
)


def test_a_roster_import_matches_invites_and_reports_each_bad_row_by_line(room, store):
    people, teacher, cohorts, cohort = room
    people.make("ana")
    result = cohorts.import_roster(teacher, cohort.id, ROSTER)
    assert result.added == ["ana@example.com"]
    assert [email for email, _ in result.invited] == [
        "new.person@example.com",
        "quoted@example.com",
    ]
    assert [p.line for p in result.problems] == [4, 6, 7, 8]
    assert "not an e-mail" in str(result.problems[0]) and "listed twice" in str(result.problems[1])
    members = {m.email: m.name for m in cohorts.members(teacher, cohort.id)}
    assert members == {
        "ana@example.com": "ana",
        "new.person@example.com": "New Person",
        "quoted@example.com": "Doe, Jane",
    }
    link = dict(result.invited)["new.person@example.com"]
    assert Accounts(store).link_purpose(link) == "invite"
    again = cohorts.import_roster(teacher, cohort.id, ROSTER)
    assert sorted(again.already) == sorted(members) and not again.invited


def test_an_instructor_invites_only_new_learners_into_their_own_cohort(room, store):
    people, teacher, cohorts, cohort = room
    other_cohort = Cohorts(store).create(people.make("t2", Role.INSTRUCTOR), "Other")
    accounts = Accounts(store)
    with pytest.raises(AccessDenied):
        accounts.invite(teacher, "x@example.com", Role.LEARNER, cohort_id=other_cohort.id)
    with pytest.raises(AccessDenied):
        accounts.invite(teacher, "x@example.com", Role.ADMIN, cohort_id=cohort.id)
    with pytest.raises(AccessDenied):
        accounts.invite(teacher, "x@example.com", Role.LEARNER)
    # An invited account with no password yet: a new link would hand the account over.
    admin = people.make("admin", Role.ADMIN)
    accounts.invite(admin, "pending@example.com", Role.ADMIN)
    result = cohorts.import_roster(teacher, cohort.id, "pending@example.com,P\n")
    assert result.invited == [] and "instructor or admin" in str(result.problems[0])
    with pytest.raises(Exception, match="already has an account"):
        accounts.invite(teacher, "pending@example.com", Role.LEARNER, cohort_id=cohort.id)


def test_a_learner_cannot_create_or_manage_a_cohort(room):
    people, teacher, cohorts, cohort = room
    ana = people.make("ana")
    with pytest.raises(AccessDenied):
        cohorts.create(ana, "Mine")
    for call in (
        lambda: cohorts.rotate_code(ana, cohort.id),
        lambda: cohorts.set_joining(ana, cohort.id, False),
        lambda: cohorts.import_roster(ana, cohort.id, "b@example.com,B\n"),
        lambda: cohorts.members(ana, cohort.id),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_an_unknown_time_zone_is_refused_with_an_example(room):
    _, teacher, cohorts, _ = room
    with pytest.raises(CohortError, match="Europe/Berlin"):
        cohorts.create(teacher, "Bad", "Mars/Olympus")
