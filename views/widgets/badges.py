"""Small status labels shared by the pages."""

from __future__ import annotations

import streamlit as st

from learning.course_map import STATUS_LABELS, ExerciseStatus

_STATUS_STYLE = {
    ExerciseStatus.SOLVED: ("green", ":material/check_circle:"),
    ExerciseStatus.STARTED: ("orange", ":material/pending:"),
    ExerciseStatus.NEW: ("gray", ":material/radio_button_unchecked:"),
}
DIFFICULTY = {1: "Warm-up", 2: "Intermediate", 3: "Advanced"}


def status_badge(status: ExerciseStatus) -> None:
    color, icon = _STATUS_STYLE[status]
    st.badge(STATUS_LABELS[status], icon=icon, color=color)


def status_text(status: ExerciseStatus) -> str:
    """The same badge inline in Markdown, for lists and table cells."""
    color, icon = _STATUS_STYLE[status]
    return f":{color}-badge[{icon} {STATUS_LABELS[status]}]"


def difficulty_text(difficulty: int) -> str:
    return f":blue-badge[{DIFFICULTY.get(difficulty, difficulty)}]"


def demote_headings(markdown: str, title: str | None = None) -> str:
    """Content files open with their own `# Title`; under the page title, drop a duplicate
    title and shift the other headings down so the page keeps one top-level heading."""
    lines = markdown.strip().splitlines()
    if lines and title and lines[0].lstrip("# ").strip() == title.strip():
        lines = lines[1:]
    out, fenced = [], False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        out.append("##" + line if not fenced and line.startswith("#") else line)
    return "\n".join(out).strip()
