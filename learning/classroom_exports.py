"""Exports an instructor downloads: grades (one row per learner x assigned exercise, with the
pass/fail of each hidden requirement as columns), the roster, and every attempt as gzipped JSON
Lines.

CSV files open in a spreadsheet as they are: UTF-8 with a byte-order mark (Excel needs it to read
UTF-8), and any cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return: CSV injection, CWE-1236) gets a leading apostrophe. Names and e-mails are
learner-typed, so they are never trusted.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from learning.access import Actor
from learning.classroom_assignments import Assignments
from learning.classroom_cohorts import Cohorts
from progress import ProgressStore
from progress.classroom_stats import cohort_attempts, reports_of
from progress.db import as_utc

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(header: list[str], rows: Iterable[list[object]], checked: int | None = None) -> bytes:
    """The CSV file, every cell neutralized; or only each row's first `checked` cells, when the
    rest are this module's own words ("pass", "fail", "": a wide grades file has thousands)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(cell) for cell in header])
    for row in rows:
        head = row if checked is None else row[:checked]
        safe = [neutralize("" if cell is None else cell) for cell in head]
        writer.writerow(safe if checked is None else safe + row[checked:])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _when(moment: datetime | None) -> str:
    return as_utc(moment).strftime("%Y-%m-%d %H:%M:%S UTC") if moment is not None else ""


class Exports:
    def __init__(self, store: ProgressStore):
        self.store = store
        self.assignments = Assignments(store)
        self.cohorts = Cohorts(store)

    def grades_csv(self, actor: Actor, assignment_id: int) -> bytes:
        cells = self.assignments.matrix(actor, assignment_id)  # checks the actor teaches it
        emails = {
            m.learner_id: m.email
            for m in self.cohorts.members(
                actor, self.assignments.get(actor, assignment_id)[0].cohort_id
            )
        }
        reports = reports_of(self.store, [c.attempt_id for c in cells if c.attempt_id])
        columns, results = _requirement_results(reports)
        header = [
            "learner",
            "email",
            "exercise",
            "best score",
            "solved",
            "solved at",
            "attempts",
            "hints used",
            "find the flaw",
            "late",
            "days late",
            "penalty",
            "score before penalty",
            "deadline",
            *[f"{slug}: {label}" for slug, label in columns],
        ]

        # Each exercise's requirements are one run of columns: a row fills its own, blank elsewhere.
        runs: dict[str, tuple[int, list[str]]] = {}
        for index, (slug, label) in enumerate(columns):
            runs.setdefault(slug, (index, []))[1].append(label)

        def rows() -> Iterator[list[object]]:
            for cell in cells:
                passed = results.get(cell.attempt_id or -1, {})
                start, labels = runs.get(cell.exercise, (len(columns), []))
                yield [
                    cell.learner,
                    emails.get(cell.learner_id, ""),
                    cell.exercise,
                    cell.score,
                    "yes" if cell.solved else "no",
                    _when(cell.solved_at),
                    cell.attempts,
                    cell.hints,
                    cell.flaw,
                    "yes" if cell.late else "no",
                    cell.days_late,
                    cell.penalty,
                    cell.raw_score,
                    _when(cell.deadline),
                    *[""] * start,
                    *[passed.get(label, "") for label in labels],
                    *[""] * (len(columns) - start - len(labels)),
                ]

        return to_csv(header, rows(), checked=len(header) - len(columns))

    def roster_csv(self, actor: Actor, cohort_id: int) -> bytes:
        members = self.cohorts.members(actor, cohort_id)
        return to_csv(
            ["name", "email", "joined", "board name"],
            ([m.name, m.email, _when(m.joined_at), m.pseudonym or ""] for m in members),
        )

    def attempts_jsonl(self, actor: Actor, cohort_id: int) -> bytes:
        """Every attempt of every member on the exercises assigned in this cohort, as gzipped
        JSON Lines: by member name, exercise and time. Read in one streamed query; each stored
        report goes out as the JSON text it is stored as (decoding and encoding 200,000 reports
        cost minutes), and the file is compressed as it is written, so the server holds the
        compressed file, not the hundreds of megabytes a big class's reports come to."""
        self.cohorts.get(actor, cohort_id)  # checks the actor teaches it
        assigned = sorted(
            {slug for _, slugs in self.assignments.of_cohort(actor, cohort_id) for slug in slugs}
        )
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packed:
            for row in cohort_attempts(self.store, cohort_id, assigned):
                packed.write(_attempt_line(row).encode("utf-8"))
        return buffer.getvalue()


def _requirement_results(
    reports: dict[int, dict[str, Any]],
) -> tuple[list[tuple[str, str]], dict[int, dict[str, str]]]:
    """Every (exercise, requirement) the reports name, in order, and per attempt each of its
    requirements' "pass" or "fail"."""
    requirements: dict[tuple[str, str], None] = {}
    results: dict[int, dict[str, str]] = {}
    for attempt_id, report in reports.items():
        results[attempt_id] = {}
        for test in report.get("tests", []):
            label = str(test.get("message") or test.get("name") or "")
            requirements[(report.get("exercise", ""), label)] = None
            results[attempt_id][label] = "pass" if test.get("status") == "passed" else "fail"
    return sorted(requirements), results


def _attempt_line(row: Any) -> str:
    """One JSON line from a row of cohort_attempts (its report spliced in as stored)."""
    (aid, name, email, slug, created, state, status, score, solved, version, content) = row[:11]
    head = json.dumps(
        {
            "attempt": aid,
            "learner": name,
            "email": email or "",
            "exercise": slug,
            "submitted_at": as_utc(created).isoformat(),
            "state": state,
            "status": status,
            "score": score,
            "solved": solved,
            "grader_version": version,
            "content_hash": content,
            "code": row[11],
        },
        ensure_ascii=False,
    )
    return f'{head[:-1]}, "report": {row[12] or "null"}}}\n'
