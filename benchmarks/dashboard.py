"""Classroom query timings at workshop scale: run `python benchmarks/dashboard.py` from the
repository root (add `--postgres` to also start a throwaway PostgreSQL and measure there).

Builds 1,000 learners x 40 exercises x 5 attempts = 200,000 graded attempts with realistic
reports (five hidden requirements each, failing ones for unsolved attempts, bandit findings left
in some, each exercise first opened a few minutes before the first attempt) in one cohort with
two assignments — a week of 10 exercises and the whole course of 40 — then times the queries
behind each page refresh:

- dashboard matrix: one page of learners (100, the most a page shows; the first and the last) x the
  assignment's exercises, graded under a late penalty; and the member list the page offers;
- dashboard per exercise: every exercise's solve rate, and one chosen exercise's solve path,
  most failed requirements and findings left in;
- workshop board and pacing view: one query each;
- a learner's progress page: their standing per exercise and their attempt history;
- apart, not a page refresh: the whole-class matrix the grades export reads, and each export
  file of the Exports tab once (seconds and size).

Prints p50 and p95 in milliseconds per query and database (target p95 <= 100 ms for what a page
refresh reads). Data is generated with a fixed seed; the machine is shared and noisy, so compare
runs on one machine.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import describe  # noqa: E402
from benchmarks.throwaway_pg import throwaway_postgres  # noqa: E402
from learning.access import Role  # noqa: E402
from learning.classroom_assignments import Assignments, LearnerPage  # noqa: E402
from learning.classroom_board import Board  # noqa: E402
from learning.classroom_cohorts import Cohorts  # noqa: E402
from learning.classroom_dashboard import Dashboard  # noqa: E402
from learning.classroom_exports import Exports  # noqa: E402
from learning.classroom_late import Policy  # noqa: E402
from progress import ProgressStore, make_engine, upgrade  # noqa: E402
from progress.models import LatePolicy  # noqa: E402
from progress.standing import rebuild as rebuild_standing  # noqa: E402

START = datetime(2026, 12, 1, 9, tzinfo=UTC)
REQUIREMENTS = [
    "Binds the user's input as a query parameter instead of pasting it into the SQL.",
    "Returns nothing, not an error, for an e-mail that has no account.",
    "Closes the connection even when the query fails.",
    "Rejects a path that leaves the upload folder.",
    "Gives up after three retries with a growing wait between them.",
]
FINDINGS = [
    ("B608", "Possible SQL injection vector through string-based query construction."),
    ("B602", "subprocess call with shell=True identified, security issue."),
    ("B324", "Use of weak MD5 hash for security."),
]


def report(slug: str, score: int, solved: bool, randomly: random.Random) -> str:
    failing = 0 if solved else randomly.randint(1, 4)
    tests = [
        {
            "name": f"test_requirement_{i}",
            "status": "failed" if i < failing else "passed",
            "message": text,
            "output": "AssertionError: expected [] but got None" if i < failing else "",
        }
        for i, text in enumerate(randomly.sample(REQUIREMENTS, 5))
    ]
    findings = []
    if not solved and randomly.random() < 0.5:
        fid, message = randomly.choice(FINDINGS)
        findings.append(
            {
                "tool": "bandit",
                "id": fid,
                "severity": "MEDIUM",
                "confidence": "HIGH",
                "cwe": 89,
                "line": 12,
                "column": 4,
                "message": message,
            }
        )
    return json.dumps(
        {
            "exercise": slug,
            "status": "pass" if solved else "fail",
            "solved": solved,
            "score": score,
            "message": "",
            "tests": tests,
            "findings": findings,
            "checks": [],
            "metrics": {"functions": [], "maintainability": 71.2},
        }
    )


def stored(engine: sa.Engine, moment: datetime) -> object:
    """A datetime as the app stores it: SQLAlchemy writes SQLite's with microseconds always."""
    if engine.dialect.name == "sqlite":
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment


def populate(store: ProgressStore, learners: int, exercises: int, tries: int) -> dict:
    """One instructor, one cohort of `learners`, two assignments, `tries` attempts per learner
    and exercise spread over a week of workshop days."""
    randomly = random.Random(20261201)
    engine = store.engine
    teacher = store.create_account("teacher@example.com", "Teacher", None, Role.INSTRUCTOR.value)
    assert teacher is not None
    from learning.access import Actor

    actor = Actor(teacher.learner_id, Role.INSTRUCTOR, teacher.id, teacher.email)
    cohort = Cohorts(store).create(actor, "Big workshop")
    slugs = [f"exercise-{n:02d}" for n in range(exercises)]
    service = Assignments(store)
    policy = Policy(LatePolicy.PENALTY, per_day=10, floor=50)
    week = service.save(
        actor,
        cohort.id,
        "Week",
        slugs[:10],
        datetime(2026, 12, 1),
        datetime(2026, 12, 4),
        policy,
        slugs,
    )
    course = service.save(
        actor,
        cohort.id,
        "Course",
        slugs,
        datetime(2026, 12, 1),
        datetime(2026, 12, 8),
        policy,
        slugs,
    )
    learner_rows = [
        {
            "handle": f"learner-{n}",
            "display_name": f"Learner {n}",
            "created_at": stored(engine, START),
        }
        for n in range(learners)
    ]
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO learner (handle, display_name, created_at) VALUES (:handle, :display_name, :created_at)"
            ),
            learner_rows,
        )
        ids = [
            row[0]
            for row in connection.execute(
                sa.text("SELECT id FROM learner WHERE handle LIKE 'learner-%' ORDER BY id")
            )
        ]
        connection.execute(
            sa.text(
                "INSERT INTO cohort_member (cohort_id, learner_id, pseudonym, joined_at) VALUES (:c, :l, :p, :t)"
            ),
            [
                {
                    "c": cohort.id,
                    "l": lid,
                    "p": f"Falcon {lid}" if lid % 3 == 0 else None,
                    "t": START,
                }
                for lid in ids
            ],
        )
    insert = sa.text(
        "INSERT INTO attempt (learner_id, exercise, code, code_hash, state, report, status, score, "
        "solved, grader_version, content_hash, created_at, finished_at) VALUES (:learner_id, "
        ":exercise, :code, :code_hash, 'graded', :report, :status, :score, :solved, '1.0', 'h', "
        ":created_at, :created_at)"
    )
    open_insert = sa.text(
        "INSERT INTO exercise_open (learner_id, exercise, first_opened_at) VALUES (:l, :e, :t)"
    )
    batch: list[dict] = []
    opens: list[dict] = []
    for lid in ids:
        skill = randomly.random()
        for slug in slugs:
            moment = START + timedelta(seconds=randomly.randint(0, 7 * 24 * 3600))
            opened = moment - timedelta(seconds=randomly.randint(60, 20 * 60))
            opens.append({"l": lid, "e": slug, "t": stored(engine, opened)})
            for attempt in range(tries):
                solved = attempt == tries - 1 and randomly.random() < skill + 0.2
                score = 100 if solved else randomly.choice([20, 40, 55, 70, 85])
                batch.append(
                    {
                        "learner_id": lid,
                        "exercise": slug,
                        "code": f"def lookup(conn, email):\n    # attempt {attempt}\n    return []\n",
                        "code_hash": f"{lid}-{slug}-{attempt}",
                        "report": report(slug, score, solved, randomly),
                        "status": "pass" if solved else "fail",
                        "score": score,
                        "solved": solved,
                        "created_at": stored(engine, moment),
                    }
                )
                moment += timedelta(seconds=randomly.randint(2 * 60, 30 * 60))
            if len(batch) >= 5000:
                with engine.begin() as connection:
                    connection.execute(insert, batch)
                batch = []
    with engine.begin() as connection:
        if batch:
            connection.execute(insert, batch)
        connection.execute(open_insert, opens)
    with engine.begin() as connection:  # what the migration does; each grade then keeps it
        rebuild_standing(connection)
    with engine.begin() as connection:
        connection.execute(sa.text("ANALYZE"))  # planner statistics, as a running server has
    return {
        "actor": actor,
        "cohort": cohort.id,
        "week": week.id,
        "course": course.id,
        "learner": ids[len(ids) // 2],
        "members": ids,
    }


def timed(call: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(p50, p95 of wall time, mean CPU time of this process) in ms. On a shared machine the
    wall time includes waiting for a core; the CPU time is what the query itself cost here
    (for PostgreSQL the server's work is not in it)."""
    call()  # warm: plans and caches as a long-running server has them
    samples = []
    cpu = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / runs
    samples.sort()
    p95 = samples[max(0, int(round(0.95 * len(samples))) - 1)]
    return statistics.median(samples), p95, cpu_ms


def measure(store: ProgressStore, made: dict, runs: int) -> list[tuple[str, float, float, float]]:
    actor, cohort = made["actor"], made["cohort"]
    assignments, dashboard, cohorts = Assignments(store), Dashboard(store), Cohorts(store)
    board = Board(store, clock=lambda: START + timedelta(days=3, hours=4))
    learner = made["learner"]
    queries = {
        "dashboard matrix page, 100 learners x 10 ex.": lambda: assignments.matrix(
            actor, made["week"], LearnerPage(1, 100)
        ),
        "dashboard matrix page, 100 learners x 40 ex.": lambda: assignments.matrix(
            actor, made["course"], LearnerPage(1, 100)
        ),
        "dashboard matrix, last page of 100 x 40 ex.": lambda: assignments.matrix(
            actor, made["course"], LearnerPage(-(-len(made["members"]) // 100), 100)
        ),
        "dashboard member list (every name)": lambda: cohorts.member_names(actor, cohort),
        "dashboard per exercise, 10 ex. (rates + one)": lambda: (
            dashboard.solve_rates(actor, made["week"]),
            dashboard.exercises(actor, made["week"], ["exercise-03"]),
        ),
        "dashboard per exercise, 40 ex. (rates + one)": lambda: (
            dashboard.solve_rates(actor, made["course"]),
            dashboard.exercises(actor, made["course"], ["exercise-23"]),
        ),
        "workshop board, 40 exercises": lambda: board.board(actor, cohort),
        "pacing view, last 20 minutes": lambda: board.pacing(actor, cohort),
        "learner progress page (standing + history)": lambda: (
            store.exercise_progress(learner),
            store.attempts(learner, limit=500),
            store.hint_counts(learner),
        ),
        # Not a page refresh: the grades export reads every cell at once.
        "whole-class matrix, 10 ex. (10,000 cells)": lambda: assignments.matrix(
            actor, made["week"]
        ),
        "whole-class matrix, 40 ex. (40,000 cells)": lambda: assignments.matrix(
            actor, made["course"]
        ),
    }
    return [(name, *timed(call, runs)) for name, call in queries.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--exercises", type=int, default=40)
    parser.add_argument("--attempts", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true", help="also measure on PostgreSQL")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="prodready-bench-"))
    total = args.learners * args.exercises * args.attempts
    print(describe())
    try:
        run_on("SQLite", f"sqlite:///{workdir / 'bench.db'}", args, total)
        if args.postgres:
            with throwaway_postgres() as url:
                run_on("PostgreSQL", url, args, total)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_on(name: str, url: str, args: argparse.Namespace, total: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    store = ProgressStore(engine)
    began = time.perf_counter()
    made = populate(store, args.learners, args.exercises, args.attempts)
    print(f"\n{name}: {total:,} attempts loaded in {time.perf_counter() - began:.0f} s")
    print(f"{'query':<48} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8}")
    for query, p50, p95, cpu in measure(store, made, args.runs):
        print(f"{query:<48} {p50:8.1f} {p95:8.1f} {cpu:8.1f}")
    print(f"{'export (one run each)':<48} {'seconds':>8} {'MB':>8}")
    for export, seconds, size in measure_exports(store, made):
        print(f"{export:<48} {seconds:8.2f} {size / 1e6:8.1f}")
    engine.dispose()


def measure_exports(store: ProgressStore, made: dict) -> list[tuple[str, float, int]]:
    """The downloads of the Exports tab: (name, seconds, bytes) of one run each."""
    exports, actor = Exports(store), made["actor"]
    files = {
        "grades CSV, 10 exercises": lambda: exports.grades_csv(actor, made["week"]),
        "grades CSV, 40 exercises": lambda: exports.grades_csv(actor, made["course"]),
        "attempt history (every attempt, gzipped)": lambda: exports.attempts_jsonl(
            actor, made["cohort"]
        ),
    }
    found = []
    for name, make in files.items():
        began = time.perf_counter()
        size = len(make())
        found.append((name, time.perf_counter() - began, size))
    return found


if __name__ == "__main__":
    main()
