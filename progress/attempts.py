"""Graded attempts: recorded whole (code, report, grader), read back per learner and exercise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, cast, func
from sqlmodel import col, select

from progress.db import Repository, as_utc
from progress.models import Attempt

if TYPE_CHECKING:  # progress never needs the grader at run time, only its report's shape
    from grading.report import Report


@dataclass(frozen=True)
class ExerciseProgress:
    """One learner's standing on one exercise."""

    exercise: str
    attempts: int
    best_score: int
    solved: bool
    last_at: datetime


class AttemptRepository(Repository):
    def record_attempt(self, learner_id: int, code: str, report: Report) -> Attempt:
        attempt = Attempt(
            learner_id=learner_id,
            exercise=report.exercise,
            code=code,
            report=report.to_dict(),
            status=str(report.status),
            score=report.score,
            solved=report.solved,
            grader_version=report.grader_version,
        )
        with self._session() as session:
            session.add(attempt)
            session.commit()
        return attempt

    def attempts(
        self, learner_id: int, exercise: str | None = None, limit: int = 200
    ) -> list[Attempt]:
        """Newest first."""
        query = select(Attempt).where(Attempt.learner_id == learner_id)
        if exercise is not None:
            query = query.where(Attempt.exercise == exercise)
        query = query.order_by(col(Attempt.created_at).desc(), col(Attempt.id).desc()).limit(limit)
        with self._session() as session:
            return list(session.exec(query))

    def attempt(self, attempt_id: int) -> Attempt | None:
        with self._session() as session:
            return session.get(Attempt, attempt_id)

    def last_attempt(self, learner_id: int, exercise: str) -> Attempt | None:
        found = self.attempts(learner_id, exercise, limit=1)
        return found[0] if found else None

    def exercise_progress(self, learner_id: int) -> dict[str, ExerciseProgress]:
        """Per exercise attempted: attempt count, best score, solved, last attempt time."""
        query = (
            select(
                Attempt.exercise,
                func.count(col(Attempt.id)),
                func.max(Attempt.score),
                # MAX over 0/1: PostgreSQL has no max(boolean).
                func.max(cast(Attempt.solved, Integer)),
                func.max(Attempt.created_at),
            )
            .where(Attempt.learner_id == learner_id)
            .group_by(Attempt.exercise)
        )
        with self._session() as session:
            rows = session.exec(query).all()
        return {
            slug: ExerciseProgress(slug, count, best or 0, bool(solved), as_utc(last))
            for slug, count, best, solved, last in rows
        }
