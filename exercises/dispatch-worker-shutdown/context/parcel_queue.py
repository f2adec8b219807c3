"""The dispatch queue the label workers take parcels from (read-only project file).

A job is delivered to one worker at a time. The worker must end every job it took with exactly
one of:

- `await queue.ack(job)` — the label was printed, the job is done;
- `await queue.requeue(job)` — the label was not printed, put the job back at once so another
  worker prints it.

A job that is neither acked nor requeued stays invisible for the queue's visibility timeout
(30 minutes) before another worker can see it: a parcel that misses the courier's collection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Job:
    parcel_id: str
    courier: str


class JobQueue(Protocol):
    async def ack(self, job: Job) -> None: ...
    async def requeue(self, job: Job) -> None: ...
