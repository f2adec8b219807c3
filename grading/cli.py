"""python -m grading check EXERCISE_DIR FILE [--format text|json|exercism] [--output FILE]
| validate [PATH] [--summary]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course import ContentError, Exercise, load_exercise
from grading import exercism
from grading.engine import grade
from grading.render import as_text
from grading.report import Report
from grading.sandbox import set_prewarm
from grading.validate import summary_table, validate_paths

EXIT_SOLVED, EXIT_NOT_SOLVED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grading", description="ProdReady's grader.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="grade one file against an exercise")
    check.add_argument("exercise", type=Path, help="the exercise folder")
    check.add_argument("file", type=Path, help="the submission (a .py file)")
    check.add_argument(
        "--format",
        choices=("text", "json", "exercism"),
        default="text",
        help="text for people, json (the full report), exercism (Exercism's results.json v3)",
    )
    check.add_argument("--json", action="store_true", help="same as --format json")
    check.add_argument(
        "--output", type=Path, help="write the result to this file instead of printing it"
    )
    check.add_argument("--suite", choices=("hidden", "visible"), default="hidden")
    validate = commands.add_parser("validate", help="prove exercises are fair and solvable")
    validate.add_argument(
        "paths",
        type=Path,
        nargs="*",
        help="exercise folders or folders of exercises (default: exercises/)",
    )
    validate.add_argument("--summary", action="store_true", help="also print counts per limitation")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_SOLVED
    if args.command == "check":
        return _check(args)
    return _validate(args)


def _check(args: argparse.Namespace) -> int:
    set_prewarm(False)  # one grade, then exit: a sandbox started ahead would go unused
    try:
        exercise = load_exercise(args.exercise)
        raw = args.file.read_bytes()
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    report = grade(exercise, raw, suite=args.suite)
    text = _formatted(report, "json" if args.json else args.format, exercise)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_SOLVED if report.solved else EXIT_NOT_SOLVED


def _formatted(report: Report, style: str, exercise: Exercise) -> str:
    if style == "json":
        return json.dumps(report.to_dict(), indent=2)
    if style == "exercism":
        visible = exercise.test_source("visible") if exercise.has_suite("visible") else None
        return json.dumps(exercism.results(report, visible), indent=2, ensure_ascii=False)
    return as_text(report)


def _validate(args: argparse.Namespace) -> int:
    from course.catalog import default_root

    paths = args.paths or [default_root() / "exercises"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: {missing[0]} does not exist", file=sys.stderr)
        return EXIT_USAGE
    outcomes = validate_paths(paths, progress=lambda line: print(line, flush=True))
    if args.summary:
        print("\n" + summary_table([o.exercise for o in outcomes if o.exercise]))
    valid = sum(o.ok for o in outcomes)
    print(f"\n{valid} of {len(outcomes)} exercise(s) valid.")
    return EXIT_SOLVED if valid == len(outcomes) else EXIT_NOT_SOLVED
