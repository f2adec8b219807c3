"""Who may see and manage a cohort, and the rule that lets an instructor read their learners.

- an admin manages every cohort;
- an instructor manages the cohorts they own or were added to as co-instructor, nothing else;
- an instructor reads a learner's overall progress only while the learner is in a cohort they
  teach, and of that learner's attempts only those on exercises assigned in such a cohort.

The rules are registered with learning.access (`grant_reader`, `grant_scope`) so every service
that reads a learner's work, the Workspace included, applies them without knowing classrooms.
The rule needs the database: `install(store)` points it at the store the app uses.
"""

from __future__ import annotations

from learning.access import AccessDenied, Actor, Role, grant_reader, grant_scope
from progress import ProgressStore
from progress.classroom import ClassroomRepository

_installed: dict[str, ClassroomRepository] = {}


def install(store: ProgressStore) -> ClassroomRepository:
    """The classroom rows of `store`, and the access rules reading from them."""
    repo = ClassroomRepository(store.engine)
    _installed["repo"] = repo
    return repo


def _repo() -> ClassroomRepository | None:
    return _installed.get("repo")


def is_teacher(actor: Actor) -> bool:
    return actor.role in (Role.INSTRUCTOR, Role.ADMIN)


def teaches(repo: ClassroomRepository, actor: Actor, cohort_id: int) -> bool:
    if actor.is_admin:
        return repo.cohort(cohort_id) is not None
    return actor.role is Role.INSTRUCTOR and repo.teaches(actor.learner_id, cohort_id)


def require_teacher(repo: ClassroomRepository, actor: Actor, cohort_id: int) -> None:
    """The same refusal whether the cohort exists or not: ids are not to be probed."""
    if not teaches(repo, actor, cohort_id):
        raise AccessDenied("You can only manage the cohorts you teach.")


@grant_reader
def _instructor_reads_their_learners(actor: Actor, learner_id: int) -> bool:
    repo = _repo()
    return (
        repo is not None
        and actor.role is Role.INSTRUCTOR
        and repo.shares_cohort(actor.learner_id, learner_id)
    )


@grant_scope
def _instructor_sees_assigned_work(actor: Actor, learner_id: int) -> frozenset[str] | None:
    """None: no limit from this rule (the learner themself, an admin, anyone else it does not
    concern); else the exercises whose attempts the instructor may open."""
    repo = _repo()
    if actor.learner_id == learner_id or actor.is_admin or actor.role is not Role.INSTRUCTOR:
        return None
    if repo is None:
        return frozenset()
    return repo.taught_exercises(actor.learner_id, learner_id)
