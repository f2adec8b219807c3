"""grade() and scan(): scores, statuses and precise reasons for what can't be graded."""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

import pytest

from grading import ErrorKind, Report, Status, grade, lifecycle, scan
from grading.render import as_text

GOLDEN = Path(__file__).parent / "golden"


def test_reference_is_solved_with_full_marks(calc):
    report = grade(calc, calc.reference)
    assert report.solved and report.status == Status.PASS and report.score == 100
    assert [c.name for c in report.checks] == ["behaviour", "security", "quality"]
    assert [c.weight for c in report.checks] == [60, 30, 10]
    assert all(t.status == "passed" for t in report.tests)
    assert report.duration_ms > 0 and report.grader_version


def test_starter_fails_with_its_finding_and_the_requirement_it_misses(calc):
    report = grade(calc, calc.starter)
    assert report.status == Status.FAIL and not report.solved
    assert {f.id for f in report.findings} == {"B307"}
    failed = [t for t in report.tests if t.status == "failed"]
    assert failed and failed[0].message == "Negative and large numbers add up correctly too."
    assert "add gave" in failed[0].output  # the assertion's own message, not its code


def test_report_never_contains_hidden_test_code(calc):
    text = json.dumps(grade(calc, calc.starter).to_dict())
    assert "SECRET-TEST-MARKER" not in text
    assert "type(result) is int" not in text


def test_nosec_does_not_hide_a_finding(calc):
    report = grade(calc, "def add(a, b):\n    return eval(f'{a}+{b}')  # nosec\n")
    assert "B307" in {f.id for f in report.findings}
    assert not report.solved


def test_failing_cases_are_named_by_the_authors_ids_never_by_their_inputs(calc):
    report = grade(calc, "def add(a, b):\n    return abs(a) + b if a < 0 else a + b\n")
    failed = [t for t in report.tests if t.status == "failed"]
    assert [t.name for t in failed] == [
        "test_adds_any_integers — opposites",
        "test_adds_any_integers — both negative",
    ]
    assert failed[0].output.startswith("Case “opposites”: AssertionError")
    text = as_text(report)
    assert "Case “opposites”" in text and "Case “both negative”" in text
    assert "-5" not in json.dumps([t.name for t in report.tests])


def test_cases_without_ids_keep_their_numbers(calc):
    numbered = dataclasses.replace(calc, path=GOLDEN / "numbered_cases")
    names = [t.name for t in grade(numbered, calc.reference).tests]
    assert "test_adds_any_integers (case 2 of 3)" in names
    assert not any("[" in name for name in names)


@pytest.mark.parametrize(
    "source, kind, words",
    [
        ("def add(a, b)\n    return a + b\n", ErrorKind.SYNTAX, "line 1"),
        ("", ErrorKind.EMPTY, "empty"),
        ("   \n\n", ErrorKind.EMPTY, "empty"),
        ("x = 1\n" * 900_000, ErrorKind.TOO_LARGE, "5.1 MiB"),
        ("def add(a, b):\n    return a + b\x00\n", ErrorKind.ENCODING, "NUL"),
        (b"def add(a, b):\n    return a + b  # \xff\xfe\n", ErrorKind.ENCODING, "UTF-8"),
        ("x = " + "(" * 300 + ")" * 300 + "\n", ErrorKind.SYNTAX, "nested"),
    ],
    ids=["syntax", "empty", "blank", "5MB", "nul", "latin1", "nested"],
)
def test_ungradable_input_is_an_error_with_a_precise_reason(calc, source, kind, words):
    report = grade(calc, source)
    assert report.status == Status.ERROR and report.error_kind == kind
    assert words in report.message
    assert report.score == 0 and not report.solved


def test_syntax_error_carries_its_line(calc):
    report = grade(calc, "def add(a, b):\n    return a +\n")
    assert report.error_line == 2 and "line 2" in report.message


def test_renamed_function_is_not_graded_and_says_why(calc):
    """No test could run: static points for code that never ran would be unearned."""
    report = grade(calc, "def plus(a, b):\n    return a + b\n")
    assert report.status == Status.ERROR and report.error_kind == ErrorKind.IMPORT
    assert report.score == 0 and not report.solved
    assert "cannot import name 'add'" in report.message and "no test could run" in report.message
    assert {t.status for t in report.tests} == {"not run"}


@pytest.mark.parametrize("suite", ["hidden", "visible"])
def test_a_module_that_raises_on_import_is_an_error_naming_the_line(calc, suite):
    source = (
        "import json\n\nLIMIT = json.loads('{}')['limit']\n\ndef add(a, b):\n    return a + b\n"
    )
    report = grade(calc, source, suite=suite)
    assert report.status == Status.ERROR and report.error_kind == ErrorKind.IMPORT
    assert report.score == 0 and report.error_line == 3
    assert report.message == (
        "Your module raised KeyError: 'limit' at line 3 while being imported, so no test could run."
    )


SUBPROCESS_FIX = (
    "import subprocess\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n\n\n"
    "def tool_version() -> str:\n"
    '    return subprocess.run(["git", "--version"], capture_output=True, check=False).stdout\n'
)


def test_low_findings_are_advice_and_never_block_a_correct_fix(calc):
    report = grade(calc, SUBPROCESS_FIX)
    assert {f.severity for f in report.findings} == {"LOW"} and len(report.findings) == 3
    assert report.score == 78  # advice still costs points
    assert report.solved and report.status == Status.PASS
    assert "no security issue remains" not in report.message
    for ident in ("B404", "B603", "B607"):
        assert ident in report.message


def test_an_environment_wrong_finding_is_informational_and_not_counted(calc):
    source = "try:\n    from Crypto.Hash import SHA256\nexcept ImportError:\n    SHA256 = None\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n"
    report = grade(calc, source)
    (finding,) = report.findings
    assert finding.id == "B413" and finding.severity == "HIGH"
    assert "pycryptodome" in finding.info
    assert report.solved and report.score == 100
    assert "B413" in report.message and "informational" in report.message


RANDOM_FIX = (
    "import random\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n\n\n"
    "def token() -> str:\n    return str(random.random())\n"
)


def test_the_flaw_the_exercise_teaches_blocks_solving_at_any_severity(calc):
    about_randomness = dataclasses.replace(calc, expected_findings=("B311",))
    report = grade(about_randomness, RANDOM_FIX)
    (finding,) = report.findings
    assert finding.severity == "LOW" and finding.expected
    assert not report.solved and report.status == Status.FAIL
    assert "B311 LOW (line 9, the flaw this exercise is about)" in report.message


def test_the_same_low_finding_elsewhere_is_advice(calc):
    report = grade(calc, RANDOM_FIX)
    assert report.solved
    assert "B311 LOW (line 9, advice)" in report.message


def test_visible_suite_is_a_check_never_a_solve(calc):
    report = grade(calc, calc.reference, suite="visible")
    assert report.status == Status.PASS and not report.solved and report.suite == "visible"
    assert len(report.tests) == 1


def test_unknown_suite_is_a_programming_error(calc):
    with pytest.raises(ValueError):
        grade(calc, calc.reference, suite="secret")


def test_report_round_trips_through_json(calc):
    report = grade(calc, calc.starter)
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report


def test_missing_bubblewrap_refuses_loudly(calc, monkeypatch):
    monkeypatch.setattr(lifecycle.shutil, "which", lambda name: None)
    monkeypatch.delenv("PRODREADY_SANDBOX", raising=False)
    report = grade(calc, calc.reference)
    assert report.status == Status.ERROR and report.error_kind == ErrorKind.SANDBOX_UNAVAILABLE
    assert "bubblewrap" in report.message and "limits-only" in report.message


def test_limits_only_mode_grades_when_explicitly_allowed(calc, monkeypatch):
    monkeypatch.setattr(lifecycle.shutil, "which", lambda name: None)
    monkeypatch.setenv("PRODREADY_SANDBOX", "limits-only")
    assert grade(calc, calc.reference).solved
    assert grade(calc, calc.starter).status == Status.FAIL


def test_parallel_grades_keep_their_own_results(calc):
    sources = [calc.reference, calc.starter] * 3
    reports: dict[int, Report] = {}

    def work(i: int) -> None:
        reports[i] = grade(calc, sources[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [reports[i].solved for i in range(len(sources))] == [True, False] * 3


def test_scan_reports_findings_without_running_anything(tmp_path):
    marker = tmp_path / "ran"
    source = (
        f"open({str(marker)!r}, 'w').write('x')\n"
        "def find(conn, email):\n"
        "    return conn.execute(f\"SELECT * FROM users WHERE email = '{email}'\").fetchone()\n"
    )
    report = scan(source)
    assert not marker.exists()
    assert "B608" in {f.id for f in report.findings}
    assert report.status == Status.FAIL and report.tests == []
    assert report.findings[0].why


def test_scan_of_clean_code_passes_but_says_it_is_no_proof():
    report = scan("def add(a: int, b: int) -> int:\n    return a + b\n")
    assert report.status == Status.PASS and report.score == 100
    assert "checklist" in report.message


def test_an_exercise_without_tests_says_so_instead_of_a_score(calc, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_hidden.py").write_text("from calc import add\n")
    report = grade(dataclasses.replace(calc, path=tmp_path), calc.reference)
    assert not report.solved and report.status == Status.FAIL
    assert report.message == "The exercise defines no test the grader could run."


def test_a_collection_failure_outside_the_import_is_not_called_tampering(calc, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_hidden.py").write_text(
        "import pytest\nfrom calc import add\n\n\n"
        '@pytest.mark.parametrize("a", [1, 2], ids=["one"])\n'
        "def test_adds(a):\n"
        '    """Adds."""\n'
        "    assert add(a, 0) == a\n"
    )
    report = grade(dataclasses.replace(calc, path=tmp_path), calc.reference)
    # The exercise's fault, not the learner's: INTERNAL, which the app does not count as an attempt.
    assert report.status == Status.ERROR and report.error_kind == ErrorKind.INTERNAL
    assert report.message.startswith("The grader could not collect the tests (")
    assert "no test could run" in report.message and "ids" in report.message
