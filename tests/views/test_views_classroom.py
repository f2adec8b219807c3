"""The classroom pages in shared mode, tried by address: an instructor sees their own cohort's
dashboard, board and pacing view, and is refused another cohort's (by cohort, by assignment, by
learner, by attempt) without any of its data showing; learners never get the instructor pages;
a learner joins with a join link's code."""

from __future__ import annotations

from datetime import datetime

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from grading.report import Report, Status
from grading.report import TestResult as Outcome
from learning.access import Role
from learning.accounts import Accounts
from learning.classroom_assignments import Assignments
from learning.classroom_cohorts import Cohorts
from learning.classroom_late import Policy
from progress import ProgressStore, make_engine, upgrade
from tests.learning.classroom_people import People
from tests.views.apptest_helpers import APP, RUN_TIMEOUT, texts

PASSWORD = "correct horse battery"
DASHBOARD, BOARD, PACING = (
    "views/classroom_dashboard.py",
    "views/classroom_board.py",
    "views/classroom_pacing.py",
)
COHORTS, CLASSES, PROGRESS = "views/classroom_manage.py", "views/classes.py", "views/my_progress.py"


@pytest.fixture(autouse=True)
def shared(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    import learning.accounts

    monkeypatch.setenv("PRODREADY_MODE", "shared")
    monkeypatch.setattr(
        learning.accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def school(data_dir, course):
    """Two instructors with a cohort and an assignment each; ana in the first, ben in the
    second; both attempted the first two exercises (only the first is assigned to ana)."""
    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    store = ProgressStore(engine)
    accounts = Accounts(store)
    accounts.create_admin("admin@example.com", PASSWORD)
    admin = accounts.sign_in("admin@example.com", PASSWORD, "t").actor
    found: dict = {"store": store}
    for name, role in (
        ("mine", Role.INSTRUCTOR),
        ("theirs", Role.INSTRUCTOR),
        ("ana", Role.LEARNER),
        ("ben", Role.LEARNER),
    ):
        accounts.use_link(accounts.invite(admin, f"{name}@example.com", role), PASSWORD, name)
        found[name] = accounts.sign_in(f"{name}@example.com", PASSWORD, "t")
    slugs = [ex.slug for ex in course.ordered_exercises()[:2]]
    for teacher, learner, slug in (("mine", "ana", slugs[0]), ("theirs", "ben", slugs[1])):
        actor = found[teacher].actor
        cohort = Cohorts(store).create(actor, f"Cohort of {teacher}")
        found[f"{teacher}_cohort"] = cohort
        found[f"{teacher}_assignment"] = Assignments(store).save(
            actor,
            cohort.id,
            f"Work of {teacher}",
            [slug],
            datetime(2026, 12, 1),
            datetime(2026, 12, 8),
            Policy(),
            known=slugs,
        )
        Cohorts(store).join(found[learner].actor, cohort.join_code)
        for each in slugs:
            report = Report(
                each,
                Status.FAIL,
                False,
                40,
                "",
                tests=[Outcome("t", "failed", f"{learner}'s requirement on {each}")],
                grader_version="t",
            )
            store.record_attempt(
                found[learner].actor.learner_id, f"# {learner}'s code for {each}\n", report
            )
    found["slugs"] = slugs
    return found


def _open(script: str | None, token: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    at.session_state["session_token"] = token
    at.query_params.update(query)
    at.run()
    if script is not None:
        at.switch_page(script)
        at.query_params.update(query)
        at.run()
    return at


REFUSED = "You can only manage the cohorts you teach."
TABS = ["Matrix", "Per exercise", "Per learner", "Exports", "Regrade"]


def _my_dashboard(school, **query: str) -> AppTest:
    """The first instructor's dashboard on their own cohort and assignment."""
    return _open(
        DASHBOARD,
        school["mine"].token,
        cohort=str(school["mine_cohort"].id),
        assignment=str(school["mine_assignment"].id),
        **query,
    )


@pytest.mark.parametrize("tab", TABS)
def test_an_instructor_sees_their_own_dashboard(school, course, tab):
    at = _my_dashboard(school, tab=tab)
    assert not at.exception, at.exception
    shown = texts(at)
    assert at.title[0].value == "Class dashboard" and REFUSED not in shown
    assert "ben" not in shown and "$argon2" not in shown
    assert f"ana's code for {school['slugs'][1]}" not in shown  # not assigned: not shown
    if tab == "Per learner":  # her attempts on the assignment, with her code
        assert "ana's code" in shown
    if tab == "Per exercise":
        assert at.selectbox(key="exercise-detail").options == [course.exercises[school["slugs"][0]].title]
        assert at.metric[0].value == "0 / 1"  # her attempt did not solve it


def test_only_the_open_tab_is_drawn(school):
    """A refresh reads only what the open tab shows: the matrix is not read for another tab."""
    matrix = _my_dashboard(school)
    assert [df.value["Learner"].tolist() for df in matrix.dataframe] == [["ana"]]
    learner = _my_dashboard(school, tab="Per learner")
    assert not learner.dataframe and "ana's code" in texts(learner)
    linked = _my_dashboard(school, learner=str(school["ana"].actor.learner_id))
    assert "ana's code" in texts(linked)  # a link to a learner opens their tab


@pytest.mark.parametrize("page", [DASHBOARD, BOARD, PACING, COHORTS])
def test_an_instructor_cannot_open_another_cohort_by_address(school, page):
    other = school["theirs_cohort"]
    at = _open(page, school["mine"].token, cohort=str(other.id))
    shown = texts(at)
    assert REFUSED in shown, shown
    assert "ben" not in shown and other.join_code not in shown and "Cohort of theirs" not in shown


def test_an_instructor_cannot_open_another_cohorts_assignment_by_address(school):
    at = _open(
        DASHBOARD,
        school["mine"].token,
        cohort=str(school["mine_cohort"].id),
        assignment=str(school["theirs_assignment"].id),
    )
    shown = texts(at)
    assert REFUSED in shown and "ben" not in shown and "Work of theirs" not in shown


def test_an_instructor_cannot_open_a_learner_outside_their_cohorts(school):
    ben = school["ben"].actor
    at = _open(PROGRESS, school["mine"].token, learner=str(ben.learner_id))
    assert "You can only see your own work." in texts(at)
    attempt = school["store"].attempts(ben.learner_id)[0]
    at = _open(PROGRESS, school["mine"].token, learner=str(ben.learner_id), attempt=str(attempt.id))
    assert "ben's code" not in texts(at)


def test_an_instructor_opens_only_assigned_attempts_of_their_learner(school):
    ana = school["ana"].actor
    store, (assigned, other) = school["store"], school["slugs"]
    by_exercise = {a.exercise: a for a in store.attempts(ana.learner_id)}
    at = _open(
        PROGRESS,
        school["mine"].token,
        learner=str(ana.learner_id),
        attempt=str(by_exercise[other].id),
    )
    assert "no such attempt" in texts(at) and f"ana's code for {other}" not in texts(at)
    at = _open(
        PROGRESS,
        school["mine"].token,
        learner=str(ana.learner_id),
        attempt=str(by_exercise[assigned].id),
    )
    assert f"ana's code for {assigned}" in texts(at)
    at = _open(PROGRESS, school["mine"].token, learner=str(ana.learner_id))
    assert at.title[0].value == "Learner progress"


def test_an_export_click_does_not_rerun_the_dashboard(school):
    """A rerun gives each download button a new file id and drops the old one: a click that
    reran the page could ask for a file that is already gone (a download that never starts)."""
    at = _my_dashboard(school, tab="Exports")
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Grades (CSV)",
        "Roster (CSV)",
        "Attempt history (JSON Lines, gzip)",
    ]
    assert all(b.proto.ignore_rerun for b in buttons)


def test_a_large_class_is_shown_a_page_of_learners_at_a_time(school):
    """27 members at 25 a page: page 2 holds the last two (by name) and only their rows; the
    per-learner list still offers every member."""
    store, mine = school["store"], school["mine_cohort"]
    people = People(store)
    for n in range(26):
        Cohorts(store).join(people.make(f"zz-{n:02d}"), mine.join_code)
    at = _my_dashboard(school)
    at.selectbox(key="per-page").set_value(25).run()
    assert "Learners 1–25 of 27, by name." in texts(at)
    at.number_input(key="page").set_value(2).run()
    assert not at.exception, at.exception
    assert "Learners 26–27 of 27, by name." in texts(at)
    shown = at.dataframe[0].value
    assert sorted(shown["Learner"]) == ["zz-24", "zz-25"]
    again = _my_dashboard(school, **{"per-page": "25", "page": "2"})  # the address keeps it
    assert "Learners 26–27 of 27, by name." in texts(again)
    attempted = _my_dashboard(school, show="attempted")  # and the status filter
    assert set(attempted.dataframe[0].value["Status"]) == {"attempted"}
    learners = _my_dashboard(school, tab="Per learner")
    pick = next(box for box in learners.selectbox if box.label == "Learner")
    assert len(pick.options) == 27
    at.selectbox(key="per-page").set_value(100).run()  # now one page: no page box, all rows
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) == 27


@pytest.mark.parametrize("page", [DASHBOARD, BOARD, PACING, COHORTS])
def test_the_instructor_pages_are_not_there_for_a_learner(school, page):
    at = _open(None, school["ana"].token)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


def test_a_learner_joins_with_the_code_of_a_join_link(school):
    cohort = school["theirs_cohort"]
    at = _open(CLASSES, school["ana"].token, code=cohort.join_code)
    assert not at.exception, at.exception
    at.button[0].click().run()
    assert f"You joined {cohort.name}." in texts(at)
    assert "Work of theirs" in str([df.value for df in at.dataframe])


def _assign_mine(service: Assignments, school, title: str, due: datetime, **extra) -> None:
    """Another assignment of the first exercise in the first instructor's cohort."""
    service.save(
        school["mine"].actor,
        school["mine_cohort"].id,
        title,
        [school["slugs"][0]],
        datetime(2026, 12, 1),
        due,
        Policy(),
        known=school["slugs"],
        **extra,
    )


def test_a_learner_sees_what_is_due_on_the_exercise_page(school, course):
    slug = school["slugs"][0]
    lesson = course.lessons[0]
    _assign_mine(  # a second assignment of it, with a lesson to read first
        Assignments(school["store"]),
        school,
        "Read then fix",
        datetime(2026, 12, 9),
        lessons=[lesson.slug, "no-such-lesson"],
    )
    at = _open("views/exercise.py", school["ana"].token, exercise=slug)
    assert not at.exception, at.exception
    assert "Work of mine" in texts(at) and "Read then fix" in texts(at)
    assert [link.label for link in at.get("page_link") if "Read first" in link.label] == [
        f"Read first: {lesson.title}"  # an unknown lesson is left out
    ]


@pytest.mark.parametrize("page", [COHORTS, BOARD, PACING])
def test_an_instructors_own_cohort_pages_render(school, page):
    mine = school["mine_cohort"]
    at = _open(page, school["mine"].token, cohort=str(mine.id))
    assert not at.exception, at.exception
    assert REFUSED not in texts(at)
    if page == COHORTS:
        assert mine.join_code in texts(at) and "ana@example\\.com" in texts(at)


def test_the_reference_stays_hidden_until_the_deadline_when_asked(school, course):
    store, slug = school["store"], school["slugs"][0]
    exercise = course.exercises[slug]
    _assign_mine(Assignments(store), school, "Hidden", datetime(2099, 1, 1), hide_reference=True)
    store.record_attempt(
        school["ana"].actor.learner_id,
        exercise.reference,
        Report(slug, Status.PASS, True, 100, "", grader_version="t"),
    )
    at = _open("views/exercise.py", school["ana"].token, exercise=slug)
    assert "shows the reference fix after the due date" in texts(at)
    assert exercise.reference not in [c.value for c in at.code]


def test_after_the_deadline_the_reference_is_shown(school, course):
    from datetime import UTC

    store, slug = school["store"], school["slugs"][0]
    service = Assignments(store, clock=lambda: datetime(2099, 1, 2, tzinfo=UTC))
    _assign_mine(service, school, "Hidden", datetime(2099, 1, 1), hide_reference=True)
    assert not service.reference_hidden(school["ana"].actor, slug)
    assert Assignments(store).reference_hidden(school["ana"].actor, slug)
    assert not Assignments(store).reference_hidden(school["ben"].actor, slug)  # not his cohort


def test_a_regrade_that_took_a_solve_away_is_shown_to_the_learner_only(school):
    from progress.classroom_regrade import RegradeRepository

    store, slug = school["store"], school["slugs"][0]
    ana = school["ana"].actor
    solved = store.record_attempt(
        ana.learner_id,
        "# solved once\n",
        Report(slug, Status.PASS, True, 100, "", grader_version="t"),
    )
    runs = RegradeRepository(store.engine)
    run = runs.start_run(school["mine_cohort"].id, slug, "new", 1, school["mine"].actor.learner_id)
    runs.apply(
        run.id,
        solved.id,
        {"report": {}, "status": "fail", "score": 60, "solved": False, "grader_version": "new"},
        "new",
    )
    at = _open(CLASSES, school["ana"].token)
    assert "no longer solves" in texts(at) and "100 → 60" in texts(at)
    at = _open(CLASSES, school["ben"].token)
    assert "no longer solves" not in texts(at)


def test_names_people_type_are_shown_literally(school):
    from views.widgets.classroom import plain

    assert plain("[win](http://evil.example) ![x](http://t.example/p.png)") == (
        "\\[win\\]\\(http\\://evil\\.example\\) \\!\\[x\\]\\(http\\://t\\.example/p\\.png\\)"
    )
    assert plain(":red[alarm] $x$") == "\\:red\\[alarm\\] \\$x\\$"
    store, cohort = school["store"], school["mine_cohort"]
    store.rename_learner(school["ana"].actor.learner_id, "[win](http://evil.example)")
    at = _open(COHORTS, school["mine"].token, cohort=str(cohort.id))
    assert "\\[win\\]\\(http" in texts(at) and "[win](http" not in texts(at)
