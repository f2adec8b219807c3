"""Golden cases for the runner, in the style of exercism/python-test-runner: each folder under
golden/ holds a submission (calc.py), its hidden tests, the report they must produce and the
same report as Exercism's results.json, so any change to how tests are run or reported shows up
as a diff against these files.

Adding a case means adding a folder. After an intended change, rewrite the expected reports with
`.venv/bin/python tests/grading/test_golden.py` and review the diff like code.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "calc.py").exists())
EXPECTED = "expected_report.json"
EXERCISM = "expected_results.json"  # the same report as Exercism's results.json v3


def golden_report(calc, case: str) -> dict:
    """The report for one case, without what changes from run to run (timings, version)."""
    from grading import grade

    folder = GOLDEN / case
    exercise = dataclasses.replace(calc, path=folder, slug=case)
    data = grade(exercise, (folder / "calc.py").read_bytes()).to_dict()
    data["duration_ms"], data["grader_version"] = 0, ""
    return data


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_report_matches_the_golden_file(calc, case):
    expected = json.loads((GOLDEN / case / EXPECTED).read_text())
    assert golden_report(calc, case) == expected


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_exercism_results_match_the_golden_file(case):
    from grading import exercism
    from grading.report import Report

    report = Report.from_dict(json.loads((GOLDEN / case / EXPECTED).read_text()))
    expected = json.loads((GOLDEN / case / EXERCISM).read_text())
    assert exercism.results(report) == expected


def test_every_behaviour_has_a_case():
    wanted = {
        "all_pass",
        "partial_fail",
        "all_fail",
        "class_pytest",
        "unittest_subtests",
        "printed_output",
        "import_error",
        "syntax_error",
        "empty_file",
    }
    assert wanted <= set(CASES)


def _rewrite() -> None:
    sys.path.insert(0, str(HERE.parent.parent))
    from course import load_exercise
    from grading import exercism
    from grading.report import Report

    calc = load_exercise(HERE / "calc_exercise")
    for case in CASES:
        report = golden_report(calc, case)
        results = exercism.results(Report.from_dict(report))
        for name, data in ((EXPECTED, report), (EXERCISM, results)):
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
            (GOLDEN / case / name).write_text(text)
            print(f"wrote {case}/{name}")


if __name__ == "__main__":
    _rewrite()
