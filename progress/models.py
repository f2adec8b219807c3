"""The stored progress: every row belongs to a learner, so accounts and cohorts can arrive later
without changing what existing rows mean. Exercises are referenced by slug: content lives in
files, not in the database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class Learner(SQLModel, table=True):
    """A person working through the course. Local mode has a single learner with handle "local"."""

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(max_length=120, unique=True)
    display_name: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class Attempt(SQLModel, table=True):
    """One graded submission, kept whole: the code, the report and the grader that produced it,
    so a score can always be explained (and re-graded) later."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, index=True)
    code: str = Field(sa_type=sa.Text)
    report: dict[str, Any] = Field(sa_type=sa.JSON)
    status: str = Field(max_length=16)
    score: int
    solved: bool
    grader_version: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


class Draft(SQLModel, table=True):
    """The code in the editor, one per learner and exercise: a reload never loses work."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    exercise: str = Field(max_length=120, primary_key=True)
    code: str = Field(sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=sa.DateTime(timezone=True))


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
