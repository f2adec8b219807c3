"""The bubblewrap command line that starts the sandbox's runner (and its limits-only twin)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

INSIDE = Path(__file__).resolve().parent / "inside"
WORKDIR = "/home/learner"  # inside the sandbox
GRADER_DIR = "/opt/grader"  # inside the sandbox: runner.py, collector.py, protocol.py, read-only

# The sandbox's whole environment: nothing of the host's comes in.
SANDBOX_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": WORKDIR,
    "LANG": "C.UTF-8",
    "TMPDIR": "/tmp",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
}


def python_paths() -> list[str]:
    """The interpreter and its libraries, wherever they live outside /usr."""
    paths = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    return sorted(p for p in paths if not p.startswith("/usr/") and p != "/usr")


def bwrap_argv(disk_bytes: int) -> list[str]:
    """Own user, pid, network, IPC and UTS namespaces; a read-only system; tmpfs work and /tmp
    folders of `disk_bytes` each; the runner as its first process."""
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    argv += ["--uid", "65534", "--gid", "65534", "--hostname", "sandbox", "--clearenv"]
    for name, value in SANDBOX_ENV.items():
        argv += ["--setenv", name, value]
    for path in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    argv += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    # The writable tmpfs folders first: a later mount covers an earlier one, and the Python
    # installation may itself live under /tmp (a clone there, a CI checkout).
    argv += ["--size", str(disk_bytes), "--tmpfs", "/tmp"]
    argv += ["--size", str(disk_bytes), "--tmpfs", WORKDIR]
    for path in python_paths():
        argv += ["--ro-bind", path, path]
    argv += ["--ro-bind", str(INSIDE), GRADER_DIR, "--proc", "/proc", "--dev", "/dev"]
    argv += ["--chdir", WORKDIR, sys.executable, "-I", "-u", f"{GRADER_DIR}/runner.py", WORKDIR]
    return argv


def plain_argv(workdir: str) -> list[str]:
    """limits-only mode: the runner without namespaces, in a host folder."""
    return [sys.executable, "-I", "-u", str(INSIDE / "runner.py"), workdir]
