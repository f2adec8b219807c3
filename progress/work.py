"""The learner's work in progress: drafts, hints unlocked and find-the-flaw answers."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

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

    def reset_draft(self, learner_id: int, exercise: str, starter: str, replaced: str) -> None:
        """The starter becomes the draft; the code it replaces is kept for Undo."""
        with self._session() as session:
            found = session.get(Draft, (learner_id, exercise))
            if found is None:
                found = Draft(learner_id=learner_id, exercise=exercise, code=starter)
                session.add(found)
            found.code, found.discarded, found.updated_at = starter, replaced, utc_now()
            session.commit()

    def discarded_draft(self, learner_id: int, exercise: str) -> str | None:
        """The code the last Reset replaced, while it can still be brought back."""
        with self._session() as session:
            found = session.get(Draft, (learner_id, exercise))
            return found.discarded if found else None

    def undo_reset(self, learner_id: int, exercise: str) -> str | None:
        """The replaced code becomes the draft again; returns it (None: nothing to undo)."""
        with self._session() as session:
            found = session.get(Draft, (learner_id, exercise))
            if found is None or found.discarded is None:
                return None
            found.code, found.discarded, found.updated_at = found.discarded, None, utc_now()
            session.commit()
            return found.code

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
