"""Sustained grading throughput: warm templates against one sandbox per job, in the same run.

Submissions are the three model exercises' references, their solved fixtures and their wrong
fixes, mixed, sent by C concurrent submitters through `Grader(SandboxPool(...)).grade` (what
the app and the worker call). For each way of running sandboxes it prints grades per second,
submit-to-report p50/p95, and the CPU of one grade split into sandbox start, test run and the
grader's own work (static checks and the rest). The sandbox CPU comes from the cgroups the
grader makes (cpu.stat), so it needs root with cgroups; elsewhere only totals are printed.

    python benchmarks/throughput.py [--grades N] [--submitters C] [--slots S]

Prints figures; asserts nothing (the machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import describe  # noqa: E402
from course import load_exercise  # noqa: E402
from grading import Grader, SandboxPool  # noqa: E402
from grading.cgroups import CgroupFactory, RunCgroup  # noqa: E402
from grading.checks import quality, security  # noqa: E402
from grading.lifecycle import Limits, sandbox_mode, spawn  # noqa: E402

MODEL_EXERCISES = ["sql-user-lookup", "atomic-settings-save", "order-report-n-plus-one"]


class SandboxCpu:
    """The CPU the sandboxes used, in seconds so far. cgroup v2: the grader's own cgroups, read
    just before it removes each. cgroup v1: a cpuacct group this process moves itself into (the
    sandboxes' pids and memory groups are other hierarchies, so they stay in it), minus this
    process's own CPU."""

    def __init__(self) -> None:
        self.removed_s = 0.0
        self.lock = threading.Lock()
        self.groups = 0
        self.cpuacct = self._join_cpuacct()
        real_create, real_remove = CgroupFactory.create, RunCgroup.remove

        def create(factory, *args):  # type: ignore[no-untyped-def]
            with self.lock:
                self.groups += 1
            return real_create(factory, *args)

        def remove(group):  # type: ignore[no-untyped-def]
            with self.lock:
                self.removed_s += cpu_seconds(group)
            real_remove(group)

        CgroupFactory.create, RunCgroup.remove = create, remove

    @staticmethod
    def _join_cpuacct() -> Path | None:
        parent = Path("/sys/fs/cgroup/cpuacct")
        if os.geteuid() != 0 or not (parent / "cpuacct.usage").exists():
            return None
        group = parent / f"prodready-bench-{os.getpid()}"
        group.mkdir(exist_ok=True)
        (group / "cgroup.procs").write_text(str(os.getpid()))
        return group

    def leave(self) -> None:
        if self.cpuacct:
            (self.cpuacct.parent / "cgroup.procs").write_text(str(os.getpid()))
            self.cpuacct.rmdir()

    def seconds(self) -> float:
        if self.cpuacct:
            return int((self.cpuacct / "cpuacct.usage").read_text()) / 1e9 - host_cpu()
        with self.lock:
            return self.removed_s

    def sandboxes(self) -> int:
        with self.lock:
            return self.groups


def cpu_seconds(group: RunCgroup) -> float:
    try:
        for line in (group.dirs[0] / "cpu.stat").read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "usage_usec":
                return int(value) / 1e6
    except OSError:
        pass
    return 0.0


def submissions() -> list[tuple[object, str, str]]:
    """(exercise, label, source): every reference and fixture of the model exercises."""
    cases = []
    for slug in MODEL_EXERCISES:
        exercise = load_exercise(ROOT / "exercises" / slug)
        cases.append((exercise, f"{slug}/reference", exercise.reference))
        for kind in ("solved", "unsolved"):
            for path in sorted((exercise.path / "fixtures" / kind).glob("*.py")):
                cases.append((exercise, f"{slug}/{kind}/{path.stem}", path.read_text()))
    # Interleave exercises so every stretch of the run mixes right and wrong fixes.
    return sorted(cases, key=lambda case: (zlib.crc32(case[1].encode()) % 7, case[1]))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def host_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def static_cpu_per_grade(cases: list[tuple[object, str, str]]) -> float:
    """bandit + radon on every submission, in this process (warm, as in a grading process)."""
    for _, _, source in cases[:2]:
        security.run_bandit(source)
    started = time.process_time()
    for exercise, _, source in cases:
        security.run_bandit(source)
        quality.measure(source, exercise.max_complexity)  # type: ignore[attr-defined]
    return (time.process_time() - started) / len(cases)


def start_cpu(templates: bool, meter: SandboxCpu, count: int = 4) -> float:
    """CPU of starting one sandbox until it waits for its job (no job run)."""
    before = meter.seconds()
    for _ in range(count):
        pool = SandboxPool(slots=1, prewarm=True, templates=templates)
        if templates:
            pool._templates.give_back(pool._templates.take(Limits()), keep=True)
        else:
            sandbox = spawn(sandbox_mode(), Limits())
            settle(sandbox.cgroup)
            pool._dispose(sandbox)
        pool.close()
    return (meter.seconds() - before) / count


def settle(group: RunCgroup | None) -> None:
    """Waits until the sandbox's CPU use stops growing: it has imported pytest and waits."""
    if group is None:
        time.sleep(1)
        return
    last, still = -1.0, 0
    while still < 4:
        time.sleep(0.1)
        now = cpu_seconds(group)
        still = still + 1 if now == last else 0
        last = now


def run(templates: bool, cases, grades: int, submitters: int, slots: int, meter) -> dict:
    pool = SandboxPool(slots=slots, prewarm=True, templates=templates)
    grader = Grader(pool)
    for exercise, _, source in cases[:slots]:
        grader.grade(exercise, source)  # warm-up: starts the slots' sandboxes, imports bandit
    queue = list(range(grades))
    lock = threading.Lock()
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    errors: list[str] = []

    def submitter() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index = queue.pop()
            exercise, label, source = cases[index % len(cases)]
            started = time.perf_counter()
            report = grader.grade(exercise, source)
            with lock:
                latencies.append(time.perf_counter() - started)
                outcomes[str(report.status)] = outcomes.get(str(report.status), 0) + 1
                if str(report.status) == "error":
                    errors.append(f"{label}: {report.message[:100]}")

    sandbox_before, groups_before = meter.seconds(), meter.sandboxes()
    host_before = host_cpu()
    started = time.perf_counter()
    threads = [threading.Thread(target=submitter) for _ in range(submitters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    host = host_cpu() - host_before
    used_templates = pool.uses_templates
    pool.close()
    sandbox_after, groups_after = meter.seconds(), meter.sandboxes()
    return {
        "mode": "warm templates" if used_templates else "one sandbox per job",
        "rate": grades / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "host": host / grades,
        "sandbox": (sandbox_after - sandbox_before) / grades,
        "sandboxes": groups_after - groups_before,
        "outcomes": outcomes,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--grades", type=int, default=60)
    parser.add_argument("--submitters", type=int, default=8)
    parser.add_argument("--slots", type=int, default=2)
    args = parser.parse_args()
    print(describe())
    meter = SandboxCpu()
    cases = submissions()
    static = static_cpu_per_grade(cases)
    print(
        f"{len(cases)} submissions of {len(MODEL_EXERCISES)} exercises, {args.grades} grades, "
        f"{args.submitters} submitters, {args.slots} slots; CPU in ms per grade\n"
    )
    print(
        f"{'mode':<20} {'grades/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'sandboxes':>9}"
        f" {'start':>6} {'tests':>6} {'static':>6} {'host':>6} {'total':>6} {'cores':>5}  outcomes"
    )
    results = []
    for templates in (False, True):
        start = start_cpu(templates, meter)
        result = run(templates, cases, args.grades, args.submitters, args.slots, meter)
        per_sandbox_start = start * result["sandboxes"] / args.grades
        tests = max(0.0, result["sandbox"] - per_sandbox_start)
        total = result["sandbox"] + result["host"]
        print(
            f"{result['mode']:<20} {result['rate']:8.1f} {result['p50']:7.0f} {result['p95']:7.0f}"
            f" {result['sandboxes']:9d} {per_sandbox_start * 1000:6.0f} {tests * 1000:6.0f}"
            f" {static * 1000:6.0f} {(result['host'] - static) * 1000:6.0f} {total * 1000:6.0f}"
            f" {result['rate'] * total:5.2f}  {result['outcomes']}"
        )
        results.append(result)
    meter.leave()
    for result in results:
        for error in result["errors"]:
            print(f"  {result['mode']}: error {error}")
    slow, fast = results
    print(
        f"\nwarm templates vs one sandbox per job: {fast['rate'] / slow['rate']:.1f}x grades/s, "
        f"{(slow['sandbox'] + slow['host']) / (fast['sandbox'] + fast['host']):.1f}x less CPU "
        f"per grade; CPU-bound ceiling on this machine's cores: "
        f"{(os.cpu_count() or 1) / (fast['sandbox'] + fast['host']):.1f} grades/s"
    )
    print(
        "start: starting sandboxes (measured idle), shared over the grades they served; tests: "
        "the rest of the sandboxes' CPU (job set-up, pytest, the submission); static: bandit + "
        "radon; host: the grader process's other work (reports, pipes, threads); cores: how "
        "many cores the grading kept busy (below the machine's count: other work had the rest)"
    )


if __name__ == "__main__":
    main()
