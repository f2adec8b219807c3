"""Warm templates on the host side: one bubblewrap sandbox per grading slot that serves many jobs.

Starting a sandbox costs a Python interpreter, the pytest imports and pytest's configuration
(~0.3 CPU-seconds here); a template pays that once. Each job still gets fresh namespaces of its
own inside it (grading/inside/jobns.py) and its own pipes, so one job's files, processes and
memory never reach the next. The host replaces a template that misbehaved (no "done" in time, a
job over its wall time), whose cgroup limits a job hit, or that has served JOBS_PER_TEMPLATE
jobs. Where the kernel refuses nested namespaces the template says so when it starts and the
pool goes back to one sandbox per job.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from grading import isolation
from grading.bwrap import bwrap_argv
from grading.lifecycle import Limits, Sandbox, SpawnKey, launch_env, spawn_key
from grading.spawner import on_spawner_thread

JOBS_PER_TEMPLATE = 100  # a template is replaced after this many jobs, all going well
START_TIMEOUT_S = 60.0  # a template's interpreter and pytest imports, on a loaded machine
DONE_TIMEOUT_S = 5.0  # from the end of a job's output to the template saying it is over


DONE = b"done"  # inside/template.py's word that a job's last process is gone, with its code


class NestingUnsupported(RuntimeError):
    """This kernel or configuration does not let a job enter namespaces inside a template."""


class TemplateFailed(RuntimeError):
    """A template died or did not answer in time: it is disposed of and the job runs elsewhere."""


@dataclass
class Template(Sandbox):
    """A started template (a Sandbox that lives for many jobs), with the socket to talk to it."""

    channel: socket.socket = field(default_factory=socket.socket)
    jobs: int = 0
    broken: bool = False  # set when the template must not be given another job

    def terminate(self) -> None:
        self.channel.close()
        super().terminate()

    def wait_ready(self) -> None:
        reply = self._receive(START_TIMEOUT_S)
        if reply.startswith(b"unsupported"):
            self.broken = True
            raise NestingUnsupported(reply.decode("utf-8", "replace"))
        if reply != b"ready":
            self.broken = True
            raise TemplateFailed(f"the template did not start: {reply[:200]!r}")

    def send_job(self) -> tuple[int, int, int]:
        """Hands the template the job's own pipes; returns the host's ends (stdin to write,
        stdout and stderr to read)."""
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            socket.send_fds(self.channel, [b"job"], [stdin_r, out_w, err_w])
        except OSError as exc:
            self.broken = True
            for fd in (stdin_w, out_r, err_r):
                os.close(fd)
            raise TemplateFailed(f"the template is gone: {exc}") from exc
        finally:
            for fd in (stdin_r, out_w, err_w):
                os.close(fd)
        self.jobs += 1
        return stdin_w, out_r, err_r

    def wait_done(self) -> None:
        """The template's word that the job's last process is gone."""
        try:
            reply = self._receive(DONE_TIMEOUT_S)
        except TemplateFailed:
            reply = b""
        # "done 0": the job's runner ended normally. Anything else (it was killed, its set-up
        # failed, no answer): this template is not trusted with another job.
        if reply != DONE + b" 0":
            self.broken = True

    def reusable(self) -> bool:
        return not self.broken and self.jobs < JOBS_PER_TEMPLATE and self.proc.poll() is None

    def _receive(self, timeout: float) -> bytes:
        self.channel.settimeout(timeout)
        try:
            reply = self.channel.recv(1024)
        except (TimeoutError, OSError) as exc:
            raise TemplateFailed(f"no answer from the template: {exc}") from exc
        if not reply:
            raise TemplateFailed("the template closed its socket")
        return reply


def start_template(limits: Limits) -> Template:
    """A template in its own cgroup (as root) or as the sandbox's uid, not yet ready."""
    factory = isolation.cgroups()
    cgroup = (
        factory.create(limits.processes, limits.memory_bytes + 2 * limits.disk_bytes)
        if factory
        else None
    )
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    argv = bwrap_argv(limits.disk_bytes, template_fd=theirs.fileno())
    if isolation.sandbox_uid() != os.geteuid():
        argv = isolation.as_nobody(argv)
    if cgroup:
        argv = isolation.joining(cgroup, argv)
    try:
        proc = on_spawner_thread(
            lambda: subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=launch_env(),
                cwd="/",
                start_new_session=True,
                pass_fds=[theirs.fileno()],
            )
        )
    finally:
        theirs.close()
    return Template(proc, cgroup, None, spawn_key("bwrap", limits), channel=ours)


class WarmTemplates:
    """The idle templates of one pool (at most one per slot: the pool's gate bounds how many
    are in use), and whether templates work here at all."""

    def __init__(self, enabled: bool, dispose: Callable[[Sandbox], None]):
        self.supported = enabled  # turned off for good once a template reports it cannot nest
        self.idle: list[Template] = []
        self.lock = threading.Lock()
        self.dispose = dispose  # ends every process now; the pool removes the cgroup later

    def take(self, limits: Limits) -> Template:
        """A ready template for `limits`. Raises NestingUnsupported or TemplateFailed."""
        key: SpawnKey = spawn_key("bwrap", limits)
        with self.lock:
            while self.idle:
                template = self.idle.pop()
                if template.spawn_key == key and template.reusable():
                    return template
                self.dispose(template)
        template = start_template(limits)
        try:
            template.wait_ready()
        except NestingUnsupported:
            self.supported = False
            self.dispose(template)
            raise
        except TemplateFailed:
            self.dispose(template)
            raise
        return template

    def give_back(self, template: Template, keep: bool) -> None:
        """Keeps a healthy template for the next job, or ends it (every process gone now)."""
        if keep and template.reusable():
            with self.lock:
                self.idle.append(template)
            return
        self.dispose(template)

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for template in idle:
            self.dispose(template)
