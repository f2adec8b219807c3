"""Cohorts: create one, join it with its code or link, rotate or close the code, remove a member,
import a roster, add co-instructors, and (for the room's board) choose a pseudonym.

Every call takes the acting person and checks them here (learning/classroom_access.py holds the
rules); pages only render what comes back. Member lists carry names and e-mails, never an
account's password hash or sessions.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from learning.access import AccessDenied, Actor, Role
from learning.accounts import AccountError, Accounts, clean_name, normalize_email
from learning.classroom_access import install, is_teacher, require_teacher
from progress import ProgressStore
from progress.db import row_id
from progress.models import Cohort

# No 0/O, 1/I/L: a code read aloud in a room or copied from a projector survives.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_ROSTER_ROWS = 2000
MAX_PSEUDONYM = 40


class CohortError(ValueError):
    """What was asked cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Member:
    learner_id: int
    name: str
    email: str
    joined_at: datetime
    pseudonym: str | None


@dataclass(frozen=True)
class RosterProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class RosterResult:
    added: list[str] = field(default_factory=list)  # existing accounts now in the cohort
    already: list[str] = field(default_factory=list)  # were in the cohort before
    invited: list[tuple[str, str]] = field(default_factory=list)  # (e-mail, link token)
    problems: list[RosterProblem] = field(default_factory=list)


def _parse_row(cells: list[str]) -> tuple[str, str] | str:
    """(e-mail, name) of a roster row, or why the row cannot be used."""
    if len(cells) > 2:
        return "expected two columns, e-mail and name (put a name with a comma in quotes)"
    try:
        email = normalize_email(cells[0])
        return email, clean_name(cells[1] if len(cells) > 1 else "", email)
    except AccountError as exc:
        return f"{exc} ({cells[0][:60]!r})"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())[:32]


def check_time_zone(name: str) -> str:
    name = name.strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CohortError(
            f"{name!r} is not a time zone name; use one like Europe/Berlin or America/New_York."
        ) from exc
    return name


def time_zones() -> list[str]:
    return sorted(available_timezones())


class Cohorts:
    def __init__(self, store: ProgressStore):
        self.store = store
        self.repo = install(store)

    # Instructors ------------------------------------------------------------------------

    def create(self, actor: Actor, name: str, time_zone: str = "UTC") -> Cohort:
        if not is_teacher(actor):
            raise AccessDenied("Only an instructor or an admin can create a cohort.")
        title = " ".join(name.split())
        if not title or len(title) > 120:
            raise CohortError("Give the cohort a name of 1 to 120 characters.")
        zone = check_time_zone(time_zone)
        for _ in range(5):  # a taken code is drawn again
            cohort = self.repo.create_cohort(title, new_code(), zone, actor.learner_id)
            if cohort is not None:
                return cohort
        raise CohortError("Could not draw a free join code; try again.")

    def taught(self, actor: Actor) -> list[Cohort]:
        """The cohorts the actor manages: an admin all, an instructor theirs, anyone else none."""
        if actor.is_admin:
            return self.repo.cohorts()
        if actor.role is Role.INSTRUCTOR:
            return self.repo.cohorts(taught_by=actor.learner_id)
        return []

    def get(self, actor: Actor, cohort_id: int) -> Cohort:
        require_teacher(self.repo, actor, cohort_id)
        cohort = self.repo.cohort(cohort_id)
        if cohort is None:  # deleted since the check
            raise CohortError("That cohort no longer exists.")
        return cohort

    def rename(self, actor: Actor, cohort_id: int, name: str, time_zone: str) -> None:
        require_teacher(self.repo, actor, cohort_id)
        title = " ".join(name.split())
        if not title or len(title) > 120:
            raise CohortError("Give the cohort a name of 1 to 120 characters.")
        self.repo.update_cohort(cohort_id, name=title, time_zone=check_time_zone(time_zone))

    def rotate_code(self, actor: Actor, cohort_id: int) -> str:
        """A new join code: the old code and link stop working at once."""
        require_teacher(self.repo, actor, cohort_id)
        for _ in range(5):
            code = new_code()
            if self.repo.update_cohort(cohort_id, join_code=code):
                return code
        raise CohortError("Could not draw a free join code; try again.")

    def set_joining(self, actor: Actor, cohort_id: int, open_: bool) -> None:
        require_teacher(self.repo, actor, cohort_id)
        self.repo.update_cohort(cohort_id, joining_open=open_)

    def member_names(self, actor: Actor, cohort_id: int) -> dict[int, str]:
        """Learner id -> display name of every member, in name order (no e-mails)."""
        require_teacher(self.repo, actor, cohort_id)
        return dict(self.repo.member_names(cohort_id))

    def members(self, actor: Actor, cohort_id: int) -> list[Member]:
        require_teacher(self.repo, actor, cohort_id)
        return [
            Member(
                learner.id or 0,
                learner.display_name,
                email,
                member.joined_at,
                member.pseudonym,
            )
            for member, learner, email in self.repo.members(cohort_id)
        ]

    def remove_member(self, actor: Actor, cohort_id: int, learner_id: int) -> None:
        """The learner leaves the cohort; their work stays theirs (nothing is deleted)."""
        require_teacher(self.repo, actor, cohort_id)
        if not self.repo.remove_member(cohort_id, learner_id):
            raise CohortError("That learner is not in this cohort.")

    def instructors(self, actor: Actor, cohort_id: int) -> list[tuple[str, str, bool]]:
        """(name, e-mail, owner) of everyone teaching the cohort."""
        require_teacher(self.repo, actor, cohort_id)
        return [
            (learner.display_name, email, row.owner)
            for row, learner, email in self.repo.instructors(cohort_id)
        ]

    def add_co_instructor(self, actor: Actor, cohort_id: int, email_text: str) -> None:
        """Another instructor (an account with the instructor role) teaches this cohort too."""
        require_teacher(self.repo, actor, cohort_id)
        email = normalize_email(email_text)
        account = self.store.account_by_email(email)
        if account is None or account.role != Role.INSTRUCTOR.value or account.disabled:
            raise CohortError(
                f"{email} is not an instructor's account. An admin gives an account the "
                "instructor role first."
            )
        self.repo.add_instructor(cohort_id, account.learner_id)

    def import_roster(self, actor: Actor, cohort_id: int, text: str) -> RosterResult:
        """Rows of `e-mail, name` (a header row is allowed). An existing account joins the
        cohort; an unknown e-mail gets an invited learner account and a one-time link. Each row
        that cannot be used is reported by its line; the others are still imported."""
        require_teacher(self.repo, actor, cohort_id)
        result = RosterResult()
        accounts = Accounts(self.store)
        seen: set[str] = set()
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        if len(rows) > MAX_ROSTER_ROWS:
            raise CohortError(f"A roster can have at most {MAX_ROSTER_ROWS} rows; split the file.")
        for line, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if line == 1 and cells[0].lower() in ("email", "e-mail", "mail"):
                continue
            problem = self._roster_row(accounts, actor, cohort_id, cells, seen, result)
            if problem:
                result.problems.append(RosterProblem(line, problem))
        return result

    def _roster_row(
        self,
        accounts: Accounts,
        actor: Actor,
        cohort_id: int,
        cells: list[str],
        seen: set[str],
        result: RosterResult,
    ) -> str | None:
        parsed = _parse_row(cells)
        if isinstance(parsed, str):
            return parsed
        email, name = parsed
        if email in seen:
            return f"{email} is listed twice; the first row was used"
        seen.add(email)
        account = self.store.account_by_email(email)
        invited = account is None
        if account is None:
            try:
                link = accounts.invite(actor, email, Role.LEARNER, name, cohort_id=cohort_id)
            except AccountError as exc:
                return str(exc)
            account = self.store.account_by_email(email)
            if account is None:
                return f"{email} could not be invited; try the row again"
            result.invited.append((email, link))
        elif account.role != Role.LEARNER.value:
            return f"{email} belongs to an instructor or admin, not a learner"
        if not self.repo.add_member(cohort_id, account.learner_id):
            result.already.append(email)
        elif not invited:
            result.added.append(email)
        return None

    # Learners ---------------------------------------------------------------------------

    def join(self, actor: Actor, code_text: str) -> Cohort:
        """Join the cohort whose code this is, while it is open; joining twice is harmless."""
        code = normalize_code(code_text)
        cohort = self.repo.cohort_by_code(code) if code else None
        if cohort is None or not cohort.joining_open:
            # One answer for unknown and closed codes: a code cannot be probed.
            raise CohortError(
                "That join code does not work (mistyped, changed or closed). Ask your instructor."
            )
        self.repo.add_member(row_id(cohort), actor.learner_id)
        return cohort

    def mine(self, actor: Actor) -> list[tuple[Cohort, str | None]]:
        """The cohorts the actor is a member of, with the pseudonym they chose for each."""
        return [
            (cohort, member.pseudonym) for member, cohort in self.repo.memberships(actor.learner_id)
        ]

    def set_pseudonym(self, actor: Actor, cohort_id: int, pseudonym: str) -> None:
        """What the room's board shows for this learner; empty: not named on the board."""
        if self.repo.member(cohort_id, actor.learner_id) is None:
            raise AccessDenied("You are not in that cohort.")
        name = " ".join(pseudonym.split())
        if len(name) > MAX_PSEUDONYM:
            raise CohortError(f"A board name can be at most {MAX_PSEUDONYM} characters.")
        if name and not name.isprintable():
            raise CohortError("A board name cannot contain control characters.")
        self.repo.set_pseudonym(cohort_id, actor.learner_id, name or None)
