"""Workspace boundaries against ids typed into an address: any number a browser can send reads
as "not found" or "not yours", never as a database error."""

from __future__ import annotations

import pytest

from learning.access import AccessDenied, Actor, Role
from learning.workspace import MAX_ROW_ID, Workspace
from progress import ProgressStore

HUGE = [MAX_ROW_ID + 1, 2**63, 10**30, 0, -1]


@pytest.fixture
def learner(store: ProgressStore) -> Actor:
    return Actor(learner_id=store.ensure_learner("ana", "Ana"))


@pytest.mark.parametrize("attempt_id", HUGE)
def test_an_attempt_id_no_row_can_have_reads_as_not_found(store, learner, attempt_id):
    with pytest.raises(AccessDenied, match="no such attempt"):
        Workspace(store, learner).attempt(attempt_id)


@pytest.mark.parametrize("learner_id", HUGE)
def test_an_admin_opening_a_learner_id_no_row_can_have_is_told_there_is_none(
    store, learner, learner_id
):
    admin = Actor(learner_id=store.ensure_learner("boss", "Boss"), role=Role.ADMIN)
    with pytest.raises(AccessDenied, match="no such learner"):
        Workspace(store, admin, learner_id)
    with pytest.raises(AccessDenied, match="only see your own"):
        Workspace(store, learner, learner_id)  # a learner still gets the usual refusal


def test_the_largest_id_a_row_can_have_is_still_looked_up(store, learner):
    with pytest.raises(AccessDenied, match="no such attempt"):
        Workspace(store, learner).attempt(MAX_ROW_ID)


def test_the_code_a_reset_replaced_is_its_owners_alone(store, exercise):
    owner = Actor(store.ensure_learner("owner"))
    Workspace(store, owner).reset_draft(exercise, "my code before the reset")
    admin = Actor(store.ensure_learner("admin"), Role.ADMIN)
    reader = Workspace(store, admin, owner.learner_id)  # an admin may read their progress
    with pytest.raises(AccessDenied):
        reader.discarded_draft(exercise.slug)
    with pytest.raises(AccessDenied):
        reader.undo_reset(exercise.slug)
    assert Workspace(store, owner).undo_reset(exercise.slug) == "my code before the reset"
