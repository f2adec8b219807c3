"""The same migrations and queries on a real, throwaway PostgreSQL server.

The test starts its own cluster (initdb + pg_ctl) and removes it afterwards. initdb refuses to run
as root, so as root the server runs as the unprivileged `nobody` user through runuser.
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
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from grading.report import Report, Status
from progress import FlawAnswer, ProgressStore, make_engine, upgrade
from progress.migrate import current_revision, downgrade

pytestmark = pytest.mark.postgres


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


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
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


@pytest.fixture
def pg_store(pg_url) -> Iterator[ProgressStore]:
    engine = make_engine(pg_url)
    downgrade(engine, "base")  # every test starts from an empty database
    upgrade(engine)
    yield ProgressStore(engine)
    engine.dispose()


def test_migrations_build_the_model_schema_on_postgres(pg_store: ProgressStore):
    assert current_revision(pg_store.engine) == "0001"
    with pg_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_progress_queries_work_on_postgres(pg_store: ProgressStore):
    me = pg_store.ensure_learner()
    assert pg_store.ensure_learner() == me
    pg_store.save_draft(me, "ex", "draft")
    pg_store.save_draft(me, "ex", "draft 2")
    assert pg_store.draft(me, "ex") == "draft 2"
    for score, solved in ((30, False), (100, True)):
        report = Report(
            "ex", Status.PASS if solved else Status.FAIL, solved, score, "", grader_version="t"
        )
        pg_store.record_attempt(me, f"code {score}", report)
    progress = pg_store.exercise_progress(me)["ex"]
    assert (progress.attempts, progress.best_score, progress.solved) == (2, 100, True)
    assert Report.from_dict(pg_store.last_attempt(me, "ex").report).score == 100
    pg_store.unlock_hint(me, "ex", 0)
    pg_store.unlock_hint(me, "ex", 0)
    assert pg_store.hint_counts(me) == {"ex": 1}
    answer = FlawAnswer(
        learner_id=me,
        exercise="ex",
        lines=[3, 4],
        limitation="security",
        lines_found=1,
        lines_expected=2,
        limitation_correct=True,
    )
    pg_store.save_flaw_answer(answer)
    assert pg_store.flaw_answer(me, "ex").lines == [3, 4]
