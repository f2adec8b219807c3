"""The aggregate queries behind the instructor dashboard, the workshop board and the pacing view.

They read each learner's standing per exercise (progress/standing.py) rather than the attempts:
40,000 rows for a thousand learners on forty exercises, whatever they submitted. The board, the
pacing view and each panel of the per-exercise view are one query per refresh; the matrix reads
a few narrow queries on one connection. The late policy is applied in Python
(learning/classroom_late.py), to the best attempt or, when that came after the learner's
deadline, to the few attempts that beat every earlier one. Datetimes are stored in UTC on both
databases.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlmodel import SQLModel

from progress.db import Repository, as_utc, collector_paused
from progress.standing import FINDING, REQUIREMENT


class Record(NamedTuple):
    """An attempt that scored more than every earlier one of the learner on the exercise."""

    attempt_id: int
    score: int
    submitted_us: int  # microseconds since 1970, UTC (progress.standing.microseconds)


class MemberStanding(NamedTuple):
    """A member's graded attempts on one exercise, as the late policy needs them."""

    tries: int
    best_attempt_id: int  # the highest score, the earliest
    best_score: int
    first_solved_at: datetime | None
    records: list[Record] | None  # oldest first; only when the best came after a deadline


# The standings of a cohort's members who solved one of :exercises (as s).
_COHORT_SOLVERS = """
FROM cohort_member m JOIN exercise_standing s ON s.learner_id = m.learner_id
WHERE m.cohort_id = :cohort AND s.exercise IN :exercises AND s.first_solved_at IS NOT NULL
"""

Flaw = tuple[int | None, int | None, bool | None]  # lines found, lines expected, limitation right


@dataclass(frozen=True)
class MatrixData:
    """What the matrix is computed from: the members in name order, the assignment's exercises
    in order, each member's deadline, and per member and exercise (absent: none yet) their
    standing, the hints they used and their find-the-flaw answer."""

    members: list[tuple[int, str]]  # learner id, display name
    exercises: list[str]
    due: datetime
    extensions: dict[int, datetime]
    standings: dict[tuple[int, str], MemberStanding]
    hints: dict[tuple[int, str], int]
    flaws: dict[tuple[int, str], Flaw]

    def deadline(self, learner_id: int) -> datetime:
        return self.extensions.get(learner_id, self.due)


NO_MATRIX = MatrixData([], [], datetime.min.replace(tzinfo=UTC), {}, {}, {}, {})


class SolvePaths(NamedTuple):
    """How the members who solved one exercise got there."""

    solvers: int
    median_attempts: float | None  # up to and including the first solving one
    median_minutes: float | None  # from first opening it to the first solve, where known


@dataclass(frozen=True)
class BoardRow:
    exercise: str
    solvers: int
    rank: int  # 1 = the first to solve it
    pseudonym: str | None  # None: that solver did not choose to be named on the board
    solved_at: datetime


@dataclass(frozen=True)
class PacingRow:
    exercise: str
    requirement: str | None  # None: the row counting who is stuck on the exercise
    learners: int


def _expanding(*names: str) -> list[sa.BindParameter[Any]]:
    return [sa.bindparam(name, expanding=True) for name in names]


class ClassroomStats(Repository):
    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _moment(self, moment: datetime) -> object:
        """A bound datetime compared with stored ones: SQLite stores UTC text without a zone."""
        utc = moment.astimezone(UTC)
        if self.dialect == "sqlite":
            return utc.strftime("%Y-%m-%d %H:%M:%S.%f")
        return utc

    def _rows(self, sql: str, params: dict[str, Any], expanding: tuple[str, ...] = ()) -> list[Any]:
        statement = sa.text(sql)
        if expanding:
            statement = statement.bindparams(*_expanding(*expanding))
        with self._session() as session:
            return list(session.connection().execute(statement, params).all())

    # The matrix -------------------------------------------------------------------------

    @collector_paused()  # thousands of rows: see collector_paused
    def matrix(
        self,
        assignment_id: int,
        cohort_id: int,
        learner_id: int | None = None,
        page: tuple[int, int] | None = None,
    ) -> MatrixData:
        """Every member x assigned exercise, by name and the assignment's order; or one learner's
        row; or the rows of one page of members (offset, how many) in name order.
        Narrow queries on one connection (members, exercises and deadlines, then the standings,
        hints and find-the-flaw answers of those members), put together here: one wide join
        cost twice as much. The record attempts come along only for a best attempt after the
        earliest deadline: only then can the late policy choose another."""
        params: dict[str, Any] = {
            "assignment": assignment_id,
            "cohort": cohort_id,
            "learner": learner_id,
        }
        with self._session() as session:
            run = _runner(session.connection(), params)
            members, one = _members(run, params, learner_id is not None, page)
            due = run("SELECT due_at FROM assignment WHERE id = :assignment")
            params["exercises"] = [
                slug
                for (slug,) in run(
                    "SELECT exercise FROM assignment_exercise WHERE assignment_id = :assignment "
                    "ORDER BY position"
                )
            ]
            if not members or not due or not params["exercises"]:
                return NO_MATRIX
            deadlines = {
                lid: _parse_utc(at)
                for lid, at in run(
                    "SELECT learner_id, due_at FROM extension WHERE assignment_id = :assignment"
                )
            }
            default = _parse_utc(due[0][0])
            params["earliest"] = self._moment(min([default, *deadlines.values()]))
            found = self._member_work(run, one)
        standings, hints, flaws = found
        return MatrixData(
            [(lid, name) for lid, name in members],
            params["exercises"],
            default,
            deadlines,
            _standings(standings),
            hints,
            flaws,
        )

    @staticmethod
    def _member_work(
        run: Callable[[str], list[Any]], one: str
    ) -> tuple[list[Any], dict[tuple[int, str], int], dict[tuple[int, str], Flaw]]:
        """The members' standings, hints used and find-the-flaw answers on the exercises."""
        of_members = (
            "FROM cohort_member m JOIN {table} ON {alias}.learner_id = m.learner_id "
            f"WHERE m.cohort_id = :cohort AND {{alias}}.exercise IN :exercises {one}"
        )
        standings = run(
            "SELECT s.learner_id, s.exercise, s.tries, s.best_attempt_id, s.best_score, "
            "s.first_solved_at, CASE WHEN s.best_at <= :earliest THEN NULL "
            "ELSE CAST(s.records AS TEXT) END "
            + of_members.format(table="exercise_standing s", alias="s")
        )
        hints = run(
            "SELECT h.learner_id, h.exercise, COUNT(*) "
            + of_members.format(table="hintuse h", alias="h")
            + " GROUP BY h.learner_id, h.exercise"
        )
        flaws = run(
            "SELECT f.learner_id, f.exercise, f.lines_found, f.lines_expected, "
            "f.limitation_correct " + of_members.format(table="flawanswer f", alias="f")
        )
        return (
            standings,
            {(lid, slug): int(n) for lid, slug, n in hints},
            {
                (lid, slug): (found, expected, None if right is None else bool(right))
                for lid, slug, found, expected, right in flaws
            },
        )

    # What the class gets wrong ----------------------------------------------------------

    def solvers(self, cohort_id: int, exercises: list[str]) -> dict[str, int]:
        """Per exercise, how many members have solved it (any time): one count per exercise."""
        if not exercises:
            return {}
        sql = f"SELECT s.exercise, COUNT(*) {_COHORT_SOLVERS} GROUP BY s.exercise"
        params = {"cohort": cohort_id, "exercises": exercises}
        counted = dict(self._rows(sql, params, ("exercises",)))
        return {slug: int(counted.get(slug, 0)) for slug in exercises}

    @collector_paused()  # thousands of rows: see collector_paused
    def solve_paths(self, cohort_id: int, exercises: list[str]) -> dict[str, SolvePaths]:
        """Per exercise, how the members who solved it got there (any time, not only for the
        assignment): how many, and the medians of the attempts up to the first solve and of the
        minutes from first opening it, each time rounded to the minute (as the page shows it).
        PostgreSQL computes the medians; SQLite has no median and sends how many solvers took
        each number of attempts and minutes, a few thousand rows however large the class."""
        paths = {slug: SolvePaths(0, None, None) for slug in exercises}
        if not exercises:
            return paths
        params = {"cohort": cohort_id, "exercises": exercises}
        minutes = "(s.solve_seconds + 30) / 60"  # whole minutes, half up (integer division)
        if self.dialect == "postgresql":
            sql = (
                "SELECT s.exercise, COUNT(*), "
                "percentile_cont(0.5) WITHIN GROUP (ORDER BY s.tries_to_solve), "
                f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {minutes}) "
                f"{_COHORT_SOLVERS} GROUP BY s.exercise"
            )
            for slug, n, tries, spent in self._rows(sql, params, ("exercises",)):
                paths[slug] = SolvePaths(int(n), _number(tries), _number(spent))
            return paths
        sql = (
            f"SELECT s.exercise, s.tries_to_solve, {minutes}, COUNT(*) {_COHORT_SOLVERS} "
            "GROUP BY s.exercise, s.tries_to_solve, 3"
        )
        return _medians(self._rows(sql, params, ("exercises",)), exercises)

    @collector_paused()  # thousands of rows: see collector_paused
    def latest_problems(
        self, cohort_id: int, exercises: list[str], limit: int = 5
    ) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, str, int]]]:
        """From each member's latest attempt per exercise: the hidden requirements failed
        (exercise, requirement in learner words, learners) and the security findings left in
        (exercise, bandit id, message, learners); per exercise the `limit` most common. The
        counts come from the index in grouping order; the messages of the findings chosen, apart."""
        if not exercises:
            return [], []
        sql = """
        SELECT p.exercise, p.kind, p.label, COUNT(*)
        FROM cohort_member m JOIN standing_problem p ON p.learner_id = m.learner_id
        WHERE m.cohort_id = :cohort AND p.exercise IN :exercises
        GROUP BY p.exercise, p.kind, p.label
        """
        params = {"cohort": cohort_id, "exercises": exercises}
        chosen = _most_common(self._rows(sql, params, ("exercises",)), limit)
        messages = self._finding_messages(
            params, {label for kind, _s, label, _n in chosen if kind == FINDING}
        )
        failed = [(slug, label, n) for kind, slug, label, n in chosen if kind == REQUIREMENT]
        findings = [
            (slug, label, messages.get((slug, label), ""), n)
            for kind, slug, label, n in chosen
            if kind == FINDING
        ]
        return failed, findings

    def _finding_messages(
        self, params: dict[str, Any], labels: set[str]
    ) -> dict[tuple[str, str], str]:
        """(exercise, finding id) -> the message the class's latest attempts show for it."""
        if not labels:
            return {}
        sql = f"""
        SELECT p.exercise, p.label, MAX(p.detail)
        FROM cohort_member m JOIN standing_problem p ON p.learner_id = m.learner_id
        WHERE m.cohort_id = :cohort AND p.exercise IN :exercises AND p.kind = '{FINDING}'
          AND p.label IN :labels
        GROUP BY p.exercise, p.label
        """
        rows = self._rows(sql, {**params, "labels": sorted(labels)}, ("exercises", "labels"))
        return {(slug, label): detail or "" for slug, label, detail in rows}

    # The room ---------------------------------------------------------------------------

    @collector_paused()  # thousands of rows: see collector_paused
    def board(self, cohort_id: int, exercises: list[str], firsts: int = 3) -> list[BoardRow]:
        """Per exercise: how many members solved it, and its first `firsts` solvers. The firsts
        are found from the solve-time index, so ranking every solver is never needed."""
        if not exercises:
            return []
        sql = """
        WITH solved AS (
            SELECT s.exercise, s.learner_id, m.pseudonym, s.first_solved_at AS solved_at
            FROM cohort_member m JOIN exercise_standing s ON s.learner_id = m.learner_id
            WHERE m.cohort_id = :cohort AND s.exercise IN :exercises
              AND s.first_solved_at IS NOT NULL
        ), counts AS (
            SELECT exercise, COUNT(*) AS solvers, (
                SELECT f.first_solved_at FROM exercise_standing f
                JOIN cohort_member fm ON fm.learner_id = f.learner_id AND fm.cohort_id = :cohort
                WHERE f.exercise = solved.exercise AND f.first_solved_at IS NOT NULL
                ORDER BY f.first_solved_at LIMIT 1 OFFSET :skip
            ) AS last_first
            FROM solved GROUP BY exercise
        )
        SELECT c.exercise, c.solvers, s.learner_id, s.pseudonym, s.solved_at
        FROM counts c JOIN solved s ON s.exercise = c.exercise
        WHERE c.last_first IS NULL OR s.solved_at <= c.last_first
        """
        params = {"cohort": cohort_id, "exercises": exercises, "skip": firsts - 1}
        rows = sorted(
            (slug, _parse_utc(at), lid, int(n), name)
            for slug, n, lid, name, at in self._rows(sql, params, ("exercises",))
        )
        board: list[BoardRow] = []
        for slug, at, _lid, n, name in rows:  # ties at the cut-off time: the lowest ids first
            place = 1 + sum(1 for row in board if row.exercise == slug)
            if place <= firsts:
                board.append(BoardRow(slug, n, place, name, at))
        return board

    @collector_paused()  # thousands of rows: see collector_paused
    def pacing(
        self, cohort_id: int, exercises: list[str], since: datetime, until: datetime
    ) -> list[PacingRow]:
        """Who is stuck now: members whose latest attempt since `since` did not solve an exercise
        they have never solved; per exercise their number, and the requirements they fail."""
        if not exercises:
            return []
        # The last minutes hold few standings: start from them (the last_at index) and keep the
        # cohort's. SQLite's planner would rather walk every unsolved one: it is told.
        hint = " INDEXED BY ix_exercise_standing_last_at" if self.dialect == "sqlite" else ""
        sql = f"""
        WITH stuck AS (
            SELECT s.learner_id, s.exercise
            FROM exercise_standing s{hint} CROSS JOIN cohort_member m
            WHERE m.learner_id = s.learner_id AND m.cohort_id = :cohort
              AND s.exercise IN :exercises AND s.first_solved_at IS NULL
              AND s.last_at >= :since AND s.last_at <= :until
        )
        SELECT exercise, NULL, COUNT(*) FROM stuck GROUP BY exercise
        UNION ALL
        SELECT p.exercise, p.label, COUNT(*)
        FROM stuck JOIN standing_problem p ON p.learner_id = stuck.learner_id
          AND p.exercise = stuck.exercise AND p.kind = '{REQUIREMENT}'
        GROUP BY p.exercise, p.label
        """
        params = {
            "cohort": cohort_id,
            "exercises": exercises,
            "since": self._moment(since),
            "until": self._moment(until),
        }
        return [
            PacingRow(slug, requirement, int(n))
            for slug, requirement, n in self._rows(sql, params, ("exercises",))
        ]


def cohort_attempts(
    repo: Repository, cohort_id: int, exercises: list[str], chunk: int = 2000
) -> Iterator[Any]:
    """Every attempt of every member of a cohort on the exercises, by member name, exercise and
    time, read in chunks from one query (an export of 200,000 attempts, not one query per
    learner and exercise). Each row: id, name, e-mail, exercise, created_at, state, status,
    score, solved, grader_version, content_hash, code, and the report as its JSON text."""
    if not exercises:
        return
    tables = SQLModel.metadata.tables  # Core tables, as progress/standing.py reads them
    attempt, member = tables["attempt"], tables["cohort_member"]
    learner, account = tables["learner"], tables["account"]
    query = (
        sa.select(
            attempt.c.id,
            learner.c.display_name,
            account.c.email,
            attempt.c.exercise,
            attempt.c.created_at,
            attempt.c.state,
            attempt.c.status,
            attempt.c.score,
            attempt.c.solved,
            attempt.c.grader_version,
            attempt.c.content_hash,
            attempt.c.code,
            sa.cast(attempt.c.report, sa.Text),
        )
        .select_from(
            member.join(learner, learner.c.id == member.c.learner_id)
            .join(attempt, attempt.c.learner_id == member.c.learner_id)
            .outerjoin(account, account.c.learner_id == learner.c.id)
        )
        .where(member.c.cohort_id == cohort_id, attempt.c.exercise.in_(exercises))
        .order_by(
            learner.c.display_name,
            learner.c.id,
            attempt.c.exercise,
            attempt.c.created_at,
            attempt.c.id,
        )
    )
    with repo._session() as session:
        rows = session.connection().execution_options(yield_per=chunk).execute(query)
        yield from rows


def reports_of(repo: Repository, attempt_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored reports of the given attempts (an export reads them once, in one query)."""
    if not attempt_ids:
        return {}
    from sqlmodel import col, select

    from progress.models import Attempt

    query = select(Attempt.id, Attempt.report).where(col(Attempt.id).in_(attempt_ids))
    with repo._session() as session:
        return {aid: dict(report or {}) for aid, report in session.exec(query) if aid is not None}


def _most_common(rows: list[Any], limit: int) -> list[tuple[str, str, str, int]]:
    """(kind, exercise, label, learners) of the `limit` most common problems of each kind per
    exercise, from (exercise, kind, label, learners): most learners first, then by label."""
    ordered = sorted(rows, key=lambda row: (-int(row[3]), str(row[2] or "")))
    taken: dict[tuple[str, str], int] = {}
    chosen: list[tuple[str, str, str, int]] = []
    for slug, kind, label, learners in ordered:
        if taken.get((kind, slug), 0) < limit:
            taken[(kind, slug)] = taken.get((kind, slug), 0) + 1
            chosen.append((kind, slug, label or "", int(learners)))
    return chosen


def _members(
    run: Callable[[str], list[Any]],
    params: dict[str, Any],
    one_learner: bool,
    page: tuple[int, int] | None,
) -> tuple[list[Any], str]:
    """The members asked for (:learner alone, a page, or all) in name order, and the condition
    that keeps the later queries to them."""
    one = "AND m.learner_id = :learner" if one_learner else ""
    paged = ""
    if page is not None:
        params["offset"], params["limit"] = page
        paged = "LIMIT :limit OFFSET :offset"
    members = run(
        "SELECT m.learner_id, l.display_name FROM cohort_member m "
        f"JOIN learner l ON l.id = m.learner_id WHERE m.cohort_id = :cohort {one} "
        f"ORDER BY l.display_name, l.id {paged}"
    )
    if page is not None:  # the work of this page's members only
        params["learners"] = [lid for lid, _name in members]
        one = "AND m.learner_id IN :learners"
    return members, one


def _runner(connection: Any, params: dict[str, Any]) -> Callable[[str], list[Any]]:
    """Runs SQL with `params` on one connection (its lists of exercises and learners expanded)."""

    def run(sql: str) -> list[Any]:
        statement = sa.text(sql)
        lists = [name for name in ("exercises", "learners") if f":{name}" in sql]
        if lists:
            statement = statement.bindparams(*_expanding(*lists))
        return list(connection.execute(statement, params).all())

    return run


def _standings(rows: list[Any]) -> dict[tuple[int, str], MemberStanding]:
    late = iter(_records([row[6] for row in rows if row[6] is not None]))
    return {
        (lid, slug): MemberStanding(
            tries, best_id, score, _utc(solved), None if records is None else next(late)
        )
        for lid, slug, tries, best_id, score, solved, records in rows
    }


def _medians(rows: list[Any], exercises: list[str]) -> dict[str, SolvePaths]:
    """SolvePaths per exercise from (exercise, attempts, minutes, how many solvers)."""
    tries: dict[str, Counter[int]] = {slug: Counter() for slug in exercises}
    minutes: dict[str, Counter[int]] = {slug: Counter() for slug in exercises}
    for slug, attempts, spent, solvers in rows:
        tries[slug][attempts] += solvers
        if spent is not None:
            minutes[slug][spent] += solvers
    return {
        slug: SolvePaths(
            tries[slug].total(), counted_median(tries[slug]), counted_median(minutes[slug])
        )
        for slug in exercises
    }


def counted_median(counts: Counter[int]) -> float | None:
    """The median of values given as value -> how many times (None for none), as
    statistics.median: the middle value, or the mean of the two middle ones."""
    total = counts.total()
    if not total:
        return None
    wanted = [(total + 1) // 2, (total + 2) // 2]  # 1-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] <= seen:
            found.append(value)
            wanted.pop(0)
    return sum(found) / 2


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _parse(value: object) -> datetime:
    # Raw SQL on SQLite hands back the stored text; PostgreSQL hands back a datetime.
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"expected a stored datetime, got {type(value).__name__}")
    return value


def _utc(value: object) -> datetime | None:
    return None if value is None else _parse_utc(value)


def _parse_utc(value: object) -> datetime:
    if isinstance(value, str):  # raw SQL on SQLite: the stored UTC text, without a zone
        return datetime.fromisoformat(value + "+00:00")
    return as_utc(_parse(value))


def _records(texts: list[str]) -> list[list[Record]]:
    """The record attempts of many standings, from their JSON text (as TEXT on both databases,
    decoded in one call: a thousand small documents decoded one by one cost more than the query)."""
    decoded = json.loads("[" + ",".join(texts) + "]")
    return [[Record(a, b, c) for a, b, c in items] for items in decoded]
