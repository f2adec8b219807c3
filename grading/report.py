"""The grading report: typed results that serialise to the JSON of the grading contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PASS = "pass"  # solved
    FAIL = "fail"  # graded, not solved
    ERROR = "error"  # not gradable: the reason says why


class ErrorKind(StrEnum):
    """Why a submission could not be graded (Report.error_kind when status is error)."""

    TOO_LARGE = "too_large"
    ENCODING = "encoding"
    EMPTY = "empty"
    SYNTAX = "syntax"
    IMPORT = "import_error"  # the module failed while being imported: no test could run
    TIMEOUT = "timeout"
    CPU_TIME = "cpu_time"
    MEMORY = "memory"
    CRASH = "crash"
    OUTPUT_LIMIT = "output_limit"
    EARLY_EXIT = "early_exit"
    TAMPERING = "tampering"
    SANDBOX_UNAVAILABLE = "sandbox_unavailable"
    INTERNAL = "internal"


# What to look for, per reason a run was stopped: said once, beside the message (which states
# only what happened and where), by whatever shows the report.
ADVICE: dict[ErrorKind, str] = {
    ErrorKind.TIMEOUT: "Look for a loop that never ends or a call that waits forever.",
    ErrorKind.CPU_TIME: "Look for work that never finishes, such as a loop that never ends.",
    ErrorKind.MEMORY: "Something grows without bound: a list, a cache, or reading everything at once.",
    ErrorKind.OUTPUT_LIMIT: "Remove the print in the loop.",
    ErrorKind.EARLY_EXIT: "Don't call sys.exit() or os._exit() in library code: raise an exception.",
}


@dataclass
class CheckResult:
    name: str  # behaviour | security | quality
    score: float  # 0..1
    weight: int
    summary: str


class TestStatus(StrEnum):
    """How one test case ended, as the report says it."""

    __test__ = False  # a grading type, not a test class for pytest to collect

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # failed outside the test body (setup or teardown)
    SKIPPED = "skipped"
    NOT_RUN = "not run"  # the tests could not import the code


@dataclass
class TestResult:
    __test__ = False  # a grading type, not a test class for pytest to collect

    name: str
    status: TestStatus
    message: str  # the test's docstring: the requirement in learner words
    output: str = ""  # what the learner's code raised or printed, at most 500 characters


@dataclass
class Finding:
    tool: str
    id: str
    severity: str  # LOW | MEDIUM | HIGH
    confidence: str
    cwe: int | None
    line: int
    column: int
    message: str
    why: str = ""  # why it matters in production, one sentence
    allowed: bool = False  # listed in the exercise's allowed_findings: shown, not counted
    expected: bool = False  # the flaw the exercise teaches: blocks "solved" at any severity
    info: str = ""  # why this rule is wrong in this environment: shown, never counted


@dataclass
class FunctionMetric:
    name: str
    line: int
    complexity: int
    rank: str


@dataclass
class Metrics:
    functions: list[FunctionMetric] = field(default_factory=list)
    maintainability: float = 100.0
    maintainability_rank: str = "A"
    max_complexity: int = 10


@dataclass
class Report:
    exercise: str
    status: Status
    solved: bool
    score: int
    message: str
    suite: str = "hidden"
    checks: list[CheckResult] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    metrics: Metrics = field(default_factory=Metrics)
    duration_ms: int = 0
    grader_version: str = ""
    error_kind: str | None = None
    error_line: int | None = None

    @classmethod
    def not_gradable(cls, exercise: str, suite: str, kind: ErrorKind, message: str) -> Report:
        """A report for code that was never graded, with the reason in learner words."""
        return cls(
            exercise=exercise,
            status=Status.ERROR,
            solved=False,
            score=0,
            message=message,
            suite=suite,
            error_kind=str(kind),
        )

    def check(self, name: str) -> CheckResult | None:
        return next((c for c in self.checks if c.name == name), None)

    @property
    def failed_tests(self) -> list[TestResult]:
        return [t for t in self.tests if t.status != TestStatus.PASSED]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        metrics = dict(data.get("metrics") or {})
        metrics["functions"] = [FunctionMetric(**f) for f in metrics.get("functions", [])]
        return cls(
            **{
                k: v
                for k, v in data.items()
                if k not in {"checks", "tests", "findings", "metrics", "status"}
            },
            status=Status(data["status"]),
            checks=[CheckResult(**c) for c in data.get("checks", [])],
            tests=[
                TestResult(**{**t, "status": TestStatus(t["status"])})
                for t in data.get("tests", [])
            ],
            findings=[Finding(**f) for f in data.get("findings", [])],
            metrics=Metrics(**metrics),
        )
