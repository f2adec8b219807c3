"""The report as text for a terminal: what a learner or an exercise author reads."""

from __future__ import annotations

from grading.report import ADVICE, ErrorKind, Finding, Report, TestStatus

_MARK = {
    TestStatus.PASSED: "PASS",
    TestStatus.FAILED: "FAIL",
    TestStatus.ERROR: "ERR ",
    TestStatus.NOT_RUN: "----",
    TestStatus.SKIPPED: "SKIP",
}


def as_text(report: Report) -> str:
    lines = [
        f"{report.exercise}: {report.status.upper()}  score {report.score}/100",
        report.message,
    ]
    advice = ADVICE.get(ErrorKind(report.error_kind)) if report.error_kind else None
    lines += [advice, ""] if advice else [""]
    lines += [
        f"  {check.name:<10} {check.score * 100:5.0f}% x{check.weight:<3} {check.summary}"
        for check in report.checks
    ]
    if report.tests:
        lines += ["", "Requirements:", *_requirements(report)]
    if report.findings:
        lines += ["", "Security findings:", *_findings(report)]
    over = [m for m in report.metrics.functions if m.complexity > report.metrics.max_complexity]
    if over:
        lines += ["", "Too complex:"]
        lines += [
            f"  {m.name} (line {m.line}): complexity {m.complexity}, rank {m.rank}" for m in over
        ]
    lines.append(f"\n({report.duration_ms} ms, grader {report.grader_version})")
    return "\n".join(lines)


def _findings(report: Report) -> list[str]:
    lines = []
    for f in report.findings:
        cwe = f" CWE-{f.cwe}" if f.cwe else ""
        lines.append(f"  line {f.line}: {f.id} {f.severity}{cwe}{_note(f)} {f.message}")
        if f.info:
            lines.append(f"         not counted: {f.info}")
        elif f.why:
            lines.append(f"         why: {f.why}")
    return lines


def _note(finding: Finding) -> str:
    if finding.expected:
        return " (the flaw this exercise is about)"
    if finding.allowed:
        return " (allowed here)"
    if finding.info:
        return " (informational)"
    return ""


def _requirements(report: Report) -> list[str]:
    """Each requirement once (parametrised cases share one), with what its failing cases said:
    up to three, each opening with the author's name for the case when there is one."""
    groups: dict[tuple[TestStatus, str], list[str]] = {}
    for test in report.tests:
        outputs = groups.setdefault((test.status, test.message or test.name), [])
        if test.status != TestStatus.PASSED and test.output and test.output not in outputs:
            outputs.append(test.output)
    lines = []
    for (status, text), outputs in groups.items():
        lines.append(f"  [{_MARK.get(status, status)}] {text}")
        for output in outputs[:3]:
            lines += [f"         {row}" for row in output.splitlines()[:4]]
    return lines
