"""One sandbox's life: started (waiting for its job on stdin), used once, terminated (every
process gone), cleaned up (its cgroup and host folder removed)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass

from config import current
from grading import isolation
from grading.bwrap import WORKDIR, bwrap_argv, plain_argv
from grading.cgroups import RunCgroup

MODE_ENV = "PRODREADY_SANDBOX"  # "limits-only" allows running without bubblewrap


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing and limits-only mode was not explicitly allowed."""


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 5.0
    cpu_seconds: int = 6
    memory_bytes: int = 512 << 20
    processes: int = 64
    open_files: int = 256
    file_bytes: int = 16 << 20
    disk_bytes: int = 64 << 20  # each of the work folder and /tmp


def sandbox_mode() -> str:
    """'bwrap', or 'limits-only' when allowed by PRODREADY_SANDBOX; raises if neither is possible."""
    if shutil.which("bwrap"):
        return "bwrap"
    if current().sandbox == "limits-only":
        return "limits-only"
    raise SandboxUnavailable(
        "bubblewrap (bwrap) is not installed, so learner code cannot be run safely. Install it "
        "(Debian: apt-get install bubblewrap) or, on a machine you trust, set "
        f"{MODE_ENV}=limits-only to grade with resource limits but no isolation."
    )


SpawnKey = tuple[str, int, int, int]


def spawn_key(mode: str, limits: Limits) -> SpawnKey:
    """What is fixed when a sandbox starts; the rest of the limits travel with the job."""
    return (mode, limits.processes, limits.memory_bytes, limits.disk_bytes)


@dataclass
class Sandbox:
    """One started sandbox, waiting for its job on stdin. Used once, then disposed of."""

    proc: subprocess.Popen[bytes]
    cgroup: RunCgroup | None
    hostdir: str | None  # limits-only mode: the work folder on the host
    spawn_key: SpawnKey

    def terminate(self) -> None:
        """Every process of the run is gone when this returns."""
        if self.proc.poll() is None:
            kill_group(self.proc)
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream and not stream.closed:
                stream.close()
        if self.cgroup:
            self.cgroup.kill_all()

    def clean_up(self) -> None:
        """Removes what the run left on the host: its cgroup and (limits-only) work folder."""
        if self.cgroup:
            self.cgroup.remove()
        if self.hostdir:
            shutil.rmtree(self.hostdir, ignore_errors=True)

    def dispose(self) -> None:
        self.terminate()
        self.clean_up()


def spawn(mode: str, limits: Limits) -> Sandbox:
    factory = isolation.cgroups()
    cgroup = (
        factory.create(limits.processes, limits.memory_bytes + 2 * limits.disk_bytes)
        if factory
        else None
    )
    hostdir = None if mode == "bwrap" else tempfile.mkdtemp(prefix="prodready-")
    argv = bwrap_argv(limits.disk_bytes) if hostdir is None else plain_argv(hostdir)
    if isolation.sandbox_uid() != os.geteuid():
        argv = isolation.as_nobody(argv)
        if hostdir:
            os.chown(hostdir, isolation.NOBODY, isolation.NOBODY)
    if cgroup:
        argv = isolation.joining(cgroup, argv)
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "HOME": hostdir or WORKDIR,
    }
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=hostdir or "/",
        start_new_session=True,
    )
    return Sandbox(proc, cgroup, hostdir, spawn_key(mode, limits))


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
