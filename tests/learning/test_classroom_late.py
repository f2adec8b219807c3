"""The late policy: golden cases of the maths, the SQL that grades a class agreeing with the
Python rules on random attempts (SQLite and PostgreSQL), and grades that follow a moved
deadline, a new extension and a changed policy — nothing derived is stored."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from learning.access import Role
from learning.classroom_assignments import Assignments, Standing
from learning.classroom_cohorts import Cohorts
from learning.classroom_late import Policy, PolicyError, Scored, days_late, grade, late_score
from progress import ProgressStore, make_engine, upgrade
from progress.models import LatePolicy
from tests.learning.classroom_people import T0, People, attempt

DUE = T0 + timedelta(days=7)
SECOND, DAY = timedelta(seconds=1), timedelta(days=1)
PENALTY = Policy(LatePolicy.PENALTY, per_day=20, floor=50)


@pytest.mark.parametrize(
    ("submitted", "days"),
    [
        (DUE - SECOND, 0),
        (DUE, 0),  # at the deadline is on time
        (DUE + timedelta(microseconds=1), 1),  # any lateness is a started day
        (DUE + timedelta(milliseconds=500), 1),
        (DUE + SECOND, 1),
        (DUE + DAY, 1),
        (DUE + DAY + SECOND, 2),
        (DUE + 10 * DAY, 10),
    ],
)
def test_a_started_day_late_counts_as_a_day(submitted, days):
    assert days_late(submitted, DUE) == days


@pytest.mark.parametrize(
    ("policy", "score", "days", "earned"),
    [
        (PENALTY, 90, 0, 90),
        (PENALTY, 90, 1, 72),  # 80 % of 90
        (PENALTY, 85, 1, 68),  # 68.0
        (PENALTY, 87, 1, 70),  # 69.6 rounds half up to 70
        (PENALTY, 90, 2, 54),  # 60 %
        (PENALTY, 90, 3, 45),  # 40 % is below the floor: 50 %
        (PENALTY, 90, 30, 45),
        (Policy(LatePolicy.PENALTY, per_day=10, floor=0), 100, 11, 0),
        (Policy(LatePolicy.ACCEPT), 90, 5, 90),
        (Policy(LatePolicy.CLOSE), 90, 0, 90),
        (Policy(LatePolicy.CLOSE), 90, 1, None),
    ],
)
def test_what_a_late_attempt_keeps(policy, score, days, earned):
    assert late_score(policy, score, days) == earned


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": LatePolicy.PENALTY, "per_day": 0}, "above 0"),
        ({"kind": LatePolicy.PENALTY, "per_day": 120}, "0 to 100"),
        ({"kind": LatePolicy.PENALTY, "per_day": 10, "floor": -1}, "0 to 100"),
    ],
)
def test_an_unusable_policy_is_refused_with_the_field(fields, message):
    with pytest.raises(PolicyError, match=message):
        Policy(**fields)


def test_the_grade_is_the_best_counted_attempt():
    attempts = [
        Scored(DUE - DAY, 60, False),
        Scored(DUE + 2 * DAY, 100, True),  # keeps 60 % under the penalty: 60, a tie
        Scored(DUE + SECOND, 90, False),  # keeps 80 %: 72, the best
    ]
    penalised = grade(attempts, DUE, PENALTY)
    assert (penalised.score, penalised.raw_score, penalised.late, penalised.days_late) == (
        72,
        90,
        True,
        1,
    )
    assert penalised.solved and penalised.solved_at == DUE + 2 * DAY
    assert penalised.penalty == 18
    closed = grade(attempts, DUE, Policy(LatePolicy.CLOSE))
    assert (closed.score, closed.solved, closed.late, closed.attempts) == (60, False, False, 3)
    accepted = grade(attempts, DUE, Policy(LatePolicy.ACCEPT))
    assert (accepted.score, accepted.solved, accepted.late) == (100, True, True)


def test_on_a_tie_the_earlier_attempt_counts():
    attempts = [Scored(DUE + SECOND, 80, False), Scored(DUE - SECOND, 80, False)]
    chosen = grade(attempts, DUE, Policy(LatePolicy.ACCEPT))
    assert (chosen.score, chosen.late) == (80, False)


def _class(store: ProgressStore, exercises: list[str], policy: Policy):
    people = People(store)
    teacher = people.make("teacher", Role.INSTRUCTOR)
    cohort = Cohorts(store).create(teacher, "Autumn", "Europe/Berlin")
    assignments = Assignments(store)
    created = assignments.save(
        teacher,
        cohort.id,
        "Week 1",
        exercises,
        datetime(2026, 12, 1, 10, 0),
        datetime(2026, 12, 8, 10, 0),  # 09:00 UTC: Berlin is UTC+1 in December
        policy,
        known=exercises,
    )
    return people, teacher, cohort, assignments, created


def _agreement(store: ProgressStore, seed: int = 8) -> None:
    exercises = ["alpha", "beta"]
    people, teacher, cohort, service, created = _class(store, exercises, PENALTY)
    assert created.due_at.astimezone(UTC) == DUE.replace(hour=9)
    randomly = random.Random(seed)
    learners = []
    for n in range(6):
        learner = people.make(f"l{n}")
        store_cohort = service.repo
        store_cohort.add_member(cohort.id, learner.learner_id)
        learners.append(learner)
        if n % 3 == 0:
            service.set_extension(
                teacher, created.id, learner.learner_id, datetime(2026, 12, 9, 18)
            )
    attempts: dict[tuple[int, str], list[Scored]] = {}
    for learner in learners:
        for slug in exercises:
            for _ in range(randomly.randrange(0, 6)):
                at = DUE.replace(hour=9) + timedelta(
                    seconds=randomly.randrange(-3 * 86400, 5 * 86400)
                )
                score = randomly.choice([0, 40, 75, 90, 100])
                attempt(store, learner.learner_id, slug, score, at)
                attempts.setdefault((learner.learner_id, slug), []).append(
                    Scored(at, score, score == 100)
                )
    for policy in (PENALTY, Policy(LatePolicy.ACCEPT), Policy(LatePolicy.CLOSE)):
        service.set_policy(teacher, created.id, policy)
        extensions = service.extensions(teacher, created.id)
        for cell in service.matrix(teacher, created.id):
            deadline = extensions.get(cell.learner_id, DUE.replace(hour=9))
            expected = grade(attempts.get((cell.learner_id, cell.exercise), []), deadline, policy)
            assert (cell.score, cell.raw_score, cell.solved_at, cell.attempts, cell.days_late) == (
                expected.score,
                expected.raw_score,
                expected.solved_at,
                expected.attempts,
                expected.days_late if expected.score is not None else 0,
            ), (policy, cell)


@pytest.mark.parametrize("seed", [8, 21, 34, 55])
def test_the_class_grades_agree_with_the_rules_on_sqlite(store, seed):
    _agreement(store, seed)


def test_the_class_grades_agree_with_the_rules_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    try:
        _agreement(ProgressStore(engine))
    finally:
        from progress.migrate import downgrade

        downgrade(engine, "base")


def test_grades_follow_a_moved_deadline_an_extension_and_the_policy(store):
    people, teacher, cohort, service, created = _class(store, ["alpha"], PENALTY)
    ana, ben = people.make("ana"), people.make("ben")
    for learner in (ana, ben):
        service.repo.add_member(cohort.id, learner.learner_id)
        attempt(store, learner.learner_id, "alpha", 100, datetime(2026, 12, 9, 12, tzinfo=UTC))

    def cells():
        return {c.learner: c for c in service.matrix(teacher, created.id)}

    # Due 8 Dec 09:00 UTC; solved 9 Dec 12:00 UTC: 2 started days late, keeps 60 %.
    assert (cells()["ana"].score, cells()["ana"].standing) == (60, Standing.SOLVED_LATE)
    service.move_deadline(teacher, created.id, datetime(2026, 12, 9, 10, 0))  # 09:00 UTC
    assert cells()["ana"].score == 80 and cells()["ana"].days_late == 1
    service.move_deadline(teacher, created.id, datetime(2026, 12, 10, 10, 0))
    assert (cells()["ana"].score, cells()["ana"].standing) == (100, Standing.SOLVED)
    service.move_deadline(teacher, created.id, datetime(2026, 12, 8, 10, 0))  # back again
    assert cells()["ana"].score == 60
    service.set_extension(teacher, created.id, ben.learner_id, datetime(2026, 12, 9, 13, 0))
    assert (cells()["ben"].score, cells()["ben"].late, cells()["ana"].score) == (100, False, 60)
    service.set_policy(teacher, created.id, Policy(LatePolicy.CLOSE))
    assert (cells()["ana"].score, cells()["ana"].solved, cells()["ben"].score) == (None, False, 100)
    service.set_extension(teacher, created.id, ben.learner_id, None)
    assert cells()["ben"].score is None
    service.set_policy(teacher, created.id, Policy(LatePolicy.ACCEPT))
    assert (cells()["ana"].score, cells()["ana"].late, cells()["ana"].penalty) == (100, True, 0)
