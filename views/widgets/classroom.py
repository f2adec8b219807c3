"""Pieces the classroom pages share: the services, choosing a cohort or assignment (kept in the
address so a reload stays put), times in the viewer's zone, and service errors shown in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from course import Course
from learning.access import AccessDenied, Actor
from learning.accounts import AccountError
from learning.classroom_assignments import Assignments
from learning.classroom_cohorts import CohortError, Cohorts
from learning.classroom_late import PolicyError
from progress import StorageError
from progress.db import as_utc
from progress.models import Assignment, Cohort
from views import state
from web.paths import at

T = TypeVar("T")
CLASSES = "views/classes.py"
COHORTS = "views/classroom_manage.py"
DASHBOARD = "views/classroom_dashboard.py"
BOARD = "views/classroom_board.py"
PACING = "views/classroom_pacing.py"
REFUSALS = (AccessDenied, AccountError, CohortError, PolicyError, StorageError)


@dataclass(frozen=True)
class DashboardScope:
    """What every tab of the class dashboard works on: who looks, at which assignment of which
    cohort, its exercises in order, and the members' names."""

    who: Actor
    course: Course
    cohort: Cohort
    assignment: Assignment
    slugs: list[str]
    people: dict[int, str]  # learner id -> display name, in name order

    @property
    def assignment_id(self) -> int:
        return self.assignment.id or 0

    @property
    def titles(self) -> dict[str, str]:
        return {slug: exercise.title for slug, exercise in self.course.exercises.items()}


def cohorts() -> Cohorts:
    return Cohorts(state.store())


def assignments() -> Assignments:
    return Assignments(state.store())


def attempt(call: Callable[[], T], done: str | None = None) -> T | None:
    """Run a service call; a refusal is shown where it happened and the page goes on."""
    try:
        result = call()
    except REFUSALS as exc:
        st.error(str(exc))
        return None
    if done:
        st.success(done)
    return result


def or_stop(call: Callable[[], T]) -> T:
    """Run a service call the page cannot go on without; a refusal ends the page there."""
    try:
        return call()
    except REFUSALS as exc:
        st.error(str(exc))
        st.stop()


_MARKDOWN = set("\\`*_{}[]()#+-.!|<>~$:=")


def plain(text: str) -> str:
    """Text a person typed (a name, a board name, an e-mail), shown literally inside Markdown:
    no links, images, colours or formulas of their making on an instructor's or the room's screen."""
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in " ".join(text.split()))


def number_param(name: str) -> int | None:
    return state.query_id(name)


def choose_cohort(taught: list[Cohort]) -> int | None:
    """The cohort named by ?cohort= (checked by the services), else a picker over `taught`."""
    asked = number_param("cohort")
    if not taught and asked is None:
        return None
    ids = [c.id for c in taught]
    if asked is not None and asked not in ids:
        return asked  # the services decide; a cohort not taught is refused there
    names = {c.id: c.name for c in taught}
    chosen = st.selectbox(
        "Cohort", ids, index=ids.index(asked) if asked in ids else 0, format_func=names.get
    )
    st.query_params["cohort"] = str(chosen)
    return chosen


def choose_assignment(listed: list[tuple[Assignment, list[str]]]) -> int | None:
    asked = number_param("assignment")
    ids = [a.id for a, _ in listed]
    if asked is not None and asked not in ids:
        return asked
    if not ids:
        return None
    titles = {a.id: a.title for a, _ in listed}
    chosen = st.selectbox(
        "Assignment", ids, index=ids.index(asked) if asked in ids else 0, format_func=titles.get
    )
    st.query_params["assignment"] = str(chosen)
    return chosen


def viewer_zone() -> ZoneInfo:
    """The time zone of the viewer's browser (UTC when it did not say)."""
    try:
        return ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def when(moment: datetime | None, zone: ZoneInfo | None = None) -> str:
    if moment is None:
        return ""
    shown = as_utc(moment).astimezone(zone or viewer_zone())
    return shown.strftime("%a %d %b %Y, %H:%M ") + (shown.tzname() or "")


def full_link(path: str) -> str:
    """A link to pass on (by e-mail, in a chat): this server's address and the path, under the
    app's prefix when it has one (`path` as at the root: "/join?code=...")."""
    parts = urlsplit(st.context.url or "")
    served = at(path)
    return f"{parts.scheme}://{parts.netloc}{served}" if parts.netloc else served
