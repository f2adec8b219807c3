"""Lesson: the rendered lesson and its exercises with their status (?lesson=slug)."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS
from learning.course_map import ExerciseStatus, exercise_status
from views import state
from views.widgets.badges import demote_headings, difficulty_text, status_text

course = state.course()
lessons = {lesson.slug: lesson for lesson in course.lessons}
slug = state.query_choice("lesson", lessons)
done = state.shielded(state.workspace().progress, {})

if slug is None:
    st.title("Lessons")
    st.markdown(
        "Read a lesson, then practise on its exercises. Lessons follow the eight ways "
        "AI-written code fails in production."
    )
    if not lessons:
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
    st.stop()

lesson = lessons[slug]

st.page_link(state.LESSON, label="All lessons", icon=":material/arrow_back:")
st.title(lesson.title)
kind = LIMITATIONS.get(lesson.kind)
st.markdown((f":violet-badge[{kind}] " if kind else "") + f":gray-badge[{lesson.minutes} min read]")
st.markdown(demote_headings(lesson.body, lesson.title))

st.divider()
st.header("Practise what you read")
exercises = [course.exercises[s] for s in lesson.exercises if s in course.exercises]
if not exercises:
    st.caption("This lesson has no exercises.")
for exercise in exercises:
    with st.container(border=True):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f"**{exercise.title}**  \n{exercise.summary}")
        left.markdown(
            f"{status_text(exercise_status(exercise.slug, done))} "
            f"{difficulty_text(exercise.difficulty)}"
        )
        right.page_link(
            state.EXERCISE,
            label="Practise",
            icon=":material/code:",
            query_params={"exercise": exercise.slug},
        )

position = course.lessons.index(lesson)
if position + 1 < len(course.lessons):
    following = course.lessons[position + 1]
    st.page_link(
        state.LESSON,
        label=f"Next lesson: {following.title}",
        icon=":material/arrow_forward:",
        query_params={"lesson": following.slug},
    )
