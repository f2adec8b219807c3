"""Reads lessons/*.md (YAML front matter + Markdown) into Lesson objects."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from course.errors import ContentError
from course.models import LESSON_KINDS, Lesson

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
RUNNABLE_BLOCK = re.compile(r"^```python run\n(.*?)^```", re.S | re.M)


def load_lessons(root: Path) -> tuple[Lesson, ...]:
    lessons = [load_lesson(p) for p in sorted(Path(root).glob("*.md"))]
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


def load_lesson(path: Path) -> Lesson:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ContentError(f"{path}: must start with YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: front matter is not valid YAML ({exc})") from None
    for name, kind in (("slug", str), ("title", str), ("order", int), ("limitation", str)):
        if not isinstance(meta.get(name), kind):
            raise ContentError(f"{path}: field '{name}' is missing or not a {kind.__name__}")
    if meta["limitation"] not in LESSON_KINDS:
        raise ContentError(f"{path}: field 'limitation' must be one of {', '.join(LESSON_KINDS)}")
    exercises = meta.get("exercises") or []
    if not isinstance(exercises, list) or not all(isinstance(s, str) for s in exercises):
        raise ContentError(f"{path}: field 'exercises' must be a list of exercise slugs")
    return Lesson(
        path=path,
        slug=meta["slug"],
        title=meta["title"],
        order=meta["order"],
        kind=meta["limitation"],
        exercises=tuple(exercises),
        minutes=int(meta.get("minutes", 15)),
        body=match.group(2).strip() + "\n",
    )


def runnable_blocks(lesson: Lesson) -> list[str]:
    """The code blocks a lesson claims will run (fenced as ```python run)."""
    return RUNNABLE_BLOCK.findall(lesson.body)
