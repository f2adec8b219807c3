"""Every setting ProdReady reads from its environment, with its default and meaning, in one place.

Nothing else reads os.environ. `current()` parses the environment once per distinct set of values
(so a test's monkeypatch.setenv is seen, and a page rerun costs a dictionary look-up), and a bad
value is a SettingsError that names the variable and what it accepts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable holds a value ProdReady cannot use."""


@dataclass(frozen=True)
class Setting:
    """One environment variable: its field name, default (as written), meaning and parser."""

    field: str
    env: str
    default: str
    meaning: str
    parse: Callable[[str], Any]


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError("must be a whole number above 0")
    return value


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError("must be 0 or 1")
    return text == "1"


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return text

    return parse


def _database_url(text: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver spelled out.
    for prefix in ("postgres://", "postgresql://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def _text(text: str) -> str:
    return text


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "mode",
        "PRODREADY_MODE",
        "local",
        "`local`: one learner, no sign-in. `shared`: everyone signs in; roles learner, instructor, admin",
        _choice("local", "shared"),
    ),
    Setting(
        "session_hours",
        "PRODREADY_SESSION_HOURS",
        "336",
        "shared mode: how long a sign-in lasts before the person signs in again (336 h = 14 days)",
        _positive_int,
    ),
    Setting(
        "trust_proxy",
        "PRODREADY_TRUST_PROXY",
        "0",
        "`1` when a load balancer you run sits in front: the client address for sign-in rate "
        "limits is then the last `X-Forwarded-For` hop, the site's own host for form checks comes "
        "from `X-Forwarded-Host`, and cookies are `Secure` when `X-Forwarded-Proto` says https",
        _flag,
    ),
    Setting(
        "database_url",
        "DATABASE_URL",
        "",
        "empty: SQLite in `PRODREADY_DATA_DIR/prodready.db`; else any SQLAlchemy URL, e.g. "
        "`postgresql+psycopg://user@host/db` for a shared server",
        _database_url,
    ),
    Setting(
        "data_dir",
        "PRODREADY_DATA_DIR",
        "data",
        "where the SQLite file lives (relative to the project folder)",
        lambda text: Path(text) if Path(text).is_absolute() else PROJECT_ROOT / text,
    ),
    Setting(
        "db_busy_timeout_ms",
        "PRODREADY_DB_BUSY_TIMEOUT_MS",
        "5000",
        "how long a SQLite write waits for another writer before the learner is told to retry",
        _positive_int,
    ),
    Setting(
        "content_root",
        "PRODREADY_CONTENT",
        ".",
        "a folder holding `lessons/` and `exercises/` (relative to the project folder)",
        lambda text: Path(text) if Path(text).is_absolute() else PROJECT_ROOT / text,
    ),
    Setting(
        "grading_slots",
        "PRODREADY_GRADING_SLOTS",
        "",
        "sandboxes that may run at once (a burst queues); empty: the number of cores",
        lambda text: _positive_int(text) if text else (os.cpu_count() or 1),
    ),
    Setting(
        "executor",
        "PRODREADY_EXECUTOR",
        "embedded",
        "`embedded`: the app process grades submissions in its own sandboxes; `distributed`: it "
        "queues them in PostgreSQL (procrastinate) for `python -m worker` processes",
        _choice("embedded", "distributed"),
    ),
    Setting(
        "queue_wait_s",
        "PRODREADY_QUEUE_WAIT_S",
        "300",
        "seconds a submission may wait for a grading slot before it ends as not graded (its code "
        "is kept and it does not count)",
        _positive_int,
    ),
    Setting(
        "submit_wait_s",
        "PRODREADY_SUBMIT_WAIT_S",
        "3",
        "seconds Submit waits for the grade before the page shows the live queue status instead",
        _positive_int,
    ),
    Setting(
        "worker_heartbeat_s",
        "PRODREADY_WORKER_HEARTBEAT_S",
        "10",
        "distributed mode: seconds between a grading worker's heartbeats; a worker silent for three "
        "of them is taken for dead and its jobs go to another worker",
        _positive_int,
    ),
    Setting(
        "prewarm",
        "PRODREADY_PREWARM",
        "1",
        "`1` starts sandboxes ahead of submissions; `0` starts one only when a submission arrives",
        _flag,
    ),
    Setting(
        "sandbox",
        "PRODREADY_SANDBOX",
        "bwrap",
        "`bwrap` isolates learner code with bubblewrap (required unless told otherwise); "
        "`limits-only` grades with resource limits but no isolation, on a machine you trust",
        _choice("bwrap", "limits-only"),
    ),
    Setting(
        "cgroups",
        "PRODREADY_CGROUPS",
        "1",
        "`1` bounds each sandbox's processes and memory with a cgroup when running as root; "
        "`0` falls back to running the sandbox as `nobody`",
        _flag,
    ),
)


@dataclass(frozen=True)
class Settings:
    mode: str
    session_hours: int
    trust_proxy: bool
    database_url: str
    data_dir: Path
    db_busy_timeout_ms: int
    content_root: Path
    grading_slots: int
    executor: str
    queue_wait_s: int
    submit_wait_s: int
    worker_heartbeat_s: int
    prewarm: bool
    sandbox: str
    cgroups: bool

    @property
    def shared(self) -> bool:
        return self.mode == "shared"

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'prodready.db'}"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or self.sqlite_url


def load(environ: Mapping[str, str]) -> Settings:
    """Parse every setting from `environ`; the first bad value raises SettingsError."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env, "").strip() or setting.default
        try:
            values[setting.field] = setting.parse(raw)
        except ValueError as exc:
            raise SettingsError(
                f"{setting.env}={raw!r} is not usable: {exc}. It sets {setting.meaning}."
            ) from exc
    return Settings(**values)


@lru_cache(maxsize=8)
def _load_cached(snapshot: tuple[tuple[str, str], ...]) -> Settings:
    return load(dict(snapshot))


def current() -> Settings:
    """The settings of this process's environment as it is now."""
    snapshot = tuple((s.env, os.environ.get(s.env, "")) for s in SETTINGS)
    return _load_cached(snapshot)


def markdown_table() -> str:
    """The README's configuration table, made from SETTINGS (a test keeps the README in step)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        default = f"`{setting.default}`" if setting.default else "(empty)"
        rows.append(f"| `{setting.env}` | {default} | {setting.meaning} |")
    return "\n".join(rows)
