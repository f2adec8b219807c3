"""What every page needs: the course, the progress store and the current learner.

The course and the database engine are built once per server process (st.cache_resource), so a
rerun costs no file reads and no connection set-up; the learner id is kept per browser session.
"""

from __future__ import annotations

import streamlit as st

from course import ContentError, Course, load_course
from course.catalog import default_root
from progress import LOCAL_LEARNER, ProgressStore, StorageError, database_url, make_engine, upgrade

HOME = "views/home.py"
LESSON = "views/lesson.py"
EXERCISE = "views/exercise.py"
PROGRESS = "views/my_progress.py"
REALITY_CHECK = "views/reality_check.py"


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


def learner_id() -> int:
    """The learner of this browser session (local mode: the one default learner)."""
    if "learner_id" not in st.session_state:
        try:
            st.session_state.learner_id = store().ensure_learner(LOCAL_LEARNER, "You")
        except StorageError as exc:
            st.error(str(exc))
            st.stop()
    return st.session_state.learner_id


def query_choice(name: str, choices: dict) -> str | None:
    """The query parameter `name` when it names one of `choices` (a reload keeps the page)."""
    value = st.query_params.get(name)
    return value if value in choices else None
