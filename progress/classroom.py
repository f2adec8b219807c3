"""Cohorts, their instructors and members, assignments, extensions and first opens: rows only.
Who may do what is decided in learning/classroom_*.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from progress.db import Repository, StorageError, changed_rows, row_id
from progress.models import (
    Account,
    Assignment,
    AssignmentExercise,
    Cohort,
    CohortInstructor,
    CohortMember,
    ExerciseOpen,
    Extension,
    Learner,
)


class ClassroomRepository(Repository):
    # Cohorts -----------------------------------------------------------------------------

    def create_cohort(self, name: str, code: str, time_zone: str, owner: int) -> Cohort | None:
        """A cohort owned by `owner`; None when the join code is taken (the caller draws again)."""
        with self._session() as session:
            cohort = Cohort(name=name, join_code=code, time_zone=time_zone)
            session.add(cohort)
            try:
                session.flush()
                session.add(
                    CohortInstructor(cohort_id=row_id(cohort), learner_id=owner, owner=True)
                )
                session.commit()
            except IntegrityError:
                session.rollback()
                return None
            return cohort

    def cohort(self, cohort_id: int) -> Cohort | None:
        with self._session() as session:
            return session.get(Cohort, cohort_id)

    def cohort_by_code(self, code: str) -> Cohort | None:
        with self._session() as session:
            return session.exec(select(Cohort).where(Cohort.join_code == code)).first()

    def cohorts(self, taught_by: int | None = None) -> list[Cohort]:
        """Every cohort, or those `taught_by` teaches."""
        query = select(Cohort).order_by(col(Cohort.name), col(Cohort.id))
        if taught_by is not None:
            query = query.join(
                CohortInstructor, col(CohortInstructor.cohort_id) == col(Cohort.id)
            ).where(CohortInstructor.learner_id == taught_by)
        with self._session() as session:
            return list(session.exec(query))

    def update_cohort(self, cohort_id: int, **changes: object) -> bool:
        """False when a new join code collides with another cohort's."""
        with self._session() as session:
            try:
                changed_rows(
                    session, update(Cohort).where(col(Cohort.id) == cohort_id).values(**changes)
                )
                session.commit()
            except IntegrityError:
                session.rollback()
                return False
        return True

    def teaches(self, learner_id: int, cohort_id: int) -> bool:
        with self._session() as session:
            return session.get(CohortInstructor, (cohort_id, learner_id)) is not None

    def add_instructor(self, cohort_id: int, learner_id: int) -> None:
        with self._session() as session:
            if session.get(CohortInstructor, (cohort_id, learner_id)) is None:
                session.add(CohortInstructor(cohort_id=cohort_id, learner_id=learner_id))
                session.commit()

    def remove_instructor(self, cohort_id: int, learner_id: int) -> None:
        with self._session() as session:
            session.exec(
                delete(CohortInstructor).where(
                    col(CohortInstructor.cohort_id) == cohort_id,
                    col(CohortInstructor.learner_id) == learner_id,
                    col(CohortInstructor.owner).is_(False),
                )
            )
            session.commit()

    def instructors(self, cohort_id: int) -> list[tuple[CohortInstructor, Learner, str]]:
        query = (
            select(CohortInstructor, Learner, Account.email)
            .join(Learner, col(Learner.id) == col(CohortInstructor.learner_id))
            .join(Account, col(Account.learner_id) == col(Learner.id), isouter=True)
            .where(CohortInstructor.cohort_id == cohort_id)
            .order_by(col(CohortInstructor.owner).desc(), col(Learner.display_name))
        )
        with self._session() as session:
            return [(i, learner, email or "") for i, learner, email in session.exec(query)]

    # Members -----------------------------------------------------------------------------

    def add_member(self, cohort_id: int, learner_id: int) -> bool:
        """True when the learner is new to the cohort."""
        with self._session() as session:
            if session.get(CohortMember, (cohort_id, learner_id)) is not None:
                return False
            session.add(CohortMember(cohort_id=cohort_id, learner_id=learner_id))
            try:
                session.commit()
            except IntegrityError:  # joined in another tab meanwhile
                session.rollback()
                return False
            return True

    def remove_member(self, cohort_id: int, learner_id: int) -> bool:
        with self._session() as session:
            gone = session.exec(
                delete(CohortMember).where(
                    col(CohortMember.cohort_id) == cohort_id,
                    col(CohortMember.learner_id) == learner_id,
                )
            ).rowcount
            session.commit()
            return bool(gone)

    def member(self, cohort_id: int, learner_id: int) -> CohortMember | None:
        with self._session() as session:
            return session.get(CohortMember, (cohort_id, learner_id))

    def set_pseudonym(self, cohort_id: int, learner_id: int, pseudonym: str | None) -> None:
        with self._session() as session:
            found = session.get(CohortMember, (cohort_id, learner_id))
            if found is None:
                raise StorageError("You are not in that cohort any more.")
            found.pseudonym = pseudonym
            session.commit()

    def members(self, cohort_id: int) -> list[tuple[CohortMember, Learner, str]]:
        """The members with their learner row and e-mail (never the account's secrets)."""
        query = (
            select(CohortMember, Learner, Account.email)
            .join(Learner, col(Learner.id) == col(CohortMember.learner_id))
            .join(Account, col(Account.learner_id) == col(Learner.id), isouter=True)
            .where(CohortMember.cohort_id == cohort_id)
            .order_by(col(Learner.display_name), col(Learner.id))
        )
        with self._session() as session:
            return [(m, learner, email or "") for m, learner, email in session.exec(query)]

    def member_names(self, cohort_id: int) -> list[tuple[int, str]]:
        """(learner id, display name) of every member in name order: two columns, for lists."""
        query = (
            select(Learner.id, Learner.display_name)
            .join(CohortMember, col(CohortMember.learner_id) == col(Learner.id))
            .where(CohortMember.cohort_id == cohort_id)
            .order_by(col(Learner.display_name), col(Learner.id))
        )
        with self._session() as session:
            return [(lid or 0, name) for lid, name in session.exec(query)]

    def member_count(self, cohort_id: int) -> int:
        query = (
            select(func.count())
            .select_from(CohortMember)
            .where(CohortMember.cohort_id == cohort_id)
        )
        with self._session() as session:
            return session.exec(query).one()

    def memberships(self, learner_id: int) -> list[tuple[CohortMember, Cohort]]:
        query = (
            select(CohortMember, Cohort)
            .join(Cohort, col(Cohort.id) == col(CohortMember.cohort_id))
            .where(CohortMember.learner_id == learner_id)
            .order_by(col(Cohort.name))
        )
        with self._session() as session:
            return [(m, c) for m, c in session.exec(query)]

    def shares_cohort(self, instructor: int, learner_id: int) -> bool:
        """True when `learner_id` is a member of a cohort `instructor` teaches."""
        query = (
            select(func.count())
            .select_from(CohortMember)
            .join(CohortInstructor, col(CohortInstructor.cohort_id) == col(CohortMember.cohort_id))
            .where(CohortMember.learner_id == learner_id, CohortInstructor.learner_id == instructor)
        )
        with self._session() as session:
            return session.exec(query).one() > 0

    def taught_exercises(self, instructor: int, learner_id: int) -> frozenset[str]:
        """The exercises assigned in cohorts `instructor` teaches and `learner_id` belongs to."""
        query = (
            select(AssignmentExercise.exercise)
            .join(Assignment, col(Assignment.id) == col(AssignmentExercise.assignment_id))
            .join(CohortMember, col(CohortMember.cohort_id) == col(Assignment.cohort_id))
            .join(CohortInstructor, col(CohortInstructor.cohort_id) == col(Assignment.cohort_id))
            .where(CohortMember.learner_id == learner_id, CohortInstructor.learner_id == instructor)
            .distinct()
        )
        with self._session() as session:
            return frozenset(session.exec(query))

    # Assignments -------------------------------------------------------------------------

    def save_assignment(self, assignment: Assignment, exercises: list[str]) -> Assignment:
        """Create or update an assignment and set its exercises (in the order given)."""
        with self._session() as session:
            merged = session.merge(assignment)
            session.flush()
            assignment_id = row_id(merged)
            session.exec(
                delete(AssignmentExercise).where(
                    col(AssignmentExercise.assignment_id) == assignment_id
                )
            )
            for position, slug in enumerate(exercises):
                session.add(
                    AssignmentExercise(
                        assignment_id=assignment_id, exercise=slug, position=position
                    )
                )
            session.commit()
            return merged

    def assignment(self, assignment_id: int) -> Assignment | None:
        with self._session() as session:
            return session.get(Assignment, assignment_id)

    def assignments(self, cohort_id: int) -> list[Assignment]:
        query = (
            select(Assignment)
            .where(Assignment.cohort_id == cohort_id)
            .order_by(col(Assignment.due_at), col(Assignment.id))
        )
        with self._session() as session:
            return list(session.exec(query))

    def assignment_exercises(self, assignment_id: int) -> list[str]:
        query = (
            select(AssignmentExercise.exercise)
            .where(AssignmentExercise.assignment_id == assignment_id)
            .order_by(col(AssignmentExercise.position))
        )
        with self._session() as session:
            return list(session.exec(query))

    def delete_assignment(self, assignment_id: int) -> None:
        with self._session() as session:
            session.exec(delete(Assignment).where(col(Assignment.id) == assignment_id))
            session.commit()

    def assigned_to(self, learner_id: int) -> list[tuple[Assignment, str, datetime | None]]:
        """Every (assignment, exercise, extension due time) of the learner's cohorts."""
        query = (
            select(Assignment, AssignmentExercise.exercise, Extension.due_at)
            .join(AssignmentExercise, col(AssignmentExercise.assignment_id) == col(Assignment.id))
            .join(CohortMember, col(CohortMember.cohort_id) == col(Assignment.cohort_id))
            .join(
                Extension,
                (col(Extension.assignment_id) == col(Assignment.id))
                & (col(Extension.learner_id) == learner_id),
                isouter=True,
            )
            .where(CohortMember.learner_id == learner_id)
            .order_by(col(Assignment.due_at), col(AssignmentExercise.position))
        )
        with self._session() as session:
            return [(a, slug, due) for a, slug, due in session.exec(query)]

    # Extensions --------------------------------------------------------------------------

    def set_extension(self, assignment_id: int, learner_id: int, due_at: datetime | None) -> None:
        with self._session() as session:
            found = session.get(Extension, (assignment_id, learner_id))
            if due_at is None:
                if found is not None:
                    session.delete(found)
            elif found is None:
                session.add(
                    Extension(assignment_id=assignment_id, learner_id=learner_id, due_at=due_at)
                )
            else:
                found.due_at = due_at
            session.commit()

    def extensions(self, assignment_id: int) -> dict[int, datetime]:
        query = select(Extension.learner_id, Extension.due_at).where(
            Extension.assignment_id == assignment_id
        )
        with self._session() as session:
            return dict(session.exec(query).all())

    # First opens -------------------------------------------------------------------------

    def note_open(self, learner_id: int, exercise: str) -> None:
        """Keep the first time only (a second tab racing the first is harmless)."""
        with self._session() as session:
            if session.get(ExerciseOpen, (learner_id, exercise)) is None:
                session.add(ExerciseOpen(learner_id=learner_id, exercise=exercise))
                try:
                    session.commit()
                except IntegrityError:
                    session.rollback()
