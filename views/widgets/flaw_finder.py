"""Find the flaw: an optional step before editing. The learner marks lines and names the
limitation; the verdict is revealed with the explanation once the exercise is solved."""

from __future__ import annotations

import streamlit as st

from course import LIMITATIONS, Exercise
from learning import flaw
from learning.workspace import Workspace
from progress import FlawAnswer, StorageError

# Labels are Markdown, and a screen reader reads them raw: escape only what would turn code
# into formatting here (emphasis, inline code, LaTeX), so that it reads as the code itself.
_MARKDOWN_SPECIALS = "\\`*$"


def _as_label(number: int, line: str) -> str:
    """A code line as a checkbox label: its number, its indentation kept, no Markdown."""
    body = "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in line.rstrip())
    indent = len(body) - len(body.lstrip(" "))
    # Figure and no-break spaces: Markdown would drop plain leading spaces.
    return f"{number}".rjust(2, "\u2007") + "\u2002" + "\u00a0" * indent + body.lstrip(" ")


def flaw_finder(exercise: Exercise, work: Workspace, opened: bool) -> None:
    if not exercise.flaw_lines:
        return
    try:
        answer = work.flaw_answer(exercise.slug)
    except StorageError as exc:
        st.error(str(exc))
        return
    title = "Step 1 (optional): find the flaw before you fix it"
    if answer is not None:
        title += " · answered"
    with st.expander(title, expanded=opened and answer is None, icon=":material/search:"):
        st.markdown(
            "Read the assistant's code as a reviewer would. **Tick the lines you would flag**, "
            "then name the limitation of AI-written code they show."
        )
        sent, ticked, limitation = _answer_form(exercise, answer)
        if sent:
            _save(exercise, work, ticked, limitation)
        elif answer is not None:
            st.caption("Your answer is saved; you can change it until you look at the explanation.")


def _answer_form(
    exercise: Exercise, answer: FlawAnswer | None
) -> tuple[bool, list[int], str | None]:
    """The starter's lines to tick and the limitation to name, as last saved: (sent, ticked
    lines, limitation)."""
    marked = set(answer.lines) if answer else set()
    with st.form(f"flaw:{exercise.slug}", border=False):
        with st.container(key=f"flaw-lines-{exercise.slug}", gap=None):
            ticked = [
                number
                for number, line in enumerate(exercise.starter.splitlines(), start=1)
                if line.strip()  # blank lines carry no flaw: nothing to tick
                and st.checkbox(
                    _as_label(number, line),
                    value=number in marked,
                    key=f"flaw-line:{exercise.slug}:{number}",
                )
            ]
        keys = list(LIMITATIONS)
        limitation = st.selectbox(
            "The limitation they show",
            keys,
            format_func=LIMITATIONS.__getitem__,
            index=keys.index(answer.limitation) if answer else None,
            placeholder="Choose a limitation",
        )
        sent = st.form_submit_button("Save my answer", icon=":material/flag:")
    return sent, ticked, limitation


def _save(exercise: Exercise, work: Workspace, ticked: list[int], limitation: str | None) -> None:
    if not ticked or limitation is None:
        st.warning("Tick at least one line and choose a limitation.")
        return
    try:
        work.save_flaw_answer(exercise, ticked, limitation)
    except StorageError as exc:
        st.error(str(exc))
    else:
        st.success(
            "Answer saved. You'll see how you did next to the explanation, once "
            "you've solved the exercise."
        )


def flaw_verdict(exercise: Exercise, work: Workspace) -> None:
    """How the learner's find-the-flaw answer compares, shown beside the explanation."""
    if not exercise.flaw_lines:
        return
    try:
        answer = work.flaw_answer(exercise.slug)
    except StorageError:
        return
    flawed = ", ".join(str(n) for n in exercise.flaw_lines)
    if answer is None:
        st.caption(
            f"The flaw was on line{'s' if len(exercise.flaw_lines) > 1 else ''} {flawed} "
            f"of the starter ({exercise.limitation_title})."
        )
        return
    verdict = flaw.verdict_of(exercise, answer)
    icon = ":material/target:" if not verdict.missed and verdict.limitation_correct else None
    st.info(
        f"**Find the flaw:** {verdict.summary} The flaw was on line"
        f"{'s' if len(exercise.flaw_lines) > 1 else ''} {flawed} "
        f"({exercise.limitation_title}).",
        icon=icon,
    )
