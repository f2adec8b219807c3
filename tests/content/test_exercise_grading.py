"""Every shipped exercise proves itself fair: validate grades its starter, reference and fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from course.catalog import PROJECT_ROOT
from grading.checks.security import run_bandit
from grading.validate import validate_exercise

FOLDERS = sorted(p.parent for p in (PROJECT_ROOT / "exercises").glob("*/exercise.toml"))


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_exercise_validates(folder: Path):
    outcome = validate_exercise(folder)
    assert outcome.ok, "\n".join(outcome.problems)


def test_flaw_lines_point_at_code(real_course):
    for exercise in real_course.exercises.values():
        lines = exercise.starter.splitlines()
        blank = [n for n in exercise.flaw_lines if not lines[n - 1].strip()]
        assert not blank, f"{exercise.slug}: flaw lines {blank} are blank"


def test_expected_findings_come_from_the_starter(real_course):
    for exercise in real_course.exercises.values():
        found = {f.id for f in run_bandit(exercise.starter)}
        missing = set(exercise.expected_findings) - found
        assert not missing, f"{exercise.slug}: starter does not trigger {sorted(missing)}"


def test_modules_do_not_shadow_the_standard_library(real_course):
    for exercise in real_course.exercises.values():
        names = {exercise.module, *(Path(n).stem for n in exercise.context_files)}
        assert not names & sys.stdlib_module_names, (
            f"{exercise.slug}: {names & sys.stdlib_module_names}"
        )
