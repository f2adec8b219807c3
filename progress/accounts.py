"""Learners and accounts: who a row belongs to, who may sign in, their sessions and one-time links.

Only hashes of tokens are stored. Business rules (password strength, rate limits, who may do
what) live in learning/; this module only reads and writes rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from progress.db import Repository, StorageError, as_utc, changed_rows, row_id
from progress.models import (
    Account,
    AccountToken,
    Attempt,
    AuthSession,
    Draft,
    FlawAnswer,
    HintUse,
    Learner,
    SigninFailure,
    SignupEvent,
    SiteSetting,
    utc_now,
)

LOCAL_LEARNER = "local"
OWNED_TABLES = (Attempt, Draft, HintUse, FlawAnswer)  # every table whose rows belong to a learner


class AccountRepository(Repository):
    # Learners ----------------------------------------------------------------------------

    def ensure_learner(self, handle: str = LOCAL_LEARNER, display_name: str = "") -> int:
        """The learner's id, creating the learner on first use (safe when two sessions race)."""
        for _ in range(2):
            with self._session() as session:
                found = session.exec(select(Learner.id).where(Learner.handle == handle)).first()
                if found is not None:
                    return found
                learner = Learner(handle=handle, display_name=display_name or handle)
                session.add(learner)
                try:
                    session.commit()
                except IntegrityError:
                    continue  # another session created it first: read it back
                return row_id(learner)
        raise StorageError(f"Could not create the learner {handle!r}.")

    def learner(self, learner_id: int) -> Learner | None:
        with self._session() as session:
            return session.get(Learner, learner_id)

    def find_learner(self, handle: str) -> Learner | None:
        with self._session() as session:
            return session.exec(select(Learner).where(Learner.handle == handle)).first()

    def rename_learner(self, learner_id: int, display_name: str) -> None:
        with self._session() as session:
            learner = session.get(Learner, learner_id)
            if learner is not None:
                learner.display_name = display_name
                session.commit()

    def owned_row_count(self, learner_id: int) -> int:
        with self._session() as session:
            return sum(
                session.exec(
                    select(func.count()).select_from(table).where(table.learner_id == learner_id)
                ).one()
                for table in OWNED_TABLES
            )

    # Accounts ----------------------------------------------------------------------------

    def create_account(
        self,
        email: str,
        display_name: str,
        password_hash: str | None,
        role: str,
        oidc_subject: str | None = None,
    ) -> Account | None:
        """A new account and its learner row; None when the e-mail is taken."""
        with self._session() as session:
            learner = Learner(handle=f"account:{email}", display_name=display_name or email)
            try:
                session.add(learner)
                session.flush()
                account = Account(
                    learner_id=row_id(learner),
                    email=email,
                    password_hash=password_hash,
                    role=role,
                    oidc_subject=oidc_subject,
                )
                session.add(account)
                session.commit()
            except IntegrityError:
                session.rollback()
                return None
            return account

    def account(self, account_id: int) -> Account | None:
        with self._session() as session:
            return session.get(Account, account_id)

    def account_by_email(self, email: str) -> Account | None:
        with self._session() as session:
            return session.exec(select(Account).where(Account.email == email)).first()

    def account_by_subject(self, subject: str) -> Account | None:
        with self._session() as session:
            return session.exec(select(Account).where(Account.oidc_subject == subject)).first()

    def accounts(self) -> list[tuple[Account, Learner]]:
        query = (
            select(Account, Learner)
            .join(Learner, col(Learner.id) == col(Account.learner_id))
            .order_by(col(Account.email))
        )
        with self._session() as session:
            return [(account, learner) for account, learner in session.exec(query)]

    def count_accounts(self, role: str | None = None) -> int:
        query = select(func.count()).select_from(Account)
        if role is not None:
            query = query.where(Account.role == role, col(Account.disabled).is_(False))
        with self._session() as session:
            return session.exec(query).one()

    def update_account(self, account_id: int, **changes: object) -> Account | None:
        with self._session() as session:
            account = session.get(Account, account_id)
            if account is None:
                return None
            for name, value in changes.items():
                setattr(account, name, value)
            session.commit()
            return account

    def attach_learner(self, account_id: int, learner_id: int) -> None:
        """Point an account at another learner row (claiming local-mode history)."""
        with self._session() as session:
            account = session.get(Account, account_id)
            if account is None:
                raise StorageError("That account no longer exists.")
            empty = account.learner_id
            account.learner_id = learner_id
            session.flush()
            session.delete(session.get(Learner, empty))
            learner = session.get(Learner, learner_id)
            if learner is not None:
                learner.handle = f"account:{account.email}"
            session.commit()

    # Sessions ----------------------------------------------------------------------------

    def add_session(self, account_id: int, token_hash: str, expires_at: datetime) -> None:
        with self._session() as session:
            session.add(
                AuthSession(account_id=account_id, token_hash=token_hash, expires_at=expires_at)
            )
            session.commit()

    def session_account(self, token_hash: str) -> tuple[AuthSession, Account] | None:
        """The session with this token hash and its account, whatever their state."""
        query = (
            select(AuthSession, Account)
            .join(Account, col(Account.id) == col(AuthSession.account_id))
            .where(AuthSession.token_hash == token_hash)
        )
        with self._session() as session:
            found = session.exec(query).first()
        if found is None:
            return None
        auth, account = found
        auth.expires_at = as_utc(auth.expires_at)
        return auth, account

    def revoke_sessions(
        self, account_id: int | None = None, token_hash: str | None = None, keep: str | None = None
    ) -> int:
        """Revoke one session (by token hash) or all of an account's, optionally keeping one."""
        query = update(AuthSession).where(col(AuthSession.revoked_at).is_(None))
        if token_hash is not None:
            query = query.where(col(AuthSession.token_hash) == token_hash)
        if account_id is not None:
            query = query.where(col(AuthSession.account_id) == account_id)
        if keep is not None:
            query = query.where(col(AuthSession.token_hash) != keep)
        with self._session() as session:
            revoked = changed_rows(session, query.values(revoked_at=utc_now()))
            session.commit()
            return revoked

    # One-time links ----------------------------------------------------------------------

    def add_token(
        self, account_id: int, purpose: str, token_hash: str, expires_at: datetime
    ) -> None:
        with self._session() as session:
            session.add(
                AccountToken(
                    account_id=account_id,
                    purpose=purpose,
                    token_hash=token_hash,
                    expires_at=expires_at,
                )
            )
            session.commit()

    def use_token(self, token_hash: str, now: datetime) -> AccountToken | None:
        """Mark an unused, unexpired token used and return it; None if it is not usable.
        The update is conditional so two tabs cannot both use one link."""
        with self._session() as session:
            token = session.exec(
                select(AccountToken).where(AccountToken.token_hash == token_hash)
            ).first()
            if token is None or token.used_at is not None or as_utc(token.expires_at) <= now:
                return None
            claimed = changed_rows(
                session,
                update(AccountToken)
                .where(col(AccountToken.id) == token.id, col(AccountToken.used_at).is_(None))
                .values(used_at=now),
            )
            session.commit()
            return token if claimed == 1 else None

    def peek_token(self, token_hash: str) -> AccountToken | None:
        with self._session() as session:
            return session.exec(
                select(AccountToken).where(AccountToken.token_hash == token_hash)
            ).first()

    # Failed sign-ins ---------------------------------------------------------------------

    def add_failure(self, email: str, client: str) -> int:
        """Record a failed (or not yet checked) sign-in; its id lets a refusal take it back."""
        with self._session() as session:
            failure = SigninFailure(email=email, client=client)
            session.add(failure)
            session.commit()
            return row_id(failure)

    def remove_failure(self, failure_id: int) -> None:
        with self._session() as session:
            found = session.get(SigninFailure, failure_id)
            if found is not None:
                session.delete(found)
                session.commit()

    def failures_since(
        self, since: datetime, email: str | None = None, client: str | None = None
    ) -> int:
        query = select(func.count()).select_from(SigninFailure).where(SigninFailure.at >= since)
        if email is not None:
            query = query.where(SigninFailure.email == email)
        if client is not None:
            query = query.where(SigninFailure.client == client)
        with self._session() as session:
            return session.exec(query).one()

    def clear_failures(self, email: str) -> None:
        with self._session() as session:
            for failure in session.exec(select(SigninFailure).where(SigninFailure.email == email)):
                session.delete(failure)
            session.commit()

    # Sign-up tries -----------------------------------------------------------------------

    def note_signup(self, client: str, now: datetime, window: timedelta, limit: int) -> bool:
        """Count a sign-up try from `client` (its address); False, and not counted, when it
        already made `limit` in the `window` before `now`. Tries older than the window are
        dropped on the way. Counted after inserting, so two replicas counting the same client
        at once cannot both pass the last free place (PostgreSQL: one at a time)."""
        since = now - window
        with self._session() as session:
            if self.engine.dialect.name == "postgresql":
                session.connection().execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:client))"), {"client": client}
                )
            session.execute(delete(SignupEvent).where(col(SignupEvent.at) < since))
            session.add(SignupEvent(client=client, at=now))
            session.flush()
            tries = session.exec(
                select(func.count())
                .select_from(SignupEvent)
                .where(SignupEvent.client == client, col(SignupEvent.at) >= since)
            ).one()
            if tries > limit:
                session.rollback()
                return False
            session.commit()
            return True

    # Site settings -----------------------------------------------------------------------

    def site_setting(self, key: str) -> str | None:
        with self._session() as session:
            found = session.get(SiteSetting, key)
            return found.value if found else None

    def set_site_setting(self, key: str, value: str) -> None:
        with self._session() as session:
            found = session.get(SiteSetting, key)
            if found is None:
                session.add(SiteSetting(key=key, value=value))
            else:
                found.value = value
            session.commit()
