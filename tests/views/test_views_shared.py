"""Shared mode in the app: nobody sees a page before signing in, and every boundary holds when
someone tries to cross it by address (another learner's progress or attempt, the admin page)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from grading.report import Report, Status
from learning.access import Role
from learning.accounts import Accounts
from progress import ProgressStore, make_engine
from tests.views.apptest_helpers import APP, RUN_TIMEOUT, texts

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def shared(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    import learning.accounts

    monkeypatch.setenv("PRODREADY_MODE", "shared")
    monkeypatch.setattr(
        learning.accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def people(data_dir):
    """An admin and two learners with one attempt each; their tokens and ids."""
    from progress import upgrade

    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    store = ProgressStore(engine)
    accounts = Accounts(store)
    accounts.create_admin("admin@example.com", PASSWORD)
    admin = accounts.sign_in("admin@example.com", PASSWORD, "t")
    found = {"admin": admin}
    for name in ("ana", "ben"):
        accounts.use_link(accounts.invite(admin.actor, f"{name}@example.com"), PASSWORD, name)
        found[name] = accounts.sign_in(f"{name}@example.com", PASSWORD, "t")
        report = Report("sql-user-lookup", Status.FAIL, False, 10, "", grader_version="t")
        store.record_attempt(found[name].actor.learner_id, f"# {name}'s secret code\n", report)
    found["store"] = store
    return found


def _open(page: str | None, token: str | None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    if token is not None:
        at.session_state["session_token"] = token
    at.query_params.update(query)
    at.run()
    if page is not None:
        at.switch_page(page)
        at.query_params.update(query)
        at.run()
    return at


def test_nobody_sees_a_page_before_signing_in(people):
    at = _open(None, None, exercise="sql-user-lookup")
    assert not at.exception, at.exception
    assert at.title[0].value == "Sign in to ProdReady"
    assert "secret code" not in texts(at)
    for page in ("views/exercise.py", "views/my_progress.py", "views/admin.py"):
        with pytest.raises(ValueError, match="Known pages: .*sign_in.py'\\]"):
            at.switch_page(page)  # only the sign-in gate is registered, whatever the address


def test_a_forged_or_revoked_token_shows_the_gate(people):
    at = _open(None, "forged-token")
    assert at.title[0].value == "Sign in to ProdReady"
    Accounts(people["store"]).sign_out(people["ana"].token)
    at = _open(None, people["ana"].token)
    assert at.title[0].value == "Sign in to ProdReady"
    assert "sign-in has ended" in texts(at)


def test_a_signed_in_learner_sees_their_own_progress(people):
    at = _open("views/my_progress.py", people["ana"].token)
    assert not at.exception, at.exception
    assert at.title[0].value == "Your progress"


def test_a_learner_cannot_open_another_learners_progress_by_address(people):
    ben = people["ben"].actor
    at = _open("views/my_progress.py", people["ana"].token, learner=str(ben.learner_id))
    assert "You can only see your own work." in texts(at)
    assert "Learner progress" not in texts(at)


def test_a_learner_cannot_open_another_learners_attempt_by_address(people):
    store = people["store"]
    ben_attempt = store.attempts(people["ben"].actor.learner_id)[0]
    at = _open("views/my_progress.py", people["ana"].token, attempt=str(ben_attempt.id))
    assert "no such attempt" in texts(at)
    assert "ben's secret code" not in texts(at)
    own = store.attempts(people["ana"].actor.learner_id)[0]
    at = _open("views/my_progress.py", people["ana"].token, attempt=str(own.id))
    assert "ana's secret code" in texts(at)


@pytest.mark.parametrize("who, query", [("ana", "attempt"), ("admin", "learner")])
def test_an_id_too_large_for_any_row_is_not_found_not_a_crash(people, who, query):
    """/progress?attempt=999…9 (or an admin's ?learner=) once reached the database driver,
    which failed (OverflowError) and put a stack trace on the page."""
    at = _open("views/my_progress.py", people[who].token, **{query: "9" * 30})
    assert not at.exception, at.exception
    assert "no such" in texts(at)


def test_an_admin_may_read_a_learners_progress(people):
    ben = people["ben"].actor
    at = _open("views/my_progress.py", people["admin"].token, learner=str(ben.learner_id))
    assert at.title[0].value == "Learner progress"


def test_the_admin_page_is_not_there_for_a_learner(people):
    at = _open(None, people["ana"].token)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/admin.py")


def test_the_admin_services_refuse_a_learner_whatever_the_page():
    from learning.access import AccessDenied, Actor
    from learning.accounts import Accounts

    with pytest.raises(AccessDenied):
        Accounts(store=None).list_accounts(Actor(learner_id=5))  # type: ignore[arg-type]


def test_the_admin_page_lists_accounts_for_an_admin(people):
    at = _open("views/admin.py", people["admin"].token)
    assert not at.exception, at.exception
    assert "ana@example.com" in texts(at) and "ben@example.com" in texts(at)
    assert "$argon2" not in texts(at)


def test_signing_out_revokes_the_session_for_every_tab(people):
    ana = people["ana"].token
    first, second = _open(None, ana), _open(None, ana)
    first.button(key="sign-out").click().run()
    assert first.title[0].value == "Sign in to ProdReady"
    second.run()  # the other tab's next click
    assert second.title[0].value == "Sign in to ProdReady"


def test_a_role_change_shows_at_the_next_click(people):
    ana = people["ana"]
    at = _open(None, ana.token)
    Accounts(people["store"]).set_role(people["admin"].actor, ana.actor.account_id, Role.ADMIN)
    at.run()
    assert "Admin" in texts(at)


@pytest.mark.parametrize("value", ["²", "1e3", "-4"])
def test_an_address_id_that_is_no_number_of_ours_reads_as_none(people, value):
    at = _open("views/my_progress.py", people["ana"].token, attempt=value)
    assert not at.exception, at.exception
    assert at.title[0].value == "Your progress"
