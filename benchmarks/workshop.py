"""A workshop's burst of submissions, through the same service layer the pages use.

N learners (default 200) each submit one fix of a model exercise, a mix of right ones (the
reference and the graded correct fixtures) and wrong ones (the starter and the plausible wrong
fixtures), all at once or spread over --spread-s seconds, from --sessions concurrent threads
(the browser sessions). Then it waits until every acknowledged attempt is graded and prints:
grades per second, submit-to-graded p50/p95/max, errors, lost and duplicated attempts (both
must be 0), and the peak memory of each process. Layouts:

  embedded  SQLite, the app process grades in its own sandboxes (the default deployment)
  pg1       PostgreSQL, the app process defers jobs, one `python -m worker` grades them
  pg2       PostgreSQL, two workers (each with half of this machine's grading slots)

Then `--profile` prints where the CPU of one grade goes: sandbox and pytest start-up, the
test run itself, the static checks (bandit + radon) and storage (store, claim, record).

    python benchmarks/workshop.py [--learners 200] [--layouts embedded pg1 pg2] [--profile]

Prints figures; asserts nothing (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import describe  # noqa: E402
from benchmarks.throwaway_pg import throwaway_postgres  # noqa: E402
from course import load_course  # noqa: E402
from learning.access import Actor  # noqa: E402
from learning.practice import Practice  # noqa: E402
from progress import ProgressStore, make_engine, upgrade  # noqa: E402
from progress.db import as_utc  # noqa: E402

MODEL_EXERCISES = ["sql-user-lookup", "atomic-settings-save", "order-report-n-plus-one"]
FINAL = ("graded", "failed")


def fixes(exercise) -> list[tuple[str, bool]]:
    """(code, is right) for every fix of the exercise the benchmark submits."""
    folder = exercise.path / "fixtures"
    right = [exercise.reference] + [p.read_text() for p in sorted(folder.glob("solved/*.py"))]
    wrong = [exercise.starter] + [p.read_text() for p in sorted(folder.glob("unsolved/*.py"))]
    return [(code, True) for code in right] + [(code, False) for code in wrong]


def workload(course, learners: int) -> list[tuple[str, str, bool]]:
    """(exercise slug, code, is right) per learner: exercises and fixes in turn."""
    pool = [
        (slug, code, ok) for slug in MODEL_EXERCISES for code, ok in fixes(course.exercises[slug])
    ]
    return [pool[(index * 7) % len(pool)] for index in range(learners)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a live process (its peak resident memory), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_workers(url: str, count: int, slots: int, logs: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "DATABASE_URL": url, "PRODREADY_GRADING_SLOTS": str(slots)}
    workers = []
    for index in range(count):
        with (logs / f"worker-{index}.log").open("wb") as sink:
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "worker", "--name", f"bench-{index}"],
                    cwd=ROOT,
                    env=env,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
    return workers


def wait_ready(store: ProgressStore, url: str, count: int) -> None:
    import psycopg

    from worker.jobs import conninfo

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with psycopg.connect(conninfo(url)) as connection:
            found = connection.execute("SELECT to_regclass('procrastinate_workers')").fetchone()[0]
            if (
                found
                and connection.execute("SELECT count(*) FROM procrastinate_workers").fetchone()[0]
                >= count
            ):
                return
        time.sleep(0.5)
    raise SystemExit("the workers did not start")


def run_layout(layout: str, course, args, url: str | None) -> None:
    from learning.submissions import EmbeddedExecutor

    logs = Path(tempfile.mkdtemp(prefix="prodready-workshop-"))
    url = url or f"sqlite:///{logs / 'prodready.db'}"
    engine = make_engine(url)
    upgrade(engine)
    store = ProgressStore(engine)
    workers: list[subprocess.Popen] = []
    cores = os.cpu_count() or 1
    if layout == "embedded":
        executor = EmbeddedExecutor(store, course.exercises)
        setup = f"embedded, SQLite, {executor.slots} grading slots in the app process"
    else:
        from worker.queue import DistributedExecutor

        count = 1 if layout == "pg1" else 2
        slots = max(1, cores // count)
        executor = DistributedExecutor(store, course.exercises)
        workers = start_workers(url, count, slots, logs)
        wait_ready(store, url, count)
        setup = f"PostgreSQL, {count} worker(s) x {slots} grading slots"
    jobs = workload(course, args.learners)
    learners = [store.ensure_learner(f"bench-{index}") for index in range(len(jobs))]
    # Warm-up: one grade, so start-up (imports, the first sandbox) is not in the figures.
    warm = store.ensure_learner("bench-warm-up")
    exercise = course.exercises[MODEL_EXERCISES[0]]
    shown = Practice(store, Actor(warm), executor=executor).submit(exercise, exercise.reference)
    Practice(store, Actor(warm), executor=executor).wait(shown, 120)

    errors: list[str] = []
    acked: dict[int, bool] = {}

    def submit(index: int) -> None:
        slug, code, right = jobs[index]
        if args.spread_s:
            time.sleep(args.spread_s * index / len(jobs))
        try:
            result = Practice(store, Actor(learners[index]), executor=executor).submit(
                course.exercises[slug], code
            )
        except Exception as exc:  # noqa: BLE001  an error is a figure, not a crash
            errors.append(f"{type(exc).__name__}: {exc}")
            return
        if getattr(result, "storage_error", None):
            errors.append(result.storage_error)
            return
        attempt_id = getattr(result, "attempt_id", None)
        if attempt_id is None:  # graded at once: find the row
            attempt_id = store.last_attempt(learners[index], slug).id
        acked[attempt_id] = right

    cpu_before = CpuSplit.now([w.pid for w in workers])
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.sessions) as sessions:
        list(sessions.map(submit, range(len(jobs))))
    submitted_s = time.monotonic() - started
    deadline = time.monotonic() + args.patience_s
    waiting = list(acked)
    while waiting and time.monotonic() < deadline:
        # Each waiting page asks about its own attempt once a second, until it is graded.
        waiting = [i for i in waiting if store.attempt(i).state not in FINAL]
        time.sleep(1.0)
    cpu_spent = CpuSplit.now([w.pid for w in workers]) - cpu_before
    attempts = [store.attempt(i) for i in acked]
    latencies = [
        (as_utc(a.finished_at) - as_utc(a.created_at)).total_seconds()
        for a in attempts
        if a.finished_at
    ]
    finished = [as_utc(a.finished_at) for a in attempts if a.finished_at]
    first = min(as_utc(a.created_at) for a in attempts)
    span = (max(finished) - first).total_seconds() if finished else float("nan")
    lost = sum(1 for a in attempts if a.state not in FINAL)
    rows = sum(len(store.attempts(learner)) for learner in learners)
    duplicated = rows - len(acked)
    failed = sum(1 for a in attempts if a.state == "failed")
    wrong_verdict = sum(1 for a in attempts if a.state == "graded" and a.solved != acked[a.id])

    print(f"\n== {layout}: {setup}; {len(jobs)} learners, {args.sessions} sessions")
    print(f"  all {len(acked)} submissions stored and acknowledged in {submitted_s:.1f} s")
    print(f"  grades/s: {len(finished) / span:.2f}  (first submit to last grade {span:.1f} s)")
    if latencies:
        print(
            f"  submit-to-graded: p50 {statistics.median(latencies):.1f} s, "
            f"p95 {percentile(latencies, 0.95):.1f} s, max {max(latencies):.1f} s"
        )
    print(
        f"  errors: {len(errors)} at submit, {failed} not graded; lost: {lost}; "
        f"duplicated: {duplicated}; verdicts unlike the fixture's: {wrong_verdict}"
    )
    for message in sorted(set(errors))[:3]:
        print(f"    e.g. {message[:160]}")
    print(f"  CPU per grade: {cpu_spent.per_grade(len(finished))}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory: app process {own:.0f} MB (so far this run)", end="")
    for index, worker in enumerate(workers):
        print(f", worker {index} {peak_rss_mb(worker.pid):.0f} MB", end="")
    print()
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=120)
    if hasattr(executor, "close"):
        executor.close()
    engine.dispose()


@dataclass(frozen=True)
class CpuSplit:
    """Core-seconds used so far: the whole machine, this (app) process, the workers and the
    PostgreSQL server; the sandboxes are the rest (their processes are killed, not waited for,
    so no parent's counters hold them). Meant for a machine doing nothing else."""

    machine: float
    app: float
    workers: float
    database: float

    TICK = os.sysconf("SC_CLK_TCK")

    @classmethod
    def now(cls, worker_pids: list[int]) -> CpuSplit:
        busy = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        idle = int(busy[3]) + int(busy[4])  # idle and iowait
        database = sum(
            _process_ticks(int(pid))
            for pid in os.listdir("/proc")
            if pid.isdigit() and _command(int(pid)) == "postgres"
        )
        return cls(
            (sum(int(f) for f in busy[:8]) - idle) / cls.TICK,
            own_cpu(),
            sum(_process_ticks(pid) for pid in worker_pids) / cls.TICK,
            database / cls.TICK,
        )

    def __sub__(self, other: CpuSplit) -> CpuSplit:
        return CpuSplit(
            self.machine - other.machine,
            self.app - other.app,
            self.workers - other.workers,
            self.database - other.database,
        )

    def per_grade(self, grades: int) -> str:
        ms = {
            name: 1000 * value / max(grades, 1)
            for name, value in (
                ("app", self.app),
                ("workers", self.workers),
                ("PostgreSQL", self.database),
                ("sandboxes", self.machine - self.app - self.workers - self.database),
            )
        }
        parts = ", ".join(f"{name} {value:.0f}" for name, value in ms.items() if value >= 0.5)
        return f"{1000 * self.machine / max(grades, 1):.0f} core-ms on the machine ({parts})"


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _process_ticks(pid: int) -> int:
    """utime + stime + the same of its waited-for children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(value) for value in fields[11:15])


class ChildCpu:
    """CPU of this process's descendants (the sandboxes), sampled from /proc every few ms.

    A sandbox's processes are killed at the end of a run rather than waited for, so their CPU
    never reaches RUSAGE_CHILDREN; sampling each one's utime + stime while it lives does (it
    misses at most one sampling interval per process)."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self) -> None:
        self.seen: dict[tuple[int, str], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> ChildCpu:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def seconds(self) -> float:
        return sum(self.seen.values()) / self.TICK

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in _descendants(os.getpid()):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    continue
                key = (pid, fields[19])  # pid and start time: a reused pid is another process
                self.seen[key] = max(self.seen.get(key, 0), int(fields[11]) + int(fields[12]))
            self._stop.wait(0.005)


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def own_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def median_cpu(action, runs: int) -> float:
    """Median CPU of `action`: this process plus every sandbox process it started."""
    spent = []
    for _ in range(runs):
        with ChildCpu() as children:
            before = own_cpu()
            action()
            mine = own_cpu() - before
        spent.append(mine + children.seconds())
    return statistics.median(spent)


def profile(course, runs: int) -> None:
    """CPU of one grade, split by part: measured with the pool off (PRODREADY_PREWARM=0), so
    each grade starts its own sandbox inside the measured window."""
    store = ProgressStore(make_engine(f"sqlite:///{tempfile.mkdtemp()}/profile.db"))
    upgrade(store.engine)
    learner = store.ensure_learner("profile")
    print(f"\n== CPU per grade (core-seconds, median of {runs}; sandbox pool off)")
    print(f"{'exercise':<26} {'total':>6} {'start':>6} {'tests':>6} {'static':>6} {'storage':>7}")
    for slug in MODEL_EXERCISES:
        profile_one(course, course.exercises[slug], store, learner, runs)
    print("start = bubblewrap sandbox, interpreter, pytest start-up and collection (a module that")
    print("exits at import); tests = the rest of a full grade minus static; static = bandit +")
    print("radon in-process; storage = store the submission, claim it, record the report")


def profile_one(course, exercise, store: ProgressStore, learner: int, runs: int) -> None:
    from grading import grade, scan
    from learning.submissions import grade_attempt

    grade(exercise, exercise.reference)  # imports, cgroup probe
    total = median_cpu(lambda: grade(exercise, exercise.reference), runs)
    start = median_cpu(lambda: grade(exercise, "raise SystemExit(0)\n"), runs)
    static = median_cpu(lambda: scan(exercise.reference), runs)
    report = grade(exercise, exercise.reference)

    def storage() -> None:
        code = f"{exercise.reference}\n# {time.monotonic()}"
        attempt, _ = store.enqueue(learner, exercise.slug, code)
        grade_attempt(store, course.exercises, attempt.id, grader=lambda *a, **k: report)

    stored = median_cpu(storage, runs)
    tests = max(total - start - static, 0.0)
    print(f"{exercise.slug:<26} {total:6.2f} {start:6.2f} {tests:6.2f} {static:6.2f} {stored:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=20, help="concurrent submitting threads")
    parser.add_argument("--spread-s", type=float, default=0.0, help="0: all arrive at once")
    parser.add_argument("--layouts", nargs="*", default=["embedded", "pg1", "pg2"])
    parser.add_argument("--patience-s", type=float, default=900)
    parser.add_argument("--profile", action="store_true", help="only the CPU split per grade")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("PRODREADY_QUEUE_WAIT_S", "3600")  # measure the queue, do not cut it
    course = load_course()
    print(describe())
    if args.profile:
        if os.environ.get("PRODREADY_PREWARM") != "0":
            raise SystemExit(
                "run the profile with PRODREADY_PREWARM=0 (each grade starts its sandbox)"
            )
        profile(course, args.runs)
        return
    for layout in args.layouts:
        if layout == "embedded":
            run_layout(layout, course, args, None)
        else:
            with throwaway_postgres() as url:
                run_layout(layout, course, args, url)


if __name__ == "__main__":
    main()
