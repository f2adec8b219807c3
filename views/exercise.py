"""Exercise: the ticket beside the editor (Check / Submit / Reset and the explained result),
hints, and after solving the way on and the explanation beside the reference
(exercise?exercise=slug). Without a known ?exercise= it goes to the Practice list."""

from __future__ import annotations

import streamlit as st

from learning.course_map import ExerciseStatus, exercise_status
from views import state
from views.widgets.assigned import due_notes, reference_hidden
from views.widgets.badges import difficulty_text, status_badge
from views.widgets.hints import hints_panel
from views.widgets.layout import exercise_panes
from views.widgets.solved import next_step, solved_section
from views.widgets.ticket import ticket
from views.widgets.workbench import workbench

course = state.course()
slug = state.query_choice("exercise", course.exercises)
if slug is None:  # no exercise named (or an unknown one): the list to choose from
    st.switch_page(state.PRACTICE)
state.pin_query("exercise", slug)
work = state.workspace()
exercise = course.exercises[slug]
done = state.shielded(work.progress, {})
status = exercise_status(slug, done)
lesson = course.lesson_of(slug)

if lesson is not None:
    st.page_link(
        state.LESSON,
        label=f"Lesson: {lesson.title}",
        icon=":material/arrow_back:",
        query_params={"lesson": lesson.slug},
    )
st.title(exercise.title)
with st.container(horizontal=True):
    status_badge(status)
    st.markdown(
        f":violet-badge[{exercise.limitation_title}] {difficulty_text(exercise.difficulty)} "
        + " ".join(f":gray-badge[CWE-{n}]" for n in exercise.cwe)
    )
st.markdown(f"**The task:** {exercise.summary}")
due_notes(slug)  # shared mode: when it is due, and whether an attempt now is late

ticket_pane, desk_pane = exercise_panes()
with ticket_pane:
    ticket(exercise, work, first_visit=status is ExerciseStatus.NEW)
with desk_pane:
    workbench(exercise, work, state.practice, lambda: next_step(course, exercise, done))
    hints_panel(exercise, work)

if status is ExerciseStatus.SOLVED:
    solved_section(
        exercise, work, fallback_code=exercise.starter, show_reference=not reference_hidden(slug)
    )
