"""Past incidents from the on-call tracker (read-only project file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Incident:
    id: str  # "INC-2291"
    service: str
    summary: str  # what on-call wrote when they resolved it
