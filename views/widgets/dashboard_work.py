"""The dashboard's work tabs: one learner's attempts with diffs, the exports, and regrading."""

from __future__ import annotations

import streamlit as st

from learning.classroom_dashboard import AttemptView, Dashboard
from learning.classroom_exports import Exports
from learning.classroom_regrade import Regrades
from learning.workspace import Outcome, stored_report
from views import state
from views.widgets import classroom as ui
from views.widgets.classroom import DashboardScope as Scope
from views.widgets.report_panel import outcome_panel


def per_learner(scope: Scope, asked: int | None) -> None:
    """Every attempt of one member on the assignment, with its report and diffs."""
    people, course = scope.people, scope.course
    if asked is not None and asked not in people:
        st.error("That learner is not in this cohort.")
        return
    if not people:
        return
    ids = list(people)
    learner_id = st.selectbox(
        "Learner", ids, index=ids.index(asked) if asked in ids else 0, format_func=people.get
    )
    st.page_link(
        state.PROGRESS,
        label="Their overall progress",
        icon=":material/insights:",
        query_params={"learner": str(learner_id)},
    )
    starters = {
        slug: course.exercises[slug].starter for slug in scope.slugs if slug in course.exercises
    }
    dashboard = Dashboard(state.store())
    views = ui.attempt(
        lambda: dashboard.learner_attempts(scope.who, scope.assignment_id, learner_id, starters)
    )
    if not views:
        st.info("No attempts on this assignment's exercises yet.")
    for view in views or []:
        _attempt(scope, view)


def _attempt(scope: Scope, view: AttemptView) -> None:
    """One attempt, folded: the report the learner saw, the code, and its diffs."""
    found = view.attempt
    label = (
        f"{scope.titles.get(found.exercise, found.exercise)} · {ui.when(found.created_at)} · "
        f"score {found.score}{' · solved' if found.solved else ''}"
    )
    with st.expander(label):
        report = stored_report(found)
        exercise = scope.course.exercises.get(found.exercise)
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


def exports(scope: Scope) -> None:
    """The grades, the roster and the attempt history as files."""
    who, cohort, assignment = scope.who, scope.cohort, scope.assignment
    cohort_id, assignment_id = cohort.id or 0, scope.assignment_id
    exports = Exports(state.store())
    # Each file is made when its button is clicked. The click must not rerun the page: a rerun
    # replaces the buttons' file ids, and a download asked for under the old id is then lost.
    stem = f"{cohort.name}-{assignment.title}".replace(" ", "_")
    group = cohort.name.replace(" ", "_")
    files = [
        (
            "Grades (CSV)",
            lambda: exports.grades_csv(who, assignment_id),
            f"{stem}-grades.csv",
            "text/csv",
            "grades-csv",
        ),
        (
            "Roster (CSV)",
            lambda: exports.roster_csv(who, cohort_id),
            f"{group}-roster.csv",
            "text/csv",
            "roster-csv",
        ),
        (
            "Attempt history (JSON Lines, gzip)",
            lambda: exports.attempts_jsonl(who, cohort_id),
            f"{group}-attempts.jsonl.gz",
            "application/gzip",
            "attempts-jsonl",
        ),
    ]
    for label, make, name, mime, key in files:
        st.download_button(
            label,
            data=make,
            file_name=name,
            mime=mime,
            icon=":material/download:",
            key=key,
            on_click="ignore",
        )


def regrade(scope: Scope) -> None:
    """Regrade an exercise for the cohort, and the runs so far with what changed."""
    who, course, titles, people = scope.who, scope.course, scope.titles, scope.people
    cohort_id, slugs = scope.cohort.id or 0, scope.slugs
    regrades = Regrades(state.store())
    st.markdown(
        "Regrade every member's best attempt of an exercise against today's version of it "
        "(after a hidden test was added or a brief clarified). Previous grades are kept."
    )
    slug = st.selectbox("Exercise", slugs, format_func=lambda s: titles.get(s, s), key="regrade-ex")
    if st.button("Regrade", icon=":material/refresh:", key="regrade") and slug in course.exercises:
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
