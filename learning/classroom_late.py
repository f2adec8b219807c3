"""Late-policy maths, in one place and without a database: how late an attempt is, what a late
attempt still earns, and an assignment grade from a learner's attempts.

`grade` is the rule over every attempt; the dashboard uses `assignment_grade`, which reaches the
same answer from a learner's standing (the best attempt, and the attempts that beat every
earlier one: no other attempt can be the grade) so a class of a thousand is one query; tests
hold the two to the same answers. Grades are never stored: they are computed from the attempts,
the learner's own deadline and the policy at the moment they are read, so moving a deadline,
granting an extension or changing the policy changes every grade at once.

The rules:
- the learner's deadline is their extension when they have one, else the assignment's due time;
- an attempt made at or before the deadline counts in full;
- a late attempt under `accept` counts in full and is marked late; under `close` it does not
  count; under `penalty` it keeps 100 - N x days late percent of its score, never less than the
  floor, where a started day counts as a day (one minute late is one day late);
- scores are whole numbers: the kept share is rounded half up;
- the grade is the best counted attempt; on a tie the earlier attempt (on time beats late).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from progress.classroom_stats import MemberStanding, Record
from progress.models import LatePolicy
from progress.standing import ONE_MICROSECOND, microseconds

DAY_SECONDS = 86_400


class PolicyError(ValueError):
    """A late policy that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Policy:
    kind: LatePolicy = LatePolicy.ACCEPT
    per_day: int = 0  # percent of the score lost per started day late (penalty only)
    floor: int = 0  # percent of its score a late attempt always keeps (penalty only)

    def __post_init__(self) -> None:
        if not 0 <= self.per_day <= 100:
            raise PolicyError("The penalty per day is a percentage from 0 to 100.")
        if not 0 <= self.floor <= 100:
            raise PolicyError("The floor is a percentage from 0 to 100.")
        if self.kind is LatePolicy.PENALTY and self.per_day == 0:
            raise PolicyError("A penalty policy needs a penalty per day above 0 %.")

    def describe(self) -> str:
        if self.kind is LatePolicy.ACCEPT:
            return "Late attempts count in full and are marked late."
        if self.kind is LatePolicy.CLOSE:
            return "Attempts after the deadline do not count."
        return (
            f"A late attempt loses {self.per_day} % of its score per started day late, "
            f"and always keeps at least {self.floor} %."
        )


def days_late(submitted: datetime, deadline: datetime) -> int:
    """0 on time; else the number of started days after the deadline (whole seconds count)."""
    return days_late_us((submitted - deadline) // ONE_MICROSECOND)


def days_late_us(late_us: int) -> int:
    """`days_late` from how many microseconds after the deadline (0 or less: on time)."""
    if late_us <= 0:
        return 0
    return max(1, (late_us // 1_000_000 + DAY_SECONDS - 1) // DAY_SECONDS)


def kept_percent(policy: Policy, days: int) -> int | None:
    """The share of its score an attempt `days` late keeps; None when it does not count."""
    if days <= 0 or policy.kind is LatePolicy.ACCEPT:
        return 100
    if policy.kind is LatePolicy.CLOSE:
        return None
    return max(policy.floor, 100 - policy.per_day * days)


def late_score(policy: Policy, score: int, days: int) -> int | None:
    kept = kept_percent(policy, days)
    if kept is None:
        return None
    return (score * kept + 50) // 100  # integers: half up, the same everywhere


@dataclass(frozen=True)
class Scored:
    """An attempt as the late policy sees it."""

    submitted: datetime
    score: int
    solved: bool


@dataclass(slots=True)  # not frozen: the matrix makes one per cell, and frozen ones cost more
class Grade:
    """A learner's grade on one assigned exercise."""

    score: int | None  # None: no attempt counts
    raw_score: int | None  # the chosen attempt's score before any penalty
    solved: bool  # some counted attempt solved it
    solved_at: datetime | None  # the first counted solving attempt
    late: bool  # the grade comes from a late attempt
    days_late: int
    attempts: int  # every graded attempt, counted or not
    attempt_id: int | None = None  # the attempt the grade comes from, when known

    @property
    def penalty(self) -> int:
        return (self.raw_score or 0) - (self.score or 0)


def grade(attempts: Iterable[Scored], deadline: datetime, policy: Policy) -> Grade:
    ordered = sorted(attempts, key=lambda a: a.submitted)
    best: tuple[int, Scored, int] | None = None
    solved_at = None
    for attempt in ordered:
        days = days_late(attempt.submitted, deadline)
        earned = late_score(policy, attempt.score, days)
        if earned is None:
            continue
        if attempt.solved and solved_at is None:
            solved_at = attempt.submitted
        if best is None or earned > best[0]:
            best = (earned, attempt, days)
    if best is None:
        return Grade(None, None, False, None, False, 0, len(ordered))
    earned, chosen, days = best
    return Grade(
        earned, chosen.score, solved_at is not None, solved_at, days > 0, days, len(ordered)
    )


def assignment_grade(standing: MemberStanding, deadline: datetime, policy: Policy) -> Grade:
    """`grade`'s answer from a member's standing: the best attempt when it came by the
    deadline, else the best counted of the attempts that beat every earlier one (oldest first,
    so a tie goes to the earlier)."""
    solved_at = standing.first_solved_at
    if solved_at is not None and solved_at > deadline and _never_counts(policy):
        solved_at = None  # a later solve is later still: none counts
    if standing.records is None:  # the best came by every deadline: it counts in full
        score = standing.best_score
        return Grade(
            score,
            score,
            solved_at is not None,
            solved_at,
            False,
            0,
            standing.tries,
            standing.best_attempt_id,
        )
    found = _best_counted(standing.records, deadline, policy)
    if found is None:
        return Grade(None, None, False, solved_at, False, 0, standing.tries)
    earned, chosen, days = found
    return Grade(
        earned,
        chosen.score,
        solved_at is not None,
        solved_at,
        days > 0,
        days,
        standing.tries,
        chosen.attempt_id,
    )


def _never_counts(policy: Policy) -> bool:
    """A late attempt does not count at all under this policy."""
    return kept_percent(policy, 1) is None


def _best_counted(
    records: Sequence[Record], deadline: datetime, policy: Policy
) -> tuple[int, Record, int] | None:
    """Newest first: the late records, then the last on-time one (the earlier on-time ones
    scored less and count as much); on a tie the earlier record wins."""
    deadline_us = microseconds(deadline)
    best = None
    for record in reversed(records):
        days = days_late_us(record.submitted_us - deadline_us)
        earned = record.score if days == 0 else late_score(policy, record.score, days)
        if earned is not None and (best is None or earned >= best[0]):
            best = (earned, record, days)
        if days == 0:
            break
    return best
