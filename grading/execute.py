"""Running one job in a started sandbox: the job goes in on stdin, the runner's records come
back on stdout (read with a deadline and a size cap) and become a RunResult."""

from __future__ import annotations

import json
import os
import selectors
import time
from dataclasses import dataclass, field
from typing import Any

from grading.bwrap import WORKDIR
from grading.inside import protocol
from grading.isolation import nproc_limit
from grading.lifecycle import Limits, Sandbox, kill_group
from grading.templates import Template

HOST_OUTPUT_CAP = 4 << 20  # bytes of runner output the grader will hold
HOST_GRACE_S = 3.0  # beyond the wall limit, how long the runner gets to report before it is killed


@dataclass(frozen=True)
class Job:
    """What the sandbox needs to run the tests against a submission."""

    module: str  # the submission is saved as <module>.py
    source: str
    tests: dict[str, str]  # test module name -> source (travels in memory, never on disk)
    test_codes: dict[str, dict[str, str]]  # test module -> test name -> code that must run
    context: dict[str, str] = field(default_factory=dict)  # read-only project files


@dataclass
class RunResult:
    """What one sandbox run reported, as typed records (grading.inside.protocol)."""

    records: list[protocol.Record] = field(default_factory=list)
    exit: protocol.Exit | None = None  # None: the runner never said how the run ended
    stderr: str = ""
    oom_killed: bool = False
    duration_ms: int = 0

    def results(self) -> list[protocol.Result]:
        return [r for r in self.records if isinstance(r, protocol.Result)]

    def collect_error(self) -> protocol.CollectError | None:
        return next((r for r in self.records if isinstance(r, protocol.CollectError)), None)

    def tampers(self) -> list[protocol.Tamper]:
        return [r for r in self.records if isinstance(r, protocol.Tamper)]

    def done(self) -> protocol.Done | None:
        return next((r for r in self.records if isinstance(r, protocol.Done)), None)

    def last_started(self) -> str:
        starts = [r.test for r in self.records if isinstance(r, protocol.Start)]
        return starts[-1] if starts else ""


def execute(sandbox: Sandbox, job: Job, limits: Limits) -> RunResult:
    """Runs `job` in `sandbox` (a one-shot sandbox is used up; a warm template serves the job
    in fresh namespaces of its own) and returns what it reported."""
    if isinstance(sandbox, Template):
        return _execute_in_template(sandbox, job, limits)
    return _execute_once(sandbox, job, limits)


def _execute_once(sandbox: Sandbox, job: Job, limits: Limits) -> RunResult:
    """The job on the one-shot sandbox's own stdin; its stdout and stderr until they close."""
    started = time.monotonic()
    proc = sandbox.proc
    stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr
    if stdin is None or stdout is None or stderr is None:
        raise RuntimeError("a sandbox is started with pipes for stdin, stdout and stderr")
    try:
        stdin.write(json.dumps(_payload(sandbox, job, limits)).encode())
        stdin.close()
    except BrokenPipeError:
        pass  # the runner died before reading its job: its exit says why
    out, err, timed_out = _read_bounded(stdout.fileno(), stderr.fileno(), limits.wall_seconds)
    if timed_out or proc.poll() is None:
        kill_group(proc)
    proc.wait()
    result = _result(out, err, timed_out)
    result.oom_killed = sandbox.cgroup is not None and sandbox.cgroup.oom_killed()
    result.duration_ms = int((time.monotonic() - started) * 1000)
    return result


def _execute_in_template(template: Template, job: Job, limits: Limits) -> RunResult:
    """The job through its own pipes; the template is marked broken (and will be replaced)
    when the job outlived its deadline or hit the template's memory or process limit."""
    started = time.monotonic()
    hits = template.cgroup.limit_hits() if template.cgroup else (0, 0)
    stdin, stdout, stderr = template.send_job()
    try:
        try:
            with os.fdopen(stdin, "wb") as pipe:
                stdin = -1
                pipe.write(json.dumps(_payload(template, job, limits)).encode())
        except BrokenPipeError:
            pass  # the job died before reading itself: its exit says why
        out, err, timed_out = _read_bounded(stdout, stderr, limits.wall_seconds)
    finally:
        for fd in (stdin, stdout, stderr):
            if fd >= 0:
                os.close(fd)
    if timed_out:
        template.broken = True  # its job is still running: only ending the template ends it
        template.terminate()
    else:
        template.wait_done()
    result = _result(out, err, timed_out)
    after = template.cgroup.limit_hits() if template.cgroup else hits
    if after != hits:  # the job hit the template's memory or process bound: replace it
        template.broken = True
        result.oom_killed = after[0] > hits[0]
    result.duration_ms = int((time.monotonic() - started) * 1000)
    return result


def _result(out: bytes, err: bytes, timed_out: bool) -> RunResult:
    """The records the runner sent, its stderr's tail, and a timeout when it never said how
    the run ended."""
    result = _parse(out)
    result.stderr = err.decode("utf-8", "replace")[-4000:]
    if timed_out and result.exit is None:
        result.exit = protocol.Exit(
            reason=protocol.ExitReason.TIMEOUT, running=result.last_started()
        )
    return result


def _payload(sandbox: Sandbox, job: Job, limits: Limits) -> dict[str, Any]:
    return {
        "module": job.module,
        "source": job.source,
        "tests": job.tests,
        "test_codes": job.test_codes,
        "context": job.context,
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


def _parse(stdout: bytes) -> RunResult:
    """The runner's records, one JSON object a line; what is not a record is skipped."""
    result = RunResult()
    for line in stdout.splitlines():
        try:
            record = protocol.decode(json.loads(line))
        except ValueError:
            continue
        if isinstance(record, protocol.Exit):
            result.exit = record
        elif record is not None:
            result.records.append(record)
    return result


def _read_bounded(out_fd: int, err_fd: int, wall_seconds: float) -> tuple[bytes, bytes, bool]:
    """Reads both pipes until they close, the deadline passes (the wall limit and a grace for
    the runner to report) or the cap is reached. The flag says whether the deadline passed."""
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    sizes = dict.fromkeys(chunks, 0)
    deadline = time.monotonic() + wall_seconds + HOST_GRACE_S
    timed_out = False
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map() and not timed_out:
            remaining = deadline - time.monotonic()
            timed_out = remaining <= 0
            for key, _ in [] if timed_out else selector.select(remaining):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fileobj)
                elif sizes[key.fd] < HOST_OUTPUT_CAP:
                    chunks[key.fd].append(data)
                    sizes[key.fd] += len(data)
    return b"".join(chunks[out_fd]), b"".join(chunks[err_fd]), timed_out
