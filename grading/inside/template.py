"""The warm template: one per grading slot, living for many jobs, never running one itself.

It has imported and configured pytest (runner.preload) and holds no job data. For each job the
host sends three fresh pipe ends (the job's stdin, stdout and stderr) over a Unix socket; the
template forks a child that enters new namespaces (jobns) and whose own child, pid 1 of the new
pid namespace, becomes the job's runner exactly as in a one-shot sandbox. When that process
ends, its pid namespace dies whole; the template then tells the host the job is over. Nothing
of a job's files, processes or memory outlives it, so the next job starts from the same state.
Standard library only.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import socket
import sys
import traceback
from collections.abc import Callable

import jobns

PR_SET_DUMPABLE = 4
READY, UNSUPPORTED, DONE = b"ready", b"unsupported", b"done"
EXIT_SETUP_FAILED = 71  # the job's namespaces could not be made: it never ran


def serve(sock_fd: int, workdir: str, disk_bytes: int, run_job: Callable[[], None]) -> None:
    """Answers the host until it closes the socket. Never returns."""
    channel = socket.socket(fileno=sock_fd)
    try:
        jobns.new_session_keyring()  # not the host's: nothing a job adds there can be shared
        problem = _probe(workdir, disk_bytes)
    except OSError as exc:
        problem = str(exc)
    if problem:
        channel.sendall(UNSUPPORTED + b" " + problem.encode()[-500:])
        os._exit(0)
    _set_dumpable(False)  # nothing in the sandbox may trace the template or read its memory
    channel.sendall(READY)
    while True:
        message, fds, _, _ = socket.recv_fds(channel, 64, 3)
        if message != b"job" or len(fds) != 3:
            os._exit(0)  # the host closed the socket, or spoke out of turn
        status = _run(fds, workdir, disk_bytes, run_job)
        channel.sendall(DONE + b" " + str(status).encode())


def _probe(workdir: str, disk_bytes: int) -> str:
    """Whether this kernel lets a job enter its namespaces here: '' or what failed."""
    read_end, write_end = os.pipe()
    devnull = os.open(os.devnull, os.O_RDWR)
    status = _run([devnull, write_end, devnull], workdir, disk_bytes, lambda: os._exit(0))
    with os.fdopen(read_end, "rb") as errors:
        text = errors.read().decode("utf-8", "replace").strip()
    return "" if status == 0 else (text.splitlines() or ["setting up the namespaces failed"])[-1]


def _run(fds: list[int], workdir: str, disk_bytes: int, run_job: Callable[[], None]) -> int:
    """One job from fork to the end of its pid namespace; its exit code (0: the runner ended
    normally). The template's copies of `fds` are closed."""
    pid = os.fork()
    if pid == 0:
        _job_parent(fds, workdir, disk_bytes, run_job)
    for fd in set(fds):
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _job_parent(fds: list[int], workdir: str, disk_bytes: int, run_job: Callable[[], None]) -> None:
    """In the template's child: the job's pipes as 0, 1 and 2 and nothing else of the
    template's (no socket), new namespaces, then the job's pid 1. Never returns."""
    code = EXIT_SETUP_FAILED
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        _set_dumpable(True)  # /proc/self/uid_map of a non-dumpable process is not ours to write
        _oom_first()
        jobns.unshare_for_job()
        pid = os.fork()
        if pid == 0:
            _job_init(workdir, disk_bytes, run_job)
        for fd in (0, 1, 2):
            os.close(fd)  # the job's pipes close when the job's last process is gone
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
    except BaseException:
        traceback.print_exc(file=sys.stderr)
    finally:
        os._exit(code if code >= 0 else 128 - code)


def _job_init(workdir: str, disk_bytes: int, run_job: Callable[[], None]) -> None:
    try:
        jobns.set_up_job(workdir, disk_bytes)
        importlib.invalidate_caches()  # the work folder is a new file system now
        run_job()
    except BaseException:
        traceback.print_exc(file=sys.stderr)
    finally:
        os._exit(EXIT_SETUP_FAILED)


def _oom_first() -> None:
    """When the slot's memory runs out, the job's processes go before the template."""
    try:
        with open("/proc/self/oom_score_adj", "w", encoding="ascii") as handle:
            handle.write("1000")
    except OSError:
        pass  # the kernel then picks by size alone, and the job is usually the larger


def _set_dumpable(flag: bool) -> None:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, int(flag), 0, 0, 0)
