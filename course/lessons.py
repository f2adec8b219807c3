"""Reads lessons/*.md (YAML front matter + Markdown) into Lesson objects."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from course.errors import ContentError, read_utf8
from course.models import LESSON_KINDS, Lesson

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
RUNNABLE_BLOCK = re.compile(r"^```python run\n(.*?)^```", re.S | re.M)


def load_lessons(root: Path) -> tuple[Lesson, ...]:
    lessons = [load_lesson(p) for p in sorted(Path(root).glob("*.md"))]
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


def load_lesson(path: Path) -> Lesson:
    match = _FRONT_MATTER.match(read_utf8(path))
    if not match:
        raise ContentError(f"{path}: must start with YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: front matter is not valid YAML ({exc})") from None
    if not isinstance(meta, dict):
        raise ContentError(f"{path}: front matter must be a mapping of fields")
    minutes, exercises = _checked_fields(path, meta)
    return Lesson(
        path=path,
        slug=meta["slug"],
        title=meta["title"],
        order=meta["order"],
        kind=meta["limitation"],
        exercises=tuple(exercises),
        minutes=minutes,
        body=match.group(2).strip() + "\n",
    )


def _checked_fields(path: Path, meta: dict[str, Any]) -> tuple[int, list[str]]:
    """Every front-matter field is present and of its kind; the minutes and exercise slugs."""
    for name, kind in (("slug", str), ("title", str), ("order", int), ("limitation", str)):
        if type(meta.get(name)) is not kind:
            raise ContentError(f"{path}: field '{name}' is missing or not a {kind.__name__}")
    minutes = meta.get("minutes", 15)
    if type(minutes) is not int or minutes < 1:
        raise ContentError(f"{path}: field 'minutes' must be a whole number of minutes")
    if meta["limitation"] not in LESSON_KINDS:
        raise ContentError(f"{path}: field 'limitation' must be one of {', '.join(LESSON_KINDS)}")
    exercises = meta.get("exercises") or []
    if not isinstance(exercises, list) or not all(isinstance(s, str) for s in exercises):
        raise ContentError(f"{path}: field 'exercises' must be a list of exercise slugs")
    return minutes, exercises


def runnable_blocks(lesson: Lesson) -> list[str]:
    """The code blocks a lesson claims will run (fenced as ```python run)."""
    return RUNNABLE_BLOCK.findall(lesson.body)
