"""A throwaway PostgreSQL cluster for benchmarks (initdb + pg_ctl, removed afterwards), the
same recipe as the tests' `pg_url` fixture. initdb refuses root: as root it runs as nobody."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(candidates[-1]).parent


@contextmanager
def throwaway_postgres(max_connections: int = 200) -> Iterator[str]:
    """Yields a postgresql+psycopg:// URL of a fresh database on a fresh cluster."""
    bin_dir = _bin_dir()
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    workdir = Path(tempfile.mkdtemp(prefix="prodready-bench-pg-"))
    if as_user:
        shutil.chown(workdir, "nobody")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, cwd=workdir)

    data = workdir / "data"
    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "app", "--auth=trust", "--no-sync")
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        f"-c max_connections={max_connections}"
    )
    run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(workdir / "log"),
        "-w",
        "start",
    )
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "app", "prodready")
        yield f"postgresql+psycopg://app@127.0.0.1:{port}/prodready"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(workdir, ignore_errors=True)
