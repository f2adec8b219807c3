"""The workshop board for the room's screen (?cohort=ID): solved counts per exercise and the
first solvers by the board names learners chose; it refreshes itself, one query each time."""

from __future__ import annotations

import streamlit as st

from learning.classroom_board import Board
from views import state
from views.widgets import classroom as ui

REFRESH_S = 5.0

who = state.me()
course = state.course()
board = Board(state.store())
titles = {slug: ex.title for slug, ex in course.exercises.items()}
cohort_id = ui.choose_cohort(ui.or_stop(lambda: ui.cohorts().taught(who)))
if cohort_id is None:
    st.info("You teach no cohort yet.")
    st.stop()
cohort = ui.or_stop(lambda: ui.cohorts().get(who, cohort_id))
st.title(ui.plain(cohort.name))
st.caption(
    "Choose a board name on the Classes page to appear here; everyone else counts without a name."
)


@st.fragment(run_every=REFRESH_S)
def _board() -> None:
    lines = ui.attempt(lambda: board.board(who, cohort_id))
    if lines is None:
        return
    if not lines:
        st.info("Nothing is assigned in this cohort yet.")
    for start in range(0, len(lines), 3):
        columns = st.columns(3)
        for column, line in zip(columns, lines[start : start + 3], strict=False):
            with column.container(border=True):
                st.markdown(f"### {titles.get(line.exercise, line.exercise)}")
                st.metric("Solved by", line.solvers)
                if line.firsts:
                    st.markdown(
                        "  \n".join(
                            f"{medal} {ui.plain(name)}"
                            for medal, name in zip(("🥇", "🥈", "🥉"), line.firsts, strict=False)
                        )
                    )


_board()
