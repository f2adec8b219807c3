"""Reads one exercise folder into an Exercise, naming the file and field of anything broken."""

from __future__ import annotations

import hashlib
import keyword
import re
import tomllib
from pathlib import Path
from typing import Any

from course.errors import ContentError, read_utf8
from course.models import (
    DEFAULT_MAX_COMPLEXITY,
    DEFAULT_TIME_LIMIT_S,
    DEFAULT_WEIGHTS,
    LIMITATIONS,
    MAX_TIME_LIMIT_S,
    Exercise,
)

_REQUIRED_TEXT = ("brief.md", "starter.py", "hints.md", "reference.py", "explanation.md")
_MODULE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_BANDIT_ID = re.compile(r"^B\d{3}$")


def load_exercises(root: Path) -> dict[str, Exercise]:
    """Every exercise folder under `root` (folders holding an exercise.toml), by slug."""
    found = {}
    for toml_path in sorted(Path(root).glob("*/exercise.toml")):
        exercise = load_exercise(toml_path.parent)
        found[exercise.slug] = exercise
    return found


def load_exercise(folder: Path) -> Exercise:
    folder = Path(folder)
    meta_path = folder / "exercise.toml"
    meta = _read_toml(meta_path)
    field = _FieldReader(meta_path, meta)
    slug = field.text("slug")
    if slug != folder.name:
        raise ContentError(
            f"{meta_path}: field 'slug' is {slug!r} but the folder is {folder.name!r}"
        )
    limitation = field.choice("limitation", LIMITATIONS)
    module = field.text("module")
    if not _MODULE_NAME.fullmatch(module) or keyword.iskeyword(module):
        raise ContentError(f"{meta_path}: field 'module' must be a lowercase module name")
    texts = {name: _read_text(folder / name) for name in _REQUIRED_TEXT}
    if not (folder / "tests" / "test_hidden.py").is_file():
        raise ContentError(f"{folder / 'tests' / 'test_hidden.py'}: missing (the grading tests)")
    return Exercise(
        path=folder,
        slug=slug,
        title=field.text("title"),
        limitation=limitation,
        difficulty=field.integer("difficulty", low=1, high=3),
        module=module,
        summary=field.text("summary", default=""),
        cwe=tuple(field.int_list("cwe")),
        expected_findings=tuple(field.bandit_ids("expected_findings")),
        allowed_findings=tuple(field.bandit_ids("allowed_findings")),
        flaw_lines=tuple(field.int_list("flaw_lines")),
        time_limit_s=field.number("time_limit_s", DEFAULT_TIME_LIMIT_S, high=MAX_TIME_LIMIT_S),
        weights=field.weights(),
        max_complexity=field.max_complexity(),
        brief=texts["brief.md"],
        starter=texts["starter.py"],
        hints=split_hints(texts["hints.md"]),
        reference=texts["reference.py"],
        explanation=texts["explanation.md"],
        context_files=_read_context(folder / "context"),
        content_hash=grading_content_hash(folder),
    )


def grading_content_hash(folder: Path) -> str:
    """A hash of every file that decides a grade, in a stable order."""
    digest = hashlib.sha256()
    files = [folder / "exercise.toml"]
    for sub in ("tests", "context"):
        files += sorted(
            p for p in (folder / sub).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def split_hints(markdown: str) -> tuple[str, ...]:
    """One hint per "## " section, in order; the heading stays with its hint."""
    sections = re.split(r"(?m)^(?=## )", markdown)
    return tuple(s.strip() for s in sections if s.strip().startswith("## "))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_utf8(path))
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML ({exc})") from None


def _read_text(path: Path) -> str:
    try:
        text = read_utf8(path)
    except FileNotFoundError:
        raise ContentError(f"{path}: missing") from None
    if not text.strip():
        raise ContentError(f"{path}: empty")
    return text


def _read_context(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.name: read_utf8(p) for p in sorted(folder.glob("*.py"))}


class _FieldReader:
    """Typed access to exercise.toml fields with messages that name the file and the field."""

    def __init__(self, path: Path, meta: dict[str, Any]):
        self.path, self.meta = path, meta

    def _fail(self, name: str, problem: str) -> ContentError:
        return ContentError(f"{self.path}: field '{name}' {problem}")

    def _get(self, name: str, default: Any = None) -> Any:
        if name not in self.meta:
            if default is None:
                raise self._fail(name, "is missing")
            return default
        return self.meta[name]

    def text(self, name: str, default: str | None = None) -> str:
        value = self._get(name, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self._fail(name, "must be a non-empty string")
        return value

    def choice(self, name: str, allowed: dict[str, str]) -> str:
        value = self.text(name)
        if value not in allowed:
            raise self._fail(name, f"is {value!r}; expected one of {', '.join(allowed)}")
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self._get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self._fail(name, f"must be a whole number from {low} to {high}")
        return value

    def number(self, name: str, default: float, high: float) -> float:
        value = self._get(name, default)
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= high:
            raise self._fail(name, f"must be a number of seconds above 0 and at most {high:g}")
        return float(value)

    def int_list(self, name: str) -> list[int]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(type(v) is int and v > 0 for v in value):
            raise self._fail(name, "must be a list of positive whole numbers")
        return value

    def bandit_ids(self, name: str) -> list[str]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and _BANDIT_ID.fullmatch(v) for v in value
        ):
            raise self._fail(name, 'must be a list of bandit test ids such as "B608"')
        return value

    def table(self, name: str) -> dict[str, Any]:
        value = self._get(name, {})
        if not isinstance(value, dict):
            raise self._fail(name, "must be a table")
        return value

    def max_complexity(self) -> int:
        value = self.table("quality").get("max_complexity", DEFAULT_MAX_COMPLEXITY)
        if type(value) is not int or value < 1:
            raise self._fail("quality.max_complexity", "must be a whole number of at least 1")
        return value

    def weights(self) -> dict[str, int]:
        weights = {**DEFAULT_WEIGHTS, **self.table("weights")}
        if set(weights) != set(DEFAULT_WEIGHTS) or not all(
            type(w) is int and w >= 0 for w in weights.values()
        ):
            raise self._fail("weights", "takes whole numbers for behaviour, security and quality")
        if sum(weights.values()) != 100:
            raise self._fail("weights", f"must add up to 100, not {sum(weights.values())}")
        return weights
