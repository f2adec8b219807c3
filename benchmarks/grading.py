"""How fast is grade()? p50/p95 per model exercise, beside the naive chain a user would script
(bandit CLI + radon CLI + pytest CLI on the same files), measured in the same run.

grade() is timed twice: back to back and paced half a second apart, as learners' submissions
arrive. Each slot's warm template serves both (benchmarks/throughput.py measures it under load). The chain has nothing to refill, so it is timed back to back.

    python benchmarks/grading.py [--runs N] [--exercise SLUG ...]

Prints figures; asserts nothing (the machines are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course import load_exercise  # noqa: E402
from grading import grade  # noqa: E402

MODEL_EXERCISES = ["sql-user-lookup", "atomic-settings-save", "order-report-n-plus-one"]
BIN = Path(sys.executable).parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def naive_chain(exercise, folder: Path) -> None:
    """What a user would otherwise script: three tools, three fresh interpreters (four runs)."""
    module = folder / f"{exercise.module}.py"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder}
    subprocess.run([BIN / "bandit", "-q", str(module)], **quiet)
    subprocess.run([BIN / "radon", "cc", "-s", str(module)], **quiet)
    subprocess.run([BIN / "radon", "mi", str(module)], **quiet)
    subprocess.run([BIN / "pytest", "-q", "-p", "no:cacheprovider", "test_hidden.py"], **quiet)


def prepare(exercise) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="prodready-bench-"))
    (folder / f"{exercise.module}.py").write_text(exercise.reference)
    shutil.copy(exercise.test_file("hidden"), folder / "test_hidden.py")
    for name, text in exercise.context_files.items():
        (folder / name).write_text(text)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exercise", nargs="*", default=MODEL_EXERCISES)
    args = parser.parse_args()
    print(f"grade() vs naive chain, {args.runs} runs each, p50/p95 in ms\n")
    print(
        f"{'exercise':<26} {'grade p50':>9} {'p95':>5} {'paced p50':>9} {'p95':>5}"
        f" {'chain p50':>9} {'p95':>5} {'speed-up':>8} {'paced':>6}"
    )
    ratios, paced_ratios = [], []
    for slug in args.exercise:
        exercise = load_exercise(ROOT / "exercises" / slug)
        report = grade(
            exercise, exercise.reference
        )  # warm-up: imports bandit, radon, probes cgroups
        assert report.solved, f"{slug}: the reference should be solved ({report.message})"
        graded = [time_ms(lambda e=exercise: grade(e, e.reference)) for _ in range(args.runs)]
        paced = []
        for _ in range(args.runs):
            time.sleep(0.5)
            paced.append(time_ms(lambda e=exercise: grade(e, e.reference)))
        folder = prepare(exercise)
        try:
            naive_chain(exercise, folder)  # warm-up: page cache
            chained = [
                time_ms(lambda e=exercise, f=folder: naive_chain(e, f)) for _ in range(args.runs)
            ]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        ratio = statistics.median(chained) / statistics.median(graded)
        paced_ratio = statistics.median(chained) / statistics.median(paced)
        ratios.append(ratio)
        paced_ratios.append(paced_ratio)
        print(
            f"{slug:<26} {statistics.median(graded):9.0f} {percentile(graded, 0.95):5.0f}"
            f" {statistics.median(paced):9.0f} {percentile(paced, 0.95):5.0f}"
            f" {statistics.median(chained):9.0f} {percentile(chained, 0.95):5.0f}"
            f" {ratio:7.1f}x {paced_ratio:5.1f}x"
        )
    print(
        f"\nmedian speed-up: {statistics.median(ratios):.1f}x back to back, "
        f"{statistics.median(paced_ratios):.1f}x paced (target: at least 5x)"
    )


if __name__ == "__main__":
    main()
