"""Home: the course map — the eight limitations with progress, the next exercise, a short pitch."""

from __future__ import annotations

import streamlit as st

from learning.course_map import ExerciseStatus, exercise_status, limitation_progress, next_exercise
from views import state
from views.widgets.assigned import assigned_list
from views.widgets.badges import difficulty_text

course = state.course()
done = state.shielded(state.workspace().progress, {})

st.title("ProdReady")
st.markdown(
    "AI assistants write code that runs, reads well and is **not ready for production**: "
    "it trusts its input, ignores your project, skips business rules, swallows errors, slows "
    "down under load, and fails when the network does. Here you fix that code yourself. Each "
    "exercise hands you what an assistant wrote for a real ticket; a grader runs hidden tests, "
    "a security scanner and a complexity check on your fix and explains the score."
)

upcoming = next_exercise(course, done)
solved = sum(1 for s in course.exercises if exercise_status(s, done) is ExerciseStatus.SOLVED)
with st.container(border=True):
    left, right = st.columns([3, 1], vertical_alignment="center")
    if upcoming is None and course.exercises:
        left.markdown("### :material/celebration: Every exercise solved")
        left.markdown("Keep your review habits sharp with the **Reality check** on your own code.")
        right.page_link(state.REALITY_CHECK, label="Reality check", icon=":material/fact_check:")
    elif upcoming is None:
        left.markdown("### The exercises are on their way")
        left.markdown("No exercises are installed yet. Start with the lessons.")
    else:
        verb = "Continue with" if done else "Start with"
        left.markdown(f"##### {verb}")
        left.markdown(f"### {upcoming.title}")
        left.markdown(
            f":violet-badge[{upcoming.limitation_title}] {difficulty_text(upcoming.difficulty)}  \n"
            f"{upcoming.summary}"
        )
        right.page_link(
            state.EXERCISE,
            label="Open the exercise",
            icon=":material/arrow_forward:",
            query_params={"exercise": upcoming.slug},
        )
    st.caption(f"{solved} of {len(course.exercises)} exercises solved")

assigned_list()  # shared mode: the next deadlines of the learner's classes

st.header("The eight limitations of AI-written code")
intro = next((lesson for lesson in course.lessons if lesson.kind == "intro"), None)
if intro is not None:
    st.page_link(
        state.LESSON,
        label=f"New here? Read “{intro.title}” first",
        icon=":material/school:",
        query_params={"lesson": intro.slug},
    )

rows = limitation_progress(course, done)
for start in range(0, len(rows), 4):
    columns = st.columns(4)
    for offset, row in enumerate(rows[start : start + 4]):
        with columns[offset].container(border=True, height="stretch"):
            st.markdown(f"**{start + offset + 1}. {row.title}**")
            st.progress(row.share_solved)
            if row.total:
                st.caption(f"{row.solved} of {row.total} solved · {row.attempted} attempted")
            else:
                st.caption("Exercises coming soon")
            if row.lesson_slug:
                st.page_link(
                    state.LESSON,
                    label="Open the lesson",
                    icon=":material/menu_book:",
                    query_params={"lesson": row.lesson_slug},
                )
