"""The aggregate queries behind the instructor dashboard, the workshop board and the pacing view.

Every page refresh is one query per panel that returns one row per learner and exercise (or
fewer), computed by the database from the attempt index; attempts are never loaded into Python
for them. The late-policy arithmetic mirrors learning/classroom_late.py (tests hold the two to the
same answers): whole-second timestamps, a started day counts as a day, integer rounding half up.
Datetimes are stored in UTC on both databases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from progress.db import Repository, as_utc

GRADED = "graded"


@dataclass(frozen=True)
class GradeRow:
    learner_id: int
    exercise: str
    score: int | None  # after the late policy; None when no attempt counts
    raw_score: int | None
    days_late: int
    attempts: int
    solved_at: datetime | None
    attempt_id: int | None = None  # the attempt the grade comes from


@dataclass(frozen=True)
class SolveRow:
    """One learner's path to solving one exercise (any time, not only for the assignment)."""

    learner_id: int
    exercise: str
    attempts: int  # attempts up to and including the first solving one, or all if unsolved
    first_opened: datetime | None
    first_solved: datetime | None


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


def _choice_key(dialect: str) -> str:
    """One sortable text per attempt whose minimum within a learner's exercise is the attempt the
    grade comes from: the highest earned score, then the earliest, then the lowest id; it carries
    that attempt's id, raw score and days late (NULL when the attempt does not count). One
    grouping pass instead of a window's sort: the matrix's cost at a thousand learners."""
    if dialect == "postgresql":
        return (
            "LPAD(CAST(100 - earned AS TEXT), 3, '0') "
            "|| TO_CHAR(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
            "|| LPAD(CAST(id AS TEXT), 12, '0') || LPAD(CAST(score AS TEXT), 3, '0') "
            "|| LPAD(CAST(days AS TEXT), 6, '0')"
        )
    return (
        "printf('%03d', 100 - earned) || created_at || printf('%012d', id) "
        "|| printf('%03d', score) || printf('%06d', days)"
    )


def _grade_row(
    learner_id: int, exercise: str, tries: int, solved_at: object, choice: object
) -> GradeRow:
    if choice is None:  # no attempt counts under the policy
        return GradeRow(learner_id, exercise, None, None, 0, int(tries), _utc(solved_at))
    key = str(choice)
    return GradeRow(
        learner_id,
        exercise,
        100 - int(key[:3]),
        int(key[-9:-6]),
        int(key[-6:]),
        int(tries),
        _utc(solved_at),
        int(key[-21:-9]),
    )


def _epoch(dialect: str, column: str) -> str:
    """Whole seconds since 1970 of a stored UTC datetime (rounded down on both databases)."""
    if dialect == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)"
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


def _failures(dialect: str, source: str, field: str) -> tuple[str, str]:
    """FROM-clause addition and column for the failed hidden requirements of `source`.report."""
    if dialect == "postgresql":
        return (
            f"CROSS JOIN LATERAL json_array_elements({source}.report -> 'tests') AS t(item)",
            f"t.item ->> '{field}'",
        )
    return (f", json_each({source}.report, '$.tests') AS t", f"json_extract(t.value, '$.{field}')")


def _failed(dialect: str) -> str:
    column = (
        "t.item ->> 'status'" if dialect == "postgresql" else "json_extract(t.value, '$.status')"
    )
    return f"{column} <> 'passed'"


def _findings(dialect: str, source: str) -> tuple[str, str, str]:
    if dialect == "postgresql":
        return (
            f"CROSS JOIN LATERAL json_array_elements({source}.report -> 'findings') AS f(item)",
            "f.item ->> 'id'",
            "f.item ->> 'message'",
        )
    return (
        f", json_each({source}.report, '$.findings') AS f",
        "json_extract(f.value, '$.id')",
        "json_extract(f.value, '$.message')",
    )


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
            return list(session.connection().execute(statement, params))

    # The matrix -------------------------------------------------------------------------

    def grades(
        self,
        assignment_id: int,
        cohort_id: int,
        exercises: list[str],
        policy: str,
        per_day: int,
        floor: int,
        learner_id: int | None = None,
    ) -> list[GradeRow]:
        """Per member (or one learner) and exercise with a graded attempt: the assignment grade."""
        if not exercises:
            return []
        greatest = "GREATEST" if self.dialect == "postgresql" else "MAX"
        kept = {
            "accept": "100",
            "close": "CASE WHEN days = 0 THEN 100 END",
            "penalty": (
                "CASE WHEN days = 0 THEN 100 WHEN 100 - :per_day * days < :floor THEN :floor "
                "ELSE 100 - :per_day * days END"
            ),
        }[policy]
        one = "AND m.learner_id = :learner" if learner_id is not None else ""
        # Each member's deadline (and its seconds) once; an attempt's own seconds only when it
        # is late, the rare case, so on-time attempts cost one text comparison.
        sql = f"""
        WITH deadlines AS (
            SELECT m.learner_id, COALESCE(x.due_at, asg.due_at) AS deadline
            FROM cohort_member m
            JOIN assignment asg ON asg.id = :assignment
            LEFT JOIN extension x ON x.assignment_id = asg.id AND x.learner_id = m.learner_id
            WHERE m.cohort_id = :cohort {one}
        ), members AS (
            SELECT learner_id, deadline, {_epoch(self.dialect, "deadline")} AS deadline_s
            FROM deadlines
        ), scored AS (
            SELECT a.id, a.learner_id, a.exercise, a.score, a.solved, a.created_at,
                   CASE WHEN a.created_at <= d.deadline THEN 0
                        ELSE {greatest}(1, ({_epoch(self.dialect, "a.created_at")}
                                            - d.deadline_s + 86399) / 86400) END AS days
            FROM members d
            JOIN attempt a ON a.learner_id = d.learner_id
            WHERE a.exercise IN :exercises AND a.state = '{GRADED}'
        ), earned AS (
            SELECT scored.*, (score * ({kept}) + 50) / 100 AS earned FROM scored
        )
        SELECT learner_id, exercise, COUNT(*) AS tries,
               MIN(CASE WHEN solved AND earned IS NOT NULL THEN created_at END) AS solved_at,
               MIN(CASE WHEN earned IS NOT NULL THEN {_choice_key(self.dialect)} END) AS choice
        FROM earned GROUP BY learner_id, exercise
        """
        params = {
            "assignment": assignment_id,
            "cohort": cohort_id,
            "exercises": exercises,
            "per_day": per_day,
            "floor": floor,
            "learner": learner_id,
        }
        rows = self._rows(sql, params, ("exercises",))
        return [_grade_row(*row) for row in rows]

    # What the class gets wrong ----------------------------------------------------------

    def solve_paths(self, cohort_id: int, exercises: list[str]) -> list[SolveRow]:
        if not exercises:
            return []
        # Attempts up to the first solve are counted by joining each group's first-solve time
        # back to the attempt index: a correlated count over a materialised CTE is quadratic
        # on PostgreSQL (it has no index to seek in).
        sql = f"""
        WITH firsts AS (
            SELECT a.learner_id, a.exercise,
                   MIN(CASE WHEN a.solved THEN a.created_at END) AS first_solved
            FROM cohort_member m JOIN attempt a ON a.learner_id = m.learner_id
            WHERE m.cohort_id = :cohort AND a.exercise IN :exercises AND a.state = '{GRADED}'
            GROUP BY a.learner_id, a.exercise
        )
        SELECT f.learner_id, f.exercise,
               SUM(CASE WHEN f.first_solved IS NULL OR a.created_at <= f.first_solved
                        THEN 1 ELSE 0 END),
               MIN(o.first_opened_at), f.first_solved
        FROM firsts f
        JOIN attempt a ON a.learner_id = f.learner_id AND a.exercise = f.exercise
             AND a.state = '{GRADED}'
        LEFT JOIN exercise_open o ON o.learner_id = f.learner_id AND o.exercise = f.exercise
        GROUP BY f.learner_id, f.exercise, f.first_solved
        """
        rows = self._rows(sql, {"cohort": cohort_id, "exercises": exercises}, ("exercises",))
        return [
            SolveRow(lid, slug, tries, _utc(opened), _utc(solved))
            for lid, slug, tries, opened, solved in rows
        ]

    def _latest(self, since: bool = False) -> str:
        """Each member's latest graded attempt per exercise (optionally: made since `since`).
        The newest time comes from the index alone; only those attempts' reports are read."""
        # The last minutes hold few attempts: start from them (the created_at index) and keep
        # the cohort's. SQLite's planner, not knowing how few, would scan the whole learner
        # index instead: it is told; PostgreSQL estimates the range from its statistics.
        hint = " INDEXED BY ix_attempt_created_at" if self.dialect == "sqlite" else ""
        source, window = (
            (
                f"attempt a{hint} CROSS JOIN cohort_member m",
                "AND m.learner_id = a.learner_id "
                "AND a.created_at >= :since AND a.created_at <= :until",
            )
            if since
            else ("cohort_member m JOIN attempt a ON a.learner_id = m.learner_id", "")
        )
        return f"""
        last_at AS (
            SELECT a.learner_id, a.exercise, MAX(a.created_at) AS at
            FROM {source}
            WHERE m.cohort_id = :cohort AND a.exercise IN :exercises AND a.state = '{GRADED}'
              {window}
            GROUP BY a.learner_id, a.exercise
        ), latest AS (
            SELECT a.learner_id, a.exercise, a.solved, a.report, 1 AS place
            FROM last_at l JOIN attempt a ON a.learner_id = l.learner_id
              AND a.exercise = l.exercise AND a.state = '{GRADED}' AND a.created_at = l.at
        )"""

    def latest_problems(
        self, cohort_id: int, exercises: list[str], limit: int = 5
    ) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, str, int]]]:
        """From each member's latest attempt per exercise, in one query: the hidden requirements
        failed (exercise, requirement in learner words, learners) and the security findings left
        in (exercise, bandit id, message, learners); per exercise the `limit` most common."""
        if not exercises:
            return [], []
        t_join, message = _failures(self.dialect, "latest", "message")
        f_join, finding_id, finding_message = _findings(self.dialect, "latest")
        sql = f"""
        WITH {self._latest()}
        SELECT 'requirement', latest.exercise, {message}, '', COUNT(DISTINCT latest.learner_id)
        FROM latest {t_join}
        WHERE {_failed(self.dialect)}
        GROUP BY latest.exercise, {message}
        UNION ALL
        SELECT 'finding', latest.exercise, {finding_id}, MAX({finding_message}),
               COUNT(DISTINCT latest.learner_id)
        FROM latest {f_join}
        GROUP BY latest.exercise, {finding_id}
        """
        rows = self._rows(sql, {"cohort": cohort_id, "exercises": exercises}, ("exercises",))
        ordered = sorted(rows, key=lambda row: (-int(row[4]), str(row[2] or "")))
        taken: dict[tuple[str, str], int] = {}
        failed: list[tuple[str, str, int]] = []
        findings: list[tuple[str, str, str, int]] = []
        for kind, slug, label, detail, learners in ordered:
            if taken.get((kind, slug), 0) >= limit:
                continue
            taken[(kind, slug)] = taken.get((kind, slug), 0) + 1
            if kind == "requirement":
                failed.append((slug, label or "", int(learners)))
            else:
                findings.append((slug, label or "", detail or "", int(learners)))
        return failed, findings

    # The room ---------------------------------------------------------------------------

    def board(self, cohort_id: int, exercises: list[str], firsts: int = 3) -> list[BoardRow]:
        """Per exercise: how many members solved it, and its first `firsts` solvers. Starts from
        the solving attempts (their partial index; SQLite keeps CROSS JOIN's order) and keeps
        the cohort's."""
        if not exercises:
            return []
        sql = f"""
        WITH solved AS (
            SELECT a.exercise, a.learner_id, MAX(m.pseudonym) AS pseudonym,
                   MIN(a.created_at) AS solved_at
            FROM attempt a CROSS JOIN cohort_member m
            WHERE m.learner_id = a.learner_id AND m.cohort_id = :cohort
              AND a.exercise IN :exercises AND a.state = '{GRADED}' AND a.solved
            GROUP BY a.exercise, a.learner_id
        ), ranked AS (
            SELECT solved.*,
                   ROW_NUMBER() OVER (PARTITION BY exercise ORDER BY solved_at, learner_id) AS place,
                   COUNT(*) OVER (PARTITION BY exercise) AS solvers
            FROM solved
        )
        SELECT exercise, solvers, place, pseudonym, solved_at FROM ranked WHERE place <= :firsts
        ORDER BY exercise, place
        """
        params = {"cohort": cohort_id, "exercises": exercises, "firsts": firsts}
        return [
            BoardRow(slug, int(n), int(place), name, as_utc(_parse(at)))
            for slug, n, place, name, at in self._rows(sql, params, ("exercises",))
        ]

    def pacing(
        self, cohort_id: int, exercises: list[str], since: datetime, until: datetime
    ) -> list[PacingRow]:
        """Who is stuck now: members whose latest attempt since `since` did not solve an exercise
        they have never solved; per exercise their number, and the requirements they fail."""
        if not exercises:
            return []
        join, message = _failures(self.dialect, "stuck", "message")
        sql = f"""
        WITH {self._latest(since=True)},
        stuck AS (
            SELECT latest.* FROM latest
            WHERE latest.place = 1 AND NOT latest.solved AND NOT EXISTS (
                SELECT 1 FROM attempt s WHERE s.learner_id = latest.learner_id
                  AND s.exercise = latest.exercise AND s.state = '{GRADED}' AND s.solved)
        )
        SELECT exercise, NULL, COUNT(DISTINCT learner_id) FROM stuck GROUP BY exercise
        UNION ALL
        SELECT stuck.exercise, {message}, COUNT(DISTINCT stuck.learner_id) FROM stuck {join}
        WHERE {_failed(self.dialect)}
        GROUP BY stuck.exercise, {message}
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


def reports_of(repo: Repository, attempt_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored reports of the given attempts (an export reads them once, in one query)."""
    if not attempt_ids:
        return {}
    from sqlmodel import col, select

    from progress.models import Attempt

    query = select(Attempt.id, Attempt.report).where(col(Attempt.id).in_(attempt_ids))
    with repo._session() as session:
        return {aid: dict(report or {}) for aid, report in session.exec(query) if aid is not None}


def _parse(value: object) -> datetime:
    # Raw SQL on SQLite hands back the stored text; PostgreSQL hands back a datetime.
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"expected a stored datetime, got {type(value).__name__}")
    return value


def _utc(value: object) -> datetime | None:
    return None if value is None else as_utc(_parse(value))


@dataclass(frozen=True)
class WorkRow:
    """Hints used and the find-the-flaw answer of one learner on one exercise."""

    learner_id: int
    exercise: str
    hints: int
    flaw_lines_found: int | None
    flaw_lines_expected: int | None
    flaw_limitation_correct: bool | None


class ClassroomWork(Repository):
    def work(self, cohort_id: int, exercises: list[str]) -> list[WorkRow]:
        """One query: hints and flaw answers of every member on the given exercises."""
        if not exercises:
            return []
        sql = """
        WITH pairs AS (
            SELECT h.learner_id, h.exercise FROM hintuse h
            JOIN cohort_member m ON m.learner_id = h.learner_id AND m.cohort_id = :cohort
            WHERE h.exercise IN :exercises
            UNION
            SELECT f.learner_id, f.exercise FROM flawanswer f
            JOIN cohort_member m ON m.learner_id = f.learner_id AND m.cohort_id = :cohort
            WHERE f.exercise IN :exercises
        )
        SELECT p.learner_id, p.exercise,
               (SELECT COUNT(*) FROM hintuse h
                 WHERE h.learner_id = p.learner_id AND h.exercise = p.exercise),
               f.lines_found, f.lines_expected, f.limitation_correct
        FROM pairs p
        LEFT JOIN flawanswer f ON f.learner_id = p.learner_id AND f.exercise = p.exercise
        """
        statement = sa.text(sql).bindparams(*_expanding("exercises"))
        with self._session() as session:
            rows = session.connection().execute(
                statement, {"cohort": cohort_id, "exercises": exercises}
            )
            return [
                WorkRow(lid, slug, int(hints), found, expected, None if ok is None else bool(ok))
                for lid, slug, hints, found, expected, ok in rows
            ]
