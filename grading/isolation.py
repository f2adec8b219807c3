"""Who bounds a sandbox's processes: a pids + memory cgroup when the grader runs as root (where
RLIMIT_NPROC is not enforced), else the uid it runs as, through RLIMIT_NPROC."""

from __future__ import annotations

import os
import shlex
import threading
from pathlib import Path

from config import current
from grading.cgroups import CgroupFactory, RunCgroup

NOBODY = 65534  # the uid a root grader drops to when no cgroup can bound processes

_probe_lock = threading.Lock()
_probed: list[CgroupFactory | None] = []  # filled once: [the factory, or None]


def cgroups() -> CgroupFactory | None:
    """The cgroup factory, probed once per process (None: not root, off, or not writable)."""
    with _probe_lock:
        if not _probed:
            _probed.append(CgroupFactory.detect() if current().cgroups else None)
    return _probed[0]


def sandbox_uid() -> int:
    """The uid the sandbox runs as on the host. As root without a cgroup to bound processes, drop
    to `nobody` so that RLIMIT_NPROC (ignored for root) contains a fork bomb."""
    if os.geteuid() == 0 and cgroups() is None:
        return NOBODY
    return os.geteuid()


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


def as_nobody(argv: list[str]) -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *argv]


def joining(cgroup: RunCgroup, argv: list[str]) -> list[str]:
    """Start through a shell that moves itself into the cgroup before exec'ing the sandbox,
    so every process of the run is born inside it (no preexec_fn: the app is threaded)."""
    joins = " && ".join(f"echo $$ > {shlex.quote(str(p))}" for p in cgroup.procs_files)
    return ["/bin/sh", "-c", f'{joins} && exec "$@"', "sh", *argv]
