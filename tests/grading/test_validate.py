"""validate: a fair exercise passes; each way of being unfair is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grading.validate import validate_exercise, validate_paths

HERE = Path(__file__).parent


@pytest.fixture
def exercise_copy(tmp_path) -> Path:
    target = tmp_path / "calc_exercise"
    shutil.copytree(HERE / "calc_exercise", target)
    return target


def test_a_fair_exercise_is_valid(exercise_copy):
    outcome = validate_exercise(exercise_copy)
    assert outcome.ok, outcome.problems
    assert outcome.graded == 7  # starter, reference, visible, 2 solved + 2 unsolved fixtures


def test_a_wrong_reference_is_named(exercise_copy):
    (exercise_copy / "reference.py").write_text("def add(a, b):\n    return a - b\n")
    problems = validate_exercise(exercise_copy).problems
    assert any(p.startswith("reference: must be solved with 100") for p in problems)


def test_a_starter_the_tests_do_not_catch_is_named(exercise_copy):
    starter = 'def add(a: int, b: int) -> int:\n    """Return the sum."""\n    # evaluated\n    return eval(f\'{a} + {b}\')\n'
    (exercise_copy / "starter.py").write_text(starter)
    problems = validate_exercise(exercise_copy).problems
    assert any("passes every hidden test" in p for p in problems)


def test_a_missing_expected_finding_is_named(exercise_copy):
    toml = exercise_copy / "exercise.toml"
    toml.write_text(toml.read_text().replace('["B307"]', '["B307", "B608"]'))
    assert any("expected finding B608" in p for p in validate_exercise(exercise_copy).problems)


def test_a_test_without_docstring_is_named(exercise_copy):
    tests = exercise_copy / "tests" / "test_hidden.py"
    tests.write_text(
        tests.read_text().replace(
            '    """The sum is a plain int, not a string or a float."""\n', ""
        )
    )
    problems = validate_exercise(exercise_copy).problems
    assert problems == [
        "tests/test_hidden.py: test_returns_plain_int has no docstring (it is the learner's feedback)"
    ]


def test_a_wrong_fix_graded_solved_is_named(exercise_copy):
    shutil.copy(
        exercise_copy / "reference.py",
        exercise_copy / "fixtures" / "unsolved" / "actually_right.py",
    )
    problems = validate_exercise(exercise_copy).problems
    assert problems == [
        "fixtures/unsolved/actually_right.py: a wrong fix was graded solved: the tests miss it"
    ]


def test_too_few_fixtures_are_named(exercise_copy):
    for path in (exercise_copy / "fixtures" / "solved").glob("*.py"):
        path.unlink()
    assert (
        "fixtures/solved/ holds 0 fix(es); at least 2 needed"
        in validate_exercise(exercise_copy).problems
    )


def test_a_broken_toml_is_named_with_its_file(exercise_copy):
    (exercise_copy / "exercise.toml").write_text("slug = ")
    problems = validate_exercise(exercise_copy).problems
    assert len(problems) == 1 and "exercise.toml: not valid TOML" in problems[0]


def test_validate_paths_finds_exercises_in_a_folder(exercise_copy):
    outcomes = validate_paths([exercise_copy.parent])
    assert [o.path.name for o in outcomes] == ["calc_exercise"]


UNITTEST_HIDDEN = '''# SECRET-TEST-MARKER: this line must never reach a learner.
import unittest

from calc import add


class AdditionChecks(unittest.TestCase):
    def test_adds_small_numbers(self):
        """Adding two small positive numbers gives their sum."""
        self.assertEqual(add(2, 3), 5)

    def test_adds_any_integers(self):
        """Negative and large numbers add up correctly too."""
        for label, a, b in [("opposites", -1, 1), ("both negative", -5, -5), ("large", 10**12, 1)]:
            with self.subTest(label):
                result = add(a, b)
                self.assertIs(type(result), int)
                self.assertEqual(result, a + b)

    def test_returns_plain_int(self):
        """The sum is a plain int, not a string or a float."""
        self.assertIs(type(add(1, 1)), int)
'''


def test_an_exercise_tested_with_unittest_and_subtests_is_valid(exercise_copy):
    (exercise_copy / "tests" / "test_hidden.py").write_text(UNITTEST_HIDDEN)
    outcome = validate_exercise(exercise_copy)
    assert outcome.ok, outcome.problems


def test_a_test_method_without_docstring_is_named(exercise_copy):
    source = UNITTEST_HIDDEN.replace(
        '        """The sum is a plain int, not a string or a float."""\n', ""
    )
    (exercise_copy / "tests" / "test_hidden.py").write_text(source)
    assert validate_exercise(exercise_copy).problems == [
        "tests/test_hidden.py: AdditionChecks::test_returns_plain_int has no docstring "
        "(it is the learner's feedback)"
    ]


def test_a_test_class_the_grader_cannot_follow_is_named_with_the_reason(exercise_copy):
    source = UNITTEST_HIDDEN.replace("unittest.TestCase", "helpers.BaseCase")
    (exercise_copy / "tests" / "test_hidden.py").write_text(source)
    problems = validate_exercise(exercise_copy).problems
    assert len(problems) == 2 and "derives from helpers.BaseCase" in problems[0], problems
    assert problems[1] == "tests/test_hidden.py defines no test"


def test_a_finding_both_expected_and_allowed_is_named(exercise_copy):
    toml = exercise_copy / "exercise.toml"
    toml.write_text(toml.read_text() + 'allowed_findings = ["B307"]\n')
    assert validate_exercise(exercise_copy).problems == [
        "exercise.toml: B307 is in both expected_findings and allowed_findings; "
        "the flaw an exercise teaches always counts"
    ]


def test_a_parametrised_test_without_ids_is_named(exercise_copy):
    tests = exercise_copy / "tests" / "test_hidden.py"
    source = tests.read_text()
    tests.write_text(source.replace(', ids=["opposites", "both negative", "very large"]', ""))
    assert validate_exercise(exercise_copy).problems == [
        "tests/test_hidden.py: test_adds_any_integers is parametrised without ids: name each case "
        'for the learner with ids=[...] or pytest.param(..., id=...), or its failures read as "case 4 of 27"'
    ]
