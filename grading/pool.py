"""Sandboxes for one process: a pool started ahead of time and the grading slots that bound how
many run at once. Each process owns its own SandboxPool (a grading worker makes one, the app uses
the default one); nothing is started at import time."""

from __future__ import annotations

import os
import threading

from config import current
from grading.execute import Job, RunResult, execute
from grading.lifecycle import Limits, Sandbox, sandbox_mode, spawn, spawn_key


class Prestarted:
    """Sandboxes started ahead of time, one per grading slot, so a submission does not wait for
    bubblewrap and the pytest imports (~150 ms). Each is still used for one run only: a fresh
    namespace, work folder and cgroup every time."""

    def __init__(self, size: int, enabled: bool):
        self.size, self.enabled = size, enabled
        self.idle: list[Sandbox] = []
        self.lock = threading.Lock()

    def take(self, mode: str, limits: Limits) -> Sandbox | None:
        key = spawn_key(mode, limits)
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
            self.idle.append(spawn(mode, limits))

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for sandbox in idle:
            sandbox.dispose()


class SandboxPool:
    """Runs jobs in sandboxes, never more at once than `slots` (a burst queues)."""

    def __init__(self, slots: int | None = None, prewarm: bool | None = None):
        settings = current()
        self.slots = slots or settings.grading_slots
        self._gate = threading.BoundedSemaphore(self.slots)
        self._prestarted = Prestarted(self.slots, settings.prewarm if prewarm is None else prewarm)
        self._cleaning: set[threading.Thread] = set()

    def run(self, job: Job, limits: Limits) -> RunResult:
        """Raises SandboxUnavailable when learner code cannot be run safely here."""
        mode = sandbox_mode()
        with self._gate:
            sandbox = self._prestarted.take(mode, limits) or spawn(mode, limits)
            self._prestarted.refill(mode, limits)
            try:
                return execute(sandbox, job, limits)
            finally:
                sandbox.terminate()
                # Removing the emptied cgroup can take the kernel a few retries: not worth a wait.
                self._clean_up_later(sandbox)

    def set_prewarm(self, enabled: bool) -> None:
        """One-shot callers (the `check` CLI) turn prestarting off: nothing would use it."""
        self._prestarted.enabled = enabled
        if not enabled:
            self._prestarted.close()

    def close(self) -> None:
        """No sandbox, cgroup or work folder of this pool outlives it."""
        self._prestarted.close()
        for thread in list(self._cleaning):
            thread.join(timeout=5)

    def _clean_up_later(self, sandbox: Sandbox) -> None:
        def work() -> None:
            try:
                sandbox.clean_up()
            finally:
                self._cleaning.discard(thread)

        thread = threading.Thread(target=work, daemon=True)
        self._cleaning.add(thread)
        thread.start()


_default: dict[int, SandboxPool] = {}  # process id -> its pool: a forked child makes its own
_default_lock = threading.Lock()


def default_pool() -> SandboxPool:
    """This process's pool, made on first use (and closed when the process exits)."""
    import atexit

    with _default_lock:
        pool = _default.get(os.getpid())
        if pool is None:
            pool = _default[os.getpid()] = SandboxPool()
            atexit.register(pool.close)
        return pool
