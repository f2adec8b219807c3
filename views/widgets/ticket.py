"""The ticket pane of an exercise: the brief, the project files it must fit, the visible tests
and the optional find-the-flaw step."""

from __future__ import annotations

import streamlit as st

from course import Exercise
from learning.workspace import Workspace
from views.widgets.badges import demote_headings
from views.widgets.flaw_finder import flaw_finder


def ticket(exercise: Exercise, work: Workspace, first_visit: bool) -> None:
    st.markdown(demote_headings(exercise.brief))
    if exercise.context_files:
        with st.expander("Project files your code must fit (read-only)", icon=":material/folder:"):
            for name, source in exercise.context_files.items():
                st.markdown(f"`{name}`")
                st.code(source, language="python", line_numbers=True, wrap_lines=True)
    if exercise.has_suite("visible"):
        with st.expander("Visible tests: what Check runs", icon=":material/science:"):
            st.code(exercise.test_source("visible"), language="python", wrap_lines=True)
    flaw_finder(exercise, work, opened=first_visit)
