"""What every page needs: the course, the services, and who is signed in.

The course and the database engine are built once per server process (st.cache_resource), so a
rerun costs no file reads and no connection set-up. Who is signed in is checked against the
database on every run (one indexed look-up), so a sign-out or a disabled account takes effect in
every tab at its next click. Pages get their data from services; they never check a permission.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from config import current
from course import ContentError, Course, load_course
from course.catalog import default_root
from learning.access import AccessDenied, Actor
from learning.accounts import Accounts
from learning.practice import Practice
from learning.submissions import EmbeddedExecutor, Executor
from learning.workspace import Workspace
from progress import LOCAL_LEARNER, ProgressStore, StorageError, database_url, make_engine, upgrade

HOME = "views/home.py"
LESSONS = "views/lessons.py"
LESSON = "views/lesson.py"
PRACTICE = "views/practice.py"
EXERCISE = "views/exercise.py"
PROGRESS = "views/my_progress.py"
REALITY_CHECK = "views/reality_check.py"
ACCOUNT = "views/account.py"
ADMIN = "views/admin.py"
SIGN_IN = "views/sign_in.py"

SESSION_COOKIE, SESSION_COOKIE_HTTPS = "prodready_session", "__Host-prodready_session"
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _course(root: str) -> Course:
    return load_course(root)


@st.cache_resource(show_spinner="Preparing your progress database…")
def _store(url: str) -> ProgressStore:
    engine = make_engine(url)
    upgrade(engine)  # creates the database on first start, upgrades it after an update
    return ProgressStore(engine)


def course() -> Course:
    """The loaded course; a broken content file stops the page with the file and field named."""
    try:
        return _course(str(default_root()))
    except ContentError as exc:
        st.error(f"The course content has a problem, so the app cannot show it: {exc}")
        st.stop()


def store() -> ProgressStore:
    try:
        return _store(database_url())
    except Exception as exc:  # noqa: BLE001  any failure to open or migrate stops every page alike
        st.error(
            "ProdReady could not open its progress database. Check DATABASE_URL or that "
            f"the data folder is writable. ({type(exc).__name__}: {exc})"
        )
        st.stop()


def accounts() -> Accounts:
    return Accounts(store())


def session_token() -> str | None:
    """The sign-in token of this browser: from the cookie the sign-in page set (read once per
    Streamlit session), kept server-side for the session's later runs."""
    if "session_token" not in st.session_state:
        # Over https only the __Host- cookie counts: a sibling subdomain cannot set that one.
        https = (st.context.url or "").startswith("https:")
        value = st.context.cookies.get(SESSION_COOKIE_HTTPS if https else SESSION_COOKIE)
        st.session_state.session_token = value if isinstance(value, str) else None
    return st.session_state.session_token


def actor() -> Actor | None:
    """Who is using the app: the local learner, or in shared mode whoever signed in (None)."""
    if not current().shared:
        return Actor(learner_id=_local_learner())
    try:
        return accounts().resolve(session_token()) or _sso_actor()
    except StorageError as exc:
        st.error(f"Signing you in needs the database, which did not answer: {exc}")
        st.stop()


def remember(who: Actor | None) -> None:
    """app.py checks the sign-in once per run and leaves the result here for the page."""
    st.session_state.actor = who


def me() -> Actor:
    """Who this run is for (checked by app.py at the start of the run)."""
    found = st.session_state.get("actor") or actor()
    if found is None:
        st.warning("You are signed out. Reload the page to sign in again.")
        st.stop()
    return found


def _local_learner() -> int:
    if "learner_id" not in st.session_state:
        try:
            st.session_state.learner_id = store().ensure_learner(LOCAL_LEARNER, "You")
        except StorageError as exc:
            st.error(str(exc))
            st.stop()
    return st.session_state.learner_id


def _sso_actor() -> Actor | None:
    """A person signed in through st.login (OIDC), mapped to their account on every run."""
    if not sso_configured() or not st.user.get("is_logged_in"):
        return None
    from learning.accounts import AccountError

    try:
        verified = st.user.get("email_verified")
        return accounts().sso_actor(
            str(st.user.get("sub", "")),
            str(st.user.get("email", "")),
            str(st.user.get("name", "")),
            email_verified=verified if isinstance(verified, bool) else None,
        )
    except AccountError as exc:
        st.session_state.sso_refusal = str(exc)
        return None


def sso_configured() -> bool:
    """True when `[auth]` is set in .streamlit/secrets.toml (st.login then works)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def workspace(learner_id: int | None = None) -> Workspace:
    """The signed-in person's work, or (where access allows) another learner's."""
    try:
        return Workspace(store(), me(), learner_id)
    except AccessDenied as exc:
        st.error(str(exc))
        st.stop()


@st.cache_resource(show_spinner=False)
def _executor(url: str, root: str) -> Executor:
    """One executor per server process; on start-up it grades what a crash left unfinished."""
    exercises = _course(root).exercises
    if current().executor == "distributed":
        from worker.queue import DistributedExecutor

        chosen: Executor = DistributedExecutor(_store(url), exercises)
    else:
        chosen = EmbeddedExecutor(_store(url), exercises)
    chosen.recover()
    return chosen


def practice() -> Practice:
    return Practice(store(), me(), executor=_executor(database_url(), str(default_root())))


def shielded(call: Callable[[], T], fallback: T) -> T:
    """Run a service call; a database failure is shown where the data would be, and the page
    goes on with `fallback` (the learner's code on screen is never lost to it)."""
    try:
        return call()
    except StorageError as exc:
        st.error(str(exc))
        return fallback


def query_id(name: str) -> int | None:
    """A row id from the address, or None unless it is ASCII digits (`²` passes str.isdigit()
    but not int()). Ids no row can have are the services' to refuse ("no such attempt")."""
    raw = st.query_params.get(name) or ""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def query_choice(name: str, choices: dict) -> str | None:
    """The query parameter `name` when it names one of `choices` (a reload keeps the page)."""
    value = st.query_params.get(name)
    return value if value in choices else None


def pin_query(name: str, value: str) -> None:
    """Put `name=value` in the browser's address on every run of a page that shows one item.

    A page link to the page already open (a lesson's "Next lesson") changes the page but not
    the address, and the next rerun or reload would then read the old address and show another
    page. Setting the parameter sends it to the browser again, so the address always names what
    is on screen, whichever way the page was reached."""
    st.query_params[name] = value
