"""A submission waiting for its grade, shown live: queued (with the place in line), running,
then the page redraws with the result. The learner may leave and come back: the attempt is
stored, and the page finds it again."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from learning.workspace import Outcome, Pending

REFRESH_S = 1.0


def pending_panel(
    pending: Pending, result: Callable[[int], Outcome | Pending], on_done: Callable[[Outcome], None]
) -> None:
    @st.fragment(run_every=REFRESH_S)
    def _live() -> None:
        now = result(pending.attempt_id)
        if isinstance(now, Outcome):
            on_done(now)
            st.rerun(scope="app")  # the whole page: badges, gutter marks, hints
        elif now.state == "queued":
            ahead = now.position - 1
            st.info(
                f"**Queued** — your submission is stored and waits for a free grader "
                f"({'you are next' if ahead <= 0 else f'{ahead} ahead of you'}). "
                "You can leave this page; the result will be here when you come back.",
                icon=":material/hourglass_top:",
            )
        else:
            st.info(
                "**Running** — the hidden tests, the security scan and the complexity check "
                "are running on your fix in the sandbox.",
                icon=":material/progress_activity:",
            )

    _live()
