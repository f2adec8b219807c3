"""One copy of each rule: limits, formatters and advice live in one place and are said once."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from grading.checks import behaviour
from grading.inside import protocol
from grading.inside.protocol import ExitReason
from grading.render import as_text
from grading.report import ErrorKind, Report, Status
from grading.sandbox import RunResult
from grading.submission import MAX_BYTES, gradable, human_size

PROJECT = Path(__file__).resolve().parent.parent.parent
GOLDEN = Path(__file__).parent / "golden"


def definitions(pattern: str) -> list[str]:
    """Where `pattern` is assigned in the grader's and the app's Python."""
    found = []
    for folder in ("grading", "learning"):
        for path in sorted((PROJECT / folder).rglob("*.py")):
            for line in path.read_text().splitlines():
                if re.match(pattern, line):
                    found.append(f"{path.relative_to(PROJECT)}: {line.strip()}")
    return found


def test_the_size_limit_and_its_formatter_exist_once():
    assert [d.split(":")[0] for d in definitions(r"\s*MAX_\w*BYTES\s*=")] == [
        "grading/submission.py"
    ]
    assert definitions(r"\s*def \w*human_size") == [
        "grading/submission.py: def human_size(size: int) -> str:"
    ]
    assert human_size(MAX_BYTES) == "64 KiB"
    assert human_size(5_400_000) == "5.1 MiB"
    rejection = gradable("x = 1\n" * 20_000, "calc.py")
    assert f"the limit is {human_size(MAX_BYTES)}" in rejection.message
    from learning import practice

    assert practice._human_size is human_size  # the app answers a huge paste in the same words


def test_output_keep_is_defined_once_and_used_by_both_sides():
    assert definitions(r"\s*\w*OUTPUT_KEEP\s*=") == [
        "grading/inside/protocol.py: OUTPUT_KEEP = 500  # characters of a test's output (and of "
        "what it raised) a report keeps"
    ]


def stopped(reason: ExitReason) -> Report:
    run = RunResult(exit=protocol.Exit(reason=reason))
    _, problem = behaviour.evaluate(run, {}, 5)
    return Report(
        exercise="calc",
        status=Status.ERROR,
        solved=False,
        score=0,
        message=problem.message,
        error_kind=str(problem.kind),
    )


def test_timeout_advice_is_given_once():
    from learning import feedback

    report = stopped(ExitReason.TIMEOUT)
    assert report.message == "Stopped after the 5 s time limit."
    detail = feedback.headline(report, "submit").detail
    assert detail.count("a loop that never ends") == 1, detail
    assert as_text(report).count("a loop that never ends") == 1


def test_each_stopped_run_names_its_reason_and_the_text_view_adds_advice_once():
    for reason, kind in [
        (ExitReason.CPU_TIME, ErrorKind.CPU_TIME),
        (ExitReason.OUTPUT_LIMIT, ErrorKind.OUTPUT_LIMIT),
        (ExitReason.EARLY_EXIT, ErrorKind.EARLY_EXIT),
    ]:
        report = stopped(reason)
        assert report.error_kind == kind
        text = as_text(report)
        assert text.count(report.message) == 1


SUBPROCESS_FIX = (
    "import subprocess\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n\n\n"
    "def tool_version() -> bytes:\n"
    '    return subprocess.run(["git", "--version"], capture_output=True, check=False).stdout\n'
)


def test_check_without_visible_tests_scores_with_the_allowed_findings(calc):
    """Findings are marked allowed before they are scored, not after."""
    from learning.practice import Practice

    exercise = dataclasses.replace(
        calc, path=GOLDEN / "all_pass", allowed_findings=("B404", "B603", "B607")
    )
    assert not exercise.has_suite("visible")
    report = Practice(store=None, learner_id=1).check(exercise, SUBPROCESS_FIX).report
    assert all(f.allowed for f in report.findings) and len(report.findings) == 3
    assert report.check("security").score == 1.0
    assert report.status == Status.PASS
