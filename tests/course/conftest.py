"""Content built in tmp_path: a valid exercise folder and lesson files that tests then break."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

# exercise.toml fields as TOML literals; a test overrides one (or drops it with None).
EXERCISE_FIELDS: dict[str, str] = {
    "slug": '"add-numbers"',
    "title": '"Add two numbers"',
    "limitation": '"review"',
    "difficulty": "2",
    "module": '"calc"',
    "summary": '"The assistant evaluates a string."',
    "cwe": "[95]",
    "expected_findings": '["B307"]',
    "allowed_findings": '["B101"]',
    "flaw_lines": "[3, 4]",
}

TEXTS: dict[str, str] = {
    "brief.md": "# Ticket CALC-1: add two numbers\n\nWhat the assistant didn't know: ...\n",
    "starter.py": (
        "def add(a: int, b: int) -> int:\n"
        '    """Return the sum."""\n'
        "    # The assistant builds an expression and evaluates it.\n"
        '    return eval(f"{a} + {b}")\n'
    ),
    "hints.md": "## Hint 1\n\nWhat does eval do?\n\n## Hint 2\n\nUse `+`.\n",
    "reference.py": 'def add(a: int, b: int) -> int:\n    """Return the sum."""\n    return a + b\n',
    "explanation.md": "eval runs whatever it is given (CWE-95).\n",
    "tests/test_hidden.py": (
        "from calc import add\n\n\ndef test_adds():\n"
        '    """Adding two numbers gives their sum."""\n    assert add(2, 3) == 5\n'
    ),
}

WriteMeta = Callable[..., Path]
MakeExercise = Callable[..., Path]


def write_meta(folder: Path, extra: str = "", **fields: str | None) -> Path:
    """Writes exercise.toml from EXERCISE_FIELDS with `fields` overridden; None drops a field.
    `extra` is appended verbatim (tables such as [weights] go there)."""
    merged = {**EXERCISE_FIELDS, "slug": f'"{folder.name}"', **fields}
    lines = [f"{name} = {value}" for name, value in merged.items() if value is not None]
    path = folder / "exercise.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def build_exercise(folder: Path, extra: str = "", **fields: str | None) -> Path:
    for name, text in TEXTS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    write_meta(folder, extra, **fields)
    return folder


@pytest.fixture
def exercise_dir(tmp_path: Path) -> Path:
    """A complete, valid exercise folder named after its slug, optional fields left out."""
    return build_exercise(tmp_path / "add-numbers")


@pytest.fixture
def set_meta(exercise_dir: Path) -> WriteMeta:
    """Rewrites exercise_dir's exercise.toml: set_meta(difficulty="4"), set_meta(title=None)."""

    def rewrite(extra: str = "", **fields: str | None) -> Path:
        return write_meta(exercise_dir, extra, **fields)

    return rewrite


@pytest.fixture
def make_exercise(tmp_path: Path) -> MakeExercise:
    """Adds a valid exercise folder under tmp_path/exercises: make_exercise("slug", limitation=...)."""

    def make(slug: str, limitation: str = "review", difficulty: int = 1) -> Path:
        folder = tmp_path / "exercises" / slug
        return build_exercise(folder, limitation=f'"{limitation}"', difficulty=str(difficulty))

    return make


@pytest.fixture
def write_lesson(tmp_path: Path) -> Callable[..., Path]:
    """Writes tmp_path/lessons/<name> with the given front matter (YAML text) and body."""

    def write(name: str, front_matter: str, body: str = "# Lesson\n") -> Path:
        path = tmp_path / "lessons" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front_matter.strip()}\n---\n{body}", encoding="utf-8")
        return path

    return write
