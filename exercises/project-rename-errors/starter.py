"""Project service: rename a project (SAAS-230)."""

from __future__ import annotations

from dataclasses import replace

from projects import Project, ProjectStore

MAX_NAME_LENGTH = 60


def rename_project(store: ProjectStore, project_id: int, new_name: str) -> Project | None:
    """Rename a project. Names are trimmed, 1-60 characters, unique in the workspace."""
    project = store.get(project_id)
    if project is None:
        # Nothing to rename.
        return None

    name = new_name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"Project name must be 1-{MAX_NAME_LENGTH} characters")

    # Names are unique per workspace, ignoring case ("Roadmap" and "roadmap" clash).
    for other in store.list_for_workspace(project.workspace_id):
        if other.id != project.id and other.name.casefold() == name.casefold():
            raise ValueError(f"A project called {name!r} already exists")

    renamed = replace(project, name=name)
    store.save(renamed)
    return renamed
