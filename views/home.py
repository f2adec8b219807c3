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
    if upcoming is None and course.exercises:
        st.markdown("### :material/celebration: Every exercise solved")
        st.markdown("Keep your review habits sharp with the **Reality check** on your own code.")
        st.page_link(state.REALITY_CHECK, label="Reality check", icon=":material/fact_check:")
    elif upcoming is None:
        st.markdown("### The exercises are on their way")
        st.markdown("No exercises are installed yet. Start with the lessons.")
    else:
        verb = "Continue with" if done else "Start with"
        st.markdown(f"##### {verb}")
        st.markdown(f"### {upcoming.title}")
        st.markdown(
            f":violet-badge[{upcoming.limitation_title}] {difficulty_text(upcoming.difficulty)}  \n"
            f"{upcoming.summary}"
        )
        st.page_link(
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

# Cards of a fixed width that wrap: four a row on a wide screen, one a row on a phone, and
# never a title broken mid-word in a column too narrow for it.
with st.container(horizontal=True, key="limitation-cards"):
    for number, row in enumerate(limitation_progress(course, done), start=1):
        with st.container(border=True, width=250, height="stretch"):
            st.markdown(f"**{number}. {row.title}**")
            st.progress(row.share_solved, text=f"{row.share_solved:.0%} solved")
            if row.total:
                st.caption(f"{row.solved} of {row.total} solved · {row.in_progress} in progress")
            else:
                st.caption("Exercises coming soon")
            if row.lesson_slug:
                st.page_link(
                    state.LESSON,
                    label="Open the lesson",
                    icon=":material/menu_book:",
                    query_params={"lesson": row.lesson_slug},
                )
