"""Every host-side parse holds the one AST lock (CPython 3.11's ast.parse is not thread-safe:
concurrent grades once failed with "AST constructor recursion depth mismatch")."""

from __future__ import annotations

import ast

import pytest

from grading import scan
from grading.discovery import discover
from grading.parsing import AST_LOCK
from learning.checklist import reality_check

SOURCE = "def add(a, b):\n    return a + b\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"


@pytest.fixture
def parses_under_the_lock(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    held: list[bool] = []
    real = ast.parse

    def watched(*args, **kwargs):
        held.append(AST_LOCK._is_owned())  # type: ignore[attr-defined]
        return real(*args, **kwargs)

    monkeypatch.setattr(ast, "parse", watched)
    return held


def test_static_checks_parse_under_the_lock(parses_under_the_lock):
    scan(SOURCE)  # bandit and radon
    assert parses_under_the_lock and all(parses_under_the_lock)


def test_test_discovery_parses_under_the_lock(parses_under_the_lock):
    discover(SOURCE)
    assert parses_under_the_lock and all(parses_under_the_lock)


def test_the_reality_check_parses_under_the_lock(parses_under_the_lock):
    reality_check(SOURCE)
    assert parses_under_the_lock and all(parses_under_the_lock)
