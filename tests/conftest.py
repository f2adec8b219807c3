"""Shared fixtures: the real course, the real grader, a throwaway database per test.

Tests pick their exercise from the loaded course (the first in course order) and use its
reference as the correct fix and its starter as the wrong one, so they hold whatever exercises
the course ships.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from course import Course, Exercise, load_course
from progress import ProgressStore, make_engine, upgrade


@pytest.fixture(scope="session")
def course() -> Course:
    loaded = load_course()
    assert loaded.exercises, "the course has no exercises to test the pages with"
    return loaded


@pytest.fixture(scope="session")
def exercise(course: Course) -> Exercise:
    return course.ordered_exercises()[0]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own SQLite file, and no cached engine or course from another test."""
    monkeypatch.setenv("PRODREADY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PRODREADY_DB_BUSY_TIMEOUT_MS", "200")
    # Submit waits for the embedded grader's result, however loaded the test machine is.
    monkeypatch.setenv("PRODREADY_SUBMIT_WAIT_S", "60")
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    return ProgressStore(engine)


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:  # often a symlink in /usr/local/bin next to only some of the tools
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl), removed afterwards. initdb refuses to run
    as root, so as root the server runs as the unprivileged `nobody` user through runuser."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    workdir = Path(tempfile.mkdtemp(prefix="prodready-pg-"))
    data = workdir / "data"
    if as_user:
        shutil.chown(workdir, "nobody")
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run(
            [*as_user, *args], capture_output=True, text=True, timeout=120, cwd=workdir
        )
        assert done.returncode == 0, f"{args[0]} failed: {done.stderr or done.stdout}"

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "app", "--auth=trust", "--no-sync")
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(workdir / "server.log")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "app", "prodready")
        yield f"postgresql+psycopg://app@127.0.0.1:{port}/prodready"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(workdir, ignore_errors=True)
