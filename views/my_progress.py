"""Progress: a chart per limitation, solved and attempted counts, attempt history, hints used.

?attempt=ID opens one attempt (its code and the report as it was shown). ?learner=ID shows
another learner's progress to those allowed to read it (an admin; later their instructor):
the Workspace refuses everyone else, whatever the address says.
"""

from __future__ import annotations

import streamlit as st

from learning.access import AccessDenied
from learning.course_map import ExerciseStatus, exercise_status, limitation_progress
from learning.workspace import Outcome, stored_report
from progress import StorageError
from progress.store import as_utc
from views import state
from views.widgets.charts import limitation_chart, score_column
from views.widgets.report_panel import outcome_panel

course = state.course()
work = state.workspace(state.query_id("learner"))
titles = {slug: ex.title for slug, ex in course.exercises.items()}

attempt_id = state.query_id("attempt")
if attempt_id is not None:
    try:
        attempt = work.attempt(attempt_id)
    except (AccessDenied, StorageError) as exc:
        st.title("Attempt")
        st.error(str(exc))
        st.stop()
    exercise = course.exercises.get(attempt.exercise)
    st.title(f"Attempt on {titles.get(attempt.exercise, attempt.exercise)}")
    st.caption(f"Submitted {as_utc(attempt.created_at):%Y-%m-%d %H:%M} UTC · score {attempt.score}")
    report = stored_report(attempt)
    if report is not None:
        outcome_panel(
            Outcome(report=report, code=attempt.code, kind="submit", recorded=True),
            exercise.starter if exercise else "",
            exercise.module if exercise else "",
        )
    st.subheader("The code")
    st.code(attempt.code, language="python", line_numbers=True)
    st.stop()

st.title("Your progress" if work.is_own else "Learner progress")
try:
    done = work.progress()
    history = work.attempts(limit=500)
    hints = work.hint_counts()
except StorageError as exc:
    st.error(str(exc))
    st.stop()

statuses = [exercise_status(s, done) for s in course.exercises]
solved = statuses.count(ExerciseStatus.SOLVED)
# "In progress" means submitted at least once and not solved yet, here, in the chart and in
# every exercise's status badge alike.
in_progress = statuses.count(ExerciseStatus.STARTED)
with st.container(horizontal=True, key="progress-totals"):
    st.metric("Solved", f"{solved} / {len(course.exercises)}", border=True, width=165)
    st.metric("In progress", in_progress, border=True, width=165)
    st.metric("Submissions", len(history), border=True, width=165)
    st.metric("Hints used", sum(hints.values()), border=True, width=165)

st.subheader("By limitation")
limitation_chart(limitation_progress(course, done))

st.subheader("Exercises")
if not done and not hints:
    st.info("Nothing here yet. Open the course map and start with the first exercise.")
rows = []
for ex in course.ordered_exercises():
    mine = done.get(ex.slug)
    if mine is None and ex.slug not in hints:
        continue
    rows.append(
        {
            "Exercise": ex.title,
            "Limitation": ex.limitation_title,
            "Status": "Solved" if mine and mine.solved else "In progress",
            "Best score": mine.best_score if mine else None,
            "Submissions": mine.attempts if mine else 0,
            "Hints used": f"{hints.get(ex.slug, 0)} of {len(ex.hints)}",
        }
    )
if rows:
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Best score": score_column()},
    )

if history:
    st.subheader("Submission history")
    query = {"learner": str(work.learner_id)} if not work.is_own else {}
    st.dataframe(
        [
            {
                "When (UTC)": as_utc(a.created_at).strftime("%Y-%m-%d %H:%M"),
                "Exercise": titles.get(a.exercise, a.exercise),
                "Score": a.score,
                "Result": "Solved"
                if a.solved
                else ("Not gradable" if a.status == "error" else "Not solved"),
                "Grader": a.grader_version,
                "Open": "?" + "&".join(f"{k}={v}" for k, v in {**query, "attempt": a.id}.items()),
            }
            for a in history
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "Open": st.column_config.LinkColumn("Open", display_text="View attempt"),
        },
    )
