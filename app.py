"""ProdReady: page config and navigation. Pages live in views/, logic in learning/ and progress/."""

from __future__ import annotations

import streamlit as st

from views import state

st.set_page_config(page_title="ProdReady", page_icon=":material/build_circle:", layout="wide")

pages = [
    # The default page is served at "/" (Streamlit ignores a url_path for it).
    st.Page(state.HOME, title="Course map", icon=":material/map:", default=True),
    st.Page(state.LESSON, title="Lessons", icon=":material/menu_book:", url_path="lesson"),
    st.Page(state.EXERCISE, title="Practice", icon=":material/code:", url_path="exercise"),
    st.Page(state.PROGRESS, title="Progress", icon=":material/insights:", url_path="progress"),
    st.Page(
        state.REALITY_CHECK,
        title="Reality check",
        icon=":material/fact_check:",
        url_path="reality-check",
    ),
]
navigation = st.navigation(pages)
st.sidebar.caption("**ProdReady** · make AI-written code production-ready")
state.store()  # opens (creating or upgrading) the database before any page needs it
navigation.run()
