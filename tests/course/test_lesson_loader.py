"""load_lesson: YAML front matter + Markdown become a Lesson; a broken lesson is a ContentError
naming the file (and the field); runnable_blocks finds only ```python run blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import ContentError, load_lessons
from course.lessons import load_lesson, runnable_blocks

FRONT_MATTER = """
slug: security
title: "Security vulnerabilities"
order: 2
limitation: security
exercises: [sql-user-lookup, shell-ping]
minutes: 20
"""


def load_error(path: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_lesson(path)
    return str(info.value)


def test_front_matter_and_body_are_parsed(write_lesson):
    path = write_lesson("02-security.md", FRONT_MATTER, body="\n# Security\n\nText.\n\n")
    lesson = load_lesson(path)
    assert lesson.path == path
    assert lesson.slug == "security"
    assert lesson.title == "Security vulnerabilities"
    assert lesson.order == 2
    assert lesson.kind == "security"
    assert lesson.exercises == ("sql-user-lookup", "shell-ping")
    assert lesson.minutes == 20
    assert lesson.body == "# Security\n\nText.\n"


def test_exercises_and_minutes_are_optional(write_lesson):
    path = write_lesson("01-intro.md", "slug: intro\ntitle: Intro\norder: 1\nlimitation: intro")
    lesson = load_lesson(path)
    assert lesson.exercises == ()
    assert lesson.minutes == 15


@pytest.mark.parametrize("kind", ["intro", "practice", "security", "review"])
def test_intro_practice_and_the_limitations_are_lesson_kinds(write_lesson, kind):
    path = write_lesson("x.md", f"slug: x\ntitle: X\norder: 1\nlimitation: {kind}")
    assert load_lesson(path).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "# Security\n\nNo front matter at all.\n",
        "slug: security\n---\n# Body\n",
        "---\nslug: security\ntitle: Unclosed\n# Body\n",
        "\n---\nslug: security\n---\n# Leading blank line\n",
        "",
    ],
    ids=["none", "no-opening", "unclosed", "not-at-start", "empty-file"],
)
def test_missing_front_matter_is_named(tmp_path, text):
    path = tmp_path / "02-security.md"
    path.write_text(text, encoding="utf-8")
    message = load_error(path)
    assert str(path) in message
    assert "front matter" in message


def test_front_matter_that_is_not_yaml_is_named(write_lesson):
    path = write_lesson("02-security.md", 'slug: security\ntitle: "unterminated\norder: [2')
    message = load_error(path)
    assert str(path) in message
    assert "not valid YAML" in message


@pytest.mark.parametrize(
    "front_matter", ["just a sentence", "- slug\n- title", "42"], ids=["text", "list", "number"]
)
def test_front_matter_that_is_not_a_mapping_is_named(write_lesson, front_matter):
    path = write_lesson("02-security.md", front_matter)
    assert str(path) in load_error(path)


@pytest.mark.parametrize("field", ["slug", "title", "order", "limitation"])
def test_a_missing_field_is_named(write_lesson, field):
    lines = [line for line in FRONT_MATTER.strip().splitlines() if not line.startswith(field)]
    path = write_lesson("02-security.md", "\n".join(lines))
    message = load_error(path)
    assert str(path) in message
    assert f"'{field}'" in message


@pytest.mark.parametrize(
    "field, value",
    [
        ("slug", "7"),
        ("title", "[a, b]"),
        ("order", "second"),
        ("order", "2.5"),
        ("order", "true"),
        ("limitation", "3"),
        ("limitation", "speed"),
        ("limitation", "Security"),
        ("exercises", "sql-user-lookup"),
        ("exercises", "[sql-user-lookup, 3]"),
        ("minutes", "twenty"),
        ("minutes", "[20]"),
    ],
)
def test_a_field_of_the_wrong_kind_is_named(write_lesson, field, value):
    lines = [
        f"{field}: {value}" if line.startswith(f"{field}:") else line
        for line in FRONT_MATTER.strip().splitlines()
    ]
    path = write_lesson("02-security.md", "\n".join(lines))
    message = load_error(path)
    assert str(path) in message
    assert f"'{field}'" in message


def test_a_lesson_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "02-security.md"
    path.write_bytes(b"---\nslug: s\xe9curit\xe9\n---\n# Body\n")
    assert str(path) in load_error(path)


def test_lessons_load_in_order_and_only_markdown(write_lesson, tmp_path):
    write_lesson("b.md", "slug: practice\ntitle: P\norder: 10\nlimitation: practice")
    write_lesson("c.md", "slug: intro\ntitle: I\norder: 1\nlimitation: intro")
    write_lesson("a.md", "slug: security\ntitle: S\norder: 2\nlimitation: security")
    (tmp_path / "lessons" / "notes.txt").write_text("not a lesson\n", encoding="utf-8")
    lessons = load_lessons(tmp_path / "lessons")
    assert [lesson.slug for lesson in lessons] == ["intro", "security", "practice"]


def test_load_lessons_names_the_broken_one(write_lesson, tmp_path):
    write_lesson("01-intro.md", "slug: intro\ntitle: I\norder: 1\nlimitation: intro")
    broken = write_lesson("02-security.md", "slug: security\ntitle: S\norder: 2")
    with pytest.raises(ContentError, match=str(broken)):
        load_lessons(tmp_path / "lessons")


# --- runnable blocks ------------------------------------------------------------------------

BODY = """\
# Lesson

```python run
x = 1
```

An illustration, not run:

```python
import os
os.system("rm -rf /")
```

```bash
echo not python
```

```py run
print("wrong fence")
```

```python run
def f():

    return x + 1
```

    ```python run
    indented = "inside a list item, not a runnable block"
    ```

```python runnable
y = "another word, not run"
```
"""


def test_runnable_blocks_are_only_python_run_fences_in_order(write_lesson):
    path = write_lesson("01-intro.md", "slug: i\ntitle: I\norder: 1\nlimitation: intro", BODY)
    blocks = runnable_blocks(load_lesson(path))
    assert blocks == ["x = 1\n", "def f():\n\n    return x + 1\n"]


def test_a_lesson_without_runnable_blocks_has_none(write_lesson):
    path = write_lesson("01-intro.md", "slug: i\ntitle: I\norder: 1\nlimitation: intro")
    assert runnable_blocks(load_lesson(path)) == []
