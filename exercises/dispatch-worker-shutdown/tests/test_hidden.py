import asyncio

import pytest

from dispatch_worker import DispatchWorker
from parcel_queue import Job


class FakeQueue:
    def __init__(self):
        self.acked, self.requeued = [], []

    async def ack(self, job):
        self.acked.append(job.parcel_id)

    async def requeue(self, job):
        self.requeued.append(job.parcel_id)


class Printer:
    """Prints labels instantly, except for parcels listed as slow: those wait until cancelled."""

    def __init__(self, slow):
        self.slow = set(slow)
        self.never = asyncio.Event()

    async def __call__(self, job):
        await asyncio.sleep(0)
        if job.parcel_id in self.slow:
            await self.never.wait()


async def settle():
    """Lets every task that can make progress do so."""
    for _ in range(20):
        await asyncio.sleep(0)


class NeverFinished(Exception):
    """The scenario was still waiting after every task had had many chances to run."""


def run(coro, max_steps=500):
    """Runs `coro` on a fresh event loop one iteration at a time, so a deadlock fails fast."""
    loop = asyncio.new_event_loop()
    try:
        main = loop.create_task(coro)
        for _ in range(max_steps):
            loop.call_soon(loop.stop)
            loop.run_forever()
            if main.done():
                return main.result()
        raise NeverFinished("shutdown never returned: it is waiting for itself or for a task that cannot finish")
    finally:
        loop.close()


def jobs(*ids):
    return [Job(parcel_id, "DPD") for parcel_id in ids]


def run_shutdown_scenario(all_ids, slow_ids):
    """Starts the jobs, lets the quick ones finish, shuts down; returns (queue, count, after)."""

    async def scenario():
        queue = FakeQueue()
        worker = DispatchWorker(queue, Printer(slow_ids))
        worker.start(jobs(*all_ids))
        await settle()
        count = await worker.shutdown()
        after = (list(queue.acked), list(queue.requeued))  # the state at the moment shutdown returned
        return queue, count, after

    return run(scenario())


def test_labels_are_printed_and_acked():
    """Without a shutdown, every job's label is printed and the job acked exactly once — the feature must keep working."""

    async def scenario():
        queue = FakeQueue()
        DispatchWorker(queue, Printer(slow=[])).start(jobs("P-1", "P-2", "P-3"))
        await settle()
        return queue

    queue = run(scenario())
    assert sorted(queue.acked) == ["P-1", "P-2", "P-3"], f"acked {queue.acked}"
    assert queue.requeued == [], f"requeued {queue.requeued}"


@pytest.mark.parametrize(
    "all_ids,slow_ids",
    [(["A-1", "A-2", "A-3"], ["A-2"]), (["B-1", "B-2", "B-3", "B-4", "B-5"], ["B-1", "B-4", "B-5"])],
    ids=["one parcel in flight", "several parcels in flight"],
)
def test_shutdown_hands_back_the_parcels_in_flight(all_ids, slow_ids):
    """When shutdown returns, every job still in flight has been put back on the queue — otherwise each deploy hides those parcels for 30 minutes and they miss the courier."""
    _, _, (acked, requeued) = run_shutdown_scenario(all_ids, slow_ids)
    assert sorted(requeued) == sorted(slow_ids), f"{len(requeued)} of {len(slow_ids)} parcels in flight were handed back"
    assert sorted(acked) == sorted(set(all_ids) - set(slow_ids)), "finished parcels were not acked exactly once"


def test_shutdown_reports_how_many_jobs_it_handed_back():
    """Shutdown returns the number of jobs it handed back (the deploy log shows it), not 0 when it could not clean up."""
    _, count, _ = run_shutdown_scenario(["C-1", "C-2", "C-3", "C-4"], ["C-2", "C-3"])
    assert type(count) is int and count == 2, f"shutdown returned {count!r}"


def test_shutdown_finishes_normally():
    """Shutdown returns to its caller instead of being cancelled itself, so the rest of the shutdown sequence (closing the queue connection) still runs."""

    async def scenario():
        worker = DispatchWorker(FakeQueue(), Printer(["D-1"]))
        worker.start(jobs("D-1"))
        await settle()
        await worker.shutdown()
        await asyncio.sleep(0)
        return "closed"

    try:
        outcome = run(scenario())
    except asyncio.CancelledError:
        outcome = "cancelled"
    assert outcome == "closed", "shutdown cancelled the code that called it"


def test_shutdown_with_nothing_in_flight():
    """With no job in flight, shutdown hands back nothing and returns 0."""
    queue, count, _ = run_shutdown_scenario(["E-1", "E-2"], [])
    assert count == 0, f"shutdown returned {count!r}"
    assert queue.requeued == [] and sorted(queue.acked) == ["E-1", "E-2"], "a finished job was handed back"
