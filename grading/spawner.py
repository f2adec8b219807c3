"""Every sandbox process is started from one long-lived thread per grading process.

bubblewrap's --die-with-parent is PR_SET_PDEATHSIG, which the kernel ties to the *thread* that
started the process, not to the process: a sandbox started from a grading thread (a page's run,
a worker's task, the pool's refill thread) was killed when that thread ended, which a warm
template or a prestarted sandbox outlives by design. Started from this thread, which lives as
long as the process, a sandbox still dies with the grader and only with it.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_Request = tuple[Callable[[], Any], list[Any], threading.Event]

_spawners: dict[int, queue.Queue[_Request]] = {}  # process id -> what waits for its spawner
_lock = threading.Lock()


def on_spawner_thread(start: Callable[[], T]) -> T:
    """Runs `start` (which starts a process) on this process's spawner thread; its result or
    its exception comes back here."""
    box: list[Any] = []
    done = threading.Event()
    _requests().put((start, box, done))
    done.wait()
    if isinstance(box[0], BaseException):
        raise box[0]
    result: T = box[0]
    return result


def _requests() -> queue.Queue[_Request]:
    with _lock:
        pending = _spawners.get(os.getpid())
        if pending is None:  # first use in this process (a forked child makes its own)
            pending = _spawners[os.getpid()] = queue.Queue()
            threading.Thread(
                target=_serve, args=(pending,), daemon=True, name="sandbox-spawner"
            ).start()
    return pending


def _serve(pending: queue.Queue[_Request]) -> None:
    while True:
        start, box, done = pending.get()
        try:
            box.append(start())
        except BaseException as exc:  # handed back to the caller, who raises it
            box.append(exc)
        finally:
            done.set()
