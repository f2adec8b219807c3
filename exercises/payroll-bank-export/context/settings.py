"""The payroll service's configuration: one validated object, loaded once at start-up.

Production loads it from payroll.toml plus the secrets store (see deploy/). Code never reads
os.environ for configuration: it calls get_settings() when it needs a value, so that tests
and the staging environment can swap the whole configuration with configure().
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    export_dir: Path  # bank files go here: an encrypted volume only the payroll user can read
    company_name: str
    company_iban: str  # the account salaries are paid from
    currency: str = "EUR"


_current: Settings | None = None


def configure(settings: Settings) -> None:
    """Install the settings (done once by the app at start-up, and by tests)."""
    global _current
    _current = settings


def get_settings() -> Settings:
    """The current settings. Call it where you need a value, not at import time."""
    if _current is None:
        raise RuntimeError("settings are not configured: the app calls settings.configure() at start-up")
    return _current
