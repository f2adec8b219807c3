"""One lesson: the rendered text and its exercises with their status (lesson?lesson=slug).
Without a known ?lesson= it goes to the list of lessons."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS
from learning.course_map import exercise_status
from views import state
from views.widgets.badges import demote_headings, difficulty_text, status_text

course = state.course()
lessons = {lesson.slug: lesson for lesson in course.lessons}
slug = state.query_choice("lesson", lessons)
if slug is None:
    st.switch_page(state.LESSONS)
state.pin_query("lesson", slug)
done = state.shielded(state.workspace().progress, {})
lesson = lessons[slug]
position = course.lessons.index(lesson)

st.page_link(state.LESSONS, label="All lessons", icon=":material/arrow_back:")
st.title(lesson.title)
kind = LIMITATIONS.get(lesson.kind)
st.markdown(
    (f":violet-badge[{kind}] " if kind else "")
    + f":gray-badge[Lesson {position + 1} of {len(course.lessons)}] "
    + f":gray-badge[{lesson.minutes} min read]"
)
st.markdown(demote_headings(lesson.body, lesson.title))

st.divider()
st.header("Practise what you read")
exercises = [course.exercises[s] for s in lesson.exercises if s in course.exercises]
if not exercises:
    st.caption("This lesson has no exercises.")
for exercise in exercises:
    with st.container(border=True):
        st.markdown(f"**{exercise.title}**  \n{exercise.summary}")
        st.markdown(
            f"{status_text(exercise_status(exercise.slug, done))} "
            f"{difficulty_text(exercise.difficulty)}"
        )
        st.page_link(
            state.EXERCISE,
            label=f"Practise: {exercise.title}",
            icon=":material/code:",
            query_params={"exercise": exercise.slug},
        )

if position + 1 < len(course.lessons):
    following = course.lessons[position + 1]
    st.page_link(
        state.LESSON,
        label=f"Next lesson: {following.title}",
        icon=":material/arrow_forward:",
        query_params={"lesson": following.slug},
    )
