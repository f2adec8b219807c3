"""Hints unlock one at a time, and each unlock is recorded."""

from __future__ import annotations

import streamlit as st

from course import Exercise
from learning.workspace import Workspace
from progress import StorageError


def hints_panel(exercise: Exercise, work: Workspace) -> None:
    if not exercise.hints:
        return
    try:
        opened = work.hints_unlocked(exercise.slug)
    except StorageError as exc:
        st.error(str(exc))
        return
    total = len(exercise.hints)
    st.subheader("Hints")
    if opened == 0:
        st.caption(
            f"Stuck? {total} hints go from a gentle nudge to a specific pointer. "
            "Using them is recorded in your progress, never held against your score."
        )
    for number, hint in enumerate(exercise.hints[:opened], start=1):
        with st.container(border=True):
            st.markdown(f"**Hint {number} of {total}**")
            st.markdown(hint.replace("## ", "###### ", 1))
    if opened < total:
        if st.button(
            f"Show hint {opened + 1} of {total}",
            icon=":material/lightbulb:",
            key=f"hint:{exercise.slug}:{opened}",
        ):
            try:
                work.unlock_hint(exercise, opened)
            except StorageError as exc:
                st.error(str(exc))
            else:
                st.rerun()
