"""Starting sandboxes: the bubblewrap command line, the cgroup or uid that bounds processes,
and a pool of sandboxes started ahead of time. grading.sandbox runs jobs in them."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from config import current
from grading.cgroups import CgroupFactory, RunCgroup

INSIDE = Path(__file__).resolve().parent / "inside"
WORKDIR = "/home/learner"  # inside the sandbox
GRADER_DIR = "/opt/grader"  # inside the sandbox: runner.py and collector.py, read-only
NOBODY = 65534  # the uid a root grader drops to when no cgroup can bound processes


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 5.0
    cpu_seconds: int = 6
    memory_bytes: int = 512 << 20
    processes: int = 64
    open_files: int = 256
    file_bytes: int = 16 << 20
    disk_bytes: int = 64 << 20  # each of the work folder and /tmp


_CGROUPS: CgroupFactory | None = None
_CGROUPS_PROBED = False
_PROBE_LOCK = threading.Lock()


def cgroups() -> CgroupFactory | None:
    global _CGROUPS, _CGROUPS_PROBED
    with _PROBE_LOCK:
        if not _CGROUPS_PROBED:
            wanted = current().cgroups
            _CGROUPS, _CGROUPS_PROBED = (CgroupFactory.detect() if wanted else None), True
    return _CGROUPS


def sandbox_uid() -> int:
    """The uid the sandbox runs as on the host. As root without a cgroup to bound processes, drop
    to `nobody` so that RLIMIT_NPROC (ignored for root) contains a fork bomb."""
    if os.geteuid() == 0 and cgroups() is None:
        return NOBODY
    return os.geteuid()


@dataclass
class Sandbox:
    """One started sandbox, waiting for its job on stdin. Used once, then disposed of."""

    proc: subprocess.Popen
    cgroup: RunCgroup | None
    hostdir: str | None
    spawn_key: tuple

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


def spawn_key(mode: str, limits: Limits) -> tuple:
    """What is fixed when a sandbox starts; the rest of the limits travel with the job."""
    return (mode, limits.processes, limits.memory_bytes, limits.disk_bytes)


def spawn(mode: str, limits: Limits) -> Sandbox:
    factory = cgroups()
    cgroup = (
        factory.create(limits.processes, limits.memory_bytes + 2 * limits.disk_bytes)
        if factory
        else None
    )
    hostdir = None if mode == "bwrap" else tempfile.mkdtemp(prefix="prodready-")
    argv = bwrap_argv(limits) if hostdir is None else plain_argv(hostdir)
    if sandbox_uid() != os.geteuid():
        argv = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *argv]
        if hostdir:
            os.chown(hostdir, NOBODY, NOBODY)
    if cgroup:
        argv = joining(cgroup, argv)
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


class Pool:
    """Sandboxes started ahead of time, one per grading slot, so a submission does not wait for
    bubblewrap and the pytest imports (~150 ms). Each is still used for one run only: a fresh
    namespace, work folder and cgroup every time."""

    def __init__(self, size: int):
        self.size = size
        self.idle: list[Sandbox] = []
        self.lock = threading.Lock()
        self.enabled = current().prewarm

    def take(self, mode: str, limits: Limits) -> Sandbox | None:
        key = spawn_key(mode, limits)
        with self.lock:
            for sandbox in list(self.idle):
                self.idle.remove(sandbox)
                if sandbox.spawn_key == key and sandbox.proc.poll() is None:
                    return sandbox
                sandbox.dispose()
        return None

    def refill(self, mode: str, limits: Limits) -> None:
        if self.enabled:
            threading.Thread(target=self._add, args=(mode, limits), daemon=True).start()

    def _add(self, mode: str, limits: Limits) -> None:
        with self.lock:
            if not self.enabled or len(self.idle) >= self.size:
                return
            self.idle.append(spawn(mode, limits))

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for sandbox in idle:
            sandbox.dispose()


def nproc_limit(extra: int) -> int:
    """RLIMIT_NPROC counts all the processes of the sandbox's user: leave room for those."""
    uid, mine = str(sandbox_uid()), 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        uid_line = next((ln for ln in text.splitlines() if ln.startswith("Uid:")), "")
        mine += uid_line.split()[1:2] == [uid]
    return mine + extra


def python_paths() -> list[str]:
    """The interpreter and its libraries, wherever they live outside /usr."""
    paths = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    return sorted(p for p in paths if not p.startswith("/usr/") and p != "/usr")


def bwrap_argv(limits: Limits) -> list[str]:
    argv = [
        "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--hostname",
        "sandbox",
        "--clearenv",
        "--setenv",
        "PATH",
        "/usr/bin:/bin",
        "--setenv",
        "HOME",
        WORKDIR,
        "--setenv",
        "LANG",
        "C.UTF-8",
        "--setenv",
        "TMPDIR",
        "/tmp",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
        "--setenv",
        "PYTHONHASHSEED",
        "0",
        "--setenv",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD",
        "1",
    ]
    for path in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    argv += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    # The writable tmpfs folders first: a later mount covers an earlier one, and the Python
    # installation may itself live under /tmp (a clone there, a CI checkout).
    argv += ["--size", str(limits.disk_bytes), "--tmpfs", "/tmp"]
    argv += ["--size", str(limits.disk_bytes), "--tmpfs", WORKDIR]
    for path in python_paths():
        argv += ["--ro-bind", path, path]
    argv += [
        "--ro-bind",
        str(INSIDE),
        GRADER_DIR,
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--chdir",
        WORKDIR,
        sys.executable,
        "-I",
        "-u",
        f"{GRADER_DIR}/runner.py",
        WORKDIR,
    ]
    return argv


def plain_argv(workdir: str) -> list[str]:
    return [sys.executable, "-I", "-u", str(INSIDE / "runner.py"), workdir]


def joining(cgroup: RunCgroup, argv: list[str]) -> list[str]:
    """Start through a shell that moves itself into the cgroup before exec'ing the sandbox,
    so every process of the run is born inside it (no preexec_fn: the app is threaded)."""
    joins = " && ".join(f"echo $$ > {shlex.quote(str(p))}" for p in cgroup.procs_files)
    return ["/bin/sh", "-c", f'{joins} && exec "$@"', "sh", *argv]


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
