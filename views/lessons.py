"""Lessons: every lesson in teaching order, with its reading time and its exercises solved.
Each opens its own page (lesson?lesson=slug)."""

from __future__ import annotations

import streamlit as st

from learning.course_map import ExerciseStatus, exercise_status
from views import state

course = state.course()
done = state.shielded(state.workspace().progress, {})

st.title("Lessons")
st.markdown(
    "Read a lesson, then practise on its exercises. Lessons follow the eight ways "
    "AI-written code fails in production."
)
if not course.lessons:
    st.info("No lessons are installed yet.")
for number, lesson in enumerate(course.lessons, start=1):
    with st.container(border=True):
        st.page_link(
            state.LESSON,
            label=f"{number}. {lesson.title}",
            icon=":material/menu_book:",
            query_params={"lesson": lesson.slug},
        )
        count = len(lesson.exercises)
        solved = sum(
            1 for s in lesson.exercises if exercise_status(s, done) is ExerciseStatus.SOLVED
        )
        practice = f" · {count} exercise{'s' if count != 1 else ''}, {solved} solved"
        st.caption(f"{lesson.minutes} min read" + (practice if count else ""))
