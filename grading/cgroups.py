"""A pids + memory cgroup per sandbox run, for when the grader runs as root.

RLIMIT_NPROC is not enforced for root (not even inside bubblewrap's user namespace), so as root
a fork bomb is contained by a pids cgroup instead. Works with cgroup v2 and with the v1
controllers of hybrid hosts. Without root (or without a writable hierarchy) `detect()` returns
None and the sandbox relies on RLIMIT_NPROC, which is enforced for ordinary users.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
GROUP_NAME = "prodready"


@dataclass
class RunCgroup:
    dirs: list[Path]  # one per hierarchy (v2: one; v1: pids and memory)
    memory_events: Path | None

    @property
    def procs_files(self) -> list[Path]:
        return [d / "cgroup.procs" for d in self.dirs]

    def oom_killed(self) -> bool:
        if self.memory_events is None or not self.memory_events.exists():
            return False
        for line in self.memory_events.read_text().splitlines():
            key, _, value = line.partition(" ")
            if key in ("oom_kill", "under_oom") and value.strip() not in ("", "0"):
                return True
        return False

    def kill_all(self) -> None:
        """Returns once no process is left inside (or after half a second of trying)."""
        kill_file = self.dirs[0] / "cgroup.kill"
        for _ in range(50):
            pids = self._pids()
            if not pids:
                break
            if kill_file.exists():
                kill_file.write_text("1")
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        """The kernel may hold an emptied group briefly: retry for half a second."""
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)

    def _pids(self) -> list[int]:
        pids: set[int] = set()
        for procs in self.procs_files:
            try:
                pids.update(int(p) for p in procs.read_text().split())
            except FileNotFoundError:
                pass
        return sorted(pids)


class CgroupFactory:
    def __init__(self, parents: dict[str, Path], v2: bool):
        self.parents, self.v2 = parents, v2

    @classmethod
    def detect(cls) -> CgroupFactory | None:
        if os.geteuid() != 0:
            return None
        try:
            if (CGROUP_ROOT / "cgroup.controllers").exists():
                return cls._detect_v2()
            return cls._detect_v1()
        except OSError:
            return None

    @classmethod
    def _detect_v2(cls) -> CgroupFactory | None:
        if "pids" not in (CGROUP_ROOT / "cgroup.controllers").read_text().split():
            return None
        parent = CGROUP_ROOT / GROUP_NAME
        parent.mkdir(exist_ok=True)
        for where in (CGROUP_ROOT, parent):
            for controller in ("+pids", "+memory"):
                try:
                    (where / "cgroup.subtree_control").write_text(controller)
                except OSError:
                    pass
        if "pids" not in (parent / "cgroup.subtree_control").read_text().split():
            return None
        return cls({"unified": parent}, v2=True)

    @classmethod
    def _detect_v1(cls) -> CgroupFactory | None:
        if not (CGROUP_ROOT / "pids" / "pids.max").exists() and not (CGROUP_ROOT / "pids").is_dir():
            return None
        parents = {"pids": CGROUP_ROOT / "pids" / GROUP_NAME}
        if (CGROUP_ROOT / "memory").is_dir():
            parents["memory"] = CGROUP_ROOT / "memory" / GROUP_NAME
        for parent in parents.values():
            parent.mkdir(exist_ok=True)
        return cls(parents, v2=False)

    def create(self, max_pids: int, memory_bytes: int) -> RunCgroup:
        name = f"run-{uuid.uuid4().hex[:12]}"
        dirs = []
        for parent in self.parents.values():
            (parent / name).mkdir()
            dirs.append(parent / name)
        if self.v2:
            group = dirs[0]
            (group / "pids.max").write_text(str(max_pids))
            _try_write(group / "memory.max", str(memory_bytes))
            _try_write(group / "memory.swap.max", "0")
            return RunCgroup(dirs, group / "memory.events")
        (dirs[0] / "pids.max").write_text(str(max_pids))
        memory_events = None
        if len(dirs) > 1:
            _try_write(dirs[1] / "memory.limit_in_bytes", str(memory_bytes))
            memory_events = dirs[1] / "memory.oom_control"
        return RunCgroup(dirs, memory_events)


def _try_write(path: Path, value: str) -> None:
    try:
        path.write_text(value)
    except OSError:
        pass
