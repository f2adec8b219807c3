"""Regrading a cohort's best attempts of an exercise against today's version of it.

The stored code is graded again with `grading.grade` in a background thread; the run counts its
progress in the database, so any page (or another replica) can show it. Each attempt keeps its
previous grade beside the new one. When a regrade changes whether an attempt solved the
exercise, the instructor sees it as newly failing or newly passing and the learner is told on
their pages: a "solved" never disappears silently.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from course import Exercise
from grading import grade
from grading.report import Report
from learning.access import AccessDenied, Actor
from learning.classroom_access import install, require_teacher
from learning.classroom_cohorts import CohortError
from progress import ProgressStore
from progress.classroom_regrade import RegradeRepository
from progress.db import row_id
from progress.models import RegradeResult, RegradeRun

log = logging.getLogger(__name__)
Grader = Callable[..., Report]


@dataclass(frozen=True)
class RegradeChanges:
    run: RegradeRun
    newly_failing: list[RegradeResult]  # solved before, not solved now
    newly_passing: list[RegradeResult]  # not solved before, solved now
    score_changed: list[RegradeResult]  # same solved, another score


class Regrades:
    def __init__(self, store: ProgressStore, grader: Grader = grade):
        self.store, self.grader = store, grader
        self.repo = install(store)
        self.runs = RegradeRepository(store.engine)

    def start(
        self,
        actor: Actor,
        cohort_id: int,
        exercise: Exercise,
        background: bool = True,
    ) -> RegradeRun:
        """Regrade every member's best attempt of an exercise assigned in the cohort."""
        require_teacher(self.repo, actor, cohort_id)
        assigned = {
            slug
            for a in self.repo.assignments(cohort_id)
            for slug in self.repo.assignment_exercises(a.id or 0)
        }
        if exercise.slug not in assigned:
            raise CohortError("Only exercises assigned in this cohort can be regraded here.")
        attempt_ids = self.runs.best_attempt_ids(cohort_id, exercise.slug)
        run = self.runs.start_run(
            cohort_id, exercise.slug, exercise.content_hash, len(attempt_ids), actor.learner_id
        )
        run_id = row_id(run)
        if attempt_ids:
            work = threading.Thread(
                target=self._regrade,
                args=(run_id, exercise, attempt_ids),
                name=f"regrade-{run_id}",
                daemon=True,
            )
            if background:
                work.start()
            else:
                work.run()
        return self.runs.run(run_id) or run

    def _regrade(self, run_id: int, exercise: Exercise, attempt_ids: list[int]) -> None:
        try:
            for attempt_id in attempt_ids:
                attempt = self.store.attempt(attempt_id)
                if attempt is None:
                    continue
                report = self.grader(exercise, attempt.code, suite="hidden")
                self.runs.apply(
                    run_id,
                    attempt_id,
                    {
                        "report": report.to_dict(),
                        "status": str(report.status),
                        "score": report.score,
                        "solved": report.solved,
                        "grader_version": report.grader_version,
                    },
                    exercise.content_hash,
                )
        except Exception:  # noqa: BLE001  the run must end visibly, not hang as "running"
            log.exception("regrade run %s failed", run_id)
            self.runs.finish(run_id, "failed")
        else:
            self.runs.finish(run_id)

    def progress(self, actor: Actor, run_id: int) -> RegradeRun:
        run = self.runs.run(run_id)
        if run is None:
            raise AccessDenied("You can only manage the cohorts you teach.")
        require_teacher(self.repo, actor, run.cohort_id)
        return run

    def of_cohort(self, actor: Actor, cohort_id: int) -> list[RegradeRun]:
        require_teacher(self.repo, actor, cohort_id)
        return self.runs.runs(cohort_id)

    def changes(self, actor: Actor, run_id: int) -> RegradeChanges:
        run = self.progress(actor, run_id)
        results = self.runs.results(run_id)
        return RegradeChanges(
            run,
            [r for r in results if r.previous_solved and not r.new_solved],
            [r for r in results if r.new_solved and not r.previous_solved],
            [
                r
                for r in results
                if r.previous_solved == r.new_solved and r.previous_score != r.new_score
            ],
        )

    def my_changes(self, actor: Actor) -> list[tuple[RegradeResult, RegradeRun]]:
        """The actor's own attempts whose solved changed in a regrade (shown to the learner)."""
        return self.runs.changed_solved_for(actor.learner_id)
