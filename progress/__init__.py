"""Learner progress with SQLModel: models, engine, queries and Alembic migrations."""

from __future__ import annotations

from progress.engine import database_url, make_engine
from progress.migrate import upgrade
from progress.models import Account, Attempt, AuthSession, Draft, FlawAnswer, HintUse, Learner
from progress.store import LOCAL_LEARNER, ExerciseProgress, ProgressStore, StorageError

__all__ = [
    "LOCAL_LEARNER",
    "Account",
    "AuthSession",
    "Attempt",
    "Draft",
    "ExerciseProgress",
    "FlawAnswer",
    "HintUse",
    "Learner",
    "ProgressStore",
    "StorageError",
    "database_url",
    "make_engine",
    "upgrade",
]
