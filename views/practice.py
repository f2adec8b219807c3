"""Practice: every exercise by limitation, with the learner's status; each opens its page."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS
from learning.course_map import exercise_status
from views import state
from views.widgets.badges import difficulty_text, status_text

course = state.course()
work = state.workspace()
done = state.shielded(work.progress, {})

st.title("Practice")
st.markdown(
    "Pick an exercise. Each one is code an assistant wrote for a real ticket: "
    "find what is not production-ready and fix it."
)
if not course.exercises:
    st.info("No exercises are installed yet.")
for key, title in LIMITATIONS.items():
    group = [ex for ex in course.ordered_exercises() if ex.limitation == key]
    if group:
        st.subheader(title)
    for ex in group:
        with st.container(border=True):
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown(
                f"**{ex.title}** {status_text(exercise_status(ex.slug, done))} "
                f"{difficulty_text(ex.difficulty)}  \n{ex.summary}"
            )
            right.page_link(
                state.EXERCISE,
                label="Open",
                icon=":material/code:",
                query_params={"exercise": ex.slug},
            )
