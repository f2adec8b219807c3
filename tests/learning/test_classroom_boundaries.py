"""Every classroom boundary, tried from outside through the services: an instructor sees only the
cohorts they teach, only their members, and of a member's work only what was assigned in such a
cohort plus overall progress; never another cohort's data, never password hashes or sessions."""

from __future__ import annotations

import gzip
from datetime import datetime

import pytest

from learning.access import AccessDenied, Role
from learning.classroom_assignments import Assignments, LearnerPage
from learning.classroom_board import Board
from learning.classroom_cohorts import Cohorts
from learning.classroom_dashboard import Dashboard
from learning.classroom_exports import Exports
from learning.classroom_late import Policy
from learning.classroom_regrade import Regrades
from learning.workspace import Workspace
from tests.learning.classroom_people import T0, People, attempt


@pytest.fixture
def two_classes(store, course):
    slugs = [ex.slug for ex in course.ordered_exercises()[:3]]
    people = People(store)
    mine, theirs = people.make("mine", Role.INSTRUCTOR), people.make("theirs", Role.INSTRUCTOR)
    cohorts, assignments = Cohorts(store), Assignments(store)
    ours = cohorts.create(mine, "Ours")
    other = cohorts.create(theirs, "Theirs")
    window = (datetime(2026, 12, 1), datetime(2026, 12, 8))
    ours_assignment = assignments.save(
        mine, ours.id, "A", slugs[:1], *window, Policy(), known=slugs
    )
    other_assignment = assignments.save(
        theirs, other.id, "B", slugs[1:2], *window, Policy(), known=slugs
    )
    ana, ben = people.make("ana"), people.make("ben")
    cohorts.join(ana, ours.join_code)
    cohorts.join(ben, other.join_code)
    for learner in (ana, ben):
        for slug in slugs:
            attempt(store, learner.learner_id, slug, 50, T0, failing=("secret requirement",))
    return {
        "mine": mine,
        "theirs": theirs,
        "ours": ours,
        "other": other,
        "ours_assignment": ours_assignment,
        "other_assignment": other_assignment,
        "ana": ana,
        "ben": ben,
        "slugs": slugs,
        "store": store,
        "course": course,
    }


def _tries(c):
    """Every instructor service call aimed at the other instructor's cohort."""
    store, mine = c["store"], c["mine"]
    other, other_a = c["other"].id, c["other_assignment"].id
    exercise = c["course"].exercises[c["slugs"][1]]
    return {
        "cohort": lambda: Cohorts(store).get(mine, other),
        "members": lambda: Cohorts(store).members(mine, other),
        "member names": lambda: Cohorts(store).member_names(mine, other),
        "remove member": lambda: Cohorts(store).remove_member(mine, other, c["ben"].learner_id),
        "rotate": lambda: Cohorts(store).rotate_code(mine, other),
        "close": lambda: Cohorts(store).set_joining(mine, other, False),
        "roster": lambda: Cohorts(store).import_roster(mine, other, "x@example.com,X\n"),
        "co-instructor": lambda: Cohorts(store).add_co_instructor(mine, other, "mine@example.com"),
        "assignments": lambda: Assignments(store).of_cohort(mine, other),
        "matrix": lambda: Assignments(store).matrix(mine, other_a),
        "solve rates": lambda: Dashboard(store).solve_rates(mine, other_a),
        "one exercise": lambda: Dashboard(store).exercises(mine, other_a, c["slugs"][:1]),
        "matrix page": lambda: Assignments(store).matrix(mine, other_a, LearnerPage(1, 25)),
        "move deadline": lambda: Assignments(store).move_deadline(
            mine, other_a, datetime(2027, 1, 1)
        ),
        "policy": lambda: Assignments(store).set_policy(mine, other_a, Policy()),
        "extension": lambda: Assignments(store).set_extension(
            mine, other_a, c["ben"].learner_id, datetime(2027, 1, 1)
        ),
        "new assignment there": lambda: Assignments(store).save(
            mine,
            other,
            "X",
            c["slugs"][:1],
            datetime(2026, 12, 1),
            datetime(2026, 12, 8),
            Policy(),
            known=c["slugs"],
        ),
        "hijack assignment": lambda: Assignments(store).save(
            mine,
            c["ours"].id,
            "X",
            c["slugs"][:1],
            datetime(2026, 12, 1),
            datetime(2026, 12, 8),
            Policy(),
            known=c["slugs"],
            assignment_id=other_a,
        ),
        "summaries": lambda: Dashboard(store).exercises(mine, other_a),
        "attempts": lambda: Dashboard(store).learner_attempts(
            mine, other_a, c["ben"].learner_id, {}
        ),
        "grades csv": lambda: Exports(store).grades_csv(mine, other_a),
        "roster csv": lambda: Exports(store).roster_csv(mine, other),
        "attempts jsonl": lambda: Exports(store).attempts_jsonl(mine, other),
        "regrade": lambda: Regrades(store).start(mine, other, exercise, background=False),
        "regrade runs": lambda: Regrades(store).of_cohort(mine, other),
        "board": lambda: Board(store).board(mine, other),
        "pacing": lambda: Board(store).pacing(mine, other),
        "progress": lambda: Workspace(store, mine, c["ben"].learner_id),
    }


def test_an_instructor_cannot_reach_another_cohort_by_any_service(two_classes):
    for name, call in _tries(two_classes).items():
        with pytest.raises(AccessDenied):
            call()
            pytest.fail(f"{name} let an instructor into another cohort")


def test_a_learner_cannot_use_any_instructor_service(two_classes):
    c = dict(two_classes)
    c["mine"] = c["ana"]  # a learner trying the same calls, on their own cohort too
    for other in ("other", "ours"):
        c["other"] = c[other]
        c["other_assignment"] = c[f"{other}_assignment"]
        for name, call in _tries(c).items():
            if name == "progress" and other == "ours":
                continue  # Workspace of ben: refused below anyway
            with pytest.raises(AccessDenied):
                call()
                pytest.fail(f"{name} let a learner in")


def test_an_instructor_reads_overall_progress_but_only_assigned_attempts(two_classes):
    c = two_classes
    work = Workspace(c["store"], c["mine"], c["ana"].learner_id)
    assert set(work.progress()) == set(c["slugs"])  # overall progress: every exercise
    assert {a.exercise for a in work.attempts()} == {c["slugs"][0]}
    hidden = next(
        a for a in c["store"].attempts(c["ana"].learner_id) if a.exercise != c["slugs"][0]
    )
    with pytest.raises(AccessDenied):
        work.attempt(hidden.id)
    with pytest.raises(AccessDenied):
        work.save_draft(c["course"].exercises[c["slugs"][0]], "x")  # reading is not changing


def test_a_removed_learner_is_out_of_reach_at_once(two_classes):
    c = two_classes
    Cohorts(c["store"]).remove_member(c["mine"], c["ours"].id, c["ana"].learner_id)
    with pytest.raises(AccessDenied):
        Workspace(c["store"], c["mine"], c["ana"].learner_id)
    with pytest.raises(AccessDenied):
        Dashboard(c["store"]).learner_attempts(
            c["mine"], c["ours_assignment"].id, c["ana"].learner_id, {}
        )


def test_a_demoted_instructor_loses_their_cohorts(two_classes):
    from dataclasses import replace

    c = two_classes
    demoted = replace(c["mine"], role=Role.LEARNER)
    with pytest.raises(AccessDenied):
        Cohorts(c["store"]).members(demoted, c["ours"].id)
    with pytest.raises(AccessDenied):
        Workspace(c["store"], demoted, c["ana"].learner_id)


def test_an_admin_sees_every_cohort(two_classes, store):
    admin = People(store).make("boss", Role.ADMIN)
    assert {c.name for c in Cohorts(store).taught(admin)} == {"Ours", "Theirs"}
    assert Cohorts(store).members(admin, two_classes["other"].id)[0].name == "ben"


def test_exports_carry_no_secrets_and_no_other_cohort(two_classes):
    c = two_classes
    exports = Exports(c["store"])
    dumps = (
        exports.grades_csv(c["mine"], c["ours_assignment"].id)
        + exports.roster_csv(c["mine"], c["ours"].id)
        + gzip.decompress(exports.attempts_jsonl(c["mine"], c["ours"].id))
    ).decode("utf-8")
    assert "ana@example.com" in dumps
    assert "ben" not in dumps and "argon2" not in dumps and "token" not in dumps
    assert c["slugs"][1] not in dumps  # ana's unassigned work stays hers
