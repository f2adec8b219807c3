"""Feedback derived from a report: headlines, gutter annotations, tables and the diff."""

from __future__ import annotations

from grading.report import ErrorKind, Finding, FunctionMetric, Metrics, Report, Status
from grading.report import TestResult as Outcome  # not named Test*: pytest would collect it
from learning import feedback


def _finding(line: int, severity: str = "MEDIUM", allowed: bool = False) -> Finding:
    return Finding(
        "bandit",
        "B608",
        severity,
        "HIGH",
        89,
        line,
        4,
        "SQL built from a string",
        why="Attackers can run their own SQL.",
        allowed=allowed,
    )


def test_findings_become_zero_based_gutter_annotations():
    report = Report("ex", Status.FAIL, False, 60, "", findings=[_finding(9), _finding(3, "LOW")])
    first, second = feedback.gutter_marks(report)
    assert first == {
        "row": 8,
        "column": 4,
        "type": "error",
        "text": "B608 (CWE-89): SQL built from a string\nAttackers can run their own SQL.",
    }
    assert second["row"] == 2 and second["type"] == "warning"


def test_an_allowed_finding_is_only_a_warning():
    report = Report("ex", Status.PASS, True, 100, "", findings=[_finding(2, "HIGH", allowed=True)])
    assert feedback.gutter_marks(report)[0]["type"] == "warning"


def test_a_syntax_error_marks_its_line():
    report = Report(
        "ex", Status.ERROR, False, 0, "invalid syntax", error_kind=ErrorKind.SYNTAX, error_line=3
    )
    assert feedback.gutter_marks(report) == [
        {"row": 2, "column": 0, "type": "error", "text": "invalid syntax"}
    ]
    head = feedback.headline(report, "submit")
    assert head.tone == "error" and "line 3" in head.detail and "could not read" in head.detail


def test_headlines_say_solved_or_not():
    assert feedback.headline(Report("ex", Status.PASS, True, 100, "ok"), "submit").title.startswith(
        "Solved"
    )
    failing = Report("ex", Status.FAIL, False, 60, "", tests=[Outcome("t", "failed", "req")])
    assert feedback.headline(failing, "submit").tone == "warning"
    assert feedback.headline(failing, "check").title == "Check: 0 of 1 requirement met"


def test_complexity_rows_flag_functions_over_the_bound():
    metrics = Metrics(
        [FunctionMetric("f", 1, 3, "A"), FunctionMetric("g", 9, 14, "C")], max_complexity=10
    )
    rows = feedback.complexity_rows(Report("ex", Status.FAIL, False, 0, "", metrics=metrics))
    assert [row["Within bound"] for row in rows] == ["yes", "no (max 10)"]


def test_the_diff_shows_only_what_changed():
    diff = feedback.diff_against_starter("a = 1\nb = 2\n", "a = 1\nb = 3\n")
    assert "-b = 2" in diff and "+b = 3" in diff and "starter.py" in diff
    assert feedback.diff_against_starter("same\n", "same\n") == ""


def test_parametrised_cases_of_one_requirement_are_shown_once():
    tests = [
        Outcome("t[a]", "failed", "Totals round to cents.", "AssertionError: 1.005"),
        Outcome("t[b]", "failed", "Totals round to cents.", "AssertionError: 2.675"),
        Outcome("u", "passed", "Empty baskets cost nothing."),
        Outcome("v", "failed", "", "boom"),
    ]
    report = Report("ex", Status.FAIL, False, 40, "", tests=tests)
    failed = feedback.requirements(report, met=False)
    assert [(r.text, r.cases) for r in failed] == [("Totals round to cents.", 2), ("v", 1)]
    assert failed[0].outputs == ("AssertionError: 1.005", "AssertionError: 2.675")
    assert [r.text for r in feedback.requirements(report, met=True)] == [
        "Empty baskets cost nothing."
    ]


def _case(name: str, status: str, text: str = "Totals round to cents.") -> Outcome:
    return Outcome(name, status, text, "AssertionError" if status != "passed" else "")


def test_a_requirement_with_one_failing_case_is_not_met_and_counted_once():
    tests = [_case("t[a]", "passed"), _case("t[b]", "failed"), _case("t[c]", "failed")]
    tests.append(_case("u", "passed", "Empty baskets cost nothing."))
    report = Report("ex", Status.FAIL, False, 40, "", tests=tests)
    (unmet,) = feedback.requirements(report, met=False)
    assert (unmet.cases, unmet.failed_cases) == (3, 2)
    assert [r.text for r in feedback.requirements(report, met=True)] == [
        "Empty baskets cost nothing."
    ]
    assert feedback.requirement_count(report) == "1 of 2 requirements met"
    head = feedback.headline(report, "submit")
    assert head.detail == "1 of 2 requirements not met."  # requirements, never test cases


def test_a_not_graded_message_says_its_line_and_advice_once():
    timeout = Report(
        "ex",
        Status.ERROR,
        False,
        0,
        "Stopped after the 5 s time limit. Look for a loop that never ends or a call that "
        "waits forever.",
        error_kind=ErrorKind.TIMEOUT,
    )
    assert feedback.headline(timeout, "submit").detail.lower().count("look for a loop") == 1
    syntax = Report(
        "ex",
        Status.ERROR,
        False,
        0,
        "Syntax error on line 1: invalid syntax.",
        error_kind=ErrorKind.SYNTAX,
        error_line=1,
    )
    assert feedback.headline(syntax, "submit").detail.count("line 1") == 1


def test_the_learners_file_is_called_your_code():
    text = 'boom (user_lookup.py line 2); File "/tmp/run/user_lookup.py", line 30, in find'
    assert feedback.in_learner_words(text, "user_lookup") == (
        "boom (your code, line 2); your code, line 30, in find"
    )
    assert feedback.in_learner_words("models.py line 4", "user_lookup") == "models.py line 4"


def test_the_diff_against_the_reference_names_both_sides():
    diff = feedback.diff_against_reference("x = 1\n", "x = 2\n")
    assert "reference fix" in diff and "your fix" in diff and "+x = 2" in diff


def test_the_advice_after_a_stopped_run_is_the_graders_one_copy():
    from grading.report import ADVICE

    for kind, text in ADVICE.items():
        assert feedback.ERROR_ADVICE[str(kind)] == text
