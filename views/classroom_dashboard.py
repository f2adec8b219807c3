"""Instructor dashboard (?cohort=ID&assignment=ID[&tab=…][&learner=ID]): the learners x exercises
matrix a page at a time, what the class gets wrong per exercise (with a chart), every attempt of
one learner with diffs, the exports, and regrading; only the open tab is drawn. All data comes
from the classroom services, which refuse anything outside the cohorts the person teaches."""

from __future__ import annotations

import streamlit as st

from learning.classroom_assignments import in_zone
from views import state
from views.widgets import classroom as ui
from views.widgets import dashboard_grades as grades
from views.widgets import dashboard_work as work

who = state.me()
course = state.course()
cohorts, assignments = ui.cohorts(), ui.assignments()
st.title("Class dashboard")

cohort_id = ui.choose_cohort(ui.or_stop(lambda: cohorts.taught(who)))
if cohort_id is None:
    st.info("You teach no cohort yet. Create one on the Cohorts page.")
    st.stop()
cohort = ui.or_stop(lambda: cohorts.get(who, cohort_id))
assignment_id = ui.choose_assignment(ui.or_stop(lambda: assignments.of_cohort(who, cohort_id)))
if assignment_id is None:
    st.info("This cohort has no assignment yet. Create one on the Cohorts page.")
    st.stop()
assignment, slugs = ui.or_stop(lambda: assignments.get(who, assignment_id))
if assignment.cohort_id != cohort_id:
    st.error("You can only manage the cohorts you teach.")
    st.stop()
zone = in_zone(assignment.due_at, cohort.time_zone).tzinfo
st.caption(
    f"Due {ui.when(assignment.due_at, zone)} · shown in your time zone: {ui.when(assignment.due_at)}"
)

people = ui.or_stop(lambda: cohorts.member_names(who, cohort_id))
scope = ui.DashboardScope(who, course, cohort, assignment, slugs, people)
# Only the open tab is drawn, so a refresh reads only what it shows (a large class's matrix is
# not read while you look at one learner). The tab is in the address (?tab=Per+learner).
asked = ui.number_param("learner")
drawers = {
    "Matrix": grades.matrix,
    "Per exercise": grades.per_exercise,
    "Per learner": lambda scope: work.per_learner(scope, asked),
    "Exports": work.exports,
    "Regrade": work.regrade,
}
tabs = st.tabs(
    list(drawers),
    default="Per learner" if asked is not None else None,
    key="tab",
    bind="query-params",
)
for tab, draw in zip(tabs, drawers.values(), strict=True):
    if tab.open:
        with tab:
            draw(scope)
