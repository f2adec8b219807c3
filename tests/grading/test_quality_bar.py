"""The grader's own code meets the bar it grades learners on (scripts/check_quality.py)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent
SCRIPT = PROJECT / "scripts" / "check_quality.py"
spec = importlib.util.spec_from_file_location("check_quality", SCRIPT)
check_quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_quality)


def test_grading_and_course_meet_the_bar():
    assert check_quality.problems(["grading", "course"], check_quality.allowed_findings()) == []


def test_a_finding_not_on_the_allowlist_is_named():
    allowlist = check_quality.allowed_findings()
    del allowlist[("grading/report.py", "B105")]
    found = check_quality.problems(["grading"], allowlist)
    assert len(found) == 1 and found[0].startswith("grading/report.py:") and "B105" in found[0]


def test_a_stale_allowlist_entry_is_named():
    allowlist = {**check_quality.allowed_findings(), ("grading/engine.py", "B999"): "gone"}
    assert check_quality.problems(["grading"], allowlist) == [
        "bandit-allowlist.toml: grading/engine.py B999 matches nothing any more"
    ]


def test_a_too_complex_function_is_named(tmp_path, monkeypatch):
    package = tmp_path / "tangled"
    package.mkdir()
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(11))
    (package / "mod.py").write_text(f"def tangled(x):\n{branches}    return -1\n")
    monkeypatch.setattr(check_quality, "ROOT", tmp_path)
    assert check_quality.problems(["tangled"], {}) == [
        "tangled/mod.py:1: tangled has complexity 12 (at most 10)"
    ]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_lint_names_the_packages_once():
    makefile = (PROJECT / "Makefile").read_text()
    assert makefile.count("LINT_PACKAGES := grading course") == 1
    assert "check_quality.py $(LINT_PACKAGES)" in makefile
    assert "mypy $(LINT_PACKAGES)" in makefile


def test_mypy_strict_is_clean_on_grading_and_course():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "grading", "course"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:]
