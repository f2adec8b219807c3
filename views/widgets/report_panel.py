"""Renders a grading result: headline, the three checks, failed requirements, findings,
complexity and the diff against the starter. Hidden test code never reaches this panel:
reports carry only each test's docstring."""

from __future__ import annotations

import streamlit as st

from grading.report import Report, Status
from learning import feedback
from learning.workspace import Outcome

_TONE = {"success": st.success, "warning": st.warning, "error": st.error}
_CHECK_ICONS = {
    "behaviour": ":material/checklist:",
    "security": ":material/shield:",
    "quality": ":material/tune:",
}


def outcome_panel(outcome: Outcome, starter: str, module: str = "") -> None:
    """`module` is the exercise's file name without .py: messages call it "your code"."""
    report = outcome.report
    head = feedback.headline(report, outcome.kind)
    detail = feedback.in_learner_words(head.detail, module)
    _TONE[head.tone](f"**{head.title}**  \n{detail}")
    if outcome.repeated:
        st.info(
            "You already submitted exactly this code, so it was not graded again. "
            "Change your fix and submit again for a new result.",
            icon=":material/replay:",
        )
    if outcome.storage_error:
        st.error(outcome.storage_error, icon=":material/database:")
    if report.status == Status.ERROR:
        # Not graded: no score cards of 0 % as if it had been; the reason above says what to try.
        if outcome.kind == "submit":
            st.caption(
                "Not graded, so not counted against you. Fix what the message says and submit again."
            )
        return
    checks_row(report, module)
    requirements(report, outcome.kind, module)
    findings(report)
    complexity(report)
    diff = feedback.diff_against_starter(starter, outcome.code)
    with st.expander("Your changes against the starter"):
        if diff:
            st.code(diff, language="diff", wrap_lines=True)
        else:
            st.caption("No changes yet: this is the starter as the assistant wrote it.")


def checks_row(report: Report, module: str = "") -> None:
    """One card per check; they sit in a row where there is room and wrap where there is not."""
    with st.container(horizontal=True, key="check-cards"):
        for check in report.checks:
            with st.container(border=True, width=165):
                title = feedback.CHECK_TITLES.get(check.name, check.name.title())
                st.markdown(f"{_CHECK_ICONS.get(check.name, '')} **{title}**")
                st.progress(min(max(check.score, 0.0), 1.0), text=f"{check.score * 100:.0f}%")
                summary = check.summary
                if check.name == "behaviour" and report.tests:
                    summary = feedback.requirement_count(report) + "."
                st.caption(f"Weight {check.weight}. " + feedback.in_learner_words(summary, module))


def requirements(report: Report, kind: str, module: str = "") -> None:
    if not report.tests:
        return
    what = "visible requirements" if kind == "check" else "requirements"
    failed = feedback.requirements(report, met=False)
    passed = feedback.requirements(report, met=True)
    if failed:
        st.markdown(f"##### {len(failed)} of {len(failed) + len(passed)} {what} not met")
        for requirement in failed:
            with st.container(border=True):
                cases = (
                    f" · {requirement.failed_cases} of {requirement.cases} cases fail"
                    if requirement.cases > 1
                    else ""
                )
                st.markdown(f":red[:material/close: Not met] {requirement.text}{cases}")
                if requirement.outputs:
                    shown = "\n".join(requirement.outputs[:3])
                    st.code(
                        feedback.in_learner_words(shown, module), language="text", wrap_lines=True
                    )
    if passed:
        with st.expander(f"{len(passed)} {what} met"):
            for requirement in passed:
                st.markdown(f":green[:material/check: Met] {requirement.text}")


_SEVERITY_COLOUR = {"HIGH": "red", "MEDIUM": "orange", "LOW": "gray"}


def findings(report: Report, in_editor: bool = True) -> None:
    """Each finding with its line, check id, CWE and why it matters in production."""
    if not report.findings:
        st.markdown(":green[:material/verified_user:] **No security findings.**")
        return
    where = " — also marked in the editor's margin" if in_editor else ""
    st.markdown(f"##### Security findings ({len(report.findings)}){where}")
    for finding in sorted(report.findings, key=lambda f: (f.line, f.id)):
        colour = _SEVERITY_COLOUR.get(finding.severity, "gray")
        tags = [f":{colour}-badge[{finding.severity.title()}]", f":gray-badge[{finding.id}]"]
        if finding.cwe:
            tags.append(f":gray-badge[CWE-{finding.cwe}]")
        if finding.allowed:
            tags.append(":blue-badge[allowed in this exercise]")
        with st.container(border=True):
            st.markdown(f"**Line {finding.line}** {' '.join(tags)}  \n{finding.message}")
            if finding.why:
                st.caption(finding.why)


def complexity(report: Report) -> None:
    rows = feedback.complexity_rows(report)
    if not rows:
        return
    metrics = report.metrics
    with st.expander(
        f"Complexity: worst function {max(r['Complexity'] for r in rows)}, bound "
        f"{metrics.max_complexity} · maintainability {metrics.maintainability:.0f} "
        f"(rank {metrics.maintainability_rank})"
    ):
        st.dataframe(rows, hide_index=True, width="stretch")
