"""The grader: sandbox, checks, scoring, report and CLI (no Streamlit, no database)."""

from __future__ import annotations

from grading.engine import GRADER_VERSION, grade, scan
from grading.report import ErrorKind, Report, Status

__all__ = ["GRADER_VERSION", "ErrorKind", "Report", "Status", "grade", "scan"]
