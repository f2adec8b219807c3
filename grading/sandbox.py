"""Runs tests against untrusted code inside bubblewrap, with resource limits on top.

The sandbox has its own user, pid, network, IPC and UTS namespaces (so no network and one kill
ends every process), a read-only view of the system and of the Python installation, tmpfs work
and /tmp folders of bounded size, none of the host's environment, and rlimits on memory, CPU
time, file size, open files and (for ordinary users) processes; as root a pids + memory cgroup
bounds the process count, which RLIMIT_NPROC cannot. The exercise folder, the reference fix
and the hidden test files are never mounted: tests travel in memory through stdin.

The pieces: grading.bwrap (the command line), grading.isolation (the cgroup or uid that bounds
processes), grading.lifecycle (one sandbox from start to clean-up), grading.execute (one job in
one sandbox), grading.pool (prestarted sandboxes and grading slots, one pool per process).
"""

from __future__ import annotations

from grading.execute import Job, RunResult
from grading.lifecycle import Limits, SandboxUnavailable, sandbox_mode
from grading.pool import SandboxPool, default_pool

__all__ = [
    "Job",
    "Limits",
    "RunResult",
    "SandboxPool",
    "SandboxUnavailable",
    "default_pool",
    "run_tests",
    "sandbox_mode",
    "set_prewarm",
]


def run_tests(job: Job, limits: Limits | None = None, pool: SandboxPool | None = None) -> RunResult:
    """Runs the job's tests against its submission in a fresh sandbox of `pool` (default: this
    process's). Raises SandboxUnavailable when learner code cannot be run safely here."""
    return (pool or default_pool()).run(job, limits or Limits())


def set_prewarm(enabled: bool) -> None:
    """Turn prestarting of this process's default pool on or off."""
    default_pool().set_prewarm(enabled)
