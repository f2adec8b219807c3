"""Hidden tests for project-rename-errors."""

import pytest

import api
import errors
from project_service import rename_project
from projects import Project, ProjectStore


def _store():
    return ProjectStore([
        Project(1, 10, "Roadmap"),
        Project(2, 10, "Hiring plan"),
        Project(3, 10, "Q3 launch"),
        Project(4, 20, "Budget"),
        Project(5, 20, "Office move"),
    ])


@pytest.mark.parametrize("project_id", [99, 0, 404, 6],
                         ids=["an id nobody has", "id zero", "another id nobody has", "the id just past the last project"])
def test_missing_project_answers_404(project_id):
    """Renaming a project that does not exist raises the project's NotFoundError, so the API
    answers 404 instead of 200 with an empty body that the web app shows as a success."""
    store = _store()
    with pytest.raises(errors.NotFoundError):
        rename_project(store, project_id, "Anything")
    status, body = api.call(rename_project, store, project_id, "Anything")
    assert status == 404, f"the API answered {status} {body}"
    assert body.get("error") == "not_found", f"the API answered {body}"
    assert store.saved == [], "something was saved for a missing project"


@pytest.mark.parametrize(
    "bad_name",
    ["", "    ", "\t\n", "x" * 61, "  " + "y" * 70 + "  "],
    ids=["an empty name", "only spaces", "only tabs and newlines", "one character too long", "too long even after trimming"],
)
def test_invalid_name_answers_422_on_the_name_field(bad_name):
    """An empty or too long name raises the project's ValidationError for the "name" field,
    so the API answers 422 and the form highlights the name box instead of a 500 that pages
    the on-call engineer."""
    store = _store()
    with pytest.raises(errors.ValidationError) as caught:
        rename_project(store, 2, bad_name)
    assert caught.value.field == "name", f"ValidationError.field was {caught.value.field!r}"
    status, body = api.call(rename_project, store, 2, bad_name)
    assert status == 422, f"the API answered {status} {body}"
    assert body.get("field") == "name", f"the API answered {body}"
    assert store.saved == [], "an invalid name was saved"


@pytest.mark.parametrize(
    "project_id, taken",
    [(2, "Roadmap"), (3, "roadmap"), (1, "  HIRING PLAN "), (2, "q3 Launch"), (4, "office MOVE")],
    ids=["the exact name of another project", "another project's name in lower case",
         "another project's name in capitals with spaces", "another project's name in mixed case",
         "a name taken in the second workspace"],
)
def test_duplicate_name_answers_409(project_id, taken):
    """A name already used in the same workspace (ignoring case and spaces) raises the
    project's ConflictError, so the API answers 409 with a message the user can act on."""
    store = _store()
    with pytest.raises(errors.ConflictError):
        rename_project(store, project_id, taken)
    status, body = api.call(rename_project, store, project_id, taken)
    assert status == 409, f"the API answered {status} {body}"
    assert body.get("error") == "conflict", f"the API answered {body}"
    assert body.get("message") not in (None, "", "Something went wrong"), f"the API answered {body}"
    assert store.saved == [], "a duplicate name was saved"


def test_rename_still_works():
    """A valid new name is trimmed, saved and returned as the Project, and the API answers
    200 with the renamed project: the feature itself must keep working."""
    store = _store()
    renamed = rename_project(store, 3, "  Q4 launch  ")
    assert type(renamed) is Project, f"rename_project returned {type(renamed).__name__}"
    assert (renamed.id, renamed.workspace_id, renamed.name) == (3, 10, "Q4 launch"), f"got {renamed}"
    assert store.get(3) == renamed and store.saved == [renamed], "the renamed project was not saved"
    status, body = api.call(rename_project, store, 4, "Budget 2026")
    assert status == 200, f"the API answered {status} {body}"
    assert body["data"] == {"id": 4, "workspace_id": 20, "name": "Budget 2026"}, f"the API answered {body}"


def test_edge_cases_that_are_allowed():
    """A 60-character name, a name used only in another workspace, and changing the case of
    a project's own name are all accepted."""
    store = _store()
    assert rename_project(store, 1, "z" * 60).name == "z" * 60
    assert rename_project(store, 2, "budget").name == "budget"
    assert rename_project(store, 5, "OFFICE MOVE").name == "OFFICE MOVE"
    assert len(store.saved) == 3, f"{len(store.saved)} projects were saved"
