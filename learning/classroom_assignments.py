"""Assignments: exercises (and lessons to read first) a cohort is to finish by a due time, with a
late policy and per-learner extensions; their grades; and what a learner sees before submitting.

Times are entered in the cohort's time zone and stored in UTC; a learner sees them in their own.
Grades are computed when read (learning/classroom_late.py, progress/classroom_stats.py), never
stored, so a moved deadline, a new extension or a changed policy shows in every grade at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from learning.access import AccessDenied, Actor
from learning.classroom_access import install, require_teacher
from learning.classroom_cohorts import CohortError
from learning.classroom_late import Grade, Policy, assignment_grade, days_late, late_score
from progress import ProgressStore
from progress.classroom_stats import ClassroomStats, Flaw
from progress.db import as_utc, collector_paused, row_id
from progress.models import Assignment, Cohort, LatePolicy, utc_now

MAX_EXERCISES = 100
MAX_PAGE = 100  # learners on one page of the dashboard matrix (4,000 cells for 40 exercises)


class Standing(StrEnum):
    """Where a learner is on one assigned exercise, for the matrix and its filter."""

    SOLVED = "solved"
    SOLVED_LATE = "solved late"
    ATTEMPTED = "attempted"
    NOT_STARTED = "not started"


@dataclass(frozen=True)
class LearnerPage:
    """Page `number` (from 1) of a cohort's members in name order, `size` members a page: the
    dashboard shows a large class a page at a time, as a gradebook does."""

    number: int = 1
    size: int = 100

    def __post_init__(self) -> None:
        if self.number < 1 or not 1 <= self.size <= MAX_PAGE:
            raise CohortError(f"A page is number 1 or more, of 1 to {MAX_PAGE} learners.")

    def window(self) -> tuple[int, int]:
        """(offset, how many) of the members in name order."""
        return (self.number - 1) * self.size, self.size

    def pages(self, members: int) -> int:
        """How many pages `members` learners fill (at least one)."""
        return max(1, -(-members // self.size))


@dataclass(slots=True)  # not frozen: a frozen class sets each field through a call, and the
class MatrixCell:  # matrix of a thousand learners has tens of thousands of cells
    learner_id: int
    learner: str
    exercise: str
    grade: Grade | None  # None: no graded attempt yet
    hints: int
    flaw: str  # "", or e.g. "2/3 lines, limitation right"
    deadline: datetime

    @property
    def score(self) -> int | None:
        return None if self.grade is None else self.grade.score

    @property
    def raw_score(self) -> int | None:
        return None if self.grade is None else self.grade.raw_score

    @property
    def solved_at(self) -> datetime | None:
        return None if self.grade is None else self.grade.solved_at

    @property
    def solved(self) -> bool:
        return self.solved_at is not None

    @property
    def attempts(self) -> int:
        return 0 if self.grade is None else self.grade.attempts

    @property
    def days_late(self) -> int:
        return 0 if self.grade is None or self.grade.score is None else self.grade.days_late

    @property
    def late(self) -> bool:
        return self.days_late > 0

    @property
    def penalty(self) -> int:
        return 0 if self.grade is None else self.grade.penalty

    @property
    def attempt_id(self) -> int | None:
        return None if self.grade is None else self.grade.attempt_id

    @property
    def standing(self) -> Standing:
        if self.solved_at is not None:
            return Standing.SOLVED_LATE if self.solved_at > self.deadline else Standing.SOLVED
        return Standing.ATTEMPTED if self.attempts else Standing.NOT_STARTED


@dataclass(frozen=True)
class Due:
    """An assigned exercise as one learner sees it."""

    assignment: Assignment
    exercise: str
    opens_at: datetime
    deadline: datetime  # their own: the extension when they have one
    extended: bool
    policy: Policy

    def outlook(self, now: datetime) -> str:
        """What a submission now would count for, in a sentence shown before Submit."""
        if now < self.opens_at:
            return f"“{self.assignment.title}” opens later; an attempt now counts as on time."
        days = days_late(now, self.deadline)
        if days == 0:
            return f"An attempt now is on time for “{self.assignment.title}”."
        if self.policy.kind is LatePolicy.CLOSE:
            return (
                f"The deadline of “{self.assignment.title}” has passed: an attempt now does "
                "not count for it."
            )
        if self.policy.kind is LatePolicy.ACCEPT:
            return f"An attempt now is late for “{self.assignment.title}”: it counts, marked late."
        kept = late_score(self.policy, 100, days)
        return (
            f"An attempt now is {days} day{'s' if days > 1 else ''} late for "
            f"“{self.assignment.title}”: it keeps {kept} % of its score."
        )


def policy_of(assignment: Assignment) -> Policy:
    return Policy(
        LatePolicy(assignment.late_policy), assignment.penalty_per_day, assignment.penalty_floor
    )


def to_utc(local: datetime, time_zone: str) -> datetime:
    """A wall-clock time in the cohort's zone (naive, as a form gives it) as UTC."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=ZoneInfo(time_zone))
    return local.astimezone(UTC)


def in_zone(moment: datetime, time_zone: str) -> datetime:
    return as_utc(moment).astimezone(ZoneInfo(time_zone))


class Assignments:
    def __init__(self, store: ProgressStore, clock: Callable[[], datetime] = utc_now):
        self.store, self.clock = store, clock
        self.repo = install(store)
        self.stats = ClassroomStats(store.engine)

    # Instructors ------------------------------------------------------------------------

    def save(
        self,
        actor: Actor,
        cohort_id: int,
        title: str,
        exercises: list[str],
        opens_local: datetime,
        due_local: datetime,
        policy: Policy,
        known: Collection[str],
        lessons: list[str] | None = None,
        hide_reference: bool = False,
        assignment_id: int | None = None,
    ) -> Assignment:
        """Create an assignment, or change one (`assignment_id`); times in the cohort's zone."""
        require_teacher(self.repo, actor, cohort_id)
        if assignment_id is not None:
            self._own_assignment(actor, assignment_id, cohort_id)
        cohort = self._cohort(cohort_id)
        name, chosen = _checked(title, exercises, known)
        opens, due = to_utc(opens_local, cohort.time_zone), to_utc(due_local, cohort.time_zone)
        if due <= opens:
            raise CohortError("The due time must come after the opening time.")
        assignment = Assignment(
            id=assignment_id,
            cohort_id=cohort_id,
            title=name,
            opens_at=opens,
            due_at=due,
            late_policy=policy.kind.value,
            penalty_per_day=policy.per_day,
            penalty_floor=policy.floor,
            hide_reference=hide_reference,
            lessons=list(lessons or []),
        )
        return self.repo.save_assignment(assignment, chosen)

    def move_deadline(self, actor: Actor, assignment_id: int, due_local: datetime) -> None:
        assignment = self._own_assignment(actor, assignment_id)
        cohort = self._cohort(assignment.cohort_id)
        due = to_utc(due_local, cohort.time_zone)
        if due <= as_utc(assignment.opens_at):
            raise CohortError("The due time must come after the opening time.")
        assignment.due_at = due
        self.repo.save_assignment(assignment, self.repo.assignment_exercises(assignment_id))

    def set_policy(self, actor: Actor, assignment_id: int, policy: Policy) -> None:
        assignment = self._own_assignment(actor, assignment_id)
        assignment.late_policy = policy.kind.value
        assignment.penalty_per_day, assignment.penalty_floor = policy.per_day, policy.floor
        self.repo.save_assignment(assignment, self.repo.assignment_exercises(assignment_id))

    def set_extension(
        self, actor: Actor, assignment_id: int, learner_id: int, due_local: datetime | None
    ) -> None:
        """Give one learner their own deadline (None takes it back)."""
        assignment = self._own_assignment(actor, assignment_id)
        if self.repo.member(assignment.cohort_id, learner_id) is None:
            raise CohortError("That learner is not in this cohort.")
        cohort = self._cohort(assignment.cohort_id)
        due = None if due_local is None else to_utc(due_local, cohort.time_zone)
        if due is not None and due <= as_utc(assignment.opens_at):
            raise CohortError("An extended deadline must come after the opening time.")
        self.repo.set_extension(assignment_id, learner_id, due)

    def extensions(self, actor: Actor, assignment_id: int) -> dict[int, datetime]:
        self._own_assignment(actor, assignment_id)
        return {lid: as_utc(due) for lid, due in self.repo.extensions(assignment_id).items()}

    def delete(self, actor: Actor, assignment_id: int) -> None:
        self._own_assignment(actor, assignment_id)
        self.repo.delete_assignment(assignment_id)

    def of_cohort(self, actor: Actor, cohort_id: int) -> list[tuple[Assignment, list[str]]]:
        require_teacher(self.repo, actor, cohort_id)
        return [
            (a, self.repo.assignment_exercises(a.id or 0)) for a in self.repo.assignments(cohort_id)
        ]

    def get(self, actor: Actor, assignment_id: int) -> tuple[Assignment, list[str]]:
        assignment = self._own_assignment(actor, assignment_id)
        return assignment, self.repo.assignment_exercises(assignment_id)

    def matrix(
        self, actor: Actor, assignment_id: int, page: LearnerPage | None = None
    ) -> list[MatrixCell]:
        """Every member (or one page of members) x assigned exercise, graded under the
        assignment's policy as it is now."""
        assignment = self._own_assignment(actor, assignment_id)
        policy = policy_of(assignment)
        window = None if page is None else page.window()
        with collector_paused():
            data = self.stats.matrix(assignment_id, assignment.cohort_id, page=window)
            standings, hints, flaws = data.standings.get, data.hints.get, data.flaws.get
            cells = []
            for learner_id, name in data.members:
                deadline = data.deadline(learner_id)
                for slug in data.exercises:
                    key = (learner_id, slug)
                    standing = standings(key)
                    flaw = flaws(key)
                    cells.append(
                        MatrixCell(
                            learner_id,
                            name,
                            slug,
                            None
                            if standing is None
                            else assignment_grade(standing, deadline, policy),
                            hints(key, 0),
                            "" if flaw is None else _flaw_text(flaw),
                            deadline,
                        )
                    )
            return cells

    def _cohort(self, cohort_id: int) -> Cohort:
        cohort = self.repo.cohort(cohort_id)
        if cohort is None:
            raise CohortError("That cohort no longer exists.")
        return cohort

    def _own_assignment(
        self, actor: Actor, assignment_id: int, cohort_id: int | None = None
    ) -> Assignment:
        assignment = self.repo.assignment(assignment_id)
        if assignment is None or (cohort_id is not None and assignment.cohort_id != cohort_id):
            raise AccessDenied("You can only manage the cohorts you teach.")
        require_teacher(self.repo, actor, assignment.cohort_id)
        return assignment

    # Learners ---------------------------------------------------------------------------

    def due_for(self, actor: Actor, slug: str | None = None) -> list[Due]:
        """What is assigned to the actor (optionally: this exercise), soonest deadline first."""
        found = []
        for assignment, exercise, extended in self.repo.assigned_to(actor.learner_id):
            if slug is not None and exercise != slug:
                continue
            deadline = as_utc(extended) if extended is not None else as_utc(assignment.due_at)
            found.append(
                Due(
                    assignment,
                    exercise,
                    as_utc(assignment.opens_at),
                    deadline,
                    extended is not None,
                    policy_of(assignment),
                )
            )
        return sorted(found, key=lambda due: due.deadline)

    def reference_hidden(self, actor: Actor, slug: str) -> bool:
        """True while an assignment that hides the reference fix is not yet due for the actor."""
        now = self.clock()
        return any(
            due.assignment.hide_reference and now <= due.deadline
            for due in self.due_for(actor, slug)
        )

    def my_grades(self, actor: Actor) -> list[tuple[Due, Grade | None]]:
        """The actor's own assignment grades, one query per assignment."""
        dues = self.due_for(actor)
        by_assignment: dict[int, list[Due]] = {}
        for due in dues:
            by_assignment.setdefault(due.assignment.id or 0, []).append(due)
        found: list[tuple[Due, Grade | None]] = []
        for group in by_assignment.values():
            assignment = group[0].assignment
            policy = policy_of(assignment)
            data = self.stats.matrix(
                row_id(assignment), assignment.cohort_id, learner_id=actor.learner_id
            )
            grades = {
                slug: assignment_grade(standing, data.deadline(learner_id), policy)
                for (learner_id, slug), standing in data.standings.items()
            }
            found.extend((due, grades.get(due.exercise)) for due in group)
        return found

    def note_open(self, actor: Actor, slug: str) -> None:
        """The first time the actor opened an exercise (time-to-solve starts there)."""
        self.repo.note_open(actor.learner_id, slug)


def _checked(title: str, exercises: list[str], known: Collection[str]) -> tuple[str, list[str]]:
    """The assignment's title and exercises as given, or the reason they cannot be used."""
    name = " ".join(title.split())
    if not name or len(name) > 120:
        raise CohortError("Give the assignment a title of 1 to 120 characters.")
    chosen = list(dict.fromkeys(exercises))
    unknown = [slug for slug in chosen if slug not in known]
    if not chosen or len(chosen) > MAX_EXERCISES:
        raise CohortError(f"Choose 1 to {MAX_EXERCISES} exercises.")
    if unknown:
        raise CohortError(f"No such exercise: {', '.join(unknown)}.")
    return name, chosen


def _flaw_text(flaw: Flaw) -> str:
    if flaw[1] is None:
        return ""
    found, expected, right = flaw
    return f"{found}/{expected} lines, limitation {'right' if right else 'wrong'}"
