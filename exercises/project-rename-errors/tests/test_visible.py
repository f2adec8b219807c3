"""Visible tests for project-rename-errors: run them with Check."""

import api
from project_service import rename_project
from projects import Project, ProjectStore


def test_rename_through_the_api():
    """Renaming an existing project answers 200 with the new name."""
    store = ProjectStore([Project(1, 10, "Roadmap")])
    status, body = api.call(rename_project, store, 1, "Roadmap 2026")
    assert status == 200, f"the API answered {status} {body}"
    assert body["data"]["name"] == "Roadmap 2026", f"the API answered {body}"


def test_missing_project_through_the_api():
    """Renaming a project that does not exist answers 404."""
    store = ProjectStore([Project(1, 10, "Roadmap")])
    status, body = api.call(rename_project, store, 2, "Anything")
    assert status == 404, f"the API answered {status} {body}"
