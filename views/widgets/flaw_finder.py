"""Find the flaw: an optional step before editing. The learner marks lines and names the
limitation; the verdict is revealed with the explanation once the exercise is solved."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS, Exercise
from learning import flaw
from learning.workspace import Workspace
from progress import StorageError


def flaw_finder(exercise: Exercise, work: Workspace, opened: bool) -> None:
    if not exercise.flaw_lines:
        return
    try:
        answer = work.flaw_answer(exercise.slug)
    except StorageError as exc:
        st.error(str(exc))
        return
    title = "Step 1 (optional): find the flaw before you fix it"
    if answer is not None:
        title += " · answered"
    with st.expander(title, expanded=opened and answer is None, icon=":material/search:"):
        st.markdown(
            "Read the assistant's code. Which lines would you flag in a code review, "
            "and which limitation of AI code do they show?"
        )
        st.code(exercise.starter, language="python", line_numbers=True)
        lines = exercise.starter.splitlines()
        with st.form(f"flaw:{exercise.slug}", border=False):
            chosen = st.multiselect(
                "The lines I would flag",
                options=list(range(1, len(lines) + 1)),
                default=list(answer.lines) if answer else [],
                format_func=lambda n: f"{n}: {lines[n - 1].strip()[:60]}",
                placeholder="Choose one or more lines",
            )
            keys = list(LIMITATIONS)
            limitation = st.selectbox(
                "The limitation they show",
                keys,
                format_func=LIMITATIONS.__getitem__,
                index=keys.index(answer.limitation) if answer else None,
                placeholder="Choose a limitation",
            )
            sent = st.form_submit_button("Save my answer", icon=":material/flag:")
        if sent and (not chosen or limitation is None):
            st.warning("Mark at least one line and choose a limitation.")
        elif sent:
            try:
                work.save_flaw_answer(exercise, chosen, limitation)
            except StorageError as exc:
                st.error(str(exc))
            else:
                st.success(
                    "Answer saved. You'll see how you did next to the explanation, once "
                    "you've solved the exercise."
                )
        elif answer is not None:
            st.caption("Your answer is saved; you can change it until you look at the explanation.")


def flaw_verdict(exercise: Exercise, work: Workspace) -> None:
    """How the learner's find-the-flaw answer compares, shown beside the explanation."""
    if not exercise.flaw_lines:
        return
    try:
        answer = work.flaw_answer(exercise.slug)
    except StorageError:
        return
    flawed = ", ".join(str(n) for n in exercise.flaw_lines)
    if answer is None:
        st.caption(
            f"The flaw was on line{'s' if len(exercise.flaw_lines) > 1 else ''} {flawed} "
            f"of the starter ({exercise.limitation_title})."
        )
        return
    verdict = flaw.verdict_of(exercise, answer)
    icon = ":material/target:" if not verdict.missed and verdict.limitation_correct else None
    st.info(
        f"**Find the flaw:** {verdict.summary} The flaw was on line"
        f"{'s' if len(exercise.flaw_lines) > 1 else ''} {flawed} "
        f"({exercise.limitation_title}).",
        icon=icon,
    )
