"""Typed content: what an exercise and a lesson are, independent of where they are stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The eight limitations of AI-written code, in teaching order, with their display names.
LIMITATIONS: dict[str, str] = {
    "security": "Security vulnerabilities",
    "context": "Lack of context awareness",
    "business": "Incomplete business logic",
    "errors": "Poor error handling",
    "performance": "Performance inefficiencies",
    "scalability": "Limited scalability",
    "reliability": "Reliability issues",
    "review": "Dependence on human review",
}
LESSON_KINDS = ("intro", *LIMITATIONS, "practice")

DEFAULT_WEIGHTS = {"behaviour": 60, "security": 30, "quality": 10}
DEFAULT_MAX_COMPLEXITY = 10
DEFAULT_TIME_LIMIT_S = 5.0
MAX_TIME_LIMIT_S = 10.0


@dataclass(frozen=True)
class Exercise:
    """One exercise folder, loaded. Test sources are read on demand: they never leave the server."""

    path: Path
    slug: str
    title: str
    limitation: str
    difficulty: int
    module: str
    summary: str
    cwe: tuple[int, ...]
    expected_findings: tuple[str, ...]
    allowed_findings: tuple[str, ...]
    flaw_lines: tuple[int, ...]
    time_limit_s: float
    weights: dict[str, int]
    max_complexity: int
    brief: str
    starter: str
    hints: tuple[str, ...]
    reference: str
    explanation: str
    context_files: dict[str, str] = field(default_factory=dict)
    # SHA-256 of what decides a grade (exercise.toml, tests/, context/): stored with each attempt,
    # so a regrade knows what changed and a grading worker refuses content that differs.
    content_hash: str = ""

    @property
    def limitation_title(self) -> str:
        return LIMITATIONS[self.limitation]

    def test_file(self, suite: str) -> Path:
        """`suite` is "hidden" or "visible"."""
        return self.path / "tests" / f"test_{suite}.py"

    def has_suite(self, suite: str) -> bool:
        return self.test_file(suite).is_file()

    def test_source(self, suite: str) -> str:
        return self.test_file(suite).read_text(encoding="utf-8")

    def fixtures(self, kind: str) -> list[Path]:
        """`kind` is "solved" or "unsolved": graded example fixes kept next to the tests."""
        return sorted((self.path / "fixtures" / kind).glob("*.py"))


@dataclass(frozen=True)
class Lesson:
    path: Path
    slug: str
    title: str
    order: int
    kind: str  # "intro", one of LIMITATIONS, or "practice"
    exercises: tuple[str, ...]
    minutes: int
    body: str  # Markdown without the front matter


@dataclass(frozen=True)
class Course:
    lessons: tuple[Lesson, ...]
    exercises: dict[str, Exercise]

    def lesson(self, slug: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.slug == slug), None)

    def lesson_of(self, exercise_slug: str) -> Lesson | None:
        return next((les for les in self.lessons if exercise_slug in les.exercises), None)

    def exercises_for(self, limitation: str) -> list[Exercise]:
        found = [ex for ex in self.exercises.values() if ex.limitation == limitation]
        return sorted(found, key=lambda ex: (ex.difficulty, ex.slug))

    def ordered_exercises(self) -> list[Exercise]:
        """Every exercise in course order: lesson by lesson, as each lesson lists them."""
        seen: list[Exercise] = []
        for lesson in self.lessons:
            seen.extend(self.exercises[s] for s in lesson.exercises if s in self.exercises)
        rest = [ex for ex in self.exercises.values() if ex not in seen]
        return seen + sorted(rest, key=lambda ex: ex.slug)
