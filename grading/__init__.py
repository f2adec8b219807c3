"""The grader: sandbox, checks, scoring, report and CLI (no Streamlit, no database)."""

from __future__ import annotations

from grading.engine import GRADER_VERSION, Grader, grade, scan
from grading.pool import SandboxPool
from grading.report import ErrorKind, Report, Status, TestStatus

__all__ = [
    "GRADER_VERSION",
    "ErrorKind",
    "Grader",
    "Report",
    "SandboxPool",
    "Status",
    "TestStatus",
    "grade",
    "scan",
]
