"""Every shipped exercise is fair and consistent: validate grades its starter, reference and
fixtures for real in the sandbox; its flaw lines, expected findings and module names hold."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from course import Exercise, load_exercise
from course.catalog import PROJECT_ROOT
from grading.checks.security import run_bandit
from grading.validate import validate_exercise

FOLDERS = sorted(p.parent for p in (PROJECT_ROOT / "exercises").glob("*/exercise.toml"))

# Imported by the sandbox before the submission (the grader's own runner and collector, pytest,
# PyYAML) or named after the test suites: a submission with one of these names would be shadowed.
GRADER_MODULES = {"runner", "collector", "pytest", "_pytest", "pluggy", "yaml", "conftest"}
SUITE_MODULES = {"test_hidden", "test_visible"}

each_folder = pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])


@pytest.fixture
def exercise(folder: Path) -> Exercise:
    return load_exercise(folder)


@each_folder
def test_exercise_validates(folder: Path):
    outcome = validate_exercise(folder)
    assert outcome.ok, "\n".join(outcome.problems)


@each_folder
def test_flaw_lines_point_at_starter_code(exercise: Exercise):
    lines = exercise.starter.splitlines()
    assert exercise.flaw_lines, "exercise.toml lists no flaw_lines"
    past_end = [n for n in exercise.flaw_lines if n > len(lines)]
    assert not past_end, f"flaw lines {past_end} are past the starter's {len(lines)} lines"
    blank = [n for n in exercise.flaw_lines if not lines[n - 1].strip()]
    assert not blank, f"flaw lines {blank} are blank in starter.py"


@each_folder
def test_bandit_finds_every_expected_finding_in_the_starter(exercise: Exercise):
    found = {finding.id for finding in run_bandit(exercise.starter)}
    missing = sorted(set(exercise.expected_findings) - found)
    assert not missing, f"starter.py does not trigger {missing}; bandit found {sorted(found)}"


@each_folder
def test_module_names_shadow_nothing_the_sandbox_imports(exercise: Exercise):
    names = {exercise.module, *(Path(name).stem for name in exercise.context_files)}
    shadowing = names & (set(sys.stdlib_module_names) | GRADER_MODULES | SUITE_MODULES)
    assert not shadowing, f"module name(s) {sorted(shadowing)} shadow a module of the sandbox"


@each_folder
def test_the_submission_module_is_not_also_a_context_file(exercise: Exercise):
    assert f"{exercise.module}.py" not in exercise.context_files


@each_folder
def test_the_review_is_done_two_correct_and_three_wrong_fixes(exercise: Exercise):
    solved, unsolved = exercise.fixtures("solved"), exercise.fixtures("unsolved")
    assert len(solved) >= 2, f"only {len(solved)} correct fixes in fixtures/solved"
    assert len(unsolved) >= 3, f"only {len(unsolved)} wrong fixes in fixtures/unsolved"


def test_the_readme_shows_the_course_as_it_is():
    from course import load_course
    from grading.validate import summary_table

    table = summary_table(list(load_course(PROJECT_ROOT).exercises.values()))
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "README's course table is stale: paste `make validate`'s table"
