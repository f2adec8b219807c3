"""Classes (learners, shared mode): join a cohort with its code (?code= from a join link), see
what is assigned and when it is due in your own time zone, your assignment grades, your board
name, and any regrade that changed whether you solved an exercise."""

from __future__ import annotations

import streamlit as st

from learning.classroom_regrade import Regrades
from views import state
from views.widgets import classroom as ui
from web.paths import at

who = state.me()
course = state.course()
titles = {slug: ex.title for slug, ex in course.exercises.items()}
cohorts, assignments = ui.cohorts(), ui.assignments()
st.title("Your classes")

with st.form("join"):
    code = st.text_input("Join code", value=st.query_params.get("code", ""), max_chars=32)
    if st.form_submit_button("Join", icon=":material/group_add:"):
        joined = ui.attempt(lambda: cohorts.join(who, code))
        if joined is not None:
            st.success(f"You joined {ui.plain(joined.name)}.")
            st.query_params.pop("code", None)

mine = ui.or_stop(lambda: cohorts.mine(who))
if not mine:
    st.info("You are in no class yet. Your instructor gives you a join code or link.")
    st.stop()

for change, run in ui.attempt(lambda: Regrades(state.store()).my_changes(who)) or []:
    verb = "now solves" if change.new_solved else "no longer solves"
    st.warning(
        f"Your instructor regraded **{titles.get(change.exercise, change.exercise)}** against its "
        f"updated version on {ui.when(run.created_at)}: your attempt {verb} it "
        f"(score {change.previous_score} → {change.new_score}).",
        icon=":material/sync_problem:",
    )

st.subheader("Assigned to you")
now = assignments.clock()
rows = []
for due, grade in ui.attempt(lambda: assignments.my_grades(who)) or []:
    rows.append(
        {
            "Assignment": due.assignment.title,
            "Exercise": titles.get(due.exercise, due.exercise),
            "Due (your time)": ui.when(due.deadline) + (" (extended)" if due.extended else ""),
            "Now": due.outlook(now),
            "Grade": None if grade is None else grade.score,
            "Solved": "yes" if grade is not None and grade.solved_at is not None else "",
            "Open": at(f"/exercise?exercise={due.exercise}"),
        }
    )
if rows:
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Open": st.column_config.LinkColumn("Open", display_text="Open")},
    )
else:
    st.caption("Nothing is assigned yet.")

st.subheader("Your name on the room's board")
for cohort, pseudonym in mine:
    with st.form(f"pseudonym:{cohort.id}"):
        name = st.text_input(
            f"{ui.plain(cohort.name)}: board name (empty: not shown by name)",
            value=pseudonym or "",
            max_chars=40,
        )
        if st.form_submit_button("Save"):
            ui.attempt(lambda c=cohort, n=name: cohorts.set_pseudonym(who, c.id, n), "Saved.")
