"""Every read and write of learner progress. Pages call these; they never talk SQL.

Writes that fail (database locked, disk full, server gone) raise StorageError with a message
a learner can act on; the caller keeps the learner's code on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, Integer, cast, delete, func
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, col, select

from progress.models import Attempt, Draft, FlawAnswer, HintUse, Learner, utc_now

if TYPE_CHECKING:  # progress never needs the grader at run time, only its report's shape
    from grading.report import Report

LOCAL_LEARNER = "local"


class StorageError(RuntimeError):
    """The progress database could not be read or written; the message says what to do."""


@dataclass(frozen=True)
class ExerciseProgress:
    """One learner's standing on one exercise."""

    exercise: str
    attempts: int
    best_score: int
    solved: bool
    last_at: datetime


def as_utc(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ProgressStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except StorageError:
            raise
        except SQLAlchemyError as exc:
            raise StorageError(_explain(exc)) from exc

    # Learners -----------------------------------------------------------------------------

    def ensure_learner(self, handle: str = LOCAL_LEARNER, display_name: str = "") -> int:
        """The learner's id, creating the learner on first use (safe when two sessions race)."""
        for _ in range(2):
            with self._session() as session:
                found = session.exec(select(Learner.id).where(Learner.handle == handle)).first()
                if found is not None:
                    return found
                learner = Learner(handle=handle, display_name=display_name or handle)
                session.add(learner)
                try:
                    session.commit()
                except IntegrityError:
                    continue  # another session created it first: read it back
                assert learner.id is not None
                return learner.id
        raise StorageError(f"Could not create the learner {handle!r}.")

    # Drafts -------------------------------------------------------------------------------

    def draft(self, learner_id: int, exercise: str) -> str | None:
        with self._session() as session:
            found = session.get(Draft, (learner_id, exercise))
            return found.code if found else None

    def save_draft(self, learner_id: int, exercise: str, code: str) -> None:
        with self._session() as session:
            found = session.get(Draft, (learner_id, exercise))
            if found is None:
                session.add(Draft(learner_id=learner_id, exercise=exercise, code=code))
            elif found.code != code:
                found.code, found.updated_at = code, utc_now()
            session.commit()

    def discard_draft(self, learner_id: int, exercise: str) -> None:
        with self._session() as session:
            session.exec(
                delete(Draft).where(
                    col(Draft.learner_id) == learner_id, col(Draft.exercise) == exercise
                )
            )
            session.commit()

    # Attempts -----------------------------------------------------------------------------

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

    # Hints --------------------------------------------------------------------------------

    def hints_unlocked(self, learner_id: int, exercise: str) -> int:
        """How many hints are open: hints unlock in order, so this is also the next index."""
        query = select(func.count()).where(
            HintUse.learner_id == learner_id, HintUse.exercise == exercise
        )
        with self._session() as session:
            return session.exec(query).one()

    def unlock_hint(self, learner_id: int, exercise: str, hint_index: int) -> None:
        with self._session() as session:
            if session.get(HintUse, (learner_id, exercise, hint_index)) is None:
                session.add(
                    HintUse(learner_id=learner_id, exercise=exercise, hint_index=hint_index)
                )
                session.commit()

    def hint_counts(self, learner_id: int) -> dict[str, int]:
        query = (
            select(HintUse.exercise, func.count())
            .where(HintUse.learner_id == learner_id)
            .group_by(HintUse.exercise)
        )
        with self._session() as session:
            return dict(session.exec(query).all())

    # Find the flaw ------------------------------------------------------------------------

    def flaw_answer(self, learner_id: int, exercise: str) -> FlawAnswer | None:
        with self._session() as session:
            return session.get(FlawAnswer, (learner_id, exercise))

    def save_flaw_answer(self, answer: FlawAnswer) -> None:
        """One answer per exercise: answering again replaces it."""
        with self._session() as session:
            found = session.get(FlawAnswer, (answer.learner_id, answer.exercise))
            if found is not None:
                session.delete(found)
                session.flush()
            session.add(answer)
            session.commit()


def _explain(exc: SQLAlchemyError) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return (
            "The progress database is busy (another program is holding a lock on it), so your "
            "work was not saved. Your code is still in the editor: wait a moment and try again."
        )
    if "readonly" in text or "read-only" in text or "disk" in text:
        return "The progress database cannot be written (read-only or full disk); ask your admin."
    cause = getattr(exc, "orig", exc)
    return f"The progress database failed ({cause}). Your code is still in the editor."
