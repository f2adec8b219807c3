"""People for the classroom tests: accounts made straight in the store (no password hashing),
and their actors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grading.report import Report, Status, TestResult
from learning.access import Actor, Role
from progress import ProgressStore
from progress.models import Attempt, AttemptState
from progress.standing import refresh as refresh_standing

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass
class People:
    store: ProgressStore

    def make(self, name: str, role: Role = Role.LEARNER) -> Actor:
        account = self.store.create_account(f"{name}@example.com", name, "$argon2-fake", role)
        assert account is not None and account.id is not None
        return Actor(account.learner_id, role, account.id, account.email, name)


def attempt(
    store: ProgressStore,
    learner_id: int,
    exercise: str,
    score: int,
    at: datetime,
    solved: bool | None = None,
    failing: tuple[str, ...] = (),
) -> Attempt:
    """A graded attempt submitted at `at`, its report failing the requirements named."""
    solved = score == 100 if solved is None else solved
    tests = [TestResult(f"test_{i}", "failed", text) for i, text in enumerate(failing)]
    tests.append(TestResult("test_ok", "passed", "It still does the job."))
    report = Report(
        exercise,
        Status.PASS if solved else Status.FAIL,
        solved,
        score,
        "",
        tests=tests,
        grader_version="t",
    )
    row = store.record_attempt(learner_id, f"# {exercise} {score} {at}\n", report)
    with store._session() as session:  # the submission time is what the late policy reads
        stored = session.get(Attempt, row.id)
        assert stored is not None
        stored.created_at, stored.state = at, AttemptState.GRADED.value
        session.flush()
        refresh_standing(session.connection(), learner_id, exercise)
        session.commit()
    return row
