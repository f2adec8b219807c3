"""Projects and their store (the real one is backed by PostgreSQL; this one by a dict)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Project:
    id: int
    workspace_id: int
    name: str


class ProjectStore:
    def __init__(self, projects: list[Project] | None = None) -> None:
        self._projects = {p.id: p for p in projects or []}
        self.saved: list[Project] = []

    def get(self, project_id: int) -> Project | None:
        return self._projects.get(project_id)

    def list_for_workspace(self, workspace_id: int) -> list[Project]:
        return [p for p in self._projects.values() if p.workspace_id == workspace_id]

    def save(self, project: Project) -> None:
        self._projects[project.id] = project
        self.saved.append(project)
