"""Each learner's standing per exercise, kept beside the attempts so that the class dashboard, the
workshop board and the pacing view read one row per learner and exercise instead of every attempt
(1,000 learners x 40 exercises x 5 attempts is 200,000 attempts; the rows below are 40,000).

The rows are derived data: `refresh` recomputes one learner's exercise from its graded attempts in
the transaction that changed them (recording, finishing and regrading an attempt call it), and
`rebuild` recomputes every row (the migration that added them, and after a bulk load). Grades
under a late policy still come from the attempts (progress/classroom_stats.py), but only for the
learners whose best attempt came after their deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from progress.db import as_utc
from progress.models import AttemptState  # also defines the tables below

REQUIREMENT, FINDING = "requirement", "finding"
LABEL_CHARS = 500  # a requirement is a sentence; the key stays well inside an index entry
GRADED = AttemptState.GRADED.value
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)

# Core tables: refresh runs on the connection of whichever session changed the attempt.
attempt = SQLModel.metadata.tables["attempt"]
standing = SQLModel.metadata.tables["exercise_standing"]
problem = SQLModel.metadata.tables["standing_problem"]
opened = SQLModel.metadata.tables["exercise_open"]


@dataclass(frozen=True)
class Standing:
    """One learner on one exercise, from their graded attempts."""

    learner_id: int
    exercise: str
    tries: int
    best_score: int
    best_attempt_id: int  # the highest score, then the earliest, then the lowest id
    best_at: datetime
    first_solved_at: datetime | None
    tries_to_solve: int  # attempts up to and including the first solving one (all if unsolved)
    last_attempt_id: int  # the latest, then the highest id
    last_at: datetime
    # [attempt id, score, microseconds since 1970] of each attempt that scored more than every earlier
    # one, oldest first. A late policy only lowers a score as time passes, so an assignment
    # grade always comes from one of these (an attempt that scored no more than an earlier one
    # cannot earn more than it, and loses the tie): the dashboard weighs these, not every attempt.
    records: list[tuple[int, int, int]]
    # Whole seconds from first opening the exercise to the first solve: None while unsolved, or
    # when it was not opened before (the dashboard's median time to solve reads these).
    solve_seconds: int | None = None


def summarise(
    learner_id: int, exercise: str, rows: Sequence[Any], opened_at: datetime | None = None
) -> Standing:
    """The standing from (id, score, solved, created_at) of every graded attempt (at least one)
    and when the learner first opened the exercise (None: not known)."""
    ordered = sorted(rows, key=lambda row: (row[3], row[0]))
    records = _records(ordered)
    best = next(row for row in ordered if row[0] == records[-1][0])
    first_solved = next((row[3] for row in ordered if row[2]), None)
    to_solve = sum(1 for row in rows if first_solved is None or row[3] <= first_solved)
    return Standing(
        learner_id,
        exercise,
        len(rows),
        int(best[1]),
        int(best[0]),
        best[3],
        first_solved,
        to_solve,
        int(ordered[-1][0]),
        ordered[-1][3],
        records,
        _seconds_between(opened_at, first_solved),
    )


def _seconds_between(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None or as_utc(start) > as_utc(end):
        return None
    return round((as_utc(end) - as_utc(start)).total_seconds())


def _records(ordered: Sequence[Any]) -> list[tuple[int, int, int]]:
    records: list[tuple[int, int, int]] = []
    for attempt_id, score, _solved, at in ordered:
        if not records or score > records[-1][1]:
            records.append((int(attempt_id), int(score), microseconds(at)))
    return records


def microseconds(moment: datetime) -> int:
    """Microseconds since 1970 in UTC: exact, and cheaper to compare than datetimes."""
    return (as_utc(moment) - EPOCH) // ONE_MICROSECOND


def problems(report: object) -> list[tuple[str, str, str]]:
    """(kind, label, detail) of what a report still gets wrong, each once: the failed hidden
    requirements in learner words, and the security findings left in (id, message)."""
    body = report if isinstance(report, dict) else {}
    found: dict[tuple[str, str], str] = {}
    for test in _dicts(body.get("tests")):
        if test.get("status") not in (None, "passed"):
            found.setdefault((REQUIREMENT, _label(test.get("message"))), "")
    for finding in _dicts(body.get("findings")):
        found.setdefault((FINDING, _label(finding.get("id"))), str(finding.get("message") or ""))
    return [(kind, label, detail) for (kind, label), detail in found.items()]


def _dicts(items: object) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _label(value: object) -> str:
    return str(value or "")[:LABEL_CHARS]


def _pair(table: Any, learner_id: int, exercise: str) -> sa.ColumnElement[bool]:
    return sa.and_(table.c.learner_id == learner_id, table.c.exercise == exercise)


def refresh(connection: Connection, learner_id: int, exercise: str) -> None:
    """Recompute one learner's standing on one exercise inside the caller's transaction, after
    it changed an attempt of theirs."""
    if connection.dialect.name == "postgresql":
        # Two graders finishing attempts of the same learner and exercise at once: the second
        # waits here for the first to commit, then reads both attempts (each statement of a
        # read-committed transaction sees what was committed before it began).
        connection.execute(
            sa.text("SELECT pg_advisory_xact_lock(:learner, hashtext(:exercise))"),
            {"learner": learner_id, "exercise": exercise},
        )
    rows = connection.execute(
        sa.select(attempt.c.id, attempt.c.score, attempt.c.solved, attempt.c.created_at).where(
            _pair(attempt, learner_id, exercise), attempt.c.state == GRADED
        )
    ).all()
    connection.execute(standing.delete().where(_pair(standing, learner_id, exercise)))
    connection.execute(problem.delete().where(_pair(problem, learner_id, exercise)))
    if not rows:
        return
    opened_at = connection.execute(
        sa.select(opened.c.first_opened_at).where(_pair(opened, learner_id, exercise))
    ).scalar()
    found = summarise(learner_id, exercise, rows, opened_at)
    report = connection.execute(
        sa.select(attempt.c.report).where(attempt.c.id == found.last_attempt_id)
    ).scalar()
    _insert(connection, [found], {(learner_id, exercise): report})


def rebuild(connection: Connection, chunk: int = 2000) -> int:
    """Recompute every standing from the attempts; returns how many there are."""
    connection.execute(problem.delete())
    connection.execute(standing.delete())
    ordered = connection.execute(
        sa.select(
            attempt.c.learner_id,
            attempt.c.exercise,
            attempt.c.id,
            attempt.c.score,
            attempt.c.solved,
            attempt.c.created_at,
            opened.c.first_opened_at,
        )
        .select_from(
            attempt.outerjoin(
                opened,
                sa.and_(
                    opened.c.learner_id == attempt.c.learner_id,
                    opened.c.exercise == attempt.c.exercise,
                ),
            )
        )
        .where(attempt.c.state == GRADED)
        .order_by(attempt.c.learner_id, attempt.c.exercise)
    )
    made = 0
    batch: list[Standing] = []
    for key, rows in _grouped(ordered):  # each row ends with the pair's first opening
        batch.append(summarise(*key, [row[:-1] for row in rows], rows[0][-1]))
        if len(batch) >= chunk:
            made += _insert_with_reports(connection, batch)
            batch = []
    return made + _insert_with_reports(connection, batch)


def _grouped(rows: Iterable[Any]) -> Iterable[tuple[tuple[int, str], list[Any]]]:
    key: tuple[int, str] | None = None
    group: list[Any] = []
    for learner_id, exercise, *rest in rows:
        if (learner_id, exercise) != key:
            if key is not None:
                yield key, group
            key, group = (learner_id, exercise), []
        group.append(rest)
    if key is not None:
        yield key, group


def _insert_with_reports(connection: Connection, found: list[Standing]) -> int:
    if not found:
        return 0
    by_id = {row.last_attempt_id: (row.learner_id, row.exercise) for row in found}
    reports = connection.execute(
        sa.select(attempt.c.id, attempt.c.report).where(attempt.c.id.in_(list(by_id)))
    ).all()
    _insert(connection, found, {by_id[attempt_id]: report for attempt_id, report in reports})
    return len(found)


def _insert(
    connection: Connection, found: list[Standing], reports: dict[tuple[int, str], object]
) -> None:
    connection.execute(standing.insert(), [asdict(row) for row in found])
    wrong = [
        {"learner_id": lid, "exercise": slug, "kind": kind, "label": label, "detail": detail}
        for (lid, slug), report in reports.items()
        for kind, label, detail in problems(report)
    ]
    if wrong:
        connection.execute(problem.insert(), wrong)
