"""`validate`: proves an exercise is fair before a learner sees it.

The starter is graded not solved for the intended reason (its expected findings and at least one
failing requirement), the reference is solved with 100, every correct fixture is solved, every
wrong fixture is not, and every hidden test states its requirement in a docstring.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from course import ContentError, Exercise, load_exercise
from course.models import LIMITATIONS
from grading.discovery import Inventory, discover
from grading.engine import grade
from grading.report import Report, Status, TestResult

MIN_FIXTURES = 2


@dataclass
class Outcome:
    path: Path
    exercise: Exercise | None = None
    problems: list[str] = field(default_factory=list)
    graded: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        if self.ok:
            return f"ok    {self.path.name} ({self.graded} submissions graded)"
        return f"FAIL  {self.path.name}\n" + "\n".join(f"        - {p}" for p in self.problems)


def validate_paths(
    paths: list[Path], progress: Callable[[str], None] = lambda _: None
) -> list[Outcome]:
    """Each path is an exercise folder or a folder of exercise folders."""
    folders = []
    for path in paths:
        if (path / "exercise.toml").exists():
            folders.append(path)
        else:
            folders += sorted(p.parent for p in path.glob("*/exercise.toml"))
    workers = max(1, min(len(folders), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = []
        for outcome in pool.map(validate_exercise, folders):
            progress(outcome.line())
            outcomes.append(outcome)
    return outcomes


def validate_exercise(folder: Path) -> Outcome:
    outcome = Outcome(folder)
    try:
        exercise = load_exercise(folder)
    except ContentError as exc:
        outcome.problems.append(str(exc))
        return outcome
    outcome.exercise = exercise
    outcome.problems += _static_problems(exercise)
    if outcome.problems:
        return outcome
    checks = [
        ("starter", exercise.starter, _starter_problems, "hidden"),
        ("reference", exercise.reference, _reference_problems, "hidden"),
    ]
    if exercise.has_suite("visible"):
        checks.append(
            ("reference (visible tests)", exercise.reference, _visible_problems, "visible")
        )
    for kind, want in (("solved", _reference_like), ("unsolved", _unsolved_problems)):
        fixtures = exercise.fixtures(kind)
        if len(fixtures) < MIN_FIXTURES:
            outcome.problems.append(
                f"fixtures/{kind}/ holds {len(fixtures)} fix(es); at least {MIN_FIXTURES} needed"
            )
        checks += [
            (f"fixtures/{kind}/{p.name}", p.read_text(encoding="utf-8"), want, "hidden")
            for p in fixtures
        ]
    for label, source, judge, suite in checks:
        report = grade(exercise, source, suite=suite)
        outcome.graded += 1
        outcome.problems += [f"{label}: {p}" for p in judge(exercise, report)]
    return outcome


def _static_problems(exercise: Exercise) -> list[str]:
    try:
        hidden = discover(exercise.test_source("hidden"))
    except SyntaxError as exc:
        return [f"tests/test_hidden.py does not parse: line {exc.lineno}: {exc.msg}"]
    return _test_problems(hidden) + _metadata_problems(exercise)


def _test_problems(hidden: Inventory) -> list[str]:
    """What makes the hidden tests ungradable or their feedback unfit for a learner."""
    problems = [f"tests/test_hidden.py: {p}" for p in hidden.problems]
    if not hidden.tests:
        problems.append("tests/test_hidden.py defines no test")
    for name, test in hidden.tests.items():
        if not test.doc:
            problems.append(
                f"tests/test_hidden.py: {name} has no docstring (it is the learner's feedback)"
            )
        if test.parametrised and not test.described:
            problems.append(
                f"tests/test_hidden.py: {name} is parametrised without ids: name each case for "
                "the learner with ids=[...] or pytest.param(..., id=...), or its failures read "
                'as "case 4 of 27"'
            )
    return problems


def _metadata_problems(exercise: Exercise) -> list[str]:
    problems = [
        f"exercise.toml: {ident} is in both expected_findings and allowed_findings; "
        "the flaw an exercise teaches always counts"
        for ident in exercise.expected_findings
        if ident in exercise.allowed_findings
    ]
    starter_lines = exercise.starter.count("\n") + 1
    if not exercise.flaw_lines:
        problems.append("exercise.toml: field 'flaw_lines' is empty")
    problems += [
        f"exercise.toml: flaw line {n} is past the starter's end ({starter_lines} lines)"
        for n in exercise.flaw_lines
        if n > starter_lines
    ]
    if len(exercise.hints) < 2:
        problems.append("hints.md: needs at least two '## ' hints, from gentle to specific")
    return problems


def _starter_problems(exercise: Exercise, report: Report) -> list[str]:
    if report.status == Status.ERROR:
        return [f"not gradable ({report.error_kind}): {report.message}"]
    problems = []
    if report.solved:
        problems.append("is solved: the flaw is not caught by the tests")
    found = {f.id for f in report.findings}
    problems += [
        f"does not trigger expected finding {i}"
        for i in exercise.expected_findings
        if i not in found
    ]
    if not report.failed_tests:
        problems.append("passes every hidden test: add a test that fails for the flaw itself")
    return problems


def _reference_problems(exercise: Exercise, report: Report) -> list[str]:
    if report.solved and report.score == 100:
        return []
    return [f"must be solved with 100, got {report.status} {report.score}: " + _why(report)]


def _reference_like(exercise: Exercise, report: Report) -> list[str]:
    if report.solved and not report.failed_tests:
        return []
    return [f"a correct fix must be solved, got {report.status} {report.score}: " + _why(report)]


def _visible_problems(exercise: Exercise, report: Report) -> list[str]:
    return [] if report.status == Status.PASS else [f"visible tests fail: {_why(report)}"]


def _unsolved_problems(exercise: Exercise, report: Report) -> list[str]:
    return ["a wrong fix was graded solved: the tests miss it"] if report.solved else []


def _why(report: Report) -> str:
    if report.status == Status.ERROR:
        return report.message
    reasons = [_failure(t) for t in report.failed_tests][:3]
    reasons += [f"{f.id} {f.severity} line {f.line}" for f in report.findings if not f.allowed]
    reasons += [c.summary for c in report.checks if c.name == "quality" and c.score < 1]
    return "; ".join(reasons) or report.message


def _failure(test: TestResult) -> str:
    said = test.output.splitlines()[0] if test.output else test.status
    return f"fails “{test.message or test.name}” ({said})"


def summary_table(exercises: list[Exercise]) -> str:
    rows = [
        "| limitation | difficulty 1 | difficulty 2 | difficulty 3 | total |",
        "|---|---|---|---|---|",
    ]
    for key in LIMITATIONS:
        mine = [e for e in exercises if e.limitation == key]
        counts = [sum(e.difficulty == d for e in mine) for d in (1, 2, 3)]
        rows.append(f"| {key} | {counts[0]} | {counts[1]} | {counts[2]} | {len(mine)} |")
    rows.append(f"| **all** | | | | {len(exercises)} |")
    return "\n".join(rows)
