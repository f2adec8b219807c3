"""One learner's work: drafts, hints, find-the-flaw answers, attempts and standing.

Every page that shows or changes a learner's work goes through a Workspace, which checks the
access rules once, where the data is read: reading is for the learner and those `access` lets
read (an admin, later their instructor); changing is for the learner alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from course import Exercise
from grading.report import ErrorKind, Report
from grading.submission import MAX_BYTES, human_size
from learning import flaw
from learning.access import (
    AccessDenied,
    Actor,
    readable_exercises,
    require_owner,
    require_reader,
)
from progress import Attempt, ExerciseProgress, FlawAnswer, ProgressStore
from progress.db import row_id
from progress.models import IN_FLIGHT, AttemptState


@dataclass
class Outcome:
    """What a click produced: a report to show, and whether (and why not) it was recorded."""

    report: Report
    code: str
    kind: str  # "check" or "submit"
    recorded: bool = False
    repeated: bool = False  # identical to the last submission: its result, not a new attempt
    storage_error: str | None = None


@dataclass(frozen=True)
class Pending:
    """A stored submission not graded yet: where it is, so the page can show it live."""

    attempt_id: int
    state: str  # "queued" or "running"
    position: int  # place in line while queued (1 = next), 0 once running
    code: str
    kind: str = "submit"


def outcome_of(attempt: Attempt, store: ProgressStore) -> Outcome | Pending | None:
    """What an attempt shows: its result once graded, its place while in flight, the reason
    when the system could not grade it (not counted). None for a report this grader cannot read."""
    if attempt.state in IN_FLIGHT:
        queued = attempt.state == AttemptState.QUEUED
        position = store.queue_position(row_id(attempt)) if queued else 0
        return Pending(row_id(attempt), attempt.state, position, attempt.code)
    if attempt.state == AttemptState.FAILED:
        reason = attempt.error_reason or "Not graded."
        failed = Report.not_gradable(attempt.exercise, "hidden", ErrorKind.INTERNAL, reason)
        return Outcome(report=failed, code=attempt.code, kind="submit")
    report = stored_report(attempt)
    if report is None:
        return None
    return Outcome(report=report, code=attempt.code, kind="submit", recorded=True)


def stored_report(attempt: Attempt) -> Report | None:
    """The report saved with an attempt; None when an older grader stored a shape this one
    cannot read (the attempt still counts, it just cannot be redrawn)."""
    try:
        return Report.from_dict(attempt.report or {})
    except (TypeError, KeyError, ValueError):
        return None


# Row ids are INTEGER columns (32-bit on PostgreSQL, 64-bit on SQLite); an id from an address
# beyond that cannot name a row, and the drivers fail on it (OverflowError, DataError) instead
# of finding nothing.
MAX_ROW_ID = 2**31 - 1


def _storable(row_id_from_address: int) -> bool:
    return 0 < row_id_from_address <= MAX_ROW_ID


def too_large(code: str) -> bool:
    return len(code.encode("utf-8", errors="replace")) > MAX_BYTES


class Workspace:
    """The work of `learner_id` (by default the actor's own) as `actor` may see it."""

    def __init__(self, store: ProgressStore, actor: Actor, learner_id: int | None = None):
        self.store, self.actor = store, actor
        self.learner_id = actor.learner_id if learner_id is None else learner_id
        require_reader(actor, self.learner_id)
        if not _storable(self.learner_id):
            raise AccessDenied("There is no such learner.")

    @property
    def is_own(self) -> bool:
        return self.actor.learner_id == self.learner_id

    def _changing(self) -> int:
        require_owner(self.actor, self.learner_id)
        return self.learner_id

    # Standing ----------------------------------------------------------------------------

    def progress(self) -> dict[str, ExerciseProgress]:
        return self.store.exercise_progress(self.learner_id)

    def standing(self, slug: str) -> ExerciseProgress | None:
        return self.progress().get(slug)

    def hint_counts(self) -> dict[str, int]:
        return self.store.hint_counts(self.learner_id)

    # Attempts ----------------------------------------------------------------------------

    def may_open(self, slug: str) -> bool:
        """Whether the reader may see this exercise's attempts (an instructor: assigned ones)."""
        allowed = readable_exercises(self.actor, self.learner_id)
        return allowed is None or slug in allowed

    def attempts(self, slug: str | None = None, limit: int = 200) -> list[Attempt]:
        found = self.store.attempts(self.learner_id, slug, limit=limit)
        allowed = readable_exercises(self.actor, self.learner_id)
        return found if allowed is None else [a for a in found if a.exercise in allowed]

    def attempt(self, attempt_id: int) -> Attempt:
        """One attempt of this learner's; another learner's id reads as not found."""
        found = self.store.attempt(attempt_id) if _storable(attempt_id) else None
        if (
            found is None
            or found.learner_id != self.learner_id
            or not self.may_open(found.exercise)
        ):
            raise AccessDenied("There is no such attempt among this learner's work.")
        return found

    def last_outcome(self, slug: str) -> Outcome | Pending | None:
        """The last attempt as the page shows it after a reload: its result, or its place."""
        last = self.store.last_attempt(self.learner_id, slug)
        return outcome_of(last, self.store) if last is not None else None

    def solved_code(self, slug: str) -> str | None:
        """The newest code that solved the exercise."""
        return next((a.code for a in self.attempts(slug) if a.solved), None)

    # Drafts ------------------------------------------------------------------------------

    def opening_code(self, exercise: Exercise) -> str:
        """What the editor opens with: the saved draft, else the assistant's starter."""
        draft = self.store.draft(self.learner_id, exercise.slug)
        return exercise.starter if draft is None else draft

    def save_draft(self, exercise: Exercise, code: str) -> str | None:
        """Keep the editor's code; returns why it was not kept (too large), else None."""
        if too_large(code):
            return (
                f"This code is larger than the {human_size(MAX_BYTES)} the grader accepts, so it "
                "is not saved as your draft. Reset to the starter if you pasted something by mistake."
            )
        self.store.save_draft(self._changing(), exercise.slug, code)
        return None

    def reset_draft(self, exercise: Exercise, replaced: str) -> None:
        """Put the starter back as the draft; `replaced` stays one Undo away, after a reload too."""
        self.store.reset_draft(self._changing(), exercise.slug, exercise.starter, replaced)

    def discarded_draft(self, slug: str) -> str | None:
        return self.store.discarded_draft(self._changing(), slug)

    def undo_reset(self, slug: str) -> str | None:
        return self.store.undo_reset(self._changing(), slug)

    # Hints and find the flaw ---------------------------------------------------------------

    def hints_unlocked(self, slug: str) -> int:
        return self.store.hints_unlocked(self.learner_id, slug)

    def unlock_hint(self, exercise: Exercise, index: int) -> None:
        if not 0 <= index < len(exercise.hints):
            raise ValueError(f"{exercise.slug} has no hint {index + 1}")
        self.store.unlock_hint(self._changing(), exercise.slug, index)

    def flaw_answer(self, slug: str) -> FlawAnswer | None:
        return self.store.flaw_answer(self.learner_id, slug) if self.may_open(slug) else None

    def save_flaw_answer(self, exercise: Exercise, lines: list[int], limitation: str) -> None:
        self.store.save_flaw_answer(flaw.to_answer(self._changing(), exercise, lines, limitation))
