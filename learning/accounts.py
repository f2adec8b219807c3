"""Shared mode's accounts: sign-up, sign-in, sessions, passwords, invitations and resets.

Passwords are hashed with argon2 and never stored, logged or shown. A signed-in browser holds a
random token in an HttpOnly cookie; the database keeps only its SHA-256, so every check is one
indexed look-up and revoking a row signs that browser out on every replica at its next click.
Messages never tell whether an e-mail has an account.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from config import current
from learning.access import AccessDenied, Actor, Role, require_admin
from progress import Account, ProgressStore
from progress.accounts import LOCAL_LEARNER
from progress.db import as_utc, row_id
from progress.models import AccountToken, utc_now

MAX_EMAIL = 254
MAX_NAME = 100
MIN_PASSWORD, MAX_PASSWORD = 10, 256
FAILURE_WINDOW = timedelta(minutes=15)
# Per account *and* address: a stranger's guesses lock only their own address out of that account,
# never its owner. Per account from anywhere: many addresses guessing one account (a botnet) are
# slowed down far above anything a person mistypes. Per address: one client guessing many accounts.
MAX_FAILURES_PER_ACCOUNT_AND_CLIENT = 5
MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT = 100, 30
# Each sign-up hashes a password (tens of milliseconds, 64 MiB) and may add an account.
SIGNUPS_PER_CLIENT, SIGNUP_WINDOW = 10, timedelta(minutes=15)
LINK_LIFETIME = {"invite": timedelta(days=7), "reset": timedelta(hours=24)}
WRONG_CREDENTIALS = "E-mail or password is wrong."
UNVERIFIED_SSO_EMAIL = (
    "Your organisation has not verified the e-mail address on your account, so it cannot be "
    "matched to an account here. Ask your admin."
)
TOO_MANY_WRONG_CURRENT = "Too many wrong current passwords. Wait 15 minutes and try again."
COMMON_PASSWORDS = frozenset(
    "password password1 password123 1234567890 12345678910 qwertyuiop qwerty123456 "
    "iloveyou123 letmein123 welcome123 administrator changeme123 prodready1 trustno1234".split()
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# Names and e-mails are shown to admins on pages that render Markdown: refused here is what
# would make a link, an image (fetched from elsewhere by the admin's browser) or markup of them.
# None belongs in a person's name; quotes, brackets and colons are not valid unquoted in an
# e-mail address either.
_NOT_IN_EMAIL = frozenset('[]()<>\\",;:`')
_NOT_IN_NAME = frozenset("[]<>`")
_WEB_ADDRESS = re.compile(r"://|\bwww\.", re.IGNORECASE)
# Verified when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """What the person typed cannot be used; the message says why and what to do."""


class RateLimited(AccountError):
    """Too many failed sign-ins from this account or address."""


class SignupPolicy(StrEnum):
    OPEN = "open"  # anyone with the address may create a learner account
    INVITE = "invite"  # only people an admin (or instructor) invited
    OFF = "off"  # nobody new


@dataclass(frozen=True)
class SignedIn:
    """A new session: the token goes into the cookie, the actor is who signed in."""

    token: str
    actor: Actor


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", errors="replace")).hexdigest()


def normalize_email(text: str) -> str:
    email = text.strip().lower()
    if not email:
        raise AccountError("Enter your e-mail address.")
    bad_characters = _has_control(email) or not _NOT_IN_EMAIL.isdisjoint(email)
    if len(email) > MAX_EMAIL or bad_characters or not _EMAIL.match(email):
        raise AccountError("That is not an e-mail address (it should look like name@example.com).")
    return email


def clean_name(text: str, email: str) -> str:
    name = " ".join(text.split())
    if len(name) > MAX_NAME:
        raise AccountError(f"A name can be at most {MAX_NAME} characters.")
    if _has_control(text.replace("\n", " ").replace("\t", " ")):
        raise AccountError("A name cannot contain control characters.")
    if not _NOT_IN_NAME.isdisjoint(name) or _WEB_ADDRESS.search(name):
        raise AccountError("A name cannot contain [ ] < > ` or a web address.")
    return name or email.split("@", 1)[0]


def password_problem(password: str, email: str = "") -> str | None:
    """Why this password is too weak, or None. Length beats composition rules (NIST 800-63B)."""
    if len(password) < MIN_PASSWORD:
        return f"A password needs at least {MIN_PASSWORD} characters."
    if len(password) > MAX_PASSWORD:
        return f"A password can be at most {MAX_PASSWORD} characters."
    if _has_control(password):
        return "A password cannot contain control characters."
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(password)) < 4:
        return "That password is one of the first an attacker tries; choose another."
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in lowered:
        return "A password must not contain your e-mail address."
    return None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def _actor(account: Account) -> Actor:
    return Actor(
        learner_id=account.learner_id,
        role=Role(account.role),
        account_id=row_id(account),
        email=account.email,
    )


class Accounts:
    """Every account operation; admin operations take the acting admin and check the role."""

    def __init__(self, store: ProgressStore, clock: Callable[[], datetime] = utc_now):
        self.store, self.clock = store, clock

    # Signing in and out ------------------------------------------------------------------

    def sign_in(self, email_text: str, password: str, client: str) -> SignedIn:
        email, client = email_text.strip().lower()[:MAX_EMAIL], client[:64]
        pending = self._count_guess(email, client)
        account = self.store.account_by_email(email) if email else None
        stored = account.password_hash if account is not None else None
        if account is None or stored is None or not self._verify(stored, password):
            if account is None or stored is None:
                self._verify(_DUMMY_HASH, password)  # the same cost as a wrong password
            raise AccountError(WRONG_CREDENTIALS)  # the counted failure stays
        if account.disabled:
            self.store.remove_failure(pending)  # the right password is not a guess
            raise AccountError("This account is disabled. Ask your admin.")
        self.store.clear_failures(email)
        return self._new_session(account)

    def resolve(self, token: str | None) -> Actor | None:
        """The person a cookie's token signs in, or None: unknown, expired, revoked, disabled."""
        if not isinstance(token, str) or not token or len(token) > 200:
            return None
        found = self.store.session_account(token_hash(token))
        if found is None:
            return None
        session, account = found
        if session.revoked_at is not None or session.expires_at <= self.clock():
            return None
        if account.disabled:
            return None
        actor = _actor(account)
        learner = self.store.learner(account.learner_id)
        name = learner.display_name if learner is not None else account.email
        return Actor(actor.learner_id, actor.role, actor.account_id, actor.email, name)

    def sign_out(self, token: str) -> None:
        self.store.revoke_sessions(token_hash=token_hash(token))

    def change_password(self, actor: Actor, token: str, old: str, new: str) -> None:
        """Change the actor's password; every other browser of theirs is signed out."""
        account = self._own_account(actor)
        # Someone at an unlocked, signed-in browser must not get to try every password: the
        # current one is guessed under the same limits as a sign-in (its own client name, so
        # neither the sign-in page nor other people's mistakes use up this account's tries).
        try:
            pending = self._count_guess(account.email, f"password-change:{row_id(account)}")
        except RateLimited as error:
            raise RateLimited(TOO_MANY_WRONG_CURRENT) from error
        if not self._verify(account.password_hash or _DUMMY_HASH, old):
            raise AccountError("Your current password is wrong.")  # the counted guess stays
        self.store.remove_failure(pending)
        self._set_password(account, new)
        self.store.revoke_sessions(account_id=row_id(account), keep=token_hash(token))

    # Joining -----------------------------------------------------------------------------

    def signup_policy(self) -> SignupPolicy:
        value = self.store.site_setting("signup") or ""
        return (
            SignupPolicy(value) if value in SignupPolicy._value2member_map_ else SignupPolicy.INVITE
        )

    def admit_signup(self, client: str) -> bool:
        """Whether `client` may try one more sign-up now: at most SIGNUPS_PER_CLIENT in
        SIGNUP_WINDOW, counted in the database so that every app replica counts the same."""
        return self.store.note_signup(client, self.clock(), SIGNUP_WINDOW, SIGNUPS_PER_CLIENT)

    def sign_up(self, email_text: str, password: str, name: str) -> SignedIn:
        if self.signup_policy() is not SignupPolicy.OPEN:
            raise AccountError(
                "Sign-up is by invitation on this server. Ask your admin for a link."
            )
        email = normalize_email(email_text)
        display = clean_name(name, email)
        self._require_strong(password, email)
        account = self.store.create_account(email, display, _HASHER.hash(password), Role.LEARNER)
        if account is None:
            # Same wording whether or not the address exists elsewhere: nothing is disclosed
            # beyond what the sign-in form already tells an owner who forgot.
            raise AccountError(
                "That e-mail cannot be used to sign up. Sign in instead, or ask your admin."
            )
        return self._new_session(account)

    def use_link(self, link_token: str, password: str, name: str = "") -> SignedIn:
        """Accept an invitation or a password reset: set the password, sign in. A weak password
        is refused before the link is used, so the person can try again with the same link."""
        invalid = AccountError(
            "This link is not valid any more (used or expired). Ask for a new one."
        )
        peeked = self._usable_token(link_token)
        account = self.store.account(peeked.account_id) if peeked is not None else None
        if account is None or account.id is None:
            raise invalid
        self._require_strong(password, account.email)
        if self.store.use_token(token_hash(link_token), self.clock()) is None:
            raise invalid  # used in another tab meanwhile
        self.store.update_account(account.id, password_hash=_HASHER.hash(password))
        self.store.revoke_sessions(account_id=account.id)  # a reset signs out every browser
        if name.strip():
            self.store.rename_learner(account.learner_id, clean_name(name, account.email))
        return self._new_session(account)

    def link_purpose(self, link_token: str) -> str | None:
        """'invite' or 'reset' for a usable link, else None (the page says it is invalid)."""
        token = self._usable_token(link_token)
        return token.purpose if token is not None else None

    def _usable_token(self, link_token: str) -> AccountToken | None:
        if not link_token or len(link_token) > 200:
            return None
        token = self.store.peek_token(token_hash(link_token))
        if token is None or token.used_at is not None or as_utc(token.expires_at) <= self.clock():
            return None
        return token

    # Admin -------------------------------------------------------------------------------

    def create_admin(self, email_text: str, password: str) -> Account:
        """The first admin (command line). Refuses a weak password with the reason."""
        email = normalize_email(email_text)
        self._require_strong(password, email)
        existing = self.store.account_by_email(email)
        if existing is not None:
            self.store.update_account(
                row_id(existing),
                role=Role.ADMIN.value,
                password_hash=_HASHER.hash(password),
                disabled=False,
            )
            # A new password ends every session, as a change or a reset does: this is also how
            # a shell user takes back an admin account someone else got into.
            self.store.revoke_sessions(account_id=row_id(existing))
            return self.store.account(row_id(existing)) or existing
        account = self.store.create_account(
            email, email.split("@")[0], _HASHER.hash(password), Role.ADMIN
        )
        if account is None:
            raise AccountError(f"Could not create {email}; try again.")
        return account

    def invite(
        self,
        actor: Actor,
        email_text: str,
        role: Role = Role.LEARNER,
        name: str = "",
        cohort_id: int | None = None,
    ) -> str:
        """An invitation link token for a new account (no password yet). An admin invites
        anyone; an instructor only new learners, for a cohort they teach (roster import)."""
        if not actor.is_admin:
            self._require_cohort_teacher(actor, role, cohort_id)
        email = normalize_email(email_text)
        account = self.store.account_by_email(email)
        if account is None:
            account = self.store.create_account(email, clean_name(name, email), None, role)
        elif not actor.is_admin:
            # A new link for an existing account would let its holder choose that account's
            # password: only an admin may hand one out.
            raise AccountError(f"{email} already has an account.")
        elif account.password_hash is not None:
            raise AccountError(f"{email} already has an account; send a password reset instead.")
        if account is None or account.id is None:
            raise AccountError(f"Could not invite {email}; try again.")
        return self._link(account.id, "invite")

    def _require_cohort_teacher(self, actor: Actor, role: Role, cohort_id: int | None) -> None:
        from learning.classroom_access import install, teaches

        if role is not Role.LEARNER or cohort_id is None:
            require_admin(actor)
        elif not teaches(install(self.store), actor, cohort_id):
            raise AccessDenied("You can only invite learners into the cohorts you teach.")

    def reset_link(self, actor: Actor, account_id: int) -> str:
        require_admin(actor)
        if self.store.account(account_id) is None:
            raise AccountError("No such account.")
        return self._link(account_id, "reset")

    def list_accounts(self, actor: Actor) -> list[tuple[Account, str]]:
        require_admin(actor)
        return [(account, learner.display_name) for account, learner in self.store.accounts()]

    def set_role(self, actor: Actor, account_id: int, role: Role) -> None:
        require_admin(actor)
        account = self._other_account(actor, account_id, "change your own role")
        if account.role == Role.ADMIN and role is not Role.ADMIN:
            self._keep_an_admin()
        self.store.update_account(account_id, role=role.value)

    def set_disabled(self, actor: Actor, account_id: int, disabled: bool) -> None:
        require_admin(actor)
        account = self._other_account(actor, account_id, "disable your own account")
        if disabled and account.role == Role.ADMIN:
            self._keep_an_admin()
        self.store.update_account(account_id, disabled=disabled)
        if disabled:
            self.store.revoke_sessions(account_id=account_id)

    def set_signup_policy(self, actor: Actor, policy: SignupPolicy) -> None:
        require_admin(actor)
        self.store.set_site_setting("signup", policy.value)

    def local_history_to_claim(self) -> int:
        """How many rows the local-mode learner left behind (0 when there is nothing to claim)."""
        local = self.store.find_learner(LOCAL_LEARNER)
        return self.store.owned_row_count(local.id) if local is not None and local.id else 0

    def claim_local_history(self, actor: Actor) -> int:
        """The admin takes over the local learner's attempts, drafts, hints and answers."""
        require_admin(actor)
        local = self.store.find_learner(LOCAL_LEARNER)
        if local is None or local.id is None or not self.store.owned_row_count(local.id):
            raise AccountError("There is no local-mode history to claim.")
        if self.store.owned_row_count(actor.learner_id):
            raise AccountError(
                "Your account already has work of its own; claim the local history from a fresh admin account."
            )
        if actor.account_id is None:
            raise AccessDenied("Sign in first.")
        rows = self.store.owned_row_count(local.id)
        self.store.attach_learner(actor.account_id, local.id)
        return rows

    # Single sign-on ----------------------------------------------------------------------

    def sso_actor(
        self, subject: str, email_text: str, name: str = "", email_verified: bool | None = None
    ) -> Actor:
        """Map an OIDC identity to an account: by subject, else by a verified e-mail an admin
        invited (or any, when sign-up is open); the first sign-in links the subject.

        `email_verified` is the provider's claim. Some providers let anyone put any address on
        an identity (self-registration, some multi-tenant directories): an address the provider
        says it has not verified never links to an account or creates one, or whoever typed
        admin@... there would become that admin. None: the provider did not say."""
        if not subject:
            raise AccountError("The identity provider did not say who you are.")
        account = self.store.account_by_subject(subject)
        if account is None:
            if email_verified is False:
                raise AccountError(UNVERIFIED_SSO_EMAIL)
            email = normalize_email(email_text)
            account = self.store.account_by_email(email)
            if account is None and self.signup_policy() is SignupPolicy.OPEN:
                account = self.store.create_account(
                    email, clean_name(name, email), None, Role.LEARNER, subject
                )
            if account is None or (account.oidc_subject not in (None, subject)):
                raise AccountError(
                    "Your organisation account is not invited to this server. Ask your admin."
                )
            self.store.update_account(row_id(account), oidc_subject=subject)
        if account.disabled:
            raise AccountError("This account is disabled. Ask your admin.")
        return _actor(account)

    def sso_session(
        self, subject: str, email_text: str, name: str = "", email_verified: bool | None = None
    ) -> SignedIn:
        actor = self.sso_actor(subject, email_text, name, email_verified)
        account = self.store.account(actor.account_id) if actor.account_id else None
        if account is None:
            raise AccountError("Your account could not be read; try again.")
        return self._new_session(account)

    # Internals ---------------------------------------------------------------------------

    def _new_session(self, account: Account) -> SignedIn:
        token = secrets.token_urlsafe(32)
        expires = self.clock() + timedelta(hours=current().session_hours)
        self.store.add_session(row_id(account), token_hash(token), expires)
        return SignedIn(token=token, actor=_actor(account))

    def _link(self, account_id: int, purpose: str) -> str:
        token = secrets.token_urlsafe(32)
        self.store.add_token(
            account_id, purpose, token_hash(token), self.clock() + LINK_LIFETIME[purpose]
        )
        return token

    def _count_guess(self, email: str, client: str) -> int:
        """Count a password guess before it is checked (argon2 takes a while: guesses sent all
        at once would otherwise all pass the limit before any was counted); the id lets a right
        password take it back. Refuses once a limit is reached."""
        self._check_rate(email, client)
        pending = self.store.add_failure(email, client)
        try:
            self._check_rate(email, client, counting_this_one=True)
        except RateLimited:
            self.store.remove_failure(pending)
            raise
        return pending

    def _check_rate(self, email: str, client: str, counting_this_one: bool = False) -> None:
        """Refuse once a limit is reached; `counting_this_one` when this attempt's own failure
        is already recorded (so it may make the count one over the limit, not more)."""
        since, extra = self.clock() - FAILURE_WINDOW, int(counting_this_one)
        limits = (
            (
                self.store.failures_since(since, email=email, client=client),
                MAX_FAILURES_PER_ACCOUNT_AND_CLIENT,
            ),
            (self.store.failures_since(since, email=email), MAX_FAILURES_PER_ACCOUNT),
            (self.store.failures_since(since, client=client), MAX_FAILURES_PER_CLIENT),
        )
        if any(count >= limit + extra for count, limit in limits):
            minutes = int(FAILURE_WINDOW.total_seconds() // 60)
            raise RateLimited(f"Too many failed sign-ins. Wait {minutes} minutes and try again.")

    @staticmethod
    def _verify(stored: str, password: str) -> bool:
        try:
            return _HASHER.verify(stored, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def _require_strong(password: str, email: str) -> None:
        problem = password_problem(password, email)
        if problem:
            raise AccountError(problem)

    def _set_password(self, account: Account, password: str) -> None:
        self._require_strong(password, account.email)
        self.store.update_account(row_id(account), password_hash=_HASHER.hash(password))

    def _own_account(self, actor: Actor) -> Account:
        account = self.store.account(actor.account_id) if actor.account_id else None
        if account is None:
            raise AccessDenied("Sign in first.")
        return account

    def _other_account(self, actor: Actor, account_id: int, what: str) -> Account:
        if account_id == actor.account_id:
            raise AccountError(f"You cannot {what}; ask another admin.")
        account = self.store.account(account_id)
        if account is None:
            raise AccountError("No such account.")
        return account

    def _keep_an_admin(self) -> None:
        if self.store.count_accounts(Role.ADMIN.value) <= 1:
            raise AccountError("This is the last admin; make someone else admin first.")
