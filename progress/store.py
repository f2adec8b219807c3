"""Every read and write of learner progress, one repository per concern. Services in learning/
call these; pages never talk SQL."""

from __future__ import annotations

from progress.accounts import LOCAL_LEARNER, AccountRepository
from progress.attempts import AttemptRepository, ExerciseProgress
from progress.db import StorageError, as_utc
from progress.work import WorkRepository

__all__ = ["LOCAL_LEARNER", "ExerciseProgress", "ProgressStore", "StorageError", "as_utc"]


class ProgressStore(AccountRepository, AttemptRepository, WorkRepository):
    """One object over one engine that holds every repository's queries."""
