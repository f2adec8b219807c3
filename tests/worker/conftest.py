"""Real grading workers (`python -m worker` processes) on a real, throwaway PostgreSQL.

Each test gets its own database on the session's cluster (tests/conftest.py `pg_url`), migrated
like the app does it; workers are started as separate processes and killed for real.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from progress import ProgressStore, make_engine, upgrade
from worker.jobs import conninfo

ROOT = Path(__file__).resolve().parents[2]
HEARTBEAT_S = 1  # a killed worker is taken for dead after three silent beats
# Bounds on waiting for real processes on a loaded machine; never a timed assertion.
PATIENCE_S = 240


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[str]:
    """A fresh database with the app's schema; dropped afterwards."""
    name = f"w_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo(pg_url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{pg_url.rsplit('/', 1)[0]}/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with psycopg.connect(conninfo(pg_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_store(pg_db: str) -> Iterator[ProgressStore]:
    engine = make_engine(pg_db)
    yield ProgressStore(engine)
    engine.dispose()


class Worker:
    """One `python -m worker` process and its log."""

    def __init__(self, process: subprocess.Popen, log: Path):
        self.process, self.log = process, log

    def kill(self) -> None:
        """SIGKILL the worker itself, as a crash or an OOM kill would (its sandboxes die with
        it: bubblewrap runs them with --die-with-parent)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def start_worker(pg_db: str, tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def start(name: str, content: Path | None = None, slots: int = 1) -> Worker:
        log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": pg_db,
            "PRODREADY_WORKER_HEARTBEAT_S": str(HEARTBEAT_S),
            "PRODREADY_GRADING_SLOTS": str(slots),
            "PRODREADY_QUEUE_WAIT_S": "3600",
        }
        if content is not None:
            env["PRODREADY_CONTENT"] = str(content)
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "worker", "--name", name],
                cwd=ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(process, log)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for(condition: Callable[[], bool], what: str, workers: list[Worker] = ()) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            assert worker.process.poll() is None, f"a worker exited:\n{worker.text()[-3000:]}"
        time.sleep(0.2)
    logs = "\n".join(w.text()[-2000:] for w in workers)
    raise AssertionError(f"gave up waiting for {what}\n{logs}")


def registered_workers(url: str) -> list[int]:
    with psycopg.connect(conninfo(url)) as connection:
        rows = connection.execute("SELECT id FROM procrastinate_workers ORDER BY id").fetchall()
    return [row[0] for row in rows]


def jobs_of(url: str, worker_id: int, status: str) -> list[int]:
    with psycopg.connect(conninfo(url)) as connection:
        rows = connection.execute(
            "SELECT id FROM procrastinate_jobs WHERE worker_id = %s AND status = %s",
            (worker_id, status),
        ).fetchall()
    return [row[0] for row in rows]
