"""The three checks on their own: integrity of the test report, security and quality scores."""

from __future__ import annotations

from grading.checks import behaviour, quality, security
from grading.discovery import KnownTest, discover
from grading.inside import protocol
from grading.inside.protocol import ExitReason, Outcome
from grading.report import ErrorKind, Finding
from grading.sandbox import RunResult

EXPECTED = {
    "test_a": KnownTest("test_a", "A works.", "test_a"),
    "test_b": KnownTest("test_b", "B works.", "test_b"),
}


def run_with(*records, reason=ExitReason.OK) -> RunResult:
    return RunResult(records=list(records), exit=protocol.Exit(reason=reason, finished=True))


def result(name, outcome=Outcome.PASSED, **extra):
    return protocol.Result(test=f"test_hidden.py::{name}", outcome=outcome, **extra)


def done(count):
    return protocol.Done(count=count)


def test_discover_reads_names_and_docstrings_without_running():
    source = 'import os\nos.system("boom")\ndef test_x():\n    """Does X."""\nclass TestY:\n    def test_z(self):\n        """Z."""\n'
    assert discover(source).docs() == {"test_x": "Does X.", "TestY::test_z": "Z."}


def test_complete_report_is_trusted():
    tests, problem = behaviour.evaluate(
        run_with(result("test_a"), result("test_b"), done(2)), EXPECTED, 5
    )
    assert problem is None and [t.message for t in tests] == ["A works.", "B works."]


def test_a_missing_test_is_tampering():
    _, problem = behaviour.evaluate(run_with(result("test_a"), done(1)), EXPECTED, 5)
    assert problem.kind == ErrorKind.TAMPERING
    assert problem.message == "Some tests never reported a result: test_b."


def test_an_unknown_test_is_tampering_and_named():
    records = (result("test_a"), result("test_b"), result("test_c"), done(3))
    _, problem = behaviour.evaluate(run_with(*records), EXPECTED, 5)
    assert problem.kind == ErrorKind.TAMPERING
    assert "(not in the test file: test_c)" in problem.message


def test_a_repeated_result_is_tampering():
    records = (result("test_a"), result("test_a"), result("test_b"), done(3))
    _, problem = behaviour.evaluate(run_with(*records), EXPECTED, 5)
    assert problem.kind == ErrorKind.TAMPERING


def test_an_early_exit_names_the_running_test():
    run = RunResult(
        records=[protocol.Start(test="test_hidden.py::test_b")],
        exit=protocol.Exit(reason=ExitReason.EARLY_EXIT, running="test_hidden.py::test_b"),
    )
    _, problem = behaviour.evaluate(run, EXPECTED, 5)
    assert problem.kind == ErrorKind.EARLY_EXIT and "B works." in problem.message


def finding(severity, allowed=False, ident="B999"):
    return Finding("bandit", ident, severity, "HIGH", None, 1, 0, "m", allowed=allowed)


def test_security_score_costs_by_severity_and_skips_allowed():
    assert security.score([], 30).score == 1.0
    assert security.score([finding("LOW")], 30).score == 0.75
    assert security.score([finding("MEDIUM"), finding("LOW")], 30).score == 0.25
    assert security.score([finding("HIGH"), finding("HIGH")], 30).score == 0.0
    assert security.score([finding("HIGH", allowed=True)], 30).score == 1.0
    assert security.blocking([finding("LOW"), finding("MEDIUM", allowed=True)]) == []
    assert len(security.blocking([finding("MEDIUM")])) == 1


def test_quality_names_the_function_over_the_bound():
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(12))
    source = f"def tangled(x):\n{branches}    return -1\n\ndef simple(x):\n    return x\n"
    metrics = quality.measure(source, max_complexity=10)
    check = quality.score(metrics, 10)
    assert check.score == 0.5
    assert "tangled is 13" in check.summary
    assert [f.name for f in metrics.functions] == ["tangled", "simple"]


def test_methods_are_measured_on_their_own():
    metrics = quality.measure("class A:\n    def m(self):\n        return 1\n", 10)
    assert [f.name for f in metrics.functions] == ["A.m"]


def test_each_subtest_is_a_case_named_by_its_message_never_its_params():
    subtests = [
        protocol.Subtest(
            outcome=Outcome.FAILED, description="both negative", exception="AssertionError"
        ),
        protocol.Subtest(),
    ]
    record = result("test_a", subtests=subtests)
    tests, problem = behaviour.evaluate(run_with(record, result("test_b"), done(2)), EXPECTED, 5)
    assert problem is None
    assert [(t.name, t.status) for t in tests] == [
        ("test_a — both negative", "failed"),
        ("test_a (case 2 of 2)", "passed"),
        ("test_b", "passed"),
    ]
    assert tests[0].output == "Case “both negative”: AssertionError"


def test_a_test_failing_outside_its_subtests_is_a_case_too():
    record = result("test_a", Outcome.FAILED, subtests=[protocol.Subtest()])
    tests, _ = behaviour.evaluate(run_with(record, result("test_b")), EXPECTED, 5)
    assert [t.status for t in tests] == ["passed", "failed", "passed"]


def test_environment_notes_stay_few_and_each_is_applied():
    assert set(security.ENVIRONMENT_NOTES) == {"B413"}
    findings = [finding("HIGH", ident="B413"), finding("MEDIUM", ident="B608")]
    security.classify(findings)
    assert findings[0].info and not findings[1].info
    assert security.blocking(findings) == [findings[1]]
    assert security.score(findings, 30).score == 0.5


def test_an_expected_finding_counts_even_when_allowed_or_noted():
    findings = [finding("LOW", ident="B311"), finding("HIGH", ident="B413")]
    security.classify(findings, allowed=("B311",), expected=("B311", "B413"))
    assert all(f.expected and not f.allowed and not f.info for f in findings)
    assert security.blocking(findings) == findings
