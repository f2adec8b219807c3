"""Regrade runs: which attempts a run takes, and recording each new grade beside the previous one
in one transaction (the attempt row takes the new grade; the previous stays in regrade_result)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from progress.db import Repository
from progress.models import Attempt, RegradeResult, RegradeRun, utc_now
from progress.standing import refresh as refresh_standing


class RegradeRepository(Repository):
    def best_attempt_ids(self, cohort_id: int, exercise: str) -> list[int]:
        """Each member's best graded attempt of the exercise (highest score, then the earliest)."""
        sql = sa.text(
            """
            SELECT id FROM (
                SELECT a.id, ROW_NUMBER() OVER (PARTITION BY a.learner_id
                                                ORDER BY a.score DESC, a.created_at, a.id) AS place
                FROM cohort_member m JOIN attempt a ON a.learner_id = m.learner_id
                WHERE m.cohort_id = :cohort AND a.exercise = :exercise AND a.state = 'graded'
            ) best WHERE place = 1 ORDER BY id
            """
        )
        with self._session() as session:
            return [
                row[0]
                for row in session.connection().execute(
                    sql, {"cohort": cohort_id, "exercise": exercise}
                )
            ]

    def start_run(
        self, cohort_id: int, exercise: str, content_hash: str, total: int, by: int
    ) -> RegradeRun:
        run = RegradeRun(
            cohort_id=cohort_id,
            exercise=exercise,
            content_hash=content_hash,
            total=total,
            started_by=by,
            state="running" if total else "finished",
            finished_at=None if total else utc_now(),
        )
        with self._session() as session:
            session.add(run)
            session.commit()
        return run

    def run(self, run_id: int) -> RegradeRun | None:
        with self._session() as session:
            return session.get(RegradeRun, run_id)

    def runs(self, cohort_id: int) -> list[RegradeRun]:
        query = (
            select(RegradeRun)
            .where(RegradeRun.cohort_id == cohort_id)
            .order_by(col(RegradeRun.id).desc())
        )
        with self._session() as session:
            return list(session.exec(query))

    def apply(
        self, run_id: int, attempt_id: int, new: dict[str, Any], content_hash: str
    ) -> RegradeResult | None:
        """Keep the attempt's grade as it was, give it the new one, count the run's progress."""
        with self._session() as session:
            attempt = session.get(Attempt, attempt_id)
            run = session.get(RegradeRun, run_id)
            if attempt is None or run is None:
                return None
            result = RegradeResult(
                run_id=run_id,
                attempt_id=attempt_id,
                learner_id=attempt.learner_id,
                exercise=attempt.exercise,
                previous_score=attempt.score,
                previous_solved=attempt.solved,
                previous_report=attempt.report,
                previous_grader_version=attempt.grader_version,
                new_score=int(new["score"]),
                new_solved=bool(new["solved"]),
            )
            session.add(result)
            for name, value in new.items():
                setattr(attempt, name, value)
            attempt.content_hash = content_hash
            run.done += 1
            session.flush()
            refresh_standing(session.connection(), attempt.learner_id, attempt.exercise)
            session.commit()
            return result

    def finish(self, run_id: int, state: str = "finished") -> None:
        with self._session() as session:
            run = session.get(RegradeRun, run_id)
            if run is not None:
                run.state, run.finished_at = state, utc_now()
                session.commit()

    def results(self, run_id: int) -> list[RegradeResult]:
        query = select(RegradeResult).where(RegradeResult.run_id == run_id)
        with self._session() as session:
            return list(session.exec(query))

    def changed_solved_for(self, learner_id: int) -> list[tuple[RegradeResult, RegradeRun]]:
        """Regrades that changed whether one of this learner's attempts solved its exercise."""
        query = (
            select(RegradeResult, RegradeRun)
            .join(RegradeRun, col(RegradeRun.id) == col(RegradeResult.run_id))
            .where(
                RegradeResult.learner_id == learner_id,
                col(RegradeResult.previous_solved) != col(RegradeResult.new_solved),
            )
            .order_by(col(RegradeResult.regraded_at).desc())
        )
        with self._session() as session:
            return [(result, run) for result, run in session.exec(query)]
