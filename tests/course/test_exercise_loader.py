"""load_exercise: a valid folder becomes a typed Exercise; anything broken is a ContentError
whose message names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import ContentError, Exercise, load_exercise, load_exercises
from course.exercises import split_hints

TEXT_ATTRIBUTES = {
    "brief.md": "brief",
    "starter.py": "starter",
    "reference.py": "reference",
    "explanation.md": "explanation",
}


def load_error(folder: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_exercise(folder)
    return str(info.value)


def test_a_valid_folder_loads_every_field(exercise_dir, set_meta):
    set_meta(
        time_limit_s="8",
        extra="[weights]\nbehaviour = 50\nsecurity = 40\nquality = 10\n"
        "[quality]\nmax_complexity = 6\n",
    )
    (exercise_dir / "context").mkdir()
    (exercise_dir / "context" / "money.py").write_text("class Money: ...\n", encoding="utf-8")
    (exercise_dir / "context" / "notes.txt").write_text("not a module\n", encoding="utf-8")

    exercise = load_exercise(exercise_dir)

    assert isinstance(exercise, Exercise)
    assert exercise.path == exercise_dir
    assert exercise.slug == "add-numbers"
    assert exercise.title == "Add two numbers"
    assert exercise.limitation == "review"
    assert exercise.limitation_title == "Dependence on human review"
    assert exercise.difficulty == 2
    assert exercise.module == "calc"
    assert exercise.summary == "The assistant evaluates a string."
    assert exercise.cwe == (95,)
    assert exercise.expected_findings == ("B307",)
    assert exercise.allowed_findings == ("B101",)
    assert exercise.flaw_lines == (3, 4)
    assert exercise.time_limit_s == 8.0
    assert exercise.weights == {"behaviour": 50, "security": 40, "quality": 10}
    assert exercise.max_complexity == 6
    for name, attribute in TEXT_ATTRIBUTES.items():
        assert getattr(exercise, attribute) == (exercise_dir / name).read_text(encoding="utf-8")
    assert exercise.hints == ("## Hint 1\n\nWhat does eval do?", "## Hint 2\n\nUse `+`.")
    assert exercise.context_files == {"money.py": "class Money: ...\n"}


def test_optional_fields_take_their_defaults(exercise_dir, set_meta):
    set_meta(summary=None, cwe=None, expected_findings=None, allowed_findings=None, flaw_lines=None)
    exercise = load_exercise(exercise_dir)
    assert exercise.weights == {"behaviour": 60, "security": 30, "quality": 10}
    assert exercise.max_complexity == 10
    assert exercise.time_limit_s == 5.0
    assert exercise.summary == ""
    assert exercise.cwe == exercise.expected_findings == exercise.allowed_findings == ()
    assert exercise.flaw_lines == ()
    assert exercise.context_files == {}


def test_weights_may_override_only_some_keys(exercise_dir, set_meta):
    set_meta(extra="[weights]\nbehaviour = 70\nsecurity = 20\n")
    assert load_exercise(exercise_dir).weights == {"behaviour": 70, "security": 20, "quality": 10}


@pytest.mark.parametrize("seconds, expected", [("10", 10.0), ("0.5", 0.5), ("3", 3.0)])
def test_time_limits_up_to_ten_seconds_are_accepted(exercise_dir, set_meta, seconds, expected):
    set_meta(time_limit_s=seconds)
    assert load_exercise(exercise_dir).time_limit_s == expected


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_every_difficulty_from_one_to_three_is_accepted(exercise_dir, set_meta, difficulty):
    set_meta(difficulty=str(difficulty))
    assert load_exercise(exercise_dir).difficulty == difficulty


def test_test_sources_are_read_on_demand(exercise_dir):
    exercise = load_exercise(exercise_dir)
    assert exercise.has_suite("hidden")
    assert not exercise.has_suite("visible")
    hidden = (exercise_dir / "tests" / "test_hidden.py").read_text(encoding="utf-8")
    assert exercise.test_source("hidden") == hidden
    assert "Adding two numbers gives their sum" not in repr(exercise)


def test_fixtures_are_listed_by_kind(exercise_dir):
    solved = exercise_dir / "fixtures" / "solved"
    solved.mkdir(parents=True)
    for name in ("b_plus.py", "a_sum.py", "README.md"):
        (solved / name).write_text("x = 1\n", encoding="utf-8")
    exercise = load_exercise(exercise_dir)
    assert [p.name for p in exercise.fixtures("solved")] == ["a_sum.py", "b_plus.py"]
    assert exercise.fixtures("unsolved") == []


# --- exercise.toml itself -------------------------------------------------------------------


def test_a_missing_exercise_toml_is_named(exercise_dir):
    (exercise_dir / "exercise.toml").unlink()
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "missing" in message


def test_invalid_toml_is_named(exercise_dir):
    (exercise_dir / "exercise.toml").write_text('slug = "add-numbers\ntitle = \n', encoding="utf-8")
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "not valid TOML" in message


def test_a_slug_that_is_not_the_folder_name_is_named(exercise_dir, set_meta):
    set_meta(slug='"add-two-numbers"')
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "'slug'" in message
    assert "add-two-numbers" in message and "add-numbers" in message


BROKEN_FIELDS = [
    # (field, TOML literal) — None removes a required field
    ("slug", None),
    ("slug", '""'),
    ("title", None),
    ("title", '"   "'),
    ("title", "42"),
    ("limitation", None),
    ("limitation", '"speed"'),
    ("limitation", '"Security"'),
    ("limitation", '"intro"'),
    ("difficulty", None),
    ("difficulty", "0"),
    ("difficulty", "4"),
    ("difficulty", "-1"),
    ("difficulty", '"2"'),
    ("difficulty", "2.0"),
    ("difficulty", "true"),
    ("module", None),
    ("module", '""'),
    ("module", '"Users"'),
    ("module", '"1users"'),
    ("module", '"user-lookup"'),
    ("module", '"users.py"'),
    ("module", '"my module"'),
    ("summary", "3"),
    ("cwe", '"89"'),
    ("cwe", '["CWE-89"]'),
    ("cwe", "[0]"),
    ("expected_findings", '"B608"'),
    ("expected_findings", '["608"]'),
    ("expected_findings", '["b608"]'),
    ("expected_findings", '["B60"]'),
    ("expected_findings", '["B6081"]'),
    ("expected_findings", "[608]"),
    ("allowed_findings", '["B404", "subprocess"]'),
    ("flaw_lines", "[0]"),
    ("flaw_lines", "[-3]"),
    ("flaw_lines", '["14"]'),
    ("flaw_lines", "[1.5]"),
    ("time_limit_s", "10.5"),
    ("time_limit_s", "11"),
    ("time_limit_s", "0"),
    ("time_limit_s", "-1"),
    ("time_limit_s", '"5"'),
    ("time_limit_s", "true"),
]


@pytest.mark.parametrize("field, value", BROKEN_FIELDS, ids=[f"{f}={v}" for f, v in BROKEN_FIELDS])
def test_a_broken_field_is_named(exercise_dir, set_meta, field, value):
    set_meta(**{field: value})
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert f"'{field}'" in message


WEIGHTS = [
    "behaviour = 50\nsecurity = 30\nquality = 10",  # 90
    "behaviour = 70",  # 110 with the other defaults
    "behaviour = 60\nsecurity = 30\nquality = 10\nstyle = 0",  # unknown key
    "behaviour = 80\nsecurity = 30\nquality = -10",  # negative
    "behaviour = 60.0\nsecurity = 30\nquality = 10",  # not whole
    'behaviour = "60"',
]


@pytest.mark.parametrize("weights", WEIGHTS, ids=range(len(WEIGHTS)))
def test_weights_that_are_not_whole_numbers_adding_to_100_are_named(
    exercise_dir, set_meta, weights
):
    set_meta(extra=f"[weights]\n{weights}\n")
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "'weights'" in message


def test_weights_that_are_not_a_table_are_named(exercise_dir, set_meta):
    set_meta(weights="[60, 30, 10]")
    message = load_error(exercise_dir)
    assert "'weights'" in message


def test_a_quality_section_that_is_not_a_table_is_named(exercise_dir, set_meta):
    set_meta(quality="10")
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "'quality'" in message


@pytest.mark.parametrize("bound", ['"ten"', "0", "-5", "true", "7.5", "[10]"])
def test_a_complexity_bound_that_is_not_a_positive_whole_number_is_named(
    exercise_dir, set_meta, bound
):
    set_meta(extra=f"[quality]\nmax_complexity = {bound}\n")
    message = load_error(exercise_dir)
    assert str(exercise_dir / "exercise.toml") in message
    assert "max_complexity" in message


@pytest.mark.parametrize("module", ['"calc\\n"', '"class"', '"import"'])
def test_a_module_name_the_tests_could_not_import_is_named(exercise_dir, set_meta, module):
    set_meta(module=module)
    message = load_error(exercise_dir)
    assert "'module'" in message


@pytest.mark.parametrize("finding", ['"B608\\n"', '" B608"'])
def test_a_bandit_id_with_stray_whitespace_is_named(exercise_dir, set_meta, finding):
    set_meta(expected_findings=f"[{finding}]")
    assert "'expected_findings'" in load_error(exercise_dir)


# --- the text files -------------------------------------------------------------------------

TEXT_FILES = ["brief.md", "starter.py", "hints.md", "reference.py", "explanation.md"]


@pytest.mark.parametrize("name", TEXT_FILES)
def test_a_missing_text_file_is_named(exercise_dir, name):
    (exercise_dir / name).unlink()
    message = load_error(exercise_dir)
    assert str(exercise_dir / name) in message
    assert "missing" in message


@pytest.mark.parametrize("name", TEXT_FILES)
@pytest.mark.parametrize("blank", ["", "\n  \n\t\n"])
def test_an_empty_text_file_is_named(exercise_dir, name, blank):
    (exercise_dir / name).write_text(blank, encoding="utf-8")
    message = load_error(exercise_dir)
    assert str(exercise_dir / name) in message
    assert "empty" in message


@pytest.mark.parametrize("name", ["exercise.toml", "brief.md", "starter.py"])
def test_a_file_that_is_not_utf8_is_named(exercise_dir, name):
    path = exercise_dir / name
    path.write_bytes(path.read_bytes().replace(b"a", b"\xe9", 1))
    message = load_error(exercise_dir)
    assert str(path) in message


def test_missing_hidden_tests_are_named(exercise_dir):
    (exercise_dir / "tests" / "test_hidden.py").unlink()
    message = load_error(exercise_dir)
    assert str(exercise_dir / "tests" / "test_hidden.py") in message
    assert "missing" in message


def test_a_visible_suite_alone_is_not_enough(exercise_dir):
    tests = exercise_dir / "tests"
    (tests / "test_hidden.py").rename(tests / "test_visible.py")
    assert str(tests / "test_hidden.py") in load_error(exercise_dir)


# --- hints ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, hints",
    [
        ("## One\nnudge\n## Two\npointer\n", ("## One\nnudge", "## Two\npointer")),
        (
            "Read these in order.\n\n## One\nnudge\n\n## Two\n### detail\nmore\n",
            ("## One\nnudge", "## Two\n### detail\nmore"),
        ),
        ("## Only\n  text  \n", ("## Only\n  text",)),
        ("# Title\n#### not a hint\nno sections\n", ()),
        ("##Tight\n## Spaced\nx\n", ("## Spaced\nx",)),
        ("", ()),
    ],
    ids=["two", "preamble-and-subheading", "one", "none", "needs-space", "empty"],
)
def test_hints_split_into_second_level_sections(markdown, hints):
    assert split_hints(markdown) == hints


def test_hints_md_is_split_when_loading(exercise_dir):
    (exercise_dir / "hints.md").write_text(
        "## Gentle\nWhat if?\n\n## Closer\nLook at line 4.\n\n## Specific\nUse `+`.\n",
        encoding="utf-8",
    )
    hints = load_exercise(exercise_dir).hints
    assert [h.splitlines()[0] for h in hints] == ["## Gentle", "## Closer", "## Specific"]


# --- load_exercises -------------------------------------------------------------------------


def test_load_exercises_reads_every_folder_with_an_exercise_toml(make_exercise, tmp_path):
    make_exercise("beta")
    make_exercise("alpha", limitation="security", difficulty=3)
    (tmp_path / "exercises" / "drafts").mkdir()
    (tmp_path / "exercises" / "README.md").write_text("notes\n", encoding="utf-8")
    found = load_exercises(tmp_path / "exercises")
    assert list(found) == ["alpha", "beta"]
    assert found["alpha"].limitation == "security" and found["alpha"].difficulty == 3


def test_load_exercises_of_a_missing_folder_is_empty(tmp_path):
    assert load_exercises(tmp_path / "nowhere") == {}


def test_load_exercises_names_the_broken_one(make_exercise, tmp_path):
    make_exercise("good")
    broken = make_exercise("broken")
    (broken / "brief.md").unlink()
    with pytest.raises(ContentError, match="broken/brief.md"):
        load_exercises(tmp_path / "exercises")
