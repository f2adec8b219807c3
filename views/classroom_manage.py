"""Cohorts (instructors): create a cohort, hand out its join code or link, rotate or close it,
import a roster, remove members, add co-instructors, and set assignments with their due times,
late policy and extensions (?cohort=ID). The services refuse a cohort the person does not teach."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import streamlit as st

from learning.classroom_assignments import in_zone, policy_of
from learning.classroom_cohorts import time_zones
from learning.classroom_late import Policy
from progress.models import Assignment, LatePolicy
from views import state
from views.widgets import classroom as ui

who = state.me()
course = state.course()
cohorts, assignments = ui.cohorts(), ui.assignments()
st.title("Cohorts")

with st.expander("Create a cohort", icon=":material/group_add:", expanded=False):
    with st.form("new-cohort", clear_on_submit=True):
        name = st.text_input("Name", max_chars=120, placeholder="Onboarding, January")
        zones = time_zones()
        zone = st.selectbox("Time zone of its deadlines", zones, index=zones.index("UTC"))
        if st.form_submit_button("Create cohort", icon=":material/add:"):
            made = ui.attempt(lambda: cohorts.create(who, name, zone))
            if made is not None:
                st.query_params["cohort"] = str(made.id)
                st.rerun()

cohort_id = ui.choose_cohort(ui.or_stop(lambda: cohorts.taught(who)))
if cohort_id is None:
    st.info("You teach no cohort yet. Create one above.")
    st.stop()
cohort = ui.or_stop(lambda: cohorts.get(who, cohort_id))

join, members_tab, work_tab = st.tabs(["Joining", "Members", "Assignments"])

with join:
    st.markdown(
        f"Join code: **`{cohort.join_code}`** · deadlines in **{ui.plain(cohort.time_zone)}**"
    )
    st.code(ui.full_link(f"/join?code={cohort.join_code}"), language=None)
    st.caption(
        "Learners sign in, open **Classes** and type the code, or open the link. "
        + ("Joining is **open**." if cohort.joining_open else "Joining is **closed**.")
    )
    row = st.container(horizontal=True)
    if row.button("Rotate the code", icon=":material/autorenew:", key="rotate"):
        ui.attempt(lambda: cohorts.rotate_code(who, cohort_id))
        st.rerun()
    label = "Close joining" if cohort.joining_open else "Open joining"
    if row.button(label, icon=":material/lock:", key="joining"):
        ui.attempt(lambda: cohorts.set_joining(who, cohort_id, not cohort.joining_open))
        st.rerun()

with members_tab:
    members = ui.or_stop(lambda: cohorts.members(who, cohort_id))
    st.markdown(f"**{len(members)}** learners")
    for member in members:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(
            f"{ui.plain(member.name)} · {ui.plain(member.email)} · "
            f"joined {ui.when(member.joined_at)}"
        )
        if right.button("Remove", key=f"remove:{member.learner_id}"):
            ui.attempt(
                lambda m=member: cohorts.remove_member(who, cohort_id, m.learner_id),
                f"{ui.plain(member.name)} left the cohort; their work stays theirs.",
            )
    st.subheader("Import a roster")
    st.caption("A CSV with two columns, e-mail and name (a header row is fine).")
    uploaded = st.file_uploader("Roster CSV", type=["csv", "txt"], key="roster")
    if uploaded is not None and st.button("Import", icon=":material/upload:", key="import"):
        text = uploaded.getvalue().decode("utf-8", errors="replace")
        result = ui.attempt(lambda: cohorts.import_roster(who, cohort_id, text))
        if result is not None:
            st.success(
                f"{len(result.added)} added, {len(result.invited)} invited, "
                f"{len(result.already)} were already in the cohort."
            )
            for problem in result.problems:
                st.warning(ui.plain(str(problem)))
            if result.invited:
                st.markdown("Pass each invited person their link (it works once, for 7 days):")
                st.code(
                    "\n".join(
                        f"{email}  {ui.full_link(f'/auth/link?token={link}')}"
                        for email, link in result.invited
                    ),
                    language=None,
                )
    st.subheader("Instructors")
    for teacher, email, owner in ui.or_stop(lambda: cohorts.instructors(who, cohort_id)):
        st.markdown(f"{ui.plain(teacher)} · {ui.plain(email)}{' · owner' if owner else ''}")
    with st.form("co-instructor", clear_on_submit=True):
        email = st.text_input("Add a co-instructor by e-mail", max_chars=254)
        if st.form_submit_button("Add"):
            ui.attempt(lambda: cohorts.add_co_instructor(who, cohort_id, email), "Added.")

titles = {slug: ex.title for slug, ex in course.exercises.items()}
lesson_titles = {lesson.slug: lesson.title for lesson in course.lessons}
POLICIES = {
    LatePolicy.ACCEPT: "Accept late attempts and mark them late",
    LatePolicy.PENALTY: "Take off a share of the score per day late, down to a floor",
    LatePolicy.CLOSE: "Close at the deadline: late attempts do not count",
}


def _policy_fields(prefix: str, current: Policy) -> Policy | None:
    kind = st.radio(
        "Late policy",
        list(LatePolicy),
        index=list(LatePolicy).index(current.kind),
        format_func=POLICIES.__getitem__,
        key=f"{prefix}:kind",
    )
    # A policy without a penalty shows the usual starting values (10 % a day, floor 50 %).
    penalised = current.kind is LatePolicy.PENALTY
    per_day = st.number_input(
        "Penalty per started day late (%)",
        0,
        100,
        current.per_day if penalised else 10,
        key=f"{prefix}:day",
    )
    floor = st.number_input(
        "A late attempt keeps at least (%)",
        0,
        100,
        current.floor if penalised else 50,
        key=f"{prefix}:floor",
    )
    if kind is not LatePolicy.PENALTY:
        per_day, floor = 0, 0
    return ui.attempt(lambda: Policy(kind, int(per_day), int(floor)))


def _moment(label: str, key: str, value: datetime) -> datetime:
    return datetime.combine(
        st.date_input(f"{label} date", value.date(), key=f"{key}:d"),
        st.time_input(f"{label} time ({cohort.time_zone})", value.time(), key=f"{key}:t"),
    )


def _edit(assignment: Assignment, slugs: list[str]) -> None:
    zone = cohort.time_zone
    with st.form(f"deadline:{assignment.id}"):
        due = _moment("New due", f"due:{assignment.id}", in_zone(assignment.due_at, zone))
        if st.form_submit_button("Move the deadline"):
            ui.attempt(
                lambda: assignments.move_deadline(who, assignment.id, due.replace(tzinfo=None)),
                "Deadline moved; every grade follows it.",
            )
    with st.form(f"policy:{assignment.id}"):
        policy = _policy_fields(f"p{assignment.id}", policy_of(assignment))
        if st.form_submit_button("Change the late policy") and policy is not None:
            ui.attempt(
                lambda: assignments.set_policy(who, assignment.id, policy),
                "Policy changed; every grade follows it.",
            )
    _extensions(assignment)


def _extensions(assignment: Assignment) -> None:
    """Give or take back one learner's own deadline, and the extensions given so far."""
    zone = cohort.time_zone
    names = {m.learner_id: m.name for m in members}
    with st.form(f"extension:{assignment.id}"):
        learner = st.selectbox("Extension for", list(names), format_func=names.get)
        until = _moment("Their due", f"ext:{assignment.id}", in_zone(assignment.due_at, zone))
        give, take = st.columns(2)
        if give.form_submit_button("Give extension") and learner is not None:
            ui.attempt(
                lambda: assignments.set_extension(who, assignment.id, learner, until),
                "Extension saved.",
            )
        if take.form_submit_button("Take it back") and learner is not None:
            ui.attempt(
                lambda: assignments.set_extension(who, assignment.id, learner, None),
                "Extension removed.",
            )
    extensions = ui.attempt(lambda: assignments.extensions(who, assignment.id)) or {}
    for learner_id, due_at in extensions.items():
        st.caption(
            f"{names.get(learner_id, learner_id)}: due {ui.when(due_at, in_zone(due_at, zone).tzinfo)}"
        )


with work_tab:
    listed = ui.or_stop(lambda: assignments.of_cohort(who, cohort_id))
    for assignment, slugs in listed:
        zone = in_zone(assignment.due_at, cohort.time_zone).tzinfo
        with st.expander(
            f"{ui.plain(assignment.title)} · due {ui.when(assignment.due_at, zone)}",
            icon=":material/assignment:",
        ):
            st.markdown(
                f"Opens {ui.when(assignment.opens_at, zone)}. {policy_of(assignment).describe()}"
                + (
                    " The reference fix stays hidden until the deadline."
                    if assignment.hide_reference
                    else ""
                )
            )
            st.markdown("\n".join(f"- {titles.get(s, s)}" for s in slugs))
            _edit(assignment, slugs)
            st.page_link(
                ui.DASHBOARD,
                label="Open its dashboard",
                icon=":material/monitoring:",
                query_params={"cohort": str(cohort_id), "assignment": str(assignment.id)},
            )
    st.subheader("New assignment")
    with st.form("new-assignment"):
        title = st.text_input("Title", max_chars=120, key="a:title")
        chosen = st.multiselect(
            "Exercises", list(titles), format_func=titles.get, key="a:exercises"
        )
        lessons = st.multiselect(
            "Lessons to read first (optional)", list(lesson_titles), format_func=lesson_titles.get
        )
        now = in_zone(datetime.now().astimezone(), cohort.time_zone).replace(
            second=0, microsecond=0, tzinfo=None
        )
        opens = _moment("Opens", "a:opens", now)
        due = _moment("Due", "a:due", datetime.combine(now.date() + timedelta(days=7), time(17)))
        policy = _policy_fields("a", Policy())
        hide = st.checkbox("Hide the reference fix until the deadline", key="a:hide")
        if st.form_submit_button("Create assignment", icon=":material/add_task:") and policy:
            made = ui.attempt(
                lambda: assignments.save(
                    who, cohort_id, title, chosen, opens, due, policy, titles, lessons, hide
                ),
                "Assignment created.",
            )
