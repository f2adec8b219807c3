"""Instructor dashboard (?cohort=ID&assignment=ID[&learner=ID]): the learners x exercises matrix,
what the class gets wrong per exercise (with a chart), every attempt of one learner with diffs,
the exports, and regrading. All data comes from the classroom services, which refuse anything
outside the cohorts the person teaches."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from learning.classroom_assignments import LearnerPage, Standing, in_zone
from learning.classroom_dashboard import Dashboard
from learning.classroom_exports import Exports
from learning.classroom_regrade import Regrades
from learning.workspace import Outcome, stored_report
from views import state
from views.widgets import classroom as ui
from views.widgets.charts import score_column
from views.widgets.report_panel import outcome_panel

who = state.me()
course = state.course()
store = state.store()
cohorts, assignments = ui.cohorts(), ui.assignments()
dashboard, exports, regrades = Dashboard(store), Exports(store), Regrades(store)
titles = {slug: ex.title for slug, ex in course.exercises.items()}
PAGE_SIZES = [25, 50, 100]
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
# Only the open tab is drawn, so a refresh reads only what it shows (a large class's matrix is
# not read while you look at one learner). The tab is in the address (?tab=Per+learner).
asked = ui.number_param("learner")
matrix_tab, exercise_tab, learner_tab, export_tab, regrade_tab = st.tabs(
    ["Matrix", "Per exercise", "Per learner", "Exports", "Regrade"],
    default="Per learner" if asked is not None else None,
    key="tab",
    bind="query-params",
)

if matrix_tab.open:
    with matrix_tab:
        # A large class is shown a page of learners at a time, as a gradebook does: the page reads
        # only its members' work, and the browser gets a table it can scroll.
        size_col, page_col, show_col = st.columns([1, 1, 3])
        size = size_col.selectbox("Learners per page", PAGE_SIZES, index=2, key="page-size")
        pages = LearnerPage(1, size).pages(len(people))
        if st.session_state.get("page", 1) > pages:  # fewer pages than before: show the last
            st.session_state["page"] = pages
        number = int(page_col.number_input("Page", 1, pages, key="page")) if pages > 1 else 1
        wanted = show_col.multiselect("Show", list(Standing), default=list(Standing), key="filter")
        cells = ui.or_stop(
            lambda: assignments.matrix(who, assignment_id, LearnerPage(number, size))
        )
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

if exercise_tab.open:
    with exercise_tab:
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
            slugs,
            format_func=lambda s: titles.get(s, s),
            key="detail",
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

if learner_tab.open:
    with learner_tab:
        if asked is not None and asked not in people:
            st.error("That learner is not in this cohort.")
        elif people:
            ids = list(people)
            learner_id = st.selectbox(
                "Learner",
                ids,
                index=ids.index(asked) if asked in ids else 0,
                format_func=people.get,
            )
            st.page_link(
                state.PROGRESS,
                label="Their overall progress",
                icon=":material/insights:",
                query_params={"learner": str(learner_id)},
            )
            views = ui.attempt(
                lambda: dashboard.learner_attempts(
                    who,
                    assignment_id,
                    learner_id,
                    {
                        slug: course.exercises[slug].starter
                        for slug in slugs
                        if slug in course.exercises
                    },
                )
            )
            if not views:
                st.info("No attempts on this assignment's exercises yet.")
            for view in views or []:
                found = view.attempt
                label = (
                    f"{titles.get(found.exercise, found.exercise)} · {ui.when(found.created_at)} · "
                    f"score {found.score}{' · solved' if found.solved else ''}"
                )
                with st.expander(label):
                    report = stored_report(found)
                    exercise = course.exercises.get(found.exercise)
                    if report is not None:
                        outcome_panel(
                            Outcome(report=report, code=found.code, kind="submit", recorded=True),
                            exercise.starter if exercise else "",
                        )
                    st.markdown("**Code**")
                    st.code(found.code, language="python", line_numbers=True)
                    st.markdown("**Diff against the starter**")
                    st.code(view.diff_from_starter or "(unchanged)", language="diff")
                    if view.diff_from_previous:
                        st.markdown("**Diff against the previous attempt**")
                        st.code(view.diff_from_previous, language="diff")

if export_tab.open:
    with export_tab:
        # Each file is made when its button is clicked. The click must not rerun the page: a rerun
        # replaces the buttons' file ids, and a download asked for under the old id is then lost.
        stem = f"{cohort.name}-{assignment.title}".replace(" ", "_")
        st.download_button(
            "Grades (CSV)",
            data=lambda: exports.grades_csv(who, assignment_id),
            file_name=f"{stem}-grades.csv",
            mime="text/csv",
            icon=":material/download:",
            key="grades-csv",
            on_click="ignore",
        )
        st.download_button(
            "Roster (CSV)",
            data=lambda: exports.roster_csv(who, cohort_id),
            file_name=f"{cohort.name.replace(' ', '_')}-roster.csv",
            mime="text/csv",
            icon=":material/download:",
            key="roster-csv",
            on_click="ignore",
        )
        st.download_button(
            "Attempt history (JSON Lines)",
            data=lambda: exports.attempts_jsonl(who, cohort_id),
            file_name=f"{cohort.name.replace(' ', '_')}-attempts.jsonl",
            mime="application/jsonl",
            icon=":material/download:",
            key="attempts-jsonl",
            on_click="ignore",
        )

if regrade_tab.open:
    with regrade_tab:
        st.markdown(
            "Regrade every member's best attempt of an exercise against today's version of it "
            "(after a hidden test was added or a brief clarified). Previous grades are kept."
        )
        slug = st.selectbox(
            "Exercise", slugs, format_func=lambda s: titles.get(s, s), key="regrade-ex"
        )
        if (
            st.button("Regrade", icon=":material/refresh:", key="regrade")
            and slug in course.exercises
        ):
            ui.attempt(lambda: regrades.start(who, cohort_id, course.exercises[slug]))

        @st.fragment(run_every=2.0)
        def _runs() -> None:
            for run in ui.attempt(lambda: regrades.of_cohort(who, cohort_id)) or []:
                with st.container(border=True):
                    st.markdown(
                        f"**{titles.get(run.exercise, run.exercise)}** · {ui.when(run.created_at)} · "
                        f"{run.state} · {run.done} of {run.total}"
                    )
                    st.progress(run.done / run.total if run.total else 1.0)
                    changes = ui.attempt(lambda r=run: regrades.changes(who, r.id))
                    if changes is None:
                        continue
                    for heading, results in (
                        ("Newly failing (were solved)", changes.newly_failing),
                        ("Newly passing", changes.newly_passing),
                        ("Score changed", changes.score_changed),
                    ):
                        if results:
                            st.markdown(
                                f"{heading}: "
                                + ", ".join(
                                    f"{ui.plain(str(people.get(r.learner_id, r.learner_id)))} "
                                    f"({r.previous_score} → {r.new_score})"
                                    for r in results
                                )
                            )

        _runs()
