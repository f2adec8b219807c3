"""Who may see and change what. Every service checks here before it reads or writes another
person's data; pages never decide. The rules:

- a learner reads and changes only their own drafts, attempts, hints and answers;
- an admin manages accounts and roles and may read anyone's progress;
- an instructor reads the progress of learners in the cohorts they teach (`grant_reader`
  lets the classroom module add that rule without touching the callers), and of their attempts
  only those the classroom module's `grant_scope` rule allows (the cohort's assigned exercises).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    LEARNER = "learner"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


ROLE_TITLES = {
    Role.LEARNER: "Learner",
    Role.INSTRUCTOR: "Instructor",
    Role.ADMIN: "Admin",
}


class AccessDenied(PermissionError):
    """The signed-in person may not do this; the message says so without revealing the data."""


@dataclass(frozen=True)
class Actor:
    """The person behind a request: their learner row, their role and (shared mode) account."""

    learner_id: int
    role: Role = Role.LEARNER
    account_id: int | None = None  # None in local mode
    email: str = ""
    display_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


# Extra rules by which someone may read another learner's progress: (actor, learner_id) -> bool.
ReaderRule = Callable[[Actor, int], bool]
_READER_RULES: list[ReaderRule] = []


def grant_reader(rule: ReaderRule) -> ReaderRule:
    """Register a rule that lets an actor read a learner's progress (e.g. their instructor)."""
    _READER_RULES.append(rule)
    return rule


# Limits on which exercises' attempts a reader may open: (actor, learner_id) -> slugs, or None
# when the rule does not limit this reader. The learner and an admin are never limited.
ScopeRule = Callable[[Actor, int], frozenset[str] | None]
_SCOPE_RULES: list[ScopeRule] = []


def grant_scope(rule: ScopeRule) -> ScopeRule:
    """Register a rule that limits a reader to some exercises (an instructor: the assigned ones)."""
    _SCOPE_RULES.append(rule)
    return rule


def readable_exercises(actor: Actor, learner_id: int) -> frozenset[str] | None:
    """The exercises whose attempts `actor` may open for `learner_id`; None means all."""
    if actor.learner_id == learner_id or actor.is_admin:
        return None
    allowed: frozenset[str] | None = None
    for rule in _SCOPE_RULES:
        limit = rule(actor, learner_id)
        if limit is not None:
            allowed = limit if allowed is None else allowed & limit
    return allowed


def may_read(actor: Actor, learner_id: int) -> bool:
    if actor.learner_id == learner_id or actor.is_admin:
        return True
    return any(rule(actor, learner_id) for rule in _READER_RULES)


def require_reader(actor: Actor, learner_id: int) -> None:
    if not may_read(actor, learner_id):
        raise AccessDenied("You can only see your own work.")


def require_owner(actor: Actor, learner_id: int) -> None:
    """Changing work is for its owner alone: not even an admin edits a learner's draft."""
    if actor.learner_id != learner_id:
        raise AccessDenied("You can only change your own work.")


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AccessDenied("Only an admin can manage accounts and roles.")
