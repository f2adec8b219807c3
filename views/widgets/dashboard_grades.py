"""The dashboard's grade tabs: the learners x exercises matrix a page at a time, and per
exercise the solve rates and what the class gets wrong on the one chosen."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from learning.classroom_assignments import LearnerPage, Standing
from learning.classroom_dashboard import Dashboard
from views import state
from views.widgets import classroom as ui
from views.widgets.charts import score_column
from views.widgets.classroom import DashboardScope as Scope

PAGE_SIZES = [25, 50, 100]


def matrix(scope: Scope) -> None:
    """Every learner x exercise, a page of learners at a time."""
    who, assignment_id, people, titles = scope.who, scope.assignment_id, scope.people, scope.titles
    assignments = ui.assignments()
    # A large class is shown a page of learners at a time, as a gradebook does: the page reads
    # only its members' work, and the browser gets a table it can scroll.
    size_col, page_col, show_col = st.columns([1, 1, 3])
    # The page and its size are kept in the address: a reload, or a visit to another tab and
    # back, returns to the same learners.
    size = size_col.selectbox(
        "Learners per page", PAGE_SIZES, index=2, key="per-page", bind="query-params"
    )
    pages = LearnerPage(1, size).pages(len(people))
    if st.session_state.get("page", 1) > pages:  # fewer pages than before: show the last
        st.session_state["page"] = pages
    number = (
        int(page_col.number_input("Page", 1, pages, key="page", bind="query-params"))
        if pages > 1
        else 1
    )
    wanted = show_col.multiselect(
        "Show", list(Standing), default=list(Standing), key="show", bind="query-params"
    )
    cells = ui.or_stop(lambda: assignments.matrix(who, assignment_id, LearnerPage(number, size)))
    rows = [
        {
            "Learner": c.learner,
            "Exercise": titles.get(c.exercise, c.exercise),
            "Status": c.standing.value,
            "Best score": c.score,
            "Attempts": c.attempts,
            "Late": "late" if c.late else "",
            "Penalty": c.penalty or None,
            "Hints": c.hints,
            "Find the flaw": c.flaw,
            "Solved at": ui.when(c.solved_at) if c.solved_at else "",
        }
        for c in cells
        if c.standing in wanted
    ]
    if pages == 1:
        st.caption("Click a column header to sort.")
    else:
        last = min(len(people), number * size)
        st.caption(
            f"Learners {(number - 1) * size + 1}–{last} of {len(people)}, by name. Click a "
            "column header to sort this page; the grades export holds every learner."
        )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Best score": score_column()},
        key="matrix",
    )


def per_exercise(scope: Scope) -> None:
    """Every exercise's solve rate, and what the class gets wrong on the one chosen."""
    who, assignment_id, titles = scope.who, scope.assignment_id, scope.titles
    dashboard = Dashboard(state.store())
    rates = ui.or_stop(lambda: dashboard.solve_rates(who, assignment_id))
    chart_rows = pd.DataFrame(
        [
            {"Exercise": titles.get(s.exercise, s.exercise), "Solve rate": s.solve_rate}
            for s in rates
        ]
    )
    st.altair_chart(
        alt.Chart(chart_rows)
        .mark_bar()
        .encode(
            x=alt.X("Solve rate:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("Exercise:N", sort=None),
        ),
        width="stretch",
    )
    # One exercise's detail at a time: a course-wide assignment has dozens.
    chosen = st.selectbox(
        "What the class gets wrong on",
        scope.slugs,
        format_func=lambda s: titles.get(s, s),
        key="exercise-detail",
        bind="query-params",
    )
    for summary in ui.or_stop(lambda: dashboard.exercises(who, assignment_id, [chosen])):
        with st.container(border=True):
            st.markdown(f"**{titles.get(summary.exercise, summary.exercise)}**")
            cols = st.columns(3)
            cols[0].metric("Solved", f"{summary.solvers} / {summary.members}")
            cols[1].metric(
                "Median attempts to solve",
                "—" if summary.median_attempts is None else f"{summary.median_attempts:g}",
            )
            cols[2].metric(
                "Median first open → solved",
                "—" if summary.median_minutes is None else f"{summary.median_minutes:.0f} min",
            )
            if summary.failed:
                st.markdown("Hidden requirements most often failed (latest attempts):")
                failed = pd.DataFrame(summary.failed, columns=["Requirement", "Learners"])
                st.altair_chart(
                    alt.Chart(failed)
                    .mark_bar(color="#d9534f")
                    .encode(x="Learners:Q", y=alt.Y("Requirement:N", sort="-x")),
                    width="stretch",
                )
            if summary.findings:
                st.markdown("Security findings most often left in:")
                st.dataframe(
                    [{"Finding": f, "What": m, "Learners": n} for f, m, n in summary.findings],
                    hide_index=True,
                )
