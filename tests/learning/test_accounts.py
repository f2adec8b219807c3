"""Accounts: sign-up policy, sign-in with rate limits, sessions that can be revoked, one-time links,
admin-only operations, and the local learner's history claimed by the first admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from learning.access import AccessDenied, Actor, Role
from learning.accounts import (
    WRONG_CREDENTIALS,
    AccountError,
    Accounts,
    RateLimited,
    SignupPolicy,
    password_problem,
    token_hash,
)
from progress import ProgressStore
from progress.models import utc_now

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 with the smallest cost, so the suite does not spend seconds hashing."""
    import learning.accounts

    monkeypatch.setattr(
        learning.accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


class Clock:
    def __init__(self):
        self.now = utc_now()

    def __call__(self):
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(store: ProgressStore, clock: Clock) -> Accounts:
    return Accounts(store, clock=clock)


@pytest.fixture
def admin(accounts: Accounts) -> Actor:
    accounts.create_admin("admin@example.com", PASSWORD)
    return accounts.sign_in("admin@example.com", PASSWORD, "10.0.0.1").actor


def _learner(accounts: Accounts, admin: Actor, email: str = "ana@example.com") -> Actor:
    link = accounts.invite(admin, email)
    return accounts.use_link(link, PASSWORD, "Ana").actor


def test_the_password_is_stored_only_as_an_argon2_hash(accounts, store, admin):
    account = store.account_by_email("admin@example.com")
    assert account.password_hash.startswith("$argon2")
    assert PASSWORD not in account.password_hash


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "at least"),
        ("x" * 300, "at most"),
        ("password123", "first an attacker"),
        ("aaaaaaaaaaaaaa", "first an attacker"),
        ("ana.lopez-2026!", "e-mail"),
        ("tab\there password", "control"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    assert reason in password_problem(password, "ana.lopez@example.com")


def test_create_admin_refuses_a_weak_password(accounts):
    with pytest.raises(AccountError, match="at least"):
        accounts.create_admin("boss@example.com", "short")


def test_wrong_e_mail_and_wrong_password_get_the_same_message(accounts, admin):
    for email, password in (("nobody@example.com", PASSWORD), ("admin@example.com", "wrong one!!")):
        with pytest.raises(AccountError) as caught:
            accounts.sign_in(email, password, "10.0.0.2")
        assert str(caught.value) == WRONG_CREDENTIALS


def test_failed_sign_ins_lock_only_the_guessing_address_out_of_the_account(accounts, admin, clock):
    for _ in range(5):
        with pytest.raises(AccountError):
            accounts.sign_in("admin@example.com", "not the password", "203.0.113.9")
    with pytest.raises(RateLimited):
        accounts.sign_in("admin@example.com", PASSWORD, "203.0.113.9")  # even the right password
    # The owner, elsewhere, is not locked out by a stranger's guesses.
    assert accounts.sign_in("admin@example.com", PASSWORD, "198.51.100.7").actor.is_admin
    clock.now += timedelta(minutes=16)
    assert accounts.sign_in("admin@example.com", PASSWORD, "203.0.113.9").actor.is_admin


def test_many_addresses_guessing_one_account_are_slowed_down(accounts, admin, store):
    for n in range(100):
        store.add_failure("admin@example.com", f"10.2.{n // 250}.{n % 250}")
    with pytest.raises(RateLimited):
        accounts.sign_in("admin@example.com", PASSWORD, "192.0.2.1")


def test_failed_sign_ins_are_limited_per_client_address(accounts, admin):
    for n in range(30):
        with pytest.raises(AccountError):
            accounts.sign_in(f"guess{n}@example.com", "whatever123", "203.0.113.5")
    with pytest.raises(RateLimited):
        accounts.sign_in("admin@example.com", PASSWORD, "203.0.113.5")
    assert accounts.sign_in("admin@example.com", PASSWORD, "198.51.100.1")


def test_a_session_resolves_until_it_expires_or_is_revoked(accounts, clock):
    accounts.create_admin("a@example.com", PASSWORD)
    signed = accounts.sign_in("a@example.com", PASSWORD, "c")
    assert accounts.resolve(signed.token) == accounts.resolve(signed.token)
    assert accounts.resolve(signed.token).role is Role.ADMIN
    assert accounts.resolve("forged-" + signed.token) is None
    assert accounts.resolve("") is None and accounts.resolve("x" * 5000) is None
    clock.now += timedelta(days=15)
    assert accounts.resolve(signed.token) is None
    clock.now -= timedelta(days=15)
    accounts.sign_out(signed.token)
    assert accounts.resolve(signed.token) is None


def test_only_a_hash_of_the_session_token_is_stored(accounts, store, admin):
    signed = accounts.sign_in("admin@example.com", PASSWORD, "c")
    assert store.session_account(signed.token) is None
    assert store.session_account(token_hash(signed.token)) is not None


def test_a_password_change_signs_out_every_other_browser(accounts, admin):
    here = accounts.sign_in("admin@example.com", PASSWORD, "c")
    other_tab = accounts.sign_in("admin@example.com", PASSWORD, "c")
    accounts.change_password(here.actor, here.token, PASSWORD, "a brand new passphrase")
    assert accounts.resolve(here.token) is not None
    assert accounts.resolve(other_tab.token) is None
    with pytest.raises(AccountError):
        accounts.sign_in("admin@example.com", PASSWORD, "c")


def test_disabling_an_account_revokes_its_sessions_at_once(accounts, admin, store):
    ana = _learner(accounts, admin)
    session = accounts.sign_in("ana@example.com", PASSWORD, "c")
    accounts.set_disabled(admin, ana.account_id, True)
    assert accounts.resolve(session.token) is None
    with pytest.raises(AccountError, match="disabled"):
        accounts.sign_in("ana@example.com", PASSWORD, "c")


def test_sign_up_follows_the_admin_policy(accounts, admin):
    assert accounts.signup_policy() is SignupPolicy.INVITE  # safe by default
    with pytest.raises(AccountError, match="invitation"):
        accounts.sign_up("new@example.com", PASSWORD, "New")
    accounts.set_signup_policy(admin, SignupPolicy.OPEN)
    signed = accounts.sign_up("New@Example.com ", PASSWORD, "New")
    assert signed.actor.role is Role.LEARNER and signed.actor.email == "new@example.com"
    with pytest.raises(AccountError):
        accounts.sign_up("new@example.com", PASSWORD, "Again")
    accounts.set_signup_policy(admin, SignupPolicy.OFF)
    with pytest.raises(AccountError):
        accounts.sign_up("late@example.com", PASSWORD, "Late")


@pytest.mark.parametrize(
    "email",
    ["", "no-at-sign", "a@b", "two@@example.com", "a\x00@example.com", "x" * 250 + "@example.com"],
)
def test_bad_e_mail_addresses_are_refused_clearly(accounts, admin, email):
    accounts.set_signup_policy(admin, SignupPolicy.OPEN)
    with pytest.raises(AccountError, match="e-mail"):
        accounts.sign_up(email, PASSWORD, "Name")


def test_names_with_control_characters_or_too_long_are_refused(accounts, admin):
    accounts.set_signup_policy(admin, SignupPolicy.OPEN)
    for name in ("bad\x1b[31mname", "n" * 101):
        with pytest.raises(AccountError):
            accounts.sign_up("named@example.com", PASSWORD, name)


def test_an_invitation_link_works_once(accounts, admin):
    link = accounts.invite(admin, "ana@example.com", Role.INSTRUCTOR)
    assert accounts.link_purpose(link) == "invite"
    with pytest.raises(AccountError, match="at least"):
        accounts.use_link(link, "short", "Ana")  # a weak password does not burn the link
    signed = accounts.use_link(link, PASSWORD, "Ana")
    assert signed.actor.role is Role.INSTRUCTOR
    assert accounts.link_purpose(link) is None
    with pytest.raises(AccountError, match="not valid"):
        accounts.use_link(link, PASSWORD, "Ana")


def test_a_reset_link_expires_and_signs_out_everywhere(accounts, admin, clock):
    ana = _learner(accounts, admin)
    session = accounts.sign_in("ana@example.com", PASSWORD, "c")
    old = accounts.reset_link(admin, ana.account_id)
    clock.now += timedelta(hours=25)
    with pytest.raises(AccountError, match="not valid"):
        accounts.use_link(old, "another long passphrase")
    fresh = accounts.reset_link(admin, ana.account_id)
    accounts.use_link(fresh, "another long passphrase")
    assert accounts.resolve(session.token) is None
    assert accounts.sign_in("ana@example.com", "another long passphrase", "c")


def test_only_admins_manage_accounts(accounts, admin):
    ana = _learner(accounts, admin)
    for call in (
        lambda: accounts.invite(ana, "x@example.com"),
        lambda: accounts.reset_link(ana, admin.account_id),
        lambda: accounts.set_role(ana, ana.account_id, Role.ADMIN),
        lambda: accounts.set_disabled(ana, admin.account_id, True),
        lambda: accounts.list_accounts(ana),
        lambda: accounts.set_signup_policy(ana, SignupPolicy.OPEN),
        lambda: accounts.claim_local_history(ana),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_the_last_admin_cannot_be_demoted_or_disabled(accounts, admin):
    second = _learner(accounts, admin, "second@example.com")
    accounts.set_role(admin, second.account_id, Role.ADMIN)
    second_admin = accounts.sign_in("second@example.com", PASSWORD, "c").actor
    accounts.set_role(second_admin, admin.account_id, Role.LEARNER)
    with pytest.raises(AccountError, match="own role"):
        accounts.set_role(second_admin, second_admin.account_id, Role.LEARNER)


def test_attempts_stay_with_the_learner_after_a_role_change(accounts, admin, store, exercise):
    from grading.report import Report, Status

    ana = _learner(accounts, admin)
    store.record_attempt(ana.learner_id, "code", Report(exercise.slug, Status.FAIL, False, 10, ""))
    accounts.set_role(admin, ana.account_id, Role.INSTRUCTOR)
    again = accounts.sign_in("ana@example.com", PASSWORD, "c").actor
    assert again.role is Role.INSTRUCTOR and again.learner_id == ana.learner_id
    assert len(store.attempts(again.learner_id)) == 1


def test_the_first_admin_claims_the_local_learners_history(accounts, store):
    local = store.ensure_learner()
    store.save_draft(local, "sql-user-lookup", "my local draft")
    store.unlock_hint(local, "sql-user-lookup", 0)
    assert accounts.local_history_to_claim() == 2
    accounts.create_admin("admin@example.com", PASSWORD)
    admin = accounts.sign_in("admin@example.com", PASSWORD, "c").actor
    assert accounts.claim_local_history(admin) == 2
    again = accounts.sign_in("admin@example.com", PASSWORD, "c").actor
    assert again.learner_id == local
    assert store.draft(again.learner_id, "sql-user-lookup") == "my local draft"
    assert accounts.local_history_to_claim() == 0


def test_single_sign_on_maps_only_invited_people_unless_sign_up_is_open(accounts, admin):
    with pytest.raises(AccountError, match="not invited"):
        accounts.sso_actor("sub-1", "stranger@example.com")
    accounts.invite(admin, "ana@example.com")
    ana = accounts.sso_actor("sub-ana", "ANA@example.com", "Ana")
    assert ana.email == "ana@example.com"
    assert accounts.sso_actor("sub-ana", "renamed@example.com") == ana  # the subject decides
    with pytest.raises(AccountError):
        accounts.sso_actor(
            "someone-else", "ana@example.com"
        )  # e-mail already linked to another subject
    accounts.set_signup_policy(admin, SignupPolicy.OPEN)
    assert accounts.sso_actor("sub-new", "new@example.com").role is Role.LEARNER
