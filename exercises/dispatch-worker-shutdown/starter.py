"""Dispatch worker: prints courier labels for new parcels, several at a time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable

from parcel_queue import Job, JobQueue

log = logging.getLogger(__name__)


class DispatchWorker:
    def __init__(self, queue: JobQueue, print_label: Callable[[Job], Awaitable[None]]) -> None:
        self._queue = queue
        self._print_label = print_label

    def start(self, jobs: Iterable[Job]) -> None:
        """Start printing labels for `jobs` concurrently (called from inside the event loop)."""
        for job in jobs:
            asyncio.ensure_future(self._handle(job))

    async def _handle(self, job: Job) -> None:
        try:
            await self._print_label(job)
        except asyncio.CancelledError:
            # Shutting down: put the parcel back so another worker prints its label.
            await self._queue.requeue(job)
            raise
        await self._queue.ack(job)

    async def shutdown(self) -> int:
        """Cancel the jobs still running and wait until each is back on the queue.

        Called on SIGTERM during a deploy; returns how many jobs were handed back.
        """
        try:
            current = asyncio.Task.current_task()
            pending = [task for task in asyncio.Task.all_tasks() if task is not current]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            log.info("dispatch worker stopped, %d jobs handed back", len(pending))
            return len(pending)
        except Exception:
            # Never let a failed clean-up block the deploy.
            log.exception("error while shutting down the dispatch worker")
            return 0
