"""Pacing (instructors, ?cohort=ID): how many are stuck on which exercise right now and which
hidden requirement their latest attempts fail most, to know when to stop the room and explain.
Refreshes itself; one query each time."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from learning.classroom_board import Board
from views import state
from views.widgets import classroom as ui

REFRESH_S = 10.0

who = state.me()
course = state.course()
board = Board(state.store())
titles = {slug: ex.title for slug, ex in course.exercises.items()}
st.title("Pacing")
cohort_id = ui.choose_cohort(ui.or_stop(lambda: ui.cohorts().taught(who)))
if cohort_id is None:
    st.info("You teach no cohort yet.")
    st.stop()
ui.or_stop(lambda: ui.cohorts().get(who, cohort_id))
minutes = st.select_slider("Looking at the last", [5, 10, 20, 30, 60], value=20, key="window")
st.caption(
    "Stuck: a learner whose latest attempt in that time did not solve an exercise they have "
    "never solved."
)


@st.fragment(run_every=REFRESH_S)
def _pacing() -> None:
    lines = ui.attempt(lambda: board.pacing(who, cohort_id, timedelta(minutes=minutes)))
    if lines is None:
        return
    if not any(line.stuck for line in lines):
        st.success("Nobody is stuck right now.")
    for line in lines:
        if not line.stuck:
            continue
        with st.container(border=True):
            st.markdown(f"**{titles.get(line.exercise, line.exercise)}** · {line.stuck} stuck")
            for requirement, learners in line.failing[:3]:
                st.markdown(f"- {learners} fail: {requirement}")


_pacing()
