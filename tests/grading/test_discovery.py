"""Host-side discovery names exactly the tests pytest collects, or says why it cannot."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from grading.discovery import discover

CLASS_SUITE = textwrap.dedent(
    '''
    import unittest
    import pytest


    def test_plain():
        """Plain."""


    class Shared:
        def test_inherited(self):
            """Inherited."""

        def helper(self):
            pass


    class TestPytestStyle(Shared):
        def test_own(self):
            """Own."""

        @staticmethod
        def test_static():
            """Static."""


    class Checks(unittest.TestCase):
        def test_b(self):
            """B."""

        def test_a(self):
            """A."""


    class MoreChecks(Checks):
        def test_a(self):
            """A, overridden."""


    class TestWithInit:
        def __init__(self):
            pass

        def test_never(self):
            """Never collected."""


    class TestSwitchedOff:
        __test__ = False

        def test_off(self):
            """Off."""


    class FakeClock(Exception):
        def test_like_name(self):
            """Not a test class."""
    '''
)


def pytest_collects(source: str, tmp_path) -> set[str]:
    path = tmp_path / "test_probe.py"
    path.write_text(source)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    return {line.split("::", 1)[1] for line in out.splitlines() if "::" in line}


def test_classes_are_discovered_as_pytest_collects_them(tmp_path):
    inventory = discover(CLASS_SUITE)
    assert set(inventory.tests) == pytest_collects(CLASS_SUITE, tmp_path)
    assert set(inventory.tests) == {
        "test_plain",
        "TestPytestStyle::test_own",
        "TestPytestStyle::test_static",
        "TestPytestStyle::test_inherited",
        "Checks::test_a",
        "Checks::test_b",
        "MoreChecks::test_a",
        "MoreChecks::test_b",
    }


def test_a_method_runs_the_code_of_the_class_that_defines_it():
    tests = discover(CLASS_SUITE).tests
    assert tests["TestPytestStyle::test_inherited"].code == "Shared.test_inherited"
    assert tests["MoreChecks::test_a"].code == "MoreChecks.test_a"
    assert tests["MoreChecks::test_b"].code == "Checks.test_b"
    assert tests["MoreChecks::test_a"].doc == "A, overridden."
    assert tests["MoreChecks::test_b"].doc == "B."


def test_a_class_pytest_skips_is_named_as_a_problem():
    problems = discover(CLASS_SUITE).problems
    assert problems == ["class TestWithInit defines __init__, so pytest does not collect its tests"]


@pytest.mark.parametrize(
    "source, words",
    [
        ("from helpers import BaseCase\nclass Checks(BaseCase):\n    pass\n", "BaseCase"),
        ("import lib\nclass TestX(lib.Mixin):\n    def test_a(self): pass\n", "lib.Mixin"),
        ("def make():\n    pass\ntest_made = make()\n", "assignment"),
        ("from helpers import test_shared\n", "test_shared"),
        ("class TestA:\n    class TestB:\n        def test_c(self): pass\n", "nested"),
    ],
    ids=["unknown TestCase base", "unknown base of a Test class", "assigned", "imported", "nested"],
)
def test_what_discovery_cannot_follow_is_a_problem(source, words):
    problems = discover(source).problems
    assert len(problems) == 1 and words in problems[0], problems


def test_ordinary_helper_classes_with_outside_bases_are_no_problem():
    source = "import sqlite3\nclass FakeConnection(sqlite3.Connection):\n    pass\n"
    assert discover(source).problems == []


@pytest.mark.parametrize(
    "decorator, described",
    [
        ('@pytest.mark.parametrize("x", [1, 2], ids=["one", "two"])', True),
        ('@pytest.mark.parametrize("x", CASES, ids=[c[0] for c in CASES])', True),
        ('@pytest.mark.parametrize("x", [pytest.param(1, id="one")])', True),
        ('@pytest.mark.parametrize("x", [1, 2])', False),
        ('@pytest.mark.parametrize("x", [1, 2], ids=lambda v: str(v))', False),
        ('@pytest.mark.parametrize("x", [pytest.param(1, id="one"), 2])', False),
    ],
    ids=["ids list", "ids comprehension", "param ids", "no ids", "ids from values", "some ids"],
)
def test_parametrised_tests_say_whether_their_cases_are_described(decorator, described):
    source = f"import pytest\n{decorator}\ndef test_x(x):\n    pass\n"
    test = discover(source).tests["test_x"]
    assert test.parametrised and test.described is described


def test_cases_named_in_a_module_level_list_are_described():
    source = (
        "import pytest\n"
        'CASES = [pytest.param(1, id="one"), pytest.param(2, id="two")]\n'
        "BARE = [1, 2]\n"
        '@pytest.mark.parametrize("x", CASES)\ndef test_named(x):\n    pass\n'
        '@pytest.mark.parametrize("x", BARE)\ndef test_bare(x):\n    pass\n'
    )
    tests = discover(source).tests
    assert tests["test_named"].described and not tests["test_bare"].described


def test_a_fixture_parametrised_by_value_leaves_cases_undescribed():
    source = (
        "import pytest\n@pytest.fixture(params=[1, 2])\ndef n(request):\n    return request.param\n"
        '@pytest.mark.parametrize("x", [1], ids=["one"])\ndef test_x(x, n):\n    pass\n'
    )
    inventory = discover(source)
    assert inventory.tests["test_x"].described is False
    assert inventory.problems == [
        "fixture n is parametrised without ids: name each case with ids=[...]"
    ]
