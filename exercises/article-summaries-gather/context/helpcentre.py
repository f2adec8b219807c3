"""Help-centre articles as the knowledge-base service stores them (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
