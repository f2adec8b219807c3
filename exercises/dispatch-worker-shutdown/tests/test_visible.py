import asyncio

from dispatch_worker import DispatchWorker
from parcel_queue import Job


class FakeQueue:
    def __init__(self):
        self.acked, self.requeued = [], []

    async def ack(self, job):
        self.acked.append(job.parcel_id)

    async def requeue(self, job):
        self.requeued.append(job.parcel_id)


def test_shutdown_requeues_the_parcel_in_flight():
    """A parcel whose label is still printing goes back on the queue when the worker shuts down."""
    never = asyncio.Event()

    async def slow_printer(job):
        await never.wait()

    async def scenario():
        queue = FakeQueue()
        worker = DispatchWorker(queue, slow_printer)
        worker.start([Job("P-77", "UPS")])
        await asyncio.sleep(0)
        handed_back = await worker.shutdown()
        return handed_back, queue.requeued

    assert asyncio.run(scenario()) == (1, ["P-77"])
