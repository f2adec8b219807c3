"""Shared mode's administration from the server's shell, on the configured DATABASE_URL (the
database is created or upgraded first):

    python -m progress create-admin EMAIL        password from a prompt (twice) or stdin
    python -m progress claim-local EMAIL         that admin takes over the local learner's work
    python -m progress invite EMAIL [--role R] [--name N] [--base-url URL]
    python -m progress reset-link EMAIL [--base-url URL]

Links are printed for the admin to pass on (there is no mail); they are shown once and only
their hash is stored. Exit 0 on success, 1 when refused (the reason is printed), 2 on usage.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import SQLAlchemyError

from learning.access import AccessDenied, Actor, Role
from learning.accounts import LINK_LIFETIME, AccountError, Accounts, normalize_email
from progress import Account, ProgressStore, StorageError, database_url, make_engine, upgrade
from progress.db import row_id

LINK_PATH = "/auth/link?token="


class Refused(Exception):
    """The command cannot do what was asked; the message says why."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        accounts = Accounts(_open_store())
        print(args.run(accounts, args))
    except (Refused, AccountError, AccessDenied, StorageError) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 1
    return 0


def create_admin(accounts: Accounts, args: argparse.Namespace) -> str:
    password = _read_password(args.email)
    account = accounts.create_admin(args.email, password)
    return f"{account.email} is an admin. Sign in at /auth/signin with PRODREADY_MODE=shared."


def claim_local(accounts: Accounts, args: argparse.Namespace) -> str:
    rows = accounts.claim_local_history(_actor(_account(accounts, args.email)))
    return f"{args.email} now owns the local learner's history ({rows} rows)."


def invite(accounts: Accounts, args: argparse.Namespace) -> str:
    token = accounts.invite(_admin(accounts), args.email, Role(args.role), args.name)
    days = LINK_LIFETIME["invite"].days
    print(
        f"Invitation for {args.email} ({args.role}); usable once within {days} days:",
        file=sys.stderr,
    )
    return _link(args.base_url, token)


def reset_link(accounts: Accounts, args: argparse.Namespace) -> str:
    account = _account(accounts, args.email)
    token = accounts.reset_link(_admin(accounts), row_id(account))
    hours = int(LINK_LIFETIME["reset"].total_seconds() // 3600)
    print(f"Password reset for {account.email}; usable once within {hours} hours:", file=sys.stderr)
    return _link(args.base_url, token)


def _open_store() -> ProgressStore:
    engine = make_engine(database_url())
    try:
        upgrade(engine)
    except SQLAlchemyError as error:
        raise Refused(
            f"cannot open the database ({type(error).__name__}); check DATABASE_URL."
        ) from error
    return ProgressStore(engine)


def _read_password(email: str) -> str:
    """From a prompt that does not echo, asked twice; or the first line of piped stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {email}: ")
        if getpass.getpass("The same password again: ") != first:
            raise Refused("the two passwords differ; nothing was changed.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _account(accounts: Accounts, email_text: str) -> Account:
    account = accounts.store.account_by_email(normalize_email(email_text))
    if account is None or account.id is None:
        raise Refused(f"no account has the e-mail {email_text!r}.")
    return account


def _actor(account: Account) -> Actor:
    return Actor(account.learner_id, Role(account.role), account.id, account.email)


def _admin(accounts: Accounts) -> Actor:
    """Links are issued in the name of the first active admin (the shell user already holds
    the database; this keeps every account change attributable to an admin account)."""
    for account, _learner in accounts.store.accounts():
        if account.role == Role.ADMIN and not account.disabled:
            return _actor(account)
    raise Refused("there is no admin yet: run `python -m progress create-admin EMAIL` first.")


def _link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{LINK_PATH}{token}"


def _base_url(text: str) -> str:
    if text and not text.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError("must start with http:// or https://")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m progress",
        description="Shared mode's administration on the configured DATABASE_URL.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    command = commands.add_parser(
        "create-admin", help="create the first admin (or make EMAIL admin)"
    )
    command.add_argument("email")
    command.set_defaults(run=create_admin)
    command = commands.add_parser(
        "claim-local", help="give the local learner's history to an admin"
    )
    command.add_argument("email")
    command.set_defaults(run=claim_local)
    command = commands.add_parser("invite", help="print an invitation link for a new account")
    command.add_argument("email")
    command.add_argument(
        "--role", choices=[role.value for role in Role], default=Role.LEARNER.value
    )
    command.add_argument("--name", default="", help="the name others see (they may change it)")
    command.add_argument(
        "--base-url", type=_base_url, default="", help="e.g. https://prodready.example.com"
    )
    command.set_defaults(run=invite)
    command = commands.add_parser("reset-link", help="print a one-time password reset link")
    command.add_argument("email")
    command.add_argument("--base-url", type=_base_url, default="")
    command.set_defaults(run=reset_link)
    return parser


if __name__ == "__main__":
    sys.exit(main())
