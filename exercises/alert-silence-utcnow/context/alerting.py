"""Silences as the alerting API stores them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Silence:
    alert: str
    created_by: str
    ends_at: int  # Unix time in seconds (UTC by definition), as the alerting API expects
