"""The Practice list in AppTest: where the learner left off, and the filters."""

from __future__ import annotations

from learning.access import Actor
from learning.practice import Practice
from progress import ProgressStore
from tests.views.apptest_helpers import open_page

PAGE = "views/practice.py"


def _links(at) -> dict[str, str]:
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


def test_practice_offers_where_to_start_and_every_exercise(data_dir, course):
    at = open_page(PAGE)
    assert not at.exception, at.exception
    first = course.ordered_exercises()[0]
    assert "**Start here**" in [m.value for m in at.markdown]
    assert set(ex.title for ex in course.exercises.values()) <= set(_links(at))
    assert _links(at)[first.title] == f"exercise={first.slug}"


def test_practice_resumes_at_the_last_unsolved_exercise(data_dir, store: ProgressStore, course):
    second = course.ordered_exercises()[1]
    Practice(store, Actor(store.ensure_learner())).submit(second, second.starter)
    at = open_page(PAGE)
    assert "**Continue where you left off**" in [m.value for m in at.markdown]
    resume = at.get("page_link")[0].proto
    assert resume.label == second.title


def test_the_filters_narrow_the_list(data_dir, store: ProgressStore, course):
    first = course.ordered_exercises()[0]
    Practice(store, Actor(store.ensure_learner())).submit(first, first.reference)
    at = open_page(PAGE)
    status = next(box for box in at.selectbox if box.label == "Status")
    at = status.select("solved").run()
    listed = [link.proto.label for link in at.get("page_link")[1:]]  # after "Continue"
    assert listed == [first.title]
    assert f"1 of {len(course.exercises)} exercises" in [c.value for c in at.caption]
    limitation = next(box for box in at.selectbox if box.label == "Limitation")
    other = next(ex for ex in course.exercises.values() if ex.limitation != first.limitation)
    at = limitation.select(other.limitation).run()
    assert "0 of" in " ".join(c.value for c in at.caption)
