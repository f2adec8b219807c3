"""What is assigned, shown where the learner works: on the course map a short list, on an exercise
when it is due (in the learner's time zone) and what an attempt now would count for, before they
submit. Shared mode only; in local mode there are no classes and nothing is shown."""

from __future__ import annotations

import streamlit as st

from config import current
from learning.classroom_assignments import Assignments
from progress import StorageError
from views import state
from views.widgets.classroom import CLASSES, plain, when


def _service() -> Assignments | None:
    return Assignments(state.store()) if current().shared else None


def due_notes(slug: str) -> None:
    """On an exercise: each assignment it is part of, its due time and the late outlook.
    Also notes the first time the learner opened it (the dashboard's time-to-solve)."""
    service = _service()
    if service is None:
        return
    who = state.me()
    try:
        if st.session_state.get(f"opened:{slug}") is None:
            service.note_open(who, slug)
            st.session_state[f"opened:{slug}"] = True
        dues = service.due_for(who, slug)
    except StorageError as exc:
        st.error(str(exc))
        return
    now = service.clock()
    for due in dues:
        late = now > due.deadline
        text = (
            f"**{plain(due.assignment.title)}**: due {when(due.deadline)}"
            f"{' (your extension)' if due.extended else ''}. {plain(due.outlook(now))}"
        )
        (st.warning if late else st.info)(text, icon=":material/event:")
        _lessons_first(due.assignment.lessons)


def _lessons_first(slugs: list[str]) -> None:
    """Links to the lessons an assignment asks to read first."""
    lessons = {lesson.slug: lesson for lesson in state.course().lessons}
    for lesson in (lessons[slug] for slug in slugs if slug in lessons):
        st.page_link(
            state.LESSON,
            label=f"Read first: {lesson.title}",
            icon=":material/menu_book:",
            query_params={"lesson": lesson.slug},
        )


def reference_hidden(slug: str) -> bool:
    service = _service()
    if service is None:
        return False
    try:
        return service.reference_hidden(state.me(), slug)
    except StorageError:
        return True  # unsure: keep it hidden rather than show it early


def assigned_list() -> None:
    """On the course map: the next deadlines, each a link to its exercise."""
    service = _service()
    if service is None:
        return
    try:
        dues = service.due_for(state.me())
    except StorageError as exc:
        st.error(str(exc))
        return
    course = state.course()
    now = service.clock()
    upcoming = [due for due in dues if due.deadline >= now][:5]
    if not upcoming:
        return
    with st.container(border=True):
        st.markdown("##### Assigned to you")
        for due in upcoming:
            exercise = course.exercises.get(due.exercise)
            if exercise is None:
                continue
            st.page_link(
                state.EXERCISE,
                label=f"{exercise.title} · {plain(due.assignment.title)} · due {when(due.deadline)}",
                icon=":material/event:",
                query_params={"exercise": due.exercise},
            )
        st.page_link(CLASSES, label="All your classes", icon=":material/school:")
