"""`python -m worker`: a grading worker for the distributed executor.

It uses the same settings as the app (DATABASE_URL must be PostgreSQL; PRODREADY_CONTENT its own
copy of the exercises; PRODREADY_GRADING_SLOTS its concurrency), creates procrastinate's tables
if they are missing, and takes grading jobs until SIGTERM or Ctrl+C (a running grade finishes
first). Next to the jobs it keeps the queue healthy, every heartbeat:
- jobs of workers that stopped sending heartbeats (killed, machine gone) go back to the queue,
  so another worker grades them (procrastinate's stalled-job retry);
- attempts stored without a job (an app process died between the two) get one.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket

import procrastinate
from procrastinate import exceptions

from config import current
from course import load_course
from course.catalog import default_root
from progress import ProgressStore, make_engine
from worker.jobs import QUEUE, WorkerContext, conninfo, make_app
from worker.queue import DistributedExecutor
from worker.schema import ensure_schema

log = logging.getLogger("worker")
STALLED_AFTER_BEATS = 3  # a worker silent for this many heartbeats is taken for dead


def main(argv: list[str] | None = None) -> None:
    settings = current()
    parser = argparse.ArgumentParser(prog="python -m worker", description=__doc__.splitlines()[0])
    parser.add_argument("--name", default=f"grader@{socket.gethostname()}")
    parser.add_argument("--concurrency", type=int, default=settings.grading_slots)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(name)s %(message)s")

    url = settings.effective_database_url
    try:
        ensure_schema(conninfo(url))
    except ValueError as exc:  # not PostgreSQL: say which setting to change, no traceback
        raise SystemExit(f"python -m worker: {exc}") from exc
    course = load_course(default_root())
    store = ProgressStore(make_engine(url))
    app = make_app(url, pool_size=args.concurrency + 3)
    # A second, synchronous app for the recovery queries, run in a thread next to the jobs.
    executor = DistributedExecutor(store, course.exercises, make_app(url, pool_size=2))
    log.info(
        "worker %s: %d grading slots, %d exercises",
        args.name,
        args.concurrency,
        len(course.exercises),
    )
    try:
        asyncio.run(serve(app, executor, WorkerContext(store, course.exercises), args))
    finally:
        executor.close()


async def serve(
    app: procrastinate.App,
    executor: DistributedExecutor,
    context: WorkerContext,
    args: argparse.Namespace,
) -> None:
    heartbeat = current().worker_heartbeat_s
    async with app.open_async():
        upkeep = asyncio.create_task(keep_queue_healthy(app, executor, heartbeat))
        try:
            await app.run_worker_async(
                name=args.name,
                queues=[QUEUE],
                concurrency=args.concurrency,
                additional_context={"worker": context},
                update_heartbeat_interval=heartbeat,
                stalled_worker_timeout=heartbeat * STALLED_AFTER_BEATS,
                fetch_job_polling_interval=heartbeat,
                delete_jobs="successful",
            )
        finally:
            upkeep.cancel()


async def keep_queue_healthy(
    app: procrastinate.App, executor: DistributedExecutor, heartbeat: float
) -> None:
    while True:
        await asyncio.sleep(heartbeat)
        try:
            await retry_stalled_jobs(app, heartbeat * STALLED_AFTER_BEATS)
            recovered = await asyncio.to_thread(executor.recover, heartbeat * STALLED_AFTER_BEATS)
            if recovered:
                log.info("gave a job to %d stored attempt(s) that had none", recovered)
        except Exception:  # noqa: BLE001  the database may be restarting: try at the next beat
            log.exception("queue upkeep failed; trying again in %s s", heartbeat)


async def retry_stalled_jobs(app: procrastinate.App, seconds_since_heartbeat: float) -> None:
    stalled = await app.job_manager.get_stalled_jobs(
        queue=QUEUE, seconds_since_heartbeat=seconds_since_heartbeat
    )
    for job in stalled:
        try:
            await app.job_manager.retry_job(job)
            log.warning("job %s of a silent worker goes back to the queue", job.id)
        except exceptions.ConnectorException:  # another worker retried it first
            log.info("job %s was retried by another worker", job.id)


if __name__ == "__main__":
    main()
