"""The learner's work in progress: drafts, hints unlocked and find-the-flaw answers."""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlmodel import col, select

from progress.db import Repository
from progress.models import Draft, FlawAnswer, HintUse, utc_now


class WorkRepository(Repository):
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
