"""`python -m grading`: check's exit codes and JSON report (never the hidden tests), validate's
verdict and per-limitation summary — run as a user runs them, in a subprocess."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course import LIMITATIONS
from course.catalog import PROJECT_ROOT

CALC = PROJECT_ROOT / "tests" / "grading" / "calc_exercise"  # module calc, function add
SQL = PROJECT_ROOT / "exercises" / "sql-user-lookup"
REPORT_KEYS = {
    "exercise",
    "status",
    "solved",
    "score",
    "message",
    "checks",
    "tests",
    "findings",
    "metrics",
    "duration_ms",
}
FINDING_KEYS = {"tool", "id", "severity", "confidence", "cwe", "line", "column", "message"}


def grading(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grading", *map(str, args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def hidden_code_lines(exercise: Path) -> list[str]:
    """Lines of the hidden tests that are code, not a docstring (docstrings are the feedback)."""
    source = (exercise / "tests" / "test_hidden.py").read_text(encoding="utf-8")
    docstrings = [
        ast.get_docstring(node) or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    lines = {line.strip() for line in source.splitlines()}
    return sorted(
        line
        for line in lines
        if len(line) >= 12 and not any(line.strip("\"' ") in doc for doc in docstrings)
    )


@pytest.fixture
def broken_copy(tmp_path) -> Path:
    """The calc exercise with a limitation no course has."""
    folder = tmp_path / "calc_exercise"
    shutil.copytree(CALC, folder)
    toml = folder / "exercise.toml"
    toml.write_text(toml.read_text().replace('"review"', '"speed"'), encoding="utf-8")
    return folder


# --- check: exit codes ----------------------------------------------------------------------


def test_check_exits_0_for_a_solved_reference():
    result = grading("check", CALC, CALC / "reference.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_exits_1_for_the_starter():
    result = grading("check", CALC, CALC / "starter.py")
    assert result.returncode == 1, result.stdout + result.stderr


def test_check_exits_1_for_a_submission_that_is_not_gradable(tmp_path):
    submission = tmp_path / "calc.py"
    submission.write_text("def add(a, b)\n    return a + b\n", encoding="utf-8")
    result = grading("check", CALC, submission)
    assert result.returncode == 1, result.stdout + result.stderr


def test_check_exits_2_for_a_missing_submission(tmp_path):
    result = grading("check", CALC, tmp_path / "nowhere.py")
    assert result.returncode == 2
    assert "nowhere.py" in result.stderr


def test_check_exits_2_for_a_missing_exercise_folder(tmp_path):
    result = grading("check", tmp_path / "no-exercise", CALC / "reference.py")
    assert result.returncode == 2
    assert "exercise.toml" in result.stderr


def test_check_exits_2_for_a_broken_exercise_folder(broken_copy):
    result = grading("check", broken_copy, CALC / "reference.py")
    assert result.returncode == 2
    assert str(broken_copy / "exercise.toml") in result.stderr
    assert "'limitation'" in result.stderr


@pytest.mark.parametrize("args", [[], ["check"], ["check", str(CALC)], ["grade", str(CALC)]])
def test_usage_errors_exit_2(args):
    assert grading(*args).returncode == 2


# --- check --json ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sql_reports() -> dict[str, tuple[int, dict, str]]:
    """The real exercise's starter and reference, graded once: exit code, report, raw stdout."""
    reports = {}
    for name in ("starter", "reference"):
        result = grading("check", SQL, SQL / f"{name}.py", "--json")
        reports[name] = (result.returncode, json.loads(result.stdout), result.stdout)
    return reports


def test_json_report_of_a_solved_reference(sql_reports):
    code, report, _ = sql_reports["reference"]
    assert code == 0
    assert report["exercise"] == "sql-user-lookup"
    assert report["status"] == "pass"
    assert report["solved"] is True
    assert report["score"] == 100
    assert all(test["status"] == "passed" for test in report["tests"])


def test_json_report_of_the_flawed_starter(sql_reports):
    code, report, _ = sql_reports["starter"]
    assert code == 1
    assert report["status"] == "fail"
    assert report["solved"] is False
    assert 0 <= report["score"] < 100
    assert "B608" in {finding["id"] for finding in report["findings"]}
    assert any(test["status"] != "passed" for test in report["tests"])


@pytest.mark.parametrize("name", ["starter", "reference"])
def test_json_report_carries_the_contract_keys(sql_reports, name):
    _, report, _ = sql_reports[name]
    assert REPORT_KEYS <= set(report), f"missing {sorted(REPORT_KEYS - set(report))}"
    assert report["status"] in {"pass", "fail", "error"}
    assert type(report["score"]) is int and 0 <= report["score"] <= 100
    assert type(report["duration_ms"]) is int and report["duration_ms"] >= 0
    assert isinstance(report["message"], str) and report["message"]
    assert {check["name"] for check in report["checks"]} == {"behaviour", "security", "quality"}
    for check in report["checks"]:
        assert 0 <= check["score"] <= 1 and isinstance(check["weight"], int) and check["summary"]
    assert report["tests"], "no test results"
    for test in report["tests"]:
        assert {"name", "status", "message", "output"} <= set(test)
        assert test["message"], f"{test['name']} has no learner-facing message"
        assert len(test["output"]) <= 500
    for finding in report["findings"]:
        assert FINDING_KEYS <= set(finding), f"finding lacks {sorted(FINDING_KEYS - set(finding))}"
    assert {"functions", "maintainability"} <= set(report["metrics"])
    for function in report["metrics"]["functions"]:
        assert {"name", "complexity", "rank"} <= set(function)


@pytest.mark.parametrize("name", ["starter", "reference"])
def test_json_report_never_contains_the_hidden_tests(sql_reports, name):
    _, _, stdout = sql_reports[name]
    leaked = [line for line in hidden_code_lines(SQL) if line in stdout]
    assert not leaked, f"hidden test code in the report: {leaked[:5]}"


@pytest.mark.parametrize("name", ["starter.py", "reference.py", "fixtures/unsolved/nosec.py"])
def test_calc_json_never_contains_the_hidden_tests(name):
    result = grading("check", CALC, CALC / name, "--json")
    report = json.loads(result.stdout)
    assert report["exercise"] == "calc_exercise"
    assert "SECRET-TEST-MARKER" not in result.stdout + result.stderr
    leaked = [line for line in hidden_code_lines(CALC) if line in result.stdout]
    assert not leaked, f"hidden test code in the report: {leaked[:5]}"


def test_hidden_code_lines_sees_the_test_code():
    lines = hidden_code_lines(CALC)
    assert "assert add(2, 3) == 5" in lines
    assert not any("Adding two small positive numbers" in line for line in lines)


# --- validate -------------------------------------------------------------------------------


def test_validate_one_exercise_prints_ok():
    result = grading("validate", CALC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    calc_exercise" in result.stdout
    assert "1 of 1 exercise(s) valid." in result.stdout


def test_validate_summary_prints_the_per_limitation_table():
    result = grading("validate", "--summary", SQL)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("| ")
    }
    assert set(LIMITATIONS) <= set(rows), f"table rows: {sorted(rows)}"
    assert rows["security"] == ["1", "0", "0", "1"]
    assert all(rows[key] == ["0", "0", "0", "0"] for key in LIMITATIONS if key != "security")
    assert rows["**all**"][-1] == "1"


def test_validate_names_a_broken_exercise_and_exits_1(broken_copy):
    result = grading("validate", broken_copy)
    assert result.returncode == 1
    assert "FAIL  calc_exercise" in result.stdout
    assert "'limitation'" in result.stdout


def test_validate_exits_2_for_a_missing_path(tmp_path):
    result = grading("validate", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere" in result.stderr
