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
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field

from config import current
from grading.launch import WORKDIR, Limits, Pool, Sandbox, kill_group, nproc_limit, spawn

HOST_OUTPUT_CAP = 4 << 20  # bytes of runner output the grader will hold
HOST_GRACE_S = 3.0  # beyond the wall limit, how long the runner gets to report before it is killed
MODE_ENV = "PRODREADY_SANDBOX"  # "limits-only" allows running without bubblewrap


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing and limits-only mode was not explicitly allowed."""


@dataclass
class RunResult:
    records: list[dict] = field(default_factory=list)
    exit: dict = field(default_factory=dict)
    stderr: str = ""
    oom_killed: bool = False
    duration_ms: int = 0


# A burst of submissions never forks more sandboxes than there are cores to run them.
_SLOTS = threading.BoundedSemaphore(current().grading_slots)


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


def run_tests(
    module: str,
    source: str,
    tests: dict[str, str],
    test_codes: dict[str, dict[str, str]],
    context: dict[str, str] | None = None,
    limits: Limits | None = None,
) -> RunResult:
    """Runs the test modules (name -> source) against `source` saved as `<module>.py`.
    `test_codes` names, per test module, the function each test must run ("TestX::test_y" ->
    "Base.test_y"): anything else pytest is made to call is tampering."""
    limits = limits or Limits()
    mode = sandbox_mode()
    with _SLOTS:
        sandbox = _POOL.take(mode, limits) or spawn(mode, limits)
        _POOL.refill(mode, limits)
        try:
            job = {"module": module, "source": source, "tests": tests, "test_codes": test_codes}
            return _execute(sandbox, job, context or {}, limits)
        finally:
            sandbox.terminate()
            # Removing the emptied cgroup can take the kernel a few retries: not worth a wait.
            _clean_up_later(sandbox)


_POOL = Pool(current().grading_slots)
_CLEANING_UP: set[threading.Thread] = set()


def _clean_up_later(sandbox: Sandbox) -> None:
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


def _execute(sandbox: Sandbox, files: dict, context, limits: Limits) -> RunResult:
    job = {
        **files,
        "context": context,
        "workdir": sandbox.hostdir or WORKDIR,
        "in_namespace": sandbox.hostdir is None,
        "limits": {
            "wall_seconds": limits.wall_seconds,
            "cpu_seconds": limits.cpu_seconds,
            "memory_bytes": limits.memory_bytes,
            "file_bytes": limits.file_bytes,
            "open_files": limits.open_files,
            "processes": 0 if sandbox.cgroup else nproc_limit(limits.processes),
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
        kill_group(proc)
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
