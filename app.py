"""ProdReady: page config, the sign-in gate and navigation. Pages live in views/, logic in learning/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from config import current
from learning.access import ROLE_TITLES
from views import state
from views.widgets import layout

# The icon ships with the app: a font-server icon fails to load on a machine without internet.
ICON = Path(__file__).parent / "static" / "icon.png"
st.set_page_config(page_title="ProdReady", page_icon=str(ICON), layout="wide")
layout.page_style()
state.store()  # opens (creating or upgrading) the database before any page needs it

who = state.actor()
state.remember(who)
if who is None:  # shared mode, nobody signed in: the sign-in gate is the only page
    st.navigation([st.Page(state.SIGN_IN, title="Sign in", icon=":material/login:")]).run()
    st.stop()

pages = [
    # The default page is served at "/" (Streamlit ignores a url_path for it).
    st.Page(state.HOME, title="Course map", icon=":material/map:", default=True),
    st.Page(state.LESSONS, title="Lessons", icon=":material/menu_book:", url_path="lessons"),
    st.Page(
        state.LESSON,
        title="Lesson",
        icon=":material/menu_book:",
        url_path="lesson",
        visibility="hidden",  # reached from Lessons, the course map or an exercise, with ?lesson=
    ),
    st.Page(state.PRACTICE, title="Practice", icon=":material/code:", url_path="practice"),
    st.Page(
        state.EXERCISE,
        title="Exercise",
        icon=":material/code:",
        url_path="exercise",
        visibility="hidden",  # reached from Practice, a lesson or the course map, with ?exercise=
    ),
    st.Page(state.PROGRESS, title="Progress", icon=":material/insights:", url_path="progress"),
    st.Page(
        state.REALITY_CHECK,
        title="Reality check",
        icon=":material/fact_check:",
        url_path="reality-check",
    ),
]
if current().shared:
    from learning.classroom_access import install, is_teacher
    from views.widgets import classroom

    install(state.store())  # the rule by which instructors read their cohorts' learners
    pages.append(
        st.Page(state.ACCOUNT, title="Account", icon=":material/person:", url_path="account")
    )
    pages.append(
        st.Page(classroom.CLASSES, title="Classes", icon=":material/school:", url_path="join")
    )
    if is_teacher(who):  # a convenience: the classroom services refuse anyone else anyway
        pages += [
            st.Page(
                classroom.COHORTS, title="Cohorts", icon=":material/groups:", url_path="cohorts"
            ),
            st.Page(
                classroom.DASHBOARD,
                title="Class dashboard",
                icon=":material/monitoring:",
                url_path="dashboard",
            ),
            st.Page(classroom.PACING, title="Pacing", icon=":material/speed:", url_path="pacing"),
            st.Page(
                classroom.BOARD,
                title="Workshop board",
                icon=":material/leaderboard:",
                url_path="board",
            ),
        ]
    if who.is_admin:  # a convenience: the admin services refuse anyone else anyway
        pages.append(
            st.Page(state.ADMIN, title="Admin", icon=":material/shield_person:", url_path="admin")
        )
navigation = st.navigation(pages)
st.sidebar.caption("**ProdReady** · make AI-written code production-ready")
if current().shared:
    with st.sidebar:
        # Plain text: a name is what a person typed, never Markdown (no links or images).
        st.text(f"Signed in as {who.display_name or who.email} · {ROLE_TITLES[who.role]}")
        if st.button("Sign out", icon=":material/logout:", key="sign-out"):
            token = state.session_token()
            if token:
                state.shielded(lambda: state.accounts().sign_out(token), None)
            st.session_state.session_token = None
            if st.user.get("is_logged_in"):
                st.logout()
            st.rerun()
navigation.run()
