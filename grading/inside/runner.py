"""The sandbox's first process: it never runs learner code, it supervises the process that does.

Reads the job (JSON) on stdin, writes the submission into the work folder, sets resource
limits, forks the test process and relays its records to the grader on stdout as JSON lines,
with the output each test printed (capped), ending with one "exit" record that says how the
test process ended. The test process gets neither this stdout nor this stdin, so what the
submission prints can never be taken for a result. Standard library only.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import secrets
import select
import signal
import sys
import time
from typing import Any

# `python -I` leaves the script's folder off sys.path; collector and protocol live there.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import protocol  # noqa: E402
from protocol import OUTPUT_KEEP, OUTPUT_LIMIT, ExitReason  # noqa: E402

MAX_RECORD = 64 * 1024  # a longer record line is not one of ours


def main() -> None:
    preload(sys.argv[1])
    job = json.loads(sys.stdin.buffer.read())
    set_limits(job["limits"])
    write_workdir(job)
    forbid_inspection()
    job["nonce"] = secrets.token_hex(16)
    Supervisor(job).run()


def preload(workdir: str) -> None:
    """Import pytest and prepare its configuration before the job arrives: a pooled sandbox
    waits ready, and the forked test process inherits it instead of paying ~130 ms per grade."""
    import collector

    collector.prepare(workdir)


def set_limits(limits: dict[str, int]) -> None:
    soft_hard = {
        resource.RLIMIT_AS: limits["memory_bytes"],
        resource.RLIMIT_CPU: limits["cpu_seconds"],
        resource.RLIMIT_FSIZE: limits["file_bytes"],
        resource.RLIMIT_NOFILE: limits["open_files"],
        resource.RLIMIT_CORE: 0,
    }
    if limits.get("processes"):
        soft_hard[resource.RLIMIT_NPROC] = limits["processes"]
    for which, value in soft_hard.items():
        resource.setrlimit(which, (value, value))


def write_workdir(job: dict[str, Any]) -> None:
    workdir = job["workdir"]
    files = {job["module"] + ".py": job["source"], **job.get("context", {})}
    # Placeholders: pytest collects these paths, the code itself comes from memory.
    files.update({name + ".py": "# Loaded from memory by the grader.\n" for name in job["tests"]})
    for name, text in files.items():
        with open(os.path.join(workdir, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    os.chdir(workdir)


def forbid_inspection() -> None:
    """Not dumpable: the test process cannot ptrace this one or read its memory."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):
        pass


class Supervisor:
    def __init__(self, job: dict[str, Any]):
        self.job = job
        self.marker = b"\x1e" + job["nonce"].encode()  # frames a record from the test process
        self.deadline = time.monotonic() + job["limits"]["wall_seconds"]
        self.in_namespace = job["in_namespace"]
        self.buffer = b""
        self.in_record = False
        self.output_total = 0
        self.current: str | None = None  # the test running now
        self.current_output: list[str] = []
        self.kept = 0
        self.finished = False  # the test process sent "done"
        self.stop_reason: ExitReason | None = None
        self.forwarded = 0
        self.child_pid = 0

    def send(self, record: protocol.Record) -> None:
        os.write(1, protocol.encode(record) + b"\n")

    def run(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            self.child(read_end, write_end)
        self.child_pid = pid
        os.close(write_end)
        status = self.supervise(pid, read_end)
        self.kill_everything(pid)
        self.send(status)
        os._exit(0)

    def child(self, read_end: int, write_end: int) -> None:
        try:
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(write_end, 1)  # our stdout (the grader's channel) is gone from this process
            os.dup2(write_end, 2)
            os.close(write_end)
            if not self.in_namespace:
                os.setpgid(0, 0)
            import collector

            collector.run(self.job, 1)
        finally:
            os._exit(70)

    def supervise(self, pid: int, fd: int) -> protocol.Exit:
        exit_status = None
        pipe_open = True
        while pipe_open and not self.stop_reason:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.stop_reason = ExitReason.TIMEOUT
                break
            wait = 0.0 if exit_status is not None else min(0.25, remaining)
            if select.select([fd], [], [], wait)[0]:
                pipe_open = self.consume(os.read(fd, 65536))
            elif exit_status is not None:
                break  # the test process is gone and nothing more is coming
            if exit_status is None:
                done_pid, status = os.waitpid(pid, os.WNOHANG)
                exit_status = status if done_pid else None
        if exit_status is None:
            self.kill_everything(pid)
            exit_status = os.waitpid(pid, 0)[1]
        return self.describe_exit(exit_status)

    def consume(self, chunk: bytes) -> bool:
        """Splits the stream into output (attributed to the running test) and framed records."""
        if not chunk:
            return False
        self.buffer += chunk
        while self.buffer and not self.stop_reason:
            if self.in_record:
                end = self.buffer.find(b"\n")
                if end < 0:
                    if len(self.buffer) > MAX_RECORD:
                        self.tamper("an oversized record")
                    break
                self.handle(self.buffer[:end])
                self.buffer, self.in_record = self.buffer[end + 1 :], False
                continue
            start = self.buffer.find(self.marker)
            if start < 0:  # keep a tail that may be the start of a marker split across reads
                keep = len(self.marker) - 1
                self.output(self.buffer[:-keep] if len(self.buffer) > keep else b"")
                self.buffer = self.buffer[-keep:] if len(self.buffer) > keep else self.buffer
                break
            self.output(self.buffer[:start])
            self.buffer, self.in_record = self.buffer[start + len(self.marker) :], True
        return True

    def output(self, data: bytes) -> None:
        if not data:
            return
        self.output_total += len(data)
        if self.output_total > OUTPUT_LIMIT:
            self.stop_reason = ExitReason.OUTPUT_LIMIT
        elif self.current is not None and self.kept < OUTPUT_KEEP:
            text = data.decode("utf-8", "replace")[: OUTPUT_KEEP - self.kept]
            self.current_output.append(text)
            self.kept += len(text)

    def handle(self, line: bytes) -> None:
        try:
            data = json.loads(line)
        except ValueError:
            return self.tamper("a malformed record")
        record = protocol.decode(data)
        if record is None or isinstance(record, protocol.Exit):
            return self.tamper("a malformed record")
        if data.get("pid") != self.child_pid:
            return None  # a process the submission forked is still running the tests: ignore it
        if isinstance(record, protocol.Start):
            self.current, self.current_output, self.kept = record.test, [], 0
        elif isinstance(record, protocol.Result):
            if record.test != self.current:
                return self.tamper("a result for a test that was not running")
            record.output = "".join(self.current_output)
            self.current = None
        elif isinstance(record, protocol.Done):
            self.finished = True
        self.forwarded += 1
        if self.forwarded <= 5000:
            self.send(record)
        return None

    def tamper(self, what: str) -> None:
        self.send(protocol.Tamper(where="runner", what=[what]))
        self.stop_reason = ExitReason.TAMPERING

    def kill_everything(self, pid: int) -> None:
        """Every process the submission started dies here, daemons included."""
        try:
            if self.in_namespace:
                os.kill(-1, signal.SIGKILL)  # in our own pid namespace: all but us and init
            else:
                os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def describe_exit(self, status: int) -> protocol.Exit:
        result = protocol.Exit(running=self.current or "", finished=self.finished)
        if self.stop_reason:
            result.reason = self.stop_reason
        elif os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            result.reason = ExitReason.CPU_TIME if sig == signal.SIGXCPU else ExitReason.SIGNAL
            result.signal = signal.Signals(sig).name
        elif not self.finished:
            result.reason = ExitReason.EARLY_EXIT
            result.exit_code = os.WEXITSTATUS(status)
        return result


if __name__ == "__main__":
    main()
