"""The instructor dashboard's data: per exercise what the class gets wrong, and per learner every
attempt on the assignment's exercises with the report they saw and diffs. Every read checks that
the actor teaches the cohort; a learner outside it, or an exercise outside the assignment, reads
as not found."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from learning.access import AccessDenied, Actor
from learning.classroom_access import install, require_teacher
from learning.workspace import stored_report
from progress import Attempt, ProgressStore
from progress.classroom_stats import ClassroomStats
from progress.db import as_utc
from progress.models import Assignment


@dataclass
class ExerciseSummary:
    exercise: str
    members: int
    solvers: int
    median_attempts: float | None  # attempts up to the first solve, over those who solved
    median_minutes: float | None  # first open to first solve, over those who solved
    failed: list[tuple[str, int]] = field(default_factory=list)  # requirement, learners
    findings: list[tuple[str, str, int]] = field(default_factory=list)  # id, message, learners

    @property
    def solve_rate(self) -> float:
        return self.solvers / self.members if self.members else 0.0


@dataclass(frozen=True)
class AttemptView:
    attempt: Attempt
    report_shown: bool  # False: a report an older grader stored that cannot be redrawn
    diff_from_starter: str
    diff_from_previous: str


def unified(before: str, after: str, before_name: str, after_name: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            before_name,
            after_name,
        )
    )


class Dashboard:
    def __init__(self, store: ProgressStore):
        self.store = store
        self.repo = install(store)
        self.stats = ClassroomStats(store.engine)

    def _assignment(self, actor: Actor, assignment_id: int) -> tuple[Assignment, list[str]]:
        assignment = self.repo.assignment(assignment_id)
        if assignment is None:
            raise AccessDenied("You can only manage the cohorts you teach.")
        require_teacher(self.repo, actor, assignment.cohort_id)
        return assignment, self.repo.assignment_exercises(assignment_id)

    def solve_rates(self, actor: Actor, assignment_id: int) -> list[ExerciseSummary]:
        """Per assigned exercise, in order, how many members solved it (the rest left empty):
        one count per exercise, however many there are."""
        assignment, slugs = self._assignment(actor, assignment_id)
        members = self.repo.member_count(assignment.cohort_id)
        solved = self.stats.solvers(assignment.cohort_id, slugs)
        return [ExerciseSummary(slug, members, solved[slug], None, None) for slug in slugs]

    def exercises(
        self, actor: Actor, assignment_id: int, only: list[str] | None = None
    ) -> list[ExerciseSummary]:
        """Per assigned exercise (or those of them in `only`): solve rate, medians, most failed
        requirements and findings."""
        assignment, assigned = self._assignment(actor, assignment_id)
        slugs = [slug for slug in assigned if only is None or slug in only]
        cohort = assignment.cohort_id
        members = self.repo.member_count(cohort)
        summaries = {slug: ExerciseSummary(slug, members, 0, None, None) for slug in slugs}
        self._add_paths(summaries, cohort, slugs)
        failed, findings = self.stats.latest_problems(cohort, slugs, limit=5)
        for slug, requirement, learners in failed:
            summaries[slug].failed.append((requirement, learners))
        for slug, finding, message, learners in findings:
            summaries[slug].findings.append((finding, message, learners))
        return [summaries[slug] for slug in slugs]

    def _add_paths(
        self, summaries: dict[str, ExerciseSummary], cohort: int, slugs: list[str]
    ) -> None:
        """Solvers and the medians of attempts and minutes to solve, from one query."""
        for slug, path in self.stats.solve_paths(cohort, slugs).items():
            summary = summaries[slug]
            summary.solvers, summary.median_attempts, summary.median_minutes = path

    def learner_attempts(
        self, actor: Actor, assignment_id: int, learner_id: int, starters: dict[str, str]
    ) -> list[AttemptView]:
        """Every attempt of one member on the assignment's exercises, oldest first per exercise,
        each with a diff against the starter and against the previous attempt."""
        assignment, slugs = self._assignment(actor, assignment_id)
        if self.repo.member(assignment.cohort_id, learner_id) is None:
            raise AccessDenied("That learner is not in this cohort.")
        views: list[AttemptView] = []
        for slug in slugs:
            previous: str | None = None
            starter = starters.get(slug, "")
            for found in reversed(self.store.attempts(learner_id, slug, limit=500)):
                views.append(
                    AttemptView(
                        found,
                        stored_report(found) is not None,
                        unified(starter, found.code, "starter.py", f"attempt-{found.id}.py"),
                        ""
                        if previous is None
                        else unified(previous, found.code, "previous.py", f"attempt-{found.id}.py"),
                    )
                )
                previous = found.code
        return sorted(views, key=lambda v: (as_utc(v.attempt.created_at), v.attempt.id or 0))
