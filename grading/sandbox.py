"""Runs tests against untrusted code inside bubblewrap, with resource limits on top.

The sandbox has its own user, pid, network, IPC and UTS namespaces (so no network and one kill
ends every process), a read-only view of the system and of the Python installation, tmpfs work
and /tmp folders of bounded size, none of the host's environment, and rlimits on memory, CPU
time, file size, open files and (for ordinary users) processes; as root a pids + memory cgroup
bounds the process count, which RLIMIT_NPROC cannot. The exercise folder, the reference fix
and the hidden test files are never mounted: tests travel in memory through stdin.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from grading.cgroups import CgroupFactory, RunCgroup

INSIDE = Path(__file__).resolve().parent / "inside"
WORKDIR = "/home/learner"  # inside the sandbox
GRADER_DIR = "/opt/grader"  # inside the sandbox: runner.py and collector.py, read-only
HOST_OUTPUT_CAP = 4 << 20  # bytes of runner output the grader will hold
HOST_GRACE_S = 3.0  # beyond the wall limit, how long the runner gets to report before it is killed
MODE_ENV = "PRODREADY_SANDBOX"
NOBODY = 65534  # "limits-only" allows running without bubblewrap


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


@dataclass
class RunResult:
    records: list[dict] = field(default_factory=list)
    exit: dict = field(default_factory=dict)
    stderr: str = ""
    oom_killed: bool = False
    duration_ms: int = 0


def _slots() -> int:
    configured = os.environ.get("PRODREADY_GRADING_SLOTS", "")
    return (
        int(configured) if configured.isdigit() and int(configured) > 0 else (os.cpu_count() or 1)
    )


# A burst of submissions never forks more sandboxes than there are cores to run them.
_SLOTS = threading.BoundedSemaphore(_slots())
_CGROUPS: CgroupFactory | None = None
_CGROUPS_PROBED = False
_PROBE_LOCK = threading.Lock()


def sandbox_mode() -> str:
    """'bwrap', or 'limits-only' when allowed by PRODREADY_SANDBOX; raises if neither is possible."""
    if shutil.which("bwrap"):
        return "bwrap"
    if os.environ.get(MODE_ENV) == "limits-only":
        return "limits-only"
    raise SandboxUnavailable(
        "bubblewrap (bwrap) is not installed, so learner code cannot be run safely. Install it "
        "(Debian: apt-get install bubblewrap) or, on a machine you trust, set "
        f"{MODE_ENV}=limits-only to grade with resource limits but no isolation."
    )


def _cgroups() -> CgroupFactory | None:
    global _CGROUPS, _CGROUPS_PROBED
    with _PROBE_LOCK:
        if not _CGROUPS_PROBED:
            wanted = os.environ.get("PRODREADY_CGROUPS", "1") != "0"
            _CGROUPS, _CGROUPS_PROBED = (CgroupFactory.detect() if wanted else None), True
    return _CGROUPS


def _sandbox_uid() -> int:
    """The uid the sandbox runs as on the host. As root without a cgroup to bound processes, drop
    to `nobody` so that RLIMIT_NPROC (ignored for root) contains a fork bomb."""
    if os.geteuid() == 0 and _cgroups() is None:
        return NOBODY
    return os.geteuid()


def run_tests(
    module: str,
    source: str,
    tests: dict[str, str],
    context: dict[str, str] | None = None,
    limits: Limits = Limits(),
) -> RunResult:
    """Runs the test modules (name -> source) against `source` saved as `<module>.py`."""
    mode = sandbox_mode()
    with _SLOTS:
        sandbox = _POOL.take(mode, limits) or _spawn(mode, limits)
        _POOL.refill(mode, limits)
        try:
            return _execute(sandbox, module, source, tests, context or {}, limits)
        finally:
            sandbox.terminate()
            # Removing the emptied cgroup can take the kernel a few retries: not worth a wait.
            _clean_up_later(sandbox)


@dataclass
class _Sandbox:
    """One started sandbox, waiting for its job on stdin. Used once, then disposed of."""

    proc: subprocess.Popen
    cgroup: RunCgroup | None
    hostdir: str | None
    spawn_key: tuple

    def terminate(self) -> None:
        """Every process of the run is gone when this returns."""
        if self.proc.poll() is None:
            _kill_group(self.proc)
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


def _spawn_key(mode: str, limits: Limits) -> tuple:
    """What is fixed when a sandbox starts; the rest of the limits travel with the job."""
    return (mode, limits.processes, limits.memory_bytes, limits.disk_bytes)


def _spawn(mode: str, limits: Limits) -> _Sandbox:
    factory = _cgroups()
    cgroup = (
        factory.create(limits.processes, limits.memory_bytes + 2 * limits.disk_bytes)
        if factory
        else None
    )
    hostdir = None if mode == "bwrap" else tempfile.mkdtemp(prefix="prodready-")
    argv = _bwrap_argv(limits) if hostdir is None else _plain_argv(hostdir)
    if _sandbox_uid() != os.geteuid():
        argv = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *argv]
        if hostdir:
            os.chown(hostdir, NOBODY, NOBODY)
    if cgroup:
        argv = _joining(cgroup, argv)
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
    return _Sandbox(proc, cgroup, hostdir, _spawn_key(mode, limits))


class _Pool:
    """Sandboxes started ahead of time, one per grading slot, so a submission does not wait for
    bubblewrap and the pytest imports (~150 ms). Each is still used for one run only: a fresh
    namespace, work folder and cgroup every time."""

    def __init__(self, size: int):
        self.size = size
        self.idle: list[_Sandbox] = []
        self.lock = threading.Lock()
        self.enabled = os.environ.get("PRODREADY_PREWARM", "1") != "0"

    def take(self, mode: str, limits: Limits) -> _Sandbox | None:
        key = _spawn_key(mode, limits)
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
            self.idle.append(_spawn(mode, limits))

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for sandbox in idle:
            sandbox.dispose()


_POOL = _Pool(_slots())
_CLEANING_UP: set[threading.Thread] = set()


def _clean_up_later(sandbox: _Sandbox) -> None:
    def work() -> None:
        try:
            sandbox.clean_up()
        finally:
            _CLEANING_UP.discard(thread)

    thread = threading.Thread(target=work, daemon=True)
    _CLEANING_UP.add(thread)
    thread.start()


@atexit.register
def _shutdown() -> None:
    """No sandbox, cgroup or work folder outlives the grader."""
    _POOL.close()
    for thread in list(_CLEANING_UP):
        thread.join(timeout=5)


def set_prewarm(enabled: bool) -> None:
    """One-shot callers (the `check` CLI) turn the pool off: nothing would use what it starts."""
    _POOL.enabled = enabled
    if not enabled:
        _POOL.close()


def _nproc_limit(extra: int) -> int:
    """RLIMIT_NPROC counts all the processes of the sandbox's user: leave room for those."""
    uid, mine = str(_sandbox_uid()), 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        uid_line = next((ln for ln in text.splitlines() if ln.startswith("Uid:")), "")
        mine += uid_line.split()[1:2] == [uid]
    return mine + extra


def _python_paths() -> list[str]:
    """The interpreter and its libraries, wherever they live outside /usr."""
    paths = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    return sorted(p for p in paths if not p.startswith("/usr/") and p != "/usr")


def _bwrap_argv(limits: Limits) -> list[str]:
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
    for path in _python_paths():
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


def _plain_argv(workdir: str) -> list[str]:
    return [sys.executable, "-I", "-u", str(INSIDE / "runner.py"), workdir]


def _joining(cgroup: RunCgroup, argv: list[str]) -> list[str]:
    """Start through a shell that moves itself into the cgroup before exec'ing the sandbox,
    so every process of the run is born inside it (no preexec_fn: the app is threaded)."""
    joins = " && ".join(f"echo $$ > {shlex.quote(str(p))}" for p in cgroup.procs_files)
    return ["/bin/sh", "-c", f'{joins} && exec "$@"', "sh", *argv]


def _execute(sandbox: _Sandbox, module, source, tests, context, limits: Limits) -> RunResult:
    job = {
        "module": module,
        "source": source,
        "tests": tests,
        "context": context,
        "workdir": sandbox.hostdir or WORKDIR,
        "in_namespace": sandbox.hostdir is None,
        "limits": {
            "wall_seconds": limits.wall_seconds,
            "cpu_seconds": limits.cpu_seconds,
            "memory_bytes": limits.memory_bytes,
            "file_bytes": limits.file_bytes,
            "open_files": limits.open_files,
            "processes": 0 if sandbox.cgroup else _nproc_limit(limits.processes),
        },
    }
    started = time.monotonic()
    proc = sandbox.proc
    try:
        proc.stdin.write(json.dumps(job).encode())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    stdout, stderr, timed_out = _read_bounded(proc, limits.wall_seconds + HOST_GRACE_S)
    if timed_out or proc.poll() is None:
        _kill_group(proc)
    proc.wait()
    result = RunResult(stderr=stderr.decode("utf-8", "replace")[-4000:])
    for line in stdout.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "exit":
            result.exit = record
        else:
            result.records.append(record)
    if timed_out and not result.exit:
        running = next(
            (r["test"] for r in reversed(result.records) if r.get("event") == "start"), None
        )
        result.exit = {"event": "exit", "reason": "timeout", "running": running, "finished": False}
    result.oom_killed = bool(sandbox.cgroup) and sandbox.cgroup.oom_killed()
    result.duration_ms = int((time.monotonic() - started) * 1000)
    return result


def _read_bounded(proc: subprocess.Popen, timeout: float) -> tuple[bytes, bytes, bool]:
    """Reads both pipes until they close, the deadline passes or the cap is reached."""
    chunks: dict[int, list[bytes]] = {proc.stdout.fileno(): [], proc.stderr.fileno(): []}
    sizes = dict.fromkeys(chunks, 0)
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for stream in (proc.stdout, proc.stderr):
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return (
                    b"".join(chunks[proc.stdout.fileno()]),
                    b"".join(chunks[proc.stderr.fileno()]),
                    True,
                )
            for key, _ in selector.select(remaining):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                if sizes[key.fd] < HOST_OUTPUT_CAP:
                    chunks[key.fd].append(data)
                    sizes[key.fd] += len(data)
    return b"".join(chunks[proc.stdout.fileno()]), b"".join(chunks[proc.stderr.fileno()]), False


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
