"""`check --format exercism`: Exercism's results.json v3, never with hidden test code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
PROJECT = HERE.parent.parent
CALC = HERE / "calc_exercise"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grading", "check", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_writes_results_json_for_the_hidden_tests(tmp_path):
    out = tmp_path / "results.json"
    wrong = HERE / "golden" / "partial_fail" / "calc.py"
    result = check(str(CALC), str(wrong), "--format", "exercism", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    data = json.loads(out.read_text())
    assert data["version"] == 3 and data["status"] == "fail" and data["message"]
    assert {t["status"] for t in data["tests"]} == {"pass", "fail"}
    failed = [t for t in data["tests"] if t["status"] == "fail"]
    assert failed[0]["name"] == "Negative and large numbers add up correctly too. — opposites"
    assert failed[0]["message"].startswith("Case “opposites”: AssertionError")
    assert all("test_code" not in t for t in data["tests"])
    assert "SECRET-TEST-MARKER" not in out.read_text()


def test_visible_tests_carry_their_code_and_errors_their_reason():
    result = check(
        str(CALC), str(CALC / "reference.py"), "--format", "exercism", "--suite", "visible"
    )
    data = json.loads(result.stdout)
    assert data["status"] == "pass"
    (test,) = data["tests"]
    assert test["test_code"].startswith("def test_adds_small_numbers():")

    syntax = HERE / "golden" / "syntax_error" / "calc.py"
    data = json.loads(check(str(CALC), str(syntax), "--format", "exercism").stdout)
    assert data["status"] == "error" and "line 4" in data["message"] and data["tests"] == []
