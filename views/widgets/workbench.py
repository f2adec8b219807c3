"""Where the learner works on one exercise: the editor, Check / Submit / Reset, the result.

The editor and its buttons live in one fragment: the editor sends the text as the learner types,
and each send reruns only this fragment (the draft is saved there), not the whole page. Check and
Submit read the same text, so they grade exactly what the editor shows. A result redraws the page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from config import current as settings
from course import Exercise
from learning import feedback
from learning.practice import Practice
from learning.workspace import Outcome, Pending, Workspace
from progress import StorageError
from views import state
from views.widgets import editor
from views.widgets.live_status import pending_panel
from views.widgets.report_panel import outcome_panel


class Desk:
    """The session keys of one exercise's work in this browser tab."""

    def __init__(self, exercise: Exercise, work: Workspace):
        self.exercise, self.work, self.slug = exercise, work, exercise.slug
        self.outcome_key = f"outcome:{self.slug}"
        self.flash_key = f"flash:{self.slug}"
        self.saved_key = f"saved:{self.slug}"  # the code last saved as the draft
        self.latest_key = f"latest:{self.slug}"  # the code last seen in the editor, saved or not
        self.confirm_key = f"confirm-reset:{self.slug}"
        self.discarded_key = f"discarded:{self.slug}"

    def last_outcome(self) -> Outcome | Pending | None:
        """This session's latest result, else the last recorded attempt (after a reload)."""
        if self.outcome_key not in st.session_state:
            st.session_state[self.outcome_key] = state.shielded(
                lambda: self.work.last_outcome(self.slug), None
            )
        return st.session_state[self.outcome_key]

    def opening(self) -> str:
        """What a newly drawn editor holds: the saved draft (else the starter), loaded once a
        session; after the learner has been on another page (Streamlit then forgets the
        editor's state), the code they last had, never an older one over it."""
        found = editor.opening(self.slug)
        if found is None:
            found = state.shielded(lambda: self.work.opening_code(self.exercise), None)
            if found is None:  # the database did not answer: start from the starter, save nothing
                found = self.exercise.starter
            editor.open_with(self.slug, found)
            st.session_state.setdefault(self.saved_key, found)
        elif editor.current(self.slug) is None:
            last = st.session_state.get(self.latest_key)
            if last is not None and last != found:
                found = last
                editor.open_with(self.slug, found)
        return found

    def code(self) -> str:
        """What the editor shows now."""
        shown = editor.current(self.slug)
        return self.opening() if shown is None else shown

    def keep(self, code: str) -> None:
        """Save `code` as the draft unless it already is; a failure is said, the code stays."""
        problem = self._save(code)
        if problem is not None:
            tone, message = problem
            (st.error if tone == "error" else st.warning)(message)

    def keep_quietly(self) -> None:
        """The editor's change callback: save what it sent before any page draws, even a page
        the learner is leaving for. A failure is left for the exercise page to show: it tries
        again, since the code still differs from the saved draft."""
        code = editor.current(self.slug)
        if code is not None:
            self._save(code)

    def _save(self, code: str) -> tuple[str, str] | None:
        """Keep `code` in the session, then as the draft; returns (tone, why) when not saved."""
        st.session_state[self.latest_key] = code  # a page change before a retry loses nothing
        if code == st.session_state.get(self.saved_key):
            return None
        try:
            refused = self.work.save_draft(self.exercise, code)
        except StorageError as exc:
            return "error", str(exc)
        if refused:
            return "warning", refused
        st.session_state[self.saved_key] = code
        return None

    def put_in_editor(self, code: str) -> None:
        editor.replace(self.slug, code)
        st.session_state[self.latest_key] = code
        st.session_state.pop(self.outcome_key, None)

    def reset_to_starter(self) -> None:
        """Put the starter back; the code it replaces stays one click away (Undo), kept with
        the draft so a reload does not lose it."""
        replaced = self.code()
        st.session_state[self.discarded_key] = replaced
        st.session_state.pop(self.confirm_key, None)
        self.put_in_editor(self.exercise.starter)
        try:
            self.work.reset_draft(self.exercise, replaced)
        except StorageError as exc:
            st.session_state[self.flash_key] = str(exc)
        st.session_state[self.saved_key] = self.exercise.starter

    def discarded(self) -> str | None:
        """The code the last Reset replaced: this session's, else the one kept with the draft."""
        if self.discarded_key not in st.session_state:  # read once: the editor reruns often
            st.session_state[self.discarded_key] = state.shielded(
                lambda: self.work.discarded_draft(self.slug), None
            )
        return st.session_state.get(self.discarded_key)

    def undo_reset(self) -> None:
        code = st.session_state.pop(self.discarded_key)
        try:
            self.work.undo_reset(self.slug)
        except StorageError as exc:
            st.session_state[self.flash_key] = str(exc)
        self.put_in_editor(code)
        st.session_state[self.saved_key] = None  # differs from the code: the next run saves it


def workbench(
    exercise: Exercise,
    work: Workspace,
    practice: Callable[[], Practice],
    when_solved: Callable[[], None] = lambda: None,
) -> None:
    """`when_solved` draws what follows a solving result (the way on), right under its title."""
    desk = Desk(exercise, work)
    st.subheader("Your fix")
    editor.keyboard_and_grading_bridge()
    _editor_and_actions(desk, practice)
    shown = desk.last_outcome()
    if isinstance(shown, Pending):
        st.subheader("Result")
        pending_panel(
            shown,
            practice().result,
            lambda done: st.session_state.update({desk.outcome_key: done}),
        )
    elif shown is not None:
        st.subheader("Result" if shown.kind == "submit" else "Check result")
        if shown.kind == "submit" and shown.report.solved:
            when_solved()
        if shown.code != desk.code():
            st.caption(
                ":material/edit_note: This result is for your code as it was when you pressed "
                f"{'Submit' if shown.kind == 'submit' else 'Check'}; you have changed it since."
            )
        outcome_panel(shown, exercise.starter, exercise.module)


@st.fragment
def _editor_and_actions(desk: Desk, practice: Callable[[], Practice]) -> None:
    opening = desk.opening()
    shown = desk.last_outcome()
    current = desk.code()
    marks = (
        feedback.gutter_marks(shown.report)
        if isinstance(shown, Outcome) and shown.code == current
        else []
    )
    if desk.flash_key in st.session_state:
        st.error(st.session_state.pop(desk.flash_key))
    code = editor.code_editor(desk.slug, opening, marks, on_change=desk.keep_quietly)
    desk.keep(code)
    _save_state(desk, code)

    actions = st.container(horizontal=True)
    check = actions.button(
        "Check",
        icon=":material/science:",
        key=f"check:{desk.slug}",
        help="Runs the visible tests and the static checks on the code in the editor. "
        "Not counted as an attempt.",
    )
    submit = actions.button(
        "Submit",
        type="primary",
        icon=":material/send:",
        key=f"submit:{desk.slug}",
        help="Grades the code in the editor with the hidden tests and records the attempt.",
    )
    actions.button(
        "Reset to starter",
        icon=":material/restart_alt:",
        key=f"reset:{desk.slug}",
        help="Puts the assistant's original code back (asks first).",
        on_click=st.session_state.__setitem__,
        args=(desk.confirm_key, True),
    )
    _reset_confirmation(desk)

    if check or submit:
        _grade(desk, practice(), code, "check" if check else "submit")


def _save_state(desk: Desk, code: str) -> None:
    if code == desk.exercise.starter:
        note = (
            "The assistant's starter code. Your edits are saved as you type; "
            "press Esc to leave the editor with the keyboard."
        )
    elif code == st.session_state.get(desk.saved_key):
        note = (
            ":material/cloud_done: Draft saved. Check and Submit use the code as shown; "
            "Esc leaves the editor."
        )
    else:
        return  # the error or warning above says why it was not saved
    st.caption(note)


def _reset_confirmation(desk: Desk) -> None:
    if st.session_state.get(desk.confirm_key):
        with st.container(border=True):
            st.warning(
                "Put the assistant's starter code back? Your current code is kept "
                "in this browser tab, so you can undo this once.",
                icon=":material/restart_alt:",
            )
            choice = st.container(horizontal=True)
            if choice.button(
                "Yes, reset to the starter", type="primary", key=f"reset-yes:{desk.slug}"
            ):
                desk.reset_to_starter()
                st.rerun()
            choice.button(
                "No, keep my code",
                key=f"reset-no:{desk.slug}",
                on_click=st.session_state.pop,
                args=(desk.confirm_key, None),
            )
    elif desk.discarded() is not None:
        line = st.container(horizontal=True, vertical_alignment="center")
        line.caption("You put the starter back.")
        if line.button(
            "Undo: bring my code back", icon=":material/undo:", key=f"reset-undo:{desk.slug}"
        ):
            desk.undo_reset()
            st.rerun()


def _grade(desk: Desk, practice: Practice, code: str, kind: str) -> None:
    label = (
        "Running the visible tests and static checks…"
        if kind == "check"
        else "Grading: hidden tests in the sandbox, security scan, complexity…"
    )
    # Should a later keystroke interrupt this run, the next run reads the stored attempt.
    st.session_state.pop(desk.outcome_key, None)
    with st.status(label, expanded=False) as progress_box:
        result = (
            practice.check(desk.exercise, code)
            if kind == "check"
            else practice.wait(practice.submit(desk.exercise, code), settings().submit_wait_s)
        )
        progress_box.update(label="Done", state="complete")
    st.session_state[desk.outcome_key] = result
    st.rerun()  # the whole page: badges, gutter marks, hints and the result
