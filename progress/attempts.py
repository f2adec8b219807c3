"""Graded attempts: recorded whole (code, report, grader), read back per learner and exercise."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Integer, cast, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from progress.db import Repository, StorageError, as_utc, changed_rows
from progress.models import IN_FLIGHT, Attempt, AttemptState, utc_now
from progress.standing import refresh as refresh_standing

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
    def record_attempt(
        self, learner_id: int, code: str, report: Report, content_hash: str = ""
    ) -> Attempt:
        """Store an attempt that is already graded (imports, tests, the regrade of a copy)."""
        attempt = Attempt(
            learner_id=learner_id,
            exercise=report.exercise,
            code=code,
            code_hash=code_hash(code),
            state=AttemptState.GRADED.value,
            content_hash=content_hash,
            finished_at=utc_now(),
            **_graded_fields(report),
        )
        with self._session() as session:
            session.add(attempt)
            session.flush()
            refresh_standing(session.connection(), learner_id, attempt.exercise)
            session.commit()
        return attempt

    # The grading lifecycle: queued -> running -> graded, or failed -------------------------

    def enqueue(self, learner_id: int, exercise: str, code: str) -> tuple[Attempt, bool]:
        """Store a submission before it is graded. Returns the attempt and whether it is new:
        the same code already in flight for this learner and exercise is that attempt."""
        attempt = Attempt(
            learner_id=learner_id,
            exercise=exercise,
            code=code,
            code_hash=code_hash(code),
            state=AttemptState.QUEUED.value,
        )
        with self._session() as session:
            session.add(attempt)
            try:
                session.commit()
                return attempt, True
            except IntegrityError:
                session.rollback()
        in_flight = self.in_flight_with(learner_id, exercise, attempt.code_hash)
        if in_flight is None:  # it finished between the insert and this read
            raise StorageError("That submission is already being graded; try again in a moment.")
        return in_flight, False

    def in_flight_with(self, learner_id: int, exercise: str, digest: str) -> Attempt | None:
        query = select(Attempt).where(
            Attempt.learner_id == learner_id,
            Attempt.exercise == exercise,
            Attempt.code_hash == digest,
            col(Attempt.state).in_(IN_FLIGHT),
        )
        with self._session() as session:
            return session.exec(query).first()

    def claim(self, attempt_id: int) -> Attempt | None:
        """queued -> running, for exactly one grader; None if someone else has it."""
        return self._move(
            attempt_id, AttemptState.QUEUED, state=AttemptState.RUNNING.value, started_at=utc_now()
        )

    def finish(self, attempt_id: int, report: Report, content_hash: str) -> Attempt | None:
        """running -> graded with the report (and the learner's standing on the exercise with
        it, in one transaction); None if the attempt was not running."""
        return self._move(
            attempt_id,
            AttemptState.RUNNING,
            state=AttemptState.GRADED.value,
            content_hash=content_hash,
            finished_at=utc_now(),
            **_graded_fields(report),
        )

    def fail(self, attempt_id: int, reason: str) -> Attempt | None:
        """queued or running -> failed: the system could not grade it; the code is kept."""
        for state in (AttemptState.QUEUED, AttemptState.RUNNING):
            moved = self._move(
                attempt_id,
                state,
                state=AttemptState.FAILED.value,
                error_reason=reason,
                finished_at=utc_now(),
            )
            if moved is not None:
                return moved
        return None

    def requeue_running(self, attempt_ids: list[int] | None = None) -> int:
        """Attempts a crashed grader left running go back to the queue."""
        query = update(Attempt).where(col(Attempt.state) == AttemptState.RUNNING.value)
        if attempt_ids is not None:
            query = query.where(col(Attempt.id).in_(attempt_ids))
        with self._session() as session:
            moved = changed_rows(
                session, query.values(state=AttemptState.QUEUED.value, started_at=None)
            )
            session.commit()
            return moved

    def queued_ids(self) -> list[int]:
        query = (
            select(Attempt.id)
            .where(Attempt.state == AttemptState.QUEUED.value)
            .order_by(col(Attempt.id))
        )
        with self._session() as session:
            return [attempt_id for attempt_id in session.exec(query) if attempt_id is not None]

    def attempts_in_flight(self) -> list[Attempt]:
        """Every queued or running attempt, oldest first (recovery after a crash)."""
        query = select(Attempt).where(col(Attempt.state).in_(IN_FLIGHT)).order_by(col(Attempt.id))
        with self._session() as session:
            return list(session.exec(query))

    def queue_position(self, attempt_id: int) -> int:
        """1 for the next attempt to be graded; counts every learner's queued attempts."""
        query = (
            select(func.count())
            .select_from(Attempt)
            .where(Attempt.state == AttemptState.QUEUED.value, col(Attempt.id) <= attempt_id)
        )
        with self._session() as session:
            return session.exec(query).one()

    def _move(self, attempt_id: int, current: AttemptState, **values: object) -> Attempt | None:
        query = (
            update(Attempt)
            .where(col(Attempt.id) == attempt_id, col(Attempt.state) == current.value)
            .values(**values)
        )
        with self._session() as session:
            if changed_rows(session, query) != 1:
                session.rollback()
                return None
            moved = session.get(Attempt, attempt_id)
            if moved is not None and moved.state == AttemptState.GRADED.value:
                refresh_standing(session.connection(), moved.learner_id, moved.exercise)
            session.commit()
            return moved

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
        """Per exercise attempted: graded attempts, best score, solved, last attempt time."""
        query = (
            sa.select(
                col(Attempt.exercise),
                func.count(col(Attempt.id)),
                func.max(Attempt.score),
                # MAX over 0/1: PostgreSQL has no max(boolean).
                func.max(cast(Attempt.solved, Integer)),
                func.max(Attempt.created_at),
            )
            .where(
                col(Attempt.learner_id) == learner_id,
                col(Attempt.state) == AttemptState.GRADED.value,
            )
            .group_by(col(Attempt.exercise))
        )
        with self._session() as session:
            rows = session.execute(query).all()
        return {
            slug: ExerciseProgress(slug, count, best or 0, bool(solved), as_utc(last))
            for slug, count, best, solved, last in rows
        }


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", errors="replace")).hexdigest()


def _graded_fields(report: Report) -> dict[str, Any]:
    return {
        "report": report.to_dict(),
        "status": str(report.status),
        "score": report.score,
        "solved": report.solved,
        "grader_version": report.grader_version,
    }
