"""Reality check: paste any Python and get bandit + radon findings and the production-readiness
checklist of the lessons, with the automatic signals that apply. Nothing is executed."""

from __future__ import annotations

import streamlit as st

from learning.checklist import reality_check
from learning.practice import MAX_SOURCE_BYTES
from views.widgets.report_panel import complexity, findings

st.title("Reality check")
st.markdown(
    "Paste code an assistant wrote for you at work. ProdReady scans it for security findings and "
    "complexity and walks you through the production-readiness checklist from the lessons. "
    "**Your code is only read, never run**, and it is not stored."
)

with st.form("reality-check"):
    source = st.text_area("Python code", height=320, placeholder="def handler(request):\n    ...")
    sent = st.form_submit_button("Check this code", type="primary", icon=":material/fact_check:")

if sent:
    size = len(source.encode("utf-8", errors="replace"))
    if not source.strip():
        st.warning("Paste some Python code first.")
    elif size > MAX_SOURCE_BYTES:
        st.error(
            f"That is {size // 1024} KiB of code; the scanner reads at most 64 KiB. "
            "Check one module at a time."
        )
    else:
        with st.spinner("Scanning…"):
            st.session_state["reality-check-result"] = reality_check(source)

if "reality-check-result" in st.session_state:
    report, checklist = st.session_state["reality-check-result"]
    if report.status == "error":
        st.error(
            f"{report.message}" + (f" (line {report.error_line})" if report.error_line else "")
        )
    else:
        st.subheader("Automatic findings")
        findings(report, in_editor=False)
        complexity(report)
    st.subheader("Production-readiness checklist")
    st.caption(
        "Signals are hints from static analysis, not verdicts: a clean area still needs "
        "the questions answered by a person."
    )
    for item in checklist:
        flagged = bool(item.signals)
        icon = ":material/warning:" if flagged else ":material/help:"
        count = (
            f" — {len(item.signals)} signal{'s' if len(item.signals) != 1 else ''}"
            if flagged
            else ""
        )
        with st.expander(f"{item.title}{count}", icon=icon, expanded=flagged):
            for signal in item.signals:
                st.markdown(f":orange[:material/warning:] {signal}")
            if not item.automatic:
                st.caption("No tool can check this: only someone who knows the requirements can.")
            for question in item.questions:
                st.markdown(f"- {question}")
