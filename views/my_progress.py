"""Progress: a chart per limitation, solved and attempted counts, attempt history, hints used."""

from __future__ import annotations

import streamlit as st

from learning.course_map import ExerciseStatus, exercise_status, limitation_progress
from progress import StorageError
from progress.store import as_utc
from views import state
from views.widgets.charts import limitation_chart

course = state.course()
store = state.store()
me = state.learner_id()

st.title("Your progress")
try:
    done = store.exercise_progress(me)
    history = store.attempts(me, limit=500)
    hints = store.hint_counts(me)
except StorageError as exc:
    st.error(str(exc))
    st.stop()

solved = sum(1 for s in course.exercises if exercise_status(s, done) is ExerciseStatus.SOLVED)
attempted = sum(1 for s in course.exercises if s in done)
totals = st.columns(4)
totals[0].metric("Solved", f"{solved} / {len(course.exercises)}", border=True)
totals[1].metric("Attempted", attempted, border=True)
totals[2].metric("Submissions", len(history), border=True)
totals[3].metric("Hints used", sum(hints.values()), border=True)

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
        column_config={
            "Best score": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d")
        },
    )

if history:
    st.subheader("Submission history")
    titles = {slug: ex.title for slug, ex in course.exercises.items()}
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
            }
            for a in history
        ],
        hide_index=True,
        width="stretch",
    )
