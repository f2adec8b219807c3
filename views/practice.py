"""Practice: where the learner left off, then every exercise by limitation, filtered by
limitation, difficulty and status; each opens its page (exercise?exercise=slug)."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS
from learning.course_map import STATUS_LABELS, ExerciseStatus, exercise_status, resume_point
from views import state
from views.widgets.badges import DIFFICULTY, difficulty_text, status_text

course = state.course()
work = state.workspace()
done = state.shielded(work.progress, {})
latest = state.shielded(lambda: work.attempts(limit=1), [])

st.title("Practice")
st.markdown(
    "Pick an exercise. Each one is code an assistant wrote for a real ticket: "
    "find what is not production-ready and fix it."
)
if not course.exercises:
    st.info("No exercises are installed yet.")
    st.stop()

resume = resume_point(course, done, latest[0].exercise if latest else None)
if resume is not None:
    with st.container(border=True):
        st.markdown("**Continue where you left off**" if done else "**Start here**")
        st.page_link(
            state.EXERCISE,
            label=resume.title,
            icon=":material/arrow_forward:",
            query_params={"exercise": resume.slug},
        )
        st.caption(f"{resume.limitation_title} · {DIFFICULTY.get(resume.difficulty)}")

filters = st.container(horizontal=True, key="practice-filters")
limitation = filters.selectbox(
    "Limitation",
    [None, *LIMITATIONS],
    format_func=lambda key: "All limitations" if key is None else LIMITATIONS[key],
    width=300,
)
difficulty = filters.selectbox(
    "Difficulty",
    [None, *DIFFICULTY],
    format_func=lambda level: "Any difficulty" if level is None else DIFFICULTY[level],
    width=200,
)
status = filters.selectbox(
    "Status",
    [None, *ExerciseStatus],
    format_func=lambda key: "Any status" if key is None else STATUS_LABELS[key],
    width=200,
)

shown = [
    ex
    for ex in course.ordered_exercises()
    if (limitation is None or ex.limitation == limitation)
    and (difficulty is None or ex.difficulty == difficulty)
    and (status is None or exercise_status(ex.slug, done) is status)
]
st.caption(f"{len(shown)} of {len(course.exercises)} exercises")
for key, title in LIMITATIONS.items():
    group = [ex for ex in shown if ex.limitation == key]
    if group:
        st.subheader(title)
    for ex in group:
        with st.container(border=True):
            st.page_link(
                state.EXERCISE,
                label=ex.title,
                icon=":material/code:",
                query_params={"exercise": ex.slug},
            )
            st.markdown(
                f"{status_text(exercise_status(ex.slug, done))} "
                f"{difficulty_text(ex.difficulty)}  \n{ex.summary}"
            )
