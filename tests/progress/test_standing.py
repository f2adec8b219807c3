"""Each learner's standing per exercise stays what its graded attempts say, through every way an
attempt is written (recorded, finished by a grader, failed, regraded), on SQLite and PostgreSQL,
and when two graders finish attempts of the same learner and exercise at the same moment."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from grading.report import Finding, Report, Status, TestResult, TestStatus
from progress import ProgressStore, make_engine, upgrade
from progress.classroom import ClassroomRepository
from progress.classroom_regrade import RegradeRepository
from progress.migrate import downgrade
from progress.standing import FINDING, REQUIREMENT, problems, rebuild, summarise

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
TABLES = ("exercise_standing", "standing_problem")


def report(exercise: str, score: int, failing: tuple[str, ...] = (), finding: str = "") -> Report:
    tests = [TestResult(f"t{i}", TestStatus.FAILED, text) for i, text in enumerate(failing)]
    tests.append(TestResult("ok", TestStatus.PASSED, "It still does the job."))
    found = [Finding("bandit", finding, "HIGH", "HIGH", 89, 3, 0, "SQL built from strings.")]
    return Report(
        exercise,
        Status.PASS if score == 100 else Status.FAIL,
        score == 100,
        score,
        "",
        tests=tests,
        findings=found if finding else [],
        grader_version="t",
    )


def snapshot(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table: sorted(
                tuple(row) for row in connection.execute(sa.text(f"SELECT * FROM {table}"))
            )
            for table in TABLES
        }


def rebuilt(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.begin() as connection:
        rebuild(connection)
    return snapshot(engine)


def test_a_standing_keeps_the_best_the_first_solve_the_latest_and_the_records():
    rows = [  # id, score, solved, created_at: submitted out of id order on purpose
        (1, 40, False, T0 + timedelta(minutes=5)),
        (2, 70, False, T0),
        (3, 70, False, T0 + timedelta(minutes=9)),
        (4, 100, True, T0 + timedelta(minutes=30)),
        (5, 100, True, T0 + timedelta(minutes=20)),
        (6, 55, False, T0 + timedelta(minutes=40)),
    ]
    found = summarise(7, "alpha", rows)
    assert (found.tries, found.best_score, found.best_attempt_id) == (6, 100, 5)
    assert found.first_solved_at == T0 + timedelta(minutes=20)
    assert found.tries_to_solve == 4  # 2, 1, 3 and the solving 5
    assert (found.last_attempt_id, found.last_at) == (6, T0 + timedelta(minutes=40))
    # Only an attempt that beat every earlier one can be a late-policy grade.
    assert [(a, s) for a, s, _ in found.records] == [(2, 70), (5, 100)]
    assert found.solve_seconds is None  # the first open is not known
    opened = summarise(7, "alpha", rows, T0 - timedelta(seconds=90))
    assert opened.solve_seconds == 20 * 60 + 90
    assert summarise(7, "alpha", rows, T0 + timedelta(minutes=21)).solve_seconds is None


def test_what_the_latest_attempt_gets_wrong_is_named_once_each():
    wrong = report("alpha", 40, ("Binds the input.", "Binds the input.", "Closes it."), "B608")
    assert sorted(problems(wrong.to_dict())) == [
        (FINDING, "B608", "SQL built from strings."),
        (REQUIREMENT, "Binds the input.", ""),
        (REQUIREMENT, "Closes it.", ""),
    ]
    assert problems(None) == [] and problems({"tests": "not a list"}) == []


def _every_way_an_attempt_is_written(store: ProgressStore, seed: int) -> None:
    randomly = random.Random(seed)
    learners = [store.ensure_learner(f"l{n}") for n in range(3)]
    classroom = ClassroomRepository(store.engine)
    cohort = classroom.create_cohort("Autumn", "JOIN1", "UTC", learners[0])
    assert cohort is not None and cohort.id is not None
    regrades = RegradeRepository(store.engine)
    failing = ("Binds the input.", "Closes it.", "Retries three times.")
    for step in range(60):
        learner = randomly.choice(learners)
        slug = randomly.choice(["alpha", "beta"])
        score = randomly.choice([0, 40, 70, 100])
        wrong = tuple(randomly.sample(failing, 0 if score == 100 else randomly.randint(1, 3)))
        graded = report(slug, score, wrong, "B608" if randomly.random() < 0.3 else "")
        way = randomly.choice(["open", "record", "finish", "fail", "regrade"])
        if way == "open":  # the time to solve starts at the first open
            classroom.note_open(learner, slug)
        elif way == "record":
            store.record_attempt(learner, f"# {step}\n", graded)
        else:
            queued, _ = store.enqueue(learner, slug, f"# {step}\n")
            assert store.claim(queued.id) is not None
            if way == "fail":
                store.fail(queued.id, "The grader stopped.")
            else:
                store.finish(queued.id, graded, "h")
        if way == "regrade":
            mine = [a for a in store.attempts(learner, slug) if a.state == "graded"]
            again = report(slug, randomly.choice([0, 70, 100]), wrong)
            run = regrades.start_run(cohort.id, slug, "h2", 1, learners[0])
            regrades.apply(run.id, randomly.choice(mine).id, _graded(again), "h2")
        assert snapshot(store.engine) == rebuilt(store.engine), f"step {step}: {way}"


def _graded(found: Report) -> dict:
    return {
        "report": found.to_dict(),
        "status": str(found.status),
        "score": found.score,
        "solved": found.solved,
    }


def test_every_write_of_an_attempt_keeps_the_standing_on_sqlite(store: ProgressStore):
    _every_way_an_attempt_is_written(store, seed=3)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[ProgressStore]:
    engine = make_engine(pg_url)
    downgrade(engine, "base")
    upgrade(engine)
    yield ProgressStore(engine)
    engine.dispose()


@pytest.mark.postgres
def test_every_write_of_an_attempt_keeps_the_standing_on_postgres(pg_store: ProgressStore):
    _every_way_an_attempt_is_written(pg_store, seed=4)


@pytest.mark.postgres
def test_graders_finishing_one_learners_attempts_at_once_both_count(pg_store: ProgressStore):
    """Each finish reads the attempts in its own transaction: without waiting for the other,
    the second to commit would write a standing that misses the first one's attempt."""
    learner = pg_store.ensure_learner("racer")
    for round_ in range(5):
        queued = []
        for n in range(4):
            attempt, _ = pg_store.enqueue(learner, "alpha", f"# {round_} {n}\n")
            assert pg_store.claim(attempt.id) is not None
            queued.append(attempt.id)
        start = threading.Barrier(len(queued))

        def finish(attempt_id: int, score: int, start: threading.Barrier = start) -> None:
            start.wait()
            pg_store.finish(attempt_id, report("alpha", score), "h")

        threads = [
            threading.Thread(target=finish, args=(aid, 10 * (n + 1)))
            for n, aid in enumerate(queued)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        standing = snapshot(pg_store.engine)
        assert standing == rebuilt(pg_store.engine)
        assert standing["exercise_standing"][0][2] == 4 * (round_ + 1)  # every attempt counted


def test_pausing_the_cycle_collector_always_restores_it():
    import gc

    from progress.db import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed query")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
