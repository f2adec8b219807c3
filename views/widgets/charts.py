"""Progress charts (Altair ships with Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from learning.course_map import LimitationProgress

_STATES = ["Solved", "In progress", "Not started"]
_COLOURS = ["#1e7b45", "#c77700", "#c4c9d1"]


def limitation_chart(rows: list[LimitationProgress]) -> None:
    """One stacked bar per limitation: solved, in progress and not started exercises."""
    data = pd.DataFrame(
        [
            {"Limitation": row.title, "State": state, "Exercises": count, "order": i}
            for i, row in enumerate(rows)
            for state, count in zip(
                _STATES,
                (row.solved, row.in_progress, row.total - row.attempted),
                strict=True,
            )
        ]
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "Limitation:N",
                sort=[r.title for r in rows],
                title=None,
                axis=alt.Axis(labelLimit=260),  # the full limitation names, not "Security vuln…"
            ),
            x=alt.X("sum(Exercises):Q", title="Exercises", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "State:N",
                scale=alt.Scale(domain=_STATES, range=_COLOURS),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            order=alt.Order("stateorder:Q"),
            tooltip=["Limitation", "State", "Exercises"],
        )
        .transform_calculate(stateorder=f"indexof({_STATES!r}, datum.State)")
        .properties(height=alt.Step(28))
    )
    st.altair_chart(chart, width="stretch")


def score_column() -> object:
    """A 0–100 score drawn as a bar in a table (the same on every page that lists scores)."""
    return st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d")
