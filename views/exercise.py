"""Exercise: the brief, find the flaw, the editor with Check / Submit / Reset, the explained
result, hints, and after solving the explanation beside the reference (?exercise=slug).
Without a known ?exercise= it goes to the Practice list."""

from __future__ import annotations

import streamlit as st

from config import current as settings
from course import Exercise
from learning import feedback
from learning.course_map import ExerciseStatus, exercise_status
from learning.workspace import Outcome, Pending
from progress import StorageError
from views import state
from views.widgets import editor
from views.widgets.assigned import due_notes, reference_hidden
from views.widgets.badges import demote_headings, difficulty_text, status_badge
from views.widgets.flaw_finder import flaw_finder, flaw_verdict
from views.widgets.hints import hints_panel
from views.widgets.live_status import pending_panel
from views.widgets.report_panel import outcome_panel

course = state.course()
slug = state.query_choice("exercise", course.exercises)
if slug is None:  # no exercise named (or an unknown one): the list to choose from
    st.switch_page(state.PRACTICE)
work = state.workspace()

exercise: Exercise = course.exercises[slug]
outcome_key, flash_key = f"outcome:{slug}", f"flash:{slug}"


def _last_outcome() -> Outcome | Pending | None:
    """This session's latest result, else the last recorded attempt (after a reload)."""
    if outcome_key in st.session_state:
        return st.session_state[outcome_key]
    return state.shielded(lambda: work.last_outcome(slug), None)


def _reset_to_starter() -> None:
    editor.reset(slug)
    st.session_state.pop(outcome_key, None)
    st.session_state.pop(f"saved:{slug}", None)
    try:
        work.discard_draft(slug)
    except StorageError as exc:
        st.session_state[flash_key] = str(exc)


mine = state.shielded(lambda: work.standing(slug), None)
status = exercise_status(slug, {slug: mine} if mine else {})
lesson = course.lesson_of(slug)

if lesson is not None:
    st.page_link(
        state.LESSON,
        label=lesson.title,
        icon=":material/arrow_back:",
        query_params={"lesson": lesson.slug},
    )
st.title(exercise.title)
badges = st.container(horizontal=True)
with badges:
    status_badge(status)
    st.markdown(
        f":violet-badge[{exercise.limitation_title}] {difficulty_text(exercise.difficulty)} "
        + " ".join(f":gray-badge[CWE-{n}]" for n in exercise.cwe)
    )

due_notes(slug)  # shared mode: when it is due, and whether an attempt now is late
with st.container(border=True):
    st.markdown(demote_headings(exercise.brief))
if exercise.context_files:
    with st.expander("Project files your code must fit (read-only)", icon=":material/folder:"):
        for name, source in exercise.context_files.items():
            st.markdown(f"`{name}`")
            st.code(source, language="python", line_numbers=True)
if exercise.has_suite("visible"):
    with st.expander("Visible tests: what Check runs", icon=":material/science:"):
        st.code(exercise.test_source("visible"), language="python")

flaw_finder(exercise, work, opened=status is ExerciseStatus.NEW)

st.subheader("Your fix")
st.caption(
    "Edit the code, then press **Ctrl+Enter** (or the editor's Apply button) to send it "
    "before you Check or Submit. Your code is saved as you go."
)
if flash_key in st.session_state:
    st.error(st.session_state.pop(flash_key))

saved_key = f"saved:{slug}"
if saved_key not in st.session_state:
    opening = exercise.starter
    if editor.generation(slug) == 0:
        opening = state.shielded(lambda: work.opening_code(exercise), exercise.starter)
    st.session_state[saved_key] = opening
initial = st.session_state[saved_key] if editor.generation(slug) == 0 else exercise.starter

shown = _last_outcome()
# What the editor holds now (None until the component has reported a value).
current = st.session_state.get(editor.editor_key(slug, editor.generation(slug)))
current = initial if current is None else current
marks = (
    feedback.annotations(shown.report)
    if isinstance(shown, Outcome) and shown.code == current
    else []
)
code = editor.code_editor(slug, initial, marks)

if code != st.session_state[saved_key]:
    try:
        refused = work.save_draft(exercise, code)
    except StorageError as exc:
        st.error(str(exc))
    else:
        if refused:
            st.warning(refused)
        else:
            st.session_state[saved_key] = code

practice = state.practice()
actions = st.container(horizontal=True)
check = actions.button(
    "Check",
    icon=":material/science:",
    key=f"check:{slug}",
    help="Runs the visible tests and the static checks. Not counted as an attempt.",
)
submit = actions.button(
    "Submit",
    type="primary",
    icon=":material/send:",
    key=f"submit:{slug}",
    help="Grades your fix with the hidden tests and records the attempt.",
)
actions.button(
    "Reset to starter",
    icon=":material/restart_alt:",
    key=f"reset:{slug}",
    on_click=_reset_to_starter,
    help="Puts the assistant's original code back.",
)

if check or submit:
    label = (
        "Running the visible tests and static checks…"
        if check
        else "Grading: hidden tests in the sandbox, security scan, complexity…"
    )
    with st.status(label, expanded=False) as progress_box:
        result = (
            practice.check(exercise, code)
            if check
            else practice.wait(practice.submit(exercise, code), settings().submit_wait_s)
        )
        progress_box.update(label="Done", state="complete")
    st.session_state[outcome_key] = result
    st.rerun()  # redraw the whole page (badges, gutter marks, hints) from the new result

if isinstance(shown, Pending):
    st.subheader("Result")
    pending_panel(shown, practice.result, lambda done: st.session_state.update({outcome_key: done}))
elif shown is not None:
    st.subheader("Result" if shown.kind == "submit" else "Check result")
    outcome_panel(shown, exercise.starter)

hints_panel(exercise, work)

if status is ExerciseStatus.SOLVED:
    st.divider()
    st.header("Why the assistant's code failed")
    flaw_verdict(exercise, work)
    st.markdown(demote_headings(exercise.explanation))
    solved_code = state.shielded(lambda: work.solved_code(slug), None) or code
    yours, reference = st.columns(2)
    yours.markdown("**Your solved fix**")
    yours.code(solved_code, language="python", line_numbers=True)
    reference.markdown("**A reference fix**")
    if reference_hidden(slug):
        reference.info("Your instructor shows the reference fix after the due date.")
    else:
        reference.code(exercise.reference, language="python", line_numbers=True)
