"""The stored progress: every row belongs to a learner, so accounts and cohorts can arrive later
without changing what existing rows mean. Exercises are referenced by slug: content lives in
files, not in the database."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, col


def utc_now() -> datetime:
    return datetime.now(UTC)


class Learner(SQLModel, table=True):
    """A person working through the course. Local mode has a single learner with handle "local"."""

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(max_length=120, unique=True)
    display_name: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class AttemptState(StrEnum):
    """Where a submission is: stored before grading, so nothing acknowledged is ever lost."""

    QUEUED = "queued"  # stored, waiting for a grading slot
    RUNNING = "running"  # a grader took it
    GRADED = "graded"  # the report is in (pass, fail, or not gradable code such as a syntax error)
    FAILED = "failed"  # the system could not grade it (waited too long, grader fault): not counted


IN_FLIGHT = (AttemptState.QUEUED.value, AttemptState.RUNNING.value)


class Attempt(SQLModel, table=True):
    """One submission, kept whole: the code, the report and the grader and exercise version
    that produced it, so a score can always be explained (and re-graded) later."""

    __table_args__ = (
        # One grading in flight per learner, exercise and code: a double click or a second tab
        # submitting the same code finds the first attempt instead of making another.
        sa.Index(
            "ux_attempt_in_flight",
            "learner_id",
            "exercise",
            "code_hash",
            unique=True,
            sqlite_where=sa.text("state IN ('queued', 'running')"),
            postgresql_where=sa.text("state IN ('queued', 'running')"),
        ),
        sa.Index("ix_attempt_state_id", "state", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, index=True)
    code: str = Field(sa_type=sa.Text)
    code_hash: str = Field(default="", max_length=64)
    state: str = Field(default=AttemptState.GRADED.value, max_length=16)
    report: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    status: str = Field(default="", max_length=16)  # the report's pass / fail / error
    score: int = 0
    solved: bool = False
    grader_version: str = Field(default="", max_length=40)
    content_hash: str = Field(default="", max_length=64)
    error_reason: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))
    started_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class Draft(SQLModel, table=True):
    """The code in the editor, one per learner and exercise: a reload never loses work."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    code: str = Field(sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))
    # The code a Reset replaced with the starter: Undo brings it back, after a reload too.
    discarded: str | None = Field(default=None, sa_type=sa.Text)


class HintUse(SQLModel, table=True):
    """A hint the learner unlocked (hints are numbered from 0 in the order of hints.md)."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    hint_index: int = Field(primary_key=True)
    unlocked_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class FlawAnswer(SQLModel, table=True):
    """The answer to "find the flaw" given before editing: the lines and the limitation named."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    lines: list[int] = Field(sa_type=sa.JSON)
    limitation: str = Field(max_length=40)
    lines_found: int
    lines_expected: int
    limitation_correct: bool
    answered_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class Account(SQLModel, table=True):
    """A person who signs in (shared mode). Their work lives under their learner row, so a
    role change or an account's lifecycle never changes whose attempts are whose."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", unique=True, ondelete="CASCADE")
    email: str = Field(max_length=254, unique=True)  # stored lower-case
    # argon2 hash; None for an invited account that has not chosen a password yet, or SSO only.
    password_hash: str | None = Field(default=None, max_length=200)
    role: str = Field(default="learner", max_length=16)
    disabled: bool = False
    oidc_subject: str | None = Field(default=None, max_length=255, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class AuthSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
    copy of the database cannot be used to sign in as anyone."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class AccountToken(SQLModel, table=True):
    """A one-time link an admin hands over: an invitation or a password reset (hash only)."""

    __tablename__ = "account_token"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=16)  # "invite" or "reset"
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    used_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class SigninFailure(SQLModel, table=True):
    """A failed sign-in, counted per e-mail and per client address to slow down guessing."""

    __tablename__ = "signin_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    client: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True), index=True)


class SignupEvent(SQLModel, table=True):
    """A sign-up try by a client address (as a sign-in failure is kept): every replica counts
    the same tries, so the limit per client holds however many replicas there are. Rows older
    than the limit's window are dropped as new ones come."""

    __tablename__ = "signup_event"
    __table_args__ = (sa.Index("ix_signup_event_client_at", "client", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    client: str = Field(max_length=64)
    at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)


class SiteSetting(SQLModel, table=True):
    """Settings an admin changes at run time (sign-up policy), shared by every replica."""

    __tablename__ = "site_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


# Classrooms (shared mode): cohorts, their instructors and members, assignments ---------------


class LatePolicy(StrEnum):
    """What happens to an attempt made after the learner's own deadline."""

    ACCEPT = "accept"  # counts in full, marked late
    PENALTY = "penalty"  # loses N % of its score per started day late, down to a floor
    CLOSE = "close"  # does not count for the assignment


class Cohort(SQLModel, table=True):
    """A class or onboarding group; learners join it with its code while joining is open."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    join_code: str = Field(max_length=16, unique=True)
    joining_open: bool = True
    time_zone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class CohortInstructor(SQLModel, table=True):
    """Who teaches a cohort: its owner and co-instructors (an admin sees every cohort anyway)."""

    __tablename__ = "cohort_instructor"

    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(
        foreign_key="learner.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    owner: bool = False


class CohortMember(SQLModel, table=True):
    """A learner in a cohort. The pseudonym is what the room's board shows, only if they chose one."""

    __tablename__ = "cohort_member"

    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(
        foreign_key="learner.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    pseudonym: str | None = Field(default=None, max_length=40)
    joined_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class Assignment(SQLModel, table=True):
    """Exercises (and lessons to read first) a cohort is to finish between two moments (UTC)."""

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=120)
    opens_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    due_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    late_policy: str = Field(default=LatePolicy.ACCEPT.value, max_length=16)
    penalty_per_day: int = 0  # percent of the score lost per started day late
    penalty_floor: int = 0  # the share of its score (percent) a late attempt always keeps
    hide_reference: bool = False  # no reference fix before the learner's deadline
    lessons: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class AssignmentExercise(SQLModel, table=True):
    __tablename__ = "assignment_exercise"

    assignment_id: int = Field(foreign_key="assignment.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True, index=True)
    position: int = 0


class Extension(SQLModel, table=True):
    """One learner's own deadline for an assignment (replaces the assignment's due time)."""

    assignment_id: int = Field(foreign_key="assignment.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    due_at: datetime = Field(sa_type=sa.DateTime(timezone=True))


class ExerciseOpen(SQLModel, table=True):
    """When a learner first opened an exercise: the start of "time from first open to solve"."""

    __tablename__ = "exercise_open"

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    first_opened_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class RegradeRun(SQLModel, table=True):
    """An instructor's regrade of a cohort's best attempts of one exercise against today's version."""

    __tablename__ = "regrade_run"

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohort.id", index=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120)
    content_hash: str = Field(default="", max_length=64)
    total: int = 0
    done: int = 0
    state: str = Field(default="running", max_length=16)  # running, finished, failed
    started_by: int | None = Field(default=None, foreign_key="learner.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class RegradeResult(SQLModel, table=True):
    """One attempt regraded: its previous grade kept beside the new one (the attempt row carries
    the new grade from then on, so every view and query sees today's result)."""

    __tablename__ = "regrade_result"

    run_id: int = Field(foreign_key="regrade_run.id", primary_key=True, ondelete="CASCADE")
    attempt_id: int = Field(foreign_key="attempt.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120)
    previous_score: int
    previous_solved: bool
    previous_report: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    previous_grader_version: str = Field(default="", max_length=40)
    new_score: int
    new_solved: bool
    regraded_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class ExerciseStanding(SQLModel, table=True):
    """One learner on one exercise, derived from their graded attempts and kept in step by every
    write of one (progress/standing.py): the classroom pages read these instead of every attempt."""

    __tablename__ = "exercise_standing"
    # The board finds each exercise's first solvers in solve-time order, and the dashboard
    # counts each exercise's solvers, from this index alone (the learner rides along).
    __table_args__ = (
        sa.Index("ix_exercise_standing_solved", "exercise", "first_solved_at", "learner_id"),
    )

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    tries: int
    best_score: int
    best_attempt_id: int
    best_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    first_solved_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    tries_to_solve: int
    last_attempt_id: int
    last_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)
    records: list[Any] = Field(default_factory=list, sa_type=sa.JSON)  # see Standing.records
    solve_seconds: int | None = None  # see Standing.solve_seconds


class StandingProblem(SQLModel, table=True):
    """What a learner's latest graded attempt on an exercise still gets wrong: a failed hidden
    requirement (label: its text) or a security finding left in (label: its id)."""

    __tablename__ = "standing_problem"
    # The dashboard counts each problem over a class in this order, without sorting the labels.
    __table_args__ = (
        sa.Index("ix_standing_problem_counted", "exercise", "kind", "label", "learner_id"),
    )

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    kind: str = Field(max_length=12, primary_key=True)
    label: str = Field(max_length=500, primary_key=True)
    detail: str = Field(default="", sa_type=sa.Text)


# The dashboard, the board and the progress page read attempts per learner and exercise in time
# order; these let them do it from the index (score and solved ride along), and the pacing view
# finds the last minutes' attempts without reading the rest.
sa.Index(
    "ix_attempt_learner_exercise",
    col(Attempt.learner_id),
    col(Attempt.exercise),
    col(Attempt.state),
    col(Attempt.created_at),
    col(Attempt.score),
    col(Attempt.solved),
)
sa.Index("ix_attempt_created_at", col(Attempt.created_at))
# The board reads only solving attempts: about one in five, found without reading the others.
sa.Index(
    "ix_attempt_solved",
    col(Attempt.exercise),
    col(Attempt.learner_id),
    col(Attempt.created_at),
    sqlite_where=sa.text("solved AND state = 'graded'"),
    postgresql_where=sa.text("solved AND state = 'graded'"),
)
