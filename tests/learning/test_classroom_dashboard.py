"""The dashboard's numbers, the exports, the board and pacing view, and regrading: each checked
on a small class whose answers are known."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import datetime, timedelta

import pytest

from grading.report import Finding, Report, Status
from learning.access import AccessDenied, Role
from learning.classroom_assignments import Assignments, LearnerPage, Standing
from learning.classroom_board import ANONYMOUS, Board
from learning.classroom_cohorts import CohortError, Cohorts
from learning.classroom_dashboard import Dashboard
from learning.classroom_exports import Exports, neutralize
from learning.classroom_late import Policy
from learning.classroom_regrade import Regrades
from progress.models import ExerciseOpen, LatePolicy
from tests.learning.classroom_people import T0, People, attempt

NEEDS_BINDING = "Binds the user's input as a parameter instead of pasting it into SQL."
KEEPS_WORKING = "Returns nothing for an unknown user."


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    """Every aggregate query runs on both databases (their JSON and date functions differ)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("store")
        return
    from progress import ProgressStore, make_engine, upgrade
    from progress.migrate import downgrade

    engine = make_engine(request.getfixturevalue("pg_url"))
    upgrade(engine)
    try:
        yield ProgressStore(engine)
    finally:
        downgrade(engine, "base")
        engine.dispose()


@pytest.fixture
def klass(database):
    store = database
    people = People(store)
    teacher = people.make("teacher", Role.INSTRUCTOR)
    cohort = Cohorts(store).create(teacher, "Autumn")
    service = Assignments(store)
    assignment = service.save(
        teacher,
        cohort.id,
        "Week 1",
        ["alpha", "beta"],
        datetime(2026, 12, 1, 8),
        datetime(2026, 12, 1, 12),
        Policy(LatePolicy.PENALTY, per_day=10, floor=50),
        known=["alpha", "beta"],
    )
    learners = {name: people.make(name) for name in ("ana", "ben", "=cmd|calc")}
    for learner in learners.values():
        Cohorts(store).join(learner, cohort.join_code)
    ana, ben = learners["ana"], learners["ben"]
    with store._session() as session:
        for who, minutes in ((ana, 0), (ben, 30)):
            session.add(
                ExerciseOpen(
                    learner_id=who.learner_id,
                    exercise="alpha",
                    first_opened_at=T0 + timedelta(minutes=minutes),
                )
            )
        session.commit()
    # ana: fails binding, then solves at 10:00 (on time); ben: fails twice, solves late.
    attempt(
        store, ana.learner_id, "alpha", 40, T0 + timedelta(minutes=10), failing=(NEEDS_BINDING,)
    )
    attempt(store, ana.learner_id, "alpha", 100, T0 + timedelta(minutes=60))
    attempt(
        store, ben.learner_id, "alpha", 40, T0 + timedelta(minutes=40), failing=(NEEDS_BINDING,)
    )
    attempt(
        store,
        ben.learner_id,
        "alpha",
        30,
        T0 + timedelta(minutes=50),
        failing=(NEEDS_BINDING, KEEPS_WORKING),
    )
    attempt(store, ben.learner_id, "alpha", 100, T0 + timedelta(hours=4, minutes=30))
    attempt(store, ben.learner_id, "beta", 20, T0 + timedelta(minutes=5), failing=(KEEPS_WORKING,))
    store.unlock_hint(ben.learner_id, "alpha", 0)
    store.unlock_hint(ben.learner_id, "alpha", 1)
    return {
        "store": store,
        "teacher": teacher,
        "cohort": cohort,
        "assignment": assignment,
        **learners,
    }


def test_the_matrix_has_every_member_and_exercise_with_their_standing(klass):
    cells = Assignments(klass["store"]).matrix(klass["teacher"], klass["assignment"].id)
    found = {(c.learner, c.exercise): c for c in cells}
    assert len(cells) == 6
    assert (
        found[("ana", "alpha")].standing is Standing.SOLVED and found[("ana", "alpha")].score == 100
    )
    ben = found[("ben", "alpha")]
    assert (ben.standing, ben.score, ben.penalty, ben.attempts, ben.hints) == (
        Standing.SOLVED_LATE,
        90,
        10,
        3,
        2,
    )
    assert found[("ben", "beta")].standing is Standing.ATTEMPTED
    assert found[("=cmd|calc", "alpha")].standing is Standing.NOT_STARTED


@pytest.mark.parametrize("size", [1, 2, 3])
def test_the_matrix_pages_are_the_whole_matrix_cut_by_member_name(klass, size):
    """Pages of any size, read one after another, are the whole matrix in name order: the same
    cells with the same grades, each learner on exactly one page."""
    service = Assignments(klass["store"])
    whole = service.matrix(klass["teacher"], klass["assignment"].id)
    pages = LearnerPage(1, size).pages(3)
    paged = [
        cell
        for number in range(1, pages + 1)
        for cell in service.matrix(
            klass["teacher"], klass["assignment"].id, LearnerPage(number, size)
        )
    ]
    assert [(c.learner, c.exercise, c.grade, c.hints) for c in paged] == [
        (c.learner, c.exercise, c.grade, c.hints) for c in whole
    ]
    beyond = LearnerPage(pages + 1, size)
    assert service.matrix(klass["teacher"], klass["assignment"].id, beyond) == []


def test_a_page_is_checked_and_the_member_list_is_the_teachers_only(klass):
    with pytest.raises(CohortError, match="A page is number 1 or more"):
        LearnerPage(0, 10)
    with pytest.raises(CohortError, match="of 1 to 100 learners"):
        LearnerPage(1, 101)
    cohorts = Cohorts(klass["store"])
    names = cohorts.member_names(klass["teacher"], klass["cohort"].id)
    assert list(names.values()) == ["=cmd|calc", "ana", "ben"]  # name order, as the pages
    with pytest.raises(AccessDenied):
        cohorts.member_names(klass["ana"], klass["cohort"].id)


def test_per_exercise_what_the_class_gets_wrong(klass):
    store, cmd = klass["store"], klass["=cmd|calc"]
    left_in = Finding("bandit", "B608", "MEDIUM", "HIGH", 89, 3, 0, "Possible SQL injection.")
    report = Report("beta", Status.FAIL, False, 70, "", findings=[left_in], grader_version="t")
    store.record_attempt(cmd.learner_id, "query = f'...'\n", report)
    summary = {
        s.exercise: s
        for s in Dashboard(klass["store"]).exercises(klass["teacher"], klass["assignment"].id)
    }
    alpha = summary["alpha"]
    assert (alpha.members, alpha.solvers, round(alpha.solve_rate, 2)) == (3, 2, 0.67)
    assert alpha.median_attempts == 2.5  # ana 2, ben 3
    assert alpha.median_minutes == (60 + 240) / 2  # ana 60 min, ben 4 h from first open
    assert alpha.failed == []  # everyone's latest attempt on alpha solved it
    assert summary["beta"].failed == [(KEEPS_WORKING, 1)]
    assert summary["beta"].findings == [("B608", "Possible SQL injection.", 1)]
    assert alpha.findings == []


def test_the_solve_rates_agree_with_the_full_summaries_and_one_can_be_asked_for(klass):
    dashboard, teacher, assignment = Dashboard(klass["store"]), klass["teacher"], klass["assignment"]
    full = dashboard.exercises(teacher, assignment.id)
    rates = dashboard.solve_rates(teacher, assignment.id)
    assert [(r.exercise, r.solvers, r.members) for r in rates] == [
        (s.exercise, s.solvers, s.members) for s in full
    ] == [("alpha", 2, 3), ("beta", 0, 3)]
    assert dashboard.exercises(teacher, assignment.id, ["beta"]) == full[1:]
    assert dashboard.exercises(teacher, assignment.id, ["not-assigned"]) == []


def test_a_solver_whose_first_open_is_unknown_counts_but_has_no_time(klass):
    """Both databases' medians (PostgreSQL computes them, SQLite's are counted in Python): an
    odd number of solvers, one with no first open kept (solved before opens were kept)."""
    store, cmd = klass["store"], klass["=cmd|calc"]
    attempt(store, cmd.learner_id, "alpha", 100, T0 + timedelta(minutes=5))
    summary = Dashboard(store).exercises(klass["teacher"], klass["assignment"].id)
    alpha = next(s for s in summary if s.exercise == "alpha")
    assert (alpha.solvers, alpha.median_attempts) == (3, 2)  # 1, 2 and 3 attempts
    assert alpha.median_minutes == (60 + 240) / 2  # the unknown time is left out
    beta = next(s for s in summary if s.exercise == "beta")
    assert (beta.solvers, beta.median_attempts, beta.median_minutes) == (0, None, None)


def test_a_learners_attempts_come_with_their_diffs(klass):
    views = Dashboard(klass["store"]).learner_attempts(
        klass["teacher"], klass["assignment"].id, klass["ben"].learner_id, {"alpha": "# starter\n"}
    )
    alpha = [v for v in views if v.attempt.exercise == "alpha"]
    assert len(alpha) == 3 and alpha[0].diff_from_previous == ""
    assert "-# starter" in alpha[0].diff_from_starter
    assert alpha[1].diff_from_previous.startswith("--- previous.py")


def test_the_grades_csv_opens_in_a_spreadsheet_safely(klass):
    data = Exports(klass["store"]).grades_csv(klass["teacher"], klass["assignment"].id)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    ben = next(r for r in rows if r["learner"] == "ben" and r["exercise"] == "alpha")
    assert (ben["best score"], ben["late"], ben["penalty"], ben["days late"]) == (
        "90",
        "yes",
        "10",
        "1",
    )
    assert (ben["hints used"], ben["find the flaw"]) == ("2", "")  # hints: two unlocked
    beta = next(r for r in rows if r["learner"] == "ben" and r["exercise"] == "beta")
    assert beta[f"beta: {KEEPS_WORKING}"] == "fail"
    assert any(r["learner"] == "'=cmd|calc" for r in rows)  # never a formula
    assert not any(r["learner"].startswith("=") for r in rows)


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ana", "ana"),
        (5, 5),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell, shown):
    assert neutralize(cell) == shown


def test_the_roster_and_attempt_history_exports(klass):
    exports = Exports(klass["store"])
    roster = exports.roster_csv(klass["teacher"], klass["cohort"].id).decode("utf-8-sig")
    assert "ana@example.com" in roster and "'=cmd|calc" in roster
    packed = exports.attempts_jsonl(klass["teacher"], klass["cohort"].id)
    lines = gzip.decompress(packed).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    # By member name, exercise, then time; each with its code and the report as stored.
    assert [(r["learner"], r["exercise"], r["score"]) for r in records] == [
        ("ana", "alpha", 40),
        ("ana", "alpha", 100),
        ("ben", "alpha", 40),
        ("ben", "alpha", 30),
        ("ben", "alpha", 100),
        ("ben", "beta", 20),
    ]
    store = klass["store"]
    for record in records:
        stored = store.attempt(record["attempt"])
        assert stored is not None and record["code"] == stored.code
        assert record["report"] == stored.report and record["email"].endswith("@example.com")
        assert record["submitted_at"].endswith("+00:00") and record["solved"] is stored.solved


def test_the_board_names_only_learners_who_chose_a_name(klass):
    Cohorts(klass["store"]).set_pseudonym(klass["ben"], klass["cohort"].id, "Falcon")
    lines = {
        b.exercise: b for b in Board(klass["store"]).board(klass["teacher"], klass["cohort"].id)
    }
    assert (lines["alpha"].solvers, lines["alpha"].firsts) == (2, [ANONYMOUS, "Falcon"])
    assert lines["beta"].solvers == 0


def test_the_pacing_view_counts_who_is_stuck_now(klass):
    store, cmd, ana = klass["store"], klass["=cmd|calc"], klass["ana"]
    now = T0 + timedelta(hours=4, minutes=40)  # 13:40; the window opens at 13:20
    attempt(
        store, cmd.learner_id, "alpha", 40, now - timedelta(minutes=15), failing=(NEEDS_BINDING,)
    )
    attempt(
        store,
        cmd.learner_id,
        "alpha",
        30,
        now - timedelta(minutes=5),
        failing=(KEEPS_WORKING, NEEDS_BINDING),
    )
    attempt(store, ana.learner_id, "beta", 10, now - timedelta(minutes=4), failing=(KEEPS_WORKING,))
    pacing = Board(store, clock=lambda: now).pacing(klass["teacher"], klass["cohort"].id)
    lines = {p.exercise: p for p in pacing}
    # ben solved alpha at 13:30 (not stuck); his 09:05 failure on beta is outside the window.
    assert (lines["alpha"].stuck, lines["beta"].stuck) == (1, 1)
    assert lines["alpha"].failing == [(NEEDS_BINDING, 1), (KEEPS_WORKING, 1)]  # ties: A to Z
    assert lines["beta"].failing == [(KEEPS_WORKING, 1)]


def test_a_regrade_keeps_the_previous_grade_and_shows_what_changed(klass, course):
    store, teacher = klass["store"], klass["teacher"]
    exercise = course.ordered_exercises()[0]
    assignments = Assignments(store)
    assignments.save(
        teacher,
        klass["cohort"].id,
        "Regraded",
        [exercise.slug],
        datetime(2026, 12, 1),
        datetime(2026, 12, 8),
        Policy(),
        known=[exercise.slug],
    )
    ana, ben = klass["ana"], klass["ben"]
    attempt(store, ana.learner_id, exercise.slug, 100, T0)
    attempt(store, ben.learner_id, exercise.slug, 40, T0)
    attempt(store, ben.learner_id, exercise.slug, 10, T0 + timedelta(minutes=1))

    def stricter(ex, code, suite="hidden"):  # today's version: ana's fix fails, ben's passes
        solved = "40" in code
        return Report(
            ex.slug,
            Status.PASS if solved else Status.FAIL,
            solved,
            100 if solved else 60,
            "",
            grader_version="new",
        )

    run = Regrades(store, grader=stricter).start(
        teacher, klass["cohort"].id, exercise, background=False
    )
    changes = Regrades(store).changes(teacher, run.id)
    assert (changes.run.state, changes.run.done, changes.run.total) == ("finished", 2, 2)
    assert [r.learner_id for r in changes.newly_failing] == [ana.learner_id]
    assert [r.learner_id for r in changes.newly_passing] == [ben.learner_id]
    kept = changes.newly_failing[0]
    assert (kept.previous_score, kept.previous_solved, kept.new_score) == (100, True, 60)
    assert store.attempt(kept.attempt_id).grader_version == "new"
    told = Regrades(store).my_changes(ana)
    assert [(r.previous_solved, r.new_solved) for r, _ in told] == [(True, False)]
    assert Regrades(store).my_changes(klass["=cmd|calc"]) == []
