"""After solving: where to go next, then why the assistant's code failed, the learner's fix
against the reference as a diff, and both in full."""

from __future__ import annotations

import streamlit as st

from course import Course, Exercise
from learning import feedback
from learning.course_map import limitation_progress, next_after
from learning.workspace import Workspace
from progress import ExerciseProgress
from views import state
from views.widgets.badges import demote_headings
from views.widgets.flaw_finder import flaw_verdict


def next_step(course: Course, exercise: Exercise, done: dict[str, ExerciseProgress]) -> None:
    """The way on from a solved exercise: the next one, and what solving opened."""
    row = next(r for r in limitation_progress(course, done) if r.key == exercise.limitation)
    following = next_after(course, exercise.slug, done)
    with st.container(border=True, key="next-step"):
        st.markdown("**:material/celebration: Solved. What's next**")
        st.markdown(
            f"You have solved {row.solved} of {row.total} exercises on "
            f"*{row.title}*. Solving opened the explanation and a reference fix "
            "[below](#why-the-assistant-s-code-failed)."
        )
        if following is None:
            st.markdown("That was the last one: every exercise is solved.")
            st.page_link(
                state.REALITY_CHECK,
                label="Try the Reality check on your own code",
                icon=":material/fact_check:",
            )
            return
        st.page_link(
            state.EXERCISE,
            label=f"Next exercise: {following.title}",
            icon=":material/arrow_forward:",
            query_params={"exercise": following.slug},
        )


def solved_section(
    exercise: Exercise, work: Workspace, fallback_code: str, show_reference: bool = True
) -> None:
    """`show_reference` is False while an instructor keeps the reference hidden (until the
    assignment's due date): then neither the reference nor a diff against it is shown."""
    st.divider()
    st.header("Why the assistant's code failed", anchor="why-the-assistant-s-code-failed")
    flaw_verdict(exercise, work)
    st.markdown(demote_headings(exercise.explanation))
    code = state.shielded(lambda: work.solved_code(exercise.slug), None) or fallback_code
    if not show_reference:
        st.subheader("Your solved fix")
        st.info("Your instructor shows the reference fix after the due date.")
        st.code(code, language="python", line_numbers=True, wrap_lines=True)
        return
    st.subheader("Your fix against the reference")
    diff = feedback.diff_against_reference(exercise.reference, code)
    if diff:
        st.caption(
            "A correct fix can look different from the reference: lines starting with **-** "
            "are only in the reference, lines with **+** only in yours."
        )
        st.code(diff, language="diff", wrap_lines=True)
    else:
        st.caption("Your fix is the reference fix, line for line.")
    yours, reference = st.tabs(["Your solved fix", "A reference fix"])
    yours.code(code, language="python", line_numbers=True, wrap_lines=True)
    reference.code(exercise.reference, language="python", line_numbers=True, wrap_lines=True)
